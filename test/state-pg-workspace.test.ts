/**
 * `xcpform workspace` over the pg backend (rows of `states`) and local state
 * (`terraform.tfstate.d/`), with `.terraform/environment` recording the selection.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { register as registerInit } from '../src/cli/commands/init';
import { register as registerWorkspace } from '../src/cli/commands/workspace';
import { normalizeArgs } from '../src/cli/main';
import { PgBackend } from '../src/state/backends/pg';
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

async function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = -1;
  const program = new Command('xcpform').exitOverride();
  const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t), env: { NO_COLOR: '1', ...env }, cwd, isTty: false };
  registerInit(program, io, (c) => (code = c));
  registerWorkspace(program, io, (c) => (code = c));
  await program.parseAsync(normalizeArgs(args), { from: 'user' });
  return { code, out, err };
}

function workdir(tf: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'xcpform-ws-'));
  dirs.push(d);
  writeFileSync(path.join(d, 'main.tf'), tf);
  return d;
}

describe.each([
  ['pg', 'terraform {\n  backend "pg" {}\n}\n'],
  ['local', '# local state\n'],
])('xcpform workspace (%s)', (kind, tf) => {
  test('new, list, select, show, delete', async () => {
    const conn = await server.createDatabase(`ws_${kind}`);
    const env = { PG_CONN_STR: conn };
    const d = workdir(tf);
    expect((await cli(d, ['init'], env)).code).toBe(0);
    expect((await cli(d, ['workspace', 'list'], env)).out).toBe('* default\n');
    const created = await cli(d, ['workspace', 'new', 'staging'], env);
    expect([created.code, created.out, created.err]).toEqual([0, 'Created and switched to workspace "staging"!\n', '']);
    expect(readFileSync(path.join(d, '.terraform', 'environment'), 'utf8')).toBe('staging');
    expect((await cli(d, ['workspace', 'new', 'staging'], env)).err).toContain('Workspace "staging" already exists');
    expect((await cli(d, ['workspace', 'new', 'a/b'], env)).err).toContain('Invalid workspace name "a/b"');
    expect((await cli(d, ['workspace', 'list'], env)).out).toBe('  default\n* staging\n');
    expect((await cli(d, ['workspace', 'show'], env)).out).toBe('staging\n');
    expect((await cli(d, ['workspace', 'delete', 'staging'], env)).err).toContain('cannot be deleted');
    expect((await cli(d, ['workspace', 'select', 'nope'], env)).err).toContain('Workspace "nope" doesn\'t exist');
    expect((await cli(d, ['workspace', 'select', 'default'], env)).out).toBe('Switched to workspace "default".\n');
    expect((await cli(d, ['workspace', 'show'], env)).out).toBe('default\n');
    if (kind === 'pg') expect(JSON.parse((await new PgBackend({ connStr: conn, workspace: 'staging' }).read())!).version).toBe(4);
    expect((await cli(d, ['workspace', 'delete', 'staging'], env)).out).toBe('Deleted workspace "staging"!\n');
    expect((await cli(d, ['workspace', 'list'], env)).out).toBe('* default\n');
  });
});
