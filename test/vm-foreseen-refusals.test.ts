/**
 * xcp_vm changes the plan accepted and XAPI refused at apply (issue 16, finding 5, found by the
 * fidelity tests): each is now a plan-time error naming the cause and the attribute, or a plan
 * that applies and settles. Through the xcpform CLI against the embedded simulator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../src/engine/workspace';
import type { XapiClient } from '../src/xenapi';
import { xcpform } from './helpers/cli';
import { configFolders, planErrors, DC1 } from './helpers/config-folder';

const { workdir, write, applyAndSettle } = configFolders(DC1, 'xcpform-vm-foreseen-');

const GIB = 1024 ** 3;

const vm = (body: string): string => `resource "xcp_vm" "web" {\n  name_label = "web"\n${body}}\n`;

/** Runs `fn` with a client of the folder's embedded pool (a look or a change outside xcpform). */
async function outside<T>(dir: string, fn: (client: XapiClient) => Promise<T>): Promise<T> {
  const { workspace } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
  try {
    return await fn(await (await workspace!.runtime()).client('dc1'));
  } finally {
    await workspace!.close();
  }
}

/** `plan` fails with one error `code` at `path` of xcp_vm.web, and the CLI prints `summary` without a stack. */
async function expectPlanError(dir: string, code: string, path: (string | number)[], summary: string | RegExp): Promise<string> {
  const errors = await planErrors(dir);
  expect(errors.map((d) => ({ code: d.code, address: d.address, path: d.path }))).toEqual([{ code, address: 'xcp_vm.web', path }]);
  const res = xcpform(['plan', '-no-color'], { cwd: dir });
  expect(res.code).toBe(1);
  if (typeof summary === 'string') expect(res.stderr).toContain(`Error: ${summary}`);
  else expect(res.stderr).toMatch(summary);
  expect(res.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  return res.stderr;
}

/** The VM's attributes in the state file. */
function vmAttrs(dir: string): Record<string, unknown> {
  const st = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] };
  return st.resources.find((r) => r.type === 'xcp_vm')!.instances[0].attributes;
}

describe('memory limits against the template\'s dynamic range', () => {
  test('memory with a lower memory_dynamic_max plans dynamic_min at that maximum, applies and settles', async () => {
    // Ubuntu's template: static_min 1 GiB, dynamic 2..2 GiB, static_max 2 GiB.
    const dir = workdir(vm(`  template = "Ubuntu Jammy Jellyfish 22.04"\n  memory = ${4 * GIB}\n  memory_dynamic_max = ${2 * GIB}\n`));
    expect(await planErrors(dir)).toEqual([]);
    applyAndSettle(dir);
    const a = vmAttrs(dir);
    expect([a.memory_static_min, a.memory_dynamic_min, a.memory_dynamic_max, a.memory]).toEqual([GIB, 2 * GIB, 2 * GIB, 4 * GIB]);
  }, 120_000);

  test('memory_dynamic_max alone, below the template\'s dynamic minimum or above its static maximum, applies', async () => {
    const dir = workdir(vm(`  template = "Ubuntu Jammy Jellyfish 22.04"\n  memory_dynamic_max = ${1.5 * GIB}\n  power_state = "halted"\n`));
    applyAndSettle(dir);
    expect([vmAttrs(dir).memory_dynamic_min, vmAttrs(dir).memory_dynamic_max]).toEqual([1.5 * GIB, 1.5 * GIB]);
    const up = workdir(vm(`  template = "Ubuntu Jammy Jellyfish 22.04"\n  memory_dynamic_max = ${3 * GIB}\n  power_state = "halted"\n`));
    applyAndSettle(up);
    expect([vmAttrs(up).memory_dynamic_max, vmAttrs(up).memory]).toEqual([3 * GIB, 3 * GIB]);
  }, 180_000);

  test('a configured memory_dynamic_min above a configured memory_dynamic_max is still a plan error, though static_min is not known yet', async () => {
    const dir = workdir(vm(`  template = "Ubuntu Jammy Jellyfish 22.04"\n  memory = ${4 * GIB}\n  memory_dynamic_min = ${3 * GIB}\n  memory_dynamic_max = ${2 * GIB}\n`));
    await expectPlanError(dir, 'xcp_vm.memory-constraint', ['memory'], 'memory limits must satisfy static_min <= dynamic_min <= dynamic_max <= memory');
  }, 60_000);
});

