// A Kysely dialect for embedded PGlite: one session, so connections are taken one at a time.
// Statements with parameters are prepared once per text under a name, as on the server
// (prepared-pool.ts): PGlite's own `query` parses, plans and describes every statement anew, in
// five exchanges with the backend. Loading a case for a decision is 2.7 times faster so, reading a
// card 4.2 times (`npm run bench:embedded`, BENCHMARKS.md).
import { parse, protocol, type PGlite } from "@electric-sql/pglite";
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from "kysely";

/** A queue so that a transaction holds the only session until it ends. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

type Results<R> = Awaited<ReturnType<PGlite["query"]>> & { rows: R[] };
type BackendMessage = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];

/** A statement prepared in the session: its name and its parameters' types. */
interface Prepared {
  name: string;
  types: number[];
  /** The description of its rows (none for a statement without), given with every result. */
  row: BackendMessage[];
}

// A session holds this many prepared statements at most; past it, the oldest is closed. The desk
// runs a few hundred texts; a query built with a varying number of parameters ("in" lists)
// makes a text per length.
const MAX_PREPARED = 2000;

/**
 * The statements prepared in a PGlite session, whichever Kysely instance prepared them: the
 * session is one per PGlite, and so are the statements' names.
 */
interface Session {
  prepared: Map<string, Prepared>;
  named: number;
}
const sessions = new WeakMap<PGlite, Session>();

function sessionOf(pg: PGlite): Session {
  let session = sessions.get(pg);
  if (!session) sessions.set(pg, (session = { prepared: new Map(), named: 0 }));
  return session;
}

class PGliteConnection implements DatabaseConnection {
  private readonly session: Session;

  constructor(
    private readonly pg: PGlite,
    private readonly maxPrepared: number,
  ) {
    this.session = sessionOf(pg);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters the simple protocol runs the text as is, several statements included
    // (migrations); with parameters it is one prepared statement.
    const result = !query.parameters.length
      ? ((await this.pg.exec(query.sql, { rowMode: "object" })).at(-1) as Results<R>)
      : this.maxPrepared > 0
        ? await this.run<R>(query.sql, query.parameters)
        : await this.pg.query<R>(query.sql, [...query.parameters], { rowMode: "object" });
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && result.command !== "SELECT"
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }

  /** Binds and runs the statement prepared for `text`, preparing it first when it is new. */
  private run<R>(text: string, parameters: readonly unknown[]): Promise<Results<R>> {
    const pg = this.pg;
    const send = (message: Uint8Array) => pg.execProtocolStream(message, { syncToFs: false });
    // The same exclusions PGlite's own `query` takes, so a LISTEN or a dump waits for it.
    return pg._runExclusiveTransaction(() =>
      pg._runExclusiveQuery(async () => {
        const messages: BackendMessage[] = [];
        try {
          const statement = this.session.prepared.get(text) ?? (await this.prepare(text, send));
          const values = parameters.map((value, i) => {
            if (value === null || value === undefined) return null;
            const serialize = pg.serializers[statement.types[i]!];
            return serialize ? serialize(value) : String(value);
          });
          const bind = protocol.serialize.bind({ statement: statement.name, values });
          const execute = protocol.serialize.execute({});
          const sync = protocol.serialize.sync();
          const all = new Uint8Array(bind.length + execute.length + sync.length);
          all.set(bind);
          all.set(execute, bind.length);
          all.set(sync, bind.length + execute.length);
          messages.push(...statement.row, ...(await send(all)));
        } catch (e) {
          messages.push(...(await send(protocol.serialize.sync())));
          throw e;
        }
        if (!pg.isInTransaction()) await pg.syncToFs();
        return parse.parseResults(messages, pg.parsers, { rowMode: "object" })[0] as Results<R>;
      }),
    );
  }

  private async prepare(
    text: string,
    send: (message: Uint8Array) => Promise<BackendMessage[]>,
  ): Promise<Prepared> {
    const { prepared } = this.session;
    if (prepared.size >= this.maxPrepared) {
      const [oldest, { name }] = prepared.entries().next().value as [string, Prepared];
      prepared.delete(oldest);
      await send(protocol.serialize.close({ type: "S", name }));
    }
    const name = `otklik_${++this.session.named}`;
    await send(protocol.serialize.parse({ name, text, types: [] }));
    const described = await send(protocol.serialize.describe({ type: "S", name }));
    const types = parse.parseDescribeStatementResults(described);
    const statement = { name, types, row: described.filter((m) => m.name === "rowDescription") };
    prepared.set(text, statement);
    return statement;
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite does not stream query results");
  }
}

class PGliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: PGliteConnection;
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(pg: PGlite, maxPrepared: number) {
    this.connection = new PGliteConnection(pg, maxPrepared);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock();
    this.releases.set(this.connection, release);
    return this.connection;
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : "";
    await connection.executeQuery(CompiledQuery.raw(`begin${level}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.releases.get(connection);
    this.releases.delete(connection);
    release?.();
  }

  async destroy(): Promise<void> {}
}

/** `maxPrepared` 0 runs every statement through PGlite's own `query` (the bench's reference). */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly pg: PGlite,
    private readonly maxPrepared = MAX_PREPARED,
  ) {}
  createAdapter = () => new PostgresAdapter();
  createDriver = () => new PGliteDriver(this.pg, this.maxPrepared);
  createQueryCompiler = () => new PostgresQueryCompiler();
  createIntrospector = (db: Kysely<unknown>) => new PostgresIntrospector(db);
}
