import { Graph } from './graph';
import { CycleError } from './cycles';
import { DagWalker, WalkEvent, walk } from './walk';

/** A task whose completion the test controls. */
class Gate {
  readonly started: string[] = [];
  private readonly pending = new Map<string, { resolve: () => void; reject: (e: unknown) => void }>();
  readonly task = (id: string): Promise<void> =>
    new Promise((resolve, reject) => {
      this.started.push(id);
      this.pending.set(id, { resolve, reject });
    });
  running(): string[] {
    return [...this.pending.keys()].sort();
  }
  async finish(id: string, error?: unknown): Promise<void> {
    const p = this.pending.get(id);
    if (!p) throw new Error(`${id} is not running`);
    this.pending.delete(id);
    if (error === undefined) p.resolve();
    else p.reject(error);
    await settle();
  }
}

/** Lets promise continuations run (a macrotask turn; no timer, no real wait). */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

class TestClock {
  t = 1000;
  now(): number {
    return this.t;
  }
}

describe('DagWalker', () => {
  it('runs dependencies first and reports times from the injected clock', async () => {
    const g = Graph.from([], [['web', 'net'], ['net', 'host']]);
    const gate = new Gate();
    const clock = new TestClock();
    const done = walk(g, gate.task, { clock });
    await settle();
    expect(gate.running()).toEqual(['host']);
    clock.t = 1500;
    await gate.finish('host');
    expect(gate.running()).toEqual(['net']);
    await gate.finish('net');
    clock.t = 2000;
    await gate.finish('web');
    const r = await done;
    expect(r.ok).toBe(true);
    expect(r.results.get('host')).toEqual({ status: 'ok', startedAt: 1000, finishedAt: 1500 });
    expect(r.results.get('web')).toEqual({ status: 'ok', startedAt: 1500, finishedAt: 2000 });
  });

  it('caps parallelism and starts the longest remaining path first', async () => {
    // long: a chain of 3 heavy vertices; short1..3 independent light ones.
    const g = Graph.from(['short1', 'short2', 'short3'], [['long2', 'long1'], ['long3', 'long2']]);
    const gate = new Gate();
    const est = (v: string): number => (v.startsWith('long') ? 10 : 1);
    const done = walk(g, gate.task, { parallelism: 2, estimate: est });
    await settle();
    expect(gate.running()).toEqual(['long1', 'short1']);
    for (const id of ['long1', 'short1', 'long2', 'short2', 'long3', 'short3']) if (gate.running().includes(id)) await gate.finish(id);
    expect((await done).ok).toBe(true);
  });

  it('in fifo mode starts in ready order, ties by id', async () => {
    const g = Graph.from(['b', 'a', 'c'], [['z', 'a']]);
    const gate = new Gate();
    const done = walk(g, gate.task, { parallelism: 1, priority: 'fifo', estimate: (v) => (v === 'z' ? 100 : 1) });
    await settle();
    for (let i = 0; i < 4; i++) await gate.finish(gate.running()[0]);
    await done;
    expect(gate.started).toEqual(['a', 'b', 'c', 'z']);
  });

  it('keeps per-kind limits per key and lets other work pass a blocked vertex', async () => {
    const g = Graph.from(['m1', 'm2', 'm3', 'other']);
    const claims = (v: string) => (v.startsWith('m') ? [{ kind: 'storage-migration', key: 'host1' }] : []);
    const gate = new Gate();
    const done = walk(g, gate.task, { parallelism: 10, limits: { 'storage-migration': 2 }, claims, estimate: (v) => (v === 'other' ? 1 : 50) });
    await settle();
    expect(gate.running()).toEqual(['m1', 'm2', 'other']);
    await gate.finish('m1');
    expect(gate.running()).toEqual(['m2', 'm3', 'other']);
    for (const id of ['m2', 'm3', 'other']) await gate.finish(id);
    expect((await done).ok).toBe(true);
  });

  it('on failure finishes in-flight work, skips dependents once, continues elsewhere', async () => {
    // vm1 and vm2 depend on sr; vm2 also on net; app on vm1; lone is independent.
    const g = Graph.from(['lone'], [['vm1', 'sr'], ['vm2', 'sr'], ['vm2', 'net'], ['app', 'vm1']]);
    const gate = new Gate();
    const events: WalkEvent[] = [];
    const done = walk(g, gate.task, { onEvent: (e) => events.push(e) });
    await settle();
    expect(gate.running()).toEqual(['lone', 'net', 'sr']);
    const boom = new Error('SR_BACKEND_FAILURE');
    await gate.finish('sr', boom);
    expect(gate.running()).toEqual(['lone', 'net']);
    await gate.finish('net');
    await gate.finish('lone');
    const r = await done;
    expect(r.ok).toBe(false);
    expect(r.results.get('sr')).toMatchObject({ status: 'failed', error: boom });
    for (const v of ['vm1', 'vm2', 'app']) expect(r.results.get(v)).toEqual({ status: 'skipped', reason: 'upstream failed', failedAncestor: 'sr' });
    expect(r.results.get('net')?.status).toBe('ok');
    expect(r.results.get('lone')?.status).toBe('ok');
    expect(events.filter((e) => e.type === 'skip').map((e) => e.id)).toEqual(['app', 'vm1', 'vm2']);
  });

  it('treats a synchronous throw as a failure', async () => {
    const g = Graph.from([], [['b', 'a']]);
    const r = await walk(g, (id) => {
      if (id === 'a') throw new Error('sync');
    });
    expect(r.results.get('a')?.status).toBe('failed');
    expect(r.results.get('b')).toMatchObject({ status: 'skipped', failedAncestor: 'a' });
  });

  it('on abort starts nothing new, lets running tasks finish, cancels the rest', async () => {
    const g = Graph.from(['x'], [['b', 'a'], ['c', 'b']]);
    const gate = new Gate();
    const ac = new AbortController();
    const seen: AbortSignal[] = [];
    const done = walk(g, (id, ctx) => {
      seen.push(ctx.signal);
      return gate.task(id);
    }, { signal: ac.signal });
    await settle();
    expect(gate.running()).toEqual(['a', 'x']);
    ac.abort();
    expect(seen.every((s) => s.aborted)).toBe(true);
    await gate.finish('a');
    expect(gate.running()).toEqual(['x']);
    await gate.finish('x');
    const r = await done;
    expect(r.cancelled).toBe(true);
    expect(r.results.get('a')?.status).toBe('ok');
    expect(r.results.get('b')).toEqual({ status: 'cancelled' });
    expect(r.results.get('c')).toEqual({ status: 'cancelled' });
  });

  it('with an already aborted signal runs nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await walk(Graph.from(['a']), () => {
      throw new Error('must not run');
    }, { signal: ac.signal });
    expect(r.results.get('a')).toEqual({ status: 'cancelled' });
    expect(r.cancelled).toBe(true);
  });

  it('is single use', async () => {
    const w = new DagWalker(Graph.from(['a']), () => undefined);
    await w.walk();
    expect(() => w.walk()).toThrow('single use');
  });

  it('rejects a cyclic graph before starting anything', async () => {
    let ran = false;
    await expect(walk(Graph.from([], [['a', 'b'], ['b', 'a']]), () => void (ran = true))).rejects.toThrow(CycleError);
    expect(ran).toBe(false);
  });

  it('an empty graph is ok at once', async () => {
    const r = await walk(new Graph(), () => undefined);
    expect(r.ok).toBe(true);
    expect(r.results.size).toBe(0);
  });

  it('a throwing listener stops the walk and surfaces after in-flight work', async () => {
    const g = Graph.from(['a', 'b'], [['c', 'a']]);
    const gate = new Gate();
    const done = walk(g, gate.task, {
      parallelism: 1,
      onEvent: (e) => {
        if (e.type === 'finish' && e.id === 'a') throw new Error('listener bug');
      },
    });
    const outcome = done.catch((e: unknown) => e);
    await settle();
    await gate.finish('a');
    expect(await outcome).toEqual(new Error('listener bug'));
    expect(gate.started).toEqual(['a']);
  });
});
