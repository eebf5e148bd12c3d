// Ticking clocks and how the desk says how much time is left or how late a stage is.
import { useEffect, useState } from "react";
import { formatLocal } from "../../src/domain/calendar/time-zone.ts";
import type { Locale } from "../../src/domain/i18n.ts";

type Tick = () => void;
const subscribers = new Set<Tick>();
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * The current time, re-rendered every second by one shared timer (500 rows with a countdown
 * each must not start 500 intervals).
 */
export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let last = 0;
    const tick: Tick = () => {
      const t = Date.now();
      if (t - last >= periodMs - 50) {
        last = t;
        setNow(t);
      }
    };
    subscribers.add(tick);
    timer ??= setInterval(() => {
      for (const fn of subscribers) fn();
    }, 1000);
    return () => {
      subscribers.delete(tick);
      if (!subscribers.size && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, [periodMs]);
  return now;
}

/** A countdown as people read it: "1:05:09" under a day, "2 д 3 ч" beyond. */
export function formatCountdown(ms: number, locale: Locale): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (days > 0) return locale === "ru" ? `${days} д ${h} ч` : `${days} d ${h} h`;
  const mm = String(m).padStart(2, "0");
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${m}:${ss}`;
}

/** An instant in the tenant's zone ("пн 16.11.2026 09:30"); the browser's zone when unknown. */
export function formatAt(instant: number, timeZone: string | undefined, locale: Locale): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return formatLocal(instant, zone, locale);
}
