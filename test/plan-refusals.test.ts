/**
 * Apply-time refusals the plan can foresee (issue 16, finding 5): each is a plan-time error
 * naming the cause, the attribute and the configuration's file and line, or a plan that
 * applies. Through the xcpform CLI against the embedded simulator, as a user runs it.
 */
import { Workspace } from '../src/engine/workspace';
import type { XapiClient } from '../src/xenapi';
import { xcpform } from './helpers/cli';
import { configFolders, planErrors, DC1_CLOUD1 } from './helpers/config-folder';

const { workdir, write, lineOf, applyAndSettle } = configFolders(DC1_CLOUD1, 'xcpform-refusals-');

const GIB = 1024 ** 3;

/** Runs `fn` with a client of the folder's embedded pool `dc1` (a change made outside xcpform). */
async function outside(dir: string, fn: (client: XapiClient) => Promise<void>): Promise<void> {
  const { workspace } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
  try {
    await fn(await (await workspace!.runtime()).client('dc1'));
  } finally {
    await workspace!.close();
  }
}

/**
 * `plan` must fail before anything is applied: through the CLI with `summary` on the line of
 * main.tf starting with `at`; in the plan with one error `code` at attribute `path` of `address`.
 */
async function expectPlanError(dir: string, summary: string | RegExp, at: string, code: string, address: string, path: (string | number)[]): Promise<string> {
  const errors = await planErrors(dir);
  expect(errors.map((d) => ({ code: d.code, address: d.address, path: d.path, line: d.source?.line }))).toEqual([{ code, address, path, line: lineOf(dir, at) }]);
  const line = lineOf(dir, at);
  const res = xcpform(['plan', '-no-color'], { cwd: dir });
  expect(res.code).toBe(1);
  if (typeof summary === 'string') expect(res.stderr).toContain(`Error: ${summary}`);
  else expect(res.stderr).toMatch(summary);
  expect(res.stderr).toContain(`on main.tf line ${line}`);
  expect(res.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  return res.stderr;
}

const vm = (name: string, body: string): string => `resource "xcp_vm" "${name}" {\n  name_label = "${name}"\n${body}}\n`;

describe('a VM disk smaller than the template disk at the same userdevice', () => {
  test('is a plan error with both sizes in GiB and the userdevice; the template size itself applies', async () => {
    const dir = workdir(vm('web', `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  disk {\n    size = ${GIB}\n  }\n`));
    const err = await expectPlanError(dir, "disk 0 (1 GiB) is smaller than the template's disk 0 (10 GiB)", 'resource "xcp_vm" "web"', 'xcp_vm.disk-smaller-than-template', 'xcp_vm.web', ['disk', 0, 'size']);
    expect(err).toContain('Set size to at least 10737418240 bytes (10 GiB)');
    write(dir, vm('web', `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  disk {\n    size = ${10 * GIB}\n  }\n  disk {\n    size = ${GIB}\n  }\n`));
    applyAndSettle(dir);
  }, 120_000);
});

describe('a wrong template name', () => {
  test('an xcp_vm template is a plan error listing the close candidates of the pool', async () => {
    const dir = workdir(vm('web', `  template = "debian bookwrm 12"\n  memory = ${2 * GIB}\n`));
    const err = await expectPlanError(dir, 'no template "debian bookwrm 12" in pool "dc1"', 'resource "xcp_vm" "web"', 'resource.reference-not-found', 'xcp_vm.web', ['template']);
    expect(err).toContain('Did you mean "Debian Bookworm 12"?');
    write(dir, vm('web', `  template = "windows"\n  memory = ${2 * GIB}\n`));
    expect(await expectPlanError(dir, 'no template "windows" in pool "dc1"', 'resource "xcp_vm" "web"', 'resource.reference-not-found', 'xcp_vm.web', ['template'])).toContain('Did you mean "Windows 10 (64-bit)", "Windows Server 2022 (64-bit)"?');
  }, 60_000);

  test('a template change that replaces a VM is checked before the old VM is destroyed', async () => {
    const dir = workdir(vm('web', `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n`));
    applyAndSettle(dir);
    write(dir, vm('web', `  template = "Rocky Linux 8"\n  memory = ${2 * GIB}\n`));
    expect(await expectPlanError(dir, 'no template "Rocky Linux 8" in pool "dc1"', 'resource "xcp_vm" "web"', 'resource.reference-not-found', 'xcp_vm.web', ['template'])).toContain('Did you mean "Rocky Linux 9"?');
  }, 120_000);

  test('the xcp_template data source lookup lists the close candidates too', async () => {
    const dir = workdir('data "xcp_template" "deb" {\n  name_label = "Debian Bookwrm 12"\n}\n');
    const err = await expectPlanError(dir, /Error: no template in pool "dc1" matches name_label = "Debian Bookwrm 12"/, 'data "xcp_template" "deb"', 'data.not-found', 'data.xcp_template.deb', ['name_label']);
    expect(err).toContain('Did you mean "Debian Bookworm 12"?');
  }, 60_000);
});

describe('a NIC on a network of another pool without a VPN link', () => {
  test('is a plan error saying which link is missing', async () => {
    const dir = workdir(`data "xcp_network" "cloud" {\n  pool       = "cloud1"\n  name_label = "Pool-wide network associated with eth1"\n}\n${vm('web', `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  nic {\n    network = data.xcp_network.cloud.uuid\n  }\n`)}`);
    const err = await expectPlanError(dir, /Error: xcp_vm\.web: nic\[0\] attaches to network "[0-9a-f-]{36}" of pool "cloud1", but the VM is in pool "dc1" and no xcp_vpn_link joins them/, 'resource "xcp_vm" "web"', 'plan.missing-vpn-link', 'xcp_vm.web', ['nic', 0, 'network']);
    expect(err).toContain('Declare an xcp_vpn_link with pool = "cloud1" and remote_pool = "dc1"');
  }, 60_000);
});

describe('a wrong host name', () => {
  test('on a new VM or a running VM moved to it is a plan error listing the close host names', async () => {
    const dir = workdir(vm('web', `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  host = "dc1-hots1"\n`));
    expect(await expectPlanError(dir, 'no host "dc1-hots1" in pool "dc1"', 'resource "xcp_vm" "web"', 'resource.reference-not-found', 'xcp_vm.web', ['host'])).toContain('Did you mean "dc1-host1"?');
    write(dir, vm('web', `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  host = "dc1-host1"\n`));
    applyAndSettle(dir);
    write(dir, vm('web', `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  affinity = "DC1-host3"\n`));
    await expectPlanError(dir, 'no host "DC1-host3" in pool "dc1"', 'resource "xcp_vm" "web"', 'resource.reference-not-found', 'xcp_vm.web', ['affinity']);
  }, 120_000);
});

describe('a VM disk on an SR of another pool', () => {
  test('is a plan error naming both pools', async () => {
    const dir = workdir(`data "xcp_sr" "cloud" {\n  pool       = "cloud1"\n  name_label = "NFS shared storage"\n}\n${vm('web', `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  disk {\n    size = ${10 * GIB}\n    sr   = data.xcp_sr.cloud.uuid\n  }\n`)}`);
    await expectPlanError(dir, /Error: SR [0-9a-f-]{36} is in pool "cloud1", not in the VM's pool "dc1"/, 'resource "xcp_vm" "web"', 'xcp_vm.sr-in-other-pool', 'xcp_vm.web', ['disk', 0, 'sr']);
  }, 60_000);
});

describe('an xcp_vlan on a device the hosts lack', () => {
  test('is a plan error listing the devices each host has; an unknown host in hosts is one too', async () => {
    const dir = workdir('resource "xcp_vlan" "v100" {\n  name_label = "v100"\n  tag        = 100\n  device     = "eth7"\n}\n');
    const err = await expectPlanError(dir, 'device "eth7" is missing on dc1-host1, dc1-host2', 'resource "xcp_vlan" "v100"', 'resource.vlan-no-device', 'xcp_vlan.v100', ['device']);
    expect(err).toContain('Devices the hosts have: dc1-host1: eth0, eth1, eth2, eth3; dc1-host2: eth0, eth1, eth2, eth3.');
    write(dir, 'resource "xcp_vlan" "v100" {\n  name_label = "v100"\n  tag        = 100\n  device     = "eth1"\n  hosts      = ["dc1-hots2"]\n}\n');
    expect(await expectPlanError(dir, 'hosts names "dc1-hots2", which is no host of pool "dc1"', 'resource "xcp_vlan" "v100"', 'resource.reference-not-found', 'xcp_vlan.v100', ['hosts'])).toContain('Did you mean "dc1-host2"');
  }, 60_000);
});

describe('an xcp_vlan whose tag another network already carries on the device', () => {
  test('is a plan error naming that network and the hosts', async () => {
    const dir = workdir('resource "xcp_vlan" "v100" {\n  name_label = "v100"\n  tag        = 100\n  device     = "eth1"\n}\n');
    await outside(dir, async (c) => {
      const net = await c.call<string>('network.create', { name_label: 'legacy-100', name_description: '', MTU: 1500, other_config: {}, tags: [] });
      await c.call('pool.create_VLAN', 'eth1', net, 100);
    });
    const err = await expectPlanError(dir, 'VLAN 100 on eth1 already exists on dc1-host1, dc1-host2', 'resource "xcp_vlan" "v100"', 'resource.vlan-tag-in-use', 'xcp_vlan.v100', ['tag']);
    expect(err).toMatch(/Network "legacy-100" \([0-9a-f-]{36}\) carries VLAN 100 on device "eth1" there/);
  }, 60_000);
});

describe('a local SR on a host that does not exist', () => {
  test('is a plan error listing the close host names', async () => {
    const dir = workdir('resource "xcp_sr" "local" {\n  name_label = "scratch"\n  type       = "ext"\n  host       = "dc1-host7"\n  device_config = {\n    device = "/dev/sdb"\n  }\n}\n');
    expect(await expectPlanError(dir, 'no host "dc1-host7" in pool "dc1"', 'resource "xcp_sr" "local"', 'resource.reference-not-found', 'xcp_sr.local', ['host'])).toContain('Did you mean "dc1-host1", "dc1-host2"?');
  }, 60_000);
});

describe('a replaced SR that still holds VM disks', () => {
  const sr = (server: string): string => `resource "xcp_sr" "nfs" {\n  name_label = "nfs-vms"\n  type       = "nfs"\n  shared     = true\n  device_config = {\n    server     = "${server}"\n    serverpath = "/exports/vms"\n  }\n}\n`;
  const web = vm('web', `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  disk {\n    size = ${10 * GIB}\n    sr   = xcp_sr.nfs.uuid\n  }\n`);

  test('is a plan error naming the VMs and disks on it; with those VMs removed in the same plan it applies', async () => {
    const dir = workdir(sr('10.0.0.20') + web);
    applyAndSettle(dir);
    write(dir, sr('10.0.0.21') + web);
    const err = await expectPlanError(dir, 'SR "nfs-vms" must be replaced, but 1 disk(s) of 1 VM(s) are on it', 'resource "xcp_sr" "nfs"', 'xcp_sr.replace-in-use', 'xcp_sr.nfs', ['device_config']);
    expect(err).toMatch(/Changing device_config forces a new SR\. The old SR is forgotten first, .*: VM "web" \([0-9a-f-]{36}, running\): disk "web 0" \([0-9a-f-]{36}\)\. Move those disks/);
    // The same change with the VM removed in the same plan: the VM goes first, the SR is replaced, it settles.
    write(dir, sr('10.0.0.21'));
    applyAndSettle(dir);
  }, 180_000);
});

describe('a VM placed on memory another change of the same plan takes', () => {
  const sized = (name: string, gib: number, extra = ''): string => vm(name, `  template = "Debian Bookworm 12"\n  memory   = ${gib * GIB}\n${extra}`);

  test('a halted VM started where no host has room is a plan error naming the hosts\' free memory', async () => {
    const base = sized('big1', 40, '  host = "dc1-host1"\n') + sized('big2', 40, '  host = "dc1-host2"\n');
    const dir = workdir(base + sized('c', 30, '  power_state = "halted"\n'));
    applyAndSettle(dir);
    write(dir, base + sized('c', 30, '  power_state = "running"\n'));
    const err = await expectPlanError(dir, /Error: no host of pool "dc1" has the 30\.12 GiB of memory the VM needs to start/, 'resource "xcp_vm" "c"', 'plan.no-capacity', 'xcp_vm.c', ['power_state']);
    expect(err).toMatch(/Free memory per host, after the changes of this plan counted before this one: dc1-host1 \d+(\.\d+)? GiB, dc1-host2 \d+(\.\d+)? GiB\./);
  }, 180_000);

  test('a VM started and a VM created in one plan land on hosts with room: apply works and the next plan is empty', async () => {
    const base = sized('x', 25, '  host = "dc1-host2"\n');
    const dir = workdir(base + sized('a', 40, '  power_state = "halted"\n'));
    applyAndSettle(dir);
    // b in a pool named in the configuration: the planner counts it on a host and pins it there.
    write(dir, base + sized('a', 40, '  power_state = "running"\n') + sized('b', 30, '  pool = "dc1"\n'));
    applyAndSettle(dir);
  }, 180_000);

  test('a new VM larger than any host\'s free memory is a plan error', async () => {
    const dir = workdir(sized('huge', 70));
    await expectPlanError(dir, /Error: no host of pool "dc1" has the 70\.27 GiB of memory the new VM needs/, 'resource "xcp_vm" "huge"', 'plan.no-capacity', 'xcp_vm.huge', ['memory']);
    // In a pool named in the configuration, on a host named too: the planner counts it there.
    write(dir, sized('huge', 70, '  pool = "dc1"\n  host = "dc1-host1"\n'));
    await expectPlanError(dir, /Error: host dc1-host1 of pool "dc1" lacks \d+(\.\d+)? GiB of memory for the new VMs placed on it \(this one needs 70 GiB\)/, 'resource "xcp_vm" "huge"', 'plan.no-capacity', 'xcp_vm.huge', ['memory']);
  }, 60_000);

  test('a running VM grown beyond its host\'s free memory is a plan error', async () => {
    const dir = workdir(sized('big', 40, '  host = "dc1-host1"\n'));
    applyAndSettle(dir);
    write(dir, sized('big', 62, '  host = "dc1-host1"\n'));
    await expectPlanError(dir, /Error: host dc1-host1 has not the 22\.09 GiB of memory the VM needs to grow from 40 GiB to 62 GiB/, 'resource "xcp_vm" "big"', 'plan.no-capacity', 'xcp_vm.big', ['memory']);
  }, 180_000);
});

describe('a VM whose disk is on a host\'s local SR', () => {
  /** UUID of the local SR of `host` in dc1 (every local SR is named "Local storage"). */
  async function localSr(dir: string, host: string): Promise<string> {
    let uuid = '';
    await outside(dir, async (c) => {
      const hosts = await c.call<Record<string, { name_label: string }>>('host.get_all_records');
      const srs = await c.call<Record<string, { uuid: string; shared: boolean; PBDs: string[] }>>('SR.get_all_records');
      const pbds = await c.call<Record<string, { host: string }>>('PBD.get_all_records');
      const hostRef = Object.keys(hosts).find((r) => hosts[r].name_label === host)!;
      uuid = Object.values(srs).find((s) => !s.shared && s.PBDs.some((p) => pbds[p]?.host === hostRef))!.uuid;
    });
    return uuid;
  }
  const onSr = (sr: string, extra: string): string => vm('web', `  template = "Debian Bookworm 12"\n  memory   = ${2 * GIB}\n${extra}  disk {\n    size = ${10 * GIB}\n    sr   = "${sr}"\n  }\n`);

  test('with its affinity on another host starts where the disk is: apply works and the next plan is empty', async () => {
    const dir = workdir('');
    const sr = await localSr(dir, 'dc1-host2');
    write(dir, onSr(sr, '  pool     = "dc1"\n  affinity = "dc1-host1"\n'));
    applyAndSettle(dir);
    await outside(dir, async (c) => {
      const vms = await c.call<Record<string, { name_label: string; power_state: string; resident_on: string }>>('VM.get_all_records');
      const hosts = await c.call<Record<string, { name_label: string }>>('host.get_all_records');
      const running = Object.values(vms).find((v) => v.name_label === 'web')!;
      expect(running).toMatchObject({ power_state: 'Running' });
      expect(hosts[running.resident_on].name_label).toBe('dc1-host2');
    });
  }, 180_000);

  test('on a local SR the same plan creates is not pinned to its affinity host before the SR exists: apply works, the next plan is empty', async () => {
    const dir = workdir(`resource "xcp_sr" "local" {\n  name_label    = "fast"\n  type          = "lvm"\n  host          = "dc1-host1"\n  device_config = { device = "/dev/sdd" }\n}\n`
      + vm('web', `  template = "Debian Bookworm 12"\n  memory   = ${GIB}\n  affinity = "dc1-host2"\n  disk {\n    size = ${20 * GIB}\n    sr   = xcp_sr.local.uuid\n  }\n`));
    applyAndSettle(dir);
    // The same with the SR named by its name_label, known at plan time before the SR exists.
    write(dir, '');
    applyAndSettle(dir);
    write(dir, `resource "xcp_sr" "local" {\n  name_label    = "fast"\n  type          = "ext"\n  host          = "dc1-host1"\n  device_config = { device = "/dev/sdd" }\n}\n`
      + vm('web', `  template = "Debian Bookworm 12"\n  memory   = ${GIB}\n  affinity = "dc1-host2"\n  disk {\n    size = ${20 * GIB}\n    sr   = xcp_sr.local.name_label\n  }\n`));
    applyAndSettle(dir);
    await outside(dir, async (c) => {
      const vms = await c.call<Record<string, { name_label: string; power_state: string; resident_on: string }>>('VM.get_all_records');
      const hosts = await c.call<Record<string, { name_label: string }>>('host.get_all_records');
      const running = Object.values(vms).find((v) => v.name_label === 'web')!;
      expect(running.power_state).toBe('Running');
      expect(hosts[running.resident_on].name_label).toBe('dc1-host1');
    });
  }, 180_000);

  test('placed on a host that cannot reach the disk is a plan error naming the host that can', async () => {
    const dir = workdir('');
    const sr = await localSr(dir, 'dc1-host2');
    write(dir, onSr(sr, '  host = "dc1-host1"\n'));
    const err = await expectPlanError(dir, "host dc1-host1 cannot reach every SR of this VM's disks", 'resource "xcp_vm" "web"', 'xcp_vm.host-cannot-reach-storage', 'xcp_vm.web', ['host']);
    expect(err).toContain('Hosts that can run it: dc1-host2.');
  }, 60_000);
});

describe('a reference written in another form (the name of the SR the state has by UUID)', () => {
  test('plans an update that rewrites the state (what terraform plans for it); then the next plan is empty', () => {
    const web = (sr: string) => vm('web', `  template = "Debian Bookworm 12"\n  memory   = ${2 * GIB}\n  disk {\n    size = ${10 * GIB}\n${sr}  }\n`);
    const dir = workdir(web(''));
    applyAndSettle(dir);
    write(dir, web('    sr   = "NFS shared storage"\n'));
    const plan = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/~ sr += "[0-9a-f-]{36}" -> "NFS shared storage"/);
    expect(plan.stdout).toContain('the state is rewritten, XAPI is not called');
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    applyAndSettle(dir);
  }, 120_000);
});

describe('a snapshot with memory of a VM that is not running', () => {
  test('is a plan error on with_memory; a disk-only snapshot of it applies', async () => {
    const base = vm('web', `  template    = "Debian Bookworm 12"\n  memory      = ${2 * GIB}\n  power_state = "halted"\n`);
    const dir = workdir(base);
    applyAndSettle(dir);
    const snap = (memory: boolean) => `resource "xcp_vm_snapshot" "s" {\n  vm          = xcp_vm.web.uuid\n  name_label  = "before upgrade"\n  with_memory = ${memory}\n}\n`;
    write(dir, base + snap(true));
    const err = await expectPlanError(dir, 'a snapshot with memory needs a running VM, and VM "web" is halted', 'resource "xcp_vm_snapshot" "s"', 'xcp_vm_snapshot.checkpoint-needs-running', 'xcp_vm_snapshot.s', ['with_memory']);
    expect(err).toContain('Set with_memory = false');
    write(dir, base + snap(false));
    applyAndSettle(dir);
    // Turning with_memory on replaces the snapshot with a checkpoint: refused the same way.
    write(dir, base + snap(true));
    await expectPlanError(dir, 'a snapshot with memory needs a running VM, and VM "web" is halted', 'resource "xcp_vm_snapshot" "s"', 'xcp_vm_snapshot.checkpoint-needs-running', 'xcp_vm_snapshot.s', ['with_memory']);
  }, 120_000);
});

describe('a dynamic memory change of a suspended VM', () => {
  test('is a plan error naming the attribute, also when the change resumes it; resumed first, the change applies', async () => {
    const web = (state: string, dynMax: number) => vm('web', `  template           = "Debian Bookworm 12"\n  memory             = ${2 * GIB}\n  memory_dynamic_max = ${dynMax}\n  power_state        = "${state}"\n`);
    const dir = workdir(web('suspended', 2 * GIB));
    applyAndSettle(dir);
    write(dir, web('suspended', GIB));
    await expectPlanError(dir, 'the VM is suspended, and XAPI changes memory_dynamic_max only on a running or halted VM', 'resource "xcp_vm" "web"', 'xcp_vm.suspended-memory', 'xcp_vm.web', ['memory_dynamic_max']);
    write(dir, web('running', GIB));
    await expectPlanError(dir, 'the VM is suspended, and XAPI changes memory_dynamic_max only on a running or halted VM', 'resource "xcp_vm" "web"', 'xcp_vm.suspended-memory', 'xcp_vm.web', ['memory_dynamic_max']);
    write(dir, web('running', 2 * GIB));
    applyAndSettle(dir);
    write(dir, web('running', GIB));
    applyAndSettle(dir);
  }, 120_000);

  test('a paused VM likewise (fidelity seed 512: VM_BAD_POWER_STATE at apply before)', async () => {
    const web = (dynMax: number) => vm('web', `  template           = "Debian Bookworm 12"\n  memory             = ${2 * GIB}\n  memory_dynamic_max = ${dynMax}\n  power_state        = "paused"\n`);
    const dir = workdir(web(2 * GIB));
    applyAndSettle(dir);
    write(dir, web(GIB));
    await expectPlanError(dir, 'the VM is paused, and XAPI changes memory_dynamic_max only on a running or halted VM', 'resource "xcp_vm" "web"', 'xcp_vm.suspended-memory', 'xcp_vm.web', ['memory_dynamic_max']);
  }, 120_000);
});

describe('a VM on a network that only some hosts have (a VLAN on dc1-host1 only)', () => {
  const vlan = 'resource "xcp_vlan" "v" {\n  tag    = 223\n  device = "eth1"\n  hosts  = ["dc1-host1"]\n}\n';
  const guest = (extra: string) => vm('g', `  template    = "Debian Bookworm 12"\n  memory      = ${GIB}\n  power_state = "running"\n${extra}  nic {\n    network = xcp_vlan.v.network\n  }\n`);

  test('created with the VLAN in one plan: not pinned before the network exists, XAPI starts it where the VLAN is (fidelity seed 50x)', async () => {
    const dir = workdir(vlan + guest(''));
    applyAndSettle(dir);
    // Then moved to the host without the VLAN: refused at plan time, not VM_REQUIRES_NETWORK at apply.
    write(dir, vlan + guest('  host        = "dc1-host2"\n'));
    await expectPlanError(dir, 'host dc1-host2 has no interface on network "VLAN 223 on eth1"', 'resource "xcp_vm" "g"', 'xcp_vm.host-lacks-network', 'xcp_vm.g', ['host']);
    write(dir, vlan + guest('  host        = "dc1-host1"\n'));
    applyAndSettle(dir);
  }, 180_000);
});

describe('a paused VM moved to another pool', () => {
  test('is a plan error on pool (XAPI: VM_BAD_POWER_STATE at apply before; fidelity seed 386); unpaused, it moves', async () => {
    const web = (pool: string, state: string) => vm('web', `  pool        = "${pool}"\n  template    = "Debian Bookworm 12"\n  memory      = ${GIB}\n  power_state = "${state}"\n`);
    const dir = workdir(web('dc1', 'paused'));
    applyAndSettle(dir);
    write(dir, web('cloud1', 'paused'));
    await expectPlanError(dir, 'the VM is paused, and XAPI moves a VM to another pool only when it is halted, suspended or running', 'resource "xcp_vm" "web"', 'xcp_vm.paused-pool-move', 'xcp_vm.web', ['pool']);
    write(dir, web('dc1', 'running'));
    applyAndSettle(dir);
    write(dir, web('cloud1', 'running'));
    applyAndSettle(dir);
  }, 180_000);
});
