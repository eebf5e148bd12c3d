import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatInstant, workingTimeFor } from "../calendar/index.ts";
import type { Regulation } from "../regulation/model.ts";
import { parseRegulation } from "../regulation/parse.ts";
import type { PresetName } from "../regulation/presets.ts";
import type { Channel } from "../regulation/schema.ts";
import { resolveAssignee } from "./absence.ts";
import type { CaseState } from "./case.ts";
import type { ClockContext } from "./clock.ts";
import { decide, type ActionInput, type Decision } from "./decide.ts";
import { openCase } from "./open-case.ts";
import { allowedActions, publishingStatuses, type Actor } from "./policy.ts";

function preset(name: PresetName): Regulation {
  const r = parseRegulation(
    readFileSync(new URL(`../regulation/presets/${name}.yaml`, import.meta.url), "utf8"),
  );
  if (!r.ok) throw new Error(`${name} does not parse`);
  return r.regulation;
}

const T = 1;
const DEPT_A = 10;
const DEPT_B = 20;
const curator: Actor = {
  userId: 1,
  tenantId: T,
  memberships: [{ role: "curator", departmentId: null }],
};
const executorA: Actor = {
  userId: 2,
  tenantId: T,
  memberships: [{ role: "executor", departmentId: DEPT_A }],
};
const executorB: Actor = {
  userId: 3,
  tenantId: T,
  memberships: [{ role: "executor", departmentId: DEPT_B }],
};
const approver: Actor = {
  userId: 4,
  tenantId: T,
  memberships: [{ role: "approver", departmentId: null }],
};
const supervisor: Actor = {
  userId: 5,
  tenantId: T,
  memberships: [{ role: "supervisor", departmentId: null }],
};
const foreignCurator: Actor = {
  userId: 9,
  tenantId: 2,
  memberships: [{ role: "curator", departmentId: null }],
};

