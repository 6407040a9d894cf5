/**
 * `xcpform simulator`: serves the embedded multi-pool XAPI simulator until SIGINT/SIGTERM,
 * saving the world to `--state` on the way out. Prints `pool <name> <url>` per pool, then
 * `ready`, so scripts can wait for the last line.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { DEFAULT_PASSWORD, DEFAULT_USERNAME, PoolSpec, startSimulator } from '../../simulator';

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

interface Options {
  pools?: PoolSpec[];
  bind: string;
  port: number;
  state?: string;
  user?: string;
  password?: string;
  latencyMs?: number;
  autosave?: boolean;
  faultRate?: number;
  seed?: number;
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
    .option('--password <password>', 'password to accept (never printed)')
    .option('--latency-ms <n>', 'latency added to every call', number(0, 600000))
    .option('--no-autosave', 'with --state: save only when stopped, not after every change')
    .option('--fault-rate <p>', 'probability of a transient fault per call', number(0, 1))
    .option('--seed <n>', 'seed of the fault sequence', number(0, 2 ** 32 - 1))
    .action(async (opts: Options) => {
      let sim;
      try {
        sim = await startSimulator({
          pools: opts.pools, bind: opts.bind, port: opts.port, stateFile: opts.state, username: opts.user, password: opts.password,
          latencyMs: opts.latencyMs, faultRate: opts.faultRate, seed: opts.seed, autosave: opts.autosave,
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
