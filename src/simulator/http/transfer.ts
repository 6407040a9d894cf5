/**
 * `PUT /import_raw_vdi` and `GET /export_raw_vdi` (query `session_id`, `vdi` = ref or uuid,
 * `format`, optional `task_id`). Raw uploads are streamed: only the length and SHA-256 are kept,
 * and the bytes themselves when small; VHD uploads are decoded to the disk's contents first. Exports send the kept bytes, or zeros of the recorded
 * length when only the hash was kept.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { sleep } from '../clock';
import { XapiFailure } from '../errors';
import { Pool } from '../world';
import { formatDateTime } from '../../xenapi/wire/values';
import { VhdError, vhdContent } from './vhd-content';

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text), 'Access-Control-Allow-Origin': '*' });
  res.end(text);
}

function resolve(pool: Pool, url: URL, res: ServerResponse): { vdi: string; uuid: string; size: number } | undefined {
  try {
    pool.checkSession(url.searchParams.get('session_id') ?? '');
  } catch (err) {
    plain(res, 401, err instanceof XapiFailure ? `${err.code}\n` : 'SESSION_INVALID\n');
    return undefined;
  }
  const id = url.searchParams.get('vdi') ?? '';
  const vdi = pool.db.get('VDI', id) ? id : pool.db.refByUuid('VDI', id);
  if (!vdi) {
    plain(res, 404, `VDI not found: ${id.slice(0, 80)}\n`);
    return undefined;
  }
  const rec = pool.db.get('VDI', vdi)!;
  const format = url.searchParams.get('format') ?? 'raw';
  if (!['raw', 'vhd'].includes(format)) {
    plain(res, 400, `unsupported format ${format.slice(0, 20)}\n`);
    return undefined;
  }
  return { vdi, uuid: rec.uuid as string, size: rec.virtual_size as number };
}

function finishTask(pool: Pool, url: URL, ok: boolean, error?: string[]): void {
  const task = url.searchParams.get('task_id');
  if (!task || !pool.db.get('task', task)) return;
  const finished = formatDateTime(new Date(pool.world.clock.now()));
  pool.db.update('task', task, ok ? { status: 'success', progress: 1, finished, result: '' } : { status: 'failure', finished, error_info: error ?? [] });
}

export async function importRawVdi(pool: Pool, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const target = resolve(pool, url, res);
  if (!target) {
    req.resume();
    return;
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > target.size && url.searchParams.get('format') !== 'vhd') {
    req.resume();
    finishTask(pool, url, false, ['VDI_TOO_SMALL', target.vdi, String(declared)]);
    plain(res, 400, `VDI_TOO_SMALL: ${declared} bytes do not fit in ${target.size}\n`);
    return;
  }
  if (url.searchParams.get('format') === 'vhd') {
    await importVhd(pool, req, res, url, target);
    return;
  }
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    hash.update(chunk);
    length += chunk.length;
    if (length <= pool.world.keepBytesBelow) kept.push(chunk);
    if (length > target.size && url.searchParams.get('format') !== 'vhd') {
      finishTask(pool, url, false, ['VDI_TOO_SMALL', target.vdi, String(length)]);
      plain(res, 400, 'VDI_TOO_SMALL\n');
      req.destroy();
      return;
    }
  }
  await sleep(pool.world.clock, (length / 2 ** 30) * pool.world.settings.latencyMsPerGiB);
  pool.world.contents.set(target.uuid, {
    length,
    sha256: hash.digest('hex'),
    ...(length <= pool.world.keepBytesBelow ? { data: Buffer.concat(kept).toString('base64') } : {}),
  });
  finishTask(pool, url, true);
  plain(res, 200, '');
}

/** The largest VHD upload the simulator decodes (it holds the file in memory to do so). */
const VHD_LIMIT = 256 * 2 ** 20;

/** `format=vhd`: the VDI gets the disk's contents, decoded from the VHD file (vhd-content.ts). */
async function importVhd(pool: Pool, req: IncomingMessage, res: ServerResponse, url: URL, target: { vdi: string; uuid: string; size: number }): Promise<void> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > VHD_LIMIT) {
      finishTask(pool, url, false, ['VDI_IO_ERROR', 'VHD upload too large for the simulator']);
      plain(res, 413, `the simulator decodes VHD uploads of up to ${VHD_LIMIT} bytes\n`);
      req.destroy();
      return;
    }
    parts.push(chunk);
  }
  let content: Buffer;
  try {
    content = vhdContent(Buffer.concat(parts), target.size);
  } catch (err) {
    if (!(err instanceof VhdError)) throw err;
    finishTask(pool, url, false, ['VDI_IO_ERROR', err.message]);
    plain(res, 400, `${err.message}\n`);
    return;
  }
  await sleep(pool.world.clock, (content.length / 2 ** 30) * pool.world.settings.latencyMsPerGiB);
  pool.world.contents.set(target.uuid, {
    length: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    ...(content.length <= pool.world.keepBytesBelow ? { data: content.toString('base64') } : {}),
  });
  finishTask(pool, url, true);
  plain(res, 200, '');
}

export async function exportRawVdi(pool: Pool, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const target = resolve(pool, url, res);
  if (!target) return;
  const content = pool.world.contents.get(target.uuid);
  const length = content?.length ?? 0;
  await sleep(pool.world.clock, (length / 2 ** 30) * pool.world.settings.latencyMsPerGiB);
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': length,
    ...(content ? { 'X-Content-SHA256': content.sha256 } : {}),
  });
  finishTask(pool, url, true);
  if (content?.data !== undefined) {
    res.end(Buffer.from(content.data, 'base64'));
    return;
  }
  let left = length;
  const zeros = Buffer.alloc(Math.min(1 << 20, Math.max(1, length)));
  Readable.from(
    (function* () {
      while (left > 0) {
        const n = Math.min(left, zeros.length);
        left -= n;
        yield n === zeros.length ? zeros : zeros.subarray(0, n);
      }
    })(),
  ).pipe(res);
  void req;
}
