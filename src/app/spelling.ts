// The Russian spelling dictionary (Hunspell, npm dictionary-ru through nspell), loaded once on first use.
import type { SpellChecker } from "../domain/triage/answer-quality.ts";

let loading: Promise<SpellChecker> | undefined;

/**
 * The checker for answer-quality checks. Reading the dictionary takes a few seconds and
 * some 100 MB, so it happens on the first call, not at import, and once per process.
 */
export function loadRussianSpelling(): Promise<SpellChecker> {
  loading ??= (async () => {
    const [{ default: dictionary }, { default: nspell }] = await Promise.all([
      import("dictionary-ru"),
      import("nspell"),
    ]);
    const checker = nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) });
    return {
      correct: (word: string) => checker.correct(word),
      suggest: (word: string) => checker.suggest(word),
    };
  })();
  return loading;
}
