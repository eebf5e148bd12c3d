// otklik tenant: the administrations of a deployment. A new district or settlement is added here
// with its regulation (a preset or its own file); its admin is then added with `otklik user add`
// and sets up the rest (departments, people, rubricator, gazetteer, accounts) at the desk.
import { readFileSync } from "node:fs";
import { describeProblem } from "../domain/regulation/messages.ts";
import { parseRegulation } from "../domain/regulation/parse.ts";
import { isPresetName, PRESETS } from "../domain/regulation/presets.ts";
import { loadPreset, presetText } from "../app/regulation-presets.ts";
import { createTenant } from "../app/tenants.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { parseOptions, UsageError, withSubcommands, writeLine, type Io } from "./command.ts";
import { cliConfig, dataOverride, openConfiguredDatabase } from "./database.ts";
import { unreadableRegulation } from "./regulation.ts";
import { renderTable } from "./table.ts";

const HELP = `Использование:
  otklik tenant add --slug КОД --name "НАЗВАНИЕ" --regulation <пресет|файл>
                    [--time-zone ЗОНА] [--prefix ПРЕФИКС] [--data ПАПКА]
  otklik tenant list [--json] [--data ПАПКА]
КОД — латиница, цифры и дефис (krasnoselkup); он же --tenant в otklik user add.
Пресеты: ${PRESETS.map((p) => `${p.name} (${p.place})`).join(", ")}.
Часовой пояс и префикс номеров берутся из регламента; --time-zone и --prefix их заменяют.
Администрация с кодом пресета (--slug purovsky --regulation purovsky) получает и его справочник
мест; другая берёт только текст регламента, а справочник загружает её администратор.`;

interface Listed {
  slug: string;
  name: string;
  timeZone: string;
  prefix: string;
  /** The shipped administration it is (its regulation and gazetteer), if any. */
  preset: string | null;
}