describe('a VM whose blocked_operations block destroy', () => {
  test('a change that replaces it is a plan error naming blocked_operations; unblocked first, the replacement applies', async () => {
    const body = (tpl: string, blocked: string): string => `  template = "${tpl}"\n  memory = ${2 * GIB}\n  blocked_operations = ${blocked}\n`;
    const dir = workdir(vm(body('Debian Bookworm 12', '{ destroy = "protected" }')));
    applyAndSettle(dir);
    write(dir, vm(body('Rocky Linux 9', '{ destroy = "protected" }')));
    const err = await expectPlanError(dir, 'xcp_vm.destroy-blocked', ['blocked_operations'], 'this change replaces the VM, but its blocked_operations block destroy');
    expect(err).toContain('blocked_operations destroy = "protected"');
    // Unblocking in the same change is not enough: the old VM is still protected when it is destroyed.
    write(dir, vm(body('Rocky Linux 9', '{}')));
    await expectPlanError(dir, 'xcp_vm.destroy-blocked', ['blocked_operations'], 'this change replaces the VM, but its blocked_operations block destroy');
    write(dir, vm(body('Debian Bookworm 12', '{}')));
    applyAndSettle(dir);
    write(dir, vm(body('Rocky Linux 9', '{}')));
    applyAndSettle(dir);
  }, 240_000);
});

describe('a VM whose blocked_operations block destroy, removed from the configuration', () => {
  test('apply refuses the delete with the cause before shutting the VM down', async () => {
    const dir = workdir(vm(`  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  blocked_operations = { destroy = "protected" }\n`));
    applyAndSettle(dir);
    write(dir, '');
    const apply = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('Error: VM "web" cannot be destroyed: its blocked_operations block destroy');
    expect(apply.stderr).toContain('blocked_operations destroy = "protected"');
    const power = await outside(dir, async (c) => {
      const vms = await c.call<Record<string, { name_label: string; power_state: string }>>('VM.get_all_records');
      return Object.values(vms).find((v) => v.name_label === 'web')?.power_state;
    });
    expect(power).toBe('Running');
  }, 120_000);
});

describe('a paused VM with force_shutdown = false', () => {
  test('a change that needs it halted is a plan error naming the change; with force_shutdown = true it applies', async () => {
    const body = (extra: string): string => `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  power_state = "paused"\n${extra}`;
    const dir = workdir(vm(body('  force_shutdown = false\n')));
    applyAndSettle(dir);
    write(dir, vm(body('  force_shutdown = false\n  vcpus_max = 4\n')));
    const err = await expectPlanError(dir, 'xcp_vm.hard-shutdown-needed', ['vcpus_max'], 'the VM is paused and this change needs it halted, but force_shutdown is false');
    expect(err).toContain('Set force_shutdown = true');
    write(dir, vm(body('  force_shutdown = false\n  vcpus = 3\n')));
    await expectPlanError(dir, 'xcp_vm.hard-shutdown-needed', ['vcpus'], 'the VM is paused and this change needs it halted, but force_shutdown is false');
    write(dir, `${vm(body('  force_shutdown = false\n')).replace('"paused"', '"halted"')}`);
    await expectPlanError(dir, 'xcp_vm.hard-shutdown-needed', ['power_state'], 'the VM is paused and this change needs it halted, but force_shutdown is false');
    write(dir, vm(body('  force_shutdown = true\n  vcpus_max = 4\n')));
    applyAndSettle(dir);
    expect([vmAttrs(dir).vcpus_max, vmAttrs(dir).power_state]).toEqual([4, 'paused']);
  }, 240_000);
});

describe('a running VM moved to another host while a disk is on a local SR', () => {
  test('is a plan error naming the disk and the SR; moving the disk to the shared SR in the same change applies', async () => {
    const dir = workdir('');
    const local = await outside(dir, async (c) => {
      const hosts = await c.call<Record<string, { name_label: string }>>('host.get_all_records');
      const host1 = Object.entries(hosts).find(([, h]) => h.name_label === 'dc1-host1')![0];
      const pbds = await c.call<Record<string, { host: string; SR: string }>>('PBD.get_all_records');
      const srs = await c.call<Record<string, { uuid: string; type: string }>>('SR.get_all_records');
      return Object.values(pbds).map((p) => (p.host === host1 && srs[p.SR].type === 'ext' ? srs[p.SR].uuid : undefined)).find((u) => u)!;
    });
    const body = (host: string, sr: string): string => `  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  host = "${host}"\n  disk {\n    size = ${10 * GIB}\n    sr   = "${sr}"\n  }\n`;
    write(dir, vm(body('dc1-host1', local)));
    applyAndSettle(dir);
    write(dir, vm(body('dc1-host2', local)));
    const err = await expectPlanError(dir, 'xcp_vm.migrate-needs-storage', ['host'], /Error: host dc1-host2 cannot reach disk 0 \("web 0"\): it is on SR "Local storage" \([0-9a-f-]{36}\), which is not shared/);
    expect(err).toContain(local);
    write(dir, vm(body('dc1-host2', 'NFS shared storage')));
    expect(await planErrors(dir)).toEqual([]);
    applyAndSettle(dir);
    expect(vmAttrs(dir).host).toBe('dc1-host2');
  }, 240_000);
});

