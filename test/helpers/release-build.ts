/**
 * The provider release (`npm run release`: single executable, zip, mirror) for tests. Building
 * it takes ~15 s and ~140 MB, so it is built once per content of the compiled provider and kept
 * in the temporary folder (`xcpform-release-cache/<hash>`), never in the repository: the key
 * hashes `dist/src`, the release scripts, the proto files, package.json and the Node binary's
 * version. Concurrent test files build into a private folder and rename it into place.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from './cli';

/** release.json of a built release, plus the folder it is in. */
export interface BuiltRelease {
  readonly dir: string;
  /** Root of the mirror (holds `registry.terraform.io/`). */
  readonly mirrorRoot: string;
  readonly version: string;
  readonly platform: string;
  readonly zip: string;
  readonly zipBytes: number;
  readonly executableBytes: number;
  readonly h1: string;
  readonly zh: string;
  readonly mirror: string;
  /** Seconds the build took, or 0 when it came from the cache. */
  readonly buildSeconds: number;
}

function walk(dir: string, into: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, into);
    else if (name.endsWith('.js') || name.endsWith('.proto') || name.endsWith('.json')) into.push(p);
  }
}

/** The cache key: what goes into the executable and the archive. */
export function releaseKey(): string {
  const files: string[] = [join(ROOT, 'package.json')];
  walk(join(ROOT, 'dist', 'src'), files);
  walk(join(ROOT, 'dist', 'scripts', 'release'), files);
  walk(join(ROOT, 'src', 'tfplugin', 'proto'), files);
  const h = createHash('sha256').update(process.version).update(process.execPath);
  for (const f of files) h.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

/** Removes releases of older builds (~140 MB each) untouched for a day; recent ones may be in use. */
function dropStale(cache: string, keep: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(cache)) {
    const p = join(cache, name);
    if (p !== keep && statSync(p).mtimeMs < dayAgo) rmSync(p, { recursive: true, force: true });
  }
}

/** The release of the current `dist/`, built now or taken from the cache. */
export function builtRelease(): BuiltRelease {
  const cache = join(tmpdir(), 'xcpform-release-cache');
  const dir = join(cache, releaseKey());
  let buildSeconds = 0;
  if (!existsSync(join(dir, 'release.json'))) {
    mkdirSync(cache, { recursive: true });
    const scratch = `${dir}.build-${process.pid}`;
    rmSync(scratch, { recursive: true, force: true });
    const started = Date.now();
    const res = spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'release', 'main.js'), '--out', scratch], { encoding: 'utf8', timeout: 600_000 });
    if (res.status !== 0) throw new Error(`release build failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
    buildSeconds = (Date.now() - started) / 1000;
    // release.json records the scratch paths; rewrite them for the final folder.
    const info = readFileSync(join(scratch, 'release.json'), 'utf8').split(scratch).join(dir);
    writeFileSync(join(scratch, 'release.json'), info);
    try {
      renameSync(scratch, dir);
    } catch {
      rmSync(scratch, { recursive: true, force: true }); // another test file finished first
    }
    dropStale(cache, dir);
  }
  const info = JSON.parse(readFileSync(join(dir, 'release.json'), 'utf8'));
  return { ...info, dir, mirrorRoot: join(dir, 'mirror'), buildSeconds };
}
