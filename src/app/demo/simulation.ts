// Weeks of an administration's work replayed on a simulated clock: citizens write, curators route,
// executors draft, approvers return and approve, the scheduler warns — every step through the real
// use cases, so every deadline, warning and audit entry in the demo is one the desk computed.
import type { Importance } from "../../domain/regulation/schema.ts";
import { PRESET_GAZETTEERS, inSettlement } from "../../domain/triage/location.ts";
import type { CaseState, CaseStatus, StageState } from "../../domain/workflow/case.ts";
import { hasHandOver, needsApproval, POLICY, type Actor } from "../../domain/workflow/policy.ts";
import type { Db } from "../../db/connection.ts";
import { runSchedulerPass } from "../../jobs/scheduler.ts";
import { actOnCase, type ActionRequest } from "../act-on-case.ts";
import { registerCase, type RegisterInput } from "../register-case.ts";
import type { Failure } from "../results.ts";
import type { TenantContext } from "../tenant-context.ts";
import type { DemoAdministration, DemoDepartment } from "./administrations.ts";
import { Random } from "./random.ts";
import type { SetUpAdministration } from "./setup.ts";
import {
  CONTROL_NOTES,
  ESCALATION_NOTES,
  EXTENSION_COMMENTS,
  finalAnswer,
  interimAnswer,
  MEASURES_REPORTS,
  messageText,
  NOT_PROCESSABLE_MESSAGES,
  randomAuthor,
  repeatText,
  RETURN_REASONS,
  REVISION_REMARKS,
  VILLAGE_STREETS,
  type Author,
  type Place,
} from "./texts.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How often the simulated server runs its scheduler pass (less often than a real one: speed). */
const PASS_EVERY = 30 * MINUTE;

export interface SimulatedAdministration {
  a: DemoAdministration;
  setup: SetUpAdministration;
  ctx: TenantContext;
  /** Cases from social networks and from the citizen portal. */
  socialCases: number;
  portalCases: number;
}

export interface SimulationReport {
  cases: number;
  actions: number;
  passes: number;
  /** Steps the workflow refused: each one a bug in the script, listed for whoever changes it. */
  refusals: string[];
}

const TOPIC_WEIGHTS = {
  roads: 14,
  housing: 10,
  improvement: 10,
  water: 9,
  waste: 9,
  heating: 8,
  power: 6,
  education: 6,
  social: 6,
  transport: 5,
  health: 5,
  animals: 4,
  other: 3,
  safety: 3,
  ecology: 2,
  gas: 2,
} as const;

interface Fate {
  notProcessable: (typeof NOT_PROCESSABLE_MESSAGES)[number] | null;
  escalate: boolean;
  returnOnce: boolean;
  revision: boolean;
  interim: boolean;
  control: boolean;
  resolve: boolean;
  extension: boolean;
  repeat: boolean;
  /** The chance that a step comes after its deadline. */
  lateness: number;
}

interface Answered {
  caseId: number;
  text: string;
  author: Author;
  place: Place;
  topic: string;
  network: RegisterInput["channel"];
}

interface Administration extends SimulatedAdministration {
  answered: Answered[];
  departmentsById: Map<number, DemoDepartment>;
  counter: number;
}

interface Script {
  adm: Administration;
  /** A showcase case rests in this status, so that every stage of the desk has cases. */
  stopAt: CaseStatus | null;
  random: Random;
  portal: boolean;
  fate: Fate;
  topic: string;
  place: Place;
  author: Author;
  network: RegisterInput["channel"];
  importance: Importance;
  text: string;
  messageUrl: string;
  department: DemoDepartment;
  wrongDepartment: DemoDepartment | null;
  repeatOf: number | null;
  kase: CaseState | null;
  extension: "none" | "requested" | "decided";
}

interface Step {
  at: number;
  seq: number;
  run: (at: number) => Promise<void>;
}

/** The simulated timeline: steps in the order of their moments (a binary heap). */
class Timeline {
  private heap: Step[] = [];
  private seq = 0;

  push(at: number, run: (at: number) => Promise<void>): void {
    const heap = this.heap;
    heap.push({ at, seq: this.seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i] as Step, heap[parent] as Step)) break;
      [heap[i], heap[parent]] = [heap[parent] as Step, heap[i] as Step];
      i = parent;
    }
  }

  pop(): Step | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || !heap.length) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && this.before(heap[l] as Step, heap[m] as Step)) m = l;
      if (r < heap.length && this.before(heap[r] as Step, heap[m] as Step)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m] as Step, heap[i] as Step];
      i = m;
    }
    return top;
  }

  private before(a: Step, b: Step): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

