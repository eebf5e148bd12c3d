// The otklik command: dispatches to one module per command.
import { UsageError, type Command, type Io } from "./command.ts";

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  calendar: {
    summary: "производственный календарь и расчёт сроков в рабочем времени",
    load: async () => (await import("./calendar.ts")).calendar,
  },
  "answer-check": {
    summary: "проверка проекта ответа: канцеляризмы, орфография, требования регламента",
    load: async () => (await import("./answer-check.ts")).answerCheck,
  },
  triage: {
    summary:
      "первичный разбор сообщений: тема, место, важность, не подлежащие обработке, повторы (JSONL)",
    load: async () => (await import("./triage.ts")).triage,
  },
  regulation: {
    summary: "регламенты: список, таблица этапов и сроков, проверка",
    load: async () => (await import("./regulation.ts")).regulation,
  },
  serve: {
    summary: "сервер рабочего места и планировщик сроков [--data ПАПКА] [--port P] [--host H]",
    load: async () => (await import("./serve.ts")).serve,
  },
  start: {
    summary: "то, что запускает npm start: демо при первом запуске, затем сервер",
    load: async () => (await import("./start.ts")).start,
  },
  migrate: {
    summary: "обновить схему базы данных [--data ПАПКА]",
    load: async () => (await import("./migrate.ts")).migrate,
  },
  tenant: {
    summary: "администрации: tenant add --slug … --name … --regulation <пресет|файл>; tenant list",
    load: async () => (await import("./tenant.ts")).tenant,
  },
  user: {
    summary: "пользователи: user add --login … --tenant … --role …",
    load: async () => (await import("./user.ts")).user,
  },
  demo: {
    summary:
      "пять демо-администраций с сообщениями за три недели [--data ПАПКА] [--json] [--now ISO]",
    load: async () => (await import("./demo.ts")).demo,
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return ["Использование: otklik <команда> [параметры]", "", "Команды:", ...lines].join("\n");
}

export async function main(argv: string[], io: Io = process): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  try {
    if (!entry) throw new UsageError(`неизвестная команда «${name}»; список: otklik --help`);
    const command = await entry.load();
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`otklik ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
