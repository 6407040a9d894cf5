/**
 * Property tests of the walker contract on random DAGs, for both drivers of the scheduler:
 * the async DagWalker (random completion interleavings through microtask delays) and the
 * virtual-time simulateWalk (random durations).
 */
import fc from 'fast-check';
import { Graph } from '../src/dag/graph';
import { walk, WalkEvent } from '../src/dag/walk';
import { simulateWalk, makespanLowerBound } from '../src/dag/simulate';
import { Claim } from '../src/dag/scheduler';

interface Case {
  graph: Graph;
  names: string[];
  fails: Set<string>;
  delay: Map<string, number>;
  kind: Map<string, Claim[]>;
  parallelism: number;
  limit: number;
  fifo: boolean;
}

/** Random DAG: vertex i may depend on any j < i; names scrambled so id order ≠ topological order. */
const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 28 }).chain((n) =>
  fc
    .record({
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 }),
      fails: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      delays: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }),
      keys: fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), { minLength: n, maxLength: n }),
      parallelism: fc.integer({ min: 1, max: 6 }),
      limit: fc.integer({ min: 1, max: 3 }),
      failRate: fc.constantFrom(0, 0.1, 0.3),
      fifo: fc.boolean(),
    })
    .map((r) => {
      const names = Array.from({ length: n }, (_, i) => `${String.fromCharCode(97 + ((i * 11) % 26))}${i}`);
      const graph = new Graph();
      for (const v of names) graph.addVertex(v);
      for (const [a, b] of r.edges) if (a !== b) graph.addDependency(names[Math.max(a, b)], names[Math.min(a, b)]);
      const kind = new Map<string, Claim[]>();
      names.forEach((v, i) => {
        const k = r.keys[i];
        kind.set(v, k === undefined ? [] : [{ kind: 'storage-migration', key: `host${k}` }]);
      });
      return {
        graph,
        names,
        fails: new Set(names.filter((_, i) => r.fails[i] < r.failRate)),
        delay: new Map(names.map((v, i) => [v, r.delays[i]])),
        kind,
        parallelism: r.parallelism,
        limit: r.limit,
        fifo: r.fifo,
      };
    }),
);

/** Checks the statuses against the failure rule: skipped ⇔ some ancestor failed. */
function checkFailureRule(c: Case, status: (v: string) => string, failedAncestor?: (v: string) => string | undefined): void {
  for (const v of c.names) {
    const anc = c.graph.ancestorsOf(v);
    const upstreamFailed = [...anc].some((a) => status(a) === 'failed');
    if (upstreamFailed) {
      expect(status(v)).toBe('skipped');
      const fa = failedAncestor?.(v);
      if (failedAncestor) expect(fa !== undefined && anc.has(fa) && status(fa) === 'failed').toBe(true);
    } else expect(status(v)).toBe(c.fails.has(v) ? 'failed' : 'ok');
  }
}

describe('walker contract on random DAGs (async DagWalker)', () => {
  it('respects edges, limits and parallelism; runs or skips every vertex exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const running = new Set<string>();
        const perKey = new Map<string, number>();
        const finished = new Map<string, boolean>();
        const startCount = new Map<string, number>();
        let peak = 0;
        const events: WalkEvent[] = [];
        const r = await walk(
          c.graph,
          async (id) => {
            startCount.set(id, (startCount.get(id) ?? 0) + 1);
            for (const d of c.graph.dependenciesOf(id)) expect(finished.get(d)).toBe(true);
            running.add(id);
            peak = Math.max(peak, running.size);
            for (const cl of c.kind.get(id)!) {
              const n = (perKey.get(cl.key) ?? 0) + 1;
              perKey.set(cl.key, n);
              expect(n).toBeLessThanOrEqual(c.limit);
            }
            for (let i = 0; i < c.delay.get(id)!; i++) await Promise.resolve();
            running.delete(id);
            for (const cl of c.kind.get(id)!) perKey.set(cl.key, perKey.get(cl.key)! - 1);
            finished.set(id, !c.fails.has(id));
            if (c.fails.has(id)) throw new Error(`fail ${id}`);
          },
          {
            parallelism: c.parallelism,
            limits: { 'storage-migration': c.limit },
            claims: (v) => c.kind.get(v)!,
            priority: c.fifo ? 'fifo' : 'critical-path',
            estimate: (v) => c.delay.get(v)! + 1,
            onEvent: (e) => events.push(e),
          },
        );
        expect(peak).toBeLessThanOrEqual(c.parallelism);
        expect(r.results.size).toBe(c.names.length);
        for (const n of startCount.values()) expect(n).toBe(1);
        const res = (v: string) => r.results.get(v)!;
        checkFailureRule(c, (v) => res(v).status, (v) => {
          const x = res(v);
          return x.status === 'skipped' ? x.failedAncestor : undefined;
        });
        // Each vertex appears in exactly one terminal event.
        const terminal = events.filter((e) => e.type !== 'start').map((e) => e.id).sort();
        expect(terminal).toEqual([...c.names].sort());
        expect(r.ok).toBe(c.fails.size === 0);
      }),
      { numRuns: 150 },
    );
  });

  it('after an abort nothing starts and every vertex still gets exactly one result', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.integer({ min: 0, max: 10 }), async (c, abortAfter) => {
        const ac = new AbortController();
        let starts = 0;
        let startedAfterAbort = false;
        const r = await walk(
          c.graph,
          async (id) => {
            if (ac.signal.aborted) startedAfterAbort = true;
            if (++starts > abortAfter) ac.abort();
            for (let i = 0; i < c.delay.get(id)!; i++) await Promise.resolve();
            if (c.fails.has(id)) throw new Error('x');
          },
          { parallelism: c.parallelism, signal: ac.signal },
        );
        expect(startedAfterAbort).toBe(false);
        expect(r.results.size).toBe(c.names.length);
        const ran = [...r.results.values()].filter((x) => x.status === 'ok' || x.status === 'failed').length;
        expect(ran).toBe(starts);
        if (starts > abortAfter) expect(r.cancelled).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('walker contract on random DAGs (virtual-time simulation)', () => {
  it('respects edges, limits and parallelism; failures skip exactly the descendants', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const s = simulateWalk(c.graph, {
          parallelism: c.parallelism,
          limits: { 'storage-migration': c.limit },
          claims: (v) => c.kind.get(v)!,
          priority: c.fifo ? 'fifo' : 'critical-path',
          duration: (v) => c.delay.get(v)!,
          fails: (v) => c.fails.has(v),
        });
        for (const v of s.order) for (const d of c.graph.dependenciesOf(v)) expect(s.start.get(v)!).toBeGreaterThanOrEqual(s.finish.get(d)!);
        expect(new Set(s.order).size).toBe(s.order.length);
        expect(s.peakParallelism).toBeLessThanOrEqual(c.parallelism);
        // Per-key limit: sweep over start/finish instants (finishes before starts at equal times).
        const evs: Array<[number, number, string]> = [];
        for (const v of s.order) for (const cl of c.kind.get(v)!) evs.push([s.start.get(v)!, 1, cl.key], [s.finish.get(v)!, -1, cl.key]);
        evs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const load = new Map<string, number>();
        for (const [, d, k] of evs) {
          load.set(k, (load.get(k) ?? 0) + d);
          expect(load.get(k)!).toBeLessThanOrEqual(c.limit);
        }
        checkFailureRule(c, (v) => s.phase.get(v)!);
        if (c.fails.size === 0) {
          const lb = makespanLowerBound(c.graph, (v) => c.delay.get(v)!, c.parallelism);
          expect(s.makespan).toBeGreaterThanOrEqual(lb - 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });
});
