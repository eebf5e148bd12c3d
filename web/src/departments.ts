// Which departments the routing dialog offers first.

interface Routable {
  topics: string[];
  settlements: string[];
}

export interface Offer<D> {
  /** The cases' topic, when they share one. */
  topic: string | null;
  /** The cases' settlement, when they share one and the first group serves it. */
  settlement: string | null;
  first: D[];
  others: D[];
}

const shared = (values: (string | null)[]): string | null => {
  const distinct = new Set(values);
  return distinct.size === 1 ? [...distinct][0]! : null;
};

/**
 * The departments to offer first for the cases (when they share a topic or a settlement), then the
 * others, each group in the order given:
 * - the units serving the cases' settlement, among those in charge of the topic when there is one
 *   ("Пурпе" and roads: the territorial unit of Пурпе);
 * - else, with a settlement no unit serves, those in charge of the topic for the whole territory
 *   (roads in the district's centre: the roads department, not the units of other settlements);
 * - else all in charge of the topic.
 */
export function offeredDepartments<D extends Routable>(
  departments: readonly D[],
  cases: readonly { topic?: string | null; settlement?: string | null }[],
): Offer<D> {
  const topic = shared(cases.map((c) => c.topic ?? null));
  const place = shared(cases.map((c) => c.settlement ?? null));
  const ofTopic = topic === null ? [] : departments.filter((d) => d.topics.includes(topic));
  const local =
    place === null
      ? []
      : (topic === null ? departments : ofTopic).filter((d) => d.settlements.includes(place));
  const territoryWide = place === null ? [] : ofTopic.filter((d) => d.settlements.length === 0);
  const first = local.length ? local : territoryWide.length ? territoryWide : ofTopic;
  return {
    topic,
    settlement: local.length ? place : null,
    first,
    others: departments.filter((d) => !first.includes(d)),
  };
}
