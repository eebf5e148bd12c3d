// Server-side prepared statements for every query Kysely sends to a PostgreSQL server. The desk's
// queries have a fixed shape per use (the card, a case for a decision, a queue page), and the
// larger ones cost PostgreSQL more to plan than to run: the card's plan takes about 2 ms, its run
// under 1. Each statement gets a name from its text, so a connection parses and plans it once and
// after that only binds new values. A connection keeps at most PREPARED_PER_CONNECTION of them
// (texts with lists of varying length make new shapes); beyond that, statements go unnamed as before.
import { createHash } from "node:crypto";
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";
import type pg from "pg";

export const PREPARED_PER_CONNECTION = 100;

const named = new WeakMap<pg.PoolClient, Set<string>>();

/** Queries only, one command each: DDL, transaction control and scripts of migrations go unnamed. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b[^;]*$/i;

/** Names by text, null for a text that goes unnamed; worked out once per text, not per call. */
const nameByText = new Map<string, string | null>();
/** Texts remembered at most (a few MB; lists of varying length make new texts), then it starts again. */
const NAMES_KEPT = 1_000;

function nameOf(sql: string): string | null {
  let name = nameByText.get(sql);
  if (name === undefined) {
    name = PREPARABLE.test(sql)
      ? `k${createHash("sha1").update(sql).digest("base64url").slice(0, 22)}`
      : null;
    if (nameByText.size >= NAMES_KEPT) nameByText.clear();
    nameByText.set(sql, name);
  }
  return name;
}

/** The pool as Kysely's PostgresDialect takes it, each of its connections naming its statements. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let names = named.get(client);
      if (!names) named.set(client, (names = new Set()));
      const prepared = names;
      function query<R>(
        sql: string,
        parameters: ReadonlyArray<unknown>,
      ): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(
        sqlOrCursor: string | PostgresCursor<R>,
        parameters?: ReadonlyArray<unknown>,
      ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        if (typeof sqlOrCursor !== "string")
          return client.query(
            sqlOrCursor as unknown as pg.Submittable,
          ) as unknown as PostgresCursor<R>;
        const values = [...(parameters ?? [])];
        const unnamed = () =>
          client.query(sqlOrCursor, values) as unknown as Promise<PostgresQueryResult<R>>;
        const name = nameOf(sqlOrCursor);
        if (name === null) return unnamed();
        if (!prepared.has(name)) {
          if (prepared.size >= PREPARED_PER_CONNECTION) return unnamed();
          prepared.add(name);
        }
        return client.query({ name, text: sqlOrCursor, values }) as unknown as Promise<
          PostgresQueryResult<R>
        >;
      }
      return { query, release: () => client.release() };
    },
    end: () => pool.end(),
  };
}
