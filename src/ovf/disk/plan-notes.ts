/**
 * What each disk of a package needs on its way into a VDI, for the plan: a few header bytes of
 * every disk file are read synchronously (the plan hook is synchronous). Where the header is out
 * of cheap reach (a member deep inside a gzip-compressed OVA), the descriptor's `ovf:format`
 * names the format. Never throws: a package that cannot be read gets no notes here, and apply
 * reports why.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { readEnvelope } from '../envelope-reader';
import type { DiskFormat, OvfFile } from '../model';
import { VARIANT_LABEL, type DiskVariant } from './image';

const HEAD = 64 * 1024;

function readAt(path: string, offset: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, offset);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** As much of the start of a gzip stream as `compressed` decompresses to. */
const gunzipHead = (compressed: Buffer): Buffer => {
  try {
    return gunzipSync(compressed, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return Buffer.alloc(0);
  }
};

/** The variant and virtual size a disk file's first bytes (and last 512, when known) show. */
export function sniffVariant(head: Buffer, tail?: Buffer): { variant: DiskVariant; size: number } | undefined {
  if (head.length >= 512 && head.readUInt32LE(0) === 0x564d444b) {
    return { variant: head.readUInt32LE(8) & (1 << 17) ? 'vmdk-stream' : 'vmdk-sparse', size: Number(head.readBigUInt64LE(12)) * 512 };
  }
  const text = head.toString('latin1');
  if (text.startsWith('# Disk DescriptorFile')) {
    const extents = [...text.matchAll(/^(?:RW|RDONLY|NOACCESS)\s+(\d+)\s+(FLAT|SPARSE|ZERO|VMFS)/gm)];
    return { variant: extents.some((m) => m[2] === 'SPARSE') ? 'vmdk-sparse' : 'vmdk-flat', size: extents.reduce((n, m) => n + Number(m[1]) * 512, 0) };
  }
  if (head.length >= 32 && head.readUInt32BE(0) === 0x514649fb) return { variant: 'qcow2', size: Number(head.readBigUInt64BE(24)) };
  const footer = head.toString('latin1', 0, 8) === 'conectix' ? head : tail?.toString('latin1', 0, 8) === 'conectix' ? tail : undefined;
  if (footer && footer.length >= 64) return { variant: footer.readUInt32BE(60) === 3 ? 'vhd-dynamic' : 'vhd-fixed', size: Number(footer.readBigUInt64BE(48)) };
  return undefined;
}

const HINT_LABEL: Readonly<Record<DiskFormat, string>> = { raw: 'raw', vhd: 'VHD', vmdk: 'VMDK', qcow2: 'QCOW2', unknown: 'an unknown format' };

/** Where the stored bytes of a package's files are, found without async I/O. */
function locator(path: string): { descriptor: string; head(file: OvfFile): { head: Buffer; tail?: Buffer } | undefined } | undefined {
  if (extname(path).toLowerCase() !== '.ova') {
    const dir = dirname(path);
    return {
      descriptor: readFileSync(path, 'utf8'),
      head(file) {
        const name = join(dir, file.chunkSize ? `${file.href}.000000000` : file.href);
        const st = statSync(name, { throwIfNoEntry: false });
        if (!st?.isFile()) return undefined;
        if (file.compression === 'gzip') return { head: gunzipHead(readAt(name, 0, HEAD)) };
        return { head: readAt(name, 0, HEAD), tail: file.chunkSize ? undefined : readAt(name, Math.max(0, st.size - 512), 512) };
      },
    };
  }
  const start = readAt(path, 0, 2);
  const gz = start[0] === 0x1f && start[1] === 0x8b;
  // A gzip OVA: the descriptor is the first member, within the first few hundred KiB.
  const tar = gz ? gunzipHead(readAt(path, 0, 1 << 20)) : undefined;
  const at = (offset: number, length: number): Buffer => (tar ? tar.subarray(offset, offset + length) : readAt(path, offset, length));
  const members = new Map<string, { offset: number; size: number }>();
  let descriptor: string | undefined;
  for (let pos = 0, n = 0; n < 10_000; n++) {
    const h = at(pos, 512);
    if (h.length < 512 || h.every((b) => b === 0)) break;
    const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const size = parseInt(h.toString('latin1', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
    if (!Number.isSafeInteger(size)) break;
    members.set(name, { offset: pos + 512, size });
    if (descriptor === undefined && name.toLowerCase().endsWith('.ovf')) descriptor = at(pos + 512, size).toString('utf8');
    pos += 512 + Math.ceil(size / 512) * 512;
    if (tar && pos >= tar.length) break;
  }
  if (descriptor === undefined) return undefined;
  return {
    descriptor,
    head(file) {
      const m = members.get(file.chunkSize ? `${file.href}.000000000` : file.href);
      if (!m) return undefined;
      const head = at(m.offset, Math.min(HEAD, m.size));
      if (file.compression === 'gzip') return { head: gunzipHead(head) };
      return { head, tail: file.chunkSize || tar ? undefined : at(m.offset + m.size - 512, 512) };
    },
  };
}

/**
 * One line per disk file of the package at `path`: what it is and how it reaches its VDI
 * ("disk disk1 (web.vmdk): VMDK (stream-optimized), converted to raw while uploading (1 MiB)";
 * VHD goes as VHD: XAPI reads it).
 */
export function diskConversionNotes(path: string): string[] {
  try {
    const loc = locator(path);
    if (!loc) return [];
    const { envelope } = readEnvelope(loc.descriptor.replace(/^\uFEFF/, ''), basename(path), path);
    if (!envelope) return [];
    const notes: string[] = [];
    for (const disk of envelope.disks) {
      const file = envelope.files.find((f) => f.id === disk.fileRef);
      if (!file) continue;
      const bytes = loc.head(file);
      const sniffed = bytes ? sniffVariant(bytes.head, bytes.tail) : undefined;
      const gz = file.compression === 'gzip' ? ', gzip-compressed' : '';
      const what = sniffed ? VARIANT_LABEL[sniffed.variant] : HINT_LABEL[disk.format];
      const raw = sniffed ? false : disk.format === 'raw';
      const size = sniffed?.size || disk.capacityBytes;
      const sizeText = size >= 2 ** 30 ? `${+(size / 2 ** 30).toFixed(1)} GiB` : `${+(size / 2 ** 20).toFixed(1)} MiB`;
      const vhd = sniffed ? sniffed.variant.startsWith('vhd') : disk.format === 'vhd';
      const how = raw ? (gz ? 'decompressed while uploading' : 'uploaded as is') : vhd ? (gz ? 'decompressed while uploading as VHD' : 'uploaded as VHD') : 'converted to raw while uploading';
      notes.push(`disk ${disk.diskId} (${file.href}): ${what}${gz}, ${how} (${sizeText})`);
    }
    return notes;
  } catch {
    return [];
  }
}
