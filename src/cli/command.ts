// What every CLI command is: arguments and standard streams in, an exit code out.
import { parseArgs, type ParseArgsConfig } from "node:util";

export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** A command returns its exit code: 0 done, 1 the work found problems, 2 bad arguments. */
export type Command = (argv: string[], io: Io) => Promise<number>;

/** Bad arguments: main prints the message on one line and exits with 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** node:util parseArgs, strict, with its errors turned into one-line usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    const { code, message } = e as { code?: string; message: string };
    const name = /'(-[^']*)'/.exec(message)?.[1] ?? /"([^"]*)"/.exec(message)?.[1] ?? "";
    const text: Record<string, string> = {
      ERR_PARSE_ARGS_UNKNOWN_OPTION: `неизвестный параметр «${name}»`,
      ERR_PARSE_ARGS_INVALID_OPTION_VALUE: `параметру «${name}» нужно значение`,
      ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: `лишний аргумент «${name}»`,
    };
    throw new UsageError(text[code ?? ""] ?? message.split("\n")[0] ?? "неверные аргументы", {
      cause: e,
    });
  }
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${line}\n`);
}

/** The --lang option: Russian unless English is asked for. */
export function localeOf(lang: string | undefined): "ru" | "en" {
  if (lang === undefined || lang === "ru") return "ru";
  if (lang === "en") return "en";
  throw new UsageError(`--lang: «${lang}» — нужно ru или en`);
}

/** A command made of subcommands ("calendar year", "calendar add"…) with its help text. */
export function withSubcommands(
  name: string,
  subcommands: Record<string, Command>,
  help: string,
): Command {
  return async (argv, io) => {
    const [sub, ...rest] = argv;
    if (sub === "--help" || sub === "-h" || sub === "help") {
      writeLine(io.stdout, help);
      return 0;
    }
    const run = sub === undefined ? undefined : subcommands[sub];
    if (!run) {
      const list = Object.keys(subcommands).join(", ");
      throw new UsageError(
        sub
          ? `неизвестная подкоманда «${sub}»; см. otklik ${name} --help`
          : `нужна подкоманда: ${list}`,
      );
    }
    return run(rest, io);
  };
}
