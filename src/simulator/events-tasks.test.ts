/** event.from / event.inject, Async tasks, task.cancel, VM_appliance ordering and the `where` language, over HTTP. */
import { ManualClock, RunningSimulator, startSimulator } from './index';
import { RawClient, RawXapiError, closeRawClients, post } from './testing/raw-client';
import { compileWhere } from './dispatch/where';
import { CLASSES } from './schema/misc';
import { encodeMethodCall } from '../xenapi/wire/xmlrpc';

type Rec = Record<string, any>;
let sim: RunningSimulator;
let clock: ManualClock;
let c: RawClient;

beforeAll(async () => {
  clock = new ManualClock();
  sim = await startSimulator({ pools: [{ name: 'ev', hosts: 1 }], clock, guestBootMs: 10 });
  c = new RawClient(sim.pools[0].url, 'json');
  await c.login();
});
afterAll(async () => {
  await sim.close();
  closeRawClients();
});

describe('event.from', () => {
  test('"" returns every object as add; later changes as mod and del (no snapshot)', async () => {
    const first = await c.call<Rec>('event.from', ['vm', 'network'], '', 1.0);
    expect(first.events.length).toBeGreaterThan(5);
    expect(first.events.every((e: Rec) => e.operation === 'add' && e.snapshot && ['vm', 'network'].includes(e.class))).toBe(true);
    expect(first.token).toMatch(/^\d{20},\d{20}$/);
    expect(first.valid_ref_counts.task).toBe(0);

    const net = await c.call<string>('network.create', { name_label: 'n1', other_config: {} });
    const second = await c.call<Rec>('event.from', ['network'], first.token, 1.0);
    expect(second.events.map((e: Rec) => [e.operation, e.ref])).toEqual([['add', net]]);
    await c.call('network.add_to_other_config', net, 'a', 'b');
    const third = await c.call<Rec>('event.from', ['network'], second.token, 1.0);
    expect(third.events[0]).toMatchObject({ operation: 'mod', class: 'network', ref: net, snapshot: { other_config: { a: 'b' } } });
    await c.call('network.destroy', net);
    const fourth = await c.call<Rec>('event.from', ['network'], third.token, 1.0);
    expect(fourth.events).toHaveLength(1);
    expect(fourth.events[0].operation).toBe('del');
    expect(fourth.events[0].snapshot).toBeUndefined();
  });

  test('objects created and deleted between two calls are not reported', async () => {
    const { token } = await c.call<Rec>('event.from', ['network'], '', 0);
    const net = await c.call<string>('network.create', { name_label: 'ephemeral', other_config: {} });
    await c.call('network.destroy', net);
    const next = await c.call<Rec>('event.from', ['network'], token, 0);
    expect(next.events).toEqual([]);
  });

  test('blocks until a change, or until the timeout on the injected clock', async () => {
    const inject = await c.call<string>('event.inject', 'pool', Object.keys(await c.call<Rec>('pool.get_all_records'))[0]);
    const drained = await c.call<Rec>('event.from', ['pool'], inject, 0);
    const waiting = c.call<Rec>('event.from', ['pool'], drained.token, 30.0);
    let done = false;
    void waiting.then(() => (done = true));
    await clock.advance(10);
    expect(done).toBe(false);
    await c.call('pool.set_name_description', Object.keys(await c.call<Rec>('pool.get_all_records'))[0], 'changed');
    expect((await waiting).events[0].snapshot.name_description).toBe('changed');
    const quiet = c.call<Rec>('event.from', ['pool'], (await waiting).token, 30.0);
    await clock.advance(30_000);
    expect((await quiet).events).toEqual([]);
  });

  test('a blocked call wakes on a change it subscribed to; one whose window holds an object made and dropped wakes at the next change', async () => {
    const pool = Object.keys(await c.call<Rec>('pool.get_all_records'))[0];
    const { token } = await c.call<Rec>('event.from', ['network'], '', 0);
    const waiting = c.call<Rec>('event.from', ['network'], token, 30.0);
    let done = false;
    void waiting.then(() => (done = true));
    await c.call('pool.set_name_description', pool, 'not a network');
    await clock.advance(10);
    expect(done).toBe(false);
    const net = await c.call<string>('network.create', { name_label: 'wakes', other_config: {} });
    const woke = await waiting;
    expect(woke.events.map((e: Rec) => [e.operation, e.ref])).toEqual([['add', net]]);

    // Made and dropped since the token: no event, yet the window changed, so the next change of
    // any class ends the wait (with nothing to report), as it did when every change re-read the log.
    const gone = await c.call<string>('network.create', { name_label: 'ephemeral', other_config: {} });
    await c.call('network.destroy', gone);
    const second = c.call<Rec>('event.from', ['network'], woke.token, 30.0);
    let answer: Rec | undefined;
    for (let i = 0; i < 50 && !answer; i++) {
      await c.call('pool.set_name_description', pool, `tick ${i}`);
      answer = await Promise.race([second, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 20))]);
    }
    expect(answer?.events).toEqual([]);
  });

  test('bad tokens and classes', async () => {
    await expect(c.call('event.from', ['vm'], 'garbage', 0)).rejects.toMatchObject({ description: ['EVENT_FROM_TOKEN_PARSE_FAILURE', 'garbage'] });
    await expect(c.call('event.inject', 'vm', 'OpaqueRef:nope')).rejects.toBeInstanceOf(RawXapiError);
  });

  test('over XML-RPC valid_ref_counts are <i4> and ids strings', async () => {
    const res = await post(sim.pools[0].url, '/', encodeMethodCall('event.from', [c.session, ['pool'], '', 0.0]), 'text/xml');
    expect(res.text).toMatch(/<name>pool<\/name><value><i4>1<\/i4><\/value>/);
    expect(res.text).not.toMatch(/\s<|>\s/);
  });

  test('"" for objects only lists those that exist, in class order, then in the order asked', async () => {
    const pool = Object.keys(await c.call<Rec>('pool.get_all_records'))[0];
    const vms = (await c.call<string[]>('VM.get_all')).slice(0, 2);
    const net = (await c.call<string[]>('network.get_all'))[0];
    const gone = await c.call<string>('network.create', { name_label: 'gone', other_config: {} });
    await c.call('network.destroy', gone);
    const asked = [`vm/${vms[1]}`, `network/${gone}`, `pool/${pool}`, `vm/${vms[0]}`, `network/${net}`, 'vm/OpaqueRef:nothing'];
    const { events } = await c.call<Rec>('event.from', asked, '', 0);
    const order = [...CLASSES.keys()];
    const expected = [['VM', vms[1]], ['pool', pool], ['VM', vms[0]], ['network', net]]
      .map(([cls, r], i) => ({ cls, r, i }))
      .sort((a, b) => order.indexOf(a.cls) - order.indexOf(b.cls) || a.i - b.i)
      .map(({ cls, r }) => ['add', cls.toLowerCase(), r]);
    expect(events.map((e: Rec) => [e.operation, e.class, e.ref])).toEqual(expected);
  });

  test('valid_ref_counts counts every class but session, by its lowercase name', async () => {
    const { valid_ref_counts: counts } = await c.call<Rec>('event.from', ['pool'], '', 0);
    expect(Object.keys(counts)).toEqual([...CLASSES.keys()].filter((k) => k !== 'session').map((k) => k.toLowerCase()));
    const db = sim.world.pool('ev').db;
    for (const cls of CLASSES.keys()) if (cls !== 'session') expect([cls, counts[cls.toLowerCase()]]).toEqual([cls, db.table(cls).size]);
    expect(counts.vm).toBe((await c.call<string[]>('VM.get_all')).length);
  });
});

