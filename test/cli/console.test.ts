/**
 * `xcpform console` answers what `terraform console` answers on the same folder and state
 * (a module example: module outputs, resource attributes, locals), prints only the last piped
 * line's result, and ends with exit 1 at the first error.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, xcpform } from '../helpers/cli';
import { TerraformWorkspace, terraformVersion } from '../helpers/tfplugin-terraform';

describe('xcpform console', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-console-'));
  let ws: TerraformWorkspace;
  beforeAll(() => {
    terraformVersion();
    cpSync(join(ROOT, 'examples', 'modules'), dir, { recursive: true });
    const res = xcpform(['apply', '-auto-approve'], { cwd: dir });
    if (res.code !== 0) throw new Error(res.stdout + res.stderr);
    ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);
  });

  const ours = (input: string) => spawnSync(process.execPath, [join(ROOT, 'bin', 'xcpform.js'), 'console', '-no-color'], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const theirs = (input: string) => {
    const r = spawnSync('terraform', ['console', '-no-color'], { cwd: ws.dir, input, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: join(ws.root, 'cli.tfrc'), CHECKPOINT_DISABLE: '1' } });
    return { status: r.status, stdout: r.stdout };
  };

  test.each([
    ['module.tier["web"].names'],
    ['module.tier["app"]'],
    ['xcp_network.lan.name_label'],
    ['local.tiers'],
    ['length(module.tier)'],
    ['[for k, t in module.tier : k]'],
    ['{ a = 1, b = [true, null, "x"] }'],
    ['"line1\\nline2"'],
    ['1\n2'],
  ])('%s', (input) => {
    const a = ours(`${input}\n`);
    const b = theirs(`${input}\n`);
    expect(b.status).toBe(0);
    expect({ status: a.status, stdout: a.stdout }).toEqual(b);
  });

  test.each([['nope.x'], ['1\nupper(\n2']])('an error (%j) ends the run with exit 1 and no value printed, as terraform', (input) => {
    const a = ours(`${input}\n`);
    const b = theirs(`${input}\n`);
    expect(b.status).toBe(1);
    expect(a.status).toBe(1);
    expect(a.stdout).toBe('');
    expect(a.stderr).toContain('Error');
    expect(a.stderr).not.toMatch(/\n\s+at /);
  });
});