/** The running stage of a case with this id in the regulation, if any. */
function openStage(c: CaseState, key: string): StageState | undefined {
  return c.stages.find((s) => s.key === key && s.status === "open");
}

export async function simulate(
  db: Db,
  administrations: readonly SimulatedAdministration[],
  options: { start: number; now: number; seed: string; riskShare: number },
): Promise<SimulationReport> {
  const { start, now } = options;
  const report: SimulationReport = { cases: 0, actions: 0, passes: 0, refusals: [] };
  const timeline = new Timeline();
  const root = new Random(options.seed);

  const refuse = (s: Script, what: string, failure: Failure): void => {
    report.refusals.push(
      `${s.adm.a.slug} ${s.kase?.number ?? "(new)"} ${what}: ${JSON.stringify(failure)}`,
    );
  };

  const actorOf = (adm: Administration, login: string): Actor => {
    const actor = adm.setup.actors.get(`${adm.a.slug}.${login}`);
    if (!actor) throw new Error(`demo: no ${adm.a.slug}.${login}`);
    return actor;
  };
  const curator = (adm: Administration) => actorOf(adm, "curator");
  const procedureOf = (s: Script) => s.adm.ctx.procedure((s.kase as CaseState).procedure);
  /** Who routes: the curator, or the head where he designates executors (002 п. 6). */
  const router = (s: Script): Actor =>
    POLICY.assign.roles(procedureOf(s)).includes("curator")
      ? curator(s.adm)
      : actorOf(s.adm, "approver");
  const approver = (s: Script): Actor =>
    s.adm.a.curatorApproves ? curator(s.adm) : actorOf(s.adm, "approver");
  /** The executor on the case, or whoever of its department is at work. */
  const executor = (s: Script, at: number): Actor => {
    const c = s.kase as CaseState;
    for (const actor of s.adm.setup.actors.values())
      if (actor.userId === c.executorId) return actor;
    const dept = s.adm.departmentsById.get(c.departmentId ?? -1) ?? s.department;
    const main = actorOf(s.adm, dept.key);
    const away = s.adm.setup.absence;
    if (away && away.userId === main.userId && away.startsAt <= at && at < away.endsAt)
      return actorOf(s.adm, `${dept.key}2`);
    return main;
  };
  const publisher = (s: Script, at: number): Actor =>
    POLICY.publish.roles(procedureOf(s)).includes("curator") ? curator(s.adm) : executor(s, at);

  /** When the next step comes: mostly within the stage's term, now and then after it. */
  const pace = (s: Script, from: number, stageKey: string | null, onTime = false): number => {
    const wt = s.adm.ctx.workingTime;
    const r = s.random;
    const stage = stageKey && s.kase ? openStage(s.kase, stageKey) : undefined;
    const deadline = stage?.deadline ?? null;
    // A showcase hurries to the status it rests in; a stage bounded only by the whole answer's
    // term is done early, to leave time for the rest.
    const showcase = s.stopAt !== null;
    const share = showcase
      ? r.between(0.03, 0.15)
      : stage?.boundedBy
        ? r.between(0.05, 0.3)
        : r.between(0.1, 0.8);
    onTime ||= showcase;
    // Now and then a case is forgotten for a day or two: the desk's overdue list.
    if (!onTime && r.chance(0.03)) return wt.addWorkingMinutes(from, r.int(480, 1440));
    if (deadline !== null && deadline > from) {
      if (!onTime && r.chance(s.fate.lateness))
        return wt.addWorkingMinutes(deadline, r.int(5, 150));
      const span = wt.workingMinutesBetween(from, deadline);
      if (span < 2) return from + Math.max(1, Math.floor((deadline - from) / 2));
      return wt.addWorkingMinutes(from, Math.max(1, Math.round(span * share)));
    }
    if (deadline !== null) return wt.addWorkingMinutes(from, r.int(3, 40));
    return wt.addWorkingMinutes(from, r.int(10, 180));
  };
  const later = (s: Script, from: number, min: number, max: number): number =>
    s.adm.ctx.workingTime.addWorkingMinutes(from, s.random.int(min, max));

  const act = async (
    s: Script,
    actor: Actor,
    request: ActionRequest,
    at: number,
  ): Promise<boolean> => {
    const c = s.kase as CaseState;
    const result = await db
      .transaction()
      .execute((tx) => actOnCase(tx, s.adm.ctx, actor, c.id, request, { now: at }));
    if (!result.ok) {
      refuse(s, request.action, result);
      return false;
    }
    report.actions++;
    s.kase = result.case;
    return true;
  };

  const departmentName = (s: Script): string =>
    (s.adm.departmentsById.get(s.kase?.departmentId ?? -1) ?? s.department).genitive;
  const accountFor = (s: Script): number | null =>
    s.adm.setup.accounts.get(s.network) ?? s.adm.setup.accounts.get("vk") ?? null;
  const answerUrl = (s: Script): string =>
    s.portal ? `${s.messageUrl}#answer` : `${s.messageUrl}?reply=${s.random.int(100, 99_999)}`;

  /** The next step of a case after it reached its present state at `at`, or null when it rests. */
  const plan = (s: Script, at: number): [number, Step["run"]] | null => {
    const c = s.kase as CaseState;
    const p = procedureOf(s);
    const f = s.fate;
    const run =
      (actor: (when: number) => Actor, request: () => ActionRequest) =>
      async (when: number): Promise<void> => {
        if (await act(s, actor(when), request(), when)) schedule(s, when);
      };
    switch (c.status) {
      case "new":
        if (f.notProcessable) {
          const reason = f.notProcessable.reason;
          return [
            later(s, at, 5, 40),
            run(
              () => curator(s.adm),
              () => ({ action: "markNotProcessable", reason }),
            ),
          ];
        }
        if (f.escalate && c.escalatedAt === null)
          return [
            later(s, at, 5, 30),
            run(
              () => curator(s.adm),
              () => ({ action: "escalate", note: s.random.pick(ESCALATION_NOTES) }),
            ),
          ];
        return [
          pace(s, at, s.portal ? "assign" : "route"),
          run(
            () => router(s),
            () => {
              const dept =
                f.returnOnce && !c.events.returned && s.wrongDepartment
                  ? s.wrongDepartment
                  : s.department;
              return {
                action: "assign",
                departmentId: s.adm.setup.departmentIds.get(dept.key) as number,
                userId: actorOf(s.adm, dept.key).userId,
              };
            },
          ),
        ];
      case "returned":
        return [
          pace(s, at, "reroute"),
          run(
            () => router(s),
            () => ({
              action: "assign",
              departmentId: s.adm.setup.departmentIds.get(s.department.key) as number,
              userId: actorOf(s.adm, s.department.key).userId,
            }),
          ),
        ];
      case "assigned": {
        const returnStage = c.stages.find(
          (st) =>
            st.status === "open" &&
            p.stages.some((r) => r.id === st.key && r.until.includes("returned")),
        );
        if (f.returnOnce && !c.events.returned && returnStage)
          return [
            pace(s, at, returnStage.key, true),
            run(
              (when) => executor(s, when),
              () => ({ action: "return", reason: s.random.pick(RETURN_REASONS) }),
            ),
          ];
        const acceptStage = c.stages.find(
          (st) =>
            st.status === "open" &&
            st.kind === "task" &&
            p.stages.some((r) => r.id === st.key && r.until.includes("accepted")),
        );
        return [
          acceptStage ? pace(s, at, acceptStage.key) : later(s, at, 5, 60),
          run(
            (when) => executor(s, when),
            () => ({ action: "accept" }),
          ),
        ];
      }
      case "inProgress":
      case "revision":
      case "interim":
      case "rework": {
        if (f.extension && p.extension && s.extension !== "decided") {
          if (s.extension === "none")
            return [
              later(s, at, 60, 600),
              async (when) => {
                if (
                  await act(
                    s,
                    executor(s, when),
                    {
                      action: "requestExtension",
                      days: s.random.int(3, 8),
                      comment: s.random.pick(EXTENSION_COMMENTS),
                    },
                    when,
                  )
                ) {
                  s.extension = "requested";
                  schedule(s, when);
                }
              },
            ];
          return [
            later(s, at, 30, 240),
            async (when) => {
              const days = s.random.int(3, 8);
              if (
                await act(
                  s,
                  curator(s.adm),
                  { action: "decideExtension", approve: true, days },
                  when,
                )
              ) {
                s.extension = "decided";
                schedule(s, when);
              }
            },
          ];
        }
        if (c.draft?.status === "editing") {
          const next: ActionRequest = needsApproval(p)
            ? { action: "submitDraft" }
            : { action: "publish", accountId: accountFor(s), url: answerUrl(s) };
          return [
            later(s, at, 3, 25),
            run(
              (when) => (needsApproval(p) ? executor(s, when) : publisher(s, when)),
              () => next,
            ),
          ];
        }
        const interim = f.interim && !c.events.interimPublished && !!p.interim;
        const stage =
          c.status === "revision"
            ? "revise"
            : c.status === "interim"
              ? "final"
              : s.portal
                ? c.status === "rework"
                  ? "rework"
                  : "total"
                : openStage(c, "draft")
                  ? "draft"
                  : "total";
        const first = s.kase?.draft === null;
        return [
          pace(s, at, stage),
          run(
            (when) => executor(s, when),
            () => {
              const person = s.portal || s.random.chance(0.7) ? s.author.firstName : null;
              let text = interim
                ? interimAnswer(person, departmentName(s))
                : finalAnswer(
                    s.random,
                    s.topic,
                    s.place,
                    departmentName(s),
                    person,
                    s.repeatOf !== null,
                  );
              if (!first && c.status === "revision")
                text += " Срок выполнения работ — до конца месяца.";
              return { action: "saveDraft", kind: interim ? "interim" : "final", text };
            },
          ),
        ];
      }
      case "onApproval": {
        const revise = f.revision && !c.events.revisionRequested;
        return [
          pace(s, at, "approve"),
          run(
            () => approver(s),
            () =>
              revise
                ? { action: "requestRevision", remarks: s.random.pick(REVISION_REMARKS) }
                : { action: "approve" },
          ),
        ];
      }
      case "approved":
        if (hasHandOver(p))
          return [
            pace(s, at, "handOver"),
            run(
              (when) => executor(s, when),
              () => ({ action: "handOver" }),
            ),
          ];
        return [
          pace(s, at, "publish"),
          run(
            (when) => publisher(s, when),
            () => ({ action: "publish", accountId: accountFor(s), url: answerUrl(s) }),
          ),
        ];
      case "readyToPublish":
        return [
          pace(s, at, "publish"),
          run(
            () => curator(s.adm),
            () => ({ action: "publish", accountId: accountFor(s), url: answerUrl(s) }),
          ),
        ];
      case "answered":
        if (!s.adm.answered.some((x) => x.caseId === c.id))
          s.adm.answered.push({
            caseId: c.id,
            text: s.text,
            author: s.author,
            place: s.place,
            topic: s.topic,
            network: s.network,
          });
        if (f.control && p.additionalControl && !c.events.additionalControlSet)
          return [
            later(s, at, 10, 120),
            run(
              () => curator(s.adm),
              () => ({ action: "setAdditionalControl", note: s.random.pick(CONTROL_NOTES) }),
            ),
          ];
        return null;
      case "additionalControl":
        if (!c.events.additionalControlReported)
          return [
            pace(s, at, "controlReport"),
            run(
              (when) => executor(s, when),
              () => ({ action: "reportMeasures", text: s.random.pick(MEASURES_REPORTS) }),
            ),
          ];
        if (f.resolve)
          return [
            later(s, at, 480, 5 * 480),
            run(
              () => curator(s.adm),
              () => ({ action: "resolve" }),
            ),
          ];
        return null;
      case "notProcessable":
      case "duplicate":
        return null;
    }
  };

  /** Puts the case's next step on the timeline, unless it would come after `now`. */
  function schedule(s: Script, at: number): void {
    if (s.kase?.status === s.stopAt) return;
    const next = plan(s, at);
    if (!next) return;
    const [when, run] = next;
    if (when <= now) timeline.push(when, run);
  }

  const register = async (s: Script, at: number): Promise<void> => {
    const adm = s.adm;
    // A repeat: the same author about the same problem, after the earlier case was answered.
    if (s.fate.repeat && adm.answered.length) {
      const earlier = s.random.pick(adm.answered);
      s.author = earlier.author;
      s.place = earlier.place;
      s.topic = earlier.topic;
      s.network = earlier.network;
      s.text = repeatText(earlier.text);
      s.repeatOf = earlier.caseId;
    }
    const n = ++adm.counter;
    const externalId = `${adm.setup.tenantId}-${n}`;
    const group = adm.a.accounts.find((x) => x.network === s.network)?.externalId ?? `demo${n}`;
    s.messageUrl = s.portal
      ? `https://kamchatka-v-poryadke.example/messages/${100_000 + n}`
      : s.network === "ok"
        ? `https://ok.ru/group/${group}/topic/${150_000_000 + n}`
        : s.network === "telegram"
          ? `https://t.me/${group.replace(/^@/, "")}/${1_000 + n}`
          : `https://vk.com/wall${group}_${20_000 + n}`;
    const authorUrl =
      s.network === "ok"
        ? `https://ok.ru/profile/${s.author.externalId}`
        : s.network === "telegram" || s.portal
          ? null
          : `https://vk.com/id${s.author.externalId}`;
    const postedAt = s.portal
      ? at - s.random.int(1, 20) * MINUTE
      : at - s.random.int(2, 180) * MINUTE;
    const result = await db.transaction().execute((tx) =>
      registerCase(
        tx,
        adm.ctx,
        curator(adm),
        {
          channel: s.portal ? "portal" : s.network,
          text: s.fate.notProcessable ? s.fate.notProcessable.text : s.text,
          url: s.messageUrl,
          externalId,
          authorName: s.author.fullName,
          authorUrl,
          authorExternalId: s.author.externalId,
          postedAt,
          detectedAt: at,
          importance: s.importance,
          topic: s.fate.notProcessable ? null : s.topic,
          locationText: s.fate.notProcessable
            ? null
            : `${s.place.settlement}, ул. ${s.place.street}, ${s.place.house}`,
          repeatOf: s.repeatOf,
          likes: s.random.int(0, 40),
          reposts: s.random.int(0, 5),
          comments: s.random.int(0, 25),
        },
        at,
      ),
    );
    if (!result.ok) {
      refuse(s, "register", result);
      return;
    }
    report.cases++;
    s.kase = result.case;
    // A repeat routed automatically to the earlier department is answered there.
    const dept = adm.departmentsById.get(result.case.departmentId ?? -1);
    if (dept) s.department = dept;
    schedule(s, at);
  };

  // Every administration's messages, spread over the weeks before `now`.
  for (const sim of administrations) {
    const random = root.fork(sim.a.slug);
    const adm: Administration = {
      ...sim,
      answered: [],
      counter: 0,
      departmentsById: new Map(
        sim.a.departments.map((d) => [sim.setup.departmentIds.get(d.key) as number, d]),
      ),
    };
    const gazetteer = PRESET_GAZETTEERS[sim.a.slug];
    if (!gazetteer) throw new Error(`demo: no gazetteer for ${sim.a.slug}`);
    const centre = gazetteer.settlements.find((x) => x.centre) ?? gazetteer.settlements[0];
    const social = sim.ctx.regulation.procedures.find((p) => !p.channels.includes("portal"));
    const wt = sim.ctx.workingTime;
    const total = sim.socialCases + sim.portalCases;
    const socialTargets: CaseStatus[] = !social
      ? []
      : [
          "new",
          "assigned",
          "inProgress",
          ...(needsApproval(social) ? (["onApproval", "revision", "approved"] as const) : []),
          ...(hasHandOver(social) ? (["readyToPublish"] as const) : []),
          ...(social.interim ? (["interim"] as const) : []),
          ...(social.stages.some((st) => st.until.includes("returned"))
            ? (["returned"] as const)
            : []),
          ...(social.additionalControl ? (["additionalControl"] as const) : []),
        ];
    const portalTargets: CaseStatus[] = ["new", "assigned", "inProgress"];
    for (let i = 0; i < total; i++) {
      const r = random.fork(`case-${i}`);
      const portal = i >= sim.socialCases;
      const procedure = portal
        ? sim.ctx.regulation.procedures.find((p) => p.channels.includes("portal"))
        : social;
      if (!procedure) continue;
      const settlement =
        r.chance(0.6) || !centre
          ? centre
          : r.pick(gazetteer.settlements.filter((x) => x !== centre));
      if (!settlement) continue;
      const streets = gazetteer.streets
        .filter((x) => x.settlement === settlement.name)
        .map((x) => x.name);
      const place: Place = {
        settlement: settlement.name,
        in: inSettlement(gazetteer, settlement.name),
        street: r.pick(streets.length ? streets : VILLAGE_STREETS),
        house: r.int(1, 60),
      };
      const topic = r.weighted(TOPIC_WEIGHTS);
      const local = sim.a.departments.find(
        (d) => d.settlements?.includes(place.settlement) && d.topics.includes(topic),
      );
      const department =
        local ??
        sim.a.departments.find((d) => d.kind === "structural" && d.topics.includes(topic)) ??
        (sim.a.departments[0] as DemoDepartment);
      const canReturn = procedure.stages.some((st) => st.until.includes("returned"));
      const importance: Importance =
        portal && r.chance(0.15)
          ? "fastTrack"
          : !portal && procedure.importance.includes("high") && r.chance(0.1)
            ? "high"
            : "normal";
      const networks = sim.a.networks as Record<string, number>;
      const network = portal ? "portal" : (r.weighted(networks) as RegisterInput["channel"]);
      // The first cases of each kind are showcases: one per status worked on today, one since
      // yesterday or the day before — on time, at risk or overdue as their clocks say.
      const targets = portal ? portalTargets : socialTargets;
      const index = portal ? i - sim.socialCases : i;
      const today = index < targets.length;
      const stopAt = today
        ? (targets[index] ?? null)
        : (targets[(index - targets.length) * 2] ?? null);
      const fate: Fate = {
        notProcessable: !portal && r.chance(0.04) ? r.pick(NOT_PROCESSABLE_MESSAGES) : null,
        escalate: r.chance(0.04),
        returnOnce: canReturn && r.chance(0.1),
        revision: needsApproval(procedure) && r.chance(0.2),
        interim: !!procedure.interim && r.chance(0.1),
        control: !!procedure.additionalControl && r.chance(0.4),
        resolve: r.chance(0.5),
        extension: !!procedure.extension && r.chance(0.2),
        repeat: r.chance(0.06),
        lateness: r.between(0.03, 0.15),
      };
      if (stopAt) {
        fate.notProcessable = null;
        fate.repeat = false;
        if (stopAt === "revision") fate.revision = true;
        if (stopAt === "interim") fate.interim = true;
        if (stopAt === "returned") fate.returnOnce = true;
        if (stopAt === "additionalControl") fate.control = true;
      }
      const author = randomAuthor(r);
      const script: Script = {
        adm,
        random: r,
        portal,
        fate,
        topic,
        place,
        author,
        network,
        importance,
        text: messageText(r, topic, place),
        messageUrl: "",
        department,
        wrongDepartment: r.pick(sim.a.departments.filter((d) => d !== department)) ?? null,
        repeatOf: null,
        kase: null,
        extension: "none",
        stopAt,
      };
      // A third of the messages came in the last working hours and are still being worked on,
      // some in the last two days, the rest over the weeks before. Portal terms are calendar
      // days: up to three weeks back.
      const age = stopAt
        ? today
          ? "hours"
          : "days"
        : r.weighted({ hours: 30, days: 15, weeks: 55 });
      const detected = portal
        ? Math.min(
            now,
            wt.nextWorkingMoment(
              now -
                (age === "hours"
                  ? r.between(0, 1)
                  : age === "days"
                    ? r.between(7, 11)
                    : r.between(0, 20)) *
                  DAY,
            ),
          )
        : wt.subtractWorkingMinutes(
            now,
            age === "hours"
              ? r.int(stopAt ? 90 : 0, 240)
              : age === "days"
                ? r.int(240, 960)
                : r.int(960, 14 * 480),
          );
      if (detected < start || detected > now) continue;
      timeline.push(detected, (at) => register(script, at));
    }
  }

  // The scheduler of the simulated server, every twenty minutes from the start to `now`.
  const pass = async (at: number): Promise<void> => {
    await runSchedulerPass(db, at, { riskShare: options.riskShare });
    report.passes++;
    if (at + PASS_EVERY <= now) timeline.push(at + PASS_EVERY, pass);
  };
  timeline.push(start + PASS_EVERY, pass);

  for (let step = timeline.pop(); step && step.at <= now; step = timeline.pop())
    await step.run(step.at);
  await runSchedulerPass(db, now, { riskShare: options.riskShare });
  report.passes++;
  return report;
}
