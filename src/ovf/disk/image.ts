/**
 * What every disk reader produces: the virtual size and the disk's data as pieces in ascending
 * virtual offset (holes read as zeros), and the raw stream made from them. The raw stream is
 * what `import_raw_vdi?format=raw` takes: exactly `virtualSize` bytes, produced piece by piece
 * so memory stays at one grain/cluster/block plus one zero buffer, whatever the disk size.
 */
import { DiskFormatError } from './source';

/** The disk layouts the readers tell apart; `raw` needs no conversion. */
export type DiskVariant = 'raw' | 'vmdk-stream' | 'vmdk-sparse' | 'vmdk-flat' | 'qcow2' | 'vhd-fixed' | 'vhd-dynamic';

/** Words for the plan and the progress line. */
export const VARIANT_LABEL: Readonly<Record<DiskVariant, string>> = {
  raw: 'raw',
  'vmdk-stream': 'VMDK (stream-optimized)',
  'vmdk-sparse': 'VMDK (monolithic sparse)',
  'vmdk-flat': 'VMDK (flat)',
  qcow2: 'QCOW2',
  'vhd-fixed': 'VHD (fixed)',
  'vhd-dynamic': 'VHD (dynamic)',
};

/** A piece of the disk's contents at a virtual byte offset. */
export interface DiskPiece {
  readonly offset: number;
  readonly data: Buffer;
}

/** An opened disk file. */
export interface DiskImage {
  readonly variant: DiskVariant;
  /** Size of the virtual disk in bytes. */
  readonly virtualSize: number;
  /** The data in ascending, non-overlapping offsets; what no piece covers is zeros. */
  pieces(): AsyncIterable<DiskPiece>;
}

const ZEROS = Buffer.alloc(1 << 20);

/** The whole virtual disk as raw bytes: exactly `virtualSize` of them. */
export async function* rawChunks(image: DiskImage): AsyncGenerator<Buffer> {
  const end = image.virtualSize;
  let pos = 0;
  const zeros = function* (upTo: number): Generator<Buffer> {
    while (pos < upTo) {
      const n = Math.min(ZEROS.length, upTo - pos);
      pos += n;
      yield ZEROS.subarray(0, n);
    }
  };
  for await (const piece of image.pieces()) {
    if (piece.offset < pos) throw new DiskFormatError(`data for byte ${piece.offset} comes after byte ${pos} was written: the file's blocks are out of order or overlap`);
    if (piece.offset >= end) continue;
    yield* zeros(piece.offset);
    const data = piece.data.subarray(0, end - pos);
    pos += data.length;
    if (data.length) yield data;
  }
  yield* zeros(end);
}
