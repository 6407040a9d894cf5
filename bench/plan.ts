/**
 * Planning at scale, without network: a `*.tf.json` configuration of N `xcp_network` instances
 * (`count`), a prior state of the same N instances, and refreshed records equal to the prior
 * state except for 1% (their MTU changed outside xcpform), through `loadConfig`,
 * `ConfigEvaluator` and `makePlan`. The ARCHITECTURE.md target: 100,000 instances in a few seconds,
 * memory linear in size. Each size runs in a fresh child process (`--expose-gc`) so its peak
 * RSS is its own; the ratio of memory per instance between the two sizes shows linearity.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConfigEvaluator, loadConfig } from '../src/config';
import { makePlan } from '../src/plan/planner';
import type { PriorResource } from '../src/plan/ports';
import { WorldSnapshot } from '../src/resources/snapshot';
import type { ObjectValue } from '../src/values/value';

const SIZES = [25_000, 100_000] as const;
const CHANGED_EVERY = 100; // 1%
const POOL = 'bench';
const CHILD_FLAG = '--plan-child';

/** Figures one child reports for one size. */
interface SizeFigures {
  readonly instances: number;
  readonly loadMs: number;
  readonly planMs: number;
  /** CPU time (user + system) of load and plan: less sensitive than wall time to a busy machine. */
  readonly cpuMs: number;
  readonly changes: number;
  readonly errors: number;
  /** Peak resident set of the child minus its RSS before building the inputs, MiB. */
  readonly peakRssMiB: number;
  /** Heap in use after planning (plan and inputs still referenced, after a GC), MiB. */
  readonly heapAfterMiB: number;
}

const uuidOf = (i: number): string => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

/** The state `xcp_network` read would give for instance `i` (see src/resources/network/read.ts). */
function networkAttributes(i: number, mtu: number): ObjectValue {
  return {
    id: uuidOf(i), uuid: uuidOf(i), pool: POOL,
    name_label: `net-${i}`, name_description: 'bench network', tags: ['bench'], other_config: {},
    mtu, managed: true, default_locking_mode: 'unlocked', purpose: [], automatic: false,
    bridge: `xapi${i}`, pifs: [], vifs: [],
  };
}

/** Builds the inputs, plans, and measures; runs inside the child process. */
async function planOnce(n: number): Promise<SizeFigures> {
  const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const rssBefore = process.memoryUsage().rss;
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-bench-plan-'));
  try {
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({
      resource: { xcp_network: { net: {
        count: n,
        name_label: 'net-${count.index}',
        name_description: 'bench network',
        tags: ['bench'],
        pool: POOL,
        mtu: 1500,
      } } },
    }, null, 2));
    const resources: PriorResource[] = [];
    const refreshed = new Map<string, ObjectValue | null>();
    for (let i = 0; i < n; i++) {
      const address = `xcp_network.net[${i}]`;
      const attributes = networkAttributes(i, 1500);
      resources.push({ address, mode: 'managed', type: 'xcp_network', name: 'net', index: i, providerConfig: 'xcp', attributes, dependencies: [] });
      refreshed.set(address, i % CHANGED_EVERY === 0 ? networkAttributes(i, 9000) : attributes);
    }
    const cpu0 = process.cpuUsage();
    let t0 = performance.now();
    const loaded = await loadConfig(dir, { cwd: dir });
    const config = new ConfigEvaluator(loaded.config);
    const loadMs = performance.now() - t0;
    t0 = performance.now();
    const plan = makePlan({
      config,
      prior: { lineage: 'bench', serial: 1, resources, outputs: {} },
      refreshed,
      world: new WorldSnapshot(),
      pools: [POOL],
      defaultPool: POOL,
      mode: 'normal',
    });
    const planMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const peak = process.resourceUsage().maxRSS * 1024;
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    const errors = [...loaded.diagnostics, ...plan.diagnostics].filter((d) => d.severity === 'error');
    if (errors.length) process.stderr.write(`bench plan: ${errors.slice(0, 3).map((d) => d.summary).join('; ')}\n`);
    return {
      instances: n,
      loadMs: Math.round(loadMs),
      planMs: Math.round(planMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      changes: plan.changes.filter((c) => c.action !== 'no-op' && c.action !== 'read').length,
      errors: errors.length,
      peakRssMiB: mib(peak - rssBefore),
      heapAfterMiB: mib(heapAfter),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one size in a fresh child process (same loader flags, plus --expose-gc). */
function inChild(n: number): Promise<SizeFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [CHILD_FLAG, String(n)], { execArgv: [...process.execArgv, '--expose-gc', '--max-old-space-size=8192'] });
    let result: SizeFigures | undefined;
    child.on('message', (m) => { result = m as SizeFigures; });
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`plan child for ${n} instances exited with ${code}`))));
  });
}

/** Runs the planning benchmark at each size and returns its figures. */
export async function benchPlan(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const bySize: SizeFigures[] = [];
  for (const n of SIZES) {
    const f = await inChild(n);
    bySize.push(f);
    const k = `${n / 1000}k`;
    figures[`plan_${k}_load_and_evaluator_ms`] = f.loadMs;
    figures[`plan_${k}_make_plan_ms`] = f.planMs;
    figures[`plan_${k}_total_ms`] = f.loadMs + f.planMs;
    figures[`plan_${k}_cpu_ms`] = f.cpuMs;
    figures[`plan_${k}_changes`] = f.changes;
    figures[`plan_${k}_errors`] = f.errors;
    figures[`plan_${k}_peak_rss_mib`] = f.peakRssMiB;
    figures[`plan_${k}_heap_after_mib`] = f.heapAfterMiB;
  }
  const [small, large] = bySize;
  const perInstance = (f: SizeFigures): number => f.peakRssMiB / f.instances;
  // 1.0 is perfectly linear; above 1 the large plan costs more memory per instance. Peak RSS
  // carries a fixed share (modules loaded during the first plan), so it reads sublinear; the
  // heap still in use after planning (plan and inputs) is the steadier measure.
  figures.peak_rss_per_instance_ratio_large_vs_small = Math.round((perInstance(large) / perInstance(small)) * 100) / 100;
  figures.heap_per_instance_ratio_large_vs_small = Math.round(((large.heapAfterMiB / large.instances) / (small.heapAfterMiB / small.instances)) * 100) / 100;
  figures.time_per_instance_ratio_large_vs_small = Math.round((((large.loadMs + large.planMs) / large.instances) / ((small.loadMs + small.planMs) / small.instances)) * 100) / 100;
  return figures;
}

if (process.argv[2] === CHILD_FLAG) {
  planOnce(Number(process.argv[3])).then(
    (f) => process.send!(f, () => process.exit(0)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else if (require.main === module) {
  benchPlan().then((f) => console.log(f), (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
