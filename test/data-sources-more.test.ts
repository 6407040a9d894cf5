/**
 * The data sources added for issue 21 against the simulator: xcp_vdi and xcp_pif find exactly
 * one object or list the candidates; xcp_hosts and xcp_vms list with their filters, sorted.
 * Every schema attribute is in each state. Terraform reads them through the provider too.
 */
import { hostsDataSource } from '../src/data-sources/hosts';
import { pifDataSource } from '../src/data-sources/pif';
import { vdiDataSource } from '../src/data-sources/vdi';
import { vmsDataSource } from '../src/data-sources/vms';
import { dataSourceType } from '../src/resources/registry';
import type { DataSourceType } from '../src/resources/resource';
import type { ObjectValue } from '../src/values/value';
import { startResourceHarness, type ResourceHarness } from './helpers/resource-context';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

let h: ResourceHarness;
beforeAll(async () => { h = await startResourceHarness(); });
afterAll(async () => { await h.close(); });

async function read(ds: DataSourceType, config: ObjectValue) {
  return ds.read({ config, world: await h.world(ds.classes), defaultPool: 'dc1' });
}

function expectComplete(ds: DataSourceType, state: ObjectValue | null): void {
  expect(state).not.toBeNull();
  expect(Object.keys(state!).sort()).toEqual(Object.keys(ds.schema.block.attributes).sort());
}

/** A VM cloned from the Debian template, optionally started and tagged. */
async function vm(name: string, opts: { start?: boolean; tags?: string[] } = {}): Promise<string> {
  const c = h.client('dc1');
  const tpl = (await c.call<string[]>('VM.get_by_name_label', 'Debian Bookworm 12'))[0];
  const ref = await c.call<string>('VM.clone', tpl, name);
  await c.call('VM.provision', ref);
  await c.call('VM.set_is_a_template', ref, false);
  for (const t of opts.tags ?? []) await c.call('VM.add_tags', ref, t);
  if (opts.start) await c.call('VM.start', ref, false, false);
  return c.call<string>('VM.get_uuid', ref);
}

test('registered under their type names', () => {
  for (const name of ['xcp_vdi', 'xcp_pif', 'xcp_hosts', 'xcp_vms']) expect(dataSourceType(name)).toBeDefined();
});

