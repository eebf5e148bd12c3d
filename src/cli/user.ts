// otklik user add: a local account with its role in an administration.
import { addMembership, createUser } from "../app/users.ts";
import { ROLES, type Role } from "../domain/workflow/policy.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { parseOptions, readAll, UsageError, writeLine, type Command } from "./command.ts";
import { cliConfig, dataOverride, openConfiguredDatabase } from "./database.ts";

const HELP = `Использование:
  otklik user add --login ЛОГИН (--password ПАРОЛЬ | --password-stdin) --name "ФИО"
                  --tenant АДМИНИСТРАЦИЯ --role РОЛЬ [--department "ПОДРАЗДЕЛЕНИЕ"] [--data ПАПКА]
Роли: ${ROLES.join(", ")}; исполнителю (executor) нужно подразделение.
--password-stdin читает пароль из стандартного ввода (не остаётся в истории команд).`;

const ROLE_NAMES: Record<Role, string> = {
  curator: "куратор",
  executor: "исполнитель",
  approver: "согласующий",
  supervisor: "ответственное лицо",
  admin: "администратор",
};

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

export const user: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === "--help" || sub === "-h" || sub === undefined) {
    writeLine(sub === undefined ? io.stderr : io.stdout, HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== "add") throw new UsageError(`неизвестная подкоманда «${sub}»; есть: add`);
  const { values } = parseOptions(rest, {
    login: { type: "string" },
    password: { type: "string" },
    "password-stdin": { type: "boolean" },
    name: { type: "string" },
    tenant: { type: "string" },
    role: { type: "string" },
    department: { type: "string" },
    data: { type: "string" },
  });
  const missing = (["login", "name", "tenant", "role"] as const).filter((k) => !values[k]?.trim());
  if (missing.length)
    throw new UsageError(`не хватает параметров: ${missing.map((k) => `--${k}`).join(", ")}`);
  const role = values.role as string;
  if (!isRole(role)) throw new UsageError(`неизвестная роль «${role}»; есть: ${ROLES.join(", ")}`);
  if (role === "executor" && !values.department?.trim())
    throw new UsageError("исполнителю нужно подразделение: --department");
  if (role !== "executor" && values.department !== undefined)
    throw new UsageError("подразделение указывается только для исполнителя (executor)");
  if (values.password !== undefined && values["password-stdin"])
    throw new UsageError("укажите пароль одним способом: --password или --password-stdin");
  let password = values.password;
  if (values["password-stdin"]) password = (await readAll(io.stdin)).replace(/\r?\n$/, "");
  if (password === undefined)
    throw new UsageError("нужен пароль: --password ПАРОЛЬ или --password-stdin");
  if (password.length < 10) throw new UsageError("пароль короче 10 символов");

  const config = cliConfig(dataOverride(values.data));
  const database = await openConfiguredDatabase(config);
  try {
    await migrateToLatest(database.db);
    const now = Date.now();
    const outcome = await database.db.transaction().execute(async (tx) => {
      const tenant = await tx
        .selectFrom("tenants")
        .select(["id", "slug"])
        .where("slug", "=", values.tenant as string)
        .executeTakeFirst();
      if (!tenant) throw new UsageError(`нет администрации «${values.tenant}»`);
      let department: { id: number; name: string } | null = null;
      if (role === "executor") {
        const all = await tx
          .selectFrom("departments")
          .select(["id", "name"])
          .where("tenant_id", "=", tenant.id)
          .orderBy("name")
          .execute();
        const wanted = (values.department as string).trim().toLowerCase();
        department = all.find((d) => d.name.toLowerCase() === wanted) ?? null;
        if (!department)
          throw new UsageError(
            `в администрации «${tenant.slug}» нет подразделения «${values.department}»; есть: ${all.map((d) => d.name).join("; ") || "—"}`,
          );
      }
      const created = await createUser(
        tx,
        { login: values.login as string, password, fullName: (values.name as string).trim() },
        null,
        now,
      );
      if (!created.ok) return created;
      await addMembership(tx, tenant.id, created.id, role, department?.id ?? null, null, now);
      return { ok: true as const, tenant: tenant.slug, department };
    });
    if (!outcome.ok) {
      const problem =
        outcome.kind === "invalidInput" && outcome.field === "login" && outcome.reason === "taken"
          ? `логин «${values.login}» уже занят`
          : outcome.kind === "invalidInput" && outcome.field === "login"
            ? "логин: от 3 до 64 символов — латинские буквы, цифры, точка, дефис, подчёркивание"
            : `не удалось добавить пользователя: ${JSON.stringify(outcome)}`;
      writeLine(io.stderr, `otklik user: ${problem}`);
      return outcome.kind === "invalidInput" && outcome.reason === "taken" ? 1 : 2;
    }
    writeLine(
      io.stdout,
      `Пользователь «${(values.login as string).trim().toLowerCase()}» добавлен: ${outcome.tenant}, ${ROLE_NAMES[role]}${outcome.department ? `, «${outcome.department.name}»` : ""}.`,
    );
    return 0;
  } finally {
    await database.close();
  }
};
