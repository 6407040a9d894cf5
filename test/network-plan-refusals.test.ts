/**
 * Network apply-time refusals the plan can foresee (issue 16, finding 5): a replaced network
 * that VM interfaces use, an encrypted private network, a VLAN IP on a host the VLAN does not
 * cover. Each is a plan-time error with its attribute path and the configuration's line, shown
 * by the xcpform CLI before anything is applied; the same configurations made valid apply and
 * settle. Against the embedded simulator, in a temporary folder.
 */
import { xcpform } from './helpers/cli';
import { configFolders, planErrors, DC1 } from './helpers/config-folder';

const { workdir, write, lineOf, applyAndSettle } = configFolders(DC1, 'xcpform-net-refusals-');

const GIB = 1024 ** 3;
const ETH0 = 'Pool-wide network associated with eth0';

/** One plan error `code` at `path` of `address` on the block starting with `at`; the CLI plan fails with `summary` there, no stack trace. */
async function expectPlanError(dir: string, summary: RegExp, at: string, code: string, address: string, path: (string | number)[]): Promise<string> {
  const errors = await planErrors(dir);
  expect(errors.map((d) => ({ code: d.code, address: d.address, path: d.path, line: d.source?.line }))).toEqual([{ code, address, path, line: lineOf(dir, at) }]);
  const res = xcpform(['plan', '-no-color'], { cwd: dir });
  expect(res.code).toBe(1);
  expect(res.stderr).toMatch(summary);
  expect(res.stderr).toContain(`on main.tf line ${lineOf(dir, at)}`);
  expect(res.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  return res.stderr;
}

const vm = (network: string): string => `resource "xcp_vm" "web" {\n  name_label = "web"\n  template   = "Debian Bookworm 12"\n  memory     = ${2 * GIB}\n  nic {\n    network = ${network}\n  }\n}\n`;

describe('a replaced network that VM interfaces use', () => {
  test('xcp_network: a plan error naming the VM and its VIF; with the VM removed in the same plan it applies', async () => {
    const net = (managed: boolean): string => `resource "xcp_network" "lan" {\n  name_label = "lan"\n  managed    = ${managed}\n}\n`;
    const dir = workdir(net(true) + vm('xcp_network.lan.uuid'));
    applyAndSettle(dir);
    write(dir, net(false) + vm('xcp_network.lan.uuid'));
    const err = await expectPlanError(dir, /Error: network "lan" must be replaced, but 1 interface\(s\) of 1 VM\(s\) are on it/, 'resource "xcp_network" "lan"', 'xcp_network.replace-in-use', 'xcp_network.lan', ['managed']);
    expect(err).toMatch(/Changing managed forces a new network\. The old network is destroyed first, .*: VM "web" \([0-9a-f-]{36}, running\): VIF 0 \([0-9a-f-]{36}\)\. Move those interfaces/);
    write(dir, net(false));
    applyAndSettle(dir);
  }, 180_000);

  test('xcp_vlan: a tag change is a plan error while its network has interfaces; a VLAN on an existing network keeps it and applies', async () => {
    // On an existing network the VLAN leaves the network's labels to their owner.
    const vlan = (tag: number, network?: string): string => `resource "xcp_vlan" "v" {\n${network ? `  network    = ${network}\n` : `  name_label = "v${tag}"\n`}  tag        = ${tag}\n  device     = "eth1"\n}\n`;
    const dir = workdir(vlan(100) + vm('xcp_vlan.v.uuid'));
    applyAndSettle(dir);
    write(dir, vlan(101) + vm('xcp_vlan.v.uuid'));
    const err = await expectPlanError(dir, /Error: network "v100" must be replaced, but 1 interface\(s\) of 1 VM\(s\) are on it/, 'resource "xcp_vlan" "v"', 'xcp_vlan.replace-in-use', 'xcp_vlan.v', ['tag']);
    expect(err).toMatch(/Changing tag forces a new network\..*VM "web"/s);
    // A VLAN on a network it did not create leaves that network in place: the tag moves, the VIF stays.
    const lan = 'resource "xcp_network" "lan" {\n  name_label = "lan"\n}\n';
    const dir2 = workdir(lan + vlan(200, 'xcp_network.lan.uuid') + vm('xcp_network.lan.uuid'));
    applyAndSettle(dir2);
    write(dir2, lan + vlan(201, 'xcp_network.lan.uuid') + vm('xcp_network.lan.uuid'));
    applyAndSettle(dir2);
  }, 240_000);

  test('xcp_private_network: a protocol change is a plan error while VM interfaces are on it', async () => {
    const priv = (protocol: string): string => `resource "xcp_private_network" "p" {\n  name_label        = "private"\n  transport_network = "${ETH0}"\n  protocol          = "${protocol}"\n}\n`;
    const dir = workdir(priv('vxlan') + vm('xcp_private_network.p.uuid'));
    applyAndSettle(dir);
    write(dir, priv('gre') + vm('xcp_private_network.p.uuid'));
    await expectPlanError(dir, /Error: network "private" must be replaced, but 1 interface\(s\) of 1 VM\(s\) are on it/, 'resource "xcp_private_network" "p"', 'xcp_private_network.replace-in-use', 'xcp_private_network.p', ['protocol']);
  }, 180_000);
});

describe('an encrypted xcp_private_network', () => {
  test('is a plan error at encryption (core XAPI has no IPsec tunnels); without it the network applies', async () => {
    const priv = (enc: boolean): string => `resource "xcp_private_network" "p" {\n  name_label        = "private"\n  transport_network = "${ETH0}"\n  encryption        = ${enc}\n}\n`;
    const dir = workdir(priv(true));
    const err = await expectPlanError(dir, /Error: encrypted tunnels need the XCP-ng SDN controller/, 'resource "xcp_private_network" "p"', 'resource.private-network-encryption', 'xcp_private_network.p', ['encryption']);
    expect(err).toContain('Set encryption = false');
    write(dir, priv(false));
    applyAndSettle(dir);
    write(dir, priv(true));
    await expectPlanError(dir, /Error: encrypted tunnels need the XCP-ng SDN controller/, 'resource "xcp_private_network" "p"', 'resource.private-network-encryption', 'xcp_private_network.p', ['encryption']);
  }, 120_000);
});

describe('an xcp_vlan ip_config block on a host outside hosts', () => {
  test('is a plan error at the block\'s host; an unknown host there is one too; listing the host in hosts applies', async () => {
    const vlan = (hosts: string, ipHost: string): string => `resource "xcp_vlan" "v" {\n  name_label = "v100"\n  tag        = 100\n  device     = "eth1"\n  hosts      = [${hosts}]\n  ip_config {\n    host    = "${ipHost}"\n    mode    = "static"\n    ip      = "192.168.10.5"\n    netmask = "255.255.255.0"\n  }\n}\n`;
    const dir = workdir(vlan('"dc1-host2"', 'dc1-host1'));
    const err = await expectPlanError(dir, /Error: ip_config names host "dc1-host1", which the VLAN does not cover/, 'resource "xcp_vlan" "v"', 'resource.vlan-ip-host', 'xcp_vlan.v', ['ip_config', 0, 'host']);
    expect(err).toContain('The VLAN covers dc1-host2 (its hosts)');
    write(dir, vlan('"dc1-host2"', 'dc1-hots2'));
    expect(await expectPlanError(dir, /Error: ip_config names host "dc1-hots2", which is no host of pool "dc1"/, 'resource "xcp_vlan" "v"', 'resource.reference-not-found', 'xcp_vlan.v', ['ip_config', 0, 'host'])).toContain('Did you mean "dc1-host2"');
    write(dir, vlan('"dc1-host1", "dc1-host2"', 'dc1-host1'));
    applyAndSettle(dir);
  }, 120_000);
});

describe('an xcp_private_network over a network without IP addresses', () => {
  test('is a plan error naming the hosts; over the management network it applies', async () => {
    const priv = (transport: string) => `resource "xcp_private_network" "p" {\n  name_label        = "backend"\n  transport_network = "${transport}"\n}\n`;
    const dir = workdir(priv('Pool-wide network associated with eth1'));
    const errors = await planErrors(dir);
    expect(errors.map((d) => [d.code, d.path])).toEqual([['xcp_private_network.transport-not-configured', ['transport_network']]]);
    expect(errors[0].summary).toMatch(/has no IP address on dc1-host\d/);
    write(dir, priv('Pool-wide network associated with eth0'));
    applyAndSettle(dir);
  }, 120_000);
});
