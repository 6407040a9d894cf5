/**
 * Just enough POSIX tar (USTAR, with pax `path`/`size` records, GNU long names and base-256
 * sizes when reading) for OVA packages. The reader indexes entries without loading them, so a
 * member is read (or streamed to XAPI) straight from its offset in the archive. A gzip-compressed
 * OVA (some tools write `.ova` as `.tar.gz`) is indexed in one pass through gunzip; its members
 * are then read by decompressing up to them, never by unpacking the archive.
 */
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { forwardSource, gunzipped } from './disk/source';

const BLOCK = 512;
const MAX_ENTRIES = 100_000;

/** A regular file in a tar archive: its data starts at `offset` and is `size` bytes. */
export interface TarEntry {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

export type TarIndexResult = { readonly ok: true; readonly entries: TarEntry[] } | { readonly ok: false; readonly message: string };

function octal(buf: Buffer, start: number, len: number): number | undefined {
  if (buf[start] & 0x80) {
    // GNU base-256: big-endian binary in the rest of the field.
    let n = 0;
    for (let i = start + 1; i < start + len; i++) n = n * 256 + buf[i];
    return Number.isSafeInteger(n) ? n : undefined;
  }
  const text = buf.toString('latin1', start, start + len).replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}

const cstr = (buf: Buffer, start: number, len: number): string => buf.toString('utf8', start, start + len).replace(/\0.*$/s, '');

function checksumOk(h: Buffer): boolean {
  const want = octal(h, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return want === sum;
}

function paxRecords(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space < 0) break;
    const len = Number(data.toString('latin1', i, space));
    if (!Number.isSafeInteger(len) || len <= 0) break;
    const rec = data.toString('utf8', space + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

/** Lists the regular files of a tar archive, in archive order; a gzip-compressed archive is read through gunzip. */
export async function readTarIndex(path: string): Promise<TarIndexResult> {
  const fh = await fs.open(path, 'r').catch(() => undefined);
  if (!fh) return { ok: false, message: 'cannot open the archive' };
  const magic = Buffer.alloc(2);
  await fh.read(magic, 0, 2, 0);
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
    await fh.close();
    // Offsets then count decompressed bytes; members are read by decompressing up to them.
    const src = forwardSource(gunzipped(createReadStream(path)));
    try {
      return await walk((pos, len) => src.read(pos, len), undefined);
    } catch (err) {
      return { ok: false, message: `the gzip-compressed archive is corrupt (${(err as Error).message})` };
    } finally {
      await src.close();
    }
  }
  try {
    const total = (await fh.stat()).size;
    return await walk(async (pos, len) => {
      const b = Buffer.alloc(len);
      const { bytesRead } = await fh.read(b, 0, len, pos);
      return b.subarray(0, bytesRead);
    }, total);
  } finally {
    await fh.close();
  }
}

/** Walks the headers with reads at ascending offsets (so it works on a forward-only stream). */
async function walk(readAt: (pos: number, len: number) => Promise<Buffer>, total: number | undefined): Promise<TarIndexResult> {
  const entries: TarEntry[] = [];
  let pos = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  for (;;) {
    if (total !== undefined && pos + BLOCK > total) break;
    const h = await readAt(pos, BLOCK);
    if (h.length < BLOCK) {
      if (total === undefined && h.length === 0) break;
      return { ok: false, message: 'the archive is truncated' };
    }
    if (h.every((b) => b === 0)) return { ok: true, entries };
    if (!checksumOk(h)) return { ok: false, message: `bad tar header checksum at byte ${pos}` };
    const size = octal(h, 124, 12);
    if (size === undefined) return { ok: false, message: `bad tar entry size at byte ${pos}` };
    const type = String.fromCharCode(h[156] || 0x30);
    const dataAt = pos + BLOCK;
    const realSize = pax.size !== undefined ? Number(pax.size) : size;
    if (total !== undefined && dataAt + realSize > total) return { ok: false, message: 'the archive is truncated' };
    const read = (): Promise<Buffer> => readAt(dataAt, Math.min(size, 1 << 20));
    if (type === 'x') pax = paxRecords(await read());
    else if (type === 'L') longName = (await read()).toString('utf8').replace(/\0.*$/s, '');
    else {
      const prefix = cstr(h, 345, 155);
      const name = pax.path ?? longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
      if (type === '0' || type === '7') entries.push({ name: name.replace(/^\.\//, ''), offset: dataAt, size: realSize });
      if (entries.length > MAX_ENTRIES) return { ok: false, message: 'too many entries' };
      pax = {};
      longName = undefined;
    }
    pos = dataAt + Math.ceil((type === 'x' || type === 'L' ? size : realSize) / BLOCK) * BLOCK;
  }
  return entries.length ? { ok: true, entries } : { ok: false, message: 'not a tar archive (no entries)' };
}

function header(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name longer than 100 bytes: ${name}`);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  if (size < 8 ** 11) h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  else {
    h[124] = 0x80;
    let n = size;
    for (let i = 135; i > 124; i--) { h[i] = n % 256; n = Math.floor(n / 256); }
  }
  h.write(`${Math.floor(mtime).toString(8).padStart(11, '0')}\0`, 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h[156] = 0x30;
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

/**
 * Writes `files` (name in the archive, path on disk) into a new tar archive at `target`, in the
 * given order. `mtime` (seconds) is fixed so the same inputs give the same bytes.
 */
export async function writeTar(target: string, files: readonly { name: string; path: string }[], mtime = 0): Promise<void> {
  const out = createWriteStream(target, { mode: 0o644 });
  const done = new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.on('finish', resolve);
  });
  const write = async (buf: Buffer): Promise<void> => {
    if (!out.write(buf)) await new Promise<void>((resolve, reject) => { out.once('drain', resolve); out.once('error', reject); });
  };
  try {
    for (const f of files) {
      const size = (await fs.stat(f.path)).size;
      await write(header(f.name, size, mtime));
      let copied = 0;
      for await (const chunk of createReadStream(f.path)) {
        copied += (chunk as Buffer).length;
        await write(chunk as Buffer);
      }
      if (copied !== size) throw new Error(`tar: ${f.path} changed while it was archived`);
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) await write(Buffer.alloc(pad));
    }
    await write(Buffer.alloc(BLOCK * 2));
  } finally {
    out.end();
  }
  await done;
}
