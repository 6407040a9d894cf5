/**
 * Apply at scale (issue 17): N VMs, each with one disk and one NIC on a shared network, applied
 * by `xcpform apply` (a child process, parallelism 10) to a pool served by the simulator in
 * another child process with 2 ms of latency per call, through a recording proxy that counts
 * the XenAPI calls and the bytes of their replies. N = 100 and 1,000 in one run:
 * - create, update (a new description on every VM) and destroy, each applied from a saved plan
 *   so only the apply is measured (the plan's own refresh is reported apart);
 * - bytes and wall per VM at 1,000 against 100 (linear: ratio ~1);
 * - wall against the lower bound: calls × latency ÷ parallelism, or the critical path (the
 *   longest dependency chain's calls one after the other) when longer, and whether it is
 *   within 1.5× of it; the CPU bound (xcpform's and the simulator's CPU ÷ cores) beside it;
 * - calls per VM by kind: the changes' own calls, and the calls that keep the apply's live world
 *   current (`get_all_records`, `event.from`), which do not grow with N per VM;
 * - bytes per VM by method, and the records `event.from` carried by class: xapi sends an SR's
 *   record (its VDIs list) on every disk created and a network's (VIFs) on every NIC, records
 *   that grow with N; an apply step catches those shared classes up only after writing to
 *   the infrastructure itself or when waiting on others (live-world/change-reads.ts);
 * - where the walk went: calls in flight on average, time with no call in flight, time a
 *   records catch-up was in flight, and the CPU of xcpform and of the simulator (with a CPU
 *   lower bound beside the call bound, and the machine's load average, since every process
 *   of the bench shares its cores).
 * Beside it the same VMs applied by real terraform through terraform-provider-xcp, as a ratio
 * (1,000 by default: see TERRAFORM_VMS), with terraform's CPU and its provider's.
 */
import * as os from 'node:os';
import { breakdown, type Breakdown } from './apply-breakdown';
import { BenchFolder, PASSWORD, servePool, USER, type RunTimes } from './apply-run';
import type { RecordingProxy } from './recording-proxy';

const POOL = 'bench';
const HOSTS = 4;
const LATENCY_MS = 2;
const PARALLELISM = 10;
/** The two sizes compared (env BENCH_APPLY_SIZES=small,large for a quicker look; the targets are for 100,1000). */
const SIZES = (process.env.BENCH_APPLY_SIZES ?? '100,1000').split(',').map(Number) as [number, number];
/**
 * VMs of the terraform comparison (env BENCH_TF_VMS, a list; 0 skips it): 1,000 as the issue
 * asks, the same VMs xcpform applied (about three minutes for create and destroy on the 2-core
 * CI machine; its CPU and its provider's are reported apart). The ratio is per VM against
 * xcpform at the same N (or at its larger N).
 */
const TERRAFORM_VMS = (process.env.BENCH_TF_VMS ?? '1000').split(',').map(Number).filter((n) => n > 0);
/**
 * Steps on the longest dependency chain of the config: the network, then a VM on it. The
 * critical path is that many steps, each making one VM's share of the calls one after the
 * other at the latency: the wall no parallelism can beat.
 */
const CHAIN_STEPS = 2;

type Figures = Record<string, number | string>;

function config(url: string, n: number, description: string): string {
  return `terraform {
  required_providers {
    xcp = { source = "registry.terraform.io/xcpform/xcp" }
  }
}
provider "xcp" {
  pools = {
    ${POOL} = { url = "${url}", username = "${USER}", password = "${PASSWORD}" }
  }
}
resource "xcp_network" "n" {
  name_label = "bench-net"
}
resource "xcp_vm" "v" {
  count            = ${n}
  name_label       = "v\${count.index}"
  name_description = "${description}"
  template         = "Debian Bookworm 12"
  power_state      = "halted"
  disk { size = 10737418240 }
  nic { network = xcp_network.n.uuid }
}
`;
}

