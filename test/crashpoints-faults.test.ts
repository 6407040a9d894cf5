/**
 * The crash-point faults of the simulator (issue 22): calls counted among those that change the
 * world, "drop before effect", "fail from call i on", "act then lose the reply", an observer
 * that sees the exact call, and the same faults set on a served simulator process.
 */
import { Command } from 'commander';
import { startSimulator, type RunningSimulator } from '../src/simulator';
import { crashPointRule, isMutatingMethod, parseFaultSpec } from '../src/simulator/faults';
import { RawClient, RawXapiError, closeRawClients } from '../src/simulator/testing/raw-client';
import { register, setWaitForStop } from '../src/cli/commands/simulator';

let sim: RunningSimulator;
let c: RawClient;
beforeEach(async () => {
  sim = await startSimulator({ pools: [{ name: 'f', hosts: 1 }] });
  c = new RawClient(sim.pools[0].url);
  await c.login();
});
afterEach(() => sim.close());
afterAll(() => closeRawClients());

async function networkLabels(): Promise<string[]> {
  const recs = (await c.call('network.get_all_records')) as Record<string, { name_label: string }>;
  return Object.values(recs).map((r) => r.name_label).filter((n) => n.startsWith('cp-')).sort();
}

const create = (label: string): Promise<unknown> => c.call('network.create', { name_label: label, name_description: '', MTU: '1500', other_config: {} });

test('only calls that change the world are mutating: reads, sessions, events and tasks are not', () => {
  for (const m of ['VM.clone', 'Async.VM.clone', 'VM.provision', 'VM.start', 'VM.set_memory_limits', 'VM.add_to_other_config', 'network.create', 'VDI.destroy', 'pool.set_name_label']) expect([m, isMutatingMethod(m)]).toEqual([m, true]);
  for (const m of ['VM.get_all_records', 'VM.get_record', 'VM.get_by_uuid', 'VM.assert_can_boot_here', 'VM.compute_memory_overhead', 'session.login_with_password', 'event.from', 'task.destroy', 'task.get_record', 'system.listMethods', 'garbage']) expect([m, isMutatingMethod(m)]).toEqual([m, false]);
});

test('lose-reply at the 2nd mutating call: the call acts, the connection drops, reads in between do not count', async () => {
  sim.world.faults.add(crashPointRule('lose-reply', 2));
  await create('cp-1');
  await c.call('network.get_all_records');
  await expect(create('cp-2')).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect(await networkLabels()).toEqual(['cp-1', 'cp-2']);
  await create('cp-3');
  expect(await networkLabels()).toEqual(['cp-1', 'cp-2', 'cp-3']);
  expect(sim.world.faults.mutatingCalls).toBe(3);
});

test('lose-reply on an Async call: the task runs to its end although its reference never arrived', async () => {
  sim.world.faults.add(crashPointRule('lose-reply', 1));
  await expect(c.call('Async.network.create', { name_label: 'cp-async', name_description: '', MTU: '1500', other_config: {} })).rejects.toThrow(/socket hang up|ECONNRESET/);
  for (let i = 0; i < 50 && (await networkLabels()).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await networkLabels()).toEqual(['cp-async']);
});

test('drop at call i: the call does not act; fail from call i: it and every later mutating call fail, reads still work', async () => {
  sim.world.faults.add(crashPointRule('drop', 1));
  await expect(create('cp-dropped')).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect(await networkLabels()).toEqual([]);
  sim.world.faults.clear();
  sim.world.faults.add(crashPointRule('fail', 2));
  await create('cp-a');
  for (const label of ['cp-b', 'cp-c']) {
    const err = await create(label).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RawXapiError);
    expect((err as RawXapiError).description).toEqual(['INTERNAL_ERROR', 'injected fault']);
  }
  expect(await networkLabels()).toEqual(['cp-a']);
});

test('an observer sees every call before it acts, with its index among the mutating calls', async () => {
  const seen: string[] = [];
  const stop = sim.world.faults.observe((call) => {
    seen.push(`${call.index} ${call.method}${call.isAsync ? ' async' : ''}`);
  });
  await create('cp-x');
  await c.call('network.get_all');
  await c.callAsync('network.create', { name_label: 'cp-y', name_description: '', MTU: '1500', other_config: {} });
  stop();
  await create('cp-z');
  expect(seen.filter((s) => !s.startsWith('0 task.') && !s.startsWith('0 event.'))).toEqual(['1 network.create', '0 network.get_all', '2 network.create async']);
});

