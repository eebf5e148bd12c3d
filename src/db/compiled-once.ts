// Statements whose text never changes, built and compiled by Kysely once per process: each run
// only fills in its values. For the statements every request makes (the session's), where
// building the query each time cost more than PostgreSQL took to run it.
import { CompiledQuery, type Compilable } from "kysely";
import type { Tx } from "./cases.ts";

/** Where an argument's value goes among the compiled statement's parameters. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A statement built by `build` from its arguments, which it may use as values only (in
 * comparisons, inserted values…), never to choose the statement's shape: the first run compiles
 * it with a placeholder for each argument, later runs reuse the text.
 */
export function compiledOnce<A extends Record<string, unknown>, O>(
  build: (db: Tx, args: A) => Compilable<O>,
): (db: Tx, args: A) => Promise<O[]> {
  let compiled: { sql: string; parameters: readonly unknown[] } | undefined;
  return async (db, args) => {
    if (!compiled) {
      const slots = Object.fromEntries(Object.keys(args).map((k) => [k, new Slot(k)]));
      const made = build(db, slots as A).compile();
      const used = new Set(made.parameters.flatMap((p) => (p instanceof Slot ? [p.name] : [])));
      const unused = Object.keys(args).filter((k) => !used.has(k));
      if (unused.length)
        throw new Error(`compiledOnce: ${unused.join(", ")} must be values of the statement`);
      compiled = made;
    }
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? args[p.name] : p));
    const result = await db.executeQuery<O>(CompiledQuery.raw(compiled.sql, parameters));
    return result.rows;
  };
}
