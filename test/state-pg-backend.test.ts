/**
 * The pg backend against a real PostgreSQL server: Terraform's table layout, upserts,
 * workspaces, advisory locks (waiting, timing out with the holder named, released when the
 * session dies), settings, and no password in any message.
 */
import { Client } from 'pg';
import { LockError, StateManager, emptyState, encodeStateV4 } from '../src/state';
import { PgBackend } from '../src/state/backends/pg';
import { openBackend } from '../src/state/backends/open-backend';
import { redactConnStr } from '../src/state/backends/pg-conn';
import { PgServer, startPgServer } from './helpers/pg-server';

let server: PgServer;
beforeAll(async () => {
  server = await startPgServer();
});
afterAll(() => server?.stop());

async function sql<T = Record<string, unknown>>(connStr: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: connStr });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

const stateText = (serial: number, lineage = '6f1c9d52-1111-4c4b-9d2e-0a0a0a0a0a0a'): string => encodeStateV4({ ...emptyState(lineage), serial });

describe('pg backend', () => {
  test('creates Terraform\'s schema, sequence, table and index, and upserts one row per workspace', async () => {
    const conn = await server.createDatabase('layout');
    const b = new PgBackend({ connStr: conn });
    expect(await b.read()).toBeUndefined();
    await b.write(stateText(1));
    await b.write(stateText(2));
    await b.withWorkspace('staging').write(stateText(7));

    const cols = await sql(conn, `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = 'terraform_remote_state' AND table_name = 'states' ORDER BY ordinal_position`);
    expect(cols).toEqual([
      { column_name: 'id', data_type: 'bigint', is_nullable: 'NO', column_default: "nextval('global_states_id_seq'::regclass)" },
      { column_name: 'name', data_type: 'text', is_nullable: 'YES', column_default: null },
      { column_name: 'data', data_type: 'text', is_nullable: 'YES', column_default: null },
    ]);
    const idx = await sql<{ indexname: string }>(conn, `SELECT indexname FROM pg_indexes WHERE schemaname = 'terraform_remote_state' AND tablename = 'states' ORDER BY indexname`);
    expect(idx.map((r) => r.indexname)).toEqual(['states_by_name', 'states_name_key', 'states_pkey']);
    const seq = await sql(conn, `SELECT sequence_schema, data_type FROM information_schema.sequences WHERE sequence_name = 'global_states_id_seq'`);
    expect(seq).toEqual([{ sequence_schema: 'public', data_type: 'bigint' }]);

    const rows = await sql<{ name: string; data: string }>(conn, 'SELECT name, data FROM terraform_remote_state.states ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(['default', 'staging']);
    expect(JSON.parse(rows[0].data).serial).toBe(2);
    expect(await b.read()).toBe(stateText(2));
    expect(await b.listWorkspaces()).toEqual(['default', 'staging']);
    await b.withWorkspace('staging').deleteWorkspace();
    expect(await b.listWorkspaces()).toEqual(['default']);
    await expect(b.deleteWorkspace()).rejects.toThrow(/default workspace cannot be deleted/);
  });

  test('schema_name and the skip settings are honoured', async () => {
    const conn = await server.createDatabase('skip');
    const noSchema = new PgBackend({ connStr: conn, schemaName: 'teamstate', skipSchemaCreation: true });
    await expect(noSchema.read()).rejects.toThrow(/schema "teamstate" does not exist/);
    await sql(conn, 'CREATE SCHEMA teamstate');
    const b = new PgBackend({ connStr: conn, schemaName: 'teamstate', skipSchemaCreation: true, skipIndexCreation: true });
    await b.write(stateText(3));
    const idx = await sql<{ indexname: string }>(conn, `SELECT indexname FROM pg_indexes WHERE schemaname = 'teamstate' ORDER BY indexname`);
    expect(idx.map((r) => r.indexname)).not.toContain('states_by_name');
    expect(await new PgBackend({ connStr: conn, schemaName: 'teamstate', skipTableCreation: true }).read()).toBe(stateText(3));
  });

  test('a second locker waits for the lock, then gets it when the holder unlocks', async () => {
    const conn = await server.createDatabase('wait');
    const a = new PgBackend({ connStr: conn, user: 'alice', hostname: 'laptop' });
    await a.write(stateText(1));
    const held = await a.lock({ operation: 'OperationTypeApply' });
    const b = new PgBackend({ connStr: conn });
    const waiting = b.lock({ operation: 'OperationTypePlan', timeoutMs: 30_000 });
    let got = false;
    void waiting.then(() => (got = true), () => undefined);
    // The waiter is blocked inside pg_advisory_lock on the server: wait until pg_stat_activity shows it.
    await waitUntil(async () => (await sql(conn, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).length > 0);
    expect(got).toBe(false);
    await a.unlock(held.ID);
    const info = await waiting;
    expect(info.Operation).toBe('OperationTypePlan');
    await b.unlock(info.ID);
  });

  test('a locker that times out names the holder; the password is never shown', async () => {
    const base = await server.createDatabase('timeout');
    const conn = base.replace('xcpform@', 'xcpform:s3cret-pw@');
    const a = new PgBackend({ connStr: conn, user: 'alice', hostname: 'laptop', version: '0.1.0' });
    await a.write(stateText(1));
    const held = await a.lock({ operation: 'OperationTypeApply', info: 'nightly' });
    const b = new PgBackend({ connStr: conn });
    const err = await b.lock({ operation: 'OperationTypeApply', timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockError);
    const msg = (err as LockError).message;
    expect(msg).toMatch(/^Error acquiring the state lock: workspace "default" is already locked \(waited 300ms\)/);
    expect(msg).toContain(`ID:        ${held.ID}`);
    expect(msg).toContain('Who:       alice@laptop');
    expect(msg).toContain('Operation: OperationTypeApply');
    expect(msg).toContain('Info:      nightly');
    expect(msg).not.toContain('s3cret');
    expect(b.name).toBe(`pg ${redactConnStr(conn)}, terraform_remote_state.states "default"`);
    expect(b.name).toContain('xcpform:****@');
    expect(await b.holder()).toMatchObject({ ID: held.ID, Who: 'alice@laptop' });
    await a.unlock(held.ID);
    expect(await b.holder()).toBeUndefined();
  });

  test('a workspace with no row yet is locked through the creation key, as Terraform does', async () => {
    const conn = await server.createDatabase('create');
    const a = new PgBackend({ connStr: conn, workspace: 'fresh', user: 'alice', hostname: 'h' });
    const held = await a.lock({ operation: 'OperationTypeApply' });
    const err = await new PgBackend({ connStr: conn, workspace: 'fresh' }).lock({ operation: 'OperationTypeApply' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/workspace "fresh" is being created or locked for creation/);
    expect((err as Error).message).toContain('alice@h');
    await a.write(stateText(1)); // creates the row under the creation lock
    await a.unlock(held.ID);
    const again = await new PgBackend({ connStr: conn, workspace: 'fresh' }).lock({ operation: 'x' });
    expect(again.ID).toBeDefined();
  });

  test('a lock held by a session that dies is released by the database; force-unlock ends a hung holder', async () => {
    const conn = await server.createDatabase('dies');
    const a = new PgBackend({ connStr: conn });
    await a.write(stateText(1));
    await a.lock({ operation: 'OperationTypeApply' });
    // Kill the holder's session from outside, as a crash or network cut would.
    await sql(conn, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'xcpform' AND pid <> pg_backend_pid()`);
    const b = new PgBackend({ connStr: conn });
    const info = await b.lock({ operation: 'OperationTypeApply', timeoutMs: 10_000 });
    await expect(a.write(stateText(2))).rejects.toThrow(/state lock was lost|terminat/);
    expect(await b.read()).toBe(stateText(1));

    const c = new PgBackend({ connStr: conn });
    await expect(c.forceUnlock('not-a-lock')).rejects.toThrow(/no lock with ID "not-a-lock"/);
    await c.forceUnlock(info.ID);
    const d = await new PgBackend({ connStr: conn }).lock({ operation: 'OperationTypeApply', timeoutMs: 10_000 });
    expect(d.ID).not.toBe(info.ID);
  });

  test('StateManager over pg persists every change with lineage and serial', async () => {
    const conn = await server.createDatabase('manager');
    const b = new PgBackend({ connStr: conn });
    const lock = await b.lock({ operation: 'OperationTypeApply' });
    const { manager } = await StateManager.open(b, { lineage: 'aaaaaaaa-0000-4000-8000-000000000001' });
    await manager!.apply((s) => ({ ...s, outputs: { a: { value: 1, type: 'number' } } }));
    await manager!.apply((s) => ({ ...s, outputs: { ...s.outputs, b: { value: 'x', type: 'string' } } }));
    await b.unlock(lock.ID);
    const stored = JSON.parse((await new PgBackend({ connStr: conn }).read())!);
    expect(stored).toMatchObject({ version: 4, serial: 2, lineage: 'aaaaaaaa-0000-4000-8000-000000000001', outputs: { a: { value: 1 }, b: { value: 'x' } } });
  });

  test('settings: block, -backend-config and PG_* environment, with diagnostics', () => {
    const env = { PG_CONN_STR: 'postgres://u:pw@db/x', PG_SCHEMA_NAME: 'envschema' };
    const fromEnv = openBackend({ type: 'pg', config: {} }, { cwd: '/tmp', env });
    expect(fromEnv.diagnostics).toEqual([]);
    expect(fromEnv.backend!.name).toBe('pg postgres://u:****@db/x, envschema.states "default"');
    const fromBlock = openBackend({ type: 'pg', config: { conn_str: 'host=db password=pw', schema_name: 's' } }, { cwd: '/tmp', env, overrides: { schema_name: 'o' }, workspace: 'w' });
    expect(fromBlock.backend!.name).toBe('pg host=db password=****, o.states "w"');
    const bad = openBackend({ type: 'pg', config: { conn_str: '${var.x}', bogus: 1 } }, { cwd: '/tmp', env: {} });
    expect(bad.diagnostics.map((d) => d.summary)).toEqual(['Unsupported argument', 'Variables not allowed']);
    expect(openBackend({ type: 'pg', config: {} }, { cwd: '/tmp', env: {} }).diagnostics[0].detail).toMatch(/PG_CONN_STR/);
    expect(openBackend({ type: 's3', config: {} }, { cwd: '/tmp', env: {} }).diagnostics[0].summary).toBe('Unsupported backend type "s3"');
  });
});

/** Polls a database condition (not a clock sleep: each round trip is a real query). */
async function waitUntil(cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2000; i++) if (await cond()) return;
  throw new Error('condition not reached');
}
