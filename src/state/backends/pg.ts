/**
 * The pg backend: state in PostgreSQL, in Terraform's pg backend layout (see `pg-schema.ts`),
 * one row of `<schema>.states` per workspace, locked with advisory locks (see `pg-lock.ts`).
 *
 * - `write` is one upsert statement keyed on the workspace name, so a reader sees the old or
 *   the new state, never a mix, and a crash mid-write changes nothing.
 * - While this backend holds the lock, reads and writes go over the locking session itself:
 *   if that session has died (and with it the lock) a write fails instead of racing a new
 *   holder. Without the lock each call uses a short-lived connection.
 * - The password of the connection string never appears in `name` or in errors.
 */
import { randomUUID } from 'crypto';
import * as os from 'os';
import { Client } from 'pg';
import { LockError, LockInfo, LockRequest } from '../lock';
import { StateBackend, StateBytes, stateText } from './backend';
import { clientConfig, redactConnStr } from './pg-conn';
import { CREATION_KEY, clearLockInfo, holderSession, lockInfoPid, lockWorkspace, readLockInfo, sessionLockInfo, writeLockInfo } from './pg-lock';
import { DEFAULT_SCHEMA, SchemaCreation, STATES_TABLE, ensureSchema, hasLocksTable, quoteIdent } from './pg-schema';

/** Terraform's name of the default workspace (and of its row). */
export const DEFAULT_WORKSPACE = 'default';

/** Settings of a {@link PgBackend}: Terraform's pg backend settings plus the workspace. */
export interface PgBackendOptions extends SchemaCreation {
  /** libpq connection string, URL or key/value form (Terraform's `conn_str`). */
  readonly connStr: string;
  /** Default `terraform_remote_state`. */
  readonly schemaName?: string;
  /** Default `default`. */
  readonly workspace?: string;
  /** Written into lock info as `Version`. */
  readonly version?: string;
  /** Lock-holder identity overrides (tests). */
  readonly user?: string;
  readonly hostname?: string;
  /** Clock for lock waits and `Created` (default `Date.now`). */
  readonly now?: () => number;
}

interface HeldLock {
  readonly info: LockInfo;
  readonly key: string;
  readonly client: Client;
  lost?: Error;
}

/** State of one workspace in PostgreSQL; see the file header for its guarantees. */
export class PgBackend implements StateBackend {
  readonly schema: string;
  readonly workspace: string;
  private schemaReady = false;
  private held: HeldLock | undefined;
  private readonly now: () => number;

  constructor(private readonly opts: PgBackendOptions) {
    this.schema = opts.schemaName || DEFAULT_SCHEMA;
    this.workspace = opts.workspace || DEFAULT_WORKSPACE;
    this.now = opts.now ?? Date.now;
  }

  /** `pg postgres://u:****@host/db, terraform_remote_state.states "default"`. */
  get name(): string {
    return `pg ${redactConnStr(this.opts.connStr)}, ${this.schema}.${STATES_TABLE} "${this.workspace}"`;
  }

  /** The same database and schema, another workspace. */
  withWorkspace(workspace: string): PgBackend {
    return new PgBackend({ ...this.opts, workspace });
  }

  async read(): Promise<string | undefined> {
    return this.use(async (c) => {
      const r = await c.query(`SELECT data FROM ${this.table()} WHERE name = $1`, [this.workspace]);
      const data = r.rows[0]?.data as string | null | undefined;
      return data ? data : undefined;
    });
  }

  async write(bytes: StateBytes): Promise<void> {
    const text = stateText(bytes);
    if (this.held?.lost) throw this.fail(this.held.lost, 'the connection holding the state lock was lost; the state was not written');
    await this.use((c) =>
      c.query(`INSERT INTO ${this.table()} (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`, [this.workspace, text]),
    );
  }

