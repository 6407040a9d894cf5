/**
 * An xcp_vlan on an existing network that an xcp_network manages: the VLAN must not reset the
 * network's labels (name_description, tags, other_config), so both resources settle. Through the
 * CLI on the embedded simulator, and per resource over HTTP.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decide } from '../src/plan/decide';
import { planResourceChange } from '../src/plan/diff';
import { networkResource } from '../src/resources/network';
import { vlanResource } from '../src/resources/vlan';
import { xcpform } from './helpers/cli';
import { configOf, startResourceHarness, type ResourceHarness } from './helpers/resource-context';

const MAIN_TF = `
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}

resource "xcp_network" "app" {
  name_label       = "app"
  name_description = "application traffic"
  tags             = ["app"]
  other_config     = { team = "web" }
}

resource "xcp_vlan" "app" {
  tag     = 42
  device  = "eth1"
  network = xcp_network.app.uuid
}
`;

describe('xcp_vlan on a network managed by xcp_network', () => {
  test('xcpform apply, then plan -detailed-exitcode exits 0; the network keeps its description', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-vlan-'));
    writeFileSync(join(dir, 'main.tf'), MAIN_TF);
    const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect([apply.code, apply.stderr]).toEqual([0, '']);
    const plan = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
    if (plan.code !== 0) throw new Error(plan.stdout + plan.stderr);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] };
    const vlan = state.resources.find((r) => r.type === 'xcp_vlan')!.instances[0].attributes;
    // The network's facts are the xcp_network's: the VLAN reads them as null (one owner).
    expect([vlan.name_label, vlan.name_description, vlan.tags, vlan.other_config, vlan.mtu]).toEqual([null, null, null, null, null]);
    // A rename and a new MTU of the network are the network's changes: after apply, the VLAN plans no-op.
    writeFileSync(join(dir, 'main.tf'), MAIN_TF.replace('name_label       = "app"', 'name_label       = "app2"\n  mtu              = 9000'));
    const edit = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect([edit.code, edit.stderr]).toEqual([0, '']);
    expect(edit.stdout).toContain('1 changed');
    const again = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
    expect([again.code, again.stdout]).toEqual([0, expect.not.stringContaining('changed outside')]);
  });

  describe('per resource, over HTTP', () => {
    let h: ResourceHarness;
    beforeAll(async () => { h = await startResourceHarness(); });
    afterAll(async () => { await h.close(); });

    test('creating the VLAN leaves the network\'s labels as they are; both plan no-op', async () => {
      const netCfg = configOf(networkResource.schema, { pool: 'dc1', name_label: 'app', name_description: 'application traffic', tags: ['app'], other_config: { team: 'web' } });
      const net = (await networkResource.create({ planned: planResourceChange(networkResource.schema, null, netCfg).planned, config: netCfg, ctx: h.ctx('xcp_network.app') })).state;
      const vlanCfg = configOf(vlanResource.schema, { pool: 'dc1', tag: 43, device: 'eth1', network: net.uuid });
      const vlan = (await vlanResource.create({ planned: planResourceChange(vlanResource.schema, null, vlanCfg).planned, config: vlanCfg, ctx: h.ctx('xcp_vlan.app') })).state;
      const r = await h.records('dc1', ['network']);
      const rec = r.byUuid('network', net.uuid as string)!.record;
      expect([rec.name_description, rec.tags, rec.other_config.team]).toEqual(['application traffic', ['app'], 'web']);
      const world = await h.world();
      expect(planResourceChange(networkResource.schema, networkResource.read({ prior: net, world }).state, netCfg).action).toBe('no-op');
      const vlanRead = vlanResource.read({ prior: vlan, world }).state!;
      expect(decide({ schema: vlanResource.schema, address: 'xcp_vlan.app', resource: vlanResource, prior: vlanRead, config: vlanCfg, world }).action).toBe('no-op');
    });
  });
});
