/**
 * Scheduler benchmark: makespan of critical-path-first (longest remaining path first) against
 * FIFO (Terraform's behaviour) on random cloudburst-shaped graphs, each divided by the lower
 * bound max(critical path, total work / parallelism). Runs the real scheduler in virtual time
 * (`simulateWalk`), so it measures scheduling quality, not the machine.
 *
 * Graph shapes follow the simulation in `reference/engines.md` §4: pools → hosts → SRs and
 * networks → VPN links → many VMs of varying durations, 5% of them long storage migrations
 * (limited to 3 concurrent per host). `burst` gates the migrations on a VPN link and cloud
 * storage and follows each with a short chain of dependents.
 */
import { Graph } from '../src/dag/graph';
import { Claim } from '../src/dag/scheduler';
import { makespanLowerBound, simulateWalk } from '../src/dag/simulate';
import { criticalPathLength } from '../src/dag/critical-path';
import { seededRandom } from '../src/simulator/faults';

type Shape = 'A' | 'burst';

interface Workload {
  readonly graph: Graph;
  readonly duration: Map<string, number>;
  readonly claims: Map<string, Claim[]>;
}

/** mulberry32 (the simulator's seeded generator), so every run builds the same graphs. */
const rng = seededRandom;

/** Builds one cloudburst-shaped workload of `total` vertices. */
export function cloudburstGraph(total: number, seed: number, shape: Shape = 'A'): Workload {
  const r = rng(seed);
  const uni = (lo: number, hi: number): number => lo + (hi - lo) * r();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const g = new Graph();
  const duration = new Map<string, number>();
  const claims = new Map<string, Claim[]>();
  // Random address prefixes: FIFO ties by id then behave like an arbitrary order, as in Terraform.
  let n = 0;
  const add = (kind: string, d: number, deps: readonly string[], claim: Claim[] = []): string => {
    const id = `${kind}.${Math.floor(r() * 1e8).toString(16).padStart(7, '0')}_${n++}`;
    g.addVertex(id);
    for (const x of deps) g.addDependency(id, x);
    duration.set(id, d);
    claims.set(id, claim);
    return id;
  };
  const pools = ['dc1', 'dc2', 'dc3', 'cloud1'].map((p) => ({ name: p, cloud: p.startsWith('cloud'), id: add('xcp_pool', uni(5, 10), []) }));
  const hosts = new Map<string, string[]>();
  const srs = new Map<string, string[]>();
  const nets = new Map<string, string[]>();
  for (const p of pools) {
    const hs = Array.from({ length: 8 }, () => add('xcp_host', p.cloud && shape === 'burst' ? uni(300, 600) : uni(60, 180), [p.id]));
    hosts.set(p.name, hs);
    srs.set(p.name, Array.from({ length: 6 }, () => add('xcp_sr', uni(30, 120), hs)));
    nets.set(p.name, Array.from({ length: 10 }, () => add('xcp_network', uni(10, 30), hs)));
  }
  const dcPools = pools.filter((p) => !p.cloud).map((p) => p.name);
  const vpns = Array.from({ length: 6 }, () =>
    add('xcp_vpn_link', uni(120, 300), [pick(nets.get(pick(dcPools))!), pick(nets.get('cloud1')!)]),
  );
  const recent = new Map<string, string[]>(pools.map((p) => [p.name, []]));
  while (n < total) {
    const p = pick(pools);
    const deps = [pick(srs.get(p.name)!), pick(nets.get(p.name)!)];
    if (r() < 0.5) deps.push(pick(nets.get(p.name)!));
    if (p.cloud && r() < 0.5) deps.push(pick(vpns), pick(nets.get(pick(dcPools))!));
    const prev = recent.get(p.name)!;
    if (prev.length && r() < 0.3) for (let k = 1 + Math.floor(r() * 3); k > 0; k--) deps.push(pick(prev.slice(-200)));
    if (r() < 0.05) {
      // A storage migration: long, and at most 3 at once per host.
      const host = pick(hosts.get(p.name)!);
      const claim = [{ kind: 'storage-migration', key: host }];
      if (shape === 'burst') {
        const m = add('xcp_vm_migrate', uni(1200, 3600), [...deps, pick(vpns), pick(srs.get('cloud1')!), pick(nets.get('cloud1')!)], claim);
        let last = m;
        for (let k = 2 + Math.floor(r() * 3); k > 0 && n < total; k--) last = add('xcp_vm', uni(20, 120), [last]);
        prev.push(last);
      } else prev.push(add('xcp_vm_migrate', uni(600, 3600), deps, claim));
    } else prev.push(add('xcp_vm', Math.min(240, 20 - 60 * Math.log(1 - r())), deps));
  }
  return { graph: g, duration, claims };
}

