/**
 * QCOW2 reader, from the QEMU project's published qcow2 format specification: the header,
 * the L1 table, L2 tables and data clusters (standard, all-zero and deflate-compressed).
 * Refcounts and snapshots are not needed for reading the active image. Backing files,
 * encryption, external data files, extended L2 entries and zstd compression are refused with
 * a message naming the feature.
 */
import { inflateRawSync } from 'node:zlib';
import type { DiskImage, DiskPiece } from './image';
import { checkSizes, DiskFormatError, readExact, type ByteSource } from './source';

const MAGIC = 0x514649fb; // "QFI\xfb"
const OFFSET_MASK = 0x00fffffffffffe00n; // bits 9-55
const COMPRESSED = 1n << 62n;
const ZERO_FLAG = 1n;

const num = (v: bigint, what: string): number => {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new DiskFormatError(`the QCOW2 ${what} is out of range`);
  return Number(v);
};

interface Qcow2Header {
  readonly clusterBits: number;
  readonly size: number;
  readonly l1Size: number;
  readonly l1Offset: number;
}

function parseHeader(h: Buffer): Qcow2Header {
  if (h.readUInt32BE(0) !== MAGIC) throw new DiskFormatError('not a QCOW2 image (no QFI signature)');
  const version = h.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw new DiskFormatError(`QCOW2 version ${version} is not supported`);
  if (h.readBigUInt64BE(8) !== 0n) throw new DiskFormatError('the QCOW2 image has a backing file; convert it to a standalone image first');
  const clusterBits = h.readUInt32BE(20);
  if (clusterBits < 9 || clusterBits > 21) throw new DiskFormatError(`QCOW2 cluster size 2^${clusterBits} is not valid`);
  if (h.readUInt32BE(32) !== 0) throw new DiskFormatError('the QCOW2 image is encrypted');
  if (version === 3) {
    const incompatible = h.readBigUInt64BE(72);
    // Bit 0 (dirty) only concerns refcounts, which reading does not use.
    const refused: [bigint, string][] = [[2n, 'marked corrupt'], [4n, 'stored in an external data file'], [16n, 'using extended L2 entries']];
    for (const [bit, why] of refused) if (incompatible & bit) throw new DiskFormatError(`the QCOW2 image is ${why}`);
    const headerLength = h.readUInt32BE(100);
    if (incompatible & 8n && headerLength > 104 && h[104] !== 0) throw new DiskFormatError('the QCOW2 image is compressed with zstd (only deflate is supported)');
    if (incompatible & ~0x1fn) throw new DiskFormatError(`the QCOW2 image uses unknown incompatible features (0x${incompatible.toString(16)})`);
  }
  return { clusterBits, size: num(h.readBigUInt64BE(24), 'size'), l1Size: h.readUInt32BE(36), l1Offset: num(h.readBigUInt64BE(40), 'L1 table offset') };
}

async function* pieces(src: ByteSource, h: Qcow2Header): AsyncGenerator<DiskPiece> {
  const cluster = 2 ** h.clusterBits;
  const perL2 = cluster / 8;
  const needed = Math.ceil(h.size / (cluster * perL2));
  if (h.l1Size < needed) throw new DiskFormatError(`the QCOW2 L1 table has ${h.l1Size} entries, the size needs ${needed}`);
  checkSizes('QCOW2', h.size, needed * 8);
  const l1 = await readExact(src, h.l1Offset, needed * 8, 'L1 table');
  const x = BigInt(62 - (h.clusterBits - 8));
  for (let i = 0; i < needed; i++) {
    const l2At = num(l1.readBigUInt64BE(i * 8) & OFFSET_MASK, 'L2 table offset');
    if (l2At === 0) continue;
    const l2 = await readExact(src, l2At, cluster, 'L2 table');
    for (let j = 0; j < perL2; j++) {
      const offset = (i * perL2 + j) * cluster;
      if (offset >= h.size) return;
      const e = l2.readBigUInt64BE(j * 8);
      if (e & COMPRESSED) {
        const hostAt = num(e & ((1n << x) - 1n), 'compressed cluster offset');
        const sectors = Number((e >> x) & ((1n << BigInt(h.clusterBits - 8)) - 1n)) + 1;
        const stored = await src.read(hostAt, sectors * 512 - (hostAt % 512));
        let data: Buffer;
        try {
          data = inflateRawSync(stored, { maxOutputLength: cluster, finishFlush: 2 /* Z_SYNC_FLUSH: the stored range may end mid-sector */ });
        } catch (err) {
          throw new DiskFormatError(`a compressed QCOW2 cluster is corrupt (${(err as Error).message})`);
        }
        yield { offset, data };
        continue;
      }
      if (e & ZERO_FLAG) continue;
      const at = num(e & OFFSET_MASK, 'cluster offset');
      if (at === 0) continue;
      yield { offset, data: await readExact(src, at, cluster, 'data cluster') };
    }
  }
}

/** Opens a QCOW2 image whose first 512 bytes are `first`. */
export function openQcow2(src: ByteSource, first: Buffer): DiskImage {
  const h = parseHeader(first);
  checkSizes('QCOW2', h.size, Math.ceil(h.size / (2 ** h.clusterBits * (2 ** h.clusterBits / 8))) * 8);
  return { variant: 'qcow2', virtualSize: h.size, pieces: () => pieces(src, h) };
}