describe('usage of a fresh VM', () => {
  test('bills its disks from their creation, not from the start of the period', async () => {
    const dir = workdir(vm(`  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  disk {\n    size = ${10 * GIB}\n  }\n  disk {\n    size = ${5 * GIB}\n  }\n`));
    applyAndSettle(dir);
    const since = new Date(Date.now() - 30 * 24 * 3_600_000).toISOString();
    const res = xcpform(['usage', '--json', '--since', since], { cwd: dir });
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as { total: { vms: number; diskGibHours: number }; disksWithoutCreationTime: number };
    expect(report.total.vms).toBe(1);
    expect(report.disksWithoutCreationTime).toBe(0);
    // 15 GiB for well under an hour (30 days from the period start would be 10,800 GiB-hours).
    expect(report.total.diskGibHours).toBeLessThan(1);
    const created = await outside(dir, async (c) => {
      const vms = await c.call<Record<string, { name_label: string; other_config: Record<string, string>; VBDs: string[] }>>('VM.get_all_records');
      const web = Object.values(vms).find((v) => v.name_label === 'web')!;
      const vdis = await c.call<Record<string, { other_config: Record<string, string> }>>('VDI.get_all_records');
      const vbds = await c.call<Record<string, { VDI: string; type: string }>>('VBD.get_all_records');
      return [web.other_config['xcpform:created'], ...web.VBDs.filter((b) => vbds[b].type === 'Disk').map((b) => vdis[vbds[b].VDI]?.other_config['xcpform:created'] ?? null)];
    });
    const t0 = Date.parse(created[0]!);
    expect(Date.now() - t0).toBeLessThan(10 * 60_000);
    // The template's disk is dated by the VM; the disk the create adds carries its own time.
    expect(created.filter((c) => c !== null && Date.parse(c) >= t0).length).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

describe('disk.vdi attaching an existing VDI whose size or name differ from the disk block', () => {
  const vdis = `resource "xcp_vdi" "a" {\n  name_label = "vdi-a"\n  sr         = "NFS shared storage"\n  size       = ${2 * GIB}\n}\nresource "xcp_vdi" "b" {\n  name_label = "vdi-b"\n  sr         = "NFS shared storage"\n  size       = ${3 * GIB}\n}\n`;
  const withDisk = (disk: string): string => vdis + vm(`  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  disk {\n    size = ${10 * GIB}\n  }\n  disk {\n    userdevice = "4"\n${disk}  }\n`);

  test('an xcp_vdi is attached as it is: another size or name is a plan error; its own values apply and settle', async () => {
    const dir = workdir(withDisk(`    vdi  = xcp_vdi.a.uuid\n    size = ${2 * GIB}\n`));
    applyAndSettle(dir);
    write(dir, withDisk(`    vdi  = xcp_vdi.b.uuid\n    size = ${2 * GIB}\n`));
    await expectPlanError(dir, 'xcp_vm.disk-size-not-vdi', ['disk', 1, 'size'], `disk 4 has size ${2 * GIB}, but the VDI "vdi-b" it attaches (managed by xcp_vdi.b) is ${3 * GIB} bytes`);
    write(dir, withDisk(`    vdi  = xcp_vdi.b.uuid\n    size = ${4 * GIB}\n`));
    await expectPlanError(dir, 'xcp_vm.disk-size-not-vdi', ['disk', 1, 'size'], /Error: disk 4 has size 4294967296, but the VDI "vdi-b"/);
    write(dir, withDisk(`    vdi  = xcp_vdi.b.uuid\n    size = xcp_vdi.b.size\n    name_label = "data"\n`));
    await expectPlanError(dir, 'xcp_vm.disk-name-not-vdi', ['disk', 1, 'name_label'], 'disk 4 is named "data", but the VDI it attaches (managed by xcp_vdi.b) is named "vdi-b"');
    write(dir, withDisk(`    vdi  = xcp_vdi.b.uuid\n    size = xcp_vdi.b.size\n`));
    const plan = xcpform(['plan', '-no-color'], { cwd: dir });
    expect(plan.stdout).toMatch(/name_label += "vdi-a" -> "vdi-b"/);
    applyAndSettle(dir);
    const disk = (vmAttrs(dir).disk as Record<string, unknown>[]).find((d) => d.userdevice === '4')!;
    expect([disk.name_label, disk.size]).toEqual(['vdi-b', 3 * GIB]);
  }, 240_000);

  test('a VDI no resource manages is grown to the disk size and renamed, and the next plan is empty', async () => {
    const dir = workdir(withDisk(`    vdi  = xcp_vdi.a.uuid\n    size = ${2 * GIB}\n`));
    applyAndSettle(dir);
    const plain = await outside(dir, async (c) => {
      const pools = await c.call<Record<string, { default_SR: string }>>('pool.get_all_records');
      const ref = await c.call<string>('VDI.create', {
        name_label: 'raw', name_description: '', SR: Object.values(pools)[0].default_SR, virtual_size: GIB, type: 'user', sharable: false, read_only: false,
        other_config: {}, sm_config: {}, xenstore_data: {}, tags: [],
      });
      return c.call<string>('VDI.get_uuid', ref);
    });
    write(dir, withDisk(`    vdi  = "${plain}"\n    size = ${GIB / 2}\n`));
    await expectPlanError(dir, 'xcp_vm.disk-size-not-vdi', ['disk', 1, 'size'], `disk 4 has size ${GIB / 2}, but the VDI "raw" it attaches is ${GIB} bytes`);
    write(dir, withDisk(`    vdi  = "${plain}"\n    size = ${2 * GIB}\n    name_label = "scratch"\n`));
    applyAndSettle(dir);
    const disk = (vmAttrs(dir).disk as Record<string, unknown>[]).find((d) => d.userdevice === '4')!;
    expect([disk.name_label, disk.size, disk.vdi]).toEqual(['scratch', 2 * GIB, plain]);
    // Grown again in place, same VDI.
    write(dir, withDisk(`    vdi  = "${plain}"\n    size = ${3 * GIB}\n    name_label = "scratch"\n`));
    applyAndSettle(dir);
  }, 240_000);
});

describe('disk.vdi switched to a VDI another disk of the VM holds', () => {
  test('two disks swapping their xcp_vdi on a running VM apply (each old attachment goes first) and settle', async () => {
    const vdi = (n: string): string => `resource "xcp_vdi" "${n}" {\n  name_label = "vdi-${n}"\n  sr         = "NFS shared storage"\n  size       = ${2 * GIB}\n}\n`;
    const disks = (four: string, five: string): string => vdi('a') + vdi('b') + vm(`  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  disk {\n    size = ${10 * GIB}\n  }\n  disk {\n    userdevice = "4"\n    vdi  = xcp_vdi.${four}.uuid\n    size = ${2 * GIB}\n  }\n  disk {\n    userdevice = "5"\n    vdi  = xcp_vdi.${five}.uuid\n    size = ${2 * GIB}\n  }\n`);
    const dir = workdir(disks('a', 'b'));
    applyAndSettle(dir);
    write(dir, disks('b', 'a'));
    applyAndSettle(dir);
    const names = (vmAttrs(dir).disk as Record<string, unknown>[]).filter((d) => d.userdevice !== '0').map((d) => [d.userdevice, d.name_label]);
    expect(names.sort()).toEqual([['4', 'vdi-b'], ['5', 'vdi-a']]);
    expect(vmAttrs(dir).power_state).toBe('running');
  }, 180_000);
});

describe('disk.vdi switched to a VDI another VM holds read-write', () => {
  test('is a plan error naming that VM', async () => {
    const vdi = (n: string): string => `resource "xcp_vdi" "${n}" {\n  name_label = "vdi-${n}"\n  sr         = "NFS shared storage"\n  size       = ${2 * GIB}\n}\n`;
    const other = `resource "xcp_vm" "db" {\n  name_label = "db"\n  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  disk {\n    size = ${10 * GIB}\n  }\n  disk {\n    userdevice = "4"\n    vdi  = xcp_vdi.a.uuid\n    size = ${2 * GIB}\n  }\n}\n`;
    const web = (v: string): string => vm(`  template = "Debian Bookworm 12"\n  memory = ${2 * GIB}\n  disk {\n    size = ${10 * GIB}\n  }\n  disk {\n    userdevice = "4"\n    vdi  = xcp_vdi.${v}.uuid\n    size = ${2 * GIB}\n  }\n`);
    const dir = workdir(vdi('a') + vdi('b') + other + web('b'));
    applyAndSettle(dir);
    write(dir, vdi('a') + vdi('b') + other + web('a'));
    const err = await expectPlanError(dir, 'xcp_vm.vdi-in-use', ['disk', 1, 'vdi'], /Error: VDI "vdi-a" is attached read-write to VM "db" \([0-9a-f-]{36}\)/);
    expect(err).toContain('mode = "RO"');
  }, 180_000);
});
