/**
 * Settings XAPI refuses in combination are plan errors on the attribute, before anything is
 * created: changed block tracking on a disk reset at boot or of another type than user/system,
 * IntelliCache on a shared or block-based SR. The valid neighbours apply and settle.
 */
import { configFolders, planErrors, DC1 } from './helpers/config-folder';

const { workdir, lineOf, applyAndSettle } = configFolders(DC1, 'xcpform-xapi-constraints-');
const GIB = 1024 ** 3;

const vdi = (extra: string): string => `resource "xcp_vdi" "d" {\n  name_label = "d"\n  sr         = "NFS shared storage"\n  size       = ${GIB}\n${extra}}\n`;
const sr = (extra: string): string => `resource "xcp_sr" "s" {\n  name_label    = "s"\n${extra}  local_caching = true\n}\n`;

async function expectOnly(config: string, code: string, path: string[], at: string): Promise<void> {
  const dir = workdir(config);
  const errors = await planErrors(dir);
  expect(errors.map((d) => ({ code: d.code, path: d.path, line: d.source?.line }))).toEqual([{ code, path, line: lineOf(dir, at) }]);
}

test('cbt_enabled on a disk reset at every boot, or on a suspend disk, is a plan error', async () => {
  await expectOnly(vdi('  cbt_enabled = true\n  on_boot     = "reset"\n'), 'xcp_vdi.cbt-on-boot-reset', ['cbt_enabled'], 'resource "xcp_vdi" "d"');
  await expectOnly(vdi('  cbt_enabled = true\n  type        = "suspend"\n'), 'xcp_vdi.cbt-type', ['cbt_enabled'], 'resource "xcp_vdi" "d"');
});

test('cbt_enabled on a persistent user disk applies and settles', () => {
  applyAndSettle(workdir(vdi('  cbt_enabled = true\n')));
}, 120_000);

test('local_caching on a shared SR or an lvm SR is a plan error', async () => {
  await expectOnly(sr('  type          = "nfs"\n  shared        = true\n  device_config = { server = "10.0.0.20", serverpath = "/vms" }\n'), 'xcp_sr.caching-shared', ['local_caching'], 'resource "xcp_sr" "s"');
  await expectOnly(sr('  type          = "lvm"\n  host          = "dc1-host1"\n  device_config = { device = "/dev/sdb" }\n'), 'xcp_sr.caching-type', ['local_caching'], 'resource "xcp_sr" "s"');
});

test('local_caching on a host\'s ext SR applies (the host is disabled for the call and enabled again) and settles', () => {
  applyAndSettle(workdir(sr('  type          = "ext"\n  host          = "dc1-host1"\n  device_config = { device = "/dev/sdb" }\n')));
}, 120_000);
