/**
 * Compatibility with the real Terraform (1.11) pg backend on the same database: Terraform
 * reads the states xcpform wrote (and the schema xcpform created), xcpform reads the states
 * Terraform wrote, and the two exclude each other through the same advisory-lock keys.
 * Terraform runs offline: the pg backend and `terraform_data` are built in. Skipped when no
 * `terraform` binary is on the PATH.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeStateV4, emptyState, encodeStateV4, providerAddress, setInstance, StateManager, setOutput } from '../src/state';
import { PgBackend } from '../src/state/backends/pg';
import { PgServer, startPgServer } from './helpers/pg-server';

const terraformBin = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'terraform')).find((f) => existsSync(f));

let server: PgServer;
const dirs: string[] = [];
beforeAll(async () => {
  server = await startPgServer();
});
afterAll(() => {
  server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tf(cwd: string, args: string[]): { code: number; out: string } {
  if (!terraformBin) throw new Error('terraform is not on the PATH: these tests need it (it is part of the machine image)');
  const res = spawnSync(terraformBin, [...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', NO_COLOR: '1', TF_CLI_CONFIG_FILE: '/dev/null', TF_INPUT: '0' },
  });
  return { code: res.status ?? -1, out: `${res.stdout}${res.stderr}` };
}

function tfDir(conn: string, body = ''): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'xcpform-tf-'));
  dirs.push(d);
  writeFileSync(path.join(d, 'main.tf'), `terraform {\n  backend "pg" {}\n}\n${body}`);
  const init = tf(d, ['init', '-no-color', '-input=false', `-backend-config=conn_str=${conn}`]);
  expect(init.out).toContain('Terraform has been successfully initialized!');
  return d;
}

describe('Terraform and xcpform share a pg backend', () => {
  test('terraform reads the states and workspaces xcpform wrote (xcpform created the schema)', async () => {
    const conn = await server.createDatabase('xcp_first');
    expect(await new PgBackend({ connStr: conn }).listWorkspaces()).toEqual(['default']); // creates the schema
    // Terraform's init would fetch the providers a stored state names; init before xcpform writes.
    const d = tfDir(conn);
    let s = { ...emptyState(), serial: 3 };
    for (const name of ['web', 'db']) s = setInstance(s, { mode: 'managed', type: 'xcp_vm', name }, { schemaVersion: 0, attributes: { id: name }, sensitiveAttributes: [], dependencies: [] }, providerAddress());
    await new PgBackend({ connStr: conn }).write(encodeStateV4(s));
    await new PgBackend({ connStr: conn, workspace: 'staging' }).write(encodeStateV4({ ...emptyState(), serial: 1 }));
    const list = tf(d, ['state', 'list', '-no-color']);
    expect(list.code).toBe(0);
    expect(list.out.trim().split('\n')).toEqual(['xcp_vm.db', 'xcp_vm.web']);
    const ws = tf(d, ['workspace', 'list', '-no-color']);
    expect(ws.out.replace(/\s+/g, ' ').trim()).toBe('* default staging');
  });

  test('xcpform reads and extends a state Terraform applied; Terraform still reads it', async () => {
    const conn = await server.createDatabase('tf_first');
    const d = tfDir(conn, 'resource "terraform_data" "x" {\n  input = "hello"\n}\n');
    const apply = tf(d, ['apply', '-no-color', '-auto-approve', '-input=false']);
    expect(apply.out).toContain('Apply complete! Resources: 1 added');

    const b = new PgBackend({ connStr: conn });
    const text = (await b.read())!;
    const { state, diagnostics } = decodeStateV4(text, b.name);
    expect(diagnostics).toEqual([]);
    expect(state!.resources.map((r) => `${r.type}.${r.name}`)).toEqual(['terraform_data.x']);

    const lock = await b.lock({ operation: 'OperationTypeApply' });
    const { manager } = await StateManager.open(b);
    await manager!.apply((st) => setOutput(st, 'from_xcpform', { value: 'yes', type: 'string' }));
    await b.unlock(lock.ID);
    const after = JSON.parse((await b.read())!);
    expect(after.lineage).toBe(state!.lineage);
    expect(after.serial).toBe(state!.serial + 1);

    const list = tf(d, ['state', 'list', '-no-color']);
    expect(list.out.trim()).toBe('terraform_data.x');
    const out = tf(d, ['output', '-no-color', '-raw', 'from_xcpform']);
    expect(out.out).toBe('yes');
  });

  test('a lock held by xcpform stops terraform, and is released for it on unlock', async () => {
    const conn = await server.createDatabase('tf_lock');
    const d = tfDir(conn, 'resource "terraform_data" "x" {\n  input = "hello"\n}\n');
    expect(tf(d, ['apply', '-no-color', '-auto-approve', '-input=false']).code).toBe(0);
    const b = new PgBackend({ connStr: conn });
    const lock = await b.lock({ operation: 'OperationTypeApply' });
    const blocked = tf(d, ['plan', '-no-color', '-input=false', '-lock-timeout=0s']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toContain('Workspace is already locked: default');
    await b.unlock(lock.ID);
    const free = tf(d, ['plan', '-no-color', '-input=false', '-lock-timeout=0s']);
    expect(free.out).toContain('No changes.');
  });
});
