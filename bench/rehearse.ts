/**
 * Rehearsal at scale (issue 22): a plan of 1,000 VM creates (one disk, one NIC each) against a
 * pool served by the simulator in a child process with 2 ms of latency per call, measured two ways
 * in one run:
 * - as the user sees it (`rehearse-cmd.ts`): `xcpform plan -rehearse=false` and
 *   `xcpform plan -rehearse` as child processes, alternated; the time the rehearsal adds to the
 *   command against the plan command's own (the goal: at most 1x);
 * - in process (the engine calls `plan -rehearse` makes, configuration already loaded): the
 *   plan's wall time, the rehearsal's, their ratio, where the rehearsal's time went (load,
 *   apply, estimate, teardown), the calls the copy received and the estimated apply time.
 *
 * `BENCH_REHEARSE_VMS` changes the count, `BENCH_REHEARSE_PAIRS` the pairs of commands (0: none); `BENCH_REHEARSE_PROFILE=<file>` writes a CPU profile
 * of the rehearsal alone (a `.cpuprofile`, readable by Chrome's DevTools) and adds its CPU by
 * area: the rehearsal's own code (copy, transport, simulator), the apply code it shares with
 * the real apply, the XenAPI client, garbage collection.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { planWorkspace } from '../src/engine/plan';
import { Workspace } from '../src/engine/workspace';
import { rehearsePlan } from '../src/rehearsal/rehearse';
import { PASSWORD, servePool, USER } from './apply-run';
import { benchPlanCommands } from './rehearse-cmd';
import { profileShares, type CpuProfile } from './rehearse-profile';

const POOL = 'bench';
const LATENCY_MS = 2;
const VMS = Number(process.env.BENCH_REHEARSE_VMS ?? 1000);
/** Alternated pairs of plan commands (`rehearse-cmd.ts`); 0 leaves the commands out (e.g. while profiling). */
const PAIRS = Number(process.env.BENCH_REHEARSE_PAIRS ?? 3);

function config(url: string): string {
  return `provider "xcp" {
  pools = {
    ${POOL} = { url = "${url}", username = "${USER}", password = "${PASSWORD}" }
  }
}
resource "xcp_network" "n" {
  name_label = "bench-net"
}
resource "xcp_vm" "v" {
  count       = ${VMS}
  name_label  = "v\${count.index}"
  template    = "Debian Bookworm 12"
  power_state = "halted"
  disk { size = 10737418240 }
  nic { network = xcp_network.n.uuid }
}
`;
}

const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * Runs `fn` under the V8 sampling profiler when `file` is set, writing the profile there and
 * handing its shares by area (`rehearse-profile.ts`) to `shares`.
 */
async function profiled<T>(file: string | undefined, shares: (s: Record<string, number>) => void, fn: () => Promise<T>): Promise<T> {
  if (!file) return fn();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> => new Promise((resolve, reject) => {
    session.post(method, params, (err, res) => (err ? reject(err) : resolve(res)));
  });
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await post('Profiler.stop') as { profile: CpuProfile };
    writeFileSync(file, JSON.stringify(profile));
    shares(profileShares(profile));
    session.disconnect();
  }
}

export async function benchRehearse(): Promise<Record<string, number | string>> {
  const pool = await servePool(POOL, 4, LATENCY_MS);
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-bench-rehearse-'));
  try {
    writeFileSync(join(dir, 'main.tf'), config(pool.proxy.url));
    const inProcess = await benchInProcess(dir);
    // The commands after the in-process figures: same pool, same configuration, same folder.
    return PAIRS > 0 ? { ...inProcess, ...(await benchPlanCommands(dir, PAIRS)) } : inProcess;
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The plan and its rehearsal through the engine, in this process. */
async function benchInProcess(dir: string): Promise<Record<string, number | string>> {
  const { workspace: ws, diagnostics } = await Workspace.open({ dir, cwd: dir, env: { XCPFORM_REFRESH_CACHE: 'off' }, operation: 'OperationTypePlan' });
  if (!ws) throw new Error(`workspace: ${diagnostics.map((d) => d.summary).join('; ')}`);
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { plan } = await planWorkspace(ws, { mode: 'normal' });
    const planMs = performance.now() - t0;
    const planCpu = process.cpuUsage(cpu0);
    if (!plan || plan.errored) throw new Error(`plan failed: ${plan?.diagnostics.map((d) => d.summary).join('; ')}`);
    const cpu1 = process.cpuUsage();
    const t1 = performance.now();
    let shares: Record<string, number> = {};
    const { rehearsal: r, phases } = await profiled(process.env.BENCH_REHEARSE_PROFILE, (s) => { shares = s; }, () => rehearsePlan(ws, plan, { parallelism: 10 }));
    const rehearsalMs = performance.now() - t1;
    const rehearsalCpu = process.cpuUsage(cpu1);
    const ms = (c: NodeJS.CpuUsage): number => Math.round((c.user + c.system) / 1000);
    return {
      vms: VMS,
      latency_ms_per_call: LATENCY_MS,
      plan_ms: Math.round(planMs),
      rehearsal_ms: Math.round(rehearsalMs),
      rehearsal_vs_plan: round(rehearsalMs / planMs),
      // CPU of this process only (the pool's simulator runs in a child): steadier on a busy machine.
      plan_cpu_ms: ms(planCpu),
      rehearsal_cpu_ms: ms(rehearsalCpu),
      rehearsal_vs_plan_cpu: round(ms(rehearsalCpu) / Math.max(1, ms(planCpu))),
      rehearsal_load_ms: Math.round(phases.load),
      rehearsal_apply_ms: Math.round(phases.apply),
      rehearsal_estimate_ms: Math.round(phases.estimate),
      rehearsal_teardown_ms: Math.round(phases.teardown),
      rehearsal_ok: r.ok ? 'yes' : `no (${r.failures.length} failed; first: ${r.failures[0]?.address} ${r.failures[0]?.xapiError?.code ?? ''} ${r.failures[0]?.message})`,
      rehearsal_calls: r.pools.reduce((n, p) => n + p.calls, 0),
      rehearsal_ms_per_vm: round(rehearsalMs / VMS),
      rehearsal_us_per_call: Math.round((phases.apply * 1000) / Math.max(1, r.pools.reduce((n, p) => n + p.calls, 0))),
      estimated_apply_s: r.estimatedSeconds,
      // With BENCH_REHEARSE_PROFILE: the rehearsal's CPU by who owns the code (see rehearse-profile.ts).
      ...Object.fromEntries(Object.entries(shares).map(([k, v]) => [`profile_${k}_ms`, v])),
    };
  } finally {
    await ws.close();
  }
}