/** Calls that keep the world current rather than change it. */
const isWorldRead = (m: string): boolean => m.endsWith('.get_all_records') || m === 'event.from' || m.endsWith('.get_all_records_where');
const isSession = (m: string): boolean => m.startsWith('session.');

interface Phase {
  wall: number; walk: number; calls: number; bytes: number; changeCalls: number; worldCalls: number; methods: Map<string, number>;
  /** Reply bytes by method, and the bytes of event.from's records by class. */
  bytesByMethod: Map<string, number>; eventBytes: Map<string, number>;
  /** Where the walk went (apply-breakdown.ts). */
  spent: Breakdown;
  /** CPU time of the xcpform (or terraform) process, of the processes it started, and of the simulator's, ms. */
  cpuMs?: number; childrenCpuMs?: number; simulatorCpuMs?: number;
  /** CPU during the walk alone: xcpform's, the bench's (its recording proxy), the simulator's. */
  walkCpu?: RunTimes['walkCpu'];
}

function measure(proxy: RecordingProxy, { wall, walk, walkFrom, walkTo, cpuMs, childrenCpuMs, walkCpu }: RunTimes, simulatorCpuMs?: number): Phase {
  const { calls, bytes, eventBytes, spans } = proxy.counts();
  const all = proxy.totals();
  return {
    wall,
    walk,
    calls: all.calls,
    bytes: all.bytes,
    worldCalls: proxy.totals(isWorldRead).calls,
    changeCalls: proxy.totals((m) => !isWorldRead(m) && !isSession(m)).calls,
    methods: calls,
    bytesByMethod: bytes,
    eventBytes,
    spent: breakdown(spans, walkFrom, walkTo),
    ...(cpuMs === undefined ? {} : { cpuMs }),
    ...(childrenCpuMs === undefined ? {} : { childrenCpuMs }),
    ...(simulatorCpuMs === undefined ? {} : { simulatorCpuMs }),
    ...(walkCpu === undefined ? {} : { walkCpu }),
  };
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** `name=KiB per VM` for the entries above 0.05 KiB per VM, largest first. */
function perVmKb(m: ReadonlyMap<string, number>, n: number): string {
  return [...m].map(([k, b]) => [k, round(b / n / 1024, 1)] as const).filter(([, kb]) => kb >= 0.1)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([k, kb]) => `${k}=${kb}`).join(' ') || '-';
}

/** One size: create, update, destroy by xcpform; figures keyed by `n<N>.`. */
async function xcpformAt(n: number): Promise<Record<string, Phase>> {
  const served = await servePool(POOL, HOSTS, LATENCY_MS);
  const folder = new BenchFolder();
  const phases: Record<string, Phase> = {};
  try {
    const step = async (name: string, planArgs: string[]): Promise<void> => {
      served.proxy.reset();
      const planWall = await folder.xcpform(['plan', '--out', 'bench.plan', ...planArgs]);
      phases[`${name}_plan`] = measure(served.proxy, planWall);
      served.proxy.reset();
      const sim0 = served.cpuMs();
      const wall = await folder.xcpform(['apply', '--parallelism', String(PARALLELISM), 'bench.plan'], () => served.cpuMs());
      const sim1 = served.cpuMs();
      phases[name] = measure(served.proxy, wall, sim0 === undefined || sim1 === undefined ? undefined : sim1 - sim0);
    };
    folder.write(config(served.proxy.url, n, 'first'));
    await step('create', []);
    folder.write(config(served.proxy.url, n, 'second'));
    await step('update', []);
    await step('destroy', ['--destroy']);
    return phases;
  } finally {
    folder.close();
    await served.close();
  }
}

/** The same VMs created and destroyed by terraform through terraform-provider-xcp. */
async function terraformAt(n: number): Promise<Record<string, Phase>> {
  const served = await servePool(POOL, HOSTS, LATENCY_MS);
  const folder = new BenchFolder();
  try {
    folder.write(config(served.proxy.url, n, 'first'));
    served.proxy.reset();
    const create = measure(served.proxy, await folder.terraform(['apply', '-auto-approve', `-parallelism=${PARALLELISM}`]));
    served.proxy.reset();
    const destroy = measure(served.proxy, await folder.terraform(['destroy', '-auto-approve', `-parallelism=${PARALLELISM}`]));
    // Its provider's CPU is that of the processes terraform started (apply-run.ts).
    return { create, destroy };
  } finally {
    folder.close();
    await served.close();
  }
}

