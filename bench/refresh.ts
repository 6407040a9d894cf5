/**
 * Refresh of 10,000 VMs, each with a disk (VBD + VDI) and a NIC (VIF on a network), against the
 * simulator with 2 ms of latency per call, through one JSON-RPC `XapiClient`:
 * - xcpform's bulk refresh (`refreshInstances`: one `get_all_records` per class, then the VM
 *   resource's pure read per instance);
 * - a per-resource refresh as Terraform providers do it: for each VM `VM.get_record`, then its
 *   VBD, VDI, VIF and guest metrics records one call at a time, 10 VMs in flight;
 * - xcpform's refresh as `plan` runs it with its refresh cache: cold (reads everything, writes
 *   the cache), then incremental (`event.from` since the cached token, only the instances whose
 *   objects changed read again), unchanged and after 1% of the VMs changed out of band.
 * The ratios to the per-resource refresh are the ARCHITECTURE.md target (50x or more), measured in one
 * run; the cold ratio is reported beside it.
 *
 * The simulator runs in its own process (`xcpform simulator --state FILE --latency-ms 2`), as a
 * real xapi runs on another machine: in one Node thread the bench would charge the client for
 * the server's work (dispatch and JSON encoding of every reply). The world is populated in
 * process, saved to a temporary state file, and served by the child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { refreshInstances, type PriorInstance, type RecordSource, type RefreshResult } from '../src/plan/refresh';
import { RefreshCache } from '../src/plan/refresh-cache';
import { sameValue } from '../src/values/value';
import { resourceType } from '../src/resources/registry';
import { WorldSnapshot } from '../src/resources/snapshot';
import { startSimulator, DEFAULT_PASSWORD, DEFAULT_USERNAME, type RunningSimulator } from '../src/simulator';
import { saveWorld } from '../src/simulator/persistence';
import { NULL_REF, XapiClient, type Ref } from '../src/xenapi';

const VMS = 10_000;
const LATENCY_MS = 2;
const PARALLELISM = 10;
const POOL = 'bench';
const GIB = 2 ** 30;

const ms = (t0: number): number => Math.round(performance.now() - t0);

/** Creates the VMs straight in the pool's database: 10,000 `VM.create` calls would measure the seed. */
export function populate(sim: RunningSimulator): void {
  const db = sim.world.pool(POOL).db;
  const [sr] = db.all('SR').find(([, r]) => r.type === 'nfs') ?? db.all('SR').find(([, r]) => r.content_type === 'user')!;
  const [network] = db.all('network').find(([, r]) => r.bridge === 'xenbr0') ?? db.all('network')[0];
  for (let i = 0; i < VMS; i++) {
    const metrics = db.create('VM_metrics', { memory_actual: 2 * GIB, VCPUs_number: 2 });
    const guest = db.create('VM_guest_metrics', {
      os_version: { name: 'Debian GNU/Linux 12', distro: 'debian', major: '12' },
      PV_drivers_version: { major: '8', minor: '2' },
      networks: { '0/ip': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
    });
    const vm = db.create('VM', {
      name_label: `vm-${i}`, name_description: 'bench VM', metrics, guest_metrics: guest,
      memory_static_max: 2 * GIB, memory_dynamic_max: 2 * GIB, memory_dynamic_min: GIB, memory_static_min: GIB / 2,
      VCPUs_max: 2, VCPUs_at_startup: 2, tags: ['bench'], platform: { acpi: '1', apic: 'true', viridian: 'false' },
      HVM_boot_policy: 'BIOS order', HVM_boot_params: { order: 'cd' },
      other_config: { 'xcpform:address': `xcp_vm.vm[${i}]`, 'xcpform:template': 'Debian Bookworm 12' },
    });
    const vdi = db.create('VDI', { name_label: `vm-${i}-disk0`, SR: sr, virtual_size: 20 * GIB, physical_utilisation: 4 * GIB, type: 'user' });
    db.create('VBD', { VM: vm, VDI: vdi, userdevice: '0', bootable: true, mode: 'RW', type: 'Disk' });
    db.create('VIF', { VM: vm, network, device: '0', MAC: macOf(i), MTU: 1500, locking_mode: 'network_default' });
  }
}

function macOf(i: number): string {
  return ['02', '00', (i >> 16) & 255, (i >> 8) & 255, i & 255, 1].map((b) => (typeof b === 'string' ? b : b.toString(16).padStart(2, '0'))).join(':');
}

/** The state a previous apply would have left: the VM resource's own read of each VM. */
export function priorState(world: WorldSnapshot): PriorInstance[] {
  const rt = resourceType('xcp_vm')!;
  const records = world.pool(POOL);
  const out: PriorInstance[] = [];
  for (const [, vm] of records.all('VM')) {
    if (vm.is_control_domain || vm.is_a_template || vm.is_a_snapshot) continue;
    const state = rt.read({ prior: { uuid: vm.uuid, pool: POOL }, world }).state;
    if (state) out.push({ address: vm.other_config['xcpform:address'] ?? `xcp_vm.x_${vm.uuid}`, type: 'xcp_vm', attributes: state });
  }
  return out;
}

/** What a typical provider's Read does per VM: the VM, then each device and the guest metrics. */
async function perResourceRefresh(client: XapiClient, refs: readonly Ref<'VM'>[]): Promise<number> {
  let next = 0;
  let calls = 0;
  const one = async (ref: Ref<'VM'>): Promise<void> => {
    const vm = await client.getRecord('VM', ref);
    calls++;
    for (const vbdRef of vm.VBDs) {
      const vbd = await client.getRecord('VBD', vbdRef);
      calls++;
      if (vbd.VDI !== NULL_REF) { await client.getRecord('VDI', vbd.VDI); calls++; }
    }
    for (const vifRef of vm.VIFs) { await client.getRecord('VIF', vifRef); calls++; }
    if (vm.guest_metrics !== NULL_REF) { await client.getRecord('VM_guest_metrics', vm.guest_metrics); calls++; }
  };
  await Promise.all(Array.from({ length: PARALLELISM }, async () => {
    while (next < refs.length) await one(refs[next++]);
  }));
  return calls;
}

/** A simulator served by a child process (`bin/xcpform.js simulator`). */
interface ChildSimulator {
  url: string;
  close(): Promise<void>;
}

function cliPath(): string {
  // bench/refresh.ts (ts-node, jest) or dist/bench/refresh.js (compiled).
  for (const up of [['..'], ['..', '..']]) {
    const p = path.resolve(__dirname, ...up, 'bin', 'xcpform.js');
    if (existsSync(p)) return p;
  }
  throw new Error('bench refresh: bin/xcpform.js not found');
}

/** Populates a world in process, saves it to a temporary state file, and serves it from a child. */
async function startChildSimulator(): Promise<ChildSimulator & { setup_ms: number }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xcpform-bench-refresh-'));
  const file = path.join(dir, 'state.json');
  const t0 = performance.now();
  const local = await startSimulator({ pools: [{ name: POOL, hosts: 2 }] });
  try {
    populate(local);
    await saveWorld(local.world, file);
  } finally {
    await local.close();
  }
  const setup_ms = ms(t0);
  const child: ChildProcess = spawn(process.execPath, [cliPath(), 'simulator', '--pools', `${POOL}:2`, '--state', file, '--latency-ms', String(LATENCY_MS), '--no-autosave'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The child's stderr (its "stopped, state saved" line) is shown only if it fails to start.
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => { if (stderr.length < 10_000) stderr += text; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanup = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let poolUrl: string | undefined;
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        const m = /^pool (\S+) (\S+)$/.exec(line);
        if (m && m[1] === POOL) poolUrl = m[2];
        if (line === 'ready') {
          if (poolUrl) resolve(poolUrl);
          else reject(new Error(`bench refresh: the simulator serves no pool ${POOL}`));
        }
      });
      child.once('exit', (code, signal) => reject(new Error(`bench refresh: the simulator exited (${code ?? signal}) before it was ready: ${stderr.trim()}`)));
      child.once('error', reject);
    });
    return { url, setup_ms, close: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Runs the refresh benchmark and returns its figures (milliseconds and ratios). */
export async function benchRefresh(): Promise<Record<string, number | string>> {
  const sim = await startChildSimulator();
  const client = new XapiClient({ url: sim.url, protocol: 'jsonrpc', credentials: { username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD } });
  const source: RecordSource = { pools: [POOL], defaultPool: POOL, client: async () => client };
  const figures: Record<string, number | string> = {};
  try {
    figures.setup_ms = sim.setup_ms;
    figures.simulator = 'child process';
    await client.session();
    // Prior state from one bulk read, as `apply` would have recorded it.
    const seed = await refreshInstances([], source, new Map([[POOL, new Set(resourceType('xcp_vm')!.classes)]]));
    const prior = priorState(seed.world);
    figures.vms = prior.length;
    const vmRefs = [...seed.world.pool(POOL).all('VM')].filter(([, r]) => !r.is_control_domain && !r.is_a_template).map(([ref]) => ref);

    figures.latency_ms_per_call = LATENCY_MS;
    // Warm-up (JIT, sockets); then the median of 3. The child saves its world only when stopped,
    // so no autosave of 10,000 VMs competes with the timed runs.
    await refreshInstances(prior, source);
    const bulkTimes: number[] = [];
    let changed = 0;
    let t0: number;
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      const r = await refreshInstances(prior, source);
      bulkTimes.push(performance.now() - t0);
      if (r.diagnostics.length) throw new Error(`refresh diagnostics: ${r.diagnostics.map((d) => d.summary).join('; ')}`);
      changed = prior.filter((p) => r.refreshed.get(p.address) !== p.attributes && JSON.stringify(r.refreshed.get(p.address)) !== JSON.stringify(p.attributes)).length;
    }
    bulkTimes.sort((a, b) => a - b);
    const bulk = bulkTimes[1];
    figures.bulk_refresh_10k_ms = Math.round(bulk);
    figures.bulk_refresh_round_trips = resourceType('xcp_vm')!.classes.length;
    figures.bulk_refresh_instances_changed = changed;

    t0 = performance.now();
    const calls = await perResourceRefresh(client, vmRefs);
    const perResource = performance.now() - t0;
    figures.per_resource_refresh_10k_parallel_10_ms = Math.round(perResource);
    figures.per_resource_calls = calls;
    figures.bulk_vs_per_resource_speedup = Math.round((perResource / bulk) * 10) / 10;

    const inc = await incremental(client, source, prior, vmRefs);
    const { _unchanged_ms: unchangedMs, _changed_ms: changedMs, ...incFigures } = inc;
    Object.assign(figures, incFigures);
    figures.incremental_1pct_vs_per_resource_speedup = Math.round((perResource / changedMs) * 10) / 10;
    figures.incremental_unchanged_vs_per_resource_speedup = Math.round((perResource / unchangedMs) * 10) / 10;
    return figures;
  } finally {
    await client.close();
    await sim.close();
  }
}

