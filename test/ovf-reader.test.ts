/**
 * The OVF reader over fixture packages: OVF 1.0 single VM, a collection of three with a
 * StartupSection, OVF 2.0 with a ProductSection, an OVA built here from files, and broken
 * packages whose diagnostics are asserted.
 */
import { mkdtempSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOvfPackage } from '../src/ovf/package-reader';
import { systemsInStartOrder, type OvfVirtualSystem } from '../src/ovf/model';
import { writeTar } from '../src/ovf/tar';

const FIX = join(__dirname, 'fixtures', 'ovf');
const GiB = 2 ** 30;
const MiB = 2 ** 20;

async function read(rel: string) {
  return readOvfPackage(join(FIX, rel));
}

describe('OVF reader: good packages', () => {
  test('single VM, OVF 1.0, SHA-1 manifest', async () => {
    const { package: pkg, diagnostics } = await read('single-1.0/web.ovf');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(pkg).toBeDefined();
    expect(pkg!.manifestVerified).toBe(true);
    const env = pkg!.envelope;
    expect(env.version).toBe('1');
    expect(env.files).toEqual([{ id: 'file1', href: 'web-disk1.img', size: 16384 }]);
    expect(env.disks.map((d) => [d.diskId, d.capacityBytes, d.fileRef, d.format])).toEqual([['vmdisk1', GiB, 'file1', 'raw'], ['vmdisk2', 512 * MiB, undefined, 'raw']]);
    expect(env.networks).toEqual([{ name: 'VM Network', description: 'The LAN' }, { name: 'backup', description: 'Backup network' }]);
    const vs = env.content as OvfVirtualSystem;
    expect(vs.kind).toBe('system');
    expect(vs.name).toBe('web-server');
    expect(vs.os).toEqual({ id: 96, version: undefined, description: 'Debian 64-bit' });
    expect(vs.hardware.vcpus).toBe(2);
    expect(vs.hardware.memoryBytes).toBe(1024 * MiB);
    // Disks come in controller/slot order, not document order.
    expect(vs.hardware.disks.map((d) => [d.disk.diskId, d.controller?.resourceType, d.addressOnParent])).toEqual([['vmdisk1', 6, '0'], ['vmdisk2', 6, '1']]);
    expect(vs.hardware.nics).toEqual([
      expect.objectContaining({ network: 'VM Network', mac: '00:50:56:aa:bb:01', subType: 'E1000' }),
      expect.objectContaining({ network: 'backup', mac: undefined }),
    ]);
    expect(vs.hardware.removable).toEqual([{ instanceId: '7', kind: 'cd', file: undefined }]);
    // The optional video card is skipped with a warning naming the item.
    expect(diagnostics.map((d) => [d.severity, d.summary])).toEqual([['warning', 'web.ovf: Item (InstanceID 10): unsupported ResourceType 24: ignored']]);
    expect(pkg!.files.get('file1')).toEqual([{ path: join(FIX, 'single-1.0', 'web-disk1.img'), offset: 0, size: 16384 }]);
  });

  test('collection of three with StartupSection, OVF 1.x with prefixed elements', async () => {
    const { package: pkg, diagnostics } = await read('collection-3/three-tier.ovf');
    expect(diagnostics).toEqual([]);
    const env = pkg!.envelope;
    expect(env.content.kind).toBe('collection');
    expect(env.content.name).toBe('Three tier');
    const ordered = systemsInStartOrder(env);
    expect(ordered.map((o) => [o.system.id, o.order, o.startDelay, o.stopDelay])).toEqual([['db', 1, 30, 60], ['app', 2, 15, 20], ['web', 3, 0, 10]]);
    const db = ordered[0].system;
    expect(db.hardware.disks.map((d) => d.disk.capacityBytes)).toEqual([2 * GiB, 256 * MiB]);
    expect(db.hardware.memoryBytes).toBe(4 * GiB);
    expect(ordered[1].system.hardware.nics.map((n) => n.network)).toEqual(['front', 'back']);
    expect(ordered[1].system.hardware.memoryBytes).toBe(2 * GiB);
    expect(pkg!.manifestVerified).toBe(false);
  });

  test('OVF 2.0 with ProductSection, StorageItem/EthernetPortItem and a ${property} capacity', async () => {
    const { package: pkg, diagnostics } = await read('product-2.0/appliance.ovf');
    expect(diagnostics).toEqual([]);
    const env = pkg!.envelope;
    expect(env.version).toBe('2');
    const vs = env.content as OvfVirtualSystem;
    expect(vs.annotation).toBe('Monitoring appliance, 2.0');
    expect(vs.products).toHaveLength(1);
    const p = vs.products[0];
    expect([p.class, p.product, p.vendor, p.version, p.fullVersion]).toEqual(['org.example.monitor', 'Monitor', 'Example', '2.0', '2.0.3']);
    expect(p.properties.map((x) => [x.key, x.type, x.value, x.userConfigurable, x.password])).toEqual([
      ['hostname', 'string', 'monitor', true, false],
      ['admin_password', 'string', undefined, true, true],
      ['disk_size', 'uint32', '1024', false, false],
    ]);
    expect(p.properties[0]).toMatchObject({ label: 'Host name', description: 'Name of the appliance', qualifiers: 'MaxLen(64)' });
    expect(vs.os).toEqual({ id: 101, version: '6', description: 'Linux 64-bit' });
    expect(vs.hardware.systemType).toBe('hvm-3.0-x86_64');
    expect(vs.hardware.disks[0].disk.capacityBytes).toBe(1024 * MiB);
    expect(vs.hardware.nics[0]).toMatchObject({ network: 'mgmt', mac: 'aa:bb:cc:00:11:22' });
    expect(pkg!.manifestVerified).toBe(true);
  });

  test('OVA built from files: descriptor first, then manifest, then disks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ovf-ova-'));
    const src = join(FIX, 'product-2.0');
    const ova = join(dir, 'appliance.ova');
    await writeTar(ova, ['appliance.ovf', 'appliance.mf', 'appliance-root.raw'].map((name) => ({ name, path: join(src, name) })));
    const { package: pkg, diagnostics } = await readOvfPackage(ova);
    expect(diagnostics).toEqual([]);
    expect(pkg!.kind).toBe('ova');
    expect(pkg!.manifestVerified).toBe(true);
    const seg = pkg!.files.get('root')![0];
    expect(seg.path).toBe(ova);
    expect(seg.size).toBe(8192);
    const fh = await fs.open(ova, 'r');
    const buf = Buffer.alloc(seg.size);
    await fh.read(buf, 0, seg.size, seg.offset);
    await fh.close();
    expect(buf.equals(await fs.readFile(join(src, 'appliance-root.raw')))).toBe(true);
  });

  test('an OVA whose first member is not the descriptor is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ovf-ova-'));
    const src = join(FIX, 'product-2.0');
    const ova = join(dir, 'bad.ova');
    await writeTar(ova, ['appliance.mf', 'appliance.ovf', 'appliance-root.raw'].map((name) => ({ name, path: join(src, name) })));
    const { package: pkg, diagnostics } = await readOvfPackage(ova);
    expect(pkg).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.summary])).toEqual([['ovf.ova-layout', 'bad.ova: archive: the first member is "appliance.mf", not the .ovf descriptor']]);
  });
});

