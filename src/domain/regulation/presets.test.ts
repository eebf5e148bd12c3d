// The five presets against their documents: every rule with a term, quoted, on concrete days of
// the production calendar (lunch breaks, evenings, weekends, short days, holidays). Expected
// deadlines are worked out by hand from the calendar and written as instants with the
// administration's own offset.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPreset } from "../../app/regulation-presets.ts";
import { workingTimeFor } from "../calendar/index.ts";
import {
  extendDeadline,
  stageDeadline,
  stagesOpenedBy,
  type ClockState,
  type StageDeadline,
} from "./deadline.ts";
import { stageById, type Procedure, type Regulation, type TermRule } from "./model.ts";
import { PRESETS, type PresetName } from "./presets.ts";
import type { CaseEvent, Importance } from "./schema.ts";
import { parseTerm, type Term } from "./term.ts";

/** Epoch milliseconds of an ISO 8601 instant written with its offset. */
function at(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`not an instant: ${iso}`);
  return t;
}

/** The same instant in UTC, so a failure shows both sides the same way. */
const utc = (iso: string): string => new Date(at(iso)).toISOString();

/** The deadline a stage got, in UTC, or what it is waiting for. */
function due(d: StageDeadline): string {
  switch (d.kind) {
    case "set":
    case "boundedByTotal":
      return new Date(d.deadline).toISOString();
    case "waitingForEvent":
      return `waiting for event ${d.event}`;
    case "waitingForStage":
      return `waiting for stage ${d.stage}`;
    case "none":
      return "no deadline";
  }
}

function term(text: string): Term {
  const t = parseTerm(text);
  if (!t) throw new Error(`not a term: ${text}`);
  return t;
}

interface CaseClocks {
  importance?: Importance;
  /** Events of the case so far, as ISO instants. */
  events?: Partial<Record<CaseEvent, string>>;
  /** Deadlines already set for other stages, as ISO instants. */
  deadlines?: Record<string, string>;
  overrides?: Record<string, TermRule>;
}

/** A preset's procedure on the default schedule (Mon–Fri 9–18, break 13–14) in its own zone. */
function desk(name: PresetName, procedureId = "social") {
  const loaded = loadPreset(name);
  if (!loaded.ok) throw new Error(`${name} does not parse: ${JSON.stringify(loaded.problems)}`);
  const regulation: Regulation = loaded.regulation;
  const found = regulation.procedures.find((p) => p.id === procedureId);
  if (!found) throw new Error(`${name} has no procedure ${procedureId}`);
  const procedure: Procedure = found;
  const workingTime = workingTimeFor({ timeZone: regulation.timeZone });
  const stage = (id: string) => {
    const s = stageById(procedure, id);
    if (!s) throw new Error(`${name}/${procedureId} has no stage ${id}`);
    return s;
  };
  /**
   * The deadline of `stageId` for a case whose clocks are `clocks`; the stage opens at the time
   * of its own `from` event.
   */
  const deadline = (stageId: string, clocks: CaseClocks): StageDeadline => {
    const s = stage(stageId);
    const events: Partial<Record<CaseEvent, number>> = {};
    for (const [e, iso] of Object.entries(clocks.events ?? {})) events[e as CaseEvent] = at(iso);
    const deadlines: Record<string, number> = {};
    for (const [id, iso] of Object.entries(clocks.deadlines ?? {})) deadlines[id] = at(iso);
    const openedAt = events[s.from];
    if (openedAt === undefined) throw new Error(`the case has no event ${s.from} for ${stageId}`);
    const state: ClockState = {
      importance: clocks.importance ?? "normal",
      events,
      deadlines,
      ...(clocks.overrides ? { overrides: clocks.overrides } : {}),
    };
    return stageDeadline(procedure, s, state, openedAt, workingTime);
  };
  return { regulation, procedure, workingTime, stage, deadline };
}

