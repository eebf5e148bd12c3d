// Reads regulation presets and files from disk and parses them (the domain parser does no I/O).
import { readFileSync } from "node:fs";
import { parseRegulation, type ParseResult } from "../domain/regulation/parse.ts";
import { isPresetName, PRESETS, type PresetName } from "../domain/regulation/presets.ts";

const PRESET_DIR = new URL("../domain/regulation/presets/", import.meta.url);

export function presetText(name: PresetName): string {
  return readFileSync(new URL(`${name}.yaml`, PRESET_DIR), "utf8");
}

const cache = new Map<PresetName, ParseResult>();

/** A preset, parsed once per process. */
export function loadPreset(name: PresetName): ParseResult {
  let result = cache.get(name);
  if (!result) {
    result = parseRegulation(presetText(name));
    cache.set(name, result);
  }
  return result;
}

export type LoadedRegulation = ParseResult & { source: string };

/** A preset by name, or a regulation file by path. Throws only when the file cannot be read. */
export function loadRegulation(presetOrPath: string): LoadedRegulation {
  if (isPresetName(presetOrPath))
    return { ...loadPreset(presetOrPath), source: `preset ${presetOrPath}` };
  return { ...parseRegulation(readFileSync(presetOrPath, "utf8")), source: presetOrPath };
}

export const presetNames = (): string[] => PRESETS.map((p) => p.name);
