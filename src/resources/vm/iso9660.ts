/**
 * A minimal ISO 9660 image writer for the cloud-init NoCloud config drive: one root directory
 * with a few small files and the volume label `cidata`. Level 1 names (`USER-DATA;1`); Linux
 * mounts them lower-cased without the version, which is what cloud-init looks for.
 */
const SECTOR = 2048;

function both32(buf: Buffer, off: number, v: number): void {
  buf.writeUInt32LE(v, off);
  buf.writeUInt32BE(v, off + 4);
}

function both16(buf: Buffer, off: number, v: number): void {
  buf.writeUInt16LE(v, off);
  buf.writeUInt16BE(v, off + 2);
}

function dirRecord(name: Buffer, extent: number, size: number, isDir: boolean): Buffer {
  const len = 33 + name.length + (name.length % 2 === 0 ? 1 : 0);
  const r = Buffer.alloc(len);
  r[0] = len;
  both32(r, 2, extent);
  both32(r, 10, size);
  r.set([125, 1, 1, 0, 0, 0, 0], 18); // 2025-01-01 00:00:00 UTC: fixed, so images are reproducible
  r[25] = isDir ? 2 : 0;
  both16(r, 28, 1);
  r[32] = name.length;
  name.copy(r, 33);
  return r;
}

function text(buf: Buffer, off: number, len: number, value: string): void {
  buf.write(value.padEnd(len, ' ').slice(0, len), off, 'ascii');
}

/** Builds the image. File names are upper-cased ISO 9660 level 1 names (`user-data` → `USER-DATA;1`). */
export function buildIso(label: string, files: readonly { name: string; data: Buffer }[]): Buffer {
  const rootSector = 20;
  let next = rootSector + 1;
  const placed = files.map((f) => {
    const at = next;
    next += Math.max(1, Math.ceil(f.data.length / SECTOR));
    return { ...f, at, id: Buffer.from(`${f.name.toUpperCase()};1`, 'ascii') };
  });
  const total = next;
  const img = Buffer.alloc(total * SECTOR);
  const root = Buffer.concat([
    dirRecord(Buffer.from([0]), rootSector, SECTOR, true),
    dirRecord(Buffer.from([1]), rootSector, SECTOR, true),
    ...placed.map((f) => dirRecord(f.id, f.at, f.data.length, false)),
  ]);
  if (root.length > SECTOR) throw new Error('config drive: too many files for one directory sector');
  const pvd = Buffer.alloc(SECTOR);
  pvd[0] = 1;
  pvd.write('CD001', 1, 'ascii');
  pvd[6] = 1;
  text(pvd, 8, 32, 'LINUX');
  text(pvd, 40, 32, label);
  both32(pvd, 80, total);
  both16(pvd, 120, 1);
  both16(pvd, 124, 1);
  both16(pvd, 128, SECTOR);
  both32(pvd, 132, 10);
  pvd.writeUInt32LE(18, 140);
  pvd.writeUInt32BE(19, 148);
  dirRecord(Buffer.from([0]), rootSector, SECTOR, true).copy(pvd, 156);
  for (const [off, len] of [[190, 128], [318, 128], [446, 128], [574, 128], [702, 37], [739, 37], [776, 37]] as const) text(pvd, off, len, '');
  for (const off of [813, 830, 847, 864]) pvd.write('0000000000000000', off, 'ascii');
  pvd[881] = 1;
  pvd.copy(img, 16 * SECTOR);
  const term = Buffer.alloc(SECTOR);
  term[0] = 255;
  term.write('CD001', 1, 'ascii');
  term[6] = 1;
  term.copy(img, 17 * SECTOR);
  const pathL = Buffer.from([1, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
  pathL.writeUInt32LE(rootSector, 2);
  pathL.writeUInt16LE(1, 6);
  pathL.copy(img, 18 * SECTOR);
  const pathM = Buffer.from(pathL);
  pathM.writeUInt32BE(rootSector, 2);
  pathM.writeUInt16BE(1, 6);
  pathM.copy(img, 19 * SECTOR);
  root.copy(img, rootSector * SECTOR);
  for (const f of placed) f.data.copy(img, f.at * SECTOR);
  return img;
}