describe("the preset files", () => {
  const files = readdirSync(new URL("./presets/", import.meta.url)).filter((f) =>
    /\.ya?ml$/.test(f),
  );

  it("lists every YAML file of presets/ in PRESETS, and every preset has its file", () => {
    expect(files.map((f) => f.replace(/\.ya?ml$/, "")).sort()).toEqual(
      PRESETS.map((p) => p.name).sort(),
    );
  });

  it.each(PRESETS.map((p) => p.name))("reads %s without a single problem", (name) => {
    const loaded = loadPreset(name);
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
    expect(loaded.ok && loaded.regulation.id).toBe(name);
  });

  it.each(PRESETS.map((p) => p.name))(
    "gives every stage of %s a clause of the document or a note explaining the team's choice",
    (name) => {
      const { regulation } = desk(name);
      const unexplained = regulation.procedures.flatMap((p) =>
        p.stages.filter((s) => !s.clause?.trim() && !s.note?.trim()).map((s) => `${p.id}/${s.id}`),
      );
      expect(unexplained).toEqual([]);
    },
  );

  it("sets each administration in its own time zone", () => {
    const zones = Object.fromEntries(
      PRESETS.map((p) => {
        const loaded = loadPreset(p.name);
        return [p.name, loaded.ok ? loaded.regulation.timeZone : "unreadable"];
      }),
    );
    expect(zones).toEqual({
      purovsky: "Asia/Yekaterinburg",
      krymsk: "Europe/Moscow",
      bor: "Europe/Moscow",
      lyambir: "Europe/Moscow",
      sobolevo: "Asia/Kamchatka",
    });
  });
});

describe("000 Пуровский район (Asia/Yekaterinburg, +05:00)", () => {
  const { deadline, procedure, stage } = desk("purovsky");

  it("п. 8: «в течение двадцати минут с момента фиксации сообщения назначает ответственного Исполнителя» — detected at 16:50 on the short day before 4 November, due 09:10 on 5 November", () => {
    // 3 November 2026 ends at 17:00 (pre-holiday), 4 November is a holiday.
    const d = deadline("route", { events: { detected: "2026-11-03T16:50:00+05:00" } });
    expect(due(d)).toBe(utc("2026-11-05T09:10:00+05:00"));
  });

  it("п. 8: «Исполнитель в течение десяти минут с момента назначения … информирует Модератора о принятии сообщения в работу» — assigned at 12:55, due 14:05 after the lunch break", () => {
    const d = deadline("accept", {
      events: { detected: "2026-11-18T12:40:00+05:00", assigned: "2026-11-18T12:55:00+05:00" },
    });
    expect(due(d)).toBe(utc("2026-11-18T14:05:00+05:00"));
  });

  it("п. 8: a message the executor asks to reassign is routed again in the 20 minutes of first routing (team's choice) — returned on Friday 17:50, due Monday 09:10", () => {
    expect(stage("reroute").note).toMatch(/20 минут/);
    const d = deadline("reroute", { events: { returned: "2026-11-20T17:50:00+05:00" } });
    expect(due(d)).toBe(utc("2026-11-23T09:10:00+05:00"));
  });

  it("п. 8.2: «подготавливает проект ответа … в течение одного часа десяти минут с момента назначения» — assigned at 12:20, due 14:30 across lunch", () => {
    const d = deadline("draft", { events: { assigned: "2026-11-18T12:20:00+05:00" } });
    expect(due(d)).toBe(utc("2026-11-18T14:30:00+05:00"));
  });

  it("п. 8.2: the executor's draft of a message assigned on Friday at 17:30 is due on Monday at 09:40", () => {
    const d = deadline("draft", { events: { assigned: "2026-11-20T17:30:00+05:00" } });
    expect(due(d)).toBe(utc("2026-11-23T09:40:00+05:00"));
  });

  it("п. 8.4: «Модератор в течение тридцати минут с момента получения проекта ответа … согласовывает его либо направляет на доработку» — a draft received at 17:45 on 30 December is due at 09:15 on 11 January, after the New Year holidays", () => {
    // 31 December 2026 is a day off moved from 4 January; 1–8 January are holidays, 9–10 a weekend.
    const d = deadline("approve", { events: { draftSubmitted: "2026-12-30T17:45:00+05:00" } });
    expect(due(d)).toBe(utc("2027-01-11T09:15:00+05:00"));
  });

  it("п. 8.5: «Исполнитель в течение двадцати минут с момента получения замечаний … дорабатывает» — remarks sent on a Saturday count from Monday 09:00, due 09:20", () => {
    const d = deadline("revise", { events: { revisionRequested: "2026-11-21T10:00:00+05:00" } });
    expect(due(d)).toBe(utc("2026-11-23T09:20:00+05:00"));
  });

  it("пп. 8.4, 8.7: the draft's receipt starts both the moderator's approval and his posting «в течение тридцати минут с момента получения проекта ответа»", () => {
    expect(
      stagesOpenedBy(procedure, "draftSubmitted")
        .map((s) => s.id)
        .sort(),
    ).toEqual(["approve", "publish"]);
    const events = { draftSubmitted: "2026-11-18T08:00:00+05:00" };
    // Received before the working day begins: both clocks start at 09:00.
    expect(due(deadline("publish", { events }))).toBe(utc("2026-11-18T09:30:00+05:00"));
    expect(due(deadline("approve", { events }))).toBe(utc("2026-11-18T09:30:00+05:00"));
  });

  it("п. 8.3: after an interim answer with its reason, the answer on the merits is due in 7 working days (team's choice, the document gives no term) — interim on Monday 2 November, due at the end of 12 November", () => {
    expect(procedure.interim?.reasonRequired).toBe(true);
    // 3 Nov (1), 4 Nov holiday, 5 (2), 6 (3), 9 (4), 10 (5), 11 (6), 12 (7).
    const d = deadline("final", { events: { interimPublished: "2026-11-02T11:00:00+05:00" } });
    expect(due(d)).toBe(utc("2026-11-12T18:00:00+05:00"));
  });

  it("п. 8.6: the moderator chooses the account the answer is posted from", () => {
    expect(procedure.publication?.accountChosenBy).toBe("curator");
  });
});

