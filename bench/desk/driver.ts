// How the bench moves a case one step along its workflow, the way the desk's people would, and the
// citizens' words it registers. Shared by the seeding, the HTTP clients and the app-layer loop.
import type { ActionRequest } from "../../src/app/act-on-case.ts";
import type { Action } from "../../src/domain/workflow/policy.ts";

/** A small seeded generator (mulberry32): the same run gives the same cases and the same steps. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/** The departments of a tenant and their executors: whom a curator routes cases to. */
export interface Staffing {
  departments: readonly number[];
  executorsOf: ReadonlyMap<number, readonly number[]>;
}

export interface StepOptions {
  /** Share of drafts the approver returns with remarks. */
  revisionShare: number;
  /** Share of assigned cases the executor returns as not in their competence. */
  returnShare: number;
  /** Share of new cases a curator triages before routing. */
  triageShare: number;
}

export const DESK_STEPS: StepOptions = { revisionShare: 0.2, returnShare: 0, triageShare: 0.3 };

/**
 * The next action on a case, from what the desk allows now (the card's allowedActions) and the
 * step before; null when nothing of the usual path is open to this person.
 */
export function nextStep(
  status: string,
  allowed: readonly string[],
  last: string | null,
  staffing: Staffing,
  random: () => number,
  options: StepOptions = DESK_STEPS,
): ActionRequest | null {
  const can = (a: Action) => allowed.includes(a);
  if (can("accept")) {
    if (options.returnShare > 0 && can("return") && random() < options.returnShare)
      return { action: "return", reason: "Вопрос не относится к компетенции отдела." };
    return { action: "accept" };
  }
  if (status === "onApproval" && can("approve")) {
    if (can("requestRevision") && random() < options.revisionShare)
      return {
        action: "requestRevision",
        remarks: "Уточните сроки работ и ответственного, уберите канцелярит.",
      };
    return { action: "approve" };
  }
  if (status === "revision" && last !== "saveDraft" && can("saveDraft")) return draft(random);
  if (can("submitDraft")) return { action: "submitDraft" };
  if (can("handOver")) return { action: "handOver" };
  if (can("publish"))
    return { action: "publish", url: `https://vk.com/wall-1_${Math.floor(random() * 1e9)}` };
  if (can("saveDraft")) return draft(random);
  if (can("assign")) {
    if ((status === "new" || status === "returned") && last !== "triage" && can("triage"))
      if (random() < options.triageShare) return { action: "triage", importance: "normal" };
    const departmentId = pick(random, staffing.departments);
    const executors = staffing.executorsOf.get(departmentId) ?? [];
    return {
      action: "assign",
      departmentId,
      userId: executors.length ? pick(random, executors) : null,
    };
  }
  if (can("resolve")) return { action: "resolve" };
  return null;
}

function draft(random: () => number): ActionRequest {
  return {
    action: "saveDraft",
    kind: "final",
    text:
      `Здравствуйте! ${pick(random, ANSWERS)} ` +
      "Благодарим за обращение, о ходе работ сообщим дополнительно.",
  };
}

const ANSWERS = [
  "Бригада подрядчика выйдет на место в течение трёх рабочих дней.",
  "Вопрос включён в план работ на текущий месяц, работы выполнит МКУ «Благоустройство».",
  "Управляющей компании выдано предписание устранить нарушение до конца недели.",
  "Обследование проведено, ремонт назначен после просыхания дорожного покрытия.",
  "Информация передана в профильное министерство, ответ будет направлен вам отдельно.",
];

/** Words of citizens' messages; the bench composes summaries from them, in SQL and here. */
export const PHRASES = [
  "Яма на дороге, машины объезжают по встречной полосе",
  "Не вывозят мусор с контейнерной площадки уже неделю",
  "Во дворе не работает уличное освещение, вечером темно и опасно",
  "Течёт крыша над подъездом, управляющая компания не отвечает",
  "Автобус по маршруту не пришёл ни утром, ни вечером",
  "Сломаны качели на детской площадке, торчат болты",
  "Нет горячей воды третий день, обращения в диспетчерскую без ответа",
  "Бродячие собаки нападают на детей у школы",
  "Не убран снег с тротуара, пожилые люди падают",
  "Упало дерево на провода, висит над проезжей частью",
  "В поликлинике нет записи к терапевту на две недели вперёд",
  "Открыт канализационный люк на пешеходном переходе",
  "Стихийная свалка строительного мусора за гаражами",
  "Не работает светофор на перекрёстке, водители не пропускают пешеходов",
  "В детском саду холодно, батареи еле тёплые",
  "Подтопление подвала, запах сырости в подъезде",
  "Разбитая остановка без крыши, люди ждут под дождём",
  "Шумные ремонтные работы ночью, жители не могут спать",
  "Нет пандуса у входа в МФЦ, маме с коляской не подняться",
  "Грейдер не чистит дорогу в деревню, скорая не проедет",
  "Просим установить лежачего полицейского у школы",
  "Отключают электричество каждый вечер без предупреждения",
  "Запах гари от несанкционированного сжигания мусора",
  "Мост через ручей прогнил, опасно ходить детям",
];

export const STREETS = [
  "Ленина",
  "Советская",
  "Набережная",
  "Школьная",
  "Садовая",
  "Молодёжная",
  "Лесная",
  "Заречная",
  "Мира",
  "Гагарина",
  "Строителей",
  "Кооперативная",
  "Октябрьская",
  "Полевая",
  "Береговая",
  "Комсомольская",
];

/** One message as a citizen writes it; `n` picks the words, as `summarySql` does in SQL. */
export function messageOf(n: number): string {
  const phrase = PHRASES[n % PHRASES.length] as string;
  const street = STREETS[Math.floor(n / PHRASES.length) % STREETS.length] as string;
  return `${phrase}. Улица ${street}, дом ${(n % 97) + 1}.`;
}

/** The same message as `messageOf`, in SQL over an integer expression. */
export function summarySql(n: string): string {
  const arr = (xs: readonly string[]) =>
    `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`;
  return (
    `(${arr(PHRASES)})[(${n}) % ${PHRASES.length} + 1] || '. Улица ' || ` +
    `(${arr(STREETS)})[((${n}) / ${PHRASES.length}) % ${STREETS.length} + 1] || ', дом ' || ((${n}) % 97 + 1) || '.'`
  );
}
