// A seeded pseudo-random generator: the same seed gives the same demo, on every machine.

export class Random {
  private state: number;

  constructor(seed: string | number) {
    // FNV-1a of the seed's text: any string becomes a 32-bit starting state.
    let h = 0x811c9dc5;
    for (const ch of String(seed)) {
      h ^= ch.codePointAt(0) as number;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    this.state = h || 1;
  }

  /** A float in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [key, w] of entries) {
      x -= w;
      if (x < 0) return key;
    }
    return (entries[entries.length - 1] as [K, number])[0];
  }

  /** A new generator for a part of the demo, so that adding to one part does not shift the others. */
  fork(label: string): Random {
    return new Random(`${this.state}:${label}`);
  }
}