describe("001 Крымский район (Europe/Moscow, +03:00)", () => {
  const { deadline, stage } = desk("krymsk");

  it("п. 6: «не позднее 8 рабочих часов с момента его выявления» — an incident detected at 12:00 on the short 3 November is due at 13:00 on 5 November", () => {
    // 3 Nov: 12–13 and 14–17 (short day) = 4 h; 4 Nov holiday; 5 Nov 9–13 = 4 h.
    const d = deadline("total", { events: { detected: "2026-11-03T12:00:00+03:00" } });
    expect(due(d)).toBe(utc("2026-11-05T13:00:00+03:00"));
  });

  it("пп. 9, 14: «не позднее 4 рабочих часов с момента его выявления» — a high-importance incident detected at 15:00 on 3 November is due at 11:00 on 5 November", () => {
    const d = deadline("total", {
      importance: "high",
      events: { detected: "2026-11-03T15:00:00+03:00" },
    });
    expect(due(d)).toBe(utc("2026-11-05T11:00:00+03:00"));
  });

  it("п. 9: the curator «в течение 30 минут направляет» the incident — detected on Friday 17:45, due Monday 09:15", () => {
    const d = deadline("route", { events: { detected: "2026-11-20T17:45:00+03:00" } });
    expect(due(d)).toBe(utc("2026-11-23T09:15:00+03:00"));
  });

  it("п. 10: the draft goes to the curator «не позднее чем за 4 часа до истечения срока» — detected on Friday 16:00, total due Monday 16:00, draft due Monday 11:00", () => {
    const events = { detected: "2026-11-20T16:00:00+03:00", assigned: "2026-11-20T16:30:00+03:00" };
    expect(due(deadline("total", { events }))).toBe(utc("2026-11-23T16:00:00+03:00"));
    // Four working hours back from Monday 16:00: 14–16 and 11–13.
    const d = deadline("draft", { events, deadlines: { total: "2026-11-23T16:00:00+03:00" } });
    expect(due(d)).toBe(utc("2026-11-23T11:00:00+03:00"));
  });

  it("п. 10: the draft's deadline waits until the total's is known", () => {
    const d = deadline("draft", { events: { assigned: "2026-11-20T16:30:00+03:00" } });
    expect(d).toMatchObject({ kind: "waitingForStage", stage: "total" });
  });

  it("пп. 10, 14: for a high-importance incident the draft «за 4 часа до истечения» a 4-hour term is due at the very moment of detection, before the incident even reaches the executor", () => {
    const events = { detected: "2026-11-18T10:00:00+03:00", assigned: "2026-11-18T10:30:00+03:00" };
    expect(due(deadline("total", { importance: "high", events }))).toBe(
      utc("2026-11-18T15:00:00+03:00"),
    );
    const d = deadline("draft", {
      importance: "high",
      events,
      deadlines: { total: "2026-11-18T15:00:00+03:00" },
    });
    expect(due(d)).toBe(utc("2026-11-18T10:00:00+03:00"));
    expect(stage("draft").note).toMatch(/противоречие/);
  });

  it("п. 11: the curator approves «в течение 30 минут с момента поступления проекта» — received 17:40 on 30 December, due 09:10 on 11 January", () => {
    const d = deadline("approve", { events: { draftSubmitted: "2026-12-30T17:40:00+03:00" } });
    expect(due(d)).toBe(utc("2027-01-11T09:10:00+03:00"));
  });

  it("п. 12: a draft sent back is revised «в течение 1 часа» — returned at 12:30, due 14:30 after lunch", () => {
    const d = deadline("revise", { events: { revisionRequested: "2026-11-18T12:30:00+03:00" } });
    expect(due(d)).toBe(utc("2026-11-18T14:30:00+03:00"));
  });

  it("п. 13: the approved answer is posted «в течение 30 минут с момента согласования» — approved at 16:45 on the short 8 May, due 09:15 on 12 May after Victory Day and its moved day off", () => {
    // 8 May 2026 ends at 17:00; 9 May holiday (Saturday), 10 May Sunday, 11 May the moved day off.
    const d = deadline("publish", { events: { approved: "2026-05-08T16:45:00+03:00" } });
    expect(due(d)).toBe(utc("2026-05-12T09:15:00+03:00"));
  });

  it("п. 15: after an interim answer the final one is due «не более семи рабочих дней со дня направления промежуточного ответа» — interim on 30 December, due at the end of 19 January", () => {
    // Working days after 30 Dec: 11, 12, 13, 14, 15, 18, 19 January 2027.
    const d = deadline("final", { events: { interimPublished: "2026-12-30T15:00:00+03:00" } });
    expect(due(d)).toBe(utc("2027-01-19T18:00:00+03:00"));
  });

  it("п. 6: an interim answer published in time meets the total term", () => {
    expect(stage("total").until).toEqual(expect.arrayContaining(["published", "interimPublished"]));
  });
});

