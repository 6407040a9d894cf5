import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';

const CONFIG = `
variable "mtu" {
  type    = number
  default = 1500
}
provider "xcp" {
  pools        = { dc1 = { url = "embedded" }, cloud1 = { url = "embedded" } }
  default_pool = "cloud1"
}
resource "xcp_network" "lan" {
  name_label = "lan"
  mtu        = var.mtu
  tags       = ["a"]
}
resource "xcp_network" "burst" {
  pool       = "cloud1"
  name_label = "burst-\${xcp_network.lan.bridge}"
}
output "bridge" {
  value = xcp_network.lan.bridge
}
`;

function workdir(config = CONFIG): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-e2e-'));
  writeFileSync(join(dir, 'main.tf'), config);
  return dir;
}

describe('plan, apply, plan, destroy through the CLI against the embedded simulator', () => {
  test('a second plan after apply is empty; an update is in place; destroy leaves nothing', () => {
    const dir = workdir();
    const plan = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(plan.code).toBe(2);

    const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect(apply.stdout).toContain('xcp_network.lan: Creation complete');
    expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 migrated, 0 destroyed.');
    expect(apply.code).toBe(0);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(state.version).toBe(4);
    expect(state.resources.map((r: { type: string; name: string }) => `${r.type}.${r.name}`).sort()).toEqual(['xcp_network.burst', 'xcp_network.lan']);
    expect(state.outputs.bridge.value).toMatch(/^xapi\d+$/);
    expect(statSync(join(dir, 'terraform.tfstate')).mode & 0o777).toBe(0o600);
    const burst = state.resources.find((r: { name: string }) => r.name === 'burst').instances[0].attributes;
    expect(burst.name_label).toBe(`burst-${state.outputs.bridge.value}`);
    expect(burst.pool).toBe('cloud1');

    const again = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
    expect(again.stdout).toContain('No changes. Your infrastructure matches the configuration.');
    expect(again.code).toBe(0);

    const update = xcpform(['apply', '-auto-approve', '-var', 'mtu=9000'], { cwd: dir });
    expect(update.stdout).toContain('~ mtu');
    expect(update.stdout).toContain('Apply complete! Resources: 0 added, 1 changed, 0 migrated, 0 destroyed.');

    const destroy = xcpform(['destroy', '-auto-approve', '-var', 'mtu=9000'], { cwd: dir });
    expect(destroy.stdout).toContain('Destroy complete! Resources: 2 destroyed.');
    const after = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(after.resources).toEqual([]);
    expect(after.serial).toBeGreaterThan(state.serial);
    expect(after.lineage).toBe(state.lineage);
  }, 120_000);

  test('a saved plan applies exactly; a stale saved plan is refused', () => {
    const dir = workdir();
    const plan = xcpform(['plan', '-out', 'p1.xcp'], { cwd: dir });
    expect(plan.stdout).toContain('Saved the plan to: p1.xcp');
    expect(statSync(join(dir, 'p1.xcp')).mode & 0o777).toBe(0o600);
    xcpform(['plan', '-out', 'p2.xcp'], { cwd: dir });
    const apply = xcpform(['apply', 'p1.xcp'], { cwd: dir });
    expect(apply.stdout).toContain('Apply complete! Resources: 2 added');
    expect(apply.code).toBe(0);
    const stale = xcpform(['apply', 'p2.xcp'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('Error: Saved plan is stale');
    const bad = xcpform(['apply', 'main.tf'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a plan file/);
  }, 120_000);

  test('apply without -auto-approve asks and stops unless the answer is yes', () => {
    const dir = workdir();
    const res = xcpform(['apply'], { cwd: dir });
    expect(res.stdout).toContain('Do you want to perform these actions?');
    expect(res.stderr).toContain('Apply cancelled.');
    expect(res.code).toBe(1);
  }, 60_000);

  test('configuration errors are diagnostics with file and line, exit 1', () => {
    const dir = workdir('resource "xcp_network" "x" {\n  name_label = var.nope\n}\n');
    const res = xcpform(['plan'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Error: .*var\.nope|Reference to undeclared input variable/);
    expect(res.stderr).toContain('main.tf');
    expect(res.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  }, 60_000);
});
