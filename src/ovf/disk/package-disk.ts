/**
 * A package's disks as {@link DiskImage}s: the file's stored segments (gunzipped when the File
 * says `compression="gzip"`), extents of text VMDK descriptors looked up among the package's
 * files by name, and what each disk needs on its way into a VDI.
 */
import type { OvfDisk, OvfFile } from '../model';
import type { OvfPackage } from '../package-reader';
import type { DiskImage, DiskVariant } from './image';
import { openDisk } from './open';
import { DiskFormatError, openFileSource, type ByteSource } from './source';

/** An opened disk and the sources to close after reading it. */
export interface OpenedDisk {
  readonly image: DiskImage;
  close(): Promise<void>;
}

/** What a disk file is and how it reaches the VDI. */
export interface DiskInspection {
  readonly diskId: string;
  readonly href: string;
  readonly variant: DiskVariant;
  readonly virtualSize: number;
  readonly gzip: boolean;
}

/** Opens the file of `disk` in `pkg`. Throws {@link DiskFormatError}. */
export async function openPackageDisk(pkg: OvfPackage, disk: OvfDisk, file: OvfFile): Promise<OpenedDisk> {
  const sources: ByteSource[] = [];
  const open = (f: OvfFile): ByteSource => {
    const s = openFileSource(pkg.files.get(f.id) ?? [], f.compression === 'gzip');
    sources.push(s);
    return s;
  };
  const close = async (): Promise<void> => {
    for (const s of sources) await s.close().catch(() => undefined);
  };
  try {
    const image = await openDisk(open(file), disk.format, {
      rawSize: disk.capacityBytes || undefined,
      resolveExtent: (name) => {
        const f = pkg.envelope.files.find((x) => x.href === name);
        return f ? open(f) : undefined;
      },
    });
    return { image, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Opens every disk file of the package once (headers only) to learn its format and size. */
export async function inspectPackageDisks(pkg: OvfPackage): Promise<{ disks: DiskInspection[]; failure?: { diskId: string; href: string; message: string } }> {
  const disks: DiskInspection[] = [];
  for (const disk of pkg.envelope.disks) {
    const file = disk.fileRef !== undefined ? pkg.envelope.files.find((f) => f.id === disk.fileRef) : undefined;
    if (!file || !pkg.files.get(file.id)?.length) continue;
    try {
      const opened = await openPackageDisk(pkg, disk, file);
      await opened.close();
      disks.push({ diskId: disk.diskId, href: file.href, variant: opened.image.variant, virtualSize: opened.image.virtualSize, gzip: file.compression === 'gzip' });
    } catch (err) {
      if (!(err instanceof DiskFormatError)) throw err;
      return { disks, failure: { diskId: disk.diskId, href: file.href, message: err.message } };
    }
  }
  return { disks };
}
