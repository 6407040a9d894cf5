/**
 * Every crash point of an operation (issue 22). For a scenario, a clean run counts the K calls
 * that change the world and records what the pools then hold (the golden census); then, for each
 * chosen i in 1…K and each mode, on a fresh copy of the pools:
 *   1. the operation meets the fault at mutating call i (`kill`: the process is `kill -9`ed the
 *      moment call i arrives, and the call then acts; `drop`: the connection drops before call i
 *      acts; `fail`: call i and every later mutating call fail; `lose-reply`: call i acts and its
 *      reply is lost);
 *   2. with faults off the operation runs again (re-plan and re-apply);
 *   3. through XenAPI the pools must hold exactly what the clean run made: no duplicate, no
 *      orphan, nothing lost (`judge.ts`), and the next plan must be empty;
 *   4. a destroy must bring the pools back to how they were, object for object.
 * Reads are not crash points: a crash next to a read leaves the pools as a crash at the
 * neighbouring mutating call does.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PASSWORD, DEFAULT_USERNAME, startSimulator, type RunningSimulator } from '../../src/simulator';
import { crashPointRule, type CrashFault } from '../../src/simulator/faults';
import { readState } from '../helpers/crash-processes';
import { objectDifferences, takeCensus, type Census, type PoolAccess } from './census';
import type { Front, Op, RunResult } from './fronts';
import { judge, type Verdict } from './judge';
import type { Scenario } from './scenarios';

export type Mode = 'kill' | CrashFault;
export const MODES: readonly Mode[] = ['kill', 'drop', 'fail', 'lose-reply'];

export interface PointResult {
  readonly mode: Mode;
  readonly index: number;
  /** Whether the faulted run reached call `index` (a run may make fewer calls than the count). */
  readonly reached: boolean;
  readonly faultedCode: number;
  readonly recoveryCode: number;
  /** Exit code of the plan after recovery (0: empty). */
  readonly planCode: number;
  readonly verdict: Verdict;
  /** What a destroy after recovery left different from the pools before. */
  readonly notRestored: string[];
  readonly converged: boolean;
  /** Output of the failing runs, for the report of a failure. */
  readonly detail: string;
}

export interface ScenarioRun {
  readonly scenario: string;
  readonly front: string;
  /** Mutating calls of the clean run, and how many of each method. */
  readonly k: number;
  readonly methods: ReadonlyMap<string, number>;
  readonly points: PointResult[];
  readonly seconds: number;
}

export interface PointChoice {
  /** Every k-th call from the first (default 1: all). */
  readonly every?: number;
  /** At most this many points per mode, spread evenly over the chosen ones. */
  readonly limit?: number;
  /** Exactly these calls (those beyond K are dropped). */
  readonly at?: readonly number[];
}

/** The calls to try among 1…k. */
export function choosePoints(k: number, choice: PointChoice): number[] {
  let points = choice.at ? [...new Set(choice.at)].filter((i) => i >= 1 && i <= k).sort((a, b) => a - b) : [];
  if (!choice.at) for (let i = 1; i <= k; i += Math.max(1, Math.floor(choice.every ?? 1))) points.push(i);
  const limit = choice.limit;
  if (limit !== undefined && points.length > limit) {
    const all = points;
    points = limit <= 1 ? [all[0]] : [...new Set(Array.from({ length: limit }, (_, j) => all[Math.round((j * (all.length - 1)) / (limit - 1))]))];
  }
  return points;
}

interface Template {
  /** The simulator state file holding the pools after the setup (setup scenarios). */
  readonly worldFile?: string;
  /** The state file after the setup. */
  readonly tfstate?: string;
  /** The pools before anything was made (setup scenarios; else each point reads its own). */
  readonly bootstrap?: Census;
}

interface Bench {
  readonly sim: RunningSimulator;
  readonly pools: PoolAccess[];
  readonly dir: string;
  readonly baseline: Census;
}

export class CrashPoints {
  private readonly scratch = mkdtempSync(join(tmpdir(), 'xcpform-crashpoints-'));
  private template: Template = {};

