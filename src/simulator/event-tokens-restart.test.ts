/**
 * `event.from` tokens across a simulator restart: the latest change of each recently changed
 * object is saved with the world, so a token taken before the restart still reports exactly what
 * changed since (add, mod, del); tokens the saved changes cannot serve get EVENTS_LOST.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type RunningSimulator } from './index';
import { RawClient, RawXapiError, closeRawClients } from './testing/raw-client';

type Rec = Record<string, any>;
let dir: string;
let file: string;
const running: RunningSimulator[] = [];

async function open(): Promise<{ sim: RunningSimulator; c: RawClient }> {
  const sim = await startSimulator({ pools: [{ name: 'ev', hosts: 1 }], stateFile: file, autosave: false });
  running.push(sim);
  const c = new RawClient(sim.pools[0].url, 'json');
  await c.login();
  return { sim, c };
}

async function close(sim: RunningSimulator): Promise<void> {
  await sim.close();
  running.splice(running.indexOf(sim), 1);
}

const tokenNow = async (c: RawClient): Promise<string> => (await c.call<Rec>('event.from', [], '', 0)).token;
const summary = (events: Rec[]): string[][] => events.map((e) => [e.operation, e.class, e.ref]).sort((a, b) => a.join().localeCompare(b.join()));

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xcpform-evtok-'));
  file = path.join(dir, 'world.json');
});
afterEach(async () => {
  for (const sim of running.splice(0)) await sim.close();
  closeRawClients();
  await fs.rm(dir, { recursive: true, force: true });
});

test('a token from before a restart reports the mod, add and del made on either side of it', async () => {
  let { sim, c } = await open();
  const keep = await c.call<string>('network.create', { name_label: 'keep', other_config: {} });
  const doomed = await c.call<string>('network.create', { name_label: 'doomed', other_config: {} });
  const token = await tokenNow(c);
  // Before the restart: one change, one deletion.
  await c.call('network.set_name_description', keep, 'changed before');
  await c.call('network.destroy', doomed);
  await close(sim);

  ({ sim, c } = await open());
  // After it: one creation.
  const born = await c.call<string>('network.create', { name_label: 'born', other_config: {} });
  const batch = await c.call<Rec>('event.from', ['network'], token, 0);
  expect(summary(batch.events)).toEqual(summary([
    { operation: 'mod', class: 'network', ref: keep },
    { operation: 'del', class: 'network', ref: doomed },
    { operation: 'add', class: 'network', ref: born },
  ]));
  expect(batch.events.find((e: Rec) => e.ref === keep).snapshot.name_description).toBe('changed before');
  // And the new token carries on from there.
  const quiet = await c.call<Rec>('event.from', ['network'], batch.token, 0);
  expect(quiet.events).toEqual([]);
});

test('an object created after the token and deleted before the restart is not reported', async () => {
  let { sim, c } = await open();
  const token = await tokenNow(c);
  const fleeting = await c.call<string>('network.create', { name_label: 'fleeting', other_config: {} });
  await c.call('network.destroy', fleeting);
  await close(sim);
  ({ sim, c } = await open());
  const batch = await c.call<Rec>('event.from', ['network'], token, 0);
  expect(batch.events.filter((e: Rec) => e.ref === fleeting)).toEqual([]);
});

test('a token older than the saved changes, or from another world, gets EVENTS_LOST', async () => {
  let { sim, c } = await open();
  const token = await tokenNow(c);
  await c.call('network.create', { name_label: 'n', other_config: {} });
  await close(sim);
  // Raise the floor above the token, as if more objects had changed than the world keeps.
  const json = JSON.parse(await fs.readFile(file, 'utf8'));
  json.pools[0].db.changes.floor = json.pools[0].db.generation;
  json.pools[0].db.changes.entries = [];
  await fs.writeFile(file, JSON.stringify(json));
  ({ sim, c } = await open());
  await expect(c.call('event.from', ['network'], token, 0)).rejects.toMatchObject({ code: 'EVENTS_LOST' } as Partial<RawXapiError>);
  // A token ahead of this world's generation (another world's) is lost too, not silently empty.
  const ahead = `${'9'.repeat(20)},${'9'.repeat(20)}`;
  await expect(c.call('event.from', ['network'], ahead, 0)).rejects.toMatchObject({ code: 'EVENTS_LOST' } as Partial<RawXapiError>);
});

test('damaged saved changes lose old tokens instead of reporting too little', async () => {
  let { sim, c } = await open();
  const token = await tokenNow(c);
  await c.call('network.create', { name_label: 'a', other_config: {} });
  await c.call('network.create', { name_label: 'b', other_config: {} });
  await close(sim);
  const json = JSON.parse(await fs.readFile(file, 'utf8'));
  json.pools[0].db.changes.entries.reverse(); // out of order
  await fs.writeFile(file, JSON.stringify(json));
  ({ sim, c } = await open());
  await expect(c.call('event.from', ['network'], token, 0)).rejects.toMatchObject({ code: 'EVENTS_LOST' } as Partial<RawXapiError>);
});
