/**
 * Apply at scale (issue 17): N VMs, each with one disk and one NIC on a shared network, applied
 * by `xcpform apply` (a child process, parallelism 10) to a pool served by the simulator in
 * another child process with 2 ms of latency per call, through a recording proxy that counts
 * the XenAPI calls and the bytes of their replies. N = 100 and 1,000 in one run:
 * - create, update (a new description on every VM) and destroy, each applied from a saved plan
 *   so only the apply is measured (the plan's own refresh is reported apart);
 * - bytes and wall per VM at 1,000 against 100 (linear: ratio ~1);
 * - wall against a lower bound: calls × latency ÷ parallelism;
 * - calls per VM by kind: the changes' own calls, and the calls that keep the apply's live world
 *   current (`get_all_records`, `event.from`), which do not grow with N per VM.
 * Beside it the same VMs applied by real terraform through terraform-provider-xcp, as a ratio
 * (N of its own: see TERRAFORM_VMS).
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
 * VMs of the terraform comparison (env BENCH_TF_VMS; 0 skips it). 100, not 1,000: terraform
 * walks its graph with one provider RPC per resource and step, and 1,000 VMs took longer than
 * the whole bench should; the ratio is per VM against xcpform at the same N.
 */
const TERRAFORM_VMS = Number(process.env.BENCH_TF_VMS ?? 100);

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
  /** CPU time of the xcpform (or terraform) process and of the simulator's, ms. */
  cpuMs?: number; simulatorCpuMs?: number;
}

function measure(proxy: RecordingProxy, { wall, walk, walkFrom, walkTo, cpuMs }: RunTimes, simulatorCpuMs?: number): Phase {
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
    ...(simulatorCpuMs === undefined ? {} : { simulatorCpuMs }),
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
      const wall = await folder.xcpform(['apply', '--parallelism', String(PARALLELISM), 'bench.plan']);
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
      const bound = (p.calls * LATENCY_MS) / PARALLELISM;
      f[`${k}.lower_bound_ms`] = Math.round(bound);
      f[`${k}.walk_vs_lower_bound`] = round(p.walk / bound);
      f[`${k}.calls_in_flight_mean`] = round(p.spent.meanInFlight, 1);
      f[`${k}.call_ms_mean`] = round(p.spent.meanCallMs);
      f[`${k}.no_call_in_flight_ms`] = Math.round(p.spent.noCallMs);
      f[`${k}.catch_up_in_flight_ms`] = Math.round(p.spent.catchUpMs);
      if (p.cpuMs !== undefined) f[`${k}.xcpform_cpu_ms`] = Math.round(p.cpuMs);
      if (p.simulatorCpuMs !== undefined) f[`${k}.simulator_cpu_ms`] = Math.round(p.simulatorCpuMs);
      if (p.cpuMs !== undefined && p.simulatorCpuMs !== undefined) {
        // A second bound: the CPU the apply and the simulator needed, spread over every core
        // (both run on this machine, beside whatever else it runs: see the load average).
        const cpuBound = (p.cpuMs + p.simulatorCpuMs) / os.cpus().length;
        f[`${k}.lower_bound_cpu_ms`] = Math.round(cpuBound);
        f[`${k}.walk_vs_larger_lower_bound`] = round(p.walk / Math.max(bound, cpuBound));
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
  if (TERRAFORM_VMS > 0) {
    const tf = await terraformAt(TERRAFORM_VMS);
    f.terraform_vms = `${TERRAFORM_VMS} (smaller than 1,000 to keep the bench short; compared per VM with xcpform at ${runs.has(TERRAFORM_VMS) ? TERRAFORM_VMS : large})`;
    const ours = runs.get(TERRAFORM_VMS) ?? l;
    const oursN = runs.has(TERRAFORM_VMS) ? TERRAFORM_VMS : large;
    for (const phase of ['create', 'destroy']) {
      // terraform's figures include its refresh and plan; xcpform's the plan's refresh too, for a like comparison.
      const oursWall = ours[phase].wall + ours[`${phase}_plan`].wall;
      f[`terraform.${phase}.wall_ms_per_vm`] = round(tf[phase].wall / TERRAFORM_VMS);
      f[`terraform.${phase}.calls_per_vm`] = round(tf[phase].calls / TERRAFORM_VMS);
      f[`terraform.${phase}.kb_read_per_vm`] = round(tf[phase].bytes / TERRAFORM_VMS / 1024, 1);
      f[`terraform_vs_xcpform.${phase}.wall_per_vm_ratio`] = round((tf[phase].wall / TERRAFORM_VMS) / (oursWall / oursN));
    }
  }
  return f;
}

if (require.main === module) {
  benchApply().then((f) => { for (const [k, v] of Object.entries(f)) console.log(`${k}  ${v}`); }, (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
