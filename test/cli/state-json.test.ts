/**
 * `show -json` without a plan, `state pull` and `state push`, checked against terraform on the
 * same state (a module example, so child_modules and module addresses are covered).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, xcpform } from '../helpers/cli';
import { TerraformWorkspace, terraformVersion } from '../helpers/tfplugin-terraform';

describe('state as JSON, pull and push', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-statejson-'));
  beforeAll(() => {
    cpSync(join(ROOT, 'examples', 'modules'), dir, { recursive: true });
    const res = xcpform(['apply', '-auto-approve'], { cwd: dir });
    if (res.code !== 0) throw new Error(res.stdout + res.stderr);
  });

  test('show -json of the state equals terraform show -json of the same state (but terraform_version)', () => {
    terraformVersion();
    const ours = JSON.parse(xcpform(['show', '-json'], { cwd: dir }).stdout);
    const ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);
    const theirs = JSON.parse(ws.expect(['show', '-json']).stdout);
    expect(ours.values.root_module.child_modules.map((m: { address: string }) => m.address)).toEqual(['module.tier["app"]', 'module.tier["web"]']);
    expect({ ...ours, terraform_version: 'x' }).toEqual({ ...theirs, terraform_version: 'x' });
  });

  test('show -json with no state is the empty document', () => {
    const empty = mkdtempSync(join(tmpdir(), 'xcpform-statejson-empty-'));
    writeFileSync(join(empty, 'main.tf'), '');
    expect(xcpform(['show', '-json'], { cwd: empty }).stdout).toBe('{"format_version":"1.0"}\n');
  });

  test('state pull prints the stored state byte for byte; push of it back is accepted; push of another lineage or an older serial is refused unless -force', () => {
    const pulled = xcpform(['state', 'pull'], { cwd: dir });
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toBe(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const doc = JSON.parse(pulled.stdout);

    const file = join(dir, 'pushed.tfstate');
    const dropOne = { ...doc, resources: doc.resources.filter((r: { type: string }) => r.type !== 'xcp_network') };
    writeFileSync(file, JSON.stringify(dropOne));
    expect(xcpform(['state', 'push', file], { cwd: dir }).code).toBe(0);
    expect(xcpform(['state', 'list'], { cwd: dir }).stdout).not.toContain('xcp_network.lan');

    writeFileSync(file, JSON.stringify({ ...doc, serial: 1 }));
    const older = xcpform(['state', 'push', file], { cwd: dir });
    expect(older.code).toBe(1);
    expect(older.stderr).toContain('over newer state with serial');

    writeFileSync(file, JSON.stringify({ ...doc, lineage: '00000000-0000-4000-8000-000000000000' }));
    const other = xcpform(['state', 'push', file], { cwd: dir });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('unrelated state with lineage');
    expect(xcpform(['state', 'push', '-force', file], { cwd: dir }).code).toBe(0);
    const after = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(after.lineage).toBe('00000000-0000-4000-8000-000000000000');
    expect(after.resources.map((r: { type: string }) => r.type)).toContain('xcp_network');

    const bad = xcpform(['state', 'push', join(dir, 'main.tf')], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
