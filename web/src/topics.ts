// The tenant's rubricator (topics), loaded once per page view; the default one until it answers.
import { useEffect, useState } from "react";
import { api } from "./api/client.ts";
import fallback from "../../src/domain/triage/rubricator.json";

export interface Topic {
  code: string;
  name: string;
  covers?: string;
}

let cached: Promise<Topic[]> | undefined;

function topicsOf(d: unknown): Topic[] | null {
  const list = Array.isArray(d) ? d : (d as { topics?: unknown } | null)?.topics;
  return Array.isArray(list) ? (list as Topic[]) : null;
}

export function loadTopics(): Promise<Topic[]> {
  cached ??= api.get<unknown>("/tenant/rubricator").then(
    (d) => topicsOf(d) ?? fallback.topics,
    () => fallback.topics,
  );
  return cached;
}

/** After the admin saves the rubricator: the next reader loads it anew. */
export function forgetTopics(): void {
  cached = undefined;
}

export function useTopics(): Topic[] {
  const [topics, setTopics] = useState<Topic[]>(fallback.topics);
  useEffect(() => {
    let live = true;
    void loadTopics().then((t) => live && setTopics(t));
    return () => {
      live = false;
    };
  }, []);
  return topics;
}

export function topicName(topics: readonly Topic[], code: string | null): string | null {
  if (!code) return null;
  return topics.find((t) => t.code === code)?.name ?? code;
}
