/**
 * Opens an OVF package: a `.ovf` descriptor with its files beside it, or a `.ova` tar (the
 * descriptor first, then the manifest, then the files). Every file the envelope references must
 * be present with its declared size, and every manifest checksum must match; otherwise the
 * result has errors and no package, so nothing is created from a broken package.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { openPackageDisk } from './disk/package-disk';
import { DiskFormatError, openFileSource } from './disk/source';
import { readEnvelope } from './envelope-reader';
import { digestOf, parseManifest, type FileSegment } from './manifest';
import type { OvfEnvelope, OvfFile } from './model';
import { OvfReport } from './report';
import { readTarIndex, type TarEntry } from './tar';
import { MAX_DESCRIPTOR_CHARS } from './xml-tree';

export type { FileSegment } from './manifest';

/** A package that read cleanly (warnings aside). */
export interface OvfPackage {
  /** Path of the `.ovf` or `.ova` as given. */
  readonly path: string;
  readonly kind: 'ovf' | 'ova';
  /** File name of the descriptor (`appliance.ovf`). */
  readonly descriptorName: string;
  readonly envelope: OvfEnvelope;
  /** Where the stored bytes of each `References/File` are, by File id (several segments when chunked). */
  readonly files: ReadonlyMap<string, readonly FileSegment[]>;
  /** Whether a manifest was present and verified. */
  readonly manifestVerified: boolean;
}

export interface PackageReadOptions {
  /** The DeploymentOptionSection configuration to read (default: the package's default). */
  readonly deployment?: string;
  /** Read the descriptor alone: disk files are neither looked for nor checked (`ovf import --no-disks`). */
  readonly noDisks?: boolean;
}

export interface PackageReadResult {
  readonly package?: OvfPackage;
  readonly diagnostics: Diagnostic[];
}

/** Names the stored parts of a file: itself, or `href.000000000`, ... when chunked. */
function storedNames(file: OvfFile, exists: (name: string) => boolean): string[] {
  if (!file.chunkSize) return [file.href];
  const names: string[] = [];
  const count = file.size !== undefined ? Math.max(1, Math.ceil(file.size / file.chunkSize)) : Infinity;
  for (let i = 0; i < count; i++) {
    const name = `${file.href}.${String(i).padStart(9, '0')}`;
    if (!exists(name) && count === Infinity) break;
    names.push(name);
  }
  return names;
}

