// The settlements of the tenant's gazetteer, loaded once per page view: territorial units serve
// them, and the queue's location filter offers them.
import { useEffect, useState } from "react";
import { api } from "./api/client.ts";
import type { TenantGazetteer } from "./api/types.ts";

let cached: Promise<string[]> | undefined;

function loadSettlements(): Promise<string[]> {
  cached ??= api.get<TenantGazetteer>("/tenant/gazetteer").then(
    (g) => (g.gazetteer?.settlements ?? []).map((s) => s.name),
    () => [],
  );
  return cached;
}

/** After the admin saves the gazetteer: the next reader loads it anew. */
export function forgetSettlements(): void {
  cached = undefined;
}

export function useSettlements(): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void loadSettlements().then((n) => live && setNames(n));
    return () => {
      live = false;
    };
  }, []);
  return names;
}
