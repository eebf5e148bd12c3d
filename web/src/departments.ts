// Which departments the routing dialog offers first.

/**
 * The departments in charge of the cases' topic (when they share one) first, then the others, each
 * group in the order given.
 */
export function byTopic<D extends { topics: string[] }>(
  departments: readonly D[],
  cases: readonly { topic?: string | null }[],
): { topic: string | null; first: D[]; others: D[] } {
  const topics = new Set(cases.map((c) => c.topic ?? null));
  const topic = topics.size === 1 ? [...topics][0]! : null;
  const first = topic === null ? [] : departments.filter((d) => d.topics.includes(topic));
  return { topic, first, others: departments.filter((d) => !first.includes(d)) };
}
