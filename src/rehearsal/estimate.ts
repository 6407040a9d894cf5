/**
 * The real apply's wall time, estimated from the rehearsal: the apply's own scheduler (same
 * graph, parallelism, critical-path priorities and storage-migration limits) replayed in
 * virtual time (`dag/simulate.ts`), each change lasting the round trips it made on the copy
 * (calls sent while another of its calls was on its way ride on that one) times the measured
 * round trip of its pool. XAPI's own work (disk copies, boots) is not in it: the
 * copy does that instantly.
 */
import { simulateWalk } from '../dag';
import { applyGraph, estimateSeconds, storageClaims } from '../executor/graph';
import type { Plan, ResourceChange } from '../plan/model';
import type { CallRecorder } from './recorder';

export const ESTIMATE_METHOD =
  'the apply\'s scheduler replayed with the same parallelism, each change lasting its round trips on the copy (calls it sent together count once) × its pool\'s measured round trip (XAPI\'s own work time, such as disk copies and boots, not included)';

/** Seconds, rounded to milliseconds, and how they were found. */
export function estimateApply(plan: Plan, recorder: CallRecorder, roundTripMs: ReadonlyMap<string, number>, parallelism: number): { seconds: number; method: string } {
  const changes = plan.changes.filter((c) => c.action !== 'no-op');
  const cg = applyGraph(changes);
  const byVertex = new Map<string, { change: ResourceChange; destroy: boolean }>();
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  for (const [address, v] of cg.applyVertex) byVertex.set(v, { change: byAddress.get(address)!, destroy: false });
  for (const [address, v] of cg.destroyVertex) byVertex.set(v, { change: byAddress.get(address)!, destroy: true });
  const durationMs = (v: string): number => {
    let ms = 0;
    for (const [pool, n] of recorder.perVertex.get(v) ?? []) ms += n * (roundTripMs.get(pool) ?? 0);
    return ms;
  };
  const run = simulateWalk(cg.graph, {
    parallelism,
    limits: { 'storage-migration': 3 },
    claims: (v) => (byVertex.get(v)!.destroy ? [] : storageClaims(byVertex.get(v)!.change)),
    estimate: (v) => estimateSeconds(byVertex.get(v)!.change, byVertex.get(v)!.destroy),
    duration: durationMs,
  });
  return { seconds: Math.round(run.makespan) / 1000, method: ESTIMATE_METHOD };
}
