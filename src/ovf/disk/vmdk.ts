/**
 * VMDK readers, from VMware's published "Virtual Disk Format 5.0" specification:
 * - hosted sparse extents (`KDMV` header): grain directory → grain tables → grains, with
 *   optionally compressed grains (a grain marker: LBA, size, deflate data);
 * - stream-optimized extents (compressed grains and markers, written for one forward pass):
 *   read marker by marker, so they convert straight from a gzip stream;
 * - text descriptors whose extents are FLAT (raw), SPARSE or ZERO, e.g. `monolithicFlat`.
 * Differencing disks (a parent) are refused: a package must carry whole disks.
 */
import { inflateRawSync, inflateSync } from 'node:zlib';
import type { DiskImage, DiskPiece } from './image';
import { checkSizes, DiskFormatError, MAX_TABLE_BYTES, readExact, type ByteSource } from './source';

const SECTOR = 512;
const MAGIC = 0x564d444b; // "KDMV" little-endian
const FLAG_COMPRESSED = 1 << 16;
const FLAG_MARKERS = 1 << 17;
const GD_AT_END = 0xffffffffffffffffn;
const MARKER = { EOS: 0, GT: 1, GD: 2, FOOTER: 3 } as const;
/** Largest grain accepted (the specification's maximum grain is far below this). */
const MAX_GRAIN_BYTES = 16 << 20;

interface SparseHeader {
  readonly flags: number;
  readonly capacity: number;
  readonly grainSectors: number;
  readonly gtes: number;
  readonly gdOffset: bigint;
  readonly overHead: number;
}

const num = (v: bigint, what: string): number => {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new DiskFormatError(`the VMDK ${what} is out of range`);
  return Number(v);
};

function parseHeader(h: Buffer): SparseHeader {
  if (h.readUInt32LE(0) !== MAGIC) throw new DiskFormatError('not a VMDK sparse extent (no KDMV signature)');
  const version = h.readUInt32LE(4);
  if (version < 1 || version > 3) throw new DiskFormatError(`VMDK sparse extent version ${version} is not supported`);
  const grainSectors = num(h.readBigUInt64LE(20), 'grain size');
  const gtes = h.readUInt32LE(44);
  if (grainSectors < 1 || grainSectors * SECTOR > MAX_GRAIN_BYTES || (grainSectors & (grainSectors - 1)) !== 0) throw new DiskFormatError(`VMDK grain size ${grainSectors} sectors is not valid`);
  if (gtes < 1 || gtes > 1 << 16) throw new DiskFormatError(`VMDK grain tables of ${gtes} entries are not valid`);
  const flags = h.readUInt32LE(8);
  if (flags & FLAG_COMPRESSED && h.readUInt16LE(77) !== 1) throw new DiskFormatError(`VMDK compression algorithm ${h.readUInt16LE(77)} is not supported (deflate only)`);
  const capacity = num(h.readBigUInt64LE(12), 'capacity') * SECTOR;
  checkSizes('VMDK', capacity, Math.ceil(capacity / (grainSectors * SECTOR * gtes)) * 4);
  return { flags, capacity, grainSectors, gtes, gdOffset: h.readBigUInt64LE(56), overHead: num(h.readBigUInt64LE(64), 'overhead') };
}

/** Inflates one compressed grain (zlib-wrapped per the specification; raw deflate accepted). */
function inflateGrain(data: Buffer, max: number): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: max });
  } catch {
    try {
      return inflateRawSync(data, { maxOutputLength: max });
    } catch (err) {
      throw new DiskFormatError(`a compressed VMDK grain is corrupt (${(err as Error).message})`);
    }
  }
}

/** Reads the grain at `at` (file bytes) for a grain table entry. */
async function readGrain(src: ByteSource, h: SparseHeader, at: number): Promise<Buffer> {
  const grainBytes = h.grainSectors * SECTOR;
  if (!(h.flags & FLAG_COMPRESSED)) return readExact(src, at, grainBytes, 'grain');
  const marker = await readExact(src, at, 12, 'grain marker');
  const size = marker.readUInt32LE(8);
  if (size > grainBytes * 2 + 4096) throw new DiskFormatError(`a compressed VMDK grain claims ${size} bytes`);
  return inflateGrain(await readExact(src, at + 12, size, 'compressed grain'), grainBytes);
}

