// Runs the not-processable detector over every word form of the Russian Hunspell dictionary (npm dictionary-ru) and lists what it flags.
//
// The dictionary is ordinary written Russian, so almost everything flagged here is either
// мат and abuse the dictionary happens to hold ("сука", "жопа") or a false flag to fix with
// an exclusion ("перебои" once matched "пере-еб"). Read the list; nothing here is scored.
// Usage: node --import tsx bench/triage/not-processable-dictionary.ts [--all]
import dictionary from "dictionary-ru";
import { detectNotProcessable } from "../../src/domain/triage/not-processable.ts";

const decoder = new TextDecoder("utf-8");
const aff = decoder.decode(dictionary.aff).split("\n");
const dic = decoder.decode(dictionary.dic).split("\n").slice(1);

interface Rule {
  strip: string;
  add: string;
  condition: RegExp;
}
const suffixes = new Map<string, Rule[]>();
for (const line of aff) {
  const f = line.trim().split(/\s+/);
  if (f[0] !== "SFX" || f.length < 5) continue;
  const [, flag, strip, add, condition] = f as [string, string, string, string, string];
  const rules = suffixes.get(flag) ?? [];
  rules.push({
    strip: strip === "0" ? "" : strip,
    add: add === "0" ? "" : (add.split("/")[0] ?? ""),
    condition: new RegExp(`${condition === "." ? "" : condition}$`),
  });
  suffixes.set(flag, rules);
}

const forms = new Set<string>();
for (const entry of dic) {
  const [stem = "", flags = ""] = entry.trim().split("/");
  if (!stem || /[A-Z]/i.test(stem[0] ?? "")) continue;
  const word = stem.toLowerCase();
  forms.add(word);
  for (const flag of flags) {
    for (const r of suffixes.get(flag) ?? []) {
      if (r.condition.test(word) && word.endsWith(r.strip)) {
        forms.add(word.slice(0, word.length - r.strip.length) + r.add);
      }
    }
  }
}

const flagged = new Map<string, string[]>();
for (const form of forms) {
  const v = detectNotProcessable(form);
  if (v.reason) flagged.set(v.reason, [...(flagged.get(v.reason) ?? []), form]);
}
console.log(`Словоформ в словаре: ${forms.size.toLocaleString("ru-RU")}`);
for (const [reason, words] of flagged) {
  console.log(`\n${reason}: ${words.length}`);
  const shown = process.argv.includes("--all") ? words : words.slice(0, 400);
  console.log(shown.join(", "));
}
