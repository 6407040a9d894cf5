/**
 * Source lines of declarations and attributes, found lazily: the JSON that hcl2json returns has
 * no positions, so a line is found by scanning the text (see locate.ts), and only when a
 * diagnostic needs it, which keeps loading a large `cdk.tf.json` linear.
 */
import { ConfigFile } from './files';
import { locate } from './locate';
import { SourceRef } from './model';

/** What a path is relative to: a resource/data/provider block or a top-level declaration. */
export type Decl =
  | { readonly kind: 'resource' | 'data' | 'provider'; readonly type: string; readonly name: string }
  | { readonly kind: 'variable' | 'output' | 'locals' | 'terraform' | 'module'; readonly name: string };

/** A SourceRef whose line is computed on first read. */
export function lazySource(file: ConfigFile, decl: Decl, path: readonly (string | number)[] = []): SourceRef {
  let line: number | undefined | null = null;
  const ref = {
    filename: file.path,
    get line() {
      if (line === null) line = lineOf(file, decl, path);
      return line;
    },
  };
  Object.defineProperty(ref, 'toJSON', { enumerable: false, value: () => ({ filename: file.path, line: ref.line }) });
  return ref;
}

export function lineOf(file: ConfigFile, decl: Decl, path: readonly (string | number)[]): number | undefined {
  if (decl.kind === 'resource' || decl.kind === 'data' || decl.kind === 'provider') return locate(file, decl, path);
  const lines = file.text.split('\n');
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const find = (re: RegExp, from: number) => {
    for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
    return -1;
  };
  const hcl = file.format === 'hcl';
  let at: number;
  if (decl.kind === 'variable' || decl.kind === 'output' || decl.kind === 'module') {
    at = hcl
      ? find(new RegExp(`^\\s*${decl.kind}\\s+"?${esc(decl.name)}"?\\s*\\{`), 0)
      : find(new RegExp(`"${esc(decl.name)}"\\s*:`), Math.max(0, find(new RegExp(`"${decl.kind}"\\s*:`), 0)));
  } else if (decl.kind === 'locals') {
    const start = hcl ? find(/^\s*locals\s*\{/, 0) : find(/"locals"\s*:/, 0);
    at = start < 0 ? -1 : find(hcl ? new RegExp(`^\\s*"?${esc(decl.name)}"?\\s*=`) : new RegExp(`"${esc(decl.name)}"\\s*:`), start);
    if (at < 0 && hcl) {
      // Several locals blocks: search them all.
      at = find(new RegExp(`^\\s*${esc(decl.name)}\\s*=`), 0);
    }
    return at < 0 ? undefined : at + 1;
  } else {
    at = hcl ? find(/^\s*terraform\s*\{/, 0) : find(/"terraform"\s*:/, 0);
  }
  if (at < 0) return undefined;
  for (const seg of path) {
    if (typeof seg === 'number') continue;
    const next = find(hcl ? new RegExp(`^\\s*"?${esc(seg)}"?\\s*(=|\\{)`) : new RegExp(`"${esc(seg)}"\\s*:`), at + 1);
    if (next < 0) break;
    at = next;
  }
  return at + 1;
}