  constructor(
    private readonly scenario: Scenario,
    private readonly front: Front,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  dispose(): void {
    rmSync(this.scratch, { recursive: true, force: true });
  }

  /** A fresh copy of the pools and a working folder holding the configuration (and the setup's state). */
  private async bench(): Promise<Bench> {
    let sim: RunningSimulator;
    if (this.template.worldFile) {
      const copy = join(mkdtempSync(join(this.scratch, 'world-')), 'world.json');
      copyFileSync(this.template.worldFile, copy);
      sim = await startSimulator({ stateFile: copy, autosave: false });
    } else {
      sim = await startSimulator({ pools: [...this.scenario.pools] });
    }
    const pools = sim.pools.map((p) => ({ name: p.name, url: p.url, username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD }));
    const dir = mkdtempSync(join(this.scratch, 'run-'));
    writeFileSync(join(dir, 'main.tf'), this.scenario.config(pools));
    if (this.template.tfstate !== undefined) writeFileSync(join(dir, 'terraform.tfstate'), this.template.tfstate, { mode: 0o600 });
    const baseline = this.template.bootstrap ?? (await takeCensus(pools));
    return { sim, pools, dir, baseline };
  }

  private async release(b: Bench): Promise<void> {
    await b.sim.close();
    rmSync(b.dir, { recursive: true, force: true });
  }

  private async run(b: Bench, op: Op, killAt?: number): Promise<RunResult> {
    return this.front.run(b.dir, op, { world: b.sim.world, killAt });
  }

  /** The setup (setup scenarios), then the clean run: K, the methods, the golden census. */
  async count(): Promise<{ k: number; methods: Map<string, number>; calls: string[]; golden: Census }> {
    if (this.scenario.setup) {
      const worldFile = join(this.scratch, 'setup-world.json');
      const sim = await startSimulator({ pools: [...this.scenario.pools], stateFile: worldFile, autosave: false });
      const pools = sim.pools.map((p) => ({ name: p.name, url: p.url, username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD }));
      const dir = mkdtempSync(join(this.scratch, 'setup-'));
      try {
        const bootstrap = await takeCensus(pools);
        writeFileSync(join(dir, 'main.tf'), this.scenario.config(pools));
        const setup = await this.front.run(dir, 'apply');
        if (setup.code !== 0) throw new Error(`${this.scenario.name}: the setup apply failed:\n${setup.output}`);
        await sim.close();
        this.template = { worldFile, tfstate: readFileSync(join(dir, 'terraform.tfstate'), 'utf8'), bootstrap };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const b = await this.bench();
    try {
      const methods = new Map<string, number>();
      const calls: string[] = [];
      b.sim.world.faults.clear();
      const stop = b.sim.world.faults.observe((c) => {
        if (!c.mutating) return;
        methods.set(c.method, (methods.get(c.method) ?? 0) + 1);
        calls.push(c.method);
      });
      const clean = await this.run(b, this.scenario.op);
      stop();
      const k = b.sim.world.faults.mutatingCalls;
      if (clean.code !== 0) throw new Error(`${this.scenario.name}: the clean ${this.scenario.op} failed:\n${clean.output}`);
      const plan = await this.run(b, this.scenario.emptyPlan);
      if (plan.code !== 0) throw new Error(`${this.scenario.name}: the plan after a clean ${this.scenario.op} is not empty:\n${plan.output}`);
      return { k, methods, calls, golden: await takeCensus(b.pools, b.baseline) };
    } finally {
      await this.release(b);
    }
  }

  /** One crash point: the fault, the recovery, the checks. */
  async point(mode: Mode, index: number, golden: Census): Promise<PointResult> {
    const b = await this.bench();
    const detail: string[] = [];
    try {
      const faults = b.sim.world.faults;
      faults.clear();
      if (mode !== 'kill') faults.add(crashPointRule(mode, index));
      const faulted = await this.run(b, this.scenario.op, mode === 'kill' ? index : undefined);
      const reached = faults.mutatingCalls >= index;
      faults.clear();
      const recovery = await this.run(b, this.scenario.op);
      if (recovery.code !== 0) detail.push(`recovery ${this.scenario.op} exited ${recovery.code}:\n${tail(recovery.output)}\nfaulted run (exit ${faulted.code}${faulted.killed ? ', killed' : ''}):\n${tail(faulted.output)}`);
      const plan = await this.run(b, this.scenario.emptyPlan);
      if (plan.code !== 0) detail.push(`plan after recovery exited ${plan.code}:\n${tail(plan.output)}`);
      const got = await takeCensus(b.pools, b.baseline);
      const verdict = judge(golden, got, readState(b.dir).uuids, { placedAtApply: this.front.name === 'terraform' });
      let notRestored: string[] = [];
      if (this.scenario.destroyAfter) {
        const destroy = await this.run(b, 'destroy');
        if (destroy.code !== 0) detail.push(`destroy after recovery exited ${destroy.code}:\n${tail(destroy.output)}`);
        notRestored = objectDifferences(b.baseline, await takeCensus(b.pools, b.baseline));
        if (destroy.code !== 0 && notRestored.length === 0) notRestored = [`destroy exited ${destroy.code}`];
      }
      const converged = recovery.code === 0 && plan.code === 0 && verdict.duplicates.length + verdict.orphans.length + verdict.lost.length + notRestored.length === 0;
      return { mode, index, reached, faultedCode: faulted.code, recoveryCode: recovery.code, planCode: plan.code, verdict, notRestored, converged, detail: detail.join('\n') };
    } finally {
      await this.release(b);
    }
  }

  /** Counts, then tries the chosen points of every mode. */
  async runAll(modes: readonly Mode[], choice: PointChoice): Promise<ScenarioRun> {
    const started = Date.now();
    const { k, methods, golden } = await this.count();
    const points = choosePoints(k, choice);
    this.log(`${this.front.name} ${this.scenario.name}: K = ${k} mutating calls; trying ${points.length} point(s) × ${modes.length} mode(s)`);
    const results: PointResult[] = [];
    for (const mode of modes) {
      for (const index of points) {
        const r = await this.point(mode, index, golden);
        results.push(r);
        this.log(`  ${mode}@${index}: ${r.converged ? 'converged' : `FAILED${describeFailure(r)}`}${r.reached ? '' : ' (not reached)'}`);
      }
    }
    return { scenario: this.scenario.name, front: this.front.name, k, methods, points: results, seconds: (Date.now() - started) / 1000 };
  }
}

export function describeFailure(r: PointResult): string {
  const parts = [
    ...r.verdict.duplicates.map((d) => `\n    duplicate ${d}`),
    ...r.verdict.orphans.map((d) => `\n    orphan ${d}`),
    ...r.verdict.lost.map((d) => `\n    lost ${d}`),
    ...r.notRestored.map((d) => `\n    not restored ${d}`),
  ];
  if (r.detail) parts.push(`\n    ${r.detail.split('\n').join('\n    ')}`);
  return parts.join('');
}

function tail(text: string, lines = 25): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
