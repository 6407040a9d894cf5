/**
 * The embedded XAPI simulator: a world of several pools served over real HTTP, each pool on its
 * own port like a pool master, speaking XML-RPC and JSON-RPC exactly as xapi does.
 *
 * ```ts
 * const sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 2 }, { name: 'cloud1', hosts: 2 }] });
 * // sim.pools[0].url → "http://127.0.0.1:43121"; log in as root / xcpform
 * await sim.close();
 * ```
 *
 * Must not import engine code (config, plan, executor, resources).
 */
import { Clock, ManualClock, realClock } from './clock';
import { FaultInjector, FaultRule } from './faults';
import { SimulatorHttp } from './http/server';
import { SimulatorStateError, loadWorld, readState, saveWorld } from './persistence';
import { bootstrapPool, PoolSpec } from './bootstrap/bootstrap';
import { scheduleGuestMetrics } from './classes/vm-power';
import { DEFAULT_SETTINGS, World } from './world';

export { ManualClock, realClock, SimulatorStateError, World };
export type { Clock, FaultRule, PoolSpec };
export type { FaultKind } from './faults';

/** Default credentials of the simulated pools. */
export const DEFAULT_USERNAME = 'root';
export const DEFAULT_PASSWORD = 'xcpform';
/** Default world: two pools of two hosts, a datacenter and a cloud. */
export const DEFAULT_POOLS: readonly PoolSpec[] = [
  { name: 'dc1', hosts: 2 },
  { name: 'cloud1', hosts: 2 },
];

export interface SimulatorOptions {
  /** Pools to create when there is no state file yet (default {@link DEFAULT_POOLS}). */
  pools?: PoolSpec[];
  /** Address to listen on (default `127.0.0.1`). */
  bind?: string;
  /** First port; pool N listens on `port + N`. 0 (default) picks free ports. */
  port?: number;
  /** JSON file to load the world from and save it to (atomic, mode 0600). */
  stateFile?: string;
  /** Save automatically shortly after changes (default true when `stateFile` is set). */
  autosave?: boolean;
  /** Accepted credentials (default `root` / `xcpform`). */
  username?: string;
  password?: string;
  /** Latency added to every call, in ms of `clock` time. */
  latencyMs?: number;
  /** Latency per GiB of disk data moved (copies, migrations, uploads). */
  latencyMsPerGiB?: number;
  /** Probability of a random transient fault per call (not login/logout). */
  faultRate?: number;
  /** Seed of the fault sequence (default 1). */
  seed?: number;
  /** Targeted fault rules, e.g. `{ method: 'VM.start', kind: 'OTHER_OPERATION_IN_PROGRESS', times: 1 }`. */
  faults?: FaultRule[];
  /** Clock for latency, guest boot, timeouts (default the wall clock; tests pass a {@link ManualClock}). */
  clock?: Clock;
  /** Time from VM start until guest IPs appear (default 2000 ms). */
  guestBootMs?: number;
  /** Time a VM/VDI operation holds its object busy (default 0). */
  operationMs?: number;
  /** Serve HTTPS with this certificate. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Largest accepted RPC body (default 16 MiB; larger gets HTTP 413). */
  maxBodyBytes?: number;
}

export interface RunningSimulator {
  /** One entry per pool, in creation order: its name and base URL. */
  readonly pools: { name: string; url: string }[];
  /** The live world (pools, databases, fault injector) for tests and tools. */
  readonly world: World;
  /** Writes the state file now (no-op without `stateFile`). */
  save(): Promise<void>;
  /**
   * Resolves once the state file holds every change made before this call: at once when a save
   * that began after the last change already finished, else with the next save (callers that
   * arrive together share it). An apply calls it before its state records a change.
   */
  saveChanges(): Promise<void>;
  /** Saves (when configured) and stops every listener. */
  close(): Promise<void>;
}


