/**
 * Simulator figures: `VM.get_all_records` with 10,000 VMs over each transport (decode included),
 * and calls per second of a simple getter (sequential and with 16 in flight), using the
 * simulator's own minimal HTTP caller so the figures measure the server, not a client library.
 */
import { startSimulator } from '../src/simulator';
import { RawClient, closeRawClients } from '../src/simulator/testing/raw-client';

const VMS = 10_000;

async function median(runs: number, fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]);
}

async function callsPerSecond(client: RawClient, vm: string, inFlight: number, ms = 1000): Promise<number> {
  let calls = 0;
  const end = Date.now() + ms;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < end) {
        await client.call('VM.get_name_label', vm);
        calls++;
      }
    }),
  );
  return Math.round((calls * 1000) / ms);
}

export async function benchSimulator(): Promise<Record<string, number | string>> {
  const sim = await startSimulator({ pools: [{ name: 'bench', hosts: 2 }] });
  try {
    const db = sim.world.pool('bench').db;
    const t0 = Date.now();
    for (let i = 0; i < VMS; i++) {
      const metrics = db.create('VM_metrics', {});
      db.create('VM', {
        name_label: `vm-${i}`, metrics, memory_static_max: 2 ** 31, memory_dynamic_max: 2 ** 31, memory_dynamic_min: 2 ** 30, memory_static_min: 2 ** 29,
        VCPUs_max: 2, VCPUs_at_startup: 2, other_config: { 'xcpform:address': `xcp_vm.vm[${i}]` }, tags: ['bench'], platform: { acpi: '1' },
      });
    }
    const setupMs = Date.now() - t0;
    const json = new RawClient(sim.pools[0].url, 'json');
    const xml = new RawClient(sim.pools[0].url, 'xml');
    await json.login();
    await xml.login();
    let count = 0;
    const jsonMs = await median(3, async () => {
      count = Object.keys((await json.call('VM.get_all_records')) as object).length;
    });
    const xmlMs = await median(3, async () => {
      count = Object.keys((await xml.call('VM.get_all_records')) as object).length;
    });
    const vm = ((await json.call('VM.get_all')) as string[])[0];
    return {
      vms: count,
      setup_ms: setupMs,
      get_all_records_10k_jsonrpc_ms: jsonMs,
      get_all_records_10k_xmlrpc_ms: xmlMs,
      getter_calls_per_s_jsonrpc_sequential: await callsPerSecond(json, vm, 1),
      getter_calls_per_s_xmlrpc_sequential: await callsPerSecond(xml, vm, 1),
      getter_calls_per_s_jsonrpc_16_in_flight: await callsPerSecond(json, vm, 16),
    };
  } finally {
    await sim.close();
    closeRawClients();
  }
}

if (require.main === module) {
  benchSimulator().then((f) => console.log(f), (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