describe('tasks', () => {
  test('Async calls create a pending task that finishes with the XML-RPC result text', async () => {
    const tpl = (await c.call<string[]>('VM.get_by_name_label', 'Other install media'))[0];
    const rec = await c.callAsync('VM.clone', tpl, 'async');
    expect(rec.status).toBe('success');
    expect(rec.progress).toBe(1);
    expect(rec.result).toMatch(/^<value>OpaqueRef:[0-9a-f-]+<\/value>$/);
    const failed = await c.callAsync('VM.start', tpl, false, false);
    expect(failed.status).toBe('failure');
    expect(failed.error_info).toEqual(['VM_IS_TEMPLATE', tpl]);
  });

  test('a slow task can be cancelled', async () => {
    sim.world.settings.operationMs = 1000;
    try {
      const tpl = (await c.call<string[]>('VM.get_by_name_label', 'Other install media'))[0];
      const task = await c.call<string>('Async.VM.clone', tpl, 'cancel-me');
      await c.call('task.cancel', task);
      await clock.advance(1000);
      const rec = await c.call<Rec>('task.get_record', task);
      expect(rec.status).toBe('cancelled');
      expect(rec.error_info).toEqual(['TASK_CANCELLED', task]);
      await expect(c.call('task.cancel', task)).rejects.toMatchObject({ code: 'OPERATION_NOT_ALLOWED' });
      await c.call('task.destroy', task);
    } finally {
      sim.world.settings.operationMs = 0;
    }
  });

  test('no Async variant for getters and session calls', async () => {
    await expect(c.call('Async.VM.get_all')).rejects.toMatchObject({ code: 'MESSAGE_METHOD_UNKNOWN' });
  });
});

