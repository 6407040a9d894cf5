/**
 * Where an apply's walk went, from the calls the recording proxy saw (its spans) between the
 * walk's first progress line and its summary: how many calls were in flight on average (the
 * lower bound assumes `parallelism` all the time), how long no call was in flight at all (the
 * client busy with itself: state writes, evaluation, scheduling), and how long the live
 * world's catch-ups (`event.from` on records, one chain per pool) kept a call out.
 */
import type { CallSpan } from './recording-proxy';

export interface Breakdown {
  /** Sum of call durations ÷ walk. */
  readonly meanInFlight: number;
  /** Walk time with no call in flight (ms). */
  readonly noCallMs: number;
  /** Walk time with a records catch-up (`event.from` not waiting for a task) in flight (ms). */
  readonly catchUpMs: number;
  /** Mean duration of a call as the proxy saw it (latency included), ms. */
  readonly meanCallMs: number;
}

/** Length of the union of `[start, end]` intervals clipped to `[from, to]`. */
function covered(spans: readonly CallSpan[], from: number, to: number): number {
  const parts = spans.map((s) => [Math.max(s.start, from), Math.min(s.end, to)] as const).filter(([a, b]) => b > a).sort(([a], [b]) => a - b);
  let total = 0;
  let [curA, curB] = [-Infinity, -Infinity];
  for (const [a, b] of parts) {
    if (a > curB) {
      if (curB > curA) total += curB - curA;
      [curA, curB] = [a, b];
    } else curB = Math.max(curB, b);
  }
  if (curB > curA) total += curB - curA;
  return total;
}

export function breakdown(spans: readonly CallSpan[], from: number, to: number): Breakdown {
  const walk = Math.max(1, to - from);
  const inside = spans.filter((s) => s.end > from && s.start < to);
  const busy = inside.reduce((n, s) => n + Math.min(s.end, to) - Math.max(s.start, from), 0);
  const catchUps = inside.filter((s) => s.method === 'event.from' && !s.taskWait);
  return {
    meanInFlight: busy / walk,
    noCallMs: walk - covered(inside, from, to),
    catchUpMs: covered(catchUps, from, to),
    meanCallMs: inside.length ? inside.reduce((n, s) => n + s.end - s.start, 0) / inside.length : 0,
  };
}
