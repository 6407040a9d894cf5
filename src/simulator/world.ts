/**
 * The simulated world: several pools in one process, so cross-pool operations (`migrate_send`,
 * `pool.join`) work. A pool is a database plus its sessions; the world owns the clock, the
 * credentials, fault and latency settings, and the contents of VDIs (a length and a hash, or
 * the bytes themselves below a small limit; never gigabytes in memory).
 */
import { Clock, realClock } from './clock';
import { Database, newRef } from './db/database';
import { XapiFailure } from './errors';
import { FaultInjector } from './faults';
import { NULL_REF, StoredRecord } from './model/types';

export interface SessionInfo {
  user: string;
  originator: string;
  lastActive: number;
  host: string;
}

/** What a VDI holds: its length and SHA-256, and the bytes when small. */
export interface VdiContent {
  length: number;
  sha256: string;
  /** base64 of the bytes when `length` is at most {@link World.keepBytesBelow}. */
  data?: string;
}

export interface WorldSettings {
  clock: Clock;
  username: string;
  password: string;
  /** Added to every call. */
  latencyMs: number;
  /** Added per GiB of disk data moved (copy, migration, import/export). */
  latencyMsPerGiB: number;
  /** Time from VM start until the guest agent reports IP addresses. */
  guestBootMs: number;
  /** Idle sessions expire after this (xapi: 24 h). */
  sessionTimeoutMs: number;
  /** Clock time a VM/VDI operation holds its object busy (`current_operations`); 0 = instant. */
  operationMs: number;
  /**
   * IPv4 networks (CIDR) every guest also reports an address in, on each interface, besides
   * its own: a rehearsal's copy assumes its guests get the addresses the configuration waits for.
   */
  guestCidrs?: readonly string[];
}

export class Pool {
  readonly sessions = new Map<string, SessionInfo>();
  /** Storage migrations in flight per host ref (xapi allows 3). */
  readonly storageMigrations = new Map<string, number>();
  /** Base URL once served (set by the HTTP server). */
  url = '';

  constructor(
    readonly world: World,
    public name: string,
    public db: Database,
  ) {}

  get ref(): string {
    return this.db.all('pool')[0]?.[0] ?? NULL_REF;
  }

  get record(): StoredRecord {
    return this.db.require('pool', this.ref);
  }

  get master(): string {
    return this.record.master as string;
  }

  get masterAddress(): string {
    return this.db.get('host', this.master)?.address as string;
  }

  /** Host ref whose management address is `address`, if it is in this pool. */
  hostByAddress(address: string): string | undefined {
    return this.db.all('host').find(([, h]) => h.address === address)?.[0];
  }

  login(user: string, password: string, originator: string, host: string): string {
    if (user !== this.world.settings.username || password !== this.world.settings.password) {
      throw new XapiFailure('SESSION_AUTHENTICATION_FAILED', [user, 'Authentication failure']);
    }
    const ref = newRef();
    this.sessions.set(ref, { user, originator, lastActive: this.world.clock.now(), host });
    return ref;
  }

  /** Checks a session ref: `SESSION_INVALID [ref]` when unknown or expired. */
  checkSession(ref: unknown): SessionInfo {
    const s = typeof ref === 'string' ? this.sessions.get(ref) : undefined;
    const now = this.world.clock.now();
    if (!s || now - s.lastActive > this.world.settings.sessionTimeoutMs) {
      if (s) this.sessions.delete(ref as string);
      throw new XapiFailure('SESSION_INVALID', [typeof ref === 'string' ? ref : String(ref)]);
    }
    s.lastActive = now;
    return s;
  }
}

export class World {
  readonly pools = new Map<string, Pool>();
  readonly contents = new Map<string, VdiContent>();
  readonly faults: FaultInjector;
  /** VDI bytes up to this size are kept (for export tests); larger ones keep only hash and length. */
  keepBytesBelow = 64 * 1024;
  private changeListeners = new Set<() => void>();
  private poolListeners = new Set<(pool: Pool) => void>();

  constructor(
    readonly settings: WorldSettings,
    faults?: FaultInjector,
  ) {
    this.faults = faults ?? new FaultInjector();
  }

  get clock(): Clock {
    return this.settings.clock;
  }

  addPool(name: string, db: Database): Pool {
    const pool = new Pool(this, name, db);
    this.pools.set(name, pool);
    db.onChange(() => this.changed());
    this.changed();
    for (const fn of this.poolListeners) fn(pool);
    return pool;
  }

  removePool(name: string): void {
    this.pools.delete(name);
    this.changed();
  }

  pool(name: string): Pool {
    const p = this.pools.get(name);
    if (!p) throw new Error(`no pool named ${name}`);
    return p;
  }

  /** The pool that issued a session ref (for cross-pool calls such as migrate_send). */
  poolBySession(session: string): Pool | undefined {
    for (const p of this.pools.values()) if (p.sessions.has(session)) return p;
    return undefined;
  }

  /** The pool and host ref of a host uuid, wherever it lives now (hosts move on join/eject). */
  findHost(uuid: string): { pool: Pool; host: string } | undefined {
    for (const p of this.pools.values()) {
      const host = p.db.refByUuid('host', uuid);
      if (host) return { pool: p, host };
    }
    return undefined;
  }

  /** The pool whose hosts include `address`. */
  poolByHostAddress(address: string): Pool | undefined {
    for (const p of this.pools.values()) if (p.hostByAddress(address)) return p;
    return undefined;
  }

  /** Subscribes to pools added after start (an ejected host becomes a pool). */
  onPoolAdded(fn: (pool: Pool) => void): () => void {
    this.poolListeners.add(fn);
    return () => this.poolListeners.delete(fn);
  }

  /** Subscribes to any change in any pool (autosave). */
  onChange(fn: () => void): () => void {
    this.changeListeners.add(fn);
    return () => this.changeListeners.delete(fn);
  }

  private changed(): void {
    for (const fn of this.changeListeners) fn();
  }
}

export const DEFAULT_SETTINGS: WorldSettings = {
  clock: realClock,
  username: 'root',
  password: 'xcpform',
  latencyMs: 0,
  latencyMsPerGiB: 0,
  guestBootMs: 2000,
  sessionTimeoutMs: 24 * 3600 * 1000,
  operationMs: 0,
};