describe('OVF reader: broken packages give diagnostics naming the element', () => {
  const cases: [string, string, string, number?][] = [
    ['malformed XML', 'broken/malformed.ovf', 'ovf.malformed-xml'],
    ['missing file', 'broken/missing-file.ovf', 'ovf.missing-file'],
    ['wrong checksum', 'broken/wrong-checksum.ovf', 'ovf.checksum-mismatch'],
    ['unsupported ResourceType', 'broken/unsupported-type.ovf', 'ovf.unsupported-resource-type'],
    ['unknown unit', 'broken/unknown-unit.ovf', 'ovf.unknown-unit'],
    ['no such package', 'broken/nothing-here.ova', 'ovf.missing-file'],
  ];
  test.each(cases)('%s', async (_name, rel, code) => {
    const { package: pkg, diagnostics } = await read(rel);
    expect(pkg).toBeUndefined();
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual([code]);
    expect(errors[0].detail).toBeTruthy();
    expect(errors[0].source?.filename).toContain('broken');
  });

  test('summaries', async () => {
    const summary = async (rel: string) => (await read(rel)).diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary)[0];
    expect(await summary('broken/malformed.ovf')).toMatch(/^malformed\.ovf: descriptor: malformed XML: /);
    expect(await summary('broken/missing-file.ovf')).toBe('missing-file.ovf: File file1: "missing-disk.img" is not in the package');
    expect(await summary('broken/wrong-checksum.ovf')).toBe('wrong-checksum.mf: SHA1(wrong-checksum-disk1.img): checksum mismatch');
    expect(await summary('broken/unsupported-type.ovf')).toBe('unsupported-type.ovf: Item (InstanceID 10): unsupported ResourceType 24');
    expect(await summary('broken/unknown-unit.ovf')).toBe('unknown-unit.ovf: Disk vmdisk2: unknown capacityAllocationUnits "furlong * 2^3"');
    const malformed = (await read('broken/malformed.ovf')).diagnostics[0];
    expect(malformed.source?.line).toBe(5);
  });
});
