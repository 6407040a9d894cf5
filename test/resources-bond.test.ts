/**
 * `xcp_bond`: the simulator's Bond class behaves as xapi's (refusals with xapi's codes, the
 * primary member's IP configuration and VLANs moved to the bond and back, lacp defaults), and
 * the resource applies, re-plans empty, updates mode and lacp properties in place, replaces on
 * a member change, sees drift, imports and destroys, with the xcpform CLI and with real
 * terraform through terraform-provider-xcp, on the embedded world's spare NICs eth2/eth3.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { RunningSimulator, startSimulator } from '../src/simulator';
import { RawClient, RawXapiError, closeRawClients } from '../src/simulator/testing/raw-client';
import { XapiClient } from '../src/xenapi';
import { xcpform } from './helpers/cli';
import { configFolders, DC1, planErrors } from './helpers/config-folder';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

type Rec = Record<string, Record<string, unknown>>;

describe('the simulator\'s Bond class, over HTTP', () => {
  let sim: RunningSimulator;
  let c: RawClient;
  beforeAll(async () => {
    sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 2 }], guestBootMs: 0 });
    c = new RawClient(sim.pools[0].url, 'json');
    await c.login();
  });
  afterAll(async () => {
    closeRawClients();
    await sim.close();
  });

  async function failure(p: Promise<unknown>): Promise<string[]> {
    try {
      await p;
    } catch (err) {
      if (err instanceof RawXapiError) return err.description;
      throw err;
    }
    throw new Error('expected a XenAPI failure');
  }

  async function pifs(): Promise<Rec> {
    return c.call<Rec>('PIF.get_all_records');
  }
  async function pifOf(hostName: string, device: string): Promise<string> {
    const host = (await c.call<string[]>('host.get_by_name_label', hostName))[0];
    return Object.entries(await pifs()).find(([, p]) => p.host === host && p.device === device)![0];
  }
  const newNetwork = (name: string): Promise<string> => c.call<string>('network.create', { name_label: name, name_description: '', MTU: 1500, other_config: {}, tags: [] });

  test('every host has spare NICs eth2 and eth3 to bond', async () => {
    const devices = Object.values(await pifs()).map((p) => `${p.device}`).sort();
    expect(devices).toEqual(['eth0', 'eth0', 'eth1', 'eth1', 'eth2', 'eth2', 'eth3', 'eth3']);
  });

  test('create: a bond0 master on the network, members enslaved, lacp defaults filled in; refusals with xapi\'s codes', async () => {
    const [eth2, eth3] = [await pifOf('dc1-host1', 'eth2'), await pifOf('dc1-host1', 'eth3')];
    const net = await newNetwork('bond net');
    expect(await failure(c.call('Bond.create', net, [], '', 'lacp', {}))).toEqual(['PIF_BOND_NEEDS_MORE_MEMBERS']);
    expect(await failure(c.call('Bond.create', net, [eth2, await pifOf('dc1-host2', 'eth3')], '', 'lacp', {}))).toEqual(['PIF_CANNOT_BOND_CROSS_HOST']);
    expect(await failure(c.call('Bond.create', net, [eth2, eth3], 'not-a-mac', 'lacp', {}))).toEqual(['MAC_INVALID', 'not-a-mac']);
    expect(await failure(c.call('Bond.create', net, [eth2, eth3], '', 'balance-slb', { hashing_algorithm: 'src_mac' }))).toEqual(['INVALID_VALUE', 'properties', 'hashing_algorithm = src_mac']);
    expect((await failure(c.call('Bond.create', net, [eth2, eth3], '', 'round-robin', {})))[0]).toMatch(/^(ENUM|INVALID)/);
    // A VLAN rides on eth3: it moves to the bond.
    const vlanNet = await newNetwork('vlan 30');
    const vlan = await c.call<string>('VLAN.create', eth3, 30, vlanNet);

    const bond = await c.call<string>('Bond.create', net, [eth2, eth3], '', 'lacp', { 'lacp-time': 'fast' });
    const rec = await c.call<Record<string, unknown>>('Bond.get_record', bond);
    expect(rec).toMatchObject({ mode: 'lacp', properties: { 'lacp-time': 'fast', hashing_algorithm: 'tcpudp_ports', 'lacp-fallback-ab': 'true' }, primary_slave: eth2, auto_update_mac: true });
    expect((rec.slaves as string[]).sort()).toEqual([eth2, eth3].sort());
    const master = await c.call<Record<string, unknown>>('PIF.get_record', rec.master as string);
    expect(master).toMatchObject({ device: 'bond0', network: net, physical: false, MAC: (await c.call<Record<string, unknown>>('PIF.get_record', eth2)).MAC, bond_master_of: [bond] });
    expect(await c.call('PIF.get_bond_slave_of', eth3)).toBe(bond);
    expect(await c.call('VLAN.get_tagged_PIF', vlan)).toBe(rec.master);
    expect(await failure(c.call('Bond.create', await newNetwork('again'), [eth2, eth3], '', 'lacp', {}))).toEqual(['PIF_ALREADY_BONDED', eth2]);
    expect(await failure(c.call('Bond.create', net, [await pifOf('dc1-host1', 'eth1'), await pifOf('dc1-host1', 'eth0')], '', 'active-backup', {})))
      .toEqual(['NETWORK_ALREADY_CONNECTED', await c.call('PIF.get_host', eth2), rec.master]);
    expect(await failure(c.call('PIF.plug', eth2))).toEqual(['CANNOT_PLUG_BOND_SLAVE', eth2]);

    // set_mode keeps the properties the new mode accepts (none for active-backup); set_property checks them.
    await c.call('Bond.set_mode', bond, 'active-backup');
    expect(await c.call('Bond.get_properties', bond)).toEqual({});
    expect(await failure(c.call('Bond.set_property', bond, 'lacp-time', 'fast'))).toEqual(['INVALID_VALUE', 'properties', 'lacp-time = fast']);
    await c.call('Bond.set_mode', bond, 'lacp');
    await c.call('Bond.set_property', bond, 'hashing_algorithm', 'src_mac');
    expect(await c.call('Bond.get_properties', bond)).toEqual({ hashing_algorithm: 'src_mac', 'lacp-time': 'slow', 'lacp-fallback-ab': 'true' });

    // Destroy gives the VLAN back to the primary member and frees the members.
    await c.call('Bond.destroy', bond);
    expect(await c.call('VLAN.get_tagged_PIF', vlan)).toBe(eth2);
    expect(await c.call('PIF.get_bond_slave_of', eth3)).toBe('OpaqueRef:NULL');
    expect(Object.values(await pifs()).some((p) => p.device === 'bond0')).toBe(false);
  });

  test('a bond of the management interface takes its IP configuration and role, and gives them back', async () => {
    const [eth0, eth1] = [await pifOf('dc1-host2', 'eth0'), await pifOf('dc1-host2', 'eth1')];
    const before = await c.call<Record<string, unknown>>('PIF.get_record', eth0);
    expect(before).toMatchObject({ management: true, ip_configuration_mode: 'Static' });
    const bond = await c.call<string>('Bond.create', await newNetwork('mgmt bond'), [eth1, eth0], '', 'active-backup', {});
    const master = await c.call<string>('Bond.get_master', bond);
    expect(await c.call('Bond.get_primary_slave', bond)).toBe(eth0);
    expect(await c.call<Record<string, unknown>>('PIF.get_record', master)).toMatchObject({ management: true, ip_configuration_mode: 'Static', IP: before.IP, MAC: before.MAC });
    expect(await c.call<Record<string, unknown>>('PIF.get_record', eth0)).toMatchObject({ management: false, ip_configuration_mode: 'None', IP: '' });
    await c.call('Bond.destroy', bond);
    expect(await c.call<Record<string, unknown>>('PIF.get_record', eth0)).toMatchObject({ management: true, ip_configuration_mode: 'Static', IP: before.IP });
  });
});

const bond = (attrs: string): string => `resource "xcp_bond" "uplink" {
  host    = "dc1-host1"
  members = ["eth2", "eth3"]
${attrs}}
`;

/** Runs `fn` with a client on the folder's embedded world (the CLI is not running). */
async function withWorld<T>(dir: string, fn: (c: XapiClient) => Promise<T>): Promise<T> {
  const sim = await startSimulator({ stateFile: join(dir, '.xcpform', 'simulator.json') });
  const client = new XapiClient({ url: sim.pools.find((p) => p.name === 'dc1')!.url, credentials: { username: 'root', password: 'xcpform' } });
  try {
    return await fn(client);
  } finally {
    await client.close();
    await sim.close();
  }
}

