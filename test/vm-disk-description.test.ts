/**
 * xcp_vm disk.name_description: the VDI's description, set at create (a template's disk and a
 * new one), updated in place, read back after a change behind xcpform's back (drift, then
 * repaired), imported, and gone with the VM. With the xcpform CLI on the embedded simulator.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../src/simulator';
import { XapiClient } from '../src/xenapi';
import { xcpform } from './helpers/cli';
import { configFolders, DC1 } from './helpers/config-folder';

const GIB = 1024 ** 3;
const vm = (system: string, data: string): string => `resource "xcp_vm" "web" {
  name_label  = "web"
  template    = "Debian Bookworm 12"
  memory      = ${GIB}
  power_state = "halted"
  disk {
    size             = ${10 * GIB}
    name_description = "${system}"
  }
  disk {
    size             = ${GIB}
    name_description = "${data}"
  }
}
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

/** Descriptions of the VM "web"'s disks by userdevice, and the VM's UUID. */
async function descriptions(dir: string): Promise<{ uuid: string; disks: Record<string, string> }> {
  return withWorld(dir, async (c) => {
    const rec = [...(await c.getAllRecords('VM')).values()].find((v) => v.name_label === 'web' && !v.is_a_template)!;
    const disks: Record<string, string> = {};
    for (const b of rec.VBDs) {
      const vbd = await c.getRecord('VBD', b);
      if (vbd.type === 'Disk') disks[vbd.userdevice] = (await c.getRecord('VDI', vbd.VDI)).name_description;
    }
    return { uuid: rec.uuid, disks };
  });
}

test('apply, empty re-plan, update, drift, import, destroy', async () => {
  const { workdir, write, applyAndSettle } = configFolders(DC1, 'xcpform-disk-desc-');
  const dir = workdir(vm('system disk', 'postgres data'));
  applyAndSettle(dir);
  expect((await descriptions(dir)).disks).toEqual({ 0: 'system disk', 1: 'postgres data' });

  write(dir, vm('system disk', 'postgres data (v16)'));
  const plan = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
  expect(plan.code).toBe(2);
  expect(plan.stdout).toMatch(/name_description += "postgres data" -> "postgres data \(v16\)"/);
  expect(plan.stdout).toContain('0 to add, 1 to change, 0 to destroy');
  applyAndSettle(dir);
  expect((await descriptions(dir)).disks[1]).toBe('postgres data (v16)');

  // Drift: the description changed over XAPI is read, planned back and repaired.
  await withWorld(dir, async (c) => {
    const rec = [...(await c.getAllRecords('VM')).values()].find((v) => v.name_label === 'web' && !v.is_a_template)!;
    for (const b of rec.VBDs) {
      const vbd = await c.getRecord('VBD', b);
      if (vbd.userdevice === '0') await c.call('VDI.set_name_description', vbd.VDI, 'changed by hand');
    }
  });
  const drift = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
  expect(drift.code).toBe(2);
  expect(drift.stdout).toMatch(/name_description += "changed by hand" -> "system disk"/);
  applyAndSettle(dir);
  expect((await descriptions(dir)).disks[0]).toBe('system disk');

  // Import into a fresh state: the descriptions are read, and the configuration plans no change.
  const { uuid } = await descriptions(dir);
  rmSync(join(dir, 'terraform.tfstate'), { force: true });
  rmSync(join(dir, '.xcpform', 'state'), { recursive: true, force: true });
  expect(xcpform(['state', 'list'], { cwd: dir }).stdout.trim()).toBe('');
  const imported = xcpform(['import', 'xcp_vm.web', `dc1/${uuid}`], { cwd: dir });
  expect([imported.code, imported.stderr]).toEqual([0, '']);
  const afterImport = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
  expect(afterImport.stdout).not.toContain('name_description');

  const destroy = xcpform(['destroy', '-auto-approve', '-no-color'], { cwd: dir });
  expect(destroy.code).toBe(0);
  expect(await withWorld(dir, async (c) => [...(await c.getAllRecords('VDI')).values()].filter((v) => ['system disk', 'postgres data (v16)'].includes(v.name_description)).length)).toBe(0);
}, 240_000);
