/**
 * Streams a package file into a VDI with XAPI's `PUT /import_raw_vdi?session_id=&vdi=&format=`.
 * The infra resources' `importSource` (src/resources/vdi/source.ts) uploads a whole file or URL;
 * OVF files are byte ranges of an OVA, possibly split in chunks and gzip-compressed, so this
 * uploads a list of segments instead, converts VMDK and QCOW2 disks to raw on the way
 * (`disk/`), and sends VHD disks as VHD (`format=vhd`: XAPI reads them). The session id is in the URL only, never in a message.
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { XapiClient } from '../xenapi';
import { rawChunks, VARIANT_LABEL } from './disk/image';
import { openPackageDisk } from './disk/package-disk';
import { gunzipped, segmentStream } from './disk/source';
import type { FileSegment } from './manifest';
import type { OvfDisk, OvfFile } from './model';
import type { OvfPackage } from './package-reader';

interface UploadOptions {
  readonly onBytes?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Uploads the bytes of `segments` (gunzipped when `gzip`) into `vdi` as `format`.
 * Rejects with a message safe to show (HTTP status, no URL).
 */
export async function uploadSegments(
  client: XapiClient,
  vdi: string,
  segments: readonly FileSegment[],
  opts: { format: 'raw' | 'vhd'; gzip?: boolean } & UploadOptions,
): Promise<void> {
  const stored = segments.reduce((n, s) => n + s.size, 0);
  const body = opts.gzip ? gunzipped(segmentStream(segments)) : segmentStream(segments);
  await put(client, vdi, body, opts.gzip ? undefined : stored, opts.format, { ...opts, onBytes: (d) => opts.onBytes?.(d, opts.gzip ? Math.max(d, stored) : stored) });
}

/**
 * Uploads the disk `disk` of a package into `vdi`: raw and VHD files as they are stored (VHD
 * with `format=vhd`); VMDK and QCOW2 files converted to raw on the way, piece by piece (no temporary copy; memory is one
 * grain, cluster or block). `onStart` names the conversion before the bytes flow.
 */
export async function uploadPackageDisk(
  client: XapiClient,
  vdi: string,
  pkg: OvfPackage,
  disk: OvfDisk,
  file: OvfFile,
  opts: UploadOptions & { onStart?: (what: string) => void },
): Promise<void> {
  const opened = await openPackageDisk(pkg, disk, file);
  try {
    const { image } = opened;
    if (image.variant === 'raw') {
      opts.onStart?.(`uploading ${file.href}`);
      await uploadSegments(client, vdi, pkg.files.get(file.id) ?? [], { format: 'raw', gzip: file.compression === 'gzip', ...opts });
      return;
    }
    // XAPI reads VHD itself (import_raw_vdi format=vhd): the file goes as it is, only unzipped.
    if (image.variant === 'vhd-fixed' || image.variant === 'vhd-dynamic') {
      opts.onStart?.(`uploading ${file.href} as ${VARIANT_LABEL[image.variant]}`);
      await uploadSegments(client, vdi, pkg.files.get(file.id) ?? [], { format: 'vhd', gzip: file.compression === 'gzip', ...opts });
      return;
    }
    opts.onStart?.(`converting ${file.href} from ${VARIANT_LABEL[image.variant]} to raw while uploading it`);
    await put(client, vdi, Readable.from(rawChunks(image), { objectMode: false }), image.virtualSize, 'raw', { ...opts, onBytes: (d) => opts.onBytes?.(d, image.virtualSize) });
  } finally {
    await opened.close();
  }
}

/** `PUT /import_raw_vdi` of `body`; `length` when known (chunked otherwise). */
async function put(client: XapiClient, vdi: string, body: Readable, length: number | undefined, format: 'raw' | 'vhd', opts: UploadOptions): Promise<void> {
  const url = new URL('/import_raw_vdi', client.url);
  url.searchParams.set('session_id', await client.session());
  url.searchParams.set('vdi', vdi);
  url.searchParams.set('format', format);
  const lib = url.protocol === 'https:' ? https : http;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const headers = length === undefined ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': length };
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
      opts.onBytes?.(done, length ?? done);
    });
    body.on('error', (err) => {
      reject(new Error(`the upload stopped: ${err.message}`));
      req.destroy(err);
    });
    body.pipe(req);
  });
}

/** The decompressed size of gzip-compressed segments (one pass, nothing kept). */
export async function gunzippedSize(segments: readonly FileSegment[]): Promise<number> {
  let n = 0;
  for await (const chunk of gunzipped(segmentStream(segments))) n += (chunk as Buffer).length;
  return n;
}
