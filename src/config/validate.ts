/**
 * `xcpform validate`: loads a configuration folder and checks every resource, data and provider
 * block against the provider schema. Pure apart from reading the folder.
 */
import { Diagnostic, error, warning } from '../diagnostics';
import { dataSourceSchema, providerSchema, resourceSchema, RESOURCE_SCHEMAS, DATA_SOURCE_SCHEMAS } from '../provider/schemas';
import { ResourceSchema } from '../schema/model';
import { blockAddress, collectBlocks, ConfigBlock } from './blocks';
import { checkStatements } from './decode/statements';
import { loadConfigFiles } from './files';
import { checkLifecycle } from './body-check';
import { locate } from './locate';
import { SchemaChecker, suggest } from './schema-check';

export interface ValidateResult {
  readonly diagnostics: Diagnostic[];
  readonly blocks: number;
  readonly files: number;
}

const checker = new SchemaChecker();

export async function validateConfigDir(dir: string, cwd = process.cwd()): Promise<ValidateResult> {
  const loaded = await loadConfigFiles(dir, cwd);
  const { blocks, diagnostics } = collectBlocks(loaded.files);
  const all = [...loaded.diagnostics, ...diagnostics, ...checkStatements(loaded.files)];
  const aliases = new Set(blocks.filter((b) => b.kind === 'provider' && b.type === 'xcp').map((b) => b.name));
  for (const block of blocks) all.push(...validateBlock(block, aliases));
  if (loaded.files.some((f) => f.body.module !== undefined)) all.push(...await moduleDiagnostics(dir, cwd, loaded.files.map((f) => f.path)));
  return { diagnostics: sortDiagnostics(all), blocks: blocks.length, files: loaded.files.length };
}

/**
 * The module tree's problems: sources, arguments, and the called modules' own blocks (the
 * root's are checked above). Loaded with the full loader, which reads the called modules.
 */
async function moduleDiagnostics(dir: string, cwd: string, rootFiles: readonly string[]): Promise<Diagnostic[]> {
  const { loadConfig } = await import('./load');
  const { diagnostics } = await loadConfig(dir, { cwd, env: {} });
  const root = new Set(rootFiles);
  return diagnostics.filter((d) => d.code.startsWith('config.module') || (d.source?.filename !== undefined && !root.has(d.source.filename)));
}

export function validateBlock(block: ConfigBlock, xcpAliases: ReadonlySet<string>): Diagnostic[] {
  const address = blockAddress(block);
  const at = { address, source: { filename: block.file.path, line: locate(block.file, block, []) } };
  const provider = block.kind === 'provider' ? block.type : block.type.split('_')[0];
  // lifecycle is Terraform's, not the provider's: checked for every resource and data block.
  const meta = block.kind === 'provider' ? [] : checkLifecycle(block.body, block.kind === 'data' ? 'data' : 'managed', { filename: block.file.path, address, line: (p) => locate(block.file, block, p) });
  if (provider !== 'xcp') {
    return [...meta, warning('config.other-provider', `${address}: not checked: provider "${provider}" is not xcpform's`, {
      ...at,
      detail: 'xcpform validates blocks of the xcp provider only; other providers\' blocks are left to their own tools.',
    })];
  }
  let schema: ResourceSchema | undefined;
  if (block.kind === 'provider') schema = providerSchema;
  else schema = block.kind === 'resource' ? resourceSchema(block.type) : dataSourceSchema(block.type);
  if (!schema) {
    const known = (block.kind === 'resource' ? RESOURCE_SCHEMAS : DATA_SOURCE_SCHEMAS).map((s) => s.typeName);
    const hint = suggest(block.type, known);
    return [...meta, error('config.unknown-type', `${address}: the xcp provider has no ${block.kind === 'data' ? 'data source' : 'resource type'} "${block.type}"`, {
      ...at,
      detail: hint ? `Did you mean "${hint}"?` : `Known types: ${known.join(', ')}.`,
    })];
  }
  const diags = [...meta, ...checker.check(block, schema)];
  const ref = block.body.provider;
  if (block.kind !== 'provider' && typeof ref === 'string' && !ref.includes('${')) {
    const alias = ref.split('.')[1] ?? '';
    if (ref.split('.')[0] !== 'xcp' || !xcpAliases.has(alias) && alias !== '') {
      diags.push(error('config.unknown-provider', `${address}: attribute "provider": no provider configuration "${ref}"`, {
        ...at,
        detail: 'Declare it with a provider "xcp" block with that alias, or remove the provider argument.',
      }));
    }
  }
  return diags;
}

/** Errors in file order, then line order, so output is stable and reads top to bottom. */
export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  return diags
    .map((d, i) => ({ d, i }))
    .sort((a, b) =>
      (a.d.source?.filename ?? '').localeCompare(b.d.source?.filename ?? '') ||
      (a.d.source?.line ?? 0) - (b.d.source?.line ?? 0) ||
      a.i - b.i)
    .map(({ d }) => d);
}
