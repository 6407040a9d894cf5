/**
 * The fidelity generator's random source: the simulator's seeded mulberry32 with the few
 * helpers the generator needs. Everything random in a fidelity run comes from one `Rng`, so a
 * seed reproduces the whole run.
 */
import { seededRandom } from '../../src/simulator/faults';

export class Rng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = seededRandom(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Up to `max` distinct items, in their original order. */
  subset<T>(items: readonly T[], min: number, max: number): T[] {
    const n = Math.min(items.length, this.int(min, max));
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A short lower-case word, for names and map keys. */
  word(): string {
    return this.pick(['alpha', 'bravo', 'delta', 'echo', 'kilo', 'lima', 'oscar', 'tango', 'zulu', 'nova', 'vega', 'orion']);
  }

  /** A derived seed, so that a sub-run (one case) is reproducible on its own. */
  fork(): number {
    return Math.floor(this.next() * 0x7fffffff);
  }
}
