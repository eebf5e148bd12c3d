// A sudden rise of messages on one topic in one place against its own usual level: the escalation of 003 and 004 ("доклад Главе").
import { pluralRu } from "../i18n.ts";

export interface BurstOptions {
  /** Windows looked at, in hours, most recent first: a burst is the strongest of them. */
  windowsHours?: number[];
  /** Days of history that make the baseline. */
  baselineDays?: number;
  /** Fewer messages than this in a window are never a burst, however quiet the place usually is. */
  minCount?: number;
  /** The count must be at least this many times the expected one. */
  minRatio?: number;
  /** The Poisson probability of so many messages at the usual rate must be below this. */
  maxPValue?: number;
  /** A place with no history yet is taken to get this many messages a day on a topic. */
  priorPerDay?: number;
}

export interface BurstSignal {
  topic: string;
  place: string;
  windowHours: number;
  /** Messages in the window, this one included. */
  count: number;
  /** Messages the usual rate predicts for the window. */
  expected: number;
  /** Messages per day over the baseline days (mean and standard deviation) and how many days it covers. */
  baseline: { meanPerDay: number; sdPerDay: number; days: number };
  /** P(X ≥ count) for a Poisson variable with mean `expected`. */
  pValue: number;
  /** (count − expected) / √expected. */
  zScore: number;
}

const HOUR = 3_600_000;
const DEFAULTS: Required<BurstOptions> = {
  windowsHours: [1, 3, 6, 24],
  baselineDays: 28,
  minCount: 5,
  minRatio: 3,
  maxPValue: 0.001,
  priorPerDay: 0.5,
};

/** Upper tail of the Poisson distribution, P(X ≥ k), summed from k upwards (no cancellation for tiny tails). */
export function poissonTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  let term = Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
  let sum = 0;
  for (let i = k; i < k + 10_000 && term > 1e-300; i++) {
    sum += term;
    if (term < sum * 1e-15) break;
    term *= mean / (i + 1);
  }
  return Math.min(1, sum);
}

