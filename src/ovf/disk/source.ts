/**
 * Byte sources the disk readers read from. A package file is a list of segments (a plain file,
 * an OVA member, chunks), possibly gzip-compressed, possibly inside a gzip-compressed OVA.
 * Plain segments are read at any offset; anything behind gzip can only be read forwards, so
 * readers ask for ascending offsets and a backward read is a {@link DiskFormatError} that says
 * why (the conversion never falls back to a temporary copy of the disk).
 */
import { createReadStream, promises as fs } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FileSegment } from '../manifest';

/** A disk file xcpform cannot read or convert; the message is safe to show and says why. */
export class DiskFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiskFormatError';
  }
}

/** Random access (plain files) or forward-only (gzip) reads of a package file's stored bytes. */
export interface ByteSource {
  /** True when `read` accepts any offset; false when offsets must not go backwards. */
  readonly seekable: boolean;
  /** Total size when known without reading everything (not behind gzip). */
  readonly size?: number;
  /** Up to `length` bytes at `offset` (fewer only at the end). */
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** Reads the bytes of the segments in order as one stream (decompressing gzip OVAs on the way). */
export function segmentStream(segments: readonly FileSegment[]): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      for (const s of segments) {
        if (s.size === 0) continue;
        const source = s.inGzip ? forwardSource(gunzipped(createReadStream(s.path))) : undefined;
        if (source) {
          for (let at = s.offset; at < s.offset + s.size;) {
            const chunk = await source.read(at, Math.min(1 << 20, s.offset + s.size - at));
            if (!chunk.length) throw new DiskFormatError(`${s.path} ends before its member does`);
            at += chunk.length;
            if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
          }
          await source.close();
          continue;
        }
        for await (const chunk of createReadStream(s.path, { start: s.offset, end: s.offset + s.size - 1 })) {
          if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
        }
      }
      out.end();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/** Forward-only reads over a stream; skipped bytes are discarded, never kept. */
export function forwardSource(stream: Readable): ByteSource {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer = Buffer.alloc(0);
  let pos = 0;
  let ended = false;
  /** The previous read, kept for a read that starts inside it (one read's worth of memory). */
  let last = { at: 0, data: Buffer.alloc(0) };
  /** The next chunk of the stream, or undefined at its end. */
  const next = async (): Promise<Buffer | undefined> => {
    if (ended) return undefined;
    const n = await it.next().catch((err: Error) => {
      throw new DiskFormatError(`the compressed data is corrupt (${err.message})`);
    });
    if (n.done) ended = true;
    return n.done ? undefined : n.value;
  };
  return {
    seekable: false,
    async read(offset, length) {
      if (offset < pos) {
        // Packed compressed clusters share sectors: a read may start inside the previous one.
        if (offset < last.at) throw new DiskFormatError(`needs to read back to byte ${offset} after byte ${pos}, which compressed data does not allow`);
        const kept = last.data.subarray(offset - last.at, offset - last.at + length);
        const rest = kept.length < length && offset + kept.length === pos ? await this.read(pos, length - kept.length) : Buffer.alloc(0);
        return rest.length ? Buffer.concat([kept, rest]) : Buffer.from(kept);
      }
      while (pos < offset) {
        if (!pending.length) pending = (await next()) ?? Buffer.alloc(0);
        if (!pending.length) return Buffer.alloc(0);
        const skip = Math.min(pending.length, offset - pos);
        pending = pending.subarray(skip);
        pos += skip;
      }
      // Gather chunks and copy once (appending chunk by chunk would copy a large read many times).
      const parts = [pending];
      let have = pending.length;
      for (let c: Buffer | undefined; have < length && (c = await next());) {
        parts.push(c);
        have += c.length;
      }
      const all = parts.length === 1 ? parts[0] : Buffer.concat(parts, have);
      const out = Buffer.from(all.subarray(0, length));
      pending = all.subarray(out.length);
      last = { at: pos, data: out };
      pos += out.length;
      return out;
    },
    async close() {
      ended = true;
      await it.return?.();
      stream.destroy();
    },
  };
}

/** Random-access reads over plain segments (their concatenation is the file). */
export function segmentSource(segments: readonly FileSegment[]): ByteSource {
  const handles = new Map<string, fs.FileHandle>();
  const size = segments.reduce((n, s) => n + s.size, 0);
  return {
    seekable: true,
    size,
    async read(offset, length) {
      const out = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      let done = 0;
      let base = 0;
      for (const s of segments) {
        if (done >= out.length) break;
        const at = offset + done;
        if (at < base + s.size) {
          const n = Math.min(out.length - done, base + s.size - at);
          let fh = handles.get(s.path);
          if (!fh) handles.set(s.path, (fh = await fs.open(s.path, 'r')));
          const { bytesRead } = await fh.read(out, done, n, s.offset + (at - base));
          if (bytesRead < n) throw new DiskFormatError(`${s.path} is shorter than the package says`);
          done += n;
        }
        base += s.size;
      }
      return out;
    },
    async close() {
      for (const fh of handles.values()) await fh.close();
      handles.clear();
    },
  };
}

/**
 * The source of a package file's contents: random access when its segments are plain files,
 * forward-only behind gzip (the file's own `compression="gzip"` or a gzip-compressed OVA).
 */
export function openFileSource(segments: readonly FileSegment[], gzip: boolean): ByteSource {
  if (!gzip && !segments.some((s) => s.inGzip)) return segmentSource(segments);
  const raw = segmentStream(segments);
  return forwardSource(gzip ? gunzipped(raw) : raw);
}

/** `stream` through gunzip, with the input's errors carried to the output. */
export function gunzipped(stream: Readable): Readable {
  const out = createGunzip();
  stream.on('error', (err) => out.destroy(err));
  return stream.pipe(out);
}

/** Reads exactly `length` bytes at `offset`, or fails naming `what`. */
export async function readExact(src: ByteSource, offset: number, length: number, what: string): Promise<Buffer> {
  const buf = await src.read(offset, length);
  if (buf.length < length) throw new DiskFormatError(`the file ends inside the ${what} (byte ${offset + buf.length})`);
  return buf;
}

/** Largest virtual disk accepted (64 TiB, above what any XCP SR stores): a larger claim is a broken header. */
export const MAX_VIRTUAL_SIZE = 2 ** 46;
/** Largest metadata table (grain directory, L1 table, BAT) read in one piece. */
export const MAX_TABLE_BYTES = 64 * 2 ** 20;

/** Refuses header values that would make a reader allocate without bound. */
export function checkSizes(format: string, virtualSize: number, tableBytes: number): void {
  if (virtualSize > MAX_VIRTUAL_SIZE) throw new DiskFormatError(`the ${format} header claims a ${virtualSize}-byte disk, more than 64 TiB`);
  if (tableBytes > MAX_TABLE_BYTES) throw new DiskFormatError(`the ${format} header claims a ${tableBytes}-byte table, more than ${MAX_TABLE_BYTES / 2 ** 20} MiB`);
}