describe("002 Борское сельское поселение (Europe/Moscow, +03:00)", () => {
  const { deadline, procedure, stage } = desk("bor");

  it("п. 8: «не позднее 12 рабочих часов с момента выявления» — detected at 10:00 on the short 3 November, due 16:00 on 5 November", () => {
    // 3 Nov: 10–13 and 14–17 = 6 h; 4 Nov holiday; 5 Nov: 9–13 and 14–16 = 6 h.
    const d = deadline("total", { events: { detected: "2026-11-03T10:00:00+03:00" } });
    expect(due(d)).toBe(utc("2026-11-05T16:00:00+03:00"));
  });

  it("п. 6: the head names the executor without a term of his own, within the 12-hour total", () => {
    const d = deadline("route", {
      events: { detected: "2026-11-03T10:00:00+03:00" },
      deadlines: { total: "2026-11-05T16:00:00+03:00" },
    });
    expect(d).toMatchObject({ kind: "boundedByTotal", stage: "total" });
    expect(due(d)).toBe(utc("2026-11-05T16:00:00+03:00"));
    expect(stage("route").actor).toBe("approver");
  });

  it("п. 7: the executor may return a message not in his competence «в течение 30 минут» — assigned on Friday 17:40, the window closes Monday 09:10", () => {
    expect(stage("returnWindow").kind).toBe("window");
    const d = deadline("returnWindow", { events: { assigned: "2026-11-20T17:40:00+03:00" } });
    expect(due(d)).toBe(utc("2026-11-23T09:10:00+03:00"));
  });

  it("п. 9: the draft goes to the head «в течение 6 рабочих часов» — assigned at 14:00 on 30 December, due 11:00 on 11 January", () => {
    // 30 Dec 14–18 = 4 h; 31 Dec – 10 Jan off; 11 Jan 9–11 = 2 h.
    const d = deadline("draft", { events: { assigned: "2026-12-30T14:00:00+03:00" } });
    expect(due(d)).toBe(utc("2027-01-11T11:00:00+03:00"));
  });

  it("п. 9: the head's approval has no term of its own and is bounded by the total", () => {
    const d = deadline("approve", {
      events: { draftSubmitted: "2026-11-05T11:00:00+03:00" },
      deadlines: { total: "2026-11-05T16:00:00+03:00" },
    });
    expect(d).toMatchObject({ kind: "boundedByTotal", deadline: at("2026-11-05T16:00:00+03:00") });
  });

  it("п. 10: the account specialist posts «в течение одного часа» — approved at 16:30 on the short 11 June, due 09:30 on 15 June after Russia Day", () => {
    // 11 June 2026 ends at 17:00; 12 June holiday (Friday); 13–14 June weekend.
    const d = deadline("publish", { events: { approved: "2026-06-11T16:30:00+03:00" } });
    expect(due(d)).toBe(utc("2026-06-15T09:30:00+03:00"));
  });

  it("п. 11: after an interim answer the final one is due «не более семи рабочих дней» — interim at 17:30 on 3 November, after the short day ended, due at the end of 13 November", () => {
    // Working days after 3 Nov: 5, 6, 9, 10, 11, 12, 13 November.
    const d = deadline("final", { events: { interimPublished: "2026-11-03T17:30:00+03:00" } });
    expect(due(d)).toBe(utc("2026-11-13T18:00:00+03:00"));
  });

  it("п. 6: when the head sets a shorter term for a message, its total runs on that term", () => {
    expect(procedure.shortening).toMatchObject({ by: "approver", stage: "total" });
    const d = deadline("total", {
      importance: "high",
      events: { detected: "2026-11-18T16:00:00+03:00" },
      overrides: { total: { term: term("4h"), text: "4h", clause: "6" } },
    });
    expect(d).toMatchObject({ kind: "set", overridden: true });
    expect(due(d)).toBe(utc("2026-11-19T11:00:00+03:00"));
  });
});

