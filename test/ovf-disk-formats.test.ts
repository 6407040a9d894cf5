/**
 * Every disk format a package may carry, end to end as a user runs it: `ovf import` of a
 * package whose disk was made by qemu-img (test/fixtures/ovf-disks), `apply` against the
 * embedded simulator, the VDI's contents read back from the simulator's world equal to the
 * source disk, and an empty re-plan.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { xcpform, ROOT } from './helpers/cli';
import { sha256, vdiContents } from './helpers/world-contents';

const FIX = join(ROOT, 'test', 'fixtures', 'ovf-disks');
const SOURCE = gunzipSync(readFileSync(join(FIX, 'source.raw.gz')));
const VARS = ['-var', 'network_lan=Pool-wide network associated with eth0'];

/** Package, the format apply converts from, the plan's note (a gzip fixed VHD shows its kind only at its end). */
const FORMATS: [string, string, string][] = [
  ['vmdk-stream', 'VMDK (stream-optimized)', 'disk disk1 (stream.vmdk): VMDK (stream-optimized), gzip-compressed, converted to raw while uploading (1 MiB)'],
  ['vmdk-sparse', 'VMDK (monolithic sparse)', 'disk disk1 (sparse.vmdk): VMDK (monolithic sparse), gzip-compressed, converted to raw while uploading (1 MiB)'],
  ['vmdk-flat', 'VMDK (flat)', 'disk disk1 (flat.vmdk): VMDK (flat), converted to raw while uploading (1 MiB)'],
  ['qcow2', 'QCOW2', 'disk disk1 (plain.qcow2): QCOW2, converted to raw while uploading (1 MiB)'],
  ['qcow2-compressed', 'QCOW2', 'disk disk1 (compressed.qcow2): QCOW2, converted to raw while uploading (1 MiB)'],
  ['vhd-dynamic', 'VHD (dynamic)', 'disk disk1 (dynamic.vhd): VHD (dynamic), gzip-compressed, decompressed while uploading as VHD (1 MiB)'],
  ['vhd-fixed', 'VHD (fixed)', 'disk disk1 (fixed.vhd): VHD, gzip-compressed, decompressed while uploading as VHD (1 MiB)'],
];

describe('disk formats on the way in: import → apply → VDI bytes → empty re-plan', () => {
  test.each(FORMATS)('%s', (name, label, note) => {
    const dir = mkdtempSync(join(tmpdir(), `xcpform-ovf-${name}-`));
    const imp = xcpform(['ovf', 'import', join(FIX, `${name}.ovf`), '-o', dir, '--offline']);
    expect(imp.stderr).toBe('');
    expect(imp.code).toBe(0);
    const plan = xcpform(['plan', ...VARS], { cwd: dir });
    expect(plan.stdout).toContain(`# (${note})`);
    const apply = xcpform(['apply', '-auto-approve', ...VARS], { cwd: dir });
    // VHD goes as VHD (XAPI reads it: import_raw_vdi format=vhd); the others are converted to raw.
    expect(apply.stdout).toContain(name.startsWith('vhd') ? `uploading ${name === 'vhd-fixed' ? 'fixed' : 'dynamic'}.vhd as ${label} into disk 0 of ${name}` : `from ${label} to raw while uploading it into disk 0 of ${name}`);
    expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 migrated, 0 destroyed.');
    const got = vdiContents(dir, `${name} 0`);
    expect(got.length).toBe(SOURCE.length);
    expect(got.sha256).toBe(sha256(SOURCE));
    expect(got.virtualSize).toBe(SOURCE.length);
    expect(xcpform(['plan', '-detailed-exitcode', ...VARS], { cwd: dir }).code).toBe(0);
  }, 120_000);
});
