/**
 * Walks the top level of configuration documents (Terraform's JSON syntax, which `.tf` files are
 * converted to) and lists the resource, data and provider blocks with the file they came from.
 * Terraform allows an object or an array of objects at each level; both are accepted.
 */
import { Diagnostic, error } from '../diagnostics';
import { ConfigFile } from './files';

export type BlockKind = 'resource' | 'data' | 'provider';

export interface ConfigBlock {
  readonly kind: BlockKind;
  /** Resource or data source type (`xcp_vm`), or the provider name (`xcp`). */
  readonly type: string;
  /** Resource name; for providers the alias, or "" for the default configuration. */
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly file: ConfigFile;
}

/** `xcp_vm.web`, `data.xcp_sr.local`, `provider.xcp` / `provider.xcp.cloud`. */
export function blockAddress(block: Pick<ConfigBlock, 'kind' | 'type' | 'name'>): string {
  if (block.kind === 'data') return `data.${block.type}.${block.name}`;
  if (block.kind === 'provider') return block.name ? `provider.${block.type}.${block.name}` : `provider.${block.type}`;
  return `${block.type}.${block.name}`;
}

function asObjects(value: unknown): Record<string, unknown>[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  return items.every((x) => x && typeof x === 'object' && !Array.isArray(x)) ? (items as Record<string, unknown>[]) : undefined;
}

export function collectBlocks(files: readonly ConfigFile[]): { blocks: ConfigBlock[]; diagnostics: Diagnostic[] } {
  const blocks: ConfigBlock[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, ConfigFile>();
  const bad = (file: ConfigFile, what: string) =>
    diagnostics.push(error('config.malformed', `${file.path}: ${what}`, { source: { filename: file.path } }));

  for (const file of files) {
    for (const kind of ['resource', 'data'] as const) {
      if (!(kind in file.body)) continue;
      const groups = asObjects(file.body[kind]);
      if (!groups) { bad(file, `"${kind}" must be an object of types`); continue; }
      for (const group of groups) {
        for (const [type, byName] of Object.entries(group)) {
          const named = asObjects(byName);
          if (!named) { bad(file, `${kind} "${type}" must be an object of names`); continue; }
          for (const entry of named) {
            for (const [name, raw] of Object.entries(entry)) {
              const bodies = asObjects(raw);
              if (!bodies || bodies.length !== 1) { bad(file, `${blockAddress({ kind, type, name })} must be one object`); continue; }
              const block: ConfigBlock = { kind, type, name, body: bodies[0], file };
              const addr = blockAddress(block);
              const first = seen.get(addr);
              if (first) {
                diagnostics.push(error('config.duplicate-block', `${addr} is declared twice`, {
                  detail: `It is declared in ${first.path} and again in ${file.path}; each address must be unique.`,
                  address: addr,
                  source: { filename: file.path },
                }));
                continue;
              }
              seen.set(addr, file);
              blocks.push(block);
            }
          }
        }
      }
    }
    if ('provider' in file.body) {
      const groups = asObjects(file.body.provider);
      if (!groups) { bad(file, '"provider" must be an object of provider names'); continue; }
      for (const group of groups) {
        for (const [type, raw] of Object.entries(group)) {
          const bodies = asObjects(raw);
          if (!bodies) { bad(file, `provider "${type}" must be an object`); continue; }
          for (const body of bodies) {
            const alias = typeof body.alias === 'string' ? body.alias : '';
            blocks.push({ kind: 'provider', type, name: alias, body, file });
          }
        }
      }
    }
  }
  return { blocks, diagnostics };
}
