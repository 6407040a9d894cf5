/**
 * One fact, one owner on appliances (issue 16, fidelity "not-settled phantom-drift
 * xcp_appliance vms" and "not-settled xcp_appliance update power_state"): membership is owned by
 * `xcp_vm.appliance` and each member's power state by its `xcp_vm.power_state`; the appliance
 * reads both. After apply the next plan is empty and reports nothing changed outside xcpform;
 * an appliance that tries to own either is refused at plan time. Through the xcpform CLI on
 * the embedded simulator.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planWorkspace } from '../src/engine/plan';
import { Workspace } from '../src/engine/workspace';
import { xcpform } from './helpers/cli';

const PROVIDER = 'provider "xcp" {\n  pools        = { dc1 = { url = "embedded" } }\n  default_pool = "dc1"\n}\n';
/** The refreshed attributes of an instance, as the next plan reads them. */
async function refreshed(dir: string, address: string): Promise<Record<string, unknown>> {
  const { workspace } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
  try {
    const { plan } = await planWorkspace(workspace!, { mode: 'normal' });
    return plan!.changes.find((c) => c.address === address)!.before as Record<string, unknown>;
  } finally {
    await workspace!.close();
  }
}

const member = (name: string, power: string): string =>
  `resource "xcp_vm" "${name}" {\n  name_label  = "${name}"\n  template    = "Debian Bookworm 12"\n  appliance   = xcp_appliance.shop.uuid\n  power_state = "${power}"\n}\n`;

describe('xcp_appliance membership and power state', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'xcpform-appliance-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('members joining with xcp_vm.appliance settle: the next plan is empty and reports no change outside xcpform', async () => {
    writeFileSync(join(dir, 'main.tf'), `${PROVIDER}resource "xcp_appliance" "shop" {\n  name_label = "shop"\n}\n${member('db', 'running')}${member('web', 'running')}`);
    const apply = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    const again = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(again.stdout).not.toContain('changed outside of xcpform');
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const of = (type: string, name: string) => state.resources.find((r: { type: string; name: string }) => r.type === type && r.name === name).instances[0].attributes;
    const app = await refreshed(dir, 'xcp_appliance.shop');
    expect([...(app.vms as string[])].sort()).toEqual([of('xcp_vm', 'db').uuid, of('xcp_vm', 'web').uuid].sort());
    expect(app.power_state).toBe('running');
  }, 120_000);

  test('members in different states read as mixed and settle', async () => {
    writeFileSync(join(dir, 'main.tf'), `${PROVIDER}resource "xcp_appliance" "shop" {\n  name_label = "shop"\n}\n${member('db', 'running')}${member('web', 'halted')}`);
    expect(xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir }).code).toBe(0);
    const again = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
    expect((await refreshed(dir, 'xcp_appliance.shop')).power_state).toBe('mixed');
  }, 120_000);

  test.each([
    ['power_state', '"halted"'],
    ['vms', '[]'],
  ])('an appliance setting %s is refused at plan time, naming the attribute', (attr, value) => {
    writeFileSync(join(dir, 'main.tf'), `${PROVIDER}resource "xcp_appliance" "shop" {\n  name_label = "shop"\n  ${attr} = ${value}\n}\n${member('db', 'running')}`);
    const plan = xcpform(['plan', '-no-color'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(attr);
    expect(plan.stderr).toContain('on main.tf line');
    expect(plan.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  }, 60_000);
});
