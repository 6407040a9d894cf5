/**
 * xcp_vm installation_method: `cdrom` boots the installer ISO first, `network` boots PXE first,
 * each setting the boot order unless boot_order is given; the combinations that cannot work
 * (cdrom method without an ISO, network method with one, a boot order that starts elsewhere)
 * are plan errors on the attribute to change. With the xcpform CLI on the embedded simulator.
 */
import { join } from 'node:path';
import { startSimulator } from '../src/simulator';
import { XapiClient } from '../src/xenapi';
import { configFolders, planErrors, DC1 } from './helpers/config-folder';

const { workdir, write, lineOf, applyAndSettle } = configFolders(DC1, 'xcpform-install-');
const ISO = 'debian-12.5.0-amd64-netinst.iso';
const vm = (lines: string): string => `resource "xcp_vm" "new" {
  name_label  = "new"
  template    = "Other install media"
  memory      = 1073741824
  power_state = "halted"
${lines}  disk {
    size = 10737418240
  }
}
`;

async function bootOrder(dir: string): Promise<string | undefined> {
  const sim = await startSimulator({ stateFile: join(dir, '.xcpform', 'simulator.json') });
  const c = new XapiClient({ url: sim.pools.find((p) => p.name === 'dc1')!.url, credentials: { username: 'root', password: 'xcpform' } });
  try {
    return [...(await c.getAllRecords('VM')).values()].find((v) => v.name_label === 'new' && !v.is_a_template)!.HVM_boot_params.order;
  } finally {
    await c.close();
    await sim.close();
  }
}

async function onlyError(dir: string, code: string, path: string[]): Promise<void> {
  const errors = await planErrors(dir);
  expect(errors.map((d) => ({ code: d.code, path: d.path, line: d.source?.line }))).toEqual([{ code, path, line: lineOf(dir, 'resource "xcp_vm" "new"') }]);
}

test('cdrom then network: the boot order follows the method; re-plans are empty', async () => {
  const dir = workdir(vm(`  installation_method = "cdrom"\n  cdrom               = "${ISO}"\n`));
  applyAndSettle(dir);
  expect(await bootOrder(dir)).toBe('dc');
  write(dir, vm('  installation_method = "network"\n'));
  applyAndSettle(dir);
  expect(await bootOrder(dir)).toBe('nc');
  write(dir, vm('  installation_method = "network"\n  boot_order          = "ncd"\n'));
  applyAndSettle(dir);
  expect(await bootOrder(dir)).toBe('ncd');
}, 180_000);

test('the combinations that cannot work are plan errors on the attribute to change', async () => {
  await onlyError(workdir(vm('  installation_method = "cdrom"\n')), 'xcp_vm.install-needs-cdrom', ['installation_method']);
  await onlyError(workdir(vm(`  installation_method = "network"\n  cdrom               = "${ISO}"\n`)), 'xcp_vm.install-conflict', ['cdrom']);
  await onlyError(workdir(vm(`  installation_method = "cdrom"\n  cdrom               = "${ISO}"\n  boot_order          = "cd"\n`)), 'xcp_vm.install-boot-order', ['boot_order']);
}, 120_000);