/** Reads and checks a package. Never throws for bad input. */
export async function readOvfPackage(path: string, opts: PackageReadOptions = {}): Promise<PackageReadResult> {
  const pkgReport = new OvfReport(basename(path), path);
  const stat = await fs.stat(path).catch(() => undefined);
  if (!stat?.isFile()) {
    pkgReport.error('missing-file', 'package', 'file not found', `There is no file at ${path}. Give the path of an .ovf descriptor or an .ova archive.`);
    return { diagnostics: pkgReport.diagnostics };
  }
  const isOva = extname(path).toLowerCase() === '.ova';
  let descriptorName: string;
  let descriptorText: string;
  let manifest: { name: string; segment: FileSegment } | undefined;
  const members = new Map<string, FileSegment>();
  if (isOva) {
    const index = await readTarIndex(path);
    if (!index.ok) {
      pkgReport.error('bad-archive', 'archive', `not a readable OVA: ${index.message}`, 'An OVA is a tar archive (xcpform also reads gzip-compressed ones). Re-create it with the .ovf first.');
      return { diagnostics: pkgReport.diagnostics };
    }
    const first: TarEntry | undefined = index.entries[0];
    if (!first) {
      pkgReport.error('ova-layout', 'archive', 'the archive is empty', 'An OVA holds the .ovf descriptor as its first member. Re-create the archive.');
      return { diagnostics: pkgReport.diagnostics };
    }
    if (!first.name.toLowerCase().endsWith('.ovf')) {
      pkgReport.error('ova-layout', 'archive', `the first member is "${first.name}", not the .ovf descriptor`, 'DSP0243 requires the descriptor to be the first file of an OVA. Re-create the archive with the .ovf first.');
      return { diagnostics: pkgReport.diagnostics };
    }
    if (first.size > MAX_DESCRIPTOR_CHARS) {
      pkgReport.error('bad-archive', first.name, 'descriptor too large', 'The descriptor is larger than 16 MiB; it is not an OVF descriptor.');
      return { diagnostics: pkgReport.diagnostics };
    }
    const inGzip = await isGzip(path);
    for (const e of index.entries) members.set(e.name, { path, offset: e.offset, size: e.size, ...(inGzip ? { inGzip } : {}) });
    descriptorName = first.name;
    descriptorText = await readSegment(members.get(first.name)!, first.size);
    const mfIndex = index.entries.findIndex((e) => e.name.toLowerCase().endsWith('.mf'));
    if (mfIndex > 0) {
      manifest = { name: index.entries[mfIndex].name, segment: members.get(index.entries[mfIndex].name)! };
      if (mfIndex !== 1) pkgReport.warning('ova-layout', index.entries[mfIndex].name, 'the manifest is not the second member of the OVA', 'DSP0243 puts the manifest right after the descriptor; the package is read anyway.');
    }
  } else {
    descriptorName = basename(path);
    if (stat.size > MAX_DESCRIPTOR_CHARS) {
      pkgReport.error('bad-archive', descriptorName, 'descriptor too large', 'The file is larger than 16 MiB; it is not an OVF descriptor.');
      return { diagnostics: pkgReport.diagnostics };
    }
    descriptorText = await fs.readFile(path, 'utf8');
    members.set(descriptorName, { path, offset: 0, size: stat.size });
    const mfName = `${descriptorName.replace(/\.ovf$/i, '')}.mf`;
    const mfStat = await fs.stat(join(dirname(path), mfName)).catch(() => undefined);
    if (mfStat?.isFile()) manifest = { name: mfName, segment: { path: join(dirname(path), mfName), offset: 0, size: mfStat.size } };
  }
  const { envelope, diagnostics } = readEnvelope(descriptorText.replace(/^\uFEFF/, ''), descriptorName, path, { deployment: opts.deployment });
  const report = new OvfReport(descriptorName, path);
  report.diagnostics.push(...pkgReport.diagnostics, ...diagnostics);
  if (!envelope) return { diagnostics: report.diagnostics };
  if (opts.noDisks) {
    for (const d of envelope.disks) {
      if (d.capacityFromFile) report.error('missing-capacity', `Disk ${d.diskId}`, 'has no ovf:capacity, and --no-disks leaves its file out', 'Give the disk an ovf:capacity, or import the whole package (without --no-disks) so its size is read from the disk file.');
    }
    if (report.failed) return { diagnostics: report.diagnostics };
    return { package: { path, kind: isOva ? 'ova' : 'ovf', descriptorName, envelope, files: new Map(), manifestVerified: false }, diagnostics: report.diagnostics };
  }

  const dir = dirname(path);
  const lookup = async (name: string): Promise<FileSegment | undefined> => {
    if (isOva) return members.get(name);
    const hit = members.get(name);
    if (hit) return hit;
    const st = await fs.stat(join(dir, name)).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    const seg = { path: join(dir, name), offset: 0, size: st.size };
    members.set(name, seg);
    return seg;
  };
  const files = new Map<string, FileSegment[]>();
  for (const file of envelope.files) {
    const names = file.chunkSize && file.size === undefined && !isOva ? await chunkNames(file, lookup) : storedNames(file, (n) => members.has(n));
    const segments: FileSegment[] = [];
    for (const name of names) {
      const seg = await lookup(name);
      if (!seg) {
        report.error('missing-file', `File ${file.id}`, `"${name}" is not in the package`, `The envelope references ${name}, but ${isOva ? 'the OVA has no such member' : `there is no such file beside ${descriptorName}`}. Copy the whole package.`);
        continue;
      }
      segments.push(seg);
    }
    const stored = segments.reduce((n, s) => n + s.size, 0);
    if (segments.length === names.length && file.size !== undefined && stored !== file.size) {
      report.error('size-mismatch', `File ${file.id}`, `"${file.href}" is ${stored} bytes, the envelope says ${file.size}`, 'The file is truncated or not the one the descriptor describes. Copy the package again.');
    }
    files.set(file.id, segments);
  }

  let manifestVerified = false;
  if (manifest && !report.failed) {
    const mfReport = new OvfReport(manifest.name, manifest.segment.path);
    const text = await readSegment(manifest.segment);
    const entries = parseManifest(text, mfReport);
    const listed = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      const seg = await lookup(entry.name);
      const label = `${entry.algorithm}(${entry.name})`;
      if (!seg) {
        mfReport.error('missing-file', label, 'the manifest lists a file the package does not have', `Copy the whole package, including ${entry.name}.`, entry.line);
        continue;
      }
      const actual = await digestOf([seg], entry.algorithm);
      if (actual !== entry.digest) {
        mfReport.error('checksum-mismatch', label, 'checksum mismatch', `${entry.name} does not have the ${entry.algorithm} digest the manifest records: the file is corrupt or was changed. Copy the package again.`, entry.line);
      }
    }
    const needed = [descriptorName, ...envelope.files.flatMap((f) => storedNames(f, (n) => members.has(n)))];
    for (const name of needed) {
      if (!listed.has(name)) mfReport.error('manifest-incomplete', name, 'not listed in the manifest', 'Every file of the package must have a checksum in the manifest. Re-create the manifest.');
    }
    report.diagnostics.push(...mfReport.diagnostics);
    manifestVerified = !mfReport.failed;
  }
  if (report.failed) return { diagnostics: report.diagnostics };
  const pkg: OvfPackage = { path, kind: isOva ? 'ova' : 'ovf', descriptorName, envelope, files, manifestVerified };
  await capacitiesFromFiles(pkg, report);
  if (report.failed) return { diagnostics: report.diagnostics };
  return { package: pkg, diagnostics: report.diagnostics };
}

