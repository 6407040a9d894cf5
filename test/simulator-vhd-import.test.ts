/**
 * `PUT /import_raw_vdi?format=vhd` writes the disk's contents into the VDI, as xapi's vhd-tool
 * does, not the VHD file: the dynamic and fixed VHDs of test/fixtures/ovf-disks (made by
 * qemu-img from source.raw.gz) read back as the source; a differencing disk, a file that is not
 * a VHD and a VHD larger than its VDI are refused; an xcp_vdi filled from a VHD file holds the
 * disk.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { RunningSimulator, startSimulator } from '../src/simulator';
import { RawClient, closeRawClients } from '../src/simulator/testing/raw-client';
import { ROOT } from './helpers/cli';
import { configFolders, DC1 } from './helpers/config-folder';
import { vdiContents } from './helpers/world-contents';

const FIX = join(ROOT, 'test', 'fixtures', 'ovf-disks');
const SOURCE = gunzipSync(readFileSync(join(FIX, 'source.raw.gz')));
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let sim: RunningSimulator;
let c: RawClient;
beforeAll(async () => {
  sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 1 }], guestBootMs: 0 });
  c = new RawClient(sim.pools[0].url, 'json');
  await c.login();
});
afterAll(async () => {
  closeRawClients();
  await sim.close();
});

async function upload(body: Buffer, size = SOURCE.length): Promise<{ status: number; text: string; vdi: string }> {
  const sr = (await c.call<string[]>('SR.get_by_name_label', 'Local storage'))[0];
  const vdi = await c.call<string>('VDI.create', { SR: sr, virtual_size: size, type: 'user', sharable: false, read_only: false, other_config: {} });
  const res = await fetch(`${sim.pools[0].url}/import_raw_vdi?session_id=${c.session}&vdi=${vdi}&format=vhd`, { method: 'PUT', body, headers: { 'Content-Length': String(body.length) } });
  return { status: res.status, text: (await res.text()).trim(), vdi };
}

/** Length and SHA-256 of what the VDI holds (the simulator keeps only the hash of large contents). */
async function contents(vdi: string): Promise<[number, string | null]> {
  const res = await fetch(`${sim.pools[0].url}/export_raw_vdi?session_id=${c.session}&vdi=${vdi}&format=raw`);
  await res.arrayBuffer();
  return [Number(res.headers.get('content-length')), res.headers.get('x-content-sha256')];
}

test.each(['dynamic.vhd', 'fixed.vhd'])('%s reads back as the disk it holds', async (file) => {
  const vhd = gunzipSync(readFileSync(join(FIX, file)));
  expect(vhd.length).not.toBe(SOURCE.length);
  const { status, vdi } = await upload(vhd);
  expect(status).toBe(200);
  expect(await contents(vdi)).toEqual([SOURCE.length, sha(SOURCE)]);
});

test('a differencing disk, a file that is not a VHD and a disk larger than the VDI are refused', async () => {
  const dynamic = gunzipSync(readFileSync(join(FIX, 'dynamic.vhd')));
  const differencing = Buffer.from(dynamic);
  for (const at of [0, differencing.length - 512]) differencing.writeUInt32BE(4, at + 60);
  expect(await upload(differencing)).toMatchObject({ status: 400, text: 'a differencing VHD needs its parent: upload the whole disk' });
  expect(await upload(Buffer.from('not a disk at all'))).toMatchObject({ status: 400, text: 'not a VHD: no conectix footer' });
  expect((await upload(dynamic, SOURCE.length / 2)).text).toMatch(/does not fit the VDI/);
});

test('xcp_vdi source_format = "vhd": the VDI holds the disk, not the file (xcpform CLI, embedded pool)', () => {
  const { workdir, applyAndSettle } = configFolders(DC1, 'xcpform-vdi-vhd-');
  const image = join(mkdtempSync(join(tmpdir(), 'xcpform-vhd-image-')), 'disk.vhd');
  writeFileSync(image, gunzipSync(readFileSync(join(FIX, 'dynamic.vhd'))));
  const dir = workdir(`resource "xcp_vdi" "img" {
  name_label    = "from-vhd"
  sr            = "NFS shared storage"
  size          = ${SOURCE.length}
  source        = ${JSON.stringify(image)}
  source_format = "vhd"
}
`);
  applyAndSettle(dir);
  const got = vdiContents(dir, 'from-vhd');
  expect([got.length, got.sha256]).toEqual([SOURCE.length, sha(SOURCE)]);
}, 120_000);
