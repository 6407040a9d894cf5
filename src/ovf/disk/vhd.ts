/**
 * VHD reader, from Microsoft's published "Virtual Hard Disk Image Format Specification": the
 * 512-byte footer (`conectix`), and for dynamic disks the `cxsparse` header, the block
 * allocation table and blocks (a sector bitmap, then the data). Fixed disks are their data
 * followed by the footer. Differencing disks are refused: a package must carry whole disks.
 */
import type { DiskImage, DiskPiece } from './image';
import { checkSizes, DiskFormatError, readExact, type ByteSource } from './source';

const SECTOR = 512;
const COOKIE = 'conectix';
const TYPE = { FIXED: 2, DYNAMIC: 3, DIFFERENCING: 4 } as const;
const UNUSED = 0xffffffff;

interface Footer { readonly type: number; readonly size: number; readonly dataOffset: bigint }

/** True when the 512 bytes are a VHD footer. */
export const isVhdFooter = (b: Buffer): boolean => b.length >= SECTOR && b.toString('latin1', 0, 8) === COOKIE;

function parseFooter(b: Buffer): Footer {
  if (!isVhdFooter(b)) throw new DiskFormatError('not a VHD file (no conectix footer)');
  const type = b.readUInt32BE(60);
  if (type === TYPE.DIFFERENCING) throw new DiskFormatError('the VHD is a differencing disk (it has a parent); export the whole disk');
  if (type !== TYPE.FIXED && type !== TYPE.DYNAMIC) throw new DiskFormatError(`VHD disk type ${type} is not supported`);
  const size = b.readBigUInt64BE(48);
  if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new DiskFormatError('the VHD size is out of range');
  checkSizes('VHD', Number(size), 0);
  return { type, size: Number(size), dataOffset: b.readBigUInt64BE(16) };
}

async function* dynamicPieces(src: ByteSource, footer: Footer): AsyncGenerator<DiskPiece> {
  if (footer.dataOffset > BigInt(Number.MAX_SAFE_INTEGER)) throw new DiskFormatError('the VHD dynamic header offset is out of range');
  const dyn = await readExact(src, Number(footer.dataOffset), 1024, 'dynamic disk header');
  if (dyn.toString('latin1', 0, 8) !== 'cxsparse') throw new DiskFormatError('the VHD dynamic disk header has no cxsparse signature');
  const tableAt = Number(dyn.readBigUInt64BE(16));
  const entries = dyn.readUInt32BE(28);
  const blockSize = dyn.readUInt32BE(32);
  if (blockSize < SECTOR || blockSize % SECTOR !== 0 || blockSize > 256 << 20) throw new DiskFormatError(`VHD block size ${blockSize} is not valid`);
  const blocks = Math.ceil(footer.size / blockSize);
  if (entries < blocks) throw new DiskFormatError(`the VHD allocation table has ${entries} entries, the size needs ${blocks}`);
  checkSizes('VHD', footer.size, blocks * 4);
  const bat = await readExact(src, tableAt, blocks * 4, 'block allocation table');
  const bitmapBytes = Math.ceil(blockSize / SECTOR / 8 / SECTOR) * SECTOR;
  for (let i = 0; i < blocks; i++) {
    const sector = bat.readUInt32BE(i * 4);
    if (sector === UNUSED) continue;
    const at = sector * SECTOR;
    const bitmap = await readExact(src, at, bitmapBytes, 'block bitmap');
    const data = await readExact(src, at + bitmapBytes, Math.min(blockSize, footer.size - i * blockSize), 'block');
    // Sectors the bitmap does not mark hold no data of this disk: they read as zeros.
    for (let s = 0; s * SECTOR < data.length; s++) {
      if (!(bitmap[s >> 3] & (0x80 >> (s & 7)))) data.fill(0, s * SECTOR, (s + 1) * SECTOR);
    }
    yield { offset: i * blockSize, data };
  }
}

async function* fixedPieces(src: ByteSource, size: number, checkFooter: boolean): AsyncGenerator<DiskPiece> {
  for (let done = 0; done < size;) {
    const chunk = await src.read(done, Math.min(1 << 20, size - done));
    if (!chunk.length) throw new DiskFormatError('the fixed VHD is shorter than its size');
    yield { offset: done, data: chunk };
    done += chunk.length;
  }
  if (checkFooter) {
    // Behind gzip the footer is only reached after the data: check it now (the upload fails if it is wrong).
    const tail = await src.read(size, SECTOR);
    if (!isVhdFooter(tail)) throw new DiskFormatError(`the fixed VHD has no footer after the ${size} bytes the descriptor's capacity gives`);
    const footer = parseFooter(tail);
    if (footer.type !== TYPE.FIXED || footer.size !== size) throw new DiskFormatError(`the fixed VHD's footer says ${footer.size} bytes, the descriptor ${size}`);
    if ((await src.read(size + SECTOR, 1)).length) throw new DiskFormatError('the fixed VHD goes on after its footer');
  }
}

/**
 * Opens a VHD. A dynamic disk starts with a copy of its footer (`first`); a fixed one has it at
 * the end only: read first when the size is known, else (behind gzip) checked after the data,
 * whose size must then come from the descriptor (`expectedSize`).
 */
export async function openVhd(src: ByteSource, first: Buffer, expectedSize?: number): Promise<DiskImage> {
  if (isVhdFooter(first)) {
    const footer = parseFooter(first);
    if (footer.type === TYPE.DYNAMIC) return { variant: 'vhd-dynamic', virtualSize: footer.size, pieces: () => dynamicPieces(src, footer) };
  }
  if (src.size === undefined) {
    if (!expectedSize) throw new DiskFormatError('a compressed fixed VHD keeps its footer at the end: give the disk an ovf:capacity, or store it uncompressed');
    return { variant: 'vhd-fixed', virtualSize: expectedSize, pieces: () => fixedPieces(src, expectedSize, true) };
  }
  const footer = parseFooter(await readExact(src, src.size - SECTOR, SECTOR, 'footer'));
  if (footer.type !== TYPE.FIXED) throw new DiskFormatError('the VHD footer at the end does not match the one at the start');
  if (footer.size > src.size - SECTOR) throw new DiskFormatError(`the fixed VHD says ${footer.size} bytes but holds ${src.size - SECTOR}`);
  return { variant: 'vhd-fixed', virtualSize: footer.size, pieces: () => fixedPieces(src, footer.size, false) };
}