/** Disks the descriptor gives no ovf:capacity get the virtual size their file's header states. */
async function capacitiesFromFiles(pkg: OvfPackage, report: OvfReport): Promise<void> {
  for (const disk of pkg.envelope.disks) {
    if (!disk.capacityFromFile) continue;
    const file = pkg.envelope.files.find((f) => f.id === disk.fileRef)!;
    try {
      const opened = await openPackageDisk(pkg, disk, file);
      await opened.close();
      // The drives of the hardware sections hold this same object: set once, before anyone reads it.
      (disk as { capacityBytes: number }).capacityBytes = opened.image.virtualSize;
    } catch (err) {
      if (!(err instanceof DiskFormatError)) throw err;
      report.error('missing-capacity', `Disk ${disk.diskId}`, `has no ovf:capacity and its file ${file.href} does not give a size: ${err.message}`, 'Give the disk an ovf:capacity in bytes, or fix the disk file.');
    }
  }
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await fs.open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    await fh.read(b, 0, 2, 0);
    return b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

async function chunkNames(file: OvfFile, lookup: (name: string) => Promise<FileSegment | undefined>): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; ; i++) {
    const name = `${file.href}.${String(i).padStart(9, '0')}`;
    if (!(await lookup(name))) return names.length ? names : [name];
    names.push(name);
  }
}

async function readSegment(seg: FileSegment, max = 4 * 1024 * 1024): Promise<string> {
  const src = openFileSource([seg], false);
  try {
    return (await src.read(0, Math.min(seg.size, max))).toString('utf8');
  } finally {
    await src.close();
  }
}
