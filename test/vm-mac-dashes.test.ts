/**
 * MAC addresses written with dashes or capitals are the same address as XAPI's lowercase,
 * colon-separated form: the VIF gets the canonical form, the next plan is empty, respelling the
 * same address plans nothing, a different address replaces the VIF, an invalid one is refused
 * by validation; with the xcpform CLI and with real terraform, on the embedded simulator.
 */
import { join } from 'node:path';
import { startSimulator } from '../src/simulator';
import { XapiClient } from '../src/xenapi';
import { xcpform } from './helpers/cli';
import { configFolders, DC1 } from './helpers/config-folder';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

const vm = (mac: string): string => `resource "xcp_vm" "web" {
  name_label = "web"
  template   = "Debian Bookworm 12"
  memory     = 1073741824
  nic {
    network = "Pool-wide network associated with eth0"
    mac     = "${mac}"
  }
}
`;

/** The MAC of the VM "web"'s VIF in the folder's embedded world. */
async function vifMac(dir: string): Promise<string> {
  const sim = await startSimulator({ stateFile: join(dir, '.xcpform', 'simulator.json') });
  const client = new XapiClient({ url: sim.pools.find((p) => p.name === 'dc1')!.url, credentials: { username: 'root', password: 'xcpform' } });
  try {
    const vm = [...(await client.getAllRecords('VM')).values()].find((v) => v.name_label === 'web')!;
    return (await client.getRecord('VIF', vm.VIFs[0])).MAC;
  } finally {
    await client.close();
    await sim.close();
  }
}

describe('xcp_vm nic.mac with dashes', () => {
  test('xcpform: applies the canonical MAC, plans empty, respelling plans nothing, a new MAC changes the VIF', async () => {
    const { workdir, write, applyAndSettle } = configFolders(DC1, 'xcpform-mac-');
    const dir = workdir(vm('02-AB-CD-EF-00-01'));
    applyAndSettle(dir);
    expect(await vifMac(dir)).toBe('02:ab:cd:ef:00:01');
    write(dir, vm('02:ab:cd:ef:00:01'));
    const same = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect([same.code, same.stdout]).toEqual([0, expect.stringContaining('No changes.')]);
    write(dir, vm('02-AB-CD-EF-00-02'));
    const plan = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(plan.code).toBe(2);
    // The plan shows XAPI's spelling, and a new VIF (the guest sees a new interface).
    expect(plan.stdout).toMatch(/mac += "02:ab:cd:ef:00:01" -> "02:ab:cd:ef:00:02"/);
    expect(plan.stdout).toMatch(/vif_uuid += "[0-9a-f-]{36}" -> \(known after apply\)/);
    applyAndSettle(dir);
    expect(await vifMac(dir)).toBe('02:ab:cd:ef:00:02');
    write(dir, vm('02-AB-CD-EF-00:02'));
    const bad = xcpform(['validate', '-no-color'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('must be a MAC address');
  }, 180_000);

  test('terraform: apply with a dashed MAC, plan empty; a respelled address keeps the VIF', async () => {
    terraformVersion();
    const ws = new TerraformWorkspace();
    const head = `terraform {\n  required_providers {\n    xcp = { source = "registry.terraform.io/xcpform/xcp" }\n  }\n}\nprovider "xcp" {\n  pools = { dc1 = { url = "embedded" } }\n}\n`;
    ws.write(head + vm('02-AB-CD-EF-00-03'));
    ws.expect(['apply', '-auto-approve', '-no-color']);
    ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    expect(await vifMac(ws.dir)).toBe('02:ab:cd:ef:00:03');
    // The state keeps the configuration's spelling (Terraform requires the applied value to be the planned one).
    const nic = (ws.state().resources.find((r) => r.type === 'xcp_vm')!.instances[0].attributes as { nic: { mac: string }[] }).nic[0];
    expect(nic.mac).toBe('02-AB-CD-EF-00-03');
    // Terraform plans the configuration's spelling (its rule for configured values), so the
    // respelling shows as an update once; applying it leaves the VIF as it is.
    const vifUuid = (ws.state().resources.find((r) => r.type === 'xcp_vm')!.instances[0].attributes as { nic: { vif_uuid: string }[] }).nic[0].vif_uuid;
    ws.write(head + vm('02:ab:cd:ef:00:03'));
    ws.expect(['apply', '-auto-approve', '-no-color']);
    ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    const after = (ws.state().resources.find((r) => r.type === 'xcp_vm')!.instances[0].attributes as { nic: { vif_uuid: string; mac: string }[] }).nic[0];
    expect(after).toMatchObject({ vif_uuid: vifUuid, mac: '02:ab:cd:ef:00:03' });
  }, 180_000);
});
