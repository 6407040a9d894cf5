/**
 * The Terraform front door sees a device unplugged behind its back too: real terraform through
 * dev_overrides on the embedded simulator, a VBD and a VIF unplugged over XAPI between runs.
 */
import { join } from 'node:path';
import { startSimulator } from '../src/simulator';
import { XapiClient } from '../src/xenapi';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

const MAIN_TF = `terraform {
  required_providers {
    xcp = { source = "registry.terraform.io/xcpform/xcp" }
  }
}
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
resource "xcp_vm" "web" {
  name_label = "web"
  template   = "Debian Bookworm 12"
  memory     = 1073741824
  disk {
    size = 10737418240
  }
  disk {
    size = 1073741824
  }
  nic {
    network = "Pool-wide network associated with eth0"
  }
}
`;

describe('terraform plan after VBD.unplug / VIF.unplug', () => {
  test('plans the re-plug (attached false -> true), applies it, then plans no changes', async () => {
    terraformVersion();
    const ws = new TerraformWorkspace();
    ws.write(MAIN_TF);
    ws.expect(['apply', '-auto-approve', '-no-color']);
    ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    const vm = ws.state().resources.find((r) => r.type === 'xcp_vm')!.instances[0].attributes as { disk: { userdevice: string; vbd_uuid: string }[]; nic: { vif_uuid: string }[] };
    const sim = await startSimulator({ stateFile: join(ws.dir, '.xcpform', 'simulator.json') });
    const client = new XapiClient({ url: sim.pools.find((p) => p.name === 'dc1')!.url, credentials: { username: 'root', password: 'xcpform' } });
    try {
      const data = vm.disk.find((d) => d.userdevice === '1')!;
      await client.call('VBD.unplug', await client.call<string>('VBD.get_by_uuid', data.vbd_uuid));
      await client.call('VIF.unplug', await client.call<string>('VIF.get_by_uuid', vm.nic[0].vif_uuid));
    } finally {
      await client.close();
      await sim.close();
    }
    const plan = ws.expect(['plan', '-detailed-exitcode', '-no-color'], 2).stdout;
    // The provider stores an attribute left at its default as null (src/tfplugin/views.ts), so
    // Terraform shows the way back to the default `true` as "-> null".
    expect(plan.match(/ attached += false -> (true|null)/g)).toHaveLength(2);
    expect(plan).toMatch(/0 to add, 1 to change, 0 to destroy/);
    ws.expect(['apply', '-auto-approve', '-no-color']);
    ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    const after = await startSimulator({ stateFile: join(ws.dir, '.xcpform', 'simulator.json') });
    const check = new XapiClient({ url: after.pools.find((p) => p.name === 'dc1')!.url, credentials: { username: 'root', password: 'xcpform' } });
    try {
      const vms = await check.getAllRecords('VM');
      const rec = [...vms.values()].find((v) => v.name_label === 'web')!;
      const vbds = await Promise.all(rec.VBDs.map((b) => check.getRecord('VBD', b)));
      const vifs = await Promise.all(rec.VIFs.map((v) => check.getRecord('VIF', v)));
      expect(vbds.filter((b) => b.type === 'Disk').map((b) => b.currently_attached)).toEqual([true, true]);
      expect(vifs.map((v) => v.currently_attached)).toEqual([true]);
    } finally {
      await check.close();
      await after.close();
    }
  });
});
