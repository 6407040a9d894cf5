/**
 * The npm package as users get it: `npm pack` of this checkout (the compiled `dist/` must be
 * current, as for every CLI test), and installs of that tarball into throwaway folders. The
 * registry is the only network these installs use; `--prefer-offline` lets npm's cache answer
 * first so repeated runs stay fast.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli';

/** One file of the packed tarball as `npm pack --json` lists it. */
export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface Packed {
  /** Absolute path of the `.tgz`. */
  readonly tarball: string;
  /** Compressed size in bytes. */
  readonly size: number;
  readonly files: readonly PackedFile[];
}

/** Runs npm with the flags every install here uses; throws with npm's output on failure. */
export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, timeout = 300_000): string {
  const res = spawnSync('npm', [...args], { cwd, env: { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, encoding: 'utf8', timeout });
  if (res.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${res.status ?? res.signal}) in ${cwd}:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

let packed: Packed | undefined;

/** Packs the checkout once per test file (scripts skipped: `dist/` is already built). */
export function packTarball(): Packed {
  if (packed) return packed;
  const dest = mkdtempSync(join(tmpdir(), 'xcpform-pack-'));
  const out = npm(['pack', ROOT, '--ignore-scripts', '--json', '--pack-destination', dest], dest);
  const info = JSON.parse(out)[0] as { filename: string; size: number; files: PackedFile[] };
  packed = { tarball: join(dest, info.filename), size: info.size, files: info.files };
  return packed;
}

/** A new npm project folder (a bare package.json) with the tarball plus `extra` installed. */
export function installPacked(extra: string[] = [], prefix = 'xcpform-user-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'user-project', private: true, version: '1.0.0' }, null, 2)}\n`);
  npm(['install', packTarball().tarball, ...extra, '--prefer-offline'], dir);
  return dir;
}

/** `npm install -g` of the tarball into a fresh prefix; returns the prefix (executables in `bin/`). */
export function installPackedGlobally(): string {
  const prefix = mkdtempSync(join(tmpdir(), 'xcpform-global-'));
  mkdirSync(join(prefix, 'bin'), { recursive: true });
  npm(['install', '-g', '--prefix', prefix, packTarball().tarball, '--prefer-offline'], prefix);
  return prefix;
}
