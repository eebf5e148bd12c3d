// Who actually gets an assignment: the chosen person, or their substitute while they are away.

export interface Absence {
  userId: number;
  startsAt: number;
  endsAt: number;
  substituteId: number | null;
}

export type Assignee =
  | { ok: true; userId: number; substitutedFor: number[] }
  | { ok: false; kind: "noOneAtWork"; chain: number[] };

/**
 * Follows substitutes from `userId` until someone is at work at `at`. A chain that loops or ends
 * with an absent person without a substitute reaches no one.
 */
export function resolveAssignee(
  userId: number,
  absences: readonly Absence[],
  at: number,
): Assignee {
  const chain: number[] = [];
  let current = userId;
  for (;;) {
    const away = absences.find((a) => a.userId === current && a.startsAt <= at && at < a.endsAt);
    if (!away) return { ok: true, userId: current, substitutedFor: chain };
    chain.push(current);
    if (away.substituteId === null || chain.includes(away.substituteId))
      return { ok: false, kind: "noOneAtWork", chain };
    current = away.substituteId;
  }
}
