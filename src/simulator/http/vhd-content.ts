/**
 * What a VHD uploaded with `import_raw_vdi?format=vhd` writes into its VDI, as xapi's vhd-tool
 * does: the disk's contents, not the file. Per Microsoft's VHD specification: a fixed disk is its
 * data followed by a 512-byte `conectix` footer; a dynamic one starts with a copy of the footer,
 * then a `cxsparse` header pointing at the block allocation table, and each allocated block is a
 * sector bitmap followed by the data (sectors the bitmap leaves unmarked, and unallocated
 * blocks, read as zeros). Differencing disks need their parent, which an upload does not carry.
 */

const SECTOR = 512;
const UNUSED = 0xffffffff;

/** A VHD the simulator refuses, with the reason (sent as the HTTP error body). */
export class VhdError extends Error {}

function footerAt(buf: Buffer, at: number): { type: number; size: number; dataOffset: number } | undefined {
  if (at < 0 || at + SECTOR > buf.length || buf.toString('latin1', at, at + 8) !== 'conectix') return undefined;
  return { type: buf.readUInt32BE(at + 60), size: Number(buf.readBigUInt64BE(at + 48)), dataOffset: Number(buf.readBigUInt64BE(at + 16)) };
}

/** The disk contents of a whole VHD file (`virtual size` bytes). Throws {@link VhdError}. */
export function vhdContent(buf: Buffer, maxSize: number): Buffer {
  const footer = footerAt(buf, buf.length - SECTOR) ?? footerAt(buf, 0);
  if (!footer) throw new VhdError('not a VHD: no conectix footer');
  if (footer.type === 4) throw new VhdError('a differencing VHD needs its parent: upload the whole disk');
  if (!Number.isSafeInteger(footer.size) || footer.size > maxSize) throw new VhdError(`the VHD's virtual size ${footer.size} does not fit the VDI (${maxSize} bytes)`);
  if (footer.type === 2) {
    if (buf.length - SECTOR !== footer.size) throw new VhdError(`the fixed VHD holds ${buf.length - SECTOR} bytes of data, its footer says ${footer.size}`);
    return buf.subarray(0, footer.size);
  }
  if (footer.type !== 3) throw new VhdError(`VHD disk type ${footer.type} is not supported`);
  const h = footer.dataOffset;
  if (!(h + 1024 <= buf.length) || buf.toString('latin1', h, h + 8) !== 'cxsparse') throw new VhdError('the dynamic VHD has no cxsparse header');
  const table = Number(buf.readBigUInt64BE(h + 16));
  const blockSize = buf.readUInt32BE(h + 32);
  if (blockSize < SECTOR || blockSize % SECTOR !== 0) throw new VhdError(`VHD block size ${blockSize} is not valid`);
  const blocks = Math.ceil(footer.size / blockSize);
  if (buf.readUInt32BE(h + 28) < blocks || table + blocks * 4 > buf.length) throw new VhdError('the VHD block allocation table is too short for its size');
  const bitmapBytes = Math.ceil(blockSize / SECTOR / 8 / SECTOR) * SECTOR;
  const out = Buffer.alloc(footer.size);
  for (let i = 0; i < blocks; i++) {
    const sector = buf.readUInt32BE(table + i * 4);
    if (sector === UNUSED) continue;
    const at = sector * SECTOR;
    const length = Math.min(blockSize, footer.size - i * blockSize);
    if (at + bitmapBytes + length > buf.length) throw new VhdError(`VHD block ${i} lies past the end of the file`);
    for (let s = 0; s * SECTOR < length; s++) {
      if (buf[at + (s >> 3)] & (0x80 >> (s & 7))) buf.copy(out, i * blockSize + s * SECTOR, at + bitmapBytes + s * SECTOR, at + bitmapBytes + Math.min((s + 1) * SECTOR, length));
    }
  }
  return out;
}