/** Median of `n` timed runs of `fn` (milliseconds) and the last result. */
async function median<T>(n: number, fn: () => Promise<T>): Promise<{ ms: number; last: T }> {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(n / 2)], last };
}

/** Instances whose refreshed state differs between two refreshes (should be none). */
function disagreements(prior: readonly PriorInstance[], a: RefreshResult, b: RefreshResult): string[] {
  return prior.filter((p) => {
    const x = a.refreshed.get(p.address) ?? null;
    const y = b.refreshed.get(p.address) ?? null;
    return x === null || y === null ? x !== y : !sameValue(x, y);
  }).map((p) => p.address);
}

/**
 * xcpform's refresh as `plan` runs it, with the refresh cache (`.xcpform/refresh`): a first,
 * cold refresh reads every class and writes the cache; later ones ask `event.from` for what
 * changed since the cached token and read again only the instances whose objects changed. Each
 * timed run includes writing the cache when the run has something to write. The result after
 * 1% of the VMs changed out of band is checked against a full bulk refresh: they must agree on
 * every instance.
 */
async function incremental(client: XapiClient, source: RecordSource, prior: readonly PriorInstance[], vmRefs: readonly Ref<'VM'>[]): Promise<Record<string, number>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xcpform-bench-cache-'));
  try {
    const cache = new RefreshCache(dir);
    const state = { lineage: 'bench', serial: 1 };
    const run = async (): Promise<RefreshResult> => {
      const r = await refreshInstances(prior, source, new Map(), { cache, state });
      if (r.diagnostics.length) throw new Error(`refresh diagnostics: ${r.diagnostics.map((d) => d.summary).join('; ')}`);
      const problem = await r.saveCache?.();
      if (problem) throw new Error(problem);
      return r;
    };
    let t0 = performance.now();
    const cold = await refreshInstances(prior, source, new Map(), { cache, state });
    const coldMs = performance.now() - t0;
    t0 = performance.now();
    await cold.saveCache!();
    const writeMs = performance.now() - t0;
    const bytes = (await fs.readdir(dir)).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);

    const unchanged = await median(3, run);
    if (unchanged.last.stats.read !== 0) throw new Error(`bench refresh: nothing changed, yet ${unchanged.last.stats.read} instances were read again`);

    // Out of band, through XenAPI calls (not timed): 1% of the VMs get a new description.
    for (let i = 0; i < vmRefs.length; i += 100) await client.call('VM.set_name_description', vmRefs[i], `changed out of band ${i}`);
    const changed = await median(3, run);
    const full = await refreshInstances(prior, source);
    const wrong = disagreements(prior, changed.last, full);
    if (wrong.length) throw new Error(`bench refresh: the incremental refresh disagrees with a full read on ${wrong.length} instances (${wrong.slice(0, 3).join(', ')})`);
    const drifted = prior.filter((p) => !sameValue(full.refreshed.get(p.address) ?? null, p.attributes)).length;
    // The first plan after an apply: another state serial, so each entry is checked against its
    // prior state's fingerprint (the same here) instead of being trusted by serial.
    state.serial = 2;
    t0 = performance.now();
    const afterApply = await run();
    const afterApplyMs = performance.now() - t0;
    if (afterApply.stats.reused !== changed.last.stats.reused) throw new Error(`bench refresh: after a serial change ${afterApply.stats.reused} instances reused, expected ${changed.last.stats.reused}`);
    return {
      cache_cold_refresh_ms: Math.round(coldMs),
      cache_write_ms: Math.round(writeMs),
      cache_mb: Math.round(bytes / 1e5) / 10,
      incremental_refresh_unchanged_ms: Math.round(unchanged.ms),
      incremental_refresh_1pct_changed_ms: Math.round(changed.ms),
      incremental_events: changed.last.stats.pools[POOL]?.events ?? -1,
      incremental_instances_read: changed.last.stats.read,
      incremental_instances_reused: changed.last.stats.reused,
      incremental_refresh_new_serial_ms: Math.round(afterApplyMs),
      incremental_vms_changed: drifted,
      _unchanged_ms: unchanged.ms,
      _changed_ms: changed.ms,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchRefresh().then((f) => console.log(f), (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
