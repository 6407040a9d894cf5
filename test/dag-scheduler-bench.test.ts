/** The benchmark's claim, checked on one discriminating scenario (cp/LB ≈ 0.4) in virtual time. */
import { cloudburstGraph } from '../bench/scheduler';
import { makespanLowerBound, simulateWalk } from '../src/dag/simulate';

describe('critical-path-first on cloudburst-shaped graphs', () => {
  it.each([1, 2, 3])('seed %i: within 5%% of the lower bound and ahead of FIFO', (seed) => {
    const w = cloudburstGraph(1000, seed);
    const duration = (v: string): number => w.duration.get(v)!;
    const opts = { parallelism: 10, duration, limits: { 'storage-migration': 3 }, claims: (v: string) => w.claims.get(v)! };
    const lb = makespanLowerBound(w.graph, duration, 10);
    const lrpf = simulateWalk(w.graph, opts).makespan;
    const fifo = simulateWalk(w.graph, { ...opts, priority: 'fifo' }).makespan;
    expect(lrpf / lb).toBeLessThanOrEqual(1.05);
    expect(lrpf).toBeLessThan(fifo);
  });
});