test('xcp_vdi: by name and SR; a shared name is ambiguous and lists the candidates; snapshots are not candidates', async () => {
  const iso = await read(vdiDataSource, { name_label: 'debian-12.5.0-amd64-netinst.iso', sr: 'ISO library' });
  expectComplete(vdiDataSource, iso.state);
  expect(iso.state).toMatchObject({ pool: 'dc1', read_only: true, size: 650 * 2 ** 20, vms: [] });
  const c = h.client('dc1');
  const sr = (await c.call<string[]>('SR.get_by_name_label', 'NFS shared storage'))[0];
  const mk = (name: string) => c.call<string>('VDI.create', { name_label: name, SR: sr, virtual_size: 2 ** 30, type: 'user', sharable: false, read_only: false, other_config: {} });
  const one = await mk('scratch');
  await c.call('VDI.snapshot', one, {});
  expect((await read(vdiDataSource, { name_label: 'scratch' })).state).toMatchObject({ uuid: await c.call('VDI.get_uuid', one) });
  await mk('scratch');
  const twice = await read(vdiDataSource, { name_label: 'scratch' });
  expect(twice.state).toBeNull();
  expect(twice.diagnostics?.[0]).toMatchObject({ code: 'data.ambiguous' });
  expect(twice.diagnostics?.[0].detail?.match(/"scratch" \(/g)).toHaveLength(2);
  await c.call('VDI.add_tags', one, 'keep');
  expect((await read(vdiDataSource, { name_label: 'scratch', tags: ['keep'] })).state).toMatchObject({ tags: ['keep'] });
});

test('xcp_pif: a device is ambiguous across hosts until the host is given; vlan selects the tagged interface', async () => {
  const both = await read(pifDataSource, { device: 'eth1' });
  expect(both.diagnostics?.[0]).toMatchObject({ code: 'data.ambiguous' });
  expect(both.diagnostics?.[0].detail).toMatch(/eth1 on dc1-host1 .*eth1 on dc1-host2/);
  const one = await read(pifDataSource, { device: 'eth1', host: 'dc1-host2' });
  expectComplete(pifDataSource, one.state);
  expect(one.state).toMatchObject({ device: 'eth1', vlan: -1, physical: true, management: false, host: 'dc1-host2' });
  const mgmt = await read(pifDataSource, { device: 'eth0', host: 'dc1-host1' });
  expect(mgmt.state).toMatchObject({ management: true, ip_configuration_mode: 'Static' });
  const c = h.client('dc1');
  const net = await c.call<string>('network.create', { name_label: 'v77', name_description: '', MTU: 1500, other_config: {} });
  await c.call('pool.create_VLAN', 'eth1', net, 77);
  const tagged = await read(pifDataSource, { device: 'eth1', vlan: 77, host: 'dc1-host1' });
  expect(tagged.state).toMatchObject({ vlan: 77, physical: false, network: await c.call('network.get_uuid', net) });
  expect((await read(pifDataSource, { device: 'eth9', host: 'dc1-host1' })).diagnostics?.[0].code).toBe('data.not-found');
});

test('xcp_hosts: every host, sorted by name or memory, ascending or descending, filtered by tags', async () => {
  const all = await read(hostsDataSource, { pool: 'dc1' });
  expectComplete(hostsDataSource, all.state);
  const names = (s: ObjectValue | null) => (s!.hosts as ObjectValue[]).map((x) => x.name_label);
  expect(names(all.state)).toEqual(['dc1-host1', 'dc1-host2']);
  expect((all.state!.hosts as ObjectValue[])[0]).toMatchObject({ is_coordinator: true, address: expect.any(String) });
  expect(names((await read(hostsDataSource, { sort_order: 'desc' })).state)).toEqual(['dc1-host2', 'dc1-host1']);
  // The coordinator runs dom0 and the VMs started above: the other host has more free memory.
  await vm('busy', { start: true });
  const byMemory = (await read(hostsDataSource, { sort_by: 'memory_free', sort_order: 'desc' })).state!.hosts as ObjectValue[];
  expect(byMemory[0].memory_free as number).toBeGreaterThanOrEqual(byMemory[1].memory_free as number);
  const c = h.client('dc1');
  await c.call('host.add_tags', (await c.call<string[]>('host.get_by_name_label', 'dc1-host2'))[0], 'gpu');
  expect(names((await read(hostsDataSource, { tags: ['gpu'] })).state)).toEqual(['dc1-host2']);
});

test('xcp_vms: by power state, host, tags and name prefix, sorted by name; no templates or control domains', async () => {
  await vm('web-b', { start: true, tags: ['web'] });
  await vm('web-a', { tags: ['web'] });
  await vm('db-1', { tags: ['db'] });
  const names = async (config: ObjectValue) => ((await read(vmsDataSource, config)).state!.vms as ObjectValue[]).map((x) => x.name_label);
  const all = await read(vmsDataSource, {});
  expectComplete(vmsDataSource, all.state);
  expect(await names({ tags: ['web'] })).toEqual(['web-a', 'web-b']);
  expect(await names({ name_prefix: 'web-', power_state: 'halted' })).toEqual(['web-a']);
  expect(await names({ tags: ['db'] })).toEqual(['db-1']);
  const webB = ((await read(vmsDataSource, { name_prefix: 'web-b' })).state!.vms as ObjectValue[])[0];
  expect(webB).toMatchObject({ power_state: 'running', host: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  const hostName = ((await read(hostsDataSource, {})).state!.hosts as ObjectValue[]).find((x) => x.uuid === webB.host)!.name_label as string;
  expect(await names({ host: hostName, tags: ['web'] })).toEqual(['web-b']);
  expect((await names({})).some((n) => n.startsWith('Control domain') || n === 'Debian Bookworm 12')).toBe(false);
});

test('terraform reads the lists and lookups through the provider, and plans no change after', () => {
  terraformVersion();
  const ws = new TerraformWorkspace();
  ws.write(`terraform {
  required_providers {
    xcp = { source = "registry.terraform.io/xcpform/xcp" }
  }
}
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
data "xcp_hosts" "all" {
  sort_order = "desc"
}
data "xcp_pif" "eth0" {
  device = "eth0"
  host   = data.xcp_hosts.all.hosts[0].name_label
}
data "xcp_vdi" "iso" {
  name_label = "ubuntu-22.04.4-live-server-amd64.iso"
}
data "xcp_vms" "none" {
  name_prefix = "no-such-vm"
}
output "hosts" {
  value = [for x in data.xcp_hosts.all.hosts : x.name_label]
}
output "eth0_management" {
  value = data.xcp_pif.eth0.management
}
output "iso_size" {
  value = data.xcp_vdi.iso.size
}
output "no_vms" {
  value = length(data.xcp_vms.none.vms)
}
`);
  ws.expect(['apply', '-auto-approve', '-no-color']);
  const out = JSON.parse(ws.expect(['output', '-json']).stdout) as Record<string, { value: unknown }>;
  expect(out.hosts.value).toEqual(['dc1-host2', 'dc1-host1']);
  expect(out.eth0_management.value).toBe(true);
  expect(out.iso_size.value).toBe(2 * 2 ** 30);
  expect(out.no_vms.value).toBe(0);
  ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
}, 120_000);
