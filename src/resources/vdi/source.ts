/**
 * Fills a new VDI from `source` (a local file path or an http(s) URL) with XAPI's
 * `PUT /import_raw_vdi?session_id=&vdi=&format=` on the pool's endpoint. The URL carries the
 * session id, a secret: it is never put in a message.
 */
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { Ref } from '../../xenapi';
import type { XapiOps } from '../kit/xapi-ops';

async function openSource(ops: XapiOps, source: string): Promise<{ body: Readable; length?: number }> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source).catch((err: Error) => {
      throw ops.refuse('resource.vdi-source', `cannot download source ${source}`, `${err.message}. Check the URL and that this machine can reach it.`, ['source']);
    });
    if (!res.ok || !res.body) throw ops.refuse('resource.vdi-source', `cannot download source ${source}`, `The server answered HTTP ${res.status}. Check the URL.`, ['source']);
    const length = Number(res.headers.get('content-length')) || undefined;
    return { body: Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), length };
  }
  const stat = await fs.stat(source).catch(() => undefined);
  if (!stat?.isFile()) throw ops.refuse('resource.vdi-source', `source ${source} is not a readable file`, 'Give the path of a raw or VHD image file, or an http(s) URL.', ['source']);
  return { body: createReadStream(source), length: stat.size };
}

/** Uploads `source` into `vdi`, reporting bytes through `ctx.progress`. */
export async function importSource(ops: XapiOps, vdi: Ref<'VDI'>, source: string, format: string): Promise<void> {
  const { body, length } = await openSource(ops, source);
  const session = await ops.client.session();
  const url = new URL('/import_raw_vdi', ops.client.url);
  url.searchParams.set('session_id', session);
  url.searchParams.set('vdi', vdi);
  url.searchParams.set('format', format);
  const lib = url.protocol === 'https:' ? https : http;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const req = lib.request(url, { method: 'PUT', headers: length !== undefined ? { 'Content-Length': length } : {} }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(ops.refuse('resource.vdi-import', `the pool refused the image upload (HTTP ${res.statusCode})`,
        `PUT /import_raw_vdi answered HTTP ${res.statusCode} for ${source}. Check that the image fits the disk size and that format (${format}) is right.`, ['source']))));
    });
    req.on('error', (err) => reject(ops.refuse('resource.vdi-import', 'the image upload failed', `${err.message} while uploading ${source}. Apply again.`, ['source'])));
    body.on('data', (chunk: Buffer) => {
      done += chunk.length;
      ops.ctx.progress({ kind: 'bytes', done, total: length ?? done });
    });
    body.on('error', (err) => { req.destroy(err); });
    body.pipe(req);
  });
}