/** A hosted sparse extent read through its grain directory and tables. */
async function* sparsePieces(src: ByteSource, h: SparseHeader, base: number): AsyncGenerator<DiskPiece> {
  if (h.gdOffset === GD_AT_END || h.gdOffset === 0n) throw new DiskFormatError('the VMDK sparse extent has no grain directory');
  const grainBytes = h.grainSectors * SECTOR;
  const gtCoverage = grainBytes * h.gtes;
  const gdes = Math.ceil(h.capacity / gtCoverage);
  const gd = await readExact(src, num(h.gdOffset, 'grain directory offset') * SECTOR, gdes * 4, 'grain directory');
  // Behind gzip every read must go forwards: the tables sit before the grains, so read them all first.
  const tables = new Map<number, Buffer>();
  const table = async (i: number): Promise<Buffer | undefined> => {
    const at = gd.readUInt32LE(i * 4);
    if (at === 0) return undefined;
    return tables.get(i) ?? readExact(src, at * SECTOR, h.gtes * 4, 'grain table');
  };
  if (!src.seekable) {
    if (gdes * h.gtes * 4 > 4 * MAX_TABLE_BYTES) throw new DiskFormatError('the compressed VMDK has more grain tables than can be read ahead; store it uncompressed');
    const order = [...Array(gdes).keys()].filter((i) => gd.readUInt32LE(i * 4) !== 0).sort((a, b) => gd.readUInt32LE(a * 4) - gd.readUInt32LE(b * 4));
    for (const i of order) tables.set(i, (await table(i))!);
  }
  for (let i = 0; i < gdes; i++) {
    const gt = await table(i);
    if (!gt) continue;
    for (let j = 0; j < h.gtes; j++) {
      const at = gt.readUInt32LE(j * 4);
      const offset = i * gtCoverage + j * grainBytes;
      if (at <= 1 || offset >= h.capacity) continue; // 0: unallocated, 1: a zeroed grain
      yield { offset: base + offset, data: await readGrain(src, h, at * SECTOR) };
    }
    tables.delete(i);
  }
}

/** A stream-optimized extent read marker by marker, in one forward pass. */
async function* streamPieces(src: ByteSource, h: SparseHeader, base: number): AsyncGenerator<DiskPiece> {
  const grainBytes = h.grainSectors * SECTOR;
  let at = h.overHead * SECTOR;
  for (;;) {
    // Reads only go forwards (the marker, then its type or data), so this works behind gzip.
    const m = await src.read(at, 12);
    if (m.length < 12) return; // a stream without an end-of-stream marker ends with the file
    const value = m.readBigUInt64LE(0);
    const size = m.readUInt32LE(8);
    if (size === 0) {
      const t = await src.read(at + 12, 4);
      const type = t.length === 4 ? t.readUInt32LE(0) : MARKER.EOS;
      if (type === MARKER.EOS) return;
      if (type !== MARKER.GT && type !== MARKER.GD && type !== MARKER.FOOTER) throw new DiskFormatError(`unknown VMDK stream marker type ${type} at byte ${at}`);
      // Metadata sectors follow the marker sector: tables and footer are not needed to read forwards.
      at += SECTOR + num(value, 'marker size') * SECTOR;
      continue;
    }
    if (size > grainBytes * 2 + 4096) throw new DiskFormatError(`a compressed VMDK grain at byte ${at} claims ${size} bytes`);
    const compressed = await readExact(src, at + 12, size, 'compressed grain');
    const offset = num(value, 'grain address') * SECTOR;
    if (offset < h.capacity) yield { offset: base + offset, data: inflateGrain(compressed, grainBytes) };
    at += Math.ceil((12 + size) / SECTOR) * SECTOR;
  }
}

/** Looks up a file an extent names (inside the package); undefined when absent. */
export type ExtentResolver = (name: string) => ByteSource | undefined;

