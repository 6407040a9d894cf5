/**
 * A "real" pool for the rehearsal tests: the simulator in the test's own process (so a test can
 * shape its records: a smaller SR, a network on one host), behind a recording proxy that counts
 * every XenAPI call xcpform makes, and a working folder for the CLI child process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRecordingProxy, type RecordingProxy } from '../../bench/recording-proxy';
import { startSimulator, type PoolSpec, type RunningSimulator } from '../../src/simulator';
import { SIM_PASSWORD, SIM_USER, cli, providerBlock } from './crash-processes';

export interface RehearsalPool {
  readonly sim: RunningSimulator;
  readonly proxy: RecordingProxy;
  readonly dir: string;
  /** Writes main.tf: the provider block for the pool plus `body`. */
  config(body: string): void;
  /** Runs xcpform in the folder. */
  run(args: string[]): ReturnType<typeof cli>;
  /** Calls since the last reset that change something (every call but reads, events and sessions). */
  writes(): string[];
  close(): Promise<void>;
}

/** Reads: sessions, events, `get_*` of any class (records, fields, refs by name). */
export function isRead(method: string): boolean {
  return /^(session|event)\./.test(method) || /\.get_[A-Za-z_]+$/.test(method) || /^system\./.test(method);
}

export async function startRehearsalPool(spec: PoolSpec): Promise<RehearsalPool> {
  const sim = await startSimulator({ pools: [spec], username: SIM_USER, password: SIM_PASSWORD, guestBootMs: 0 });
  const proxy = await startRecordingProxy(sim.pools[0].url);
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-rehearsal-'));
  return {
    sim,
    proxy,
    dir,
    config: (body) => writeFileSync(join(dir, 'main.tf'), `${providerBlock(new Map([[spec.name, proxy.url]]))}${body}`),
    run: (args) => cli(args, { cwd: dir, env: { XCPFORM_REFRESH_CACHE: 'off' } }),
    writes: () => [...proxy.counts().calls].filter(([m]) => !isRead(m)).map(([m, n]) => `${m} ×${n}`),
    close: async () => {
      await proxy.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Adds network `rack-a` to pool dc1 of `p`, cabled to dc1-host1 only (a PIF there, none on the other hosts). */
export function cableRackToFirstHost(p: RehearsalPool): void {
  const db = p.sim.world.pool('dc1').db;
  const [host1] = db.all('host').find(([, h]) => h.name_label === 'dc1-host1')!;
  const net = db.create('network', { name_label: 'rack-a', bridge: 'xenbr9', MTU: 1500, other_config: {} });
  db.create('PIF', { host: host1, network: net, device: 'eth9', MTU: 1500, physical: true, currently_attached: true, other_config: {} });
}