describe('VM_appliance', () => {
  test('starts groups in ascending order and shuts down in descending order', async () => {
    const app = await c.call<string>('VM_appliance.create', { name_label: 'app', name_description: '' });
    const tpl = (await c.call<string[]>('VM.get_by_name_label', 'Other install media'))[0];
    const vms: string[] = [];
    for (const order of [2, 0, 1]) {
      const vm = await c.call<string>('VM.clone', tpl, `member-${order}`);
      await c.call('VM.set_is_a_template', vm, false);
      await c.call('VM.set_memory_limits', vm, 256 * 2 ** 20, 256 * 2 ** 20, 256 * 2 ** 20, 256 * 2 ** 20);
      await c.call('VM.set_order', vm, order);
      await c.call('VM.set_appliance', vm, app);
      vms.push(vm);
    }
    expect((await c.call<string[]>('VM_appliance.get_VMs', app)).sort()).toEqual([...vms].sort());
    const { token } = await c.call<Rec>('event.from', ['vm'], '', 0);
    await c.call('VM_appliance.start', app, false);
    const started = (await c.call<Rec>('event.from', ['vm'], token, 0)).events.map((e: Rec) => e.snapshot.name_label);
    expect(started).toEqual(expect.arrayContaining(['member-0', 'member-1', 'member-2']));
    for (const vm of vms) expect(await c.call('VM.get_power_state', vm)).toBe('Running');
    await c.call('VM_appliance.clean_shutdown', app);
    for (const vm of vms) expect(await c.call('VM.get_power_state', vm)).toBe('Halted');
    await c.call('VM_appliance.destroy', app);
    expect(await c.call('VM.get_appliance', vms[0])).toBe('OpaqueRef:NULL');
  });
});

describe('get_all_records_where', () => {
  test.each<[string, Rec, boolean]>([
    ['field "name_label" = "a"', { name_label: 'a' }, true],
    ['field "name_label" = "a" and not (field "power_state" = "Running")', { name_label: 'a', power_state: 'Halted' }, true],
    ['field "x" <> "1" or false', { x: '1' }, false],
    ['true', {}, true],
  ])('%s', (expr, rec, expected) => {
    expect(compileWhere(expr)(rec)).toBe(expected);
  });

  test('bad expressions are INVALID_VALUE over the wire', async () => {
    await expect(c.call('VM.get_all_records_where', 'field "a" ==')).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    const halted = await c.call<Rec>('VM.get_all_records_where', 'field "is_control_domain" = "true"');
    expect(Object.keys(halted)).toHaveLength(1);
  });
});
