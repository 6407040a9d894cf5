import { Graph } from './graph';
import { simulateWalk, makespanLowerBound } from './simulate';

describe('simulateWalk', () => {
  // One long chain (migration 10 → dependent 10) and four short independent jobs; 2 slots.
  const g = Graph.from(['s1', 's2', 's3', 's4'], [['after', 'mig']]);
  const dur: Record<string, number> = { mig: 10, after: 10, s1: 5, s2: 5, s3: 5, s4: 5 };
  const duration = (v: string): number => dur[v];

  it('critical-path-first reaches the lower bound where FIFO does not', () => {
    const cp = simulateWalk(g, { parallelism: 2, duration });
    const fifo = simulateWalk(g, { parallelism: 2, duration, priority: 'fifo' });
    expect(makespanLowerBound(g, duration, 2)).toBe(20);
    expect(cp.makespan).toBe(20);
    expect(cp.order[0]).toBe('mig');
    expect(fifo.order.slice(0, 2)).toEqual(['mig', 's1']); // ready order = id order here
    const fifoShort = simulateWalk(Graph.from(['a1', 'a2', 'a3', 'a4'], [['z2', 'z1']]), {
      parallelism: 2,
      duration: (v) => (v.startsWith('z') ? 10 : 5),
      priority: 'fifo',
    });
    expect(fifoShort.makespan).toBe(30); // the chain starts last: 5+5 then 10+10
  });

  it('cancels at a virtual instant: running work finishes, the rest is cancelled', () => {
    const s = simulateWalk(g, { parallelism: 2, duration, cancelAt: 7 });
    expect(s.phase.get('mig')).toBe('ok');
    expect(s.phase.get('after')).toBe('cancelled');
    expect([...s.phase.values()].filter((p) => p === 'ok')).toHaveLength(3); // mig, s1, s2
    expect(s.makespan).toBe(10);
  });

  it('applies failures: dependents skipped, others run', () => {
    const s = simulateWalk(g, { parallelism: 2, duration, fails: (v) => v === 'mig' });
    expect(s.phase.get('after')).toBe('skipped');
    expect(s.phase.get('s4')).toBe('ok');
  });

  it('limits storage migrations to 3 per host by default', () => {
    const h = Graph.from(['m1', 'm2', 'm3', 'm4', 'm5', 'other1', 'other2']);
    const s = simulateWalk(h, {
      duration: () => 10,
      claims: (v) => (v.startsWith('m') ? [{ kind: 'storage-migration', key: 'host-a' }] : []),
    });
    expect(s.peakParallelism).toBe(5); // 3 migrations + 2 others
    expect(s.start.get('m4')).toBe(10);
    expect(s.makespan).toBe(20);
  });
});