/** A little world: one tenant on a preset, cases moved by actions at given local times. */
function world(name: PresetName) {
  const regulation = preset(name);
  const tz = regulation.timeZone;
  const workingTime = workingTimeFor({ timeZone: tz });
  const ctx = (procedure: string): ClockContext => ({
    procedure: regulation.procedures.find((p) => p.id === procedure)!,
    workingTime,
    riskShare: 0.25,
  });
  const at = (local: string) =>
    Date.parse(`${local}${formatInstant(Date.parse(`${local}Z`), tz).slice(19)}`);
  const local = (t: number | null | undefined) =>
    t == null ? undefined : formatInstant(t, tz).slice(0, 16);
  const open = (
    when: string,
    channel: Channel = "vk",
    importance: "normal" | "high" | "fastTrack" = "normal",
    postedAt?: string,
  ) => {
    const r = openCase(
      regulation,
      {
        tenantId: T,
        number: "Т-2026-000001",
        channel,
        importance,
        topic: null,
        detectedAt: at(when),
        postedAt: postedAt ? at(postedAt) : null,
        repeatOf: null,
      },
      ctx,
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    return { ...r.case, id: 100 };
  };
  const act = (c: CaseState, actor: Actor, input: ActionInput, when: string): Decision =>
    decide(c, actor, input, at(when), ctx(c.procedure));
  const must = (d: Decision): CaseState => {
    if (!d.ok) throw new Error(`refused: ${JSON.stringify(d)}`);
    return d.case;
  };
  const due = (c: CaseState, key: string) =>
    local(c.stages.filter((s) => s.key === key).at(-1)?.deadline);
  const statusOf = (c: CaseState, key: string) =>
    c.stages.filter((s) => s.key === key).at(-1)?.status;
  return { regulation, open, act, must, due, statusOf, at, ctx };
}

describe("routing and acceptance", () => {
  it("an executor of another department neither sees nor acts on the case", () => {
    const w = world("sobolevo");
    const c = w.must(
      w.act(
        w.open("2026-11-16T10:00"),
        curator,
        { action: "assign", departmentId: DEPT_A, userId: null },
        "2026-11-16T10:10",
      ),
    );
    expect(allowedActions(executorB, c, w.regulation.procedures[0]!)).toEqual([]);
    expect(w.act(c, executorB, { action: "saveDraft", kind: "final" }, "2026-11-16T10:20")).toEqual(
      { ok: false, kind: "notFound" },
    );
    expect(
      w.act(c, foreignCurator, { action: "triage", importance: "high" }, "2026-11-16T10:20"),
    ).toEqual({ ok: false, kind: "notFound" });
  });

  it("an action not allowed now is refused with the actions that are", () => {
    const w = world("sobolevo");
    const c = w.open("2026-11-16T10:00");
    const d = w.act(c, approver, { action: "approve" }, "2026-11-16T10:05");
    expect(d.ok).toBe(false);
    expect(d).toMatchObject({ kind: "transitionNotAllowed", status: "new" });
    const refused = w.act(c, curator, { action: "approve" }, "2026-11-16T10:05");
    expect(refused).toMatchObject({ ok: false, kind: "forbidden" });
  });

  it("004 п. 11: the executor may return the case within 30 minutes of receiving it, not later", () => {
    const w = world("sobolevo");
    const c = w.must(
      w.act(
        w.open("2026-11-16T10:00"),
        curator,
        { action: "assign", departmentId: DEPT_A, userId: 2 },
        "2026-11-16T10:10",
      ),
    );
    expect(w.due(c, "returnWindow")).toBe("2026-11-16T10:40");
    const returned = w.must(
      w.act(c, executorA, { action: "return", reason: "Вопрос образования" }, "2026-11-16T10:30"),
    );
    expect(returned.status).toBe("returned");
    expect(returned.departmentId).toBeNull();
    expect(w.statusOf(returned, "draft")).toBe("cancelled");
    // The window closed (as the scheduler would mark it): returning is no longer possible.
    const late = {
      ...c,
      stages: c.stages.map((s) =>
        s.key === "returnWindow" ? { ...s, status: "expired" as const } : s,
      ),
    };
    expect(
      w.act(late, executorA, { action: "return", reason: "поздно" }, "2026-11-16T11:00"),
    ).toMatchObject({ ok: false, kind: "transitionNotAllowed" });
  });

  it("a reassignment gives the new executor the regulation's full terms again", () => {
    const w = world("purovsky");
    let c = w.must(
      w.act(
        w.open("2026-11-16T10:00"),
        curator,
        { action: "assign", departmentId: DEPT_A, userId: 2 },
        "2026-11-16T10:05",
      ),
    );
    expect(w.due(c, "draft")).toBe("2026-11-16T11:15");
    c = w.must(
      w.act(c, curator, { action: "assign", departmentId: DEPT_B, userId: 3 }, "2026-11-16T10:40"),
    );
    expect(c.departmentId).toBe(DEPT_B);
    expect(w.due(c, "draft")).toBe("2026-11-16T11:50");
    expect(c.stages.filter((s) => s.key === "draft").map((s) => s.status)).toEqual([
      "cancelled",
      "open",
    ]);
  });
});

describe("importance and shortened terms", () => {
  it("001 пп. 6, 14: marking an incident high moves the total from 8 to 4 working hours after detection", () => {
    const w = world("krymsk");
    let c = w.open("2026-11-16T10:00");
    expect(w.due(c, "total")).toBe("2026-11-17T10:00");
    c = w.must(w.act(c, curator, { action: "triage", importance: "high" }, "2026-11-16T10:05"));
    expect(w.due(c, "total")).toBe("2026-11-16T15:00");
  });

  it("004 п. 18: the head may shorten the term, but not lengthen it", () => {
    const w = world("sobolevo");
    let c = w.must(
      w.act(
        w.open("2026-11-16T10:00"),
        curator,
        { action: "assign", departmentId: DEPT_A, userId: 2 },
        "2026-11-16T10:05",
      ),
    );
    expect(
      w.act(
        c,
        approver,
        { action: "shortenTerm", stage: "total", term: "10h" },
        "2026-11-16T10:10",
      ),
    ).toMatchObject({ ok: false, kind: "invalidInput", field: "term" });
    expect(
      w.act(c, curator, { action: "shortenTerm", stage: "total", term: "2h" }, "2026-11-16T10:10"),
    ).toMatchObject({ ok: false, kind: "forbidden" });
    c = w.must(
      w.act(c, approver, { action: "shortenTerm", stage: "total", term: "6h" }, "2026-11-16T10:10"),
    );
    expect(w.due(c, "total")).toBe("2026-11-16T17:00");
    // The draft is due 4 hours before the shortened total (п. 13).
    expect(w.due(c, "draft")).toBe("2026-11-16T12:00");
  });
});

describe("drafts, approval and publication", () => {
  it("001 п. 13: after approval the executor publishes within 30 minutes and the case is answered", () => {
    const w = world("krymsk");
    let c = w.must(
      w.act(
        w.open("2026-11-16T10:00"),
        curator,
        { action: "assign", departmentId: DEPT_A, userId: 2 },
        "2026-11-16T10:10",
      ),
    );
    c = w.must(w.act(c, executorA, { action: "saveDraft", kind: "final" }, "2026-11-16T11:00"));
    expect(c.status).toBe("inProgress");
    c = w.must(w.act(c, executorA, { action: "submitDraft" }, "2026-11-16T11:05"));
    const krymskApprover: Actor = {
      userId: 1,
      tenantId: T,
      memberships: [
        { role: "curator", departmentId: null },
        { role: "approver", departmentId: null },
      ],
    };
    c = w.must(w.act(c, krymskApprover, { action: "approve" }, "2026-11-16T11:20"));
    expect(w.due(c, "publish")).toBe("2026-11-16T11:50");
    expect(allowedActions(executorA, c, w.regulation.procedures[0]!)).toContain("publish");
    c = w.must(w.act(c, executorA, { action: "publish" }, "2026-11-16T11:30"));
    expect(c.status).toBe("answered");
    expect(c.closedAt).not.toBeNull();
    expect(c.stages.filter((s) => s.status === "open")).toEqual([]);
  });

  it("002 п. 11: an interim answer sets the final answer due in 7 working days", () => {
    const w = world("bor");
    const head: Actor = {
      userId: 4,
      tenantId: T,
      memberships: [{ role: "approver", departmentId: null }],
    };
    let c = w.must(
      w.act(
        w.open("2026-11-16T10:00"),
        head,
        { action: "assign", departmentId: DEPT_A, userId: 2 },
        "2026-11-16T10:30",
      ),
    );
    c = w.must(w.act(c, executorA, { action: "saveDraft", kind: "interim" }, "2026-11-16T11:00"));
    c = w.must(w.act(c, executorA, { action: "submitDraft" }, "2026-11-16T11:10"));
    c = w.must(w.act(c, head, { action: "approve" }, "2026-11-16T12:00"));
    c = w.must(w.act(c, curator, { action: "publish" }, "2026-11-16T12:30"));
    expect(c.status).toBe("interim");
    expect(w.statusOf(c, "total")).toBe("done");
    expect(w.due(c, "final")).toBe("2026-11-25T18:00");
  });

  it("a return for revision needs remarks, and the executor then has the revision term", () => {
    const w = world("lyambir");
    const dept: Actor = {
      userId: 1,
      tenantId: T,
      memberships: [
        { role: "curator", departmentId: null },
        { role: "approver", departmentId: null },
      ],
    };
    let c = w.must(
      w.act(
        w.open("2026-11-16T10:00"),
        dept,
        { action: "assign", departmentId: DEPT_A, userId: 2 },
        "2026-11-16T11:00",
      ),
    );
    c = w.must(w.act(c, executorA, { action: "saveDraft", kind: "final" }, "2026-11-16T12:00"));
    c = w.must(w.act(c, executorA, { action: "submitDraft" }, "2026-11-16T12:50"));
    expect(w.due(c, "approve")).toBe("2026-11-16T14:50");
    expect(
      w.act(c, dept, { action: "requestRevision", remarks: "  " }, "2026-11-16T14:10"),
    ).toMatchObject({ ok: false, kind: "invalidInput", field: "remarks" });
    c = w.must(
      w.act(c, dept, { action: "requestRevision", remarks: "Добавьте сроки" }, "2026-11-16T14:10"),
    );
    expect(c.status).toBe("revision");
    expect(w.due(c, "revise")).toBe("2026-11-16T15:10");
  });
});

describe("whose list of answers to publish shows what", () => {
  it("follows each regulation's publisher: the curator after approval, after a hand-over, or never", () => {
    const of = (name: PresetName, role: "curator" | "executor") =>
      publishingStatuses([role], preset(name).procedures).sort();
    // 000: the curator's office publishes what it approved (or the executor does).
    expect(of("purovsky", "curator")).toEqual(["approved"]);
    // 001: the executor publishes; the curator has nothing to publish.
    expect(of("krymsk", "curator")).toEqual([]);
    expect(of("krymsk", "executor")).toEqual(["approved"]);
    // 004: the executor hands the approved answer over; the curator publishes it.
    expect(of("sobolevo", "curator")).toEqual(["readyToPublish"]);
  });
});

describe("the rest of the regulated path", () => {
  it("003 п. 9 разд. 3: a case on additional control stays open after the answer until resolved", () => {
    const w = world("lyambir");
    const dept: Actor = {
      userId: 1,
      tenantId: T,
      memberships: [
        { role: "curator", departmentId: null },
        { role: "approver", departmentId: null },
      ],
    };
    let c = w.must(
      w.act(
        w.open("2026-11-16T10:00"),
        dept,
        { action: "assign", departmentId: DEPT_A, userId: 2 },
        "2026-11-16T10:30",
      ),
    );
    c = w.must(w.act(c, executorA, { action: "saveDraft", kind: "final" }, "2026-11-16T11:00"));
    c = w.must(w.act(c, executorA, { action: "submitDraft" }, "2026-11-16T11:10"));
    c = w.must(w.act(c, dept, { action: "approve" }, "2026-11-16T11:30"));
    c = w.must(w.act(c, dept, { action: "publish" }, "2026-11-16T11:40"));
    expect(c.status).toBe("answered");
    c = w.must(
      w.act(
        c,
        dept,
        { action: "setAdditionalControl", note: "Вода так и не появилась" },
        "2026-11-17T09:30",
      ),
    );
    expect(c.status).toBe("additionalControl");
    expect(c.closedAt).toBeNull();
    expect(w.due(c, "controlReport")).toBe("2026-11-18T18:00");
    c = w.must(
      w.act(
        c,
        executorA,
        { action: "reportMeasures", text: "Заменён участок трубы" },
        "2026-11-18T10:00",
      ),
    );
    c = w.must(w.act(c, dept, { action: "resolve" }, "2026-11-20T10:00"));
    expect(c.status).toBe("answered");
  });

  it("not processable messages are archived with the reason and never answered", () => {
    const w = world("bor");
    let c = w.open("2026-11-16T10:00");
    expect(
      w.act(c, curator, { action: "markNotProcessable", reason: "obscene" }, "2026-11-16T10:05"),
    ).toMatchObject({ ok: true });
    c = w.must(
      w.act(c, curator, { action: "markNotProcessable", reason: "threat" }, "2026-11-16T10:05"),
    );
    expect(c.status).toBe("notProcessable");
    expect(c.stages.every((s) => s.status !== "open")).toBe(true);
    expect(allowedActions(curator, c, w.regulation.procedures[0]!)).toEqual([]);
  });

  it("a duplicate of another author's case closes with its clocks stopped; only a curator decides it, before drafting", () => {
    const w = world("sobolevo");
    const p = w.regulation.procedures[0]!;
    const fresh = w.open("2026-11-16T10:00");
    expect(
      w.act(fresh, curator, { action: "markDuplicate", caseId: 100 }, "2026-11-16T10:05"),
    ).toMatchObject({ ok: false, kind: "invalidInput", field: "caseId", reason: "sameCase" });
    const assigned = w.must(
      w.act(
        fresh,
        curator,
        { action: "assign", departmentId: DEPT_A, userId: null },
        "2026-11-16T10:10",
      ),
    );
    expect(
      w.act(assigned, executorA, { action: "markDuplicate", caseId: 7 }, "2026-11-16T10:15"),
    ).toMatchObject({ ok: false, kind: "forbidden" });
    const c = w.must(
      w.act(assigned, curator, { action: "markDuplicate", caseId: 7 }, "2026-11-16T10:15"),
    );
    expect(c.status).toBe("duplicate");
    expect(c.closedAt).toBe(w.at("2026-11-16T10:15"));
    expect(c.stages.every((s) => s.status !== "open" && s.status !== "waiting")).toBe(true);
    expect(allowedActions(curator, c, p)).toEqual([]);
    const drafting = w.must(
      w.act(assigned, executorA, { action: "saveDraft", kind: "final" }, "2026-11-16T10:20"),
    );
    const submitted = w.must(
      w.act(drafting, executorA, { action: "submitDraft" }, "2026-11-16T10:25"),
    );
    expect(allowedActions(curator, submitted, p)).not.toContain("markDuplicate");
  });

  it("004 п. 19: parts from co-executors are due in 2 hours and the lead is told when all are in", () => {
    const w = world("sobolevo");
    let c = w.must(
      w.act(
        w.open("2026-11-16T10:00"),
        curator,
        { action: "assign", departmentId: DEPT_A, userId: 2 },
        "2026-11-16T10:10",
      ),
    );
    c = w.must(
      w.act(
        c,
        executorA,
        { action: "requestPart", departmentId: DEPT_B, userId: 3 },
        "2026-11-16T12:30",
      ),
    );
    expect(w.due(c, "part")).toBe("2026-11-16T15:30");
    expect(allowedActions(executorB, c, w.regulation.procedures[0]!)).toContain("submitPart");
    const d = w.act(
      c,
      executorB,
      { action: "submitPart", departmentId: DEPT_B },
      "2026-11-16T14:30",
    );
    expect(d).toMatchObject({ ok: true, notify: [{ role: "executor", departmentId: DEPT_A }] });
    c = w.must(d);
    expect(w.statusOf(c, "part")).toBe("done");
  });

  it("an escalation reaches the head once", () => {
    const w = world("sobolevo");
    const d = w.act(
      w.open("2026-11-16T10:00"),
      curator,
      { action: "escalate", note: "20 сообщений о воде за утро" },
      "2026-11-16T10:05",
    );
    expect(d).toMatchObject({ ok: true, notify: [{ role: "approver" }, { role: "supervisor" }] });
    const again = w.act(
      w.must(d),
      supervisor,
      { action: "escalate", note: "ещё" },
      "2026-11-16T11:00",
    );
    expect(again).toMatchObject({ ok: false, kind: "transitionNotAllowed" });
  });
});

describe("the portal module of 004 (приложение 2)", () => {
  it("п. 2.5: the answer is due at the end of the 10th calendar day after posting", () => {
    const w = world("sobolevo");
    const c = w.open("2026-11-16T10:00", "portal", "normal", "2026-11-15T22:00");
    expect(w.due(c, "total")).toBe("2026-11-26T00:00");
    expect(w.due(c, "assign")).toBe("2026-11-16T00:00");
  });

  it("пп. 2.1, 2.6: a fast-track answer waits for assignment, then is due in 3 calendar days", () => {
    const w = world("sobolevo");
    let c = w.open("2026-11-16T10:00", "portal", "fastTrack", "2026-11-16T09:00");
    expect(w.statusOf(c, "total")).toBe("waiting");
    c = w.must(
      w.act(c, curator, { action: "assign", departmentId: DEPT_A, userId: 2 }, "2026-11-16T11:00"),
    );
    expect(w.statusOf(c, "total")).toBe("open");
    expect(w.due(c, "total")).toBe("2026-11-20T00:00");
  });

  it("п. 2.5: one extension of up to 8 calendar days, decided by the coordinator", () => {
    const w = world("sobolevo");
    let c = w.must(
      w.act(
        w.open("2026-11-16T10:00", "portal", "normal", "2026-11-16T09:00"),
        curator,
        { action: "assign", departmentId: DEPT_A, userId: 2 },
        "2026-11-16T11:00",
      ),
    );
    c = w.must(w.act(c, executorA, { action: "saveDraft", kind: "final" }, "2026-11-17T10:00"));
    expect(
      w.act(
        c,
        executorA,
        { action: "requestExtension", days: 9, comment: "Ждём подрядчика" },
        "2026-11-20T10:00",
      ),
    ).toMatchObject({ ok: false, field: "days" });
    expect(
      w.act(c, executorA, { action: "requestExtension", days: 5, comment: "" }, "2026-11-20T10:00"),
    ).toMatchObject({ ok: false, field: "comment" });
    c = w.must(
      w.act(
        c,
        executorA,
        { action: "requestExtension", days: 5, comment: "Ждём подрядчика" },
        "2026-11-20T10:00",
      ),
    );
    c = w.must(
      w.act(c, curator, { action: "decideExtension", approve: true, days: 5 }, "2026-11-20T12:00"),
    );
    expect(w.due(c, "total")).toBe("2026-12-02T00:00");
    expect(
      w.act(
        c,
        executorA,
        { action: "requestExtension", days: 1, comment: "ещё" },
        "2026-11-25T10:00",
      ),
    ).toMatchObject({ ok: false, kind: "transitionNotAllowed" });
    // Without approval in the portal, the executor publishes the answer himself.
    c = w.must(w.act(c, executorA, { action: "publish" }, "2026-11-25T10:00"));
    expect(c.status).toBe("answered");
  });
});

describe("absences", () => {
  const day = (d: number) => Date.parse(`2026-11-${String(d).padStart(2, "0")}T00:00:00Z`);
  it("an assignment to someone on leave goes to the substitute, following the chain", () => {
    const absences = [
      { userId: 2, startsAt: day(10), endsAt: day(20), substituteId: 3 },
      { userId: 3, startsAt: day(15), endsAt: day(18), substituteId: 4 },
    ];
    expect(resolveAssignee(2, absences, day(12))).toEqual({
      ok: true,
      userId: 3,
      substitutedFor: [2],
    });
    expect(resolveAssignee(2, absences, day(16))).toEqual({
      ok: true,
      userId: 4,
      substitutedFor: [2, 3],
    });
    expect(resolveAssignee(2, absences, day(21))).toEqual({
      ok: true,
      userId: 2,
      substitutedFor: [],
    });
  });

  it("a loop of substitutes who are all away reaches no one", () => {
    const absences = [
      { userId: 2, startsAt: day(10), endsAt: day(20), substituteId: 3 },
      { userId: 3, startsAt: day(10), endsAt: day(20), substituteId: 2 },
    ];
    expect(resolveAssignee(2, absences, day(12))).toEqual({
      ok: false,
      kind: "noOneAtWork",
      chain: [2, 3],
    });
  });
});
