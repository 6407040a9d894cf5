/**
 * `xcpform simulator`: serves the embedded multi-pool XAPI simulator until SIGINT/SIGTERM,
 * saving the world to `--state` on the way out. Prints `pool <name> <url>` per pool, then
 * `ready`, so scripts can wait for the last line. The password to accept can come from a file
 * or the environment (a command-line argument is visible in `ps`); listening beyond loopback
 * with the default credentials is warned about.
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { DEFAULT_PASSWORD, DEFAULT_USERNAME, PoolSpec, startSimulator, type FaultRule } from '../../simulator';
import { parseFaultSpec } from '../../simulator/faults';

/** `dc1:2,cloud1:2` → pool specs. */
export function parsePools(text: string): PoolSpec[] {
  const pools = text.split(',').filter((s) => s.trim() !== '').map((item) => {
    const m = /^([A-Za-z0-9][A-Za-z0-9_.-]*)(?::(\d+))?$/.exec(item.trim());
    if (!m) throw new InvalidArgumentError(`"${item}" is not NAME or NAME:HOSTS`);
    const hosts = m[2] === undefined ? 2 : Number(m[2]);
    if (hosts < 1 || hosts > 64) throw new InvalidArgumentError(`pool ${m[1]} needs 1 to 64 hosts`);
    return { name: m[1], hosts };
  });
  if (pools.length === 0) throw new InvalidArgumentError('at least one pool is needed');
  return pools;
}

function number(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}`);
    return n;
  };
}

/** Environment variable holding the password to accept (kept out of `ps`, unlike --password). */
export const PASSWORD_ENV = 'XCPFORM_SIMULATOR_PASSWORD';

/** Environment variable holding fault specs separated by commas, added to those of --fault. */
export const FAULTS_ENV = 'XCPFORM_SIMULATOR_FAULTS';

/** Collects repeated --fault options. */
function faultSpec(text: string, previous: FaultRule[] = []): FaultRule[] {
  try {
    return [...previous, parseFaultSpec(text)];
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/** Whether `bind` only accepts connections from this machine. */
export function isLoopback(bind: string): boolean {
  return bind === 'localhost' || /^127\./.test(bind) || bind === '::1' || bind === '[::1]';
}

/**
 * The password to accept: --password-file (first line), then --password, then the environment;
 * undefined for the default. A file that cannot be read is an error, not a silent default.
 */
export function resolvePassword(opts: { password?: string; passwordFile?: string }, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (opts.passwordFile !== undefined) {
    const first = readFileSync(opts.passwordFile, 'utf8').split(/\r?\n/)[0];
    if (!first) throw new Error(`the password file ${opts.passwordFile} is empty`);
    return first;
  }
  return opts.password ?? (env[PASSWORD_ENV] || undefined);
}

interface Options {
  pools?: PoolSpec[];
  bind: string;
  port: number;
  state?: string;
  user?: string;
  password?: string;
  passwordFile?: string;
  latencyMs?: number;
  autosave?: boolean;
  faultRate?: number;
  seed?: number;
  fault?: FaultRule[];
}

/** Resolves when the process is asked to stop. Overridable for tests. */
export let waitForStop = (): Promise<string> =>
  new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });

export function setWaitForStop(fn: () => Promise<string>): void {
  waitForStop = fn;
}

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  program
    .command('simulator')
    .description(`serve simulated XCP pools over XenAPI (XML-RPC and JSON-RPC) until interrupted; log in as ${DEFAULT_USERNAME} / ${DEFAULT_PASSWORD} unless --user/--password are given`)
    .option('--pools <list>', 'pools to create, NAME:HOSTS separated by commas (default dc1:2,cloud1:2)', parsePools)
    .option('--bind <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'first port; pool N gets port+N (0 = free ports)', number(0, 65535), 0)
    .option('--state <file>', 'load the world from FILE and save it there (atomic, mode 0600)')
    .option('--user <name>', 'user name to accept')
    .option('--password <password>', `password to accept (never printed; visible to other users in ps: prefer --password-file or ${PASSWORD_ENV})`)
    .option('--password-file <file>', 'read the password to accept from the first line of FILE')
    .option('--latency-ms <n>', 'latency added to every call', number(0, 600000))
    .option('--no-autosave', 'with --state: save only when stopped, not after every change')
    .option('--fault-rate <p>', 'probability of a transient fault per call', number(0, 1))
    .option('--seed <n>', 'seed of the fault sequence', number(0, 2 ** 32 - 1))
    .option('--fault <spec>', `inject a fault (repeatable; also ${FAULTS_ENV}, comma-separated): <fault>@<i> where fault is drop, fail (from call i on) or lose-reply (acts, then drops the reply) and i counts the calls that change the world; or <KIND>:<method>[:<skip>[:<times>]]`, faultSpec)
    .action(async (opts: Options) => {
      let sim;
      let password: string | undefined;
      try {
        password = resolvePassword(opts, io.env);
      } catch (err) {
        io.stderr(`Error: cannot read the simulator password: ${(err as Error).message}\n`);
        exit(1);
        return;
      }
      if (!isLoopback(opts.bind) && password === undefined) {
        io.stderr(`Warning: the simulator listens on ${opts.bind}, reachable from other machines, with the default password (${DEFAULT_USERNAME} / ${DEFAULT_PASSWORD}): anyone who can reach it can log in. Give a password with --password-file or ${PASSWORD_ENV}, or bind 127.0.0.1.\n`);
      }
      let faults: FaultRule[];
      try {
        faults = [...(opts.fault ?? []), ...(io.env[FAULTS_ENV] ?? '').split(',').filter((t) => t.trim() !== '').map(parseFaultSpec)];
      } catch (err) {
        io.stderr(`Error: ${FAULTS_ENV}: ${(err as Error).message}\n`);
        exit(1);
        return;
      }
      try {
        sim = await startSimulator({
          pools: opts.pools, bind: opts.bind, port: opts.port, stateFile: opts.state, username: opts.user, password,
          latencyMs: opts.latencyMs, faultRate: opts.faultRate, seed: opts.seed, autosave: opts.autosave, faults,
        });
      } catch (err) {
        io.stderr(`Error: cannot start the simulator: ${(err as Error).message}\n`);
        exit(1);
        return;
      }
      for (const p of sim.pools) io.stdout(`pool ${p.name} ${p.url}\n`);
      io.stdout('ready\n');
      const signal = await waitForStop();
      try {
        await sim.close();
        io.stderr(`simulator stopped (${signal})${opts.state ? `, state saved to ${opts.state}` : ''}\n`);
        exit(0);
      } catch (err) {
        io.stderr(`Error: saving the simulator state failed: ${(err as Error).message}\n`);
        exit(1);
      }
    });
}