test('fault specs: crash points and method rules; bad specs name what is wrong', () => {
  expect(parseFaultSpec('lose-reply@7')).toEqual({ method: '*', from: 7, kind: 'LOSE_REPLY', times: 1 });
  expect(parseFaultSpec('fail@1')).toEqual({ method: '*', from: 1, kind: 'INTERNAL_ERROR' });
  expect(parseFaultSpec('OTHER_OPERATION_IN_PROGRESS:VM.start:0:2')).toEqual({ kind: 'OTHER_OPERATION_IN_PROGRESS', method: 'VM.start', skip: 0, times: 2 });
  expect(() => parseFaultSpec('explode@3')).toThrow(/drop, fail, lose-reply/);
  expect(() => parseFaultSpec('drop@0')).toThrow(/counted from 1/);
  expect(() => parseFaultSpec('NOPE:VM.start')).toThrow(/KIND one of/);
  expect(() => parseFaultSpec('INTERNAL_ERROR:VM.start:x')).toThrow(/skip must be a whole number/);
});

describe('xcpform simulator --fault and XCPFORM_SIMULATOR_FAULTS', () => {
  async function serve(args: string[], env: Record<string, string>): Promise<{ url: string; stop: () => Promise<number> }> {
    let out = '';
    let code = -1;
    let stop!: (s: string) => void;
    setWaitForStop(() => new Promise((r) => (stop = r)));
    const program = new Command().exitOverride();
    register(program, { stdout: (t) => (out += t), stderr: () => undefined, env, cwd: '.', isTty: false, columns: 80, prompt: async () => '', onInterrupt: () => () => undefined }, (x) => (code = x));
    const running = program.parseAsync(['simulator', '--pools', 'p:1', ...args], { from: 'user' });
    while (!out.includes('ready')) await new Promise((r) => setTimeout(r, 5));
    return { url: /^pool p (\S+)$/m.exec(out)![1], stop: async () => { stop('SIGTERM'); await running; return code; } };
  }

  test('a served simulator applies the faults of its flags and environment', async () => {
    const served = await serve(['--fault', 'lose-reply@1'], { XCPFORM_SIMULATOR_FAULTS: 'drop@2' });
    try {
      const s = new RawClient(served.url);
      await s.login();
      const mk = (label: string) => s.call('network.create', { name_label: label, name_description: '', MTU: '1500', other_config: {} });
      await expect(mk('cp-lost-reply')).rejects.toThrow(/socket hang up|ECONNRESET/);
      await expect(mk('cp-dropped')).rejects.toThrow(/socket hang up|ECONNRESET/);
      await mk('cp-fine');
      const recs = (await s.call('network.get_all_records')) as Record<string, { name_label: string }>;
      expect(Object.values(recs).map((r) => r.name_label).filter((n) => n.startsWith('cp-')).sort()).toEqual(['cp-fine', 'cp-lost-reply']);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });

  test('a bad fault spec is a usage error, in the flag or in the environment', async () => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    register(program, { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: '.', isTty: false, columns: 80, prompt: async () => '', onInterrupt: () => () => undefined }, () => undefined);
    await expect(program.parseAsync(['simulator', '--fault', 'boom@1'], { from: 'user' })).rejects.toThrow(/drop, fail, lose-reply/);
    let err = '';
    let code = -1;
    const p2 = new Command().exitOverride();
    register(p2, { stdout: () => undefined, stderr: (t) => (err += t), env: { XCPFORM_SIMULATOR_FAULTS: 'drop@x' }, cwd: '.', isTty: false, columns: 80, prompt: async () => '', onInterrupt: () => () => undefined }, (x) => (code = x));
    await p2.parseAsync(['simulator', '--pools', 'q:1'], { from: 'user' });
    expect(code).toBe(1);
    expect(err).toContain('XCPFORM_SIMULATOR_FAULTS');
  });
});
