/**
 * Finds the line of an attribute in a configuration file's text, for diagnostics. The JSON that
 * hcl2json returns has no positions, so this scans the source: first the block header, then
 * each path segment in order (the n-th repetition for a block index). Best effort: when a
 * segment is not found, the line found so far is returned.
 */
import { ConfigFile } from './files';

interface BlockRef {
  readonly kind: 'resource' | 'data' | 'provider';
  readonly type: string;
  readonly name: string;
}

export function locate(file: ConfigFile, block: BlockRef, path: readonly (string | number)[]): number | undefined {
  const lines = file.text.split('\n');
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let at = -1;
  const find = (re: RegExp, from: number): number => {
    for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
    return -1;
  };
  if (file.format === 'hcl') {
    const header = block.kind === 'provider'
      ? new RegExp(`^\\s*provider\\s+"?${esc(block.type)}"?\\s*\\{`)
      : new RegExp(`^\\s*${block.kind}\\s+"${esc(block.type)}"\\s+"${esc(block.name)}"`);
    at = find(header, 0);
  } else {
    at = find(new RegExp(`"${esc(block.type)}"\\s*:`), 0);
    if (at >= 0 && block.kind !== 'provider') at = find(new RegExp(`"${esc(block.name)}"\\s*:`), at);
  }
  if (at < 0) return undefined;
  let lastKey: string | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!lastKey) continue;
      for (let n = 0; n < seg; n++) {
        const next = find(keyPattern(file, lastKey, esc), at + 1);
        if (next < 0) return at + 1;
        at = next;
      }
      continue;
    }
    const next = find(keyPattern(file, seg, esc), at + 1);
    if (next < 0) return at + 1;
    at = next;
    lastKey = seg;
  }
  return at + 1;
}

function keyPattern(file: ConfigFile, key: string, esc: (s: string) => string): RegExp {
  return file.format === 'hcl' ? new RegExp(`^\\s*"?${esc(key)}"?\\s*(=|\\{)`) : new RegExp(`"${esc(key)}"\\s*:`);
}