  async lock(req: LockRequest): Promise<LockInfo> {
    if (this.held) throw new LockError(this.lockPath(), this.held.info, 'Error acquiring the state lock: this process already holds it');
    const info: LockInfo = {
      ID: randomUUID(),
      Operation: req.operation,
      Info: req.info ?? '',
      Who: `${this.opts.user ?? safeUser()}@${this.opts.hostname ?? os.hostname()}`,
      Version: this.opts.version ?? '',
      Created: new Date(this.now()).toISOString(),
      Path: this.lockPath(),
      Pid: process.pid,
    };
    const client = await this.connect();
    const held: HeldLock = { info, key: '', client };
    client.on('error', (e) => (held.lost = e));
    try {
      const timeout = req.timeoutMs ?? 0;
      const attempt = await lockWorkspace(client, this.schema, this.workspace, this.now() + timeout, this.now);
      if ('busy' in attempt) {
        const holder = await this.describeKey(client, attempt.busy);
        const what = attempt.busy === CREATION_KEY ? 'is being created or locked for creation' : 'is already locked';
        const waited = timeout > 0 ? ` (waited ${formatMs(timeout)})` : '';
        throw new LockError(this.lockPath(), holder, `Error acquiring the state lock: workspace "${this.workspace}" ${what}${waited}`);
      }
      if (await hasLocksTable(client, this.schema)) await writeLockInfo(client, this.schema, this.workspace, info);
      this.held = { ...held, key: attempt.held };
      client.removeAllListeners('error');
      client.on('error', (e) => this.held && (this.held.lost = e));
      return info;
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e instanceof LockError ? e : this.fail(e, 'locking the state failed');
    }
  }

  async unlock(id: string): Promise<void> {
    const held = this.held;
    if (!held || held.info.ID !== id) {
      throw new LockError(this.lockPath(), held?.info, `Failed to unlock state: lock ID "${id}" is not held by this process`);
    }
    this.held = undefined;
    try {
      if (!held.lost && (await hasLocksTable(held.client, this.schema))) await clearLockInfo(held.client, this.schema);
    } finally {
      // Ending the session releases every advisory lock it holds.
      await held.client.end().catch(() => undefined);
    }
  }

  /**
   * Breaks a lock held by another session: ends that session with `pg_terminate_backend`
   * (an advisory lock cannot be released by anyone else). `id` is the holder's lock ID, or
   * `pid:N` for a holder that recorded no lock info. Needs the right to signal that backend
   * (same role, `pg_signal_backend`, or superuser).
   */
  async forceUnlock(id: string): Promise<void> {
    await this.use(async (c) => {
      const pidMatch = /^pid:(\d+)$/.exec(id);
      const pid = pidMatch ? Number(pidMatch[1]) : (await hasLocksTable(c, this.schema)) ? await lockInfoPid(c, this.schema, id) : undefined;
      const keys = [await this.rowId(c), CREATION_KEY].filter((k): k is string => k !== undefined);
      let holds = false;
      for (const k of keys) if (pid !== undefined && (await holderSession(c, k))?.pid === pid) holds = true;
      if (pid === undefined || !holds) throw new LockError(this.lockPath(), undefined, `Failed to unlock state: no lock with ID "${id}" is held on workspace "${this.workspace}"`);
      await c.query('SELECT pg_terminate_backend($1)', [pid]);
      if (await hasLocksTable(c, this.schema)) await c.query(`DELETE FROM ${quoteIdent(this.schema)}.xcpform_locks WHERE pid = $1`, [pid]);
    });
  }

  /** The current holder of this workspace's lock, if any. */
  async holder(): Promise<LockInfo | undefined> {
    return this.use(async (c) => {
      for (const k of [await this.rowId(c), CREATION_KEY]) {
        if (k === undefined) continue;
        const h = await this.describeKey(c, k);
        if (h) return h;
      }
      return undefined;
    });
  }

  /** Workspace names, `default` first (it always exists, as in Terraform), the rest sorted. */
  async listWorkspaces(): Promise<string[]> {
    return this.use(async (c) => {
      const r = await c.query(`SELECT name FROM ${this.table()} WHERE name != $1 ORDER BY name`, [DEFAULT_WORKSPACE]);
      return [DEFAULT_WORKSPACE, ...r.rows.map((row) => row.name as string)];
    });
  }

