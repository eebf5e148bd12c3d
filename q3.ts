import { readFileSync } from "node:fs";
import { parseRegulation } from "./src/domain/regulation/parse.ts";
import { describeProblem } from "./src/domain/regulation/messages.ts";
const r = parseRegulation(readFileSync(process.argv[2]!, "utf8"));
if (!r.ok) for (const p of r.problems) console.log(describeProblem(p, "ru"));
