/**
 * Module source addresses, classified as Terraform does: a local path (`./x`, `../x`, also with
 * backslashes) is read in place; a `git::` URL over `file://` or an absolute path is a package
 * that `xcpform init` copies into `.terraform/modules/KEY`; anything else (registry addresses,
 * HTTP, S3, GitHub shorthands) needs a network and is refused with a diagnostic.
 */
import { isAbsolute, join, posix } from 'node:path';

export type ModuleSource =
  | { readonly kind: 'local'; /** Cleaned, re-prefixed with `./` or `../` (modules.json's Source). */ readonly path: string }
  | { readonly kind: 'package'; /** What to fetch: a folder or a git repository (with its ref, subdir). */ readonly url: string; readonly git: boolean; readonly ref?: string; readonly subdir?: string }
  | { readonly kind: 'invalid'; readonly summary: string; readonly detail: string };

/** Classifies a `source` string. */
export function parseModuleSource(source: string): ModuleSource {
  if (/^\.\.?[\\/]/.test(source)) {
    const clean = posix.normalize(source.replace(/\\/g, '/'));
    return { kind: 'local', path: clean.startsWith('../') ? clean : `./${clean.replace(/^\.\//, '')}`.replace(/\/$/, '') };
  }
  if (isAbsolute(source)) return { kind: 'package', url: source, git: false };
  const git = /^git::(file:\/\/[^?]*?)(?:\/\/([^?]*))?(?:\?ref=([^&]+))?$/.exec(source);
  if (git) return { kind: 'package', url: git[1], git: true, ...(git[3] ? { ref: decodeURIComponent(git[3]) } : {}), ...(git[2] ? { subdir: git[2] } : {}) };
  if (/^[a-z0-9]+::/i.test(source) || /^(https?|s3|gcs|git|hg|ssh):/i.test(source) || /^(github\.com|bitbucket\.org|git@)/.test(source)) {
    return { kind: 'invalid', summary: 'Module source not available offline', detail: `The module source "${source}" must be downloaded over a network, which xcpform does not do. Use a local path ("./modules/x") or a "git::file://" URL, or copy the module into the configuration's folder.` };
  }
  const parts = source.split('/');
  if (parts.length === 3 || parts.length === 4) {
    return { kind: 'invalid', summary: 'Module registry not available offline', detail: `"${source}" is a module registry address; xcpform does not download from module registries. Copy the module into the configuration's folder and use a local path ("./modules/${parts[parts.length - 2]}") instead.` };
  }
  return { kind: 'invalid', summary: 'Invalid module source address', detail: `Terraform failed to determine your intended installation method for remote module package "${source}". If you intended this as a path relative to the current module, use "./${source}" instead. The "./" prefix indicates that the address is a relative filesystem path.` };
}

/** Where an installed package of module KEY lives under the working folder. */
export function packageDir(cwd: string, key: string): string {
  return join(cwd, '.terraform', 'modules', key);
}
