import { readFileSync } from "node:fs";
import { parseRegulation } from "./src/domain/regulation/parse.ts";
import { lintRegulation } from "./src/domain/regulation/lint.ts";
import { workingTimeFor, formatInstant } from "./src/domain/calendar/index.ts";
for (const name of ["purovsky","krymsk","bor","lyambir","sobolevo"]) {
const r = parseRegulation(readFileSync(`src/domain/regulation/presets/${name}.yaml`, "utf8"));
if (!r.ok) { console.log(r.problems); continue; }
const wt = workingTimeFor({ timeZone: r.regulation.timeZone });
const t0 = Date.now();
const f = lintRegulation(r.regulation, wt);
console.log(name, Date.now() - t0, "ms");
for (const x of f) console.log(" ", x.severity, x.code, x.stage ?? "", x.importance ?? "", x.clauses.join("|"), "line", x.line, JSON.stringify(x.params), x.example ? Object.entries(x.example).map(([k,v]) => k+"="+formatInstant(v as number, wt.timeZone)).join(" ") : "");
}
