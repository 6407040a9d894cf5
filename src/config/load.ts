/**
 * `loadConfig`: reads a folder into a {@link Config}: parses every file, every expression (in
 * parallel, before anything else, so the rest is synchronous), decodes declarations and
 * blocks, checks blocks against the provider schema, checks that every reference names
 * something declared, and resolves the input variables. All problems are diagnostics.
 */
import { Diagnostic, error, warning } from '../diagnostics';
import { blockAddress, collectBlocks } from './blocks';
import { collectTemplates, DecodeContext, parseAll } from './decode/context';
import { decodeLocals, decodeOutputs, decodeTerraform, decodeVariables } from './decode/declarations';
import { decodeProvider, decodeResource } from './decode/resources';
import { checkStatements, decodeStatements, jsonImportTargets } from './decode/statements';
import { ConfigFile, loadConfigFiles } from './files';
import { Config, ImportStatement, Local, MovedStatement, Output, RemovedStatement, ProviderConfig, RequiredProvider, ResourceBlock, SourceRef, TerraformSettings, Variable } from './model';
import { sortDiagnostics, validateBlock } from './validate';
import { resolveVariables, VariableOptions } from './variables';

export interface LoadOptions extends VariableOptions {
  /** Working folder: base of relative paths and of the paths shown in diagnostics. */
  readonly cwd?: string;
  /** Check resource, data and provider blocks against the provider schema (default true). */
  readonly schemaCheck?: boolean;
}

export interface LoadResult {
  readonly config: Config;
  readonly diagnostics: Diagnostic[];
}

const KNOWN_TOP = new Set(['resource', 'data', 'provider', 'variable', 'locals', 'output', 'terraform', 'moved', 'import', 'removed']);
const IGNORED_TOP = new Set(['module', 'check']);

export async function loadConfig(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadConfigFiles(dir, cwd);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const { blocks, diagnostics: blockDiags } = collectBlocks(loaded.files);
  diagnostics.push(...blockDiags);

  const strings = new Set<string>();
  for (const f of loaded.files) collectTemplates(f.body, strings);
  for (const s of jsonImportTargets(loaded.files)) strings.add(s);
  const templates = await parseAll(strings);
  const contexts = new Map<ConfigFile, DecodeContext>(loaded.files.map((file) => [file, { file, templates, diagnostics }]));

  const variables = new Map<string, Variable>();
  const locals = new Map<string, Local>();
  const outputs = new Map<string, Output>();
  const tf: { requiredProviders: Record<string, RequiredProvider>; requiredVersion?: string; backend?: TerraformSettings['backend'] } = { requiredProviders: {} };
  const statements = { moved: [] as MovedStatement[], imports: [] as ImportStatement[], removed: [] as RemovedStatement[] };
  diagnostics.push(...checkStatements(loaded.files));
  const duplicate = (kind: string, name: string, first: SourceRef, again: SourceRef) =>
    diagnostics.push(error(`config.duplicate-${kind}`, `Duplicate ${kind} "${name}"`, { detail: `A ${kind} named "${name}" was already declared in ${first.filename}${first.line ? ` line ${first.line}` : ''}. Names must be unique within a configuration.`, source: again }));

  for (const file of loaded.files) {
    const ctx = contexts.get(file)!;
    const body = file.body;
    for (const v of await decodeVariables(ctx, body.variable)) {
      if (variables.has(v.name)) duplicate('variable', v.name, variables.get(v.name)!.source, v.source);
      else variables.set(v.name, v);
    }
    for (const l of decodeLocals(ctx, body.locals)) {
      if (locals.has(l.name)) duplicate('local value', l.name, locals.get(l.name)!.value.source, l.value.source);
      else locals.set(l.name, l);
    }
    for (const o of decodeOutputs(ctx, body.output)) {
      if (outputs.has(o.name)) duplicate('output', o.name, outputs.get(o.name)!.source, o.source);
      else outputs.set(o.name, o);
    }
    if (body.terraform !== undefined) decodeTerraform(ctx, body.terraform, tf);
    const st = decodeStatements(ctx);
    statements.moved.push(...st.moved);
    statements.imports.push(...st.imports);
    statements.removed.push(...st.removed);
    for (const key of Object.keys(body)) {
      if (KNOWN_TOP.has(key)) continue;
      const d = IGNORED_TOP.has(key)
        ? warning('config.unsupported-block', `${file.path}: "${key}" blocks are not supported by xcpform and are ignored`, { source: { filename: file.path } })
        : error('config.unknown-block', `${file.path}: unsupported block type "${key}"`, { detail: 'Blocks of this type are not expected here.', source: { filename: file.path } });
      diagnostics.push(d);
    }
  }

  const resources = new Map<string, ResourceBlock>();
  const providers = new Map<string, ProviderConfig>();
  const schemaCheck = options.schemaCheck ?? true;
  const xcpAliases = new Set(blocks.filter((b) => b.kind === 'provider' && b.type === 'xcp').map((b) => b.name));
  for (const block of blocks) {
    const ctx = contexts.get(block.file)!;
    if (schemaCheck) diagnostics.push(...validateBlock(block, xcpAliases).filter((d) => d.code !== 'config.other-provider'));
    if (block.kind === 'provider') {
      const p = decodeProvider(block, ctx);
      if (providers.has(p.key)) {
        diagnostics.push(error('config.duplicate-provider', `Duplicate provider configuration ${p.key}`, { detail: `A provider configuration for "${p.type}"${p.alias ? ` with alias "${p.alias}"` : ''} was already given. Give each additional configuration a unique alias.`, source: p.source }));
      } else providers.set(p.key, p);
    } else {
      resources.set(blockAddress(block), decodeResource(block, ctx));
    }
  }

  const inputs = await resolveVariables(variables, dir, cwd, options);
  diagnostics.push(...inputs.diagnostics);
  const config: Config = {
    dir,
    cwd,
    files: loaded.files,
    variables,
    locals,
    outputs,
    providers,
    resources,
    ...statements,
    terraform: { requiredProviders: tf.requiredProviders, requiredVersion: tf.requiredVersion, backend: tf.backend },
    variableValues: inputs.values,
  };
  diagnostics.push(...checkReferences(config));
  return { config, diagnostics: sortDiagnostics(diagnostics) };
}

