/**
 * The processes of the apply bench: the simulator served by a child process with latency on
 * every call, a recording proxy in front of it, and xcpform or terraform runs (child processes,
 * as a user runs them) in a working folder whose provider block points at the proxy.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { startSimulator } from '../src/simulator';
import { saveWorld } from '../src/simulator/persistence';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

export const USER = 'root';
export const PASSWORD = 'bench-apply-pw';

/**
 * Extra Node.js options for the xcpform and simulator processes (env BENCH_APPLY_NODE_ARGS,
 * space-separated), e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them: Node refuses
 * `--cpu-prof` in NODE_OPTIONS.
 */
const NODE_ARGS = (process.env.BENCH_APPLY_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** bin/<name> of this checkout (bench/*.ts under ts-node, dist/bench/*.js compiled). */
export function binPath(name: string): string {
  for (const up of [['..'], ['..', '..']]) {
    const p = path.resolve(__dirname, ...up, 'bin', name);
    if (existsSync(p)) return p;
  }
  throw new Error(`bench apply: bin/${name} not found`);
}

export interface ServedPool {
  readonly proxy: RecordingProxy;
  /** CPU time (ms) the simulator's process has used so far; undefined where /proc is not readable. */
  cpuMs(): number | undefined;
  close(): Promise<void>;
}

/**
 * A world whose shared NFS SR (the pool's default) holds `bytes`: 1,000 VMs with the template's
 * 10 GiB disk need 10 TB, more than the simulator's seed gives it. Saved to a file for the child.
 */
async function worldFile(pool: string, hosts: number, bytes: number, dir: string): Promise<string> {
  const file = path.join(dir, 'world.json');
  const local = await startSimulator({ pools: [{ name: pool, hosts }] });
  try {
    const db = local.world.pool(pool).db;
    for (const [ref, sr] of db.all('SR')) if (sr.type === 'nfs') db.set('SR', ref, 'physical_size', bytes);
    await saveWorld(local.world, file);
  } finally {
    await local.close();
  }
  return file;
}

/** `xcpform simulator` in a child process with `latencyMs` per call, behind a recording proxy. */
export async function servePool(pool: string, hosts: number, latencyMs: number, srBytes = 2 ** 50): Promise<ServedPool> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xcpform-bench-world-'));
  const file = await worldFile(pool, hosts, srBytes, dir);
  const child = spawn(process.execPath, [...NODE_ARGS, binPath('xcpform.js'), 'simulator', '--pools', `${pool}:${hosts}`, '--port', '0', '--state', file, '--no-autosave',
    '--user', USER, '--password', PASSWORD, '--latency-ms', String(latencyMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (t: string) => { if (stderr.length < 10_000) stderr += t; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    let found: string | undefined;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^pool (\S+) (\S+)$/.exec(line);
      if (m && m[1] === pool) found = m[2];
      if (line === 'ready') (found ? resolve(found) : reject(new Error(`bench apply: no pool ${pool}`)));
    });
    child.once('exit', (code, signal) => reject(new Error(`bench apply: the simulator exited (${code ?? signal}): ${stderr.trim()}`)));
  }).catch(async (err) => { await stop(); throw err; });
  const proxy = await startRecordingProxy(url);
  return { proxy, cpuMs: () => cpuMsOf(child.pid), close: async () => { await proxy.close(); await stop(); } };
}

/**
 * Times of one run (ms); `walkFrom`/`walkTo` are `performance.now()` of this process, as the
 * proxy's spans; `cpuMs` the CPU time of the process (sampled until it exits; Linux only).
 */
export interface RunTimes {
  wall: number; walk: number; walkFrom: number; walkTo: number; cpuMs?: number;
  /** CPU time of the processes it started (terraform's provider plugin), ms. */
  childrenCpuMs?: number;
  /**
   * CPU spent during the walk alone (ms): by the command's process, by this process (the
   * recording proxy) and by whatever `walkCpu` of {@link BenchFolder.run} measures (the
   * simulator's process). Linux only.
   */
  walkCpu?: { command: number; bench: number; other?: number };
}

/** Pids of the processes descending from `root` (from /proc; empty elsewhere). */
function descendants(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const parent = new Map<number, number>();
  for (const d of entries) {
    try {
      parent.set(Number(d), Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) { out.push(pid); break; }
    }
  }
  return out;
}

/** User + system CPU time of a process in ms, from /proc (undefined elsewhere or once it exited). */
export function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on Linux everywhere this bench runs. */
const CLOCK_TICKS = 100;

/** A working folder for one tool; removed by `close`. */
export class BenchFolder {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'xcpform-bench-apply-'));
  readonly dir = path.join(this.root, 'work');
  private readonly env: NodeJS.ProcessEnv;

  constructor() {
    mkdirSync(this.dir);
    const plugins = path.join(this.root, 'plugins');
    mkdirSync(plugins);
    const wrapper = path.join(plugins, 'terraform-provider-xcp');
    writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${binPath('terraform-provider-xcp.js')}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    const rc = path.join(this.root, 'cli.tfrc');
    writeFileSync(rc, `provider_installation {\n  dev_overrides { "registry.terraform.io/xcpform/xcp" = "${plugins}" }\n  direct {}\n}\n`);
    this.env = { ...process.env, NO_COLOR: '1', TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
    delete this.env.TF_LOG;
  }

  write(mainTf: string): void {
    writeFileSync(path.join(this.dir, 'main.tf'), mainTf);
  }

  /**
   * Runs a command to its end; fails with its output unless it exits 0. Returns the wall time of
   * the process and of its walk: from its first progress line (`...: Creating...`) to its
   * summary (`Apply complete!`), which leaves out starting Node, loading the configuration and
   * the provider's handshake.
   */
  async run(command: string, args: string[], walkCpu?: () => number | undefined): Promise<RunTimes> {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: this.dir, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let cpuMs: number | undefined;
    const children = new Map<number, number>();
    let sampled = 0;
    const sampler = setInterval(() => {
      cpuMs = cpuMsOf(child.pid) ?? cpuMs;
      // The process tree every 500 ms only: walking /proc costs CPU the bench measures.
      if (child.pid === undefined || ++sampled % 10) return;
      for (const pid of descendants(child.pid)) children.set(pid, cpuMsOf(pid) ?? children.get(pid) ?? 0);
    }, 50);
    // The output's tail, for a failure's message: the last lines kept, joined only then (a copy
    // of the whole tail per line took the bench process's CPU, on the cores the run shares).
    const tail: string[] = [];
    const keep = (text: string): void => { tail.push(text); if (tail.length > 400) tail.splice(0, tail.length - 200); };
    const output = (): string => tail.join('').slice(-20_000);
    let first: number | undefined;
    let last: number | undefined;
    // CPU of the command, of this process and of the other one measured, when the walk begins and ends.
    const cpuNow = (): [number | undefined, number, number | undefined] => {
      const own = process.cpuUsage();
      return [cpuMsOf(child.pid), (own.user + own.system) / 1000, walkCpu?.()];
    };
    let cpuAtFirst: ReturnType<typeof cpuNow> | undefined;
    let cpuAtLast: ReturnType<typeof cpuNow> | undefined;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(`${line}\n`);
      if (first === undefined && /: (Creating|Modifying|Destroying)\.\.\./.test(line)) { first = performance.now(); cpuAtFirst = cpuNow(); }
      if (/(Apply|Destroy) complete!/.test(line)) { last = performance.now(); cpuAtLast = cpuNow(); }
    });
    child.stderr!.setEncoding('utf8').on('data', (t: string) => keep(t));
    const code = await new Promise<number>((resolve) => child.once('close', (c) => resolve(c ?? -1)));
    clearInterval(sampler);
    if (code !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} exited ${code}:\n${output().slice(-4000)}`);
    const end = performance.now();
    const childrenCpuMs = [...children.values()].reduce((a, b) => a + b, 0);
    const [c0, b0, o0] = cpuAtFirst ?? [];
    const [c1, b1, o1] = cpuAtLast ?? [];
    const walkCpuMs = c0 !== undefined && c1 !== undefined && b0 !== undefined && b1 !== undefined
      ? { command: c1 - c0, bench: b1 - b0, ...(o0 !== undefined && o1 !== undefined ? { other: o1 - o0 } : {}) } : undefined;
    return {
      wall: end - t0, walk: (last ?? end) - (first ?? t0), walkFrom: first ?? t0, walkTo: last ?? end,
      ...(cpuMs === undefined ? {} : { cpuMs }), ...(children.size ? { childrenCpuMs } : {}),
      ...(walkCpuMs ? { walkCpu: walkCpuMs } : {}),
    };
  }

  xcpform(args: string[], walkCpu?: () => number | undefined): Promise<RunTimes> {
    return this.run(process.execPath, [...NODE_ARGS, binPath('xcpform.js'), ...args], walkCpu);
  }

  terraform(args: string[]): Promise<RunTimes> {
    return this.run('terraform', args);
  }

  close(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