/**
 * Starts the simulator. Hosts of pool `i` (1-based) have management addresses `127.0.i.h`; the
 * pool URL uses `bind`. On Linux the member hosts are also reachable at their own address on
 * the pool's port, so `HOST_IS_SLAVE` redirects work end to end.
 *
 * @throws SimulatorStateError when `stateFile` exists but cannot be used.
 */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const settings = {
    ...DEFAULT_SETTINGS,
    clock: opts.clock ?? realClock,
    username: opts.username ?? DEFAULT_USERNAME,
    password: opts.password ?? DEFAULT_PASSWORD,
    latencyMs: opts.latencyMs ?? 0,
    latencyMsPerGiB: opts.latencyMsPerGiB ?? 0,
    guestBootMs: opts.guestBootMs ?? DEFAULT_SETTINGS.guestBootMs,
    operationMs: opts.operationMs ?? 0,
  };
  const faults = new FaultInjector(opts.faultRate ?? 0, opts.seed ?? 1);
  for (const rule of opts.faults ?? []) faults.add(rule);
  const world = new World(settings, faults);

  const state = opts.stateFile ? await readState(opts.stateFile) : undefined;
  if (state) {
    loadWorld(world, state, opts.stateFile!);
    for (const pool of world.pools.values()) {
      for (const [vm, rec] of pool.db.all('VM')) if (rec.power_state === 'Running' && !rec.is_control_domain) scheduleGuestMetrics(pool, vm);
    }
  } else {
    const specs = opts.pools ?? [...DEFAULT_POOLS];
    if (specs.length === 0) throw new Error('startSimulator: at least one pool is needed');
    const names = new Set<string>();
    specs.forEach((spec, i) => {
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(spec.name) || names.has(spec.name)) throw new Error(`startSimulator: bad or duplicate pool name ${JSON.stringify(spec.name)}`);
      names.add(spec.name);
      const hosts = Math.max(1, Math.floor(spec.hosts));
      bootstrapPool(world, { ...spec, hosts }, Array.from({ length: hosts }, (_, h) => ({ address: `127.0.${i + 1}.${h + 1}`, hostname: `${spec.name}-host${h + 1}` })));
    });
  }

  const http = new SimulatorHttp(world, { bind: opts.bind ?? '127.0.0.1', port: opts.port ?? 0, tls: opts.tls, maxBodyBytes: opts.maxBodyBytes });
  const pools: { name: string; url: string }[] = [];
  for (const pool of world.pools.values()) pools.push({ name: pool.name, url: await http.servePool(pool) });
  world.onPoolAdded((pool) => {
    void http.servePool(pool).then((url) => pools.push({ name: pool.name, url }));
  });

  let saving: Promise<void> = Promise.resolve();
  // Changes seen, and the count when the last save began: a save holds every change before it.
  let changes = 0;
  let savedUpTo = 0;
  let queued: Promise<void> | undefined;
  const stopCounting = world.onChange(() => { changes++; });
  const save = (): Promise<void> => {
    if (!opts.stateFile) return Promise.resolve();
    const next = saving.catch(() => undefined).then(() => {
      if (queued === next) queued = undefined;
      savedUpTo = changes;
      return saveWorld(world, opts.stateFile!);
    });
    saving = next;
    return next;
  };
  const saveChanges = (): Promise<void> => {
    if (!opts.stateFile) return Promise.resolve();
    // A save not begun yet will hold these changes too; one begun after the last change holds them.
    if (queued) return queued;
    if (changes === savedUpTo) return saving;
    queued = save();
    return queued;
  };
  let timer: NodeJS.Timeout | undefined;
  const stopAutosave = opts.stateFile && opts.autosave !== false
    ? world.onChange(() => {
        if (timer) return;
        timer = setTimeout(() => {
          timer = undefined;
          void save().catch(() => undefined);
        }, 200);
        timer.unref();
      })
    : () => undefined;
  if (opts.stateFile && !state) await save();

  return {
    pools,
    world,
    save,
    saveChanges,
    async close() {
      stopAutosave();
      stopCounting();
      if (timer) clearTimeout(timer);
      timer = undefined;
      await http.close();
      await save();
    },
  };
}
