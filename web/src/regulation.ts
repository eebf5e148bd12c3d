// The tenant's regulation as the desk needs it: the server sends the YAML and the linter's
// findings; the domain's own parser (loaded on demand, it is the largest piece of the domain)
// turns the YAML into procedures and stages for the readable table and the draft checklist.
import { useEffect, useState } from "react";
import { api } from "./api/client.ts";
import type { RegulationView } from "./api/types.ts";
import type { Regulation } from "../../src/domain/regulation/model.ts";

export interface LoadedRegulation {
  view: RegulationView;
  regulation: Regulation | null;
}

let cached: Promise<LoadedRegulation | null> | undefined;

export function loadRegulation(): Promise<LoadedRegulation | null> {
  cached ??= api.get<RegulationView>("/tenant/regulation").then(
    async (view) => {
      const { parseRegulation } = await import("../../src/domain/regulation/parse.ts");
      const parsed = parseRegulation(view.text);
      return { view, regulation: parsed.ok ? parsed.regulation : null };
    },
    () => {
      cached = undefined;
      return null;
    },
  );
  return cached;
}

/** After the admin saves the regulation: the next reader loads it anew. */
export function forgetRegulation(): void {
  cached = undefined;
}

export function useRegulation(): LoadedRegulation | null | undefined {
  const [value, setValue] = useState<LoadedRegulation | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadRegulation().then((r) => live && setValue(r));
    return () => {
      live = false;
    };
  }, []);
  return value;
}

/** The checklist of an answer under a procedure (the regulation's answerRequirements). */
export function useAnswerRequirements(procedure: string | undefined): string[] {
  const loaded = useRegulation();
  const p = loaded?.regulation?.procedures.find((x) => x.id === procedure);
  return p?.answerRequirements?.requires ?? [];
}