interface Extent { readonly sectors: number; readonly kind: 'FLAT' | 'SPARSE' | 'ZERO' | 'VMFS'; readonly file?: string; readonly offset: number }

/** Parses a text descriptor's extent lines and checks it has no parent. */
export function parseDescriptor(text: string): { createType?: string; extents: Extent[] } {
  const extents: Extent[] = [];
  let createType: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const kv = /^(\w+)\s*=\s*"?([^"]*)"?$/.exec(line);
    if (kv?.[1] === 'createType') createType = kv[2];
    if (kv?.[1] === 'parentCID' && kv[2].toLowerCase() !== 'ffffffff') throw new DiskFormatError('the VMDK is a differencing disk (it has a parent); export the whole disk');
    const m = /^(RW|RDONLY|NOACCESS)\s+(\d+)\s+(FLAT|SPARSE|ZERO|VMFS)(?:\s+"([^"]+)"(?:\s+(\d+))?)?/.exec(line);
    if (m) extents.push({ sectors: Number(m[2]), kind: m[3] as Extent['kind'], file: m[4], offset: Number(m[5] ?? 0) });
  }
  return { createType, extents };
}

/** Opens a VMDK file: a binary sparse/stream extent, or a text descriptor with its extents. */
export async function openVmdk(src: ByteSource, first: Buffer, resolve: ExtentResolver): Promise<DiskImage> {
  if (first.readUInt32LE(0) === MAGIC) {
    const h = parseHeader(first);
    if (h.flags & FLAG_MARKERS) return { variant: 'vmdk-stream', virtualSize: h.capacity, pieces: () => streamPieces(src, h, 0) };
    return { variant: 'vmdk-sparse', virtualSize: h.capacity, pieces: () => sparsePieces(src, h, 0) };
  }
  const text = (await src.read(0, 64 * 1024)).toString('latin1');
  if (!text.startsWith('# Disk DescriptorFile')) throw new DiskFormatError('not a VMDK file (neither a KDMV extent nor a text descriptor)');
  const { extents } = parseDescriptor(text);
  if (!extents.length) throw new DiskFormatError('the VMDK descriptor lists no extents');
  const virtualSize = extents.reduce((n, e) => n + e.sectors * SECTOR, 0);
  checkSizes('VMDK', virtualSize, 0);
  const files = new Map<string, ByteSource>();
  for (const e of extents) {
    if (e.kind === 'ZERO') continue;
    if (e.kind === 'VMFS' || !e.file) throw new DiskFormatError(`VMDK extents of type ${e.kind} are not supported`);
    const f = resolve(e.file);
    if (!f) throw new DiskFormatError(`the VMDK descriptor names extent "${e.file}", which the package does not have`);
    files.set(e.file, f);
  }
  const variant = extents.every((e) => e.kind !== 'SPARSE') ? 'vmdk-flat' : 'vmdk-sparse';
  return { variant, virtualSize, pieces: () => descriptorPieces(extents, files) };
}

async function* descriptorPieces(extents: readonly Extent[], files: ReadonlyMap<string, ByteSource>): AsyncGenerator<DiskPiece> {
  let base = 0;
  for (const e of extents) {
    const bytes = e.sectors * SECTOR;
    const f = e.file ? files.get(e.file) : undefined;
    if (f && e.kind === 'FLAT') {
      for (let done = 0; done < bytes;) {
        const chunk = await f.read(e.offset * SECTOR + done, Math.min(1 << 20, bytes - done));
        if (!chunk.length) throw new DiskFormatError(`VMDK extent "${e.file}" is shorter than its ${e.sectors} sectors`);
        yield { offset: base + done, data: chunk };
        done += chunk.length;
      }
    } else if (f && e.kind === 'SPARSE') {
      const h = parseHeader(await readExact(f, 0, SECTOR, 'sparse extent header'));
      const capped = { ...h, capacity: Math.min(h.capacity, bytes) };
      yield* h.flags & FLAG_MARKERS ? streamPieces(f, capped, base) : sparsePieces(f, capped, base);
    }
    base += bytes;
  }
}
