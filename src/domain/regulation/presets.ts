// The regulations Otklik ships as presets: the five real documents of ../shared/regulations.
export const PRESETS = [
  { name: "purovsky", source: "000", place: "Пуровский район, ЯНАО" },
  { name: "krymsk", source: "001", place: "Крымский район, Краснодарский край" },
  { name: "bor", source: "002", place: "Борское сельское поселение, Ленинградская область" },
  { name: "lyambir", source: "003", place: "Лямбирский район, Республика Мордовия" },
  { name: "sobolevo", source: "004", place: "Соболевский район, Камчатский край" },
] as const;

export type PresetName = (typeof PRESETS)[number]["name"];

export function isPresetName(name: string): name is PresetName {
  return PRESETS.some((p) => p.name === name);
}
