import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform, ROOT } from './helpers/cli';

const NET = 'Pool-wide network associated with eth0';

describe('ovf import → plan → apply against the simulator', () => {
  test('a collection of three becomes an appliance with its VMs in start order; the re-plan is empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-ovf-apply-'));
    const imp = xcpform(['ovf', 'import', join(ROOT, 'test', 'fixtures', 'ovf', 'collection-3', 'three-tier.ovf'), '-o', dir, '--offline']);
    expect(imp.code).toBe(0);
    const vars = ['-var', `network_front=${NET}`, '-var', `network_back=${NET}`];
    const apply = xcpform(['apply', '-auto-approve', ...vars], { cwd: dir });
    expect(apply.stdout).toContain('Apply complete! Resources: 4 added, 0 changed, 0 migrated, 0 destroyed.');
    // The appliance imported the VMs; the xcp_vm blocks adopted them instead of cloning again.
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const vms = state.resources.filter((r: { type: string }) => r.type === 'xcp_vm').map((r: { instances: { attributes: { name_label: string; start_order: number; appliance: string } }[] }) => r.instances[0].attributes);
    const appliance = state.resources.find((r: { type: string }) => r.type === 'xcp_appliance').instances[0].attributes;
    expect(vms.map((v: { name_label: string; start_order: number }) => [v.name_label, v.start_order]).sort()).toEqual([['app', 2], ['database', 1], ['web', 3]]);
    expect(vms.every((v: { appliance: string }) => v.appliance === appliance.uuid)).toBe(true);
    expect(xcpform(['plan', '-detailed-exitcode', ...vars], { cwd: dir }).code).toBe(0);
  }, 120_000);
});
