/**
 * `xcp_vdi` sized from its source (issue 21): without `size`, the disk is as large as its image,
 * rounded up to whole MiB — a local raw file's length and a local VHD's virtual size known at
 * plan time, a raw image behind a URL sized at apply from its Content-Length. Apply, then the
 * next plan is empty; a missing size with nothing to take it from is a plan error naming the
 * attribute. Through the xcpform CLI (child process) on the embedded pool or a simulator over
 * HTTP.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT, xcpform } from './helpers/cli';
import { configFolders, DC1, planErrors } from './helpers/config-folder';
import { startRehearsalPool, type RehearsalPool } from './helpers/rehearsal-pool';
import { sha256, vdiContents } from './helpers/world-contents';

const MIB = 1024 * 1024;
const folders = configFolders(DC1, 'xcpform-vdi-size-');
const imageDir = mkdtempSync(join(tmpdir(), 'xcpform-vdi-size-images-'));

/** The planned size of xcp_vdi.img in the saved plan (`show -json`), or undefined when unknown. */
function plannedSize(dir: string): number | undefined {
  expect(xcpform(['plan', '-out', 'p.plan', '-no-color'], { cwd: dir }).code).toBe(0);
  const shown = JSON.parse(xcpform(['show', '-json', 'p.plan'], { cwd: dir }).stdout);
  const change = shown.resource_changes.find((c: { address: string }) => c.address === 'xcp_vdi.img').change;
  return change.after.size;
}

test('a local raw file without size: the plan shows its length rounded up to MiB, the disk holds the file, the next plan is empty', () => {
  const bytes = Buffer.alloc(3 * MIB + 123);
  for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32BE(i, i);
  const image = join(imageDir, 'disk.img');
  writeFileSync(image, bytes);
  const dir = folders.workdir(`resource "xcp_vdi" "img" {\n  name_label = "from-raw"\n  sr         = "NFS shared storage"\n  source     = ${JSON.stringify(image)}\n}\n`);
  expect(plannedSize(dir)).toBe(4 * MIB);
  folders.applyAndSettle(dir);
  const got = vdiContents(dir, 'from-raw');
  expect(got.virtualSize).toBe(4 * MIB);
  expect([got.length, got.sha256]).toEqual([bytes.length, sha256(bytes)]);
}, 120_000);

test('a local VHD without size: the disk takes the virtual size in its footer, not the file length', () => {
  const fixtures = join(ROOT, 'test', 'fixtures', 'ovf-disks');
  const source = gunzipSync(readFileSync(join(fixtures, 'source.raw.gz')));
  const vhd = gunzipSync(readFileSync(join(fixtures, 'dynamic.vhd')));
  expect(vhd.length).not.toBe(source.length);
  const image = join(imageDir, 'disk.vhd');
  writeFileSync(image, vhd);
  const dir = folders.workdir(`resource "xcp_vdi" "img" {\n  name_label    = "from-vhd"\n  sr            = "NFS shared storage"\n  source        = ${JSON.stringify(image)}\n  source_format = "vhd"\n}\n`);
  const size = Math.ceil(source.length / MIB) * MIB;
  expect(plannedSize(dir)).toBe(size);
  folders.applyAndSettle(dir);
  const got = vdiContents(dir, 'from-vhd');
  expect(got.virtualSize).toBe(size);
  expect([got.length, got.sha256]).toEqual([source.length, sha256(source)]);
}, 120_000);

test('nothing to size the disk from is a plan error on the attribute: no source, a VHD behind a URL, a missing file, a raw file given as VHD', async () => {
  const raw = join(imageDir, 'plain.img');
  writeFileSync(raw, Buffer.alloc(MIB));
  const cases: [string, string[], RegExp][] = [
    ['', ['size'], /a disk needs a size/],
    ['  source        = "https://images.example/disk.vhd"\n  source_format = "vhd"\n', ['size'], /a VHD image behind a URL needs a size/],
    [`  source = ${JSON.stringify(join(imageDir, 'missing.img'))}\n`, ['source'], /cannot be sized/],
    [`  source        = ${JSON.stringify(raw)}\n  source_format = "vhd"\n`, ['source'], /cannot be sized/],
  ];
  for (const [extra, path, summary] of cases) {
    const dir = folders.workdir(`resource "xcp_vdi" "img" {\n  name_label = "unsized"\n  sr         = "NFS shared storage"\n${extra}}\n`);
    const errors = await planErrors(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'xcp_vdi.size-unknown', path });
    expect(errors[0].summary).toMatch(summary);
    const cli = xcpform(['plan', '-no-color'], { cwd: dir });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(summary);
  }
}, 120_000);

describe('a raw image behind a URL', () => {
  let p: RehearsalPool | undefined;
  let server: http.Server | undefined;
  afterEach(async () => {
    await p?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    p = undefined;
    server = undefined;
  });

  test('is sized at apply from its Content-Length (known after apply in the plan), then the next plan is empty', async () => {
    const bytes = Buffer.alloc(2 * MIB + 1, 7);
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Length': bytes.length, 'Content-Type': 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/disk.img`;
    p = await startRehearsalPool({ name: 'dc1', hosts: 1 });
    p.config(`resource "xcp_vdi" "img" {\n  name_label = "from-url"\n  sr         = "Local storage"\n  source     = "${url}"\n}\n`);
    const plan = await p.run(['plan', '-no-color']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/\+ size +?= \(known after apply\)/);
    const apply = await p.run(['apply', '-auto-approve', '-no-color']);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    const db = p.sim.world.pool('dc1').db;
    const vdis = db.all('VDI').filter(([, v]) => v.name_label === 'from-url');
    expect(vdis.map(([, v]) => v.virtual_size)).toEqual([3 * MIB]);
    const again = await p.run(['plan', '-detailed-exitcode', '-no-color']);
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  }, 120_000);
});
