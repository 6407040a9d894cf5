/**
 * XenAPI client figures against the embedded simulator (one process, loopback HTTP):
 * - `VM.get_all_records` with 10,000 VMs over each transport through `XapiClient.getAllRecords`
 *   (HTTP, wire decoding and typed record decoding included), median of 3;
 * - the same records read one `VM.get_record` at a time with 10 calls in flight (what a
 *   per-resource refresh would do), and the ratio of the two;
 * - calls per second of a simple getter (`VM.get_name_label`) through the client, sequential and
 *   with 16 calls in flight, over each transport; and the same against a trivial scripted server,
 *   which shows the client's own cost per call apart from the simulator's.
 */
import { startSimulator, DEFAULT_PASSWORD, DEFAULT_USERNAME } from '../src/simulator';
import { XapiClient, decodeRecordMap, type Ref, type WireProtocolName } from '../src/xenapi';
import { startScriptedServer } from '../src/xenapi/testing/scripted-server';

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

async function callsPerSecond(client: XapiClient, vm: Ref<'VM'>, inFlight: number, ms = 1000): Promise<number> {
  let calls = 0;
  const start = Date.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < end) {
        await client.call('VM.get_name_label', vm);
        calls++;
      }
    }),
  );
  return Math.round((calls * 1000) / (Date.now() - start));
}

async function perResourceRead(client: XapiClient, refs: readonly Ref<'VM'>[], parallelism: number): Promise<number> {
  let next = 0;
  const t = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: parallelism }, async () => {
      while (next < refs.length) await client.getRecord('VM', refs[next++]);
    }),
  );
  return Math.round(Number(process.hrtime.bigint() - t) / 1e6);
}

/** Runs the client benchmark and returns its figures (milliseconds, calls per second, ratios). */
export async function benchClient(): Promise<Record<string, number | string>> {
  const sim = await startSimulator({ pools: [{ name: 'bench', hosts: 2 }] });
  const clients: XapiClient[] = [];
  const connect = (protocol: WireProtocolName): XapiClient => {
    const c = new XapiClient({ url: sim.pools[0].url, protocol, credentials: { username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD } });
    clients.push(c);
    return c;
  };
  try {
    // Seeding through the simulator's database: 10,000 VM.create calls would measure the seed.
    const db = sim.world.pool('bench').db;
    for (let i = 0; i < VMS; i++) {
      const metrics = db.create('VM_metrics', {});
      db.create('VM', {
        name_label: `vm-${i}`, metrics, memory_static_max: 2 ** 31, memory_dynamic_max: 2 ** 31, memory_dynamic_min: 2 ** 30, memory_static_min: 2 ** 29,
        VCPUs_max: 2, VCPUs_at_startup: 2, other_config: { 'xcpform:address': `xcp_vm.vm[${i}]` }, tags: ['bench'], platform: { acpi: '1' },
      });
    }
    const figures: Record<string, number | string> = {};
    let refs: Ref<'VM'>[] = [];
    for (const protocol of ['jsonrpc', 'xmlrpc'] as const) {
      const c = connect(protocol);
      await c.session();
      figures[`get_all_records_10k_${protocol}_ms`] = await median(3, async () => {
        const records = await c.getAllRecords('VM');
        refs = [...records.keys()];
      });
    }
    figures.vms = refs.length;
    const raw = await connect('jsonrpc').call('VM.get_all_records');
    const copies = [0, 1, 2].map(() => JSON.parse(JSON.stringify(raw)) as unknown); // decoding is in place
    figures.typed_decode_10k_ms = await median(3, async () => {
      decodeRecordMap('VM', copies.pop(), 'VM.get_all_records');
    });
    const json = connect('jsonrpc');
    const xml = connect('xmlrpc');
    const perResource = await perResourceRead(json, refs, 10);
    figures.get_record_each_10k_parallel_10_jsonrpc_ms = perResource;
    figures.bulk_vs_per_resource_speedup_jsonrpc = Math.round((perResource / (figures.get_all_records_10k_jsonrpc_ms as number)) * 10) / 10;
    const vm = refs[0];
    figures.getter_calls_per_s_jsonrpc_sequential = await callsPerSecond(json, vm, 1);
    figures.getter_calls_per_s_xmlrpc_sequential = await callsPerSecond(xml, vm, 1);
    figures.getter_calls_per_s_jsonrpc_16_in_flight = await callsPerSecond(json, vm, 16);
    figures.getter_calls_per_s_xmlrpc_16_in_flight = await callsPerSecond(xml, vm, 16);
    const scripted = await startScriptedServer((req) => ({ value: req.method === 'session.login_with_password' ? 'OpaqueRef:s' : 'vm-0' }));
    try {
      for (const protocol of ['jsonrpc', 'xmlrpc'] as const) {
        const c = new XapiClient({ url: scripted.url, protocol, credentials: { username: 'u', password: 'p' } });
        clients.push(c);
        figures[`client_only_calls_per_s_${protocol}_sequential`] = await callsPerSecond(c, vm, 1);
        figures[`client_only_calls_per_s_${protocol}_16_in_flight`] = await callsPerSecond(c, vm, 16);
      }
      await Promise.all(clients.map((c) => c.close()));
      clients.length = 0;
    } finally {
      await scripted.close();
    }
    return figures;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  }
}

if (require.main === module) {
  benchClient().then(
    (f) => console.log(f),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