/** The pool's bonds: mode, properties, master device and network name. */
async function bonds(dir: string): Promise<{ ref: string; uuid: string; mode: string; properties: Record<string, string>; device: string; network: string }[]> {
  return withWorld(dir, async (c) => {
    const out = [];
    for (const [ref, b] of await c.getAllRecords('Bond')) {
      const master = await c.getRecord('PIF', b.master);
      const net = await c.getRecord('network', master.network);
      out.push({ ref, uuid: b.uuid, mode: b.mode, properties: b.properties, device: master.device, network: net.name_label });
    }
    return out;
  });
}

describe('xcp_bond with the xcpform CLI', () => {
  test('apply, empty re-plan, update in place, drift, replace, import, destroy', async () => {
    const { workdir, write, applyAndSettle } = configFolders(DC1, 'xcpform-bond-');
    const dir = workdir(bond('  mode = "lacp"\n  hashing_algorithm = "src_mac"\n  name_label = "uplink"\n'));
    applyAndSettle(dir);
    const [made] = await bonds(dir);
    expect(made).toMatchObject({ mode: 'lacp', properties: { hashing_algorithm: 'src_mac', 'lacp-time': 'slow' }, device: 'bond0', network: 'uplink' });

    // In place: a lacp property and the network's name.
    write(dir, bond('  mode = "lacp"\n  hashing_algorithm = "src_mac"\n  lacp_time = "fast"\n  name_label = "uplink (lacp)"\n'));
    const plan = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(plan.stdout).toContain('0 to add, 1 to change, 0 to destroy');
    applyAndSettle(dir);
    expect((await bonds(dir))[0]).toMatchObject({ uuid: made.uuid, properties: { 'lacp-time': 'fast' }, network: 'uplink (lacp)' });

    // Drift: the mode changed over XAPI is read, planned back and repaired.
    await withWorld(dir, (c) => c.call('Bond.set_mode', made.ref, 'active-backup'));
    const drift = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/mode += "active-backup" -> "lacp"/);
    applyAndSettle(dir);
    expect((await bonds(dir))[0]).toMatchObject({ uuid: made.uuid, mode: 'lacp', properties: { hashing_algorithm: 'src_mac', 'lacp-time': 'fast' } });

    // Import into a fresh state: the configuration plans no change.
    rmSync(join(dir, 'terraform.tfstate'), { force: true });
    rmSync(join(dir, '.xcpform', 'state'), { recursive: true, force: true });
    const imported = xcpform(['import', 'xcp_bond.uplink', `dc1/${made.uuid}`], { cwd: dir });
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    const afterImport = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect([afterImport.code, afterImport.stdout]).toEqual([0, expect.stringContaining('No changes.')]);

    // Members are a new bond.
    write(dir, bond('  mode = "active-backup"\n').replace('["eth2", "eth3"]', '["eth1", "eth2", "eth3"]'));
    const replace = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(replace.stdout).toMatch(/must be replaced/);
    applyAndSettle(dir);
    const [after] = await bonds(dir);
    expect(after.uuid).not.toBe(made.uuid);
    expect(after).toMatchObject({ mode: 'active-backup', properties: {} });

    const destroy = xcpform(['destroy', '-auto-approve', '-no-color'], { cwd: dir });
    expect(destroy.code).toBe(0);
    expect(await bonds(dir)).toEqual([]);
    // The network the bond made went with it.
    expect(await withWorld(dir, async (c) => [...(await c.getAllRecords('network')).values()].filter((n) => n.name_label.startsWith('uplink') || n.name_label.startsWith('Bond of')).length)).toBe(0);
  }, 300_000);

  test('plan errors: one member, a lacp property on another mode, an unknown member, labels of an existing network', async () => {
    const { workdir } = configFolders(DC1, 'xcpform-bond-err-');
    const dir = workdir(`resource "xcp_bond" "one" {
  host    = "dc1-host1"
  members = ["eth2"]
}
resource "xcp_bond" "mode" {
  host      = "dc1-host2"
  members   = ["eth2", "eth3"]
  lacp_time = "fast"
}
resource "xcp_bond" "unknown" {
  host    = "dc1-host2"
  members = ["eth2", "eth7"]
  network = "Pool-wide network associated with eth1"
  name_label = "mine"
}
`);
    const errs = (await planErrors(dir)).map((d) => [d.code, d.summary, d.path]);
    expect(errs).toEqual(expect.arrayContaining([
      ['xcp_bond.members', expect.stringContaining('at least two members'), ['members']],
      ['xcp_bond.lacp-property', expect.stringContaining('lacp_time applies to lacp bonds only'), ['lacp_time']],
      ['xcp_bond.member-not-found', 'member "eth7" is no interface of dc1-host2', ['members']],
      ['xcp_bond.network-label', expect.stringContaining('name_label belongs to the existing network'), ['name_label']],
    ]));
    const member = (await planErrors(dir)).find((d) => d.code === 'xcp_bond.member-not-found')!;
    expect(member.detail).toContain('dc1-host2 has eth0, eth1, eth2, eth3');
  }, 120_000);
});

