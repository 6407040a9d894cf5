/**
 * Writes the release's mirror folder. Several releases (versions, platforms) may be written into
 * the same folder: `index.json` and `<version>.json` are merged with what is already there.
 * `terraform providers mirror` would write the same layout but only downloads from the public
 * registry, so the release writes it itself.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mirrorProviderDir } from './layout';

export interface MirrorArchive {
  readonly version: string;
  readonly platform: string;
  /** Path of the built zip. */
  readonly zipPath: string;
  readonly zipName: string;
  /** `h1:…` and `zh:…` of the package. */
  readonly hashes: readonly string[];
}

function readJson<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}

const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Adds one archive to the mirror rooted at `mirrorRoot`; returns the provider folder. */
export function addToMirror(mirrorRoot: string, archive: MirrorArchive): string {
  const dir = mirrorProviderDir(mirrorRoot);
  mkdirSync(dir, { recursive: true });
  copyFileSync(archive.zipPath, join(dir, archive.zipName));
  const indexFile = join(dir, 'index.json');
  const index = readJson<{ versions: Record<string, object> }>(indexFile, { versions: {} });
  index.versions[archive.version] = {};
  writeFileSync(indexFile, `${JSON.stringify({ versions: sorted(index.versions) }, null, 2)}\n`);
  const versionFile = join(dir, `${archive.version}.json`);
  const version = readJson<{ archives: Record<string, { url: string; hashes: string[] }> }>(versionFile, { archives: {} });
  // The url is resolved against the JSON file's own URL, so a bare name keeps the mirror movable.
  version.archives[archive.platform] = { url: archive.zipName, hashes: [...archive.hashes] };
  writeFileSync(versionFile, `${JSON.stringify({ archives: sorted(version.archives) }, null, 2)}\n`);
  return dir;
}