interface Scenario {
  readonly name: string;
  readonly nodes: number;
  readonly parallelism: number;
  readonly shape: Shape;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'A5000p10', nodes: 5000, parallelism: 10, shape: 'A' },
  { name: 'A1000p10', nodes: 1000, parallelism: 10, shape: 'A' },
  { name: 'burst5000p10', nodes: 5000, parallelism: 10, shape: 'burst' },
  { name: 'A5000p50', nodes: 5000, parallelism: 50, shape: 'A' },
];

const SEEDS = [1, 2, 3, 4, 5];

/**
 * Runs every scenario over the same seeds and reports, per scenario: mean and worst
 * makespan / lower bound for critical-path-first (`lrpf`) and FIFO, critical path / bound
 * (how much room there is to tell them apart), and graph size. `pass` is "yes" when the worst
 * LRPF ratio is within 1.05 in every scenario and LRPF never loses to FIFO on average.
 */
export async function benchScheduler(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  let pass = true;
  const t0 = Date.now();
  for (const s of SCENARIOS) {
    const lr: number[] = [];
    const ff: number[] = [];
    const cpr: number[] = [];
    let edges = 0;
    for (const seed of SEEDS) {
      const w = cloudburstGraph(s.nodes, seed, s.shape);
      const dur = (v: string): number => w.duration.get(v)!;
      const common = {
        parallelism: s.parallelism,
        duration: dur,
        limits: { 'storage-migration': 3 },
        claims: (v: string) => w.claims.get(v)!,
      };
      const lb = makespanLowerBound(w.graph, dur, s.parallelism);
      lr.push(simulateWalk(w.graph, { ...common, priority: 'critical-path' }).makespan / lb);
      ff.push(simulateWalk(w.graph, { ...common, priority: 'fifo' }).makespan / lb);
      cpr.push(criticalPathLength(w.graph, dur) / lb);
      edges += w.graph.edgeCount;
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const r3 = (x: number): number => Math.round(x * 1000) / 1000;
    out[`${s.name}.lrpf_mean`] = r3(mean(lr));
    out[`${s.name}.lrpf_worst`] = r3(Math.max(...lr));
    out[`${s.name}.fifo_mean`] = r3(mean(ff));
    out[`${s.name}.fifo_worst`] = r3(Math.max(...ff));
    out[`${s.name}.cp_over_lb`] = r3(mean(cpr));
    out[`${s.name}.edges_mean`] = Math.round(edges / SEEDS.length);
    if (Math.max(...lr) > 1.05 || mean(lr) > mean(ff)) pass = false;
  }
  out['scheduler.seeds'] = SEEDS.length;
  out['scheduler.target'] = 'lrpf_worst <= 1.05 and lrpf_mean <= fifo_mean';
  out['scheduler.pass'] = pass ? 'yes' : 'no';
  out['scheduler.seconds'] = Math.round((Date.now() - t0) / 100) / 10;
  return out;
}

if (require.main === module) {
  benchScheduler().then((r) => console.log(JSON.stringify(r, null, 2)));
}
