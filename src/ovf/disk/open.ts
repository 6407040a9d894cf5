/**
 * Opens a package's disk file as a {@link DiskImage}, telling the format from the file's own
 * signature (the descriptor's `ovf:format` is only a hint: tools label stream-optimized and
 * sparse VMDKs alike, and some label every disk `vmdk`).
 */
import type { DiskFormat } from '../model';
import { type DiskImage } from './image';
import { openQcow2 } from './qcow2';
import { DiskFormatError, type ByteSource } from './source';
import { isVhdFooter, openVhd } from './vhd';
import { openVmdk, type ExtentResolver } from './vmdk';

export { DiskFormatError } from './source';

/** The format the first bytes of a file show, or undefined when they show none (raw or fixed VHD). */
export function sniffFormat(first: Buffer): Exclude<DiskFormat, 'raw' | 'unknown'> | undefined {
  if (first.length >= 4 && first.readUInt32LE(0) === 0x564d444b) return 'vmdk';
  if (first.toString('latin1', 0, 21) === '# Disk DescriptorFile') return 'vmdk';
  if (first.length >= 4 && first.readUInt32BE(0) === 0x514649fb) return 'qcow2';
  if (isVhdFooter(first)) return 'vhd';
  return undefined;
}

async function* wholeFile(src: ByteSource, size: number): AsyncGenerator<{ offset: number; data: Buffer }> {
  for (let done = 0; done < size;) {
    const data = await src.read(done, Math.min(1 << 20, size - done));
    if (!data.length) return;
    yield { offset: done, data };
    done += data.length;
  }
}

/**
 * Opens `src` as a disk. `hint` is the descriptor's format; `rawSize` the virtual size to assume
 * for a raw or fixed VHD file whose length is unknown (behind gzip): the descriptor's capacity.
 * Throws {@link DiskFormatError}.
 */
export async function openDisk(src: ByteSource, hint: DiskFormat, opts: { resolveExtent?: ExtentResolver; rawSize?: number } = {}): Promise<DiskImage> {
  const first = await src.read(0, 512);
  const sniffed = sniffFormat(first);
  if (sniffed === 'vmdk') return openVmdk(src, first, opts.resolveExtent ?? (() => undefined));
  if (sniffed === 'qcow2') return openQcow2(src, first);
  if (sniffed === 'vhd' || hint === 'vhd') {
    if (!sniffed && src.size !== undefined && src.size >= 512) {
      const tail = await src.read(src.size - 512, 512);
      if (isVhdFooter(tail)) return openVhd(src, first);
    }
    if (sniffed || src.size === undefined) return openVhd(src, first, opts.rawSize);
  }
  if (hint === 'vmdk' || hint === 'qcow2' || hint === 'vhd') throw new DiskFormatError(`the descriptor says ${hint.toUpperCase()}, but the file does not start like one`);
  const size = src.size ?? opts.rawSize;
  if (size === undefined) throw new DiskFormatError('the size of the compressed raw disk is unknown: give the disk an ovf:capacity');
  return { variant: 'raw', virtualSize: size, pieces: () => wholeFile(src, size) };
}
