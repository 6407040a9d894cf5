/**
 * The disk readers against files made by qemu-img (test/fixtures/ovf-disks, see
 * make-fixtures.sh): every format converts to exactly the source disk's bytes, read with
 * random access (plain file) and forwards only (behind gzip).
 */
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { rawChunks, type DiskImage } from './image';
import { openDisk, sniffFormat } from './open';
import { DiskFormatError, forwardSource, gunzipped, segmentSource, type ByteSource } from './source';
import type { DiskFormat } from '../model';

const FIX = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'ovf-disks');
const SOURCE = gunzipSync(readFileSync(join(FIX, 'source.raw.gz')));
const tmp = mkdtempSync(join(tmpdir(), 'xcpform-disk-'));

/** The fixture's plain bytes (the stored file is gzip for the larger ones). */
function plain(name: string): Buffer {
  const b = readFileSync(join(FIX, name));
  return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
}

function seekable(name: string): ByteSource {
  const path = join(tmp, `plain-${name}`);
  writeFileSync(path, plain(name));
  return segmentSource([{ path, offset: 0, size: plain(name).length }]);
}

function forward(name: string): ByteSource {
  const path = join(tmp, `gz-${name}`);
  writeFileSync(path, gzipSync(plain(name)));
  return forwardSource(gunzipped(createReadStream(path)));
}

async function raw(image: DiskImage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of rawChunks(image)) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

const CASES: [string, DiskFormat, string][] = [
  ['stream.vmdk', 'vmdk', 'vmdk-stream'],
  ['sparse.vmdk', 'vmdk', 'vmdk-sparse'],
  ['plain.qcow2', 'qcow2', 'qcow2'],
  ['compressed.qcow2', 'qcow2', 'qcow2'],
  ['dynamic.vhd', 'vhd', 'vhd-dynamic'],
];

describe('disk readers give the source disk byte for byte', () => {
  test.each(CASES)('%s, random access', async (name, hint, variant) => {
    const src = seekable(name);
    const image = await openDisk(src, hint);
    expect(image.variant).toBe(variant);
    expect(image.virtualSize).toBe(SOURCE.length);
    expect((await raw(image)).equals(SOURCE)).toBe(true);
    await src.close();
  });

  test.each(CASES)('%s, forwards only (gzip-compressed file)', async (name, hint, variant) => {
    const src = forward(name);
    const image = await openDisk(src, hint);
    expect(image.variant).toBe(variant);
    expect((await raw(image)).equals(SOURCE)).toBe(true);
    await src.close();
  });

  test('fixed VHD: the data before the footer; behind gzip the descriptor gives the size and the footer is checked last', async () => {
    const image = await openDisk(seekable('fixed.vhd'), 'vhd');
    expect(image.variant).toBe('vhd-fixed');
    expect((await raw(image)).equals(SOURCE)).toBe(true);
    expect((await raw(await openDisk(forward('fixed.vhd'), 'vhd', { rawSize: SOURCE.length }))).equals(SOURCE)).toBe(true);
    await expect(openDisk(forward('fixed.vhd'), 'vhd')).rejects.toThrow(/footer at the end: give the disk an ovf:capacity/);
    await expect(raw(await openDisk(forward('fixed.vhd'), 'vhd', { rawSize: SOURCE.length - 512 }))).rejects.toThrow(`the fixed VHD has no footer after the ${SOURCE.length - 512} bytes the descriptor's capacity gives`);
  });

  test('monolithic flat VMDK: the descriptor names the extent, which is read as raw', async () => {
    const extent = seekable('flat-flat.vmdk');
    const image = await openDisk(seekable('flat.vmdk'), 'vmdk', { resolveExtent: (n) => (n === 'flat-flat.vmdk' ? extent : undefined) });
    expect(image.variant).toBe('vmdk-flat');
    expect((await raw(image)).equals(SOURCE)).toBe(true);
    await expect(openDisk(seekable('flat.vmdk'), 'vmdk')).rejects.toThrow('names extent "flat-flat.vmdk", which the package does not have');
  });

  test('formats are told by their signature, not by the descriptor', async () => {
    expect(sniffFormat(plain('stream.vmdk'))).toBe('vmdk');
    expect(sniffFormat(plain('flat.vmdk'))).toBe('vmdk');
    expect(sniffFormat(plain('plain.qcow2'))).toBe('qcow2');
    expect(sniffFormat(plain('dynamic.vhd'))).toBe('vhd');
    expect(sniffFormat(SOURCE)).toBeUndefined();
    // A qcow2 labelled VMDK is still read as qcow2; a raw file labelled VMDK is refused.
    expect((await openDisk(seekable('plain.qcow2'), 'vmdk')).variant).toBe('qcow2');
    await expect(openDisk(segmentSource([{ path: join(FIX, 'flat-flat.vmdk'), offset: 0, size: 100 }]), 'vmdk')).rejects.toThrow('the descriptor says VMDK, but the file does not start like one');
  });

  test('broken files are DiskFormatErrors naming the problem, never crashes', async () => {
    const qcow = Buffer.from(plain('plain.qcow2'));
    qcow.writeBigUInt64BE(8n, 8); // a backing file
    const p = join(tmp, 'backing.qcow2');
    writeFileSync(p, qcow);
    await expect(openDisk(segmentSource([{ path: p, offset: 0, size: qcow.length }]), 'qcow2')).rejects.toThrow(new DiskFormatError('the QCOW2 image has a backing file; convert it to a standalone image first'));
    const huge = Buffer.from(plain('plain.qcow2'));
    huge.writeBigUInt64BE(2n ** 50n, 24); // a size no disk has: no table is allocated for it
    const hp = join(tmp, 'huge.qcow2');
    writeFileSync(hp, huge);
    await expect(openDisk(segmentSource([{ path: hp, offset: 0, size: huge.length }]), 'qcow2')).rejects.toThrow(`the QCOW2 header claims a ${2 ** 50}-byte disk, more than 64 TiB`);
    const vmdk = Buffer.from(plain('stream.vmdk')).subarray(0, 70_000);
    const v = join(tmp, 'truncated.vmdk');
    writeFileSync(v, vmdk);
    const image = await openDisk(segmentSource([{ path: v, offset: 0, size: vmdk.length }]), 'vmdk');
    await expect(raw(image)).rejects.toThrow(/the file ends inside the compressed grain/);
  });
});

