/**
 * The provider at run time: one authenticated XAPI client per configured pool, and the embedded
 * simulator started in-process for pools whose url is `embedded` (its world persisted under
 * `.xcpform/` in the working folder, so separate runs see the same world). Shared by the CLI
 * engine and the tfplugin6 server.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeReads, LiveWorld, WriteLog, type FullReadReason } from '../live-world';
import type { ApplyContext, ProgressEvent } from '../resources/resource';
import { PoolRecords, readClasses } from '../resources/snapshot';
import { DEFAULT_PASSWORD, DEFAULT_USERNAME, startSimulator, type RunningSimulator } from '../simulator';
import { XapiClient, type XapiClass, type XapiLogger } from '../xenapi';
import type { PoolEndpoint, ProviderSettings } from './endpoints';
import { EMBEDDED_URL } from './schema';

export interface RuntimeOptions {
  /** Working folder; the embedded world lives in `<workDir>/.xcpform/simulator.json`. */
  readonly workDir: string;
  /** Hosts per embedded pool when the world is created (default 2). */
  readonly embeddedHosts?: number;
  /** Latency injected by the embedded simulator on every call, in ms (benchmarks). */
  readonly embeddedLatencyMs?: number;
  readonly log?: XapiLogger;
}

/** Thrown when a pool cannot be reached or used; its message is safe to show (no secrets). */
export class PoolUnavailableError extends Error {
  constructor(readonly pool: string, message: string) {
    super(message);
    this.name = 'PoolUnavailableError';
  }
}

export class ProviderRuntime {
  private readonly clients = new Map<string, Promise<XapiClient>>();
  private live?: LiveWorld;
  /** Writes of every apply step without a floor (the provider's), see applyContext. */
  private readonly writes = new WriteLog();

  private constructor(
    readonly settings: ProviderSettings,
    private readonly urls: ReadonlyMap<string, string>,
    private readonly simulator: RunningSimulator | undefined,
    private readonly options: RuntimeOptions,
  ) {}

  /** Starts the embedded simulator when a pool needs it; connects lazily to the others. */
  static async open(settings: ProviderSettings, options: RuntimeOptions): Promise<ProviderRuntime> {
    const embedded = settings.endpoints.filter((e) => e.url === EMBEDDED_URL);
    const urls = new Map<string, string>(settings.endpoints.filter((e) => e.url !== EMBEDDED_URL).map((e) => [e.name, e.url]));
    let simulator: RunningSimulator | undefined;
    if (embedded.length) {
      const dir = join(options.workDir, '.xcpform');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const stateFile = join(dir, 'simulator.json');
      simulator = await startSimulator({
        stateFile,
        pools: embedded.map((e) => ({ name: e.name, hosts: options.embeddedHosts ?? 2 })),
        latencyMs: options.embeddedLatencyMs,
      });
      for (const e of embedded) {
        const served = simulator.pools.find((p) => p.name === e.name);
        if (!served) {
          await simulator.close();
          throw new PoolUnavailableError(e.name, `the embedded simulator world in ${stateFile} has no pool "${e.name}" (it has ${simulator.pools.map((p) => p.name).join(', ')}); remove that file to start a new world`);
        }
        urls.set(e.name, served.url);
      }
    }
    return new ProviderRuntime(settings, urls, simulator, options);
  }

  /** The configured pools, the default first (callers fall back on the first), the others in name order. */
  get pools(): string[] {
    const names = this.settings.endpoints.map((e) => e.name);
    return [this.settings.defaultPool, ...names.filter((n) => n !== this.settings.defaultPool)];
  }

  get defaultPool(): string {
    return this.settings.defaultPool;
  }

  /** The URL a pool is reached at (the simulator's port for embedded pools). */
  url(pool: string): string | undefined {
    return this.urls.get(pool);
  }

  private endpoint(pool: string): PoolEndpoint {
    const e = this.settings.endpoints.find((x) => x.name === pool);
    if (!e) throw new PoolUnavailableError(pool, `no pool named "${pool}" is configured (pools: ${this.pools.join(', ')})`);
    return e;
  }

  /** An authenticated client for a pool, created once and shared. */
  client(pool: string): Promise<XapiClient> {
    let c = this.clients.get(pool);
    if (!c) {
      c = this.connect(pool);
      this.clients.set(pool, c);
      c.catch(() => this.clients.delete(pool));
    }
    return c;
  }

  private async connect(pool: string): Promise<XapiClient> {
    const e = this.endpoint(pool);
    const embedded = e.url === EMBEDDED_URL;
    let ca: Buffer | undefined;
    if (e.caFile) {
      try { ca = readFileSync(e.caFile); } catch (err) {
        throw new PoolUnavailableError(pool, `pool "${pool}": cannot read ca_file ${e.caFile}: ${(err as Error).message}`);
      }
    }
    const client = new XapiClient({
      url: this.urls.get(pool)!,
      credentials: embedded ? { username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD } : { username: e.username, password: e.password ?? '' },
      protocol: e.transport,
      http: { insecureTls: e.insecureTls, ...(ca ? { ca } : {}) },
      log: this.options.log,
    });
    await client.login();
    return client;
  }

  /** Fresh bulk records of the given classes in a pool. */
  async records(pool: string, classes: readonly XapiClass[]): Promise<PoolRecords> {
    const client = await this.client(pool);
    const snap = new PoolRecords(pool);
    await readClasses(client, snap, classes);
    return snap;
  }

  /**
   * The pools' records kept current with `event.from`, one for this runtime: every apply step
   * (`ApplyContext.records`) and every provider RPC reads from it, so an apply reads each pool
   * in bulk once instead of once per step. `onFullRead` (the first caller's) hears of each bulk read.
   */
  liveWorld(onFullRead?: (pool: string, why: FullReadReason, detail?: string) => void): LiveWorld {
    if (!this.live) this.live = new LiveWorld(this, onFullRead);
    return this.live;
  }

  /**
   * The context a resource's create/update/delete runs with. Its records are as fresh as the
   * step needs them (live-world/change-reads.ts): every class as of `floor` (a mark of the live
   * world taken after the changes it depends on completed; without one, as of every write of
   * this process's apply steps), then what its own writes may have changed.
   */
  applyContext(address: string, progress: (e: ProgressEvent) => void = () => undefined, signal?: AbortSignal, lineage?: string, floor?: number): ApplyContext {
    const live = this.liveWorld();
    // Without a floor (terraform-provider-xcp: terraform knows the dependencies, the provider
    // does not), every write this process made counts as the step's own.
    const reads = floor === undefined ? new ChangeReads(live, 0, this.writes) : new ChangeReads(live, floor);
    return {
      address,
      ...(lineage ? { lineage } : {}),
      pools: this.pools,
      signal,
      progress,
      client: async (pool) => reads.client(pool, await this.client(pool)),
      records: (pool, classes, opts) => reads.records(pool, classes, opts),
    };
  }

  /**
   * Resolves once the embedded simulator's saved world holds every change made so far (at once
   * without one). An apply awaits it before its state records a change, so a `kill -9` never
   * leaves a state newer than the world it describes.
   */
  async saveEmbeddedWorld(): Promise<void> {
    await this.simulator?.saveChanges();
  }

  /** Logs out of every pool and stops the embedded simulator (saving its world). */
  async close(): Promise<void> {
    const clients = await Promise.allSettled([...this.clients.values()]);
    await Promise.allSettled(clients.map((c) => (c.status === 'fulfilled' ? c.value.close() : undefined)));
    this.clients.clear();
    if (this.simulator) await this.simulator.close();
  }
}
