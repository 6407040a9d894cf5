/**
 * A saved plan is the file a pull request hands to the apply job: apply derives every action
 * again from what the plan recorded and refuses a plan whose actions do not follow (a `no-op`
 * edited into a `delete`, an update into a replace, a change added), and it applies where it is
 * applied: the working folder is resolved at apply time (a moved or copied project folder
 * applies to its own state, the old path is never recreated), and a state of another lineage
 * there is refused. All through the CLI on the embedded pool.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';
import { configFolders, DC1 } from './helpers/config-folder';

const CONFIG = `
resource "xcp_network" "lan" {
  name_label = "lan"
}
resource "xcp_network" "dmz" {
  name_label = "dmz"
}
`;
const folders = configFolders(DC1, 'xcpform-saved-plan-');

/** A folder with both networks applied and a saved plan `p.xcp` that changes nothing (or the given edit). */
function appliedWithPlan(edit = ''): string {
  const dir = folders.workdir(CONFIG);
  folders.applyAndSettle(dir);
  if (edit) folders.write(dir, CONFIG + edit);
  const plan = xcpform(['plan', '-out', 'p.xcp', '-no-color'], { cwd: dir });
  expect(plan.code).toBe(0);
  return dir;
}

const readPlan = (dir: string) => JSON.parse(readFileSync(join(dir, 'p.xcp'), 'utf8'));
const writePlan = (dir: string, doc: unknown) => writeFileSync(join(dir, 'p.xcp'), JSON.stringify(doc));
const stateOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
const addresses = (dir: string): string[] => stateOf(dir).resources.map((r: { type: string; name: string }) => `${r.type}.${r.name}`).sort();

describe('a saved plan whose actions were edited is refused', () => {
  test('a no-op turned into a delete: refused, nothing destroyed', () => {
    const dir = appliedWithPlan();
    const doc = readPlan(dir);
    const lan = doc.plan.changes.find((c: { address: string }) => c.address === 'xcp_network.lan');
    expect(lan.action).toBe('no-op');
    Object.assign(lan, { action: 'delete', after: null });
    writePlan(dir, doc);
    const serial = stateOf(dir).serial;
    const r = xcpform(['apply', 'p.xcp', '-no-color'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Saved plan\'s action for xcp_network.lan does not follow from it');
    expect(r.stderr).toContain('The plan file says "delete", but its own prior state, refreshed objects and configuration give "no-op"');
    expect(stateOf(dir).serial).toBe(serial);
    expect(addresses(dir)).toEqual(['xcp_network.dmz', 'xcp_network.lan']);
    expect(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }).code).toBe(0);
  }, 120_000);

  test('a no-op turned into a replace, and a create dropped: both refused', () => {
    const dir = appliedWithPlan('resource "xcp_network" "web" {\n  name_label = "web"\n}\n');
    const doc = readPlan(dir);
    const web = doc.plan.changes.find((c: { address: string }) => c.address === 'xcp_network.web');
    expect(web.action).toBe('create');
    doc.plan.changes = doc.plan.changes.filter((c: { address: string }) => c.address !== 'xcp_network.web');
    doc.plan.changes.find((c: { address: string }) => c.address === 'xcp_network.dmz').action = 'replace';
    writePlan(dir, doc);
    const r = xcpform(['apply', 'p.xcp', '-no-color'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('xcp_network.dmz does not follow');
    expect(r.stderr).toContain('xcp_network.web does not follow');
    expect(addresses(dir)).toEqual(['xcp_network.dmz', 'xcp_network.lan']);
  }, 120_000);

  test('an unedited plan with a create applies', () => {
    const dir = appliedWithPlan('resource "xcp_network" "web" {\n  name_label = "web"\n}\n');
    const r = xcpform(['apply', 'p.xcp', '-no-color'], { cwd: dir });
    expect(r.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 migrated, 0 destroyed.');
    expect(r.code).toBe(0);
  }, 120_000);
});

describe('a saved plan applies where it is applied', () => {
  const withWeb = 'resource "xcp_network" "web" {\n  name_label = "web"\n}\n';

  test('moved project folder: the plan applies to the moved state; the old path is not recreated', () => {
    const dir = appliedWithPlan(withWeb);
    const moved = `${dir}-moved`;
    renameSync(dir, moved);
    const r = xcpform(['apply', 'p.xcp', '-no-color'], { cwd: moved });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(dir)).toBe(false);
    expect(addresses(moved)).toEqual(['xcp_network.dmz', 'xcp_network.lan', 'xcp_network.web']);
  }, 120_000);

  test('copied project folder: the copy\'s state changes, the original\'s does not', () => {
    const dir = appliedWithPlan(withWeb);
    const copy = mkdtempSync(join(tmpdir(), 'xcpform-saved-plan-copy-'));
    cpSync(dir, copy, { recursive: true });
    const before = readFileSync(join(dir, 'terraform.tfstate'), 'utf8');
    const r = xcpform(['apply', 'p.xcp', '-no-color'], { cwd: copy });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).toBe(before);
    expect(addresses(copy)).toEqual(['xcp_network.dmz', 'xcp_network.lan', 'xcp_network.web']);
  }, 120_000);

  test('a folder whose state has another lineage: refused', () => {
    const dir = appliedWithPlan(withWeb);
    const other = folders.workdir(CONFIG);
    folders.applyAndSettle(other);
    cpSync(join(dir, 'p.xcp'), join(other, 'p.xcp'));
    const r = xcpform(['apply', 'p.xcp', '-no-color'], { cwd: other });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Saved plan does not match the given state');
    expect(addresses(other)).toEqual(['xcp_network.dmz', 'xcp_network.lan']);
    rmSync(other, { recursive: true, force: true });
  }, 120_000);

  test('a plan file with an absolute working folder (older xcpform) is refused', () => {
    const dir = appliedWithPlan(withWeb);
    const doc = readPlan(dir);
    expect(doc.workDir).toBe('.');
    writePlan(dir, { ...doc, workDir: dir });
    const r = xcpform(['apply', 'p.xcp', '-no-color'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the plan records an absolute working folder');
  }, 120_000);
});