/** Every reference must name a declared variable, local, resource or data source. */
export function checkReferences(config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (refs: readonly string[], where: string, source: SourceRef, address?: string) => {
    for (const ref of refs) {
      const problem = describeMissing(config, ref);
      if (problem) out.push(error('config.undeclared-reference', `${where}: ${problem.summary}`, { detail: problem.detail, address, source: { filename: source.filename, line: source.line } }));
    }
  };
  for (const r of config.resources.values()) {
    check(r.references, r.address, r.source, r.address);
    if (r.references.includes(r.address)) {
      out.push(error('config.self-reference', `${r.address}: self-referential block`, { detail: 'Configuration for a resource may not refer to the resource itself; use a local value or split the value out.', address: r.address, source: { filename: r.source.filename, line: r.source.line } }));
    }
    check(r.dependsOn, r.address, r.source, r.address);
  }
  for (const l of config.locals.values()) check(l.references, `local.${l.name}`, l.value.source);
  for (const o of config.outputs.values()) {
    check(o.references, `output.${o.name}`, o.source);
    check(o.dependsOn, `output.${o.name}`, o.source);
  }
  for (const p of config.providers.values()) check(p.references, `provider.${p.key}`, p.source);
  return out;
}

function describeMissing(config: Config, ref: string): { summary: string; detail: string } | undefined {
  const [root, name] = ref.split('.');
  if (root === 'var') {
    return config.variables.has(name) ? undefined : { summary: 'Reference to undeclared input variable', detail: `An input variable with the name "${name}" has not been declared. Declare it with a variable "${name}" block.` };
  }
  if (root === 'local') {
    return config.locals.has(name) ? undefined : { summary: 'Reference to undeclared local value', detail: `A local value with the name "${name}" has not been declared.` };
  }
  if (root === 'module') return { summary: 'Modules are not supported', detail: `xcpform reads a single root module; "${ref}" cannot be resolved.` };
  if (config.resources.has(ref)) return undefined;
  const kind = root === 'data' ? 'data source' : 'managed resource';
  const parts = ref.split('.');
  const [type, rname] = root === 'data' ? parts.slice(1) : parts;
  return { summary: `Reference to undeclared resource`, detail: `A ${kind} "${type}" "${rname}" has not been declared in the configuration.` };
}