  /** Deletes this backend's workspace row (never `default`); the caller holds its lock. */
  async deleteWorkspace(): Promise<void> {
    if (this.workspace === DEFAULT_WORKSPACE) throw new Error('the default workspace cannot be deleted');
    await this.use((c) => c.query(`DELETE FROM ${this.table()} WHERE name = $1`, [this.workspace]));
  }

  private table(): string {
    return `${quoteIdent(this.schema)}.${STATES_TABLE}`;
  }

  private lockPath(): string {
    return `${this.schema}.${STATES_TABLE} "${this.workspace}"`;
  }

  private async rowId(c: Client): Promise<string | undefined> {
    const r = await c.query(`SELECT id::text AS id FROM ${this.table()} WHERE name = $1`, [this.workspace]);
    return r.rows[0]?.id as string | undefined;
  }

  private async describeKey(c: Client, key: string): Promise<LockInfo | undefined> {
    const session = await holderSession(c, key);
    if (!session) return undefined;
    const recorded = (await hasLocksTable(c, this.schema)) ? await readLockInfo(c, this.schema, session.pid) : undefined;
    return recorded ?? sessionLockInfo(session, this.lockPath());
  }

  /** Runs `fn` on the locking session when held, else on a fresh connection. */
  private async use<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    if (this.held) {
      try {
        return await fn(this.held.client);
      } catch (e) {
        throw this.fail(e, 'a query on the state database failed');
      }
    }
    const c = await this.connect();
    try {
      return await fn(c);
    } catch (e) {
      throw e instanceof LockError ? e : this.fail(e, 'a query on the state database failed');
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  /** A connected client on which the schema exists (created once, as Terraform's init does). */
  private async connect(): Promise<Client> {
    let c: Client;
    try {
      c = new Client(clientConfig(this.opts.connStr));
    } catch (e) {
      throw this.fail(e, 'the connection string is malformed');
    }
    c.on('error', () => undefined); // a dropped idle connection must not crash the process
    try {
      await c.connect();
      if (!this.schemaReady) {
        await ensureSchema(c, this.schema, this.opts);
        this.schemaReady = true;
      }
      return c;
    } catch (e) {
      await c.end().catch(() => undefined);
      if (/does not support SSL/i.test((e as Error)?.message ?? '')) {
        throw this.fail(e, 'the server does not offer TLS, and the pg backend requires it unless the connection string says sslmode=disable (the state holds every secret of the configuration). Enable TLS on the server, or add sslmode=disable to conn_str where the network path is trusted');
      }
      throw this.fail(e, 'cannot connect to the state database');
    }
  }

  /** An Error naming the backend, with any trace of the password removed. */
  private fail(e: unknown, what: string): Error {
    const msg = e instanceof Error ? e.message : String(e);
    const err = new Error(`${this.name}: ${what}: ${scrubSecret(msg, this.opts.connStr)}`);
    (err as { code?: string }).code = (e as { code?: string }).code;
    return err;
  }
}

/** Removes the connection string's password if a driver message happens to echo it. */
function scrubSecret(message: string, connStr: string): string {
  let out = message.split(connStr).join(redactConnStr(connStr));
  // The URL form, the key/value form, and a URL with a typo in its scheme (`postgres//u:pw@db`).
  const pw = /^postgres(?:ql)?:\/\/[^:@/]*:([^@/]+)@/i.exec(connStr)?.[1] ?? /\bpassword\s*=\s*'?([^'\s]+)/i.exec(connStr)?.[1] ?? /[^:@/\s]*:([^@/\s]+)@/.exec(connStr)?.[1];
  if (pw && pw.length >= 3) {
    out = out.split(pw).join('****');
    try {
      out = out.split(decodeURIComponent(pw)).join('****');
    } catch {
      /* not URL-encoded */
    }
  }
  return out;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
