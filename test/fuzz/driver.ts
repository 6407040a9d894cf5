/**
 * Runs a fuzz target: mutations of its seeds (or random bytes), each case timed; then a time
 * check at two sizes. Shared by `npm test` (test/fuzz/fuzz.test.ts, a few thousand cases) and
 * `npm run fuzz` (test/fuzz/run.ts, many more). Seeded: the same seed gives the same cases.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { FuzzTarget, Outcome } from './targets';

/** Characters that matter to the formats fuzzed here, plus arbitrary bytes (inputs are latin1). */
const SPICE = ['{', '}', '[', ']', '(', ')', '"', "'", '\\', '$', '%', '${', '%{', '<', '>', '&', '/', '*', ':', ',', '=', '\n', '\0', '\x80', '\xc3', '\xff', '<![CDATA[', '<!DOCTYPE', '-1', '1e999', 'null', 'true', '\u0085'];

const edit = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SPICE), fc.string({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b).toString('latin1'))) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 256 }), times: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  // Runs of zero bytes: an archive's end blocks, a wiped header.
  fc.record({ kind: fc.constant('zero' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 1536 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function applyEdit(text: string, e: Edit): string {
  const at = text.length ? e.at % (text.length + 1) : 0;
  switch (e.kind) {
    case 'insert': return text.slice(0, at) + e.text + text.slice(at);
    case 'delete': return text.slice(0, at) + text.slice(at + e.length);
    case 'duplicate': return text.slice(0, at) + text.slice(at, at + e.length).repeat(e.times + 1) + text.slice(at + e.length);
    case 'truncate': return text.slice(0, at);
    case 'zero': return text.slice(0, at) + '\0'.repeat(e.length) + text.slice(at + e.length);
  }
}

/** Inputs for a target: a seed with 1 to 8 edits, or (without seeds, and sometimes anyway) raw bytes. */
export function inputs(target: FuzzTarget): fc.Arbitrary<string> {
  const raw = fc.oneof(
    fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.integer({ min: 0, max: 4096 }).map((n) => '\0'.repeat(n)),
  );
  if (!target.seeds.length) return fc.oneof(raw, fc.array(fc.constantFrom(...SPICE), { maxLength: 64 }).map((a) => a.join('')));
  const mutated = fc.tuple(fc.constantFrom(...target.seeds), fc.array(edit, { minLength: 1, maxLength: 8 })).map(([s, es]) => es.reduce(applyEdit, s));
  return fc.oneof({ weight: 8, arbitrary: mutated }, { weight: 1, arbitrary: raw });
}

export interface FuzzReport {
  readonly target: string;
  readonly cases: number;
  readonly values: number;
  readonly diagnostics: number;
  /** Exceptions other than the parser's own error type: the counterexample's message, shrunk. */
  readonly crash?: string;
  /** Cases slower than the hang limit. */
  readonly hang?: string;
  readonly slowestMs: number;
}

/** Runs `runs` cases; stops at (and shrinks) the first crash or hang. */
export async function fuzz(target: FuzzTarget, runs: number, seed: number, hangMs: number): Promise<FuzzReport> {
  let cases = 0;
  let values = 0;
  let diagnostics = 0;
  let slowestMs = 0;
  let hang: string | undefined;
  await target.run(target.seeds[0] ?? ''); // warm-up: module loading and parser set-up are not the input's cost
  const result = await fc.check(fc.asyncProperty(inputs(target), async (input) => {
    const t = performance.now();
    const out: Outcome = await target.run(input);
    const ms = performance.now() - t;
    cases++;
    if (out === 'value') values++;
    else diagnostics++;
    slowestMs = Math.max(slowestMs, ms);
    if (ms > hangMs) {
      hang ??= `${ms.toFixed(0)} ms on ${input.length} bytes`;
      throw new Error(`hang: ${ms.toFixed(0)} ms (limit ${hangMs} ms)`);
    }
  }), { numRuns: runs, seed, endOnFailure: false });
  const failure = result.failed ? `${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)} (seed ${seed}, counterexample ${JSON.stringify(result.counterexample?.[0])?.slice(0, 300)})` : undefined;
  return { target: target.name, cases, values, diagnostics, slowestMs, ...(failure && !failure.startsWith('hang') ? { crash: failure } : {}), ...(failure?.startsWith('hang') ? { hang: failure } : hang ? { hang } : {}) };
}

/** The fastest of `runs` calls, in ms: other processes on the machine only ever add time. */
async function minMs(fn: () => unknown, runs = 5): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

export interface LinearityReport {
  readonly target: string;
  readonly small: { readonly n: number; readonly ms: number };
  readonly big: { readonly n: number; readonly ms: number };
  readonly ratio: number;
}

/**
 * Time at two sizes, 16× apart, for a chunk: the smaller document grows until it takes 10 ms or
 * reaches 32 KiB (past the allocator's first steps, yet small enough that the larger one, about
 * half a MiB, does not measure the garbage collector's heap growth), and the ratio must stay
 * under `bound` (linear is ~16, quadratic 256). The callers use 100: between these sizes the
 * garbage collector's young generation overflows, which costs allocation-heavy parsers (saxes)
 * up to ~4x more than linear, measured as ratios of 25 to 70 on a loaded machine; quadratic
 * code stays far above. A 2 ms floor keeps timer noise out of the ratio.
 */
export async function linearity(target: FuzzTarget, chunk: string, bound: number): Promise<LinearityReport> {
  let n = 8;
  await target.run(target.grow(chunk, n)); // warm-up
  let ms = 0;
  for (;;) {
    const doc = target.grow(chunk, n);
    ms = await minMs(() => target.run(doc));
    if (ms >= 10 || doc.length >= 32 * 1024 || n >= 1 << 16) break;
    n *= 2;
  }
  const bigDoc = target.grow(chunk, n * 16);
  const big = await minMs(() => target.run(bigDoc));
  const ratio = (big + 2) / (ms + 2);
  if (ratio > bound) throw new Error(`${target.name}: ${n} → ${n * 16} repetitions of ${JSON.stringify(chunk)} took ${ms.toFixed(1)} → ${big.toFixed(1)} ms (ratio ${ratio.toFixed(1)}, bound ${bound})`);
  return { target: target.name, small: { n, ms }, big: { n: n * 16, ms: big }, ratio };
}
