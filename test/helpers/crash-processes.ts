/**
 * Processes for the executor's crash, fault, lock and interrupt tests: the simulator as its own
 * process (so `kill -9` of xcpform leaves the pools alive), xcpform runs that can be killed or
 * interrupted at a chosen line of their output, and an inventory of what the pools hold, read
 * through the XenAPI client (objects by their `xcpform:address` key) and from the state file.
 *
 * Nothing here sleeps: every wait is on a process's output or exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeStateV4 } from '../../src/state/file-v4';
import { XapiClient, type XapiClass } from '../../src/xenapi';
import { ROOT, type CliResult } from './cli';

const BIN = join(ROOT, 'bin', 'xcpform.js');

export const SIM_USER = 'root';
export const SIM_PASSWORD = 'crash-test-pw';

export interface SimProcess {
  readonly child: ChildProcess;
  /** Pool name → base URL. */
  readonly urls: ReadonlyMap<string, string>;
  /** SIGTERM, then waits for the exit (the world is saved on the way out). */
  stop(): Promise<void>;
}

/** Starts `xcpform simulator` and resolves once it printed `ready`. */
export function startSimProcess(opts: { pools: string; stateFile?: string; faultRate?: number; seed?: number; latencyMs?: number }): Promise<SimProcess> {
  const args = [BIN, 'simulator', '--pools', opts.pools, '--port', '0', '--user', SIM_USER, '--password', SIM_PASSWORD];
  if (opts.latencyMs !== undefined) args.push('--latency-ms', String(opts.latencyMs));
  if (opts.stateFile) args.push('--state', opts.stateFile);
  if (opts.faultRate !== undefined) args.push('--fault-rate', String(opts.faultRate), '--seed', String(opts.seed ?? 1));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const urls = new Map<string, string>();
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      for (const line of out.split('\n')) {
        const m = /^pool (\S+) (\S+)$/.exec(line.trim());
        if (m) urls.set(m[1], m[2]);
      }
      if (/^ready$/m.test(out)) {
        resolve({
          child,
          urls,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}) before ready: ${err}${out}`)));
  });
}

/** A provider block pointing at the simulator process's pools. */
export function providerBlock(urls: ReadonlyMap<string, string>): string {
  const pools = [...urls].map(([name, url]) => `    ${name} = { url = "${url}", username = "${SIM_USER}", password = "${SIM_PASSWORD}" }`);
  return `provider "xcp" {\n  pools = {\n${pools.join('\n')}\n  }\n}\n`;
}

export interface CliRun {
  readonly child: ChildProcess;
  /** Resolves with the exit (code -1 and the signal when killed). */
  readonly done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
  /** Resolves when stdout has `count` lines matching `re` (rejects if the process ends first). */
  waitFor(re: RegExp, count?: number): Promise<void>;
  stdout(): string;
}

/** Runs xcpform asynchronously (the simulator of a test may live in the test's own process). */
export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string>; stdin?: boolean }): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', ...opts.env }, stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { re: RegExp; count: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      const n = stdout.split('\n').filter((l) => w.re.test(l)).length;
      if (n >= w.count) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
    }
  };
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); check(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`xcpform ended before ${w.count} × ${w.re}:\n${stdout}\n${stderr}`));
      resolve({ code: code ?? -1, signal, stdout, stderr });
    });
  });
  return {
    child,
    done,
    stdout: () => stdout,
    waitFor: (re, count = 1) => new Promise<void>((resolve, reject) => { waiters.push({ re, count, resolve, reject }); check(); }),
  };
}

/** Runs xcpform to its end. */
export function cli(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return runCli(args, opts).done;
}

/** Every object of the given classes carrying `xcpform:address`, by address → UUIDs (and lineage). */
export interface Inventory {
  readonly byAddress: Map<string, { uuid: string; cls: XapiClass; lineage?: string }[]>;
  /** Objects named like the test's (`names`) that carry no address: orphans adoption cannot see. */
  readonly untagged: string[];
}

export async function inventory(url: string, names: RegExp, classes: readonly XapiClass[] = ['network', 'VDI', 'VM']): Promise<Inventory> {
  const client = new XapiClient({ url, credentials: { username: SIM_USER, password: SIM_PASSWORD } });
  await client.login();
  const byAddress = new Map<string, { uuid: string; cls: XapiClass; lineage?: string }[]>();
  const untagged: string[] = [];
  try {
    for (const cls of classes) {
      const recs = await client.getAllRecords(cls);
      for (const rec of recs.values()) {
        const r = rec as { uuid: string; name_label: string; other_config?: Record<string, string>; is_a_snapshot?: boolean };
        const address = r.other_config?.['xcpform:address'];
        if (!address && names.test(r.name_label)) untagged.push(`${cls} ${r.name_label} ${r.uuid}`);
        if (!address || r.is_a_snapshot) continue;
        const list = byAddress.get(address) ?? [];
        list.push({ uuid: r.uuid, cls, lineage: r.other_config?.['xcpform:lineage'] });
        byAddress.set(address, list);
      }
    }
  } finally {
    await client.close().catch(() => undefined);
  }
  return { byAddress, untagged };
}

/** The decoded state of a folder: lineage, serial and address → uuid of every instance. */
export function readState(dir: string): { lineage: string; serial: number; uuids: Map<string, string> } {
  const path = join(dir, 'terraform.tfstate');
  if (!existsSync(path)) return { lineage: '', serial: 0, uuids: new Map() };
  const decoded = decodeStateV4(readFileSync(path, 'utf8'), path);
  if (!decoded.state) throw new Error(`state does not parse: ${JSON.stringify(decoded.diagnostics)}`);
  const s = decoded.state;
  const uuids = new Map<string, string>();
  for (const r of s.resources) {
    for (const i of r.instances) {
      const key = i.indexKey === undefined ? '' : typeof i.indexKey === 'number' ? `[${i.indexKey}]` : `[${JSON.stringify(i.indexKey)}]`;
      uuids.set(`${r.type}.${r.name}${key}`, String((i.attributes as Record<string, unknown>).uuid));
    }
  }
  return { lineage: s.lineage, serial: s.serial, uuids };
}
