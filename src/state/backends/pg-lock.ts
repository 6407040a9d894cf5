/**
 * Workspace locks of the pg backend: PostgreSQL session-level advisory locks, taken with the
 * same keys Terraform's pg backend uses, so xcpform and Terraform exclude each other.
 *
 * - An existing workspace is locked by the bigint key equal to its row `id` in `states`;
 *   the holder also checks the global "workspace creation" key `-1` and releases it at once.
 * - A workspace without a row yet is locked by holding `-1` until it is unlocked (the row is
 *   created by the first write), as Terraform does.
 * - Session-level: the database releases the locks when the session ends, so a holder killed
 *   with `kill -9` (or cut off the network) never leaves a stale lock.
 *
 * Where Terraform only tries once (`pg_try_advisory_lock`), xcpform waits up to the lock
 * timeout by blocking in `pg_advisory_lock` under `SET lock_timeout`: the server does the
 * waiting, so there is no polling loop and no sleep. Timeout 0 means one try.
 */
import type { ClientBase } from 'pg';
import { LockInfo, parseLockInfo } from '../lock';
import { LOCKS_TABLE, STATES_TABLE, quoteIdent } from './pg-schema';

/** The global "workspace creation" key of Terraform's pg backend. */
export const CREATION_KEY = '-1';

/** The result of {@link lockWorkspace}: the key now held, or the key that stayed busy. */
export type LockAttempt = { readonly held: string } | { readonly busy: string };

const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK_DETECTED = '40P01';

/**
 * Takes `workspace`'s lock on `client`'s session, waiting until `deadline` (ms on `now`'s
 * clock). Never leaves a partial lock behind: on failure nothing is held.
 */
export async function lockWorkspace(client: ClientBase, schema: string, workspace: string, deadline: number, now: () => number): Promise<LockAttempt> {
  const s = quoteIdent(schema);
  const rowId = async (): Promise<string | undefined> => {
    const r = await client.query(`SELECT id::text AS id FROM ${s}.${STATES_TABLE} WHERE name = $1`, [workspace]);
    return r.rows[0]?.id as string | undefined;
  };
  for (;;) {
    const id = await rowId();
    if (id !== undefined) {
      if (!(await acquire(client, id, deadline, now))) return { busy: id };
      // Terraform's check: nobody may be creating a workspace while we lock one.
      if (!(await acquire(client, CREATION_KEY, deadline, now))) {
        await release(client, id);
        return { busy: CREATION_KEY };
      }
      await release(client, CREATION_KEY);
      return { held: id };
    }
    if (!(await acquire(client, CREATION_KEY, deadline, now))) return { busy: CREATION_KEY };
    if ((await rowId()) === undefined) return { held: CREATION_KEY };
    await release(client, CREATION_KEY); // created while we waited: lock its row instead
  }
}

/** Releases one advisory lock of this session. */
export async function release(client: ClientBase, key: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
}

async function acquire(client: ClientBase, key: string, deadline: number, now: () => number): Promise<boolean> {
  const remaining = deadline - now();
  if (remaining <= 0) {
    const r = await client.query('SELECT pg_try_advisory_lock($1::bigint) AS ok', [key]);
    return r.rows[0].ok === true;
  }
  // lock_timeout 0 would mean "wait forever", hence the floor of 1 ms.
  await client.query(`SET lock_timeout = ${Math.max(1, Math.ceil(remaining))}`);
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
    return true;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === LOCK_NOT_AVAILABLE || code === DEADLOCK_DETECTED) return false;
    throw e;
  } finally {
    await client.query('SET lock_timeout = 0');
  }
}

/** `pg_locks` splits a bigint advisory key into two 32-bit oids. */
function keyParts(key: string): [string, string] {
  const u = BigInt.asUintN(64, BigInt(key));
  return [String(u >> 32n), String(u & 0xffffffffn)];
}

/** The session holding advisory `key` in the current database, if any. */
export interface HolderSession {
  readonly pid: number;
  readonly user: string;
  readonly applicationName: string;
  readonly address: string | null;
  readonly since: Date;
}

/** Who holds `key` now, from `pg_locks` and `pg_stat_activity`. */
export async function holderSession(client: ClientBase, key: string): Promise<HolderSession | undefined> {
  const [classid, objid] = keyParts(key);
  const r = await client.query(
    `SELECT a.pid, a.usename, a.application_name, host(a.client_addr) AS addr, a.backend_start
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid::bigint = $1 AND l.objid::bigint = $2
      LIMIT 1`,
    [classid, objid],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return { pid: row.pid, user: row.usename ?? '', applicationName: row.application_name ?? '', address: row.addr, since: row.backend_start };
}

/** True when session `pid` holds advisory `key` in the current database. */
export async function sessionHolds(client: ClientBase, pid: number, key: string): Promise<boolean> {
  return (await holderSession(client, key))?.pid === pid;
}

/** Records this session's lock info (replacing stale rows of the workspace or of this pid). */
export async function writeLockInfo(client: ClientBase, schema: string, workspace: string, info: LockInfo): Promise<void> {
  const t = `${quoteIdent(schema)}.${LOCKS_TABLE}`;
  await client.query('BEGIN');
  try {
    await client.query(`DELETE FROM ${t} WHERE name = $1 OR pid = pg_backend_pid()`, [workspace]);
    await client.query(`INSERT INTO ${t} (name, lock_id, info, pid) VALUES ($1, $2, $3, pg_backend_pid())`, [workspace, info.ID, JSON.stringify(info)]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Removes this session's lock-info row. */
export async function clearLockInfo(client: ClientBase, schema: string): Promise<void> {
  await client.query(`DELETE FROM ${quoteIdent(schema)}.${LOCKS_TABLE} WHERE pid = pg_backend_pid()`);
}

/** The lock info recorded by session `pid` (undefined when it wrote none: e.g. Terraform). */
export async function readLockInfo(client: ClientBase, schema: string, pid: number): Promise<LockInfo | undefined> {
  const r = await client.query(`SELECT info FROM ${quoteIdent(schema)}.${LOCKS_TABLE} WHERE pid = $1`, [pid]);
  return r.rows[0] ? parseLockInfo(r.rows[0].info) : undefined;
}

/** The pid of the session that recorded lock `id`, if a row says so. */
export async function lockInfoPid(client: ClientBase, schema: string, id: string): Promise<number | undefined> {
  const r = await client.query(`SELECT pid FROM ${quoteIdent(schema)}.${LOCKS_TABLE} WHERE lock_id = $1`, [id]);
  return r.rows[0]?.pid as number | undefined;
}

/**
 * Lock info for a holder that recorded none (Terraform, or no lock table): built from its
 * session. Its ID `pid:N` is what `force-unlock` accepts for such a holder.
 */
export function sessionLockInfo(h: HolderSession, path: string): LockInfo {
  return {
    ID: `pid:${h.pid}`,
    Operation: 'unknown (the holder recorded no lock info; Terraform does not)',
    Info: `PostgreSQL backend pid ${h.pid}, application "${h.applicationName}"`,
    Who: `${h.user}@${h.address ?? 'local socket'}`,
    Version: '',
    Created: new Date(h.since).toISOString(),
    Path: path,
  };
}