async function add(argv: string[], io: Io): Promise<number> {
  const { values } = parseOptions(argv, {
    slug: { type: "string" },
    name: { type: "string" },
    regulation: { type: "string" },
    "time-zone": { type: "string" },
    prefix: { type: "string" },
    data: { type: "string" },
  });
  const missing = (["slug", "name", "regulation"] as const).filter((k) => !values[k]?.trim());
  if (missing.length)
    throw new UsageError(`не хватает параметров: ${missing.map((k) => `--${k}`).join(", ")}`);
  const slug = (values.slug as string).trim();
  if (!/^[a-z][a-z0-9-]{1,62}$/.test(slug))
    throw new UsageError(
      `код «${slug}»: от 2 до 63 знаков — строчная латиница, цифры и дефис, первой буква`,
    );
  const source = values.regulation as string;
  // The preset's own administration is that preset (its gazetteer too); another one adopting
  // its regulation gets the text alone.
  let preset: string | undefined;
  let text: string | undefined;
  let regulationPrefix: string;
  if (isPresetName(source)) {
    const loaded = loadPreset(source);
    if (!loaded.ok) throw new Error(`preset ${source} does not read`);
    regulationPrefix = loaded.regulation.caseNumberPrefix;
    if (slug === source) preset = source;
    else text = presetText(source);
  } else {
    try {
      text = readFileSync(source, "utf8");
    } catch (e) {
      throw unreadableRegulation(source, e);
    }
    const parsed = parseRegulation(text);
    if (!parsed.ok) {
      writeLine(io.stderr, `otklik tenant: ${source}: регламент не читается`);
      for (const p of parsed.problems) writeLine(io.stderr, `  ${describeProblem(p, "ru")}`);
      return 1;
    }
    regulationPrefix = parsed.regulation.caseNumberPrefix;
  }
  const prefix = values.prefix?.trim().toUpperCase();
  if (prefix !== undefined && !/^[А-ЯЁA-Z]{2,5}$/.test(prefix))
    throw new UsageError(`префикс «${values.prefix}»: от 2 до 5 заглавных букв (КРС)`);

  const database = await openConfiguredDatabase(cliConfig(dataOverride(values.data)));
  try {
    await migrateToLatest(database.db);
    const outcome = await database.db.transaction().execute(async (tx) => {
      // Case numbers name their administration: two sharing a prefix would print the same numbers.
      const sharing = await tx
        .selectFrom("tenants")
        .select("slug")
        .where("case_number_prefix", "=", prefix ?? regulationPrefix)
        .where("slug", "!=", slug)
        .executeTakeFirst();
      if (sharing) return { sharing, created: undefined, row: undefined };
      const created = await createTenant(
        tx,
        {
          slug,
          name: (values.name as string).trim(),
          ...(preset !== undefined ? { preset } : { regulation: text as string }),
          ...(values["time-zone"] !== undefined ? { timeZone: values["time-zone"] } : {}),
          ...(prefix !== undefined ? { caseNumberPrefix: prefix } : {}),
        },
        null,
        Date.now(),
      );
      if (!created.ok) return { created, row: undefined, sharing: undefined };
      const row = await tx
        .selectFrom("tenants")
        .select(["slug", "time_zone", "case_number_prefix"])
        .where("id", "=", created.id)
        .executeTakeFirstOrThrow();
      return { created, row, sharing: undefined };
    });
    const { created, row, sharing } = outcome;
    if (sharing) {
      writeLine(
        io.stderr,
        `otklik tenant: номера «${prefix ?? regulationPrefix}-…» уже у администрации «${sharing.slug}»: задайте свой префикс --prefix`,
      );
      return 1;
    }
    if (!created.ok) {
      const failure =
        created.kind === "invalidInput" && created.field === "slug" && created.reason === "taken"
          ? { code: 1, text: `администрация «${slug}» уже есть` }
          : created.kind === "invalidInput" && created.field === "timeZone"
            ? {
                code: 2,
                text: `часовой пояс «${values["time-zone"]}» неизвестен (Asia/Yekaterinburg)`,
              }
            : { code: 2, text: `не удалось добавить: ${JSON.stringify(created)}` };
      writeLine(io.stderr, `otklik tenant: ${failure.text}`);
      return failure.code;
    }
    writeLine(
      io.stdout,
      `Администрация «${row!.slug}» добавлена: ${isPresetName(source) ? `регламент ${source}` : `регламент из ${source}`}, ` +
        `часовой пояс ${row!.time_zone}, номера ${row!.case_number_prefix}-${new Date().getFullYear()}-000001` +
        `${preset ? `, справочник мест пресета ${preset}` : "; справочник мест загрузит администратор"}.\n` +
        `Дальше: otklik user add --tenant ${row!.slug} --role admin --login … --name "…" --password-stdin`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

async function list(argv: string[], io: Io): Promise<number> {
  const { values } = parseOptions(argv, { json: { type: "boolean" }, data: { type: "string" } });
  const database = await openConfiguredDatabase(cliConfig(dataOverride(values.data)));
  let tenants: Listed[];
  try {
    await migrateToLatest(database.db);
    const rows = await database.db
      .selectFrom("tenants")
      .select(["slug", "name", "time_zone", "case_number_prefix", "preset"])
      .orderBy("slug")
      .execute();
    tenants = rows.map((r) => ({
      slug: r.slug,
      name: r.name,
      timeZone: r.time_zone,
      prefix: r.case_number_prefix,
      preset: r.preset,
    }));
  } finally {
    await database.close();
  }
  if (values.json) writeLine(io.stdout, JSON.stringify(tenants));
  else if (tenants.length === 0)
    writeLine(io.stdout, "Администраций нет: otklik tenant add --help");
  else
    writeLine(
      io.stdout,
      renderTable(
        ["код", "название", "часовой пояс", "префикс", "пресет"],
        tenants.map((t) => [t.slug, t.name, t.timeZone, t.prefix, t.preset ?? "—"]),
        [24, 48, 22, 8, 10],
      ),
    );
  return 0;
}

export const tenant = withSubcommands("tenant", { add, list }, HELP);
