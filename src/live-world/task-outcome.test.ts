/**
 * An apply step's `Async.*` call learns how its task ended from the live world's catch-ups
 * (LiveWorld.taskOutcome), against the simulator over real HTTP: no `event.from` of its own for
 * the task, and the records it reads next show what the task made without another call. The
 * races: a catch-up already on its way when the task ends, a task that outlives the catch-up,
 * a task that fails.
 */
import { XapiClient, isXapiError } from '../xenapi';
import { POOL, removeTempDirs, startPool, stopPool, VM_CLASSES, type TestPool } from '../../test/helpers/refresh-pool';
import type { RecordSource } from '../plan/refresh';
import { ChangeReads } from './change-reads';
import { LiveWorld } from './live-world';

afterAll(removeTempDirs);

interface Call { readonly method: string; readonly args: readonly unknown[] }

/**
 * A client whose `invoke` calls are recorded, those its own methods make too (an async call's
 * and its task wait's: they run with the proxy as `this`); `before` may hold a call before it is sent.
 */
function recording(client: XapiClient, calls: Call[], before?: (method: string) => Promise<void>): XapiClient {
  const proxy: XapiClient = new Proxy(client, {
    get(target, key) {
      const v = Reflect.get(target, key, target) as unknown;
      if (key === 'invoke') {
        return async (method: string, args: readonly unknown[], ...rest: unknown[]) => {
          if (before) await before(method);
          calls.push({ method, args });
          return (v as (...a: unknown[]) => Promise<unknown>).call(target, method, args, ...rest);
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(proxy) : v;
    },
  });
  return proxy;
}

const sourceOf = (client: XapiClient): RecordSource => ({ pools: [POOL], defaultPool: POOL, client: async () => client });
/** `event.from` calls that wait for one task (`task/<ref>`): a task waited for on its own. */
const ownTaskWaits = (calls: readonly Call[]) => calls.filter((c) => c.method === 'event.from' && (c.args[0] as string[]).some((s) => s.startsWith('task/')));
const catchUps = (calls: readonly Call[]) => calls.filter((c) => c.method === 'event.from' && !ownTaskWaits([c]).length);

describe('a step waits for its task through the catch-ups', () => {
  let p: TestPool;
  let calls: Call[];
  let template: string;

  beforeAll(async () => {
    p = await startPool(4);
    template = p.db.all('VM').find(([, r]) => r.is_a_template && r.name_label === 'Debian Bookworm 12')![0];
  });
  afterAll(async () => stopPool(p));
  beforeEach(() => {
    calls = [];
    p.sim.world.settings.operationMs = 0;
  });

  /** A live world read once, and a step's reads on it (depending on nothing since) with its client. */
  async function step(client: XapiClient) {
    const live = new LiveWorld(sourceOf(client));
    const floor = live.mark();
    await live.records(POOL, VM_CLASSES);
    const reads = new ChangeReads(live, floor);
    calls.length = 0;
    return { live, reads, client: reads.client(POOL, client) };
  }

  test('a clone: one catch-up tells the task ended and brings the clone, no wait of its own, no read after', async () => {
    const s = await step(recording(p.client, calls));
    const clone = await s.client.callAsync<string>('VM.clone', template, 'clone-one');
    expect(p.db.get('VM', clone)?.name_label).toBe('clone-one');
    expect(ownTaskWaits(calls)).toEqual([]);
    expect(catchUps(calls)).toHaveLength(1);
    expect(catchUps(calls)[0].args[0]).toContain('task');
    const before = calls.length;
    const records = await s.reads.records(POOL, VM_CLASSES, { ownWritesOnly: true });
    // Fresh already: the catch-up that saw the task end brought its effects.
    expect(calls.slice(before).filter((c) => c.method === 'event.from')).toEqual([]);
    const vm = records.get('VM', clone);
    expect(vm?.name_label).toBe('clone-one');
    expect(vm?.is_a_template).toBe(true);
    expect(vm?.other_config).toEqual(records.get('VM', template)?.other_config);
  });

  test('a catch-up already on its way when the task ended (not asking for tasks) does not hide the end', async () => {
    // Hold the next catch-up's event.from before it is sent, until the clone's task has ended:
    // xapi then answers it with a token past the task's events.
    let hold = false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    const s = await step(recording(p.client, calls, async (method) => {
      if (method === 'event.from' && hold) { hold = false; await released; }
    }));
    // A read as of now (another step's): its catch-up starts before the clone is announced and is held.
    hold = true;
    const early = s.live.records(POOL, VM_CLASSES);
    const cloning = s.client.callAsync<string>('VM.clone', template, 'clone-behind-a-catch-up');
    // The clone's task has ended in xapi before the held catch-up is sent.
    for (let i = 0; i < 200 && !p.db.all('VM').some(([, r]) => r.name_label === 'clone-behind-a-catch-up'); i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    release();
    const [, clone] = await Promise.all([early, cloning]);
    expect(p.db.get('VM', clone)?.name_label).toBe('clone-behind-a-catch-up');
    // The held catch-up did not ask for tasks; the next one did, from the task's own token.
    expect(catchUps(calls).map((c) => (c.args[0] as string[]).includes('task'))).toEqual([false, true]);
    expect(ownTaskWaits(calls)).toEqual([]);
    const records = await s.reads.records(POOL, VM_CLASSES, { ownWritesOnly: true });
    expect(records.get('VM', clone)?.name_label).toBe('clone-behind-a-catch-up');
  });

  test('a task that outlives the catch-up is waited for on its own, and the records after it show its effect', async () => {
    // A resize holds its disk for 300 ms: the first catch-up after the call sees the task pending.
    p.sim.world.settings.operationMs = 300;
    const s = await step(recording(p.client, calls));
    const [vdi, rec] = p.db.all('VDI').find(([, r]) => String(r.name_label).endsWith('-disk0'))!;
    const size = (rec.virtual_size as number) + 2 ** 30;
    await s.client.callAsync('VDI.resize', vdi, size);
    expect(ownTaskWaits(calls).length).toBeGreaterThan(0);
    expect(catchUps(calls).length).toBeGreaterThan(0);
    const records = await s.reads.records(POOL, VM_CLASSES, { ownWritesOnly: true });
    expect(records.get('VDI', vdi)?.virtual_size).toBe(size);
  });

  test('a failed task: its error, learned from the catch-up', async () => {
    const s = await step(recording(p.client, calls));
    const [running] = p.db.all('VM').find(([, r]) => r.power_state === 'Running')!;
    const err = await s.client.callAsync('VM.destroy', running).catch((e: unknown) => e);
    expect(isXapiError(err) && err.code).toBe('OPERATION_NOT_ALLOWED');
    // The call made its task (the refusal is the task's), whose end a catch-up reported.
    expect(calls.map((c) => c.method)).toContain('Async.VM.destroy');
    expect(catchUps(calls)).toHaveLength(1);
    expect(ownTaskWaits(calls)).toEqual([]);
  });
});
