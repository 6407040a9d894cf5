/**
 * The database objects of the pg backend, created exactly as Terraform's pg backend creates
 * them (`internal/backend/remote-state/pg/backend.go`, 1.11), so either tool can open a schema
 * the other made:
 *
 * ```sql
 * CREATE SCHEMA IF NOT EXISTS terraform_remote_state;             -- unless skip_schema_creation
 * CREATE SEQUENCE IF NOT EXISTS public.global_states_id_seq AS bigint;   -- unless skip_table_creation
 * CREATE TABLE IF NOT EXISTS terraform_remote_state.states (
 *   id bigint NOT NULL DEFAULT nextval('public.global_states_id_seq') PRIMARY KEY,
 *   name text UNIQUE,
 *   data text);
 * CREATE UNIQUE INDEX IF NOT EXISTS states_by_name ON terraform_remote_state.states (name); -- unless skip_index_creation
 * ```
 *
 * One addition, xcpform's own and ignored by Terraform: the table `xcpform_locks` in the same
 * schema (created with the states table, so `skip_table_creation` skips it too). Advisory
 * locks carry no data, so the holder of a workspace's lock writes its lock info (Terraform's
 * lock-info JSON) there, keyed by workspace, together with its backend pid; a row whose pid no
 * longer holds the advisory lock is stale and ignored. Without the table (skipped, or no
 * privilege) locking still works and messages name the holder from `pg_stat_activity`.
 */
import type { ClientBase } from 'pg';

/** Terraform's default schema. */
export const DEFAULT_SCHEMA = 'terraform_remote_state';
/** Terraform's table of states, one row per workspace. */
export const STATES_TABLE = 'states';
/** xcpform's lock-info table (see the file header). */
export const LOCKS_TABLE = 'xcpform_locks';

/** Which of the creation steps to skip (Terraform's `skip_*_creation` settings). */
export interface SchemaCreation {
  readonly skipSchemaCreation?: boolean;
  readonly skipTableCreation?: boolean;
  readonly skipIndexCreation?: boolean;
}

/** `"name"` with embedded quotes doubled: safe for any schema name. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Key of the transaction-level advisory lock that serialises concurrent schema creation
 * (two processes running `CREATE TABLE IF NOT EXISTS` at once can collide in the catalog).
 * It uses the two-int4 key space, which never meets the bigint keys of workspace locks.
 */
const DDL_LOCK = [0x78637066, 1] as const; // 'xcpf'

/** Creates what is missing, as Terraform does; serialised between xcpform processes. */
export async function ensureSchema(client: ClientBase, schema: string, opts: SchemaCreation): Promise<void> {
  const s = quoteIdent(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...DDL_LOCK]);
    if (!opts.skipSchemaCreation) {
      // Like Terraform: look first, so a role without CREATE on the database still works
      // when the schema exists.
      const found = await client.query('SELECT count(1)::int AS n FROM information_schema.schemata WHERE schema_name = $1', [schema]);
      if (found.rows[0].n < 1) await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    }
    if (!opts.skipTableCreation) {
      await client.query('CREATE SEQUENCE IF NOT EXISTS public.global_states_id_seq AS bigint');
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.${STATES_TABLE} (
          id bigint NOT NULL DEFAULT nextval('public.global_states_id_seq') PRIMARY KEY,
          name text UNIQUE,
          data text
        )`,
      );
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.${LOCKS_TABLE} (
          name text PRIMARY KEY,
          lock_id text NOT NULL,
          info text NOT NULL,
          pid integer NOT NULL
        )`,
      );
    }
    if (!opts.skipIndexCreation) {
      await client.query(`CREATE UNIQUE INDEX IF NOT EXISTS states_by_name ON ${s}.${STATES_TABLE} (name)`);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** True when xcpform's lock-info table exists in `schema`. */
export async function hasLocksTable(client: ClientBase, schema: string): Promise<boolean> {
  const r = await client.query('SELECT to_regclass($1) IS NOT NULL AS ok', [`${quoteIdent(schema)}.${LOCKS_TABLE}`]);
  return r.rows[0].ok === true;
}
