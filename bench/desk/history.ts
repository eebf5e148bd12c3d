// Bulk history for the bench: closed cases cloned, set-based, from templates the app walked end to
// end, with every row that hangs off a case (stages, messages, drafts, publications, notes,
// notifications, audit) — so a million cases have the shape the desk itself writes.
import pg from "pg";
import { summarySql } from "./driver.ts";

export interface HistoryPlan {
  tenantId: number;
  prefix: string;
  /** Closed cases to add. */
  count: number;
  /** Closed cases of this tenant to clone, in turn. */
  templates: number[];
}

export interface HistoryReport {
  rows: Record<string, number>;
  seconds: Record<string, number>;
}

interface Column {
  name: string;
  type: string;
  generated: boolean;
}

interface ForeignKey {
  column: string;
  references: string;
}

/**
 * Adds `count` closed cases per tenant, opened evenly between `from` and `to` (epoch ms), numbered
 * after the tenant's counters. Runs on one connection with foreign-key triggers off
 * (session_replication_role = replica: the rows are consistent by construction) and rebuilds the
 * secondary indexes of the tables it fills once at the end, which is much faster than keeping them
 * row by row.
 */
export async function cloneHistory(
  url: string,
  plans: HistoryPlan[],
  from: number,
  to: number,
  log: (line: string) => void,
): Promise<HistoryReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seconds: Record<string, number> = {};
  const rows: Record<string, number> = {};
  const timed = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await run();
    seconds[label] = (seconds[label] ?? 0) + (performance.now() - t0) / 1000;
    return result;
  };
  try {
    await client.query(`
      set session_replication_role = replica;
      set synchronous_commit = off;
      set maintenance_work_mem = '1GB';
      set work_mem = '256MB';
      set max_parallel_maintenance_workers = 2`);
    // Every table with a case_id hangs off a case; found from the schema, so a new one is cloned too.
    const hanging = (
      await client.query<{ table_name: string }>(
        `select table_name from information_schema.columns
         where table_schema = 'public' and column_name = 'case_id' order by table_name`,
      )
    ).rows.map((r) => r.table_name);
    const tables = ["cases", ...hanging];
    const columns = new Map<string, Column[]>();
    const keys = new Map<string, ForeignKey[]>();
    for (const t of tables) {
      columns.set(
        t,
        (
          await client.query<{ column_name: string; data_type: string; is_generated: string }>(
            `select column_name, data_type, is_generated from information_schema.columns
             where table_schema = 'public' and table_name = $1 order by ordinal_position`,
            [t],
          )
        ).rows.map((r) => ({
          name: r.column_name,
          type: r.data_type,
          generated: r.is_generated === "ALWAYS",
        })),
      );
      keys.set(
        t,
        (
          await client.query<{ column: string; references: string }>(
            `select a.attname as column, c.confrelid::regclass::text as references
             from pg_constraint c
             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
             where c.contype = 'f' and c.conrelid = $1::regclass and cardinality(c.conkey) = 1`,
            [t],
          )
        ).rows,
      );
    }

    // Secondary indexes (not those behind a key or a unique constraint) go, and come back at the end.
    const indexes = (
      await client.query<{ indexname: string; indexdef: string }>(
        `select i.indexname, i.indexdef from pg_indexes i
         where i.schemaname = 'public' and i.tablename = any($1)
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
        [tables],
      )
    ).rows;
    await timed("drop indexes", async () => {
      for (const i of indexes) await client.query(`drop index ${pg.escapeIdentifier(i.indexname)}`);
    });

    const templates = plans.flatMap((p) => p.templates);
    // Rows of the templates, each with its rank among its case's rows: the clone of row r for the
    // g-th new case gets id base + (g - 1) * width + rank, so references between clones follow.
    const layout = new Map<string, { base: number; width: number }>();
    await timed("templates", async () => {
      for (const t of tables) {
        const caseColumn = t === "cases" ? "id" : "case_id";
        await client.query(`
          create temp table tpl_${t} as
          select id as old_id, ${caseColumn} as tpl_case,
                 row_number() over (partition by ${caseColumn} order by id) as rank
          from ${t} where ${caseColumn} in (${templates.join(",")});
          create index on tpl_${t} (tpl_case);
          create unique index on tpl_${t} (old_id);
          analyze tpl_${t}`);
        const r = await client.query<{ base: string; width: string }>(
          `select (select coalesce(max(id), 0) from ${t}) as base,
                  (select coalesce(max(rank), 0) from tpl_${t}) as width`,
        );
        layout.set(t, { base: Number(r.rows[0]?.base), width: Number(r.rows[0]?.width) });
      }
    });

    // One row per new case: its template, number, words, and how far its times move.
    await timed("plan", async () => {
      await client.query(`
        create temp table clone_plan (tenant_id int, tpl_case int, local int);
        create temp table clone_map (
          g bigint primary key, tenant_id int, tpl_case int, new_case_id bigint,
          opened_at timestamptz, shift interval, number text, summary text)`);
      for (const p of plans)
        await client.query(
          `insert into clone_plan
           select $1, ($2::int[])[(i - 1) % cardinality($2::int[]) + 1], i
           from generate_series(1, $3::int) i`,
          [p.tenantId, p.templates, p.count],
        );
      const cases = layout.get("cases") as { base: number; width: number };
      // Opened evenly over the span (a deterministic jitter inside each slot), numbered per year.
      await client.query(
        `insert into clone_map
         select g, x.tenant_id, tpl_case, $1::bigint + g, opened_at, opened_at - tpl_opened,
                prefix || '-' || x.year || '-' || lpad((coalesce(cc.last, 0)
                  + row_number() over (partition by x.tenant_id, x.year order by g))::text, 6, '0'),
                ${summarySql("g::int")}
         from (
           select row_number() over (order by p.tenant_id, p.local) as g, p.tenant_id, p.tpl_case,
                  o.opened_at, t.opened_at as tpl_opened, tn.case_number_prefix as prefix,
                  extract(year from o.opened_at at time zone tn.time_zone)::int as year
           from clone_plan p
           join (select tenant_id, count(*) as n from clone_plan group by tenant_id) per
             using (tenant_id)
           join cases t on t.id = p.tpl_case
           join tenants tn on tn.id = p.tenant_id
           cross join lateral (select to_timestamp($2::float8 + ($3::float8 - $2::float8)
             * (p.local - 1 + ((p.local * 7919) % 1000) / 1111.0) / per.n) as opened_at) o
         ) x
         left join case_counters cc on cc.tenant_id = x.tenant_id and cc.year = x.year`,
        [cases.base, from / 1000, to / 1000],
      );
      await client.query(`create index on clone_map (tpl_case); analyze clone_map`);
    });

    for (const t of tables) {
      const own = layout.get(t) as { base: number; width: number };
      const joins: string[] = [];
      const exprs: string[] = [];
      const names: string[] = [];
      const refs = new Map((keys.get(t) ?? []).map((k) => [k.column, k.references]));
      for (const c of columns.get(t) ?? []) {
        if (c.generated) continue;
        names.push(pg.escapeIdentifier(c.name));
        const col = `t.${pg.escapeIdentifier(c.name)}`;
        const ref = refs.get(c.name);
        if (c.name === "id") exprs.push(`${own.base} + (m.g - 1) * ${own.width} + r.rank`);
        else if (c.name === "case_id") exprs.push("m.new_case_id");
        else if (ref === "cases")
          exprs.push(`case when ${col} = m.tpl_case then m.new_case_id end`);
        else if (ref && layout.has(ref)) {
          const other = layout.get(ref) as { base: number; width: number };
          const alias = `x_${c.name}`;
          joins.push(`left join tpl_${ref} ${alias} on ${alias}.old_id = ${col}`);
          exprs.push(`${other.base} + (m.g - 1) * ${other.width} + ${alias}.rank`);
        } else if (c.type === "timestamp with time zone") exprs.push(`${col} + m.shift`);
        else if (t === "cases" && c.name === "number") exprs.push("m.number");
        else if (t === "cases" && c.name === "summary") exprs.push("m.summary");
        else if (t === "messages" && c.name === "text") exprs.push("m.summary");
        else if (c.name === "external_id") exprs.push(`${col} || '-h' || m.g`);
        else if (t === "cases" && c.name === "events")
          // Event times move with the case (the other snapshots in jsonb keep the template's times).
          exprs.push(
            `coalesce((select jsonb_object_agg(k, to_jsonb(((v #>> '{}')::timestamptz + m.shift)))
                       from jsonb_each(${col}) e(k, v)), '{}'::jsonb)`,
          );
        else exprs.push(col);
      }
      const source =
        t === "cases"
          ? `clone_map m join tpl_cases r on r.tpl_case = m.tpl_case join cases t on t.id = r.old_id`
          : `clone_map m join tpl_${t} r on r.tpl_case = m.tpl_case join ${t} t on t.id = r.old_id`;
      const inserted = await timed(t, () =>
        client.query(
          `insert into ${t} (${names.join(", ")}) overriding system value
           select ${exprs.join(", ")} from ${source} ${joins.join(" ")}`,
        ),
      );
      rows[t] = inserted.rowCount ?? 0;
      await client.query(
        `select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`,
      );
      log(`  ${t}: ${rows[t].toLocaleString("en")} rows in ${(seconds[t] ?? 0).toFixed(1)} s`);
    }

    // The yearly counters continue after the numbers history took.
    await client.query(`
      insert into case_counters (tenant_id, year, last)
      select tenant_id, split_part(number, '-', 2)::int, max(split_part(number, '-', 3)::int)
      from clone_map group by 1, 2
      on conflict (tenant_id, year) do update set last = greatest(case_counters.last, excluded.last)`);

    await timed("create indexes", async () => {
      for (const i of indexes) await client.query(i.indexdef);
    });
    log(`  indexes: ${indexes.length} rebuilt in ${(seconds["create indexes"] ?? 0).toFixed(1)} s`);
    await client.query(
      `drop table clone_plan, clone_map; ${tables.map((t) => `drop table tpl_${t};`).join(" ")}`,
    );
    return { rows, seconds };
  } finally {
    await client.end();
  }
}