describe("003 Лямбирский район (Europe/Moscow, +03:00)", () => {
  const { deadline, procedure, stage } = desk("lyambir");

  it("п. 11: the department routes the message «в течение 2 часов со времени выявления» — detected at 16:00 on the short 3 November, due 10:00 on 5 November", () => {
    const d = deadline("route", { events: { detected: "2026-11-03T16:00:00+03:00" } });
    expect(due(d)).toBe(utc("2026-11-05T10:00:00+03:00"));
  });

  it("п. 12: executors send the draft comment «в течение 8 часов с момента поступления» — received on Friday 11:00, due Monday 11:00", () => {
    // Friday 11–13 and 14–18 = 6 h; Monday 9–11 = 2 h.
    const d = deadline("draft", { events: { assigned: "2026-11-20T11:00:00+03:00" } });
    expect(due(d)).toBe(utc("2026-11-23T11:00:00+03:00"));
  });

  it("п. 13: the department approves or returns «в течение 1 часа со времени поступления проекта» — received 17:30 on 30 December, due 09:30 on 11 January", () => {
    const d = deadline("approve", { events: { draftSubmitted: "2026-12-30T17:30:00+03:00" } });
    expect(due(d)).toBe(utc("2027-01-11T09:30:00+03:00"));
  });

  it("п. 13 абз. 2: a returned draft is revised «не позднее чем через 1 час» — returned at 12:15, due 14:15", () => {
    const d = deadline("revise", { events: { revisionRequested: "2026-11-18T12:15:00+03:00" } });
    expect(due(d)).toBe(utc("2026-11-18T14:15:00+03:00"));
  });

  it("п. 6 разд. 3: a revised draft is approved again within 1 hour of its arrival", () => {
    // The revised draft comes back as a new draftSubmitted; the same approval stage reopens.
    expect(stage("revise").until).toEqual(["draftSubmitted"]);
    const d = deadline("approve", {
      events: {
        draftSubmitted: "2026-11-18T14:10:00+03:00",
        revisionRequested: "2026-11-18T12:15:00+03:00",
      },
    });
    expect(due(d)).toBe(utc("2026-11-18T15:10:00+03:00"));
  });

  it("п. 6 разд. 3: the department posts the approved comment within 1 hour — approved at 16:30 on the short 30 April, due 09:30 on 4 May", () => {
    // 30 April 2026 ends at 17:00; 1 May holiday (Friday); 2–3 May weekend.
    const d = deadline("publish", { events: { approved: "2026-04-30T16:30:00+03:00" } });
    expect(due(d)).toBe(utc("2026-05-04T09:30:00+03:00"));
  });

  it("п. 9 разд. 3: on additional control the executor reports «в течение дня со дня получения» — set on 3 November, due at the end of 5 November", () => {
    expect(procedure.additionalControl?.by).toBe("curator");
    const d = deadline("controlReport", {
      events: { additionalControlSet: "2026-11-03T11:00:00+03:00" },
    });
    expect(due(d)).toBe(utc("2026-11-05T18:00:00+03:00"));
  });

  it("п. 9 разд. 3: additional control set on a Friday is reported by the end of Monday", () => {
    const d = deadline("controlReport", {
      events: { additionalControlSet: "2026-11-20T15:00:00+03:00" },
    });
    expect(due(d)).toBe(utc("2026-11-23T18:00:00+03:00"));
  });

  it("п. 11 разд. 3: when commenting is impossible the answer goes out from the executor's account with a link", () => {
    expect(procedure.publication?.ownAccountWithLinkWhenCommentingImpossible).toBe(true);
  });
});