/** ln n!: exact up to 30, Stirling's series beyond (error below 1e-10) — a burst may count thousands. */
function logFactorial(n: number): number {
  if (n <= 30) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

interface Series {
  /** Hourly counts in a ring: slot = hour % length. */
  counts: Uint16Array;
  /** The newest hour counted (hours since the epoch). */
  lastHour: number;
  /** The first hour ever counted, to know how much history there is. */
  firstHour: number;
  /** Baseline sums by window, valid for one current hour: they do not change as that hour fills. */
  baselines: Map<number, { hour: number; version: number; total: number; hours: number }>;
  /** Bumped when a late message lands in an earlier hour, which the cached baselines may hold. */
  version: number;
}

/**
 * Keeps hourly message counts per topic and place for the last weeks (a few kilobytes per pair)
 * and tells when the latest hours stand out. Pure: times are passed in.
 */
export class BurstTracker {
  private readonly options: Required<BurstOptions>;
  private readonly series = new Map<string, Series>();
  private readonly hours: number;

  constructor(options: BurstOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.hours = (this.options.baselineDays + 1) * 24 + Math.max(...this.options.windowsHours);
  }

  /** Counts one message on `topic` in `place` posted at `postedAt` (epoch ms). */
  record(topic: string, place: string, postedAt: number): void {
    const key = `${topic}\u0000${place}`;
    const hour = Math.floor(postedAt / HOUR);
    let s = this.series.get(key);
    if (!s) {
      s = {
        counts: new Uint16Array(this.hours),
        lastHour: hour,
        firstHour: hour,
        baselines: new Map(),
        version: 0,
      };
      this.series.set(key, s);
    }
    if (hour < s.lastHour) s.version++;
    if (hour > s.lastHour) {
      // Hours that passed without messages are zeros in the ring.
      for (let h = s.lastHour + 1; h <= Math.min(hour, s.lastHour + this.hours); h++)
        s.counts[h % this.hours] = 0;
      s.lastHour = hour;
    } else if (hour <= s.lastHour - this.hours) {
      return; // older than anything the tracker remembers
    }
    s.firstHour = Math.min(s.firstHour, hour);
    const slot = hour % this.hours;
    s.counts[slot] = Math.min(65_535, s.counts[slot]! + 1);
  }

  /** The strongest burst on `topic` in `place` in the windows ending at `at` (epoch ms), if any. */
  check(topic: string, place: string, at: number): BurstSignal | undefined {
    const s = this.series.get(`${topic}\u0000${place}`);
    if (!s) return undefined;
    const o = this.options;
    const now = Math.floor(at / HOUR);
    const count = (from: number, to: number) => {
      // Hours in [from, to], clipped to what the ring holds.
      let n = 0;
      for (
        let h = Math.max(from, s.lastHour - this.hours + 1, s.firstHour);
        h <= Math.min(to, s.lastHour);
        h++
      ) {
        n += s.counts[h % this.hours]!;
      }
      return n;
    };
    let best: BurstSignal | undefined;
    for (const w of o.windowsHours) {
      const inWindow = count(now - w + 1, now);
      if (inWindow < o.minCount) continue;
      const baseEnd = now - w;
      const baseStart = Math.max(baseEnd - o.baselineDays * 24 + 1, s.firstHour);
      let cached = s.baselines.get(w);
      if (!cached || cached.hour !== now || cached.version !== s.version) {
        const hours = Math.max(0, baseEnd - baseStart + 1);
        cached = { hour: now, version: s.version, total: count(baseStart, baseEnd), hours };
        s.baselines.set(w, cached);
      }
      const { total, hours: baseHours } = cached;
      const meanPerDay = baseHours >= 24 ? (total / baseHours) * 24 : 0;
      // A young series has too little history to call its rate usual: the prior fills in.
      const weight = Math.min(1, baseHours / (7 * 24));
      const ratePerDay = Math.max(
        weight * meanPerDay + (1 - weight) * o.priorPerDay,
        o.priorPerDay / 10,
      );
      const expected = (ratePerDay * w) / 24;
      if (inWindow < o.minRatio * expected) continue;
      const pValue = poissonTail(inWindow, expected);
      if (pValue >= o.maxPValue) continue;
      const days: number[] = [];
      for (let d = baseEnd; d - 23 >= baseStart; d -= 24) days.push(count(d - 23, d));
      const mean = days.length ? days.reduce((a, b) => a + b, 0) / days.length : meanPerDay;
      const sd =
        days.length > 1
          ? Math.sqrt(days.reduce((a, b) => a + (b - mean) ** 2, 0) / (days.length - 1))
          : 0;
      const signal: BurstSignal = {
        topic,
        place,
        windowHours: w,
        count: inWindow,
        expected,
        baseline: { meanPerDay: mean, sdPerDay: sd, days: days.length },
        pValue,
        zScore: (inWindow - expected) / Math.sqrt(expected),
      };
      if (!best || signal.pValue < best.pValue) best = signal;
    }
    return best;
  }
}

// "о водоснабжении": the default rubricator's topics in the prepositional case.
const TOPIC_ABOUT: Readonly<Record<string, string>> = {
  housing: "о ЖКХ и управляющих компаниях",
  heating: "об отоплении",
  water: "о водоснабжении",
  power: "об электроснабжении",
  gas: "о газоснабжении",
  roads: "о дорогах",
  waste: "о вывозе мусора",
  improvement: "о благоустройстве",
  transport: "об общественном транспорте",
  health: "о здравоохранении",
  education: "об образовании",
  social: "о социальной защите",
  safety: "о безопасности",
  animals: "о безнадзорных животных",
  ecology: "об экологии",
  other: "на прочие темы",
};

/**
 * The burst in one Russian sentence with its figures: "За последние 6 часов 14 сообщений о
 * водоснабжении в Тарко-Сале при обычных 1–2 в день".
 * `placeIn` says "in" the place ("в Тарко-Сале"); `topicName` is used for topics outside the default rubricator.
 */
export function describeBurst(signal: BurstSignal, placeIn: string, topicName?: string): string {
  const w = signal.windowHours;
  const period =
    w === 1 ? "За последний час" : `За последние ${w} ${pluralRu(w, "час", "часа", "часов")}`;
  const about = TOPIC_ABOUT[signal.topic] ?? `по теме «${topicName ?? signal.topic}»`;
  const n = signal.count;
  const { meanPerDay, sdPerDay, days } = signal.baseline;
  let usual: string;
  if (days === 0) usual = "без истории сообщений за прошлые дни";
  else if (meanPerDay < 0.5) {
    const perWeek = Math.round(meanPerDay * 7);
    usual = perWeek === 0 ? "при обычных 0 в день" : `при обычных ${perWeek} в неделю`;
  } else {
    // The usual range: mean ± one standard deviation, in whole messages.
    const low = Math.max(0, Math.round(meanPerDay - sdPerDay));
    const high = Math.max(low, Math.round(meanPerDay + sdPerDay));
    usual = low === high ? `при обычных ${low} в день` : `при обычных ${low}–${high} в день`;
  }
  const p =
    signal.pValue < 0.0001 ? "p < 0,0001" : `p = ${signal.pValue.toFixed(4).replace(".", ",")}`;
  return `${period} ${n} ${pluralRu(n, "сообщение", "сообщения", "сообщений")} ${about} ${placeIn} ${usual} (${p})`;
}
