/**
 * The rehearsal's copy spends no real time on delays: its clock (SkippingClock) fires timers in
 * due order after a turn of the event loop and jumps over the wait. A blocked `event.from` with
 * a 60 s timeout on the copy answers at once (on the real clock it took the full minute).
 */
import { SkippingClock } from '../src/simulator/clock';
import { serveCopy, type PoolTables } from '../src/simulator/from-records';
import { CLASSES } from '../src/simulator/schema/misc';
import { startSimulator, type RunningSimulator } from '../src/simulator';
import { RawClient } from '../src/simulator/testing/raw-client';

describe('rehearsal copy clock', () => {
  test('timers fire earliest due first without waiting; time jumps and never goes back', async () => {
    const clock = new SkippingClock();
    const t0 = clock.now();
    const wall0 = Date.now();
    const fired: [string, number][] = [];
    const done = new Promise<void>((resolve) => {
      clock.schedule(3_600_000, () => { fired.push(['hour', clock.now() - t0]); resolve(); });
    });
    clock.schedule(60_000, () => fired.push(['minute', clock.now() - t0]));
    const cancelled = clock.schedule(1_000, () => fired.push(['cancelled', clock.now() - t0]));
    clock.schedule(0, () => fired.push(['now', clock.now() - t0]));
    cancelled.cancel();
    await done;
    expect(fired.map(([name]) => name)).toEqual(['now', 'minute', 'hour']);
    expect(fired[1][1]).toBeGreaterThanOrEqual(60_000);
    expect(fired[2][1]).toBeGreaterThanOrEqual(3_600_000);
    for (let i = 1; i < fired.length; i++) expect(fired[i][1]).toBeGreaterThanOrEqual(fired[i - 1][1]);
    expect(Date.now() - wall0).toBeLessThan(5_000);
    expect(clock.waiting).toBe(0);
  });

  describe('a served copy', () => {
    let sim: RunningSimulator | undefined;
    afterEach(async () => { await sim?.close(); sim = undefined; });

    test('an event.from that waits 60 s for a change answers without waiting, and the copy\'s clock moved on', async () => {
      sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 1 }] });
      const real = new RawClient(sim.pools[0].url);
      await real.login();
      const tables: Record<string, Record<string, unknown>> = {};
      for (const cls of CLASSES.keys()) {
        try { tables[cls] = (await real.call(`${cls}.get_all_records`)) as Record<string, unknown>; } catch { /* no get_all_records */ }
      }
      const copy = await serveCopy([{ name: 'dc1', tables } as PoolTables]);
      try {
        const c = new RawClient(copy.pools.get('dc1')!);
        await c.login(copy.username, copy.password);
        const { token } = await c.call<{ token: string }>('event.from', ['vm'], '', 0);
        const before = copy.world.clock.now();
        const wall0 = Date.now();
        const batch = await c.call<{ events: unknown[] }>('event.from', ['vm'], token, 60);
        expect(batch.events).toEqual([]);
        expect(Date.now() - wall0).toBeLessThan(10_000);
        expect(copy.world.clock.now() - before).toBeGreaterThanOrEqual(60_000);
      } finally {
        await copy.close();
      }
    }, 30_000);
  });
});