describe("004 Соболевский район, приложение 1: social networks (Asia/Kamchatka, +12:00)", () => {
  const { deadline, procedure, stage } = desk("sobolevo");

  it("п. 12: «в срок до 8 рабочих часов с момента выявления» — detected at 13:30 during lunch on the short 3 November, due 15:00 on 5 November", () => {
    // 3 Nov: 14–17 = 3 h; 4 Nov holiday; 5 Nov: 9–13 and 14–15 = 5 h.
    const d = deadline("total", { events: { detected: "2026-11-03T13:30:00+12:00" } });
    expect(due(d)).toBe(utc("2026-11-05T15:00:00+12:00"));
  });

  it("п. 10: high importance, «не более 4 часов с момента их выявления Куратором» — detected at 16:00 on 30 December, due 11:00 on 11 January", () => {
    const d = deadline("total", {
      importance: "high",
      events: { detected: "2026-12-30T16:00:00+12:00" },
    });
    expect(due(d)).toBe(utc("2027-01-11T11:00:00+12:00"));
  });

  it("п. 10: the curator routes the message «в течение 30 минут с момента выявления» — detected at 12:45, due 14:15", () => {
    const d = deadline("route", { events: { detected: "2026-11-18T12:45:00+12:00" } });
    expect(due(d)).toBe(utc("2026-11-18T14:15:00+12:00"));
  });

  it("п. 11: the executor may return a message «в течение 30 минут с момента получения», with a note in the card — received on Friday 17:50, the window closes Monday 09:20", () => {
    expect(stage("returnWindow").kind).toBe("window");
    expect(stage("returnWindow").title).toMatch(/примечани/);
    const d = deadline("returnWindow", { events: { assigned: "2026-11-20T17:50:00+12:00" } });
    expect(due(d)).toBe(utc("2026-11-23T09:20:00+12:00"));
  });

  it("п. 13: the draft goes to the head «не позднее, чем за 4 часа до истечения срока, предусмотренного частью 12» — detected Wednesday 15:00, total due Thursday 15:00, draft due Thursday 10:00", () => {
    const events = { detected: "2026-11-18T15:00:00+12:00", assigned: "2026-11-18T15:20:00+12:00" };
    expect(due(deadline("total", { events }))).toBe(utc("2026-11-19T15:00:00+12:00"));
    // Back from Thursday 15:00: 14–15 and 10–13.
    const d = deadline("draft", { events, deadlines: { total: "2026-11-19T15:00:00+12:00" } });
    expect(due(d)).toBe(utc("2026-11-19T10:00:00+12:00"));
  });

  it("пп. 13, 10: with high importance the draft «за 4 часа» before a 4-hour total is due at the moment of detection", () => {
    const events = { detected: "2026-11-18T09:00:00+12:00", assigned: "2026-11-18T09:30:00+12:00" };
    // 9:00 + 4 h = 13:00, exactly when the lunch break begins.
    expect(due(deadline("total", { importance: "high", events }))).toBe(
      utc("2026-11-18T13:00:00+12:00"),
    );
    const d = deadline("draft", {
      importance: "high",
      events,
      deadlines: { total: "2026-11-18T13:00:00+12:00" },
    });
    expect(due(d)).toBe(utc("2026-11-18T09:00:00+12:00"));
  });

  it("п. 14: the head approves or returns «в течение 1 часа с момента поступления проекта» — received 16:30 on the short 3 November, due 09:30 on 5 November", () => {
    const d = deadline("approve", { events: { draftSubmitted: "2026-11-03T16:30:00+12:00" } });
    expect(due(d)).toBe(utc("2026-11-05T09:30:00+12:00"));
  });

  it("п. 15: the executor revises «в течение 1 часа после поступления проекта … на доработку» — returned on Saturday, due Monday 10:00", () => {
    const d = deadline("revise", { events: { revisionRequested: "2026-11-07T11:00:00+12:00" } });
    expect(due(d)).toBe(utc("2026-11-09T10:00:00+12:00"));
  });

  it("п. 16: the executor hands the approved answer to the curator «в течение 1 часа с момента согласования» — approved at 12:30, due 14:30", () => {
    const d = deadline("handOver", { events: { approved: "2026-11-18T12:30:00+12:00" } });
    expect(due(d)).toBe(utc("2026-11-18T14:30:00+12:00"));
  });

  it("п. 16: the curator's posting has no term of its own and is bounded by the total", () => {
    const d = deadline("publish", {
      events: { handedOver: "2026-11-19T14:30:00+12:00" },
      deadlines: { total: "2026-11-19T15:00:00+12:00" },
    });
    expect(d).toMatchObject({ kind: "boundedByTotal", deadline: at("2026-11-19T15:00:00+12:00") });
  });

  it("п. 17: after an interim answer the final one is due «до 7 рабочих дней со дня направления промежуточного ответа» — interim on 3 November, due at the end of 13 November", () => {
    const d = deadline("final", { events: { interimPublished: "2026-11-03T10:00:00+12:00" } });
    expect(due(d)).toBe(utc("2026-11-13T18:00:00+12:00"));
  });

  it("п. 19 пп. 3: a co-executor's part is due «не более 2 часов с момента поступления» — asked on Friday 17:00, due Monday 10:00", () => {
    expect(procedure.parts?.leadDesignatedBy).toBe("approver");
    const d = deadline("part", { events: { partRequested: "2026-11-20T17:00:00+12:00" } });
    expect(due(d)).toBe(utc("2026-11-23T10:00:00+12:00"));
  });

  it("п. 18: the head may shorten the total term by importance", () => {
    expect(procedure.shortening).toMatchObject({ by: "approver", stage: "total", clause: "18" });
  });
});

