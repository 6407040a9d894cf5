import { RawClient } from './testing/raw-client';
import { CLASSES } from './schema/misc';
import { serveCopy, type PoolTables } from './from-records';
import { startSimulator, type RunningSimulator } from './index';

let sim: RunningSimulator | undefined;
afterEach(async () => { await sim?.close(); sim = undefined; });

/** Every class's records as `get_all_records` gives them over the wire. */
async function readTables(c: RawClient): Promise<PoolTables['tables']> {
  const tables: Record<string, Record<string, unknown>> = {};
  for (const cls of CLASSES.keys()) {
    try {
      tables[cls] = (await c.call(`${cls}.get_all_records`)) as Record<string, unknown>;
    } catch {
      // A class without get_all_records (session, event…) holds nothing a copy needs.
    }
  }
  return tables;
}

test('a VM read running before its guest agent reported boots in the copy: its addresses appear there', async () => {
  sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 1 }], guestBootMs: 3_600_000 });
  const real = new RawClient(sim.pools[0].url);
  await real.login();
  const [template] = (await real.call<string[]>('VM.get_by_name_label', 'Debian Bookworm 12'));
  // A task's result is XML-RPC text, as xapi gives it.
  const vm = String((await real.callAsync('VM.clone', template, 'caught-starting')).result).replace(/<\/?value>/g, '');
  await real.call('VM.provision', vm);
  await real.call('VM.set_is_a_template', vm, false);
  const [net] = await real.call<string[]>('network.get_all');
  await real.call('VIF.create', { VM: vm, network: net, device: '0', MAC: '', MTU: 1500, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {}, locking_mode: 'network_default', ipv4_allowed: [], ipv6_allowed: [] });
  await real.call('VM.start', vm, false, false);
  // On the real pool the guest has not reported yet (an hour of boot).
  expect(await real.call('VM.get_guest_metrics', vm)).toBe('OpaqueRef:NULL');

  const copy = await serveCopy([{ name: 'dc1', tables: await readTables(real) }]);
  try {
    const c = new RawClient(copy.pools.get('dc1')!);
    await c.login(copy.username, copy.password);
    expect(await c.call('VM.get_power_state', vm)).toBe('Running');
    let networks: Record<string, string> = {};
    for (let i = 0; i < 50 && Object.keys(networks).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const gm = await c.call<string>('VM.get_guest_metrics', vm);
      if (gm !== 'OpaqueRef:NULL') networks = await c.call<Record<string, string>>('VM_guest_metrics.get_networks', gm);
    }
    expect(networks['0/ip']).toMatch(/^10\.\d+\.\d+\.\d+$/);
  } finally {
    await copy.close();
  }
}, 60_000);