test('a bond an interrupted create left unmarked (crash between Bond.create and marking it) is adopted, not refused', async () => {
  const { workdir, applyAndSettle } = configFolders(DC1, 'xcpform-bond-adopt-');
  const dir = workdir(bond('  name_label = "uplink"\n'));
  expect(xcpform(['plan', '-no-color'], { cwd: dir }).code).toBe(0);
  // What the create had done: its network (marked with the address), the bond (not yet marked).
  const left = await withWorld(dir, async (c) => {
    const net = await c.call<string>('network.create', { name_label: 'uplink', name_description: '', MTU: 1500, other_config: { 'xcpform:address': 'xcp_bond.uplink', 'xcpform:managed': '[]' }, tags: [] });
    const host = [...(await c.getAllRecords('host'))].find(([, h]) => h.name_label === 'dc1-host1')![0];
    const pifs = [...(await c.getAllRecords('PIF'))].filter(([, p]) => p.host === host && ['eth2', 'eth3'].includes(p.device)).map(([r]) => r);
    return c.call<string>('Bond.create', net, pifs, '', 'balance-slb', {});
  });
  applyAndSettle(dir);
  const all = await bonds(dir);
  expect(all.map((b) => [b.ref, b.network])).toEqual([[left, 'uplink']]);
  expect(await withWorld(dir, (c) => c.call('Bond.get_other_config', left))).toMatchObject({ 'xcpform:address': 'xcp_bond.uplink' });
  expect(xcpform(['destroy', '-auto-approve', '-no-color'], { cwd: dir }).code).toBe(0);
}, 180_000);