describe("004 Соболевский район, приложение 2: portal «Камчатка в порядке» (Asia/Kamchatka, +12:00)", () => {
  const { deadline, procedure } = desk("sobolevo", "portal");

  it("п. 2.5: «не позднее 10 календарных дней со дня размещения сообщения» — posted at 05:00 on 25 December (still 24 December in UTC), due at the end of 4 January, holidays notwithstanding", () => {
    const d = deadline("total", { events: { posted: "2026-12-25T05:00:00+12:00" } });
    expect(due(d)).toBe(utc("2027-01-05T00:00:00+12:00"));
  });

  it("пп. 2.1, 2.6: a fast-track message is answered «не более 3 календарных дней со дня закрепления сообщения за исполнителем» — assigned on 29 December, due at the end of 1 January", () => {
    const d = deadline("total", {
      importance: "fastTrack",
      events: { posted: "2026-12-28T20:00:00+12:00", assigned: "2026-12-29T10:00:00+12:00" },
    });
    expect(d).toMatchObject({ kind: "set", start: at("2026-12-29T10:00:00+12:00") });
    expect(due(d)).toBe(utc("2027-01-02T00:00:00+12:00"));
  });

  it("пп. 2.1, 2.6: a fast-track term waits for the assignment it is counted from", () => {
    const d = deadline("total", {
      importance: "fastTrack",
      events: { posted: "2026-12-28T20:00:00+12:00" },
    });
    expect(d).toMatchObject({ kind: "waitingForEvent", event: "assigned" });
  });

  it("п. 2.6: the coordinator may agree a fast-track term as short as 1 calendar day", () => {
    expect(procedure.shortening).toMatchObject({ by: "curator", stage: "total" });
    expect(parseTerm(procedure.shortening?.minimum ?? "")).toEqual(term("1 calendar day"));
    const d = deadline("total", {
      importance: "fastTrack",
      events: { posted: "2026-11-02T22:00:00+12:00", assigned: "2026-11-03T10:00:00+12:00" },
      overrides: {
        total: { term: term("1 calendar day"), from: "assigned", text: "1 calendar day" },
      },
    });
    expect(due(d)).toBe(utc("2026-11-05T00:00:00+12:00"));
  });

  it("п. 2.5: the executor may ask the coordinator, with a comment, once, for up to 8 more calendar days — a term ending with 4 January moves to the end of 12 January", () => {
    expect(procedure.extension).toMatchObject({
      stage: "total",
      requestedBy: "executor",
      decidedBy: "curator",
      times: 1,
      commentRequired: true,
    });
    const maximum = term(procedure.extension?.maximum ?? "");
    expect(maximum).toEqual({ basis: "calendarDays", days: 8 });
    const extended = extendDeadline(
      at("2027-01-05T00:00:00+12:00"),
      maximum,
      desk("sobolevo").workingTime,
    );
    expect(new Date(extended).toISOString()).toBe(utc("2027-01-13T00:00:00+12:00"));
  });

  it("п. 2.2: the message is assigned «в день размещения сообщения» — posted on Saturday 22:30, due at that day's midnight", () => {
    const d = deadline("assign", { events: { posted: "2026-11-07T22:30:00+12:00" } });
    expect(due(d)).toBe(utc("2026-11-08T00:00:00+12:00"));
  });

  it("п. 2.9: the executor decides «в течение 1 рабочего дня со дня получения» whether it is a repeat — received on 30 December, due at the end of 11 January", () => {
    const d = deadline("repeatCheck", { events: { assigned: "2026-12-30T11:00:00+12:00" } });
    expect(due(d)).toBe(utc("2027-01-11T18:00:00+12:00"));
  });

  it("пп. 2.8, 2.10: an answer the author rejects goes back to the executor, with 10 calendar days for a new one (team's choice)", () => {
    const d = deadline("rework", {
      events: { rejectedByCitizen: "2026-11-03T19:00:00+12:00" },
    });
    expect(due(d)).toBe(utc("2026-11-14T00:00:00+12:00"));
  });

  it("п. 2.5: the answer must carry photo evidence", () => {
    expect(procedure.answerRequirements?.requires).toContain("photoRequired");
  });
});
