/**
 * `xcp_vdi` sized from its source: when `size` is left out, the disk is as large as the image
 * it is filled from, rounded up to whole MiB (the unit disk sizes are given in). A local raw
 * file gives its length, a local VHD the virtual size in its footer (fixed and dynamic disks
 * carry the footer at the end; a dynamic one also at the start), both read at plan time so the
 * plan shows the size. A raw image behind an http(s) URL is sized at apply from the server's
 * Content-Length; a VHD behind a URL needs `size` (its footer is at the end of the download).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

const MIB = 1024 * 1024;
const FOOTER = 512;

/** `bytes` rounded up to whole MiB (at least one). */
export const roundUpMiB = (bytes: number): number => Math.max(1, Math.ceil(bytes / MIB)) * MIB;

/** Whether `source` names an http(s) URL rather than a file. */
export const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

/** What sizing a source gave: bytes, or why it cannot say. */
export type SourceSize = { readonly bytes: number } | { readonly problem: string };

function readAt(fd: number, at: number): Buffer {
  const b = Buffer.alloc(FOOTER);
  const n = readSync(fd, b, 0, FOOTER, at);
  return b.subarray(0, n);
}

/** The virtual size a VHD file's footer states (the last sector, or a dynamic disk's first). */
function vhdVirtualSize(path: string, length: number): SourceSize {
  if (length < FOOTER) return { problem: `${path} is ${length} bytes, too short for a VHD footer` };
  const fd = openSync(path, 'r');
  try {
    const footer = [readAt(fd, length - FOOTER), readAt(fd, 0)].find((b) => b.length === FOOTER && b.toString('latin1', 0, 8) === 'conectix');
    if (!footer) return { problem: `${path} is not a VHD image (no "conectix" footer); set source_format = "raw" or give a VHD file` };
    const size = footer.readBigUInt64BE(48);
    if (size === 0n || size > BigInt(Number.MAX_SAFE_INTEGER)) return { problem: `${path} states a virtual size of ${size} bytes, which no disk can have` };
    return { bytes: Number(size) };
  } finally {
    closeSync(fd);
  }
}

/** The size of a local image file as a disk, in bytes (before rounding). */
export function localSourceSize(path: string, format: string): SourceSize {
  let length: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { problem: `${path} is not a file` };
    length = st.size;
  } catch {
    return { problem: `${path} does not exist or cannot be read (a relative path is taken from the working directory)` };
  }
  if (format === 'vhd') return vhdVirtualSize(path, length);
  if (length === 0) return { problem: `${path} is empty` };
  return { bytes: length };
}

/** The length a server states for a raw image (HEAD, else the start of a GET), in bytes. */
export async function remoteSourceSize(url: string): Promise<SourceSize> {
  for (const method of ['HEAD', 'GET']) {
    let res: Response;
    try {
      res = await fetch(url, { method });
    } catch (err) {
      return { problem: `cannot reach ${url}: ${(err as Error).message}` };
    }
    if (method === 'GET') void res.body?.cancel();
    const length = Number(res.headers.get('content-length'));
    if (res.ok && Number.isFinite(length) && length > 0) return { bytes: length };
    if (!res.ok && method === 'GET') return { problem: `${url} answered HTTP ${res.status}` };
  }
  return { problem: `${url} states no length (no Content-Length)` };
}