test('a VLAN on a pool-wide bond: pool.create_VLAN_from_PIF takes the PIFs of the bond\'s network, one per host', async () => {
  const { workdir, applyAndSettle } = configFolders(DC1, 'xcpform-bond-vlan-');
  const dir = workdir(`resource "xcp_bond" "h1" {
  host       = "dc1-host1"
  members    = ["eth2", "eth3"]
  name_label = "trunk"
}
resource "xcp_bond" "h2" {
  host    = "dc1-host2"
  members = ["eth2", "eth3"]
  network = xcp_bond.h1.network
}
resource "xcp_vlan" "v" {
  name_label = "on the bond"
  tag        = 77
  device     = xcp_bond.h2.device
}
`);
  applyAndSettle(dir);
  const vlans = await withWorld(dir, async (c) => {
    const out: string[] = [];
    for (const v of (await c.getAllRecords('VLAN')).values()) {
      const tagged = await c.getRecord('PIF', v.tagged_PIF);
      out.push(`${v.tag} on ${tagged.device} (${tagged.bond_master_of.length ? 'bond master' : 'physical'})`);
    }
    return out;
  });
  expect(vlans).toEqual(['77 on bond0 (bond master)', '77 on bond0 (bond master)']);
  expect(xcpform(['destroy', '-auto-approve', '-no-color'], { cwd: dir }).code).toBe(0);
  expect(await bonds(dir)).toEqual([]);
}, 180_000);

describe('xcp_bond through terraform-provider-xcp', () => {
  test('terraform: a pool-wide bond (two hosts, one network) applies, plans empty, updates in place, destroys', async () => {
    terraformVersion();
    const ws = new TerraformWorkspace();
    const head = 'terraform {\n  required_providers {\n    xcp = { source = "registry.terraform.io/xcpform/xcp" }\n  }\n}\nprovider "xcp" {\n  pools = { dc1 = { url = "embedded" } }\n}\n';
    const config = (mode: string): string => `${head}
resource "xcp_bond" "h1" {
  host       = "dc1-host1"
  members    = ["eth2", "eth3"]
  mode       = "${mode}"
  name_label = "pool bond"
}
resource "xcp_bond" "h2" {
  host    = "dc1-host2"
  members = ["eth2", "eth3"]
  mode    = "${mode}"
  network = xcp_bond.h1.network
}
`;
    ws.write(config('balance-slb'));
    ws.expect(['apply', '-auto-approve', '-no-color']);
    ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    const made = await bonds(ws.dir);
    expect(made.map((b) => [b.device, b.network, b.mode])).toEqual([['bond0', 'pool bond', 'balance-slb'], ['bond0', 'pool bond', 'balance-slb']]);
    ws.write(config('active-backup'));
    ws.expect(['apply', '-auto-approve', '-no-color']);
    ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    const after = await bonds(ws.dir);
    expect(after.map((b) => b.mode)).toEqual(['active-backup', 'active-backup']);
    expect(after.map((b) => b.uuid).sort()).toEqual(made.map((b) => b.uuid).sort());
    ws.expect(['destroy', '-auto-approve', '-no-color']);
    expect(await bonds(ws.dir)).toEqual([]);
  }, 300_000);
});
