/**
 * `xcpform init -migrate-state` against a real PostgreSQL server: local → pg → local keeps
 * resources, lineage and serial byte for byte, for every workspace; a destination of another
 * lineage is refused unless -force-copy; a changed backend without -migrate-state is refused.
 * The command runs in-process through commander with captured output.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { register as registerInit } from '../src/cli/commands/init';
import { normalizeArgs } from '../src/cli/main';
import { emptyState, encodeStateV4, providerAddress, setInstance, StateManager } from '../src/state';
import { PgBackend } from '../src/state/backends/pg';
import { initializedBackend } from '../src/state/backends/backend-record';
import { PgServer, startPgServer } from './helpers/pg-server';

let server: PgServer;
const dirs: string[] = [];
beforeAll(async () => {
  server = await startPgServer();
});
afterAll(() => {
  server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function init(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = -1;
  const program = new Command('xcpform').exitOverride();
  registerInit(program, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: { NO_COLOR: '1', ...env }, cwd, isTty: false }, (c) => (code = c));
  await program.parseAsync(normalizeArgs(['init', ...args]), { from: 'user' });
  return { code, out, err };
}

function workdir(tf: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'xcpform-migrate-'));
  dirs.push(d);
  writeFileSync(path.join(d, 'main.tf'), tf);
  return d;
}

function stateWith(lineage: string, serial: number, names: string[]): string {
  let s = { ...emptyState(lineage), serial };
  for (const [i, n] of names.entries()) {
    s = setInstance(s, { mode: 'managed', type: 'xcp_vm', name: n }, { schemaVersion: 0, attributes: { id: `vm-${i}`, name_label: n, memory: 1024 * (i + 1) }, sensitiveAttributes: [], dependencies: [] }, providerAddress());
  }
  return encodeStateV4(s);
}

const PG_BLOCK = 'terraform {\n  backend "pg" {}\n}\n';
const LINEAGE = '0f8b7c8e-6a51-4a53-9c39-51d5c3c1a001';

describe('init -migrate-state', () => {
  test('round-trips local → pg → local with identical resources, lineage and serial (all workspaces)', async () => {
    const conn = await server.createDatabase('roundtrip');
    const d = workdir(PG_BLOCK);
    const local = stateWith(LINEAGE, 5, ['web', 'db']);
    const staging = stateWith('0f8b7c8e-6a51-4a53-9c39-51d5c3c1a002', 2, ['stage']);
    writeFileSync(path.join(d, 'terraform.tfstate'), local);
    mkdirSync(path.join(d, 'terraform.tfstate.d', 'staging'), { recursive: true });
    writeFileSync(path.join(d, 'terraform.tfstate.d', 'staging', 'terraform.tfstate'), staging);

    const refused = await init(d, ['-backend-config', `conn_str=${conn}`]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Backend configuration changed/);
    expect(refused.err).toMatch(/xcpform init -migrate-state/);

    const moved = await init(d, ['-migrate-state', '-backend-config', `conn_str=${conn}`]);
    expect(moved.err).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.out).toContain('copied workspace "default"');
    expect(moved.out).toContain('copied workspace "staging"');
    expect(moved.out).toContain('Successfully configured the backend "pg"!');
    expect(await new PgBackend({ connStr: conn }).read()).toBe(local);
    expect(await new PgBackend({ connStr: conn, workspace: 'staging' }).read()).toBe(staging);
    expect(existsSync(path.join(d, 'terraform.tfstate'))).toBe(false);
    expect(readFileSync(path.join(d, 'terraform.tfstate.backup'), 'utf8')).toBe(local);

    // Later commands find the recorded backend (with init's -backend-config), not local.
    const { backend } = initializedBackend({ type: 'pg', config: {} }, { cwd: d, env: {} });
    expect(backend!.type).toBe('pg');
    expect(await backend!.read()).toBe(local);
    expect(initializedBackend(undefined, { cwd: d, env: {} }).diagnostics[0].summary).toMatch(/Backend initialization required/);

    // A change made while the state lives in pg, through the state manager.
    const lock = await backend!.lock({ operation: 'OperationTypeApply' });
    const { manager } = await StateManager.open(backend!);
    await manager!.apply((s) => setInstance(s, { mode: 'managed', type: 'xcp_vm', name: 'cache' }, { schemaVersion: 0, attributes: { id: 'vm-9' }, sensitiveAttributes: [], dependencies: [] }, providerAddress()));
    await backend!.unlock(lock.ID);
    const inPg = (await backend!.read())!;

    // Remove the backend block: back to local.
    writeFileSync(path.join(d, 'main.tf'), '# no backend\n');
    const back = await init(d, ['-migrate-state']);
    expect(back.err).toBe('');
    expect(back.code).toBe(0);
    const returned = readFileSync(path.join(d, 'terraform.tfstate'), 'utf8');
    expect(returned).toBe(inPg);
    const parsed = JSON.parse(returned);
    expect(parsed.lineage).toBe(LINEAGE);
    expect(parsed.serial).toBe(6);
    expect(parsed.resources.map((r: { name: string }) => r.name)).toEqual(['cache', 'db', 'web']);
    expect(JSON.parse(local).resources).toEqual(parsed.resources.filter((r: { name: string }) => r.name !== 'cache'));
    expect(readFileSync(path.join(d, 'terraform.tfstate.d', 'staging', 'terraform.tfstate'), 'utf8')).toBe(staging);
    expect(existsSync(path.join(d, '.terraform', 'xcpform-backend.json'))).toBe(false);
  });

  test('refuses a destination with another lineage unless -force-copy; PG_CONN_STR configures the backend', async () => {
    const conn = await server.createDatabase('lineage').then((c) => c.replace('xcpform@', 'xcpform:hunter22@'));
    await new PgBackend({ connStr: conn }).write(stateWith('11111111-1111-4111-8111-111111111111', 9, ['other']));
    const d = workdir(PG_BLOCK);
    const mine = stateWith(LINEAGE, 3, ['web']);
    writeFileSync(path.join(d, 'terraform.tfstate'), mine);
    const env = { PG_CONN_STR: conn };

    const refused = await init(d, ['-migrate-state'], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Destination already has a different state for workspace "default"');
    expect(refused.err).toContain('lineage 11111111-1111-4111-8111-111111111111');
    expect(refused.err).toContain('-force-copy');
    expect(refused.err + refused.out).not.toContain('hunter22');
    expect(readFileSync(path.join(d, 'terraform.tfstate'), 'utf8')).toBe(mine); // source untouched

    const forced = await init(d, ['-migrate-state', '-force-copy', '-input=false'], env);
    expect(forced.code).toBe(0);
    expect(await new PgBackend({ connStr: conn }).read()).toBe(mine);
    // Unchanged backend: a second init has nothing to do.
    expect((await init(d, [], env)).code).toBe(0);
  });

  test('an unreachable database is a diagnostic without the password', async () => {
    const d = workdir(PG_BLOCK);
    const res = await init(d, ['-backend-config=conn_str=postgres://u:topsecret@127.0.0.1:1/db?sslmode=disable']);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/Backend initialization failed/);
    expect(res.err).toContain('postgres://u:****@127.0.0.1:1/db');
    expect(res.err).not.toContain('topsecret');
  });
});
