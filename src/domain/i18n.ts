// Languages of everything a user reads: Russian first, English second.
export type Locale = "ru" | "en";
export const LOCALES: readonly Locale[] = ["ru", "en"];

/** Russian plural form for a count: 1 день, 2 дня, 5 дней. */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const abs = Math.abs(n) % 100;
  const last = abs % 10;
  if (abs > 10 && abs < 20) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

/** "2 ч 15 мин" / "2 h 15 min" for a number of minutes (rounded). */
export function formatDuration(minutes: number, locale: Locale): string {
  const sign = minutes < 0 ? "−" : "";
  const total = Math.round(Math.abs(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  const [hu, mu] = locale === "ru" ? ["ч", "мин"] : ["h", "min"];
  if (h && m) return `${sign}${h} ${hu} ${m} ${mu}`;
  if (h) return `${sign}${h} ${hu}`;
  return `${sign}${m} ${mu}`;
}