describe('memory stays bounded whatever the virtual size', () => {
  test('a 4 GiB sparse disk streams as 4 GiB of raw bytes with a flat heap', async () => {
    // Made from plain.qcow2's header: the same image, its size field raised to 4 GiB and a
    // large enough L1 table appended (empty entries), so nearly all of it is holes.
    const base = Buffer.from(plain('plain.qcow2'));
    const size = 4 * 2 ** 30;
    const l1Entries = size / (4096 * 512);
    const l1At = base.length;
    const head = Buffer.concat([base, Buffer.alloc(l1Entries * 8)]);
    base.copy(head, l1At, Number(base.readBigUInt64BE(40)), Number(base.readBigUInt64BE(40)) + 8); // keep the first L2 table
    head.writeBigUInt64BE(BigInt(size), 24);
    head.writeUInt32BE(l1Entries, 36);
    head.writeBigUInt64BE(BigInt(l1At), 40);
    const p = join(tmp, 'big.qcow2');
    writeFileSync(p, head);
    const image = await openDisk(segmentSource([{ path: p, offset: 0, size: head.length }]), 'qcow2');
    global.gc?.();
    const before = process.memoryUsage().rss;
    let total = 0;
    let peak = 0;
    let first: Buffer | undefined;
    for await (const c of rawChunks(image)) {
      if (!first) first = Buffer.from(c.subarray(0, 2048));
      total += c.length;
      if ((total & (256 * 2 ** 20 - 1)) === 0) peak = Math.max(peak, process.memoryUsage().rss - before);
    }
    expect(total).toBe(size);
    expect(first!.equals(SOURCE.subarray(0, 2048))).toBe(true);
    expect(peak).toBeLessThan(64 * 2 ** 20);
  }, 60_000);
});

describe('damaged files', () => {
  test('bytes changed anywhere in the metadata give a DiskFormatError or a disk of the declared size, never another exception', async () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    let refused = 0;
    let read = 0;
    for (const name of ['stream.vmdk', 'sparse.vmdk', 'plain.qcow2', 'compressed.qcow2', 'dynamic.vhd', 'fixed.vhd']) {
      const good = plain(name);
      for (let i = 0; i < 60; i++) {
        const bad = Buffer.from(good);
        // The headers and tables live in the first 64 KiB (and a VHD's footer at the end).
        for (let k = 0; k < 4; k++) {
          const at = i % 2 ? rnd(Math.min(bad.length, 65536)) : bad.length - 1 - rnd(512);
          bad[at] = rnd(256);
        }
        const p = join(tmp, `damaged-${name}`);
        writeFileSync(p, bad);
        const src = segmentSource([{ path: p, offset: 0, size: bad.length }]);
        try {
          const image = await openDisk(src, 'unknown');
          let n = 0;
          for await (const c of rawChunks(image)) n += c.length;
          expect(n).toBe(image.virtualSize);
          read++;
        } catch (err) {
          if (!(err instanceof DiskFormatError)) throw err;
          refused++;
        } finally {
          await src.close();
        }
      }
    }
    expect(refused + read).toBe(360);
    expect(refused).toBeGreaterThan(0);
  }, 60_000);
});
