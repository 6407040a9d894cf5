/**
 * Streams a package file into a VDI with XAPI's `PUT /import_raw_vdi?session_id=&vdi=&format=`.
 * The infra resources' `importSource` (src/resources/vdi/source.ts) uploads a whole file or URL;
 * OVF files are byte ranges of an OVA, possibly split in chunks and gzip-compressed, so this
 * uploads a list of segments instead. The session id is in the URL only, never in a message.
 */
import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { PassThrough, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { XapiClient } from '../xenapi';
import type { FileSegment } from './manifest';

function concat(segments: readonly FileSegment[]): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      for (const s of segments) {
        if (s.size === 0) continue;
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

/**
 * Uploads the bytes of `segments` (gunzipped when `gzip`) into `vdi` as `format`.
 * Rejects with a message safe to show (HTTP status, no URL).
 */
export async function uploadSegments(
  client: XapiClient,
  vdi: string,
  segments: readonly FileSegment[],
  opts: { format: 'raw' | 'vhd'; gzip?: boolean; onBytes?: (done: number, total: number) => void; signal?: AbortSignal },
): Promise<void> {
  const url = new URL('/import_raw_vdi', client.url);
  url.searchParams.set('session_id', await client.session());
  url.searchParams.set('vdi', vdi);
  url.searchParams.set('format', opts.format);
  const stored = segments.reduce((n, s) => n + s.size, 0);
  const body = opts.gzip ? concat(segments).pipe(createGunzip()) : concat(segments);
  const lib = url.protocol === 'https:' ? https : http;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const headers = opts.gzip ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': stored };
    const req = lib.request(url, { method: 'PUT', headers, signal: opts.signal }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => { if (parts.length < 4) parts.push(c); });
      res.on('end', () => {
        if (res.statusCode === 200) resolve();
        else reject(new Error(`the pool answered HTTP ${res.statusCode} ${Buffer.concat(parts).toString('utf8').trim().slice(0, 120)}`.trim()));
      });
    });
    req.on('error', (err) => reject(new Error(`the upload failed: ${err.message}`)));
    body.on('data', (chunk: Buffer) => {
      done += chunk.length;
      opts.onBytes?.(done, opts.gzip ? Math.max(done, stored) : stored);
    });
    body.on('error', (err) => { req.destroy(err); });
    body.pipe(req);
  });
}