/** Runs the apply benchmark; figures are per VM and ratios measured in this run. */
export async function benchApply(): Promise<Figures> {
  const f: Figures = { latency_ms_per_call: LATENCY_MS, parallelism: PARALLELISM, simulator: 'child process' };
  // Every process of the bench shares this machine's cores: the load says how much of them it had.
  f.cpus = os.cpus().length;
  f.load_average_1m_at_start = round(os.loadavg()[0], 1);
  const runs = new Map<number, Record<string, Phase>>();
  for (const n of SIZES) {
    const phases = await xcpformAt(n);
    runs.set(n, phases);
    for (const [name, p] of Object.entries(phases)) {
      const k = `n${n}.${name}`;
      f[`${k}.wall_ms`] = Math.round(p.wall);
      if (!name.endsWith('_plan')) f[`${k}.walk_ms`] = Math.round(p.walk);
      f[`${k}.calls`] = p.calls;
      f[`${k}.kb_read_per_vm`] = round(p.bytes / n / 1024, 1);
      if (name.endsWith('_plan')) continue;
      f[`${k}.walk_ms_per_vm`] = round(p.walk / n);
      f[`${k}.change_calls_per_vm`] = round(p.changeCalls / n);
      f[`${k}.world_calls`] = p.worldCalls;
      f[`${k}.kb_read_per_vm_by_method`] = perVmKb(p.bytesByMethod, n);
      f[`${k}.event_kb_per_vm_by_class`] = perVmKb(p.eventBytes, n);
      // The lower bound: calls x latency / parallelism, or the critical path if longer.
      const callBound = (p.calls * LATENCY_MS) / PARALLELISM;
      const criticalPath = CHAIN_STEPS * Math.ceil(p.calls / n) * LATENCY_MS;
      const bound = Math.max(callBound, criticalPath);
      f[`${k}.call_bound_ms`] = Math.round(callBound);
      f[`${k}.critical_path_ms`] = Math.round(criticalPath);
      f[`${k}.lower_bound_ms`] = Math.round(bound);
      f[`${k}.walk_vs_lower_bound`] = round(p.walk / bound);
      f[`${k}.within_1_5x_of_lower_bound`] = p.walk <= 1.5 * bound ? 'yes' : 'no';
      f[`${k}.calls_in_flight_mean`] = round(p.spent.meanInFlight, 1);
      f[`${k}.call_ms_mean`] = round(p.spent.meanCallMs);
      f[`${k}.no_call_in_flight_ms`] = Math.round(p.spent.noCallMs);
      f[`${k}.catch_up_in_flight_ms`] = Math.round(p.spent.catchUpMs);
      if (p.cpuMs !== undefined) f[`${k}.xcpform_cpu_ms`] = Math.round(p.cpuMs);
      if (p.simulatorCpuMs !== undefined) f[`${k}.simulator_cpu_ms`] = Math.round(p.simulatorCpuMs);
      if (p.cpuMs !== undefined && p.simulatorCpuMs !== undefined) {
        // Not part of the target, reported beside it: the CPU the apply and the simulator
        // needed, spread over every core (both run on this machine, beside whatever else it
        // runs: see the load average). A walk near this bound is short of CPU, not of calls.
        const cpuBound = (p.cpuMs + p.simulatorCpuMs) / os.cpus().length;
        f[`${k}.cpu_bound_ms`] = Math.round(cpuBound);
        f[`${k}.walk_vs_cpu_bound`] = round(p.walk / cpuBound);
      }
      if (p.walkCpu?.other !== undefined) {
        // The same, counted over the walk alone, with the bench's own recording proxy, which
        // every call passes through: the CPU each call cost on this machine, and the walk the
        // machine's cores allow for it (the lower bound above assumes calls cost none).
        const { command, bench, other } = p.walkCpu;
        f[`${k}.walk_cpu_ms`] = `xcpform=${Math.round(command)} simulator=${Math.round(other)} proxy=${Math.round(bench)}`;
        f[`${k}.walk_cpu_us_per_call`] = Math.round(((command + other + bench) * 1000) / p.calls);
        const walkCpuBound = (command + other + bench) / os.cpus().length;
        f[`${k}.walk_cpu_bound_ms`] = Math.round(walkCpuBound);
        f[`${k}.walk_vs_walk_cpu_bound`] = round(p.walk / walkCpuBound);
      }
    }
  }
  f.load_average_1m_at_end = round(os.loadavg()[0], 1);
  const [small, large] = SIZES;
  const s = runs.get(small)!;
  const l = runs.get(large)!;
  for (const phase of ['create', 'update', 'destroy']) {
    f[`${phase}.bytes_per_vm_ratio_${large}_vs_${small}`] = round((l[phase].bytes / large) / (s[phase].bytes / small));
    f[`${phase}.walk_per_vm_ratio_${large}_vs_${small}`] = round((l[phase].walk / large) / (s[phase].walk / small));
  }
  // Calls per change, by method, from the large run (the create of one VM with its disk and NIC).
  for (const phase of ['create', 'update', 'destroy']) {
    const methods = [...l[phase].methods].filter(([m]) => !isWorldRead(m) && !isSession(m)).sort(([a], [b]) => a.localeCompare(b));
    f[`${phase}.calls_per_vm_by_method`] = methods.map(([m, c]) => `${m}=${round(c / large)}`).join(' ');
  }
  const runsTf = new Map<number, Record<string, Phase>>();
  for (const n of TERRAFORM_VMS) {
    const tf = await terraformAt(n);
    runsTf.set(n, tf);
    // Compared per VM with xcpform at the same N when it ran at it, else at its larger N.
    const oursN = runs.has(n) ? n : large;
    const ours = runs.get(oursN)!;
    f[`terraform.n${n}.compared_with`] = `xcpform at ${oursN} VMs, per VM`;
    for (const phase of ['create', 'destroy']) {
      const t = tf[phase];
      const k = `terraform.n${n}.${phase}`;
      // terraform's figures include its refresh and plan; xcpform's the plan's refresh too, for a like comparison.
      const oursWall = ours[phase].wall + ours[`${phase}_plan`].wall;
      f[`${k}.wall_ms_per_vm`] = round(t.wall / n);
      f[`${k}.calls_per_vm`] = round(t.calls / n);
      f[`${k}.kb_read_per_vm`] = round(t.bytes / n / 1024, 1);
      f[`${k}.event_kb_per_vm_by_class`] = perVmKb(t.eventBytes, n);
      if (t.cpuMs !== undefined) f[`${k}.terraform_cpu_ms`] = Math.round(t.cpuMs);
      if (t.childrenCpuMs !== undefined) f[`${k}.provider_cpu_ms`] = Math.round(t.childrenCpuMs);
      f[`${k}.vs_xcpform_wall_per_vm_ratio`] = round((t.wall / n) / (oursWall / oursN));
    }
  }
  const [tfSmall, tfLarge] = TERRAFORM_VMS;
  if (tfLarge) {
    const a = runsTf.get(tfSmall)!;
    const b = runsTf.get(tfLarge)!;
    f[`terraform.create.wall_per_vm_ratio_${tfLarge}_vs_${tfSmall}`] = round((b.create.wall / tfLarge) / (a.create.wall / tfSmall));
    f[`terraform.create.bytes_per_vm_ratio_${tfLarge}_vs_${tfSmall}`] = round((b.create.bytes / tfLarge) / (a.create.bytes / tfSmall));
  }
  return f;
}

if (require.main === module) {
  benchApply().then((f) => { for (const [k, v] of Object.entries(f)) console.log(`${k}  ${v}`); }, (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
