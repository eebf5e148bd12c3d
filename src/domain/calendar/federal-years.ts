// The year files shipped with Otklik: the federal production calendar 2020–2027.
import y2020 from "./data/2020.json" with { type: "json" };
import y2021 from "./data/2021.json" with { type: "json" };
import y2022 from "./data/2022.json" with { type: "json" };
import y2023 from "./data/2023.json" with { type: "json" };
import y2024 from "./data/2024.json" with { type: "json" };
import y2025 from "./data/2025.json" with { type: "json" };
import y2026 from "./data/2026.json" with { type: "json" };
import y2027 from "./data/2027.json" with { type: "json" };
import type { YearFile } from "./production-calendar.ts";

export const FEDERAL_YEARS: readonly YearFile[] = [
  y2020,
  y2021,
  y2022,
  y2023,
  y2024,
  y2025,
  y2026,
  y2027,
] as YearFile[];
