// Counts the statements this process sends to PostgreSQL (BEGIN and COMMIT included), at the
// driver, so the bench can say how many a request or a transition takes.
import pg from "pg";

let count = 0;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  count++;
  return query.apply(this, args);
};

export const statementsSent = (): number => count;
