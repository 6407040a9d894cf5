/**
 * `xcpform init`'s module installation, in Terraform's layout: packages (`git::file://` URLs,
 * absolute paths) are copied into `.terraform/modules/KEY`, local modules are read in place, and
 * `.terraform/modules/modules.json` lists every call by its key (call names joined by dots) with
 * its source and folder relative to the working folder, so `terraform` finds the same modules.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { Diagnostic, error } from '../../diagnostics';
import { loadConfigFiles } from '../files';
import { objects } from '../decode/context';
import { packageDir, parseModuleSource } from './source';

export interface ManifestEntry {
  readonly Key: string;
  readonly Source: string;
  readonly Dir: string;
}

/** Installs the module tree of the configuration in `dir`; returns the manifest entries written. */
export async function installModules(dir: string, cwd: string): Promise<{ entries: ManifestEntry[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const entries: ManifestEntry[] = [{ Key: '', Source: '', Dir: toPosix(relative(cwd, dir)) || '.' }];
  const walk = async (at: string, key: string, depth: number): Promise<void> => {
    if (depth > 20) return;
    const { files } = await loadConfigFiles(at, cwd);
    for (const file of files) {
      for (const group of objects(file.body.module ?? []) ?? []) {
        for (const [name, raw] of Object.entries(group)) {
          const body = (objects(raw) ?? [])[0];
          if (!body || typeof body.source !== 'string') continue;
          const childKey = key ? `${key}.${name}` : name;
          const src = parseModuleSource(body.source);
          if (src.kind === 'invalid') {
            diagnostics.push(error('init.module-source', `module.${childKey}: ${src.summary}`, { detail: src.detail, source: { filename: file.path } }));
            continue;
          }
          let childDir: string;
          if (src.kind === 'local') {
            childDir = join(at, src.path);
          } else {
            const dest = packageDir(cwd, childKey);
            const failure = fetchPackage(src, dest);
            if (failure) {
              diagnostics.push(error('init.module-download', `module.${childKey}: Failed to download module`, { detail: `Could not download module "${childKey}" from "${body.source}": ${failure}`, source: { filename: file.path } }));
              continue;
            }
            childDir = join(dest, src.subdir ?? '');
          }
          entries.push({ Key: childKey, Source: src.kind === 'local' ? src.path : body.source, Dir: toPosix(relative(cwd, childDir)) || '.' });
          if (existsSync(childDir)) await walk(childDir, childKey, depth + 1);
        }
      }
    }
  };
  await walk(dir, '', 0);
  entries.sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
  if (entries.length > 1 || existsSync(join(cwd, '.terraform'))) {
    mkdirSync(join(cwd, '.terraform', 'modules'), { recursive: true });
    writeFileSync(join(cwd, '.terraform', 'modules', 'modules.json'), `${JSON.stringify({ Modules: entries })}\n`);
  }
  return { entries, diagnostics };
}

/** Copies a package into `dest` (replacing an older copy); an error message, or undefined. */
function fetchPackage(src: { readonly url: string; readonly git: boolean; readonly ref?: string }, dest: string): string | undefined {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(join(dest, '..'), { recursive: true });
  if (!src.git) {
    if (!existsSync(src.url)) return `the folder ${src.url} does not exist.`;
    cpSync(src.url, dest, { recursive: true });
    return undefined;
  }
  const args = ['clone', '--quiet', ...(src.ref ? ['--branch', src.ref] : []), '--', src.url, dest];
  const res = spawnSync('git', args, { encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  if (res.error) return `git could not be run (${res.error.message}).`;
  if (res.status !== 0) return (res.stderr || `git exited with ${res.status}`).trim();
  return undefined;
}

const toPosix = (p: string): string => p.split('\\').join('/');
