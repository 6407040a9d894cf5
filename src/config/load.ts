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
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeModuleCalls } from './modules/call';
import { expandModules } from './modules/instances';
import { checkLegacyModuleCall, checkModuleArguments } from './modules/arguments';
import { packageDir, parseModuleSource } from './modules/source';
import { Config, DeferredModuleCall, ModuleCall, ModuleInstance, ImportStatement, Local, MovedStatement, Output, RemovedStatement, ProviderConfig, RequiredProvider, ResourceBlock, SourceRef, TerraformSettings, Variable } from './model';
import { sortDiagnostics, validateBlock } from './validate';
import { resolveVariables, VariableOptions } from './variables';

export interface LoadOptions extends VariableOptions {
  /** Working folder: base of relative paths and of the paths shown in diagnostics. */
  readonly cwd?: string;
  /** Check resource, data and provider blocks against the provider schema (default true). */
  readonly schemaCheck?: boolean;
}

/** Which module a folder is loaded as (absent: the root module). */
interface ModuleContext {
  /** modules.json key: call names joined by dots. */
  readonly key: string;
  readonly depth: number;
}

/** How deep module calls may nest (a module calling itself would never end). */
const MAX_MODULE_DEPTH = 20;

export interface LoadResult {
  readonly config: Config;
  readonly diagnostics: Diagnostic[];
}

const KNOWN_TOP = new Set(['resource', 'data', 'provider', 'variable', 'locals', 'output', 'terraform', 'moved', 'import', 'removed', 'module']);
const IGNORED_TOP = new Set(['check']);

export async function loadConfig(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  return loadModule(dir, options);
}

async function loadModule(dir: string, options: LoadOptions, module?: ModuleContext): Promise<LoadResult> {
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
  const moduleCalls = new Map<string, ModuleCall>();
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
    for (const c of decodeModuleCalls(ctx, body.module)) {
      if (moduleCalls.has(c.name)) duplicate('module call', c.name, moduleCalls.get(c.name)!.sourceRef, c.sourceRef);
      else moduleCalls.set(c.name, c);
    }
    if (body.terraform !== undefined) decodeTerraform(ctx, body.terraform, tf);
    const st = decodeStatements(ctx);
    statements.moved.push(...st.moved);
    if (module && st.imports.length) {
      diagnostics.push(error('config.import-in-module', 'Invalid import configuration', { detail: `An import block was detected in "module.${module.key}". Import blocks are only allowed in the root module.`, source: st.imports[0].source }));
    } else statements.imports.push(...st.imports);
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

  // A provider block in a module (Terraform's legacy form) configures the module's blocks (modules/instances.ts);
  // a call with count, for_each or depends_on to such a module, or to one holding it, is refused below, as in Terraform.
  const children = new Map<string, Config>();
  for (const call of moduleCalls.values()) {
    const key = module ? `${module.key}.${call.name}` : call.name;
    const childDir = moduleDir(call, key, dir, cwd, diagnostics);
    if (!childDir) continue;
    if ((module?.depth ?? 0) + 1 > MAX_MODULE_DEPTH) {
      diagnostics.push(error('config.module-depth', `module.${key}: modules nested too deeply`, { detail: `Module calls nest more than ${MAX_MODULE_DEPTH} levels deep; a module probably calls itself.`, source: call.sourceRef }));
      continue;
    }
    const child = await loadModule(childDir, { ...options, schemaCheck: options.schemaCheck }, { key, depth: (module?.depth ?? 0) + 1 });
    // A provider block in a module called with count/for_each/depends_on (or in a module under it): Terraform's error.
    const legacy = checkLegacyModuleCall(call, child.config, key);
    diagnostics.push(...(legacy ? [legacy] : []), ...child.diagnostics);
    children.set(call.name, child.config);
    diagnostics.push(...checkModuleArguments(call, child.config, key));
  }

  const inputs = module ? { values: new Map(), diagnostics: [] } : await resolveVariables(variables, dir, cwd, options);
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
    moduleCalls,
    children,
    modulePath: relative(cwd, dir).split('\\').join('/') || '.',
  };
  diagnostics.push(...checkReferences(config));
  if (!module && moduleCalls.size && !diagnostics.some((d) => d.severity === 'error')) {
    // Instances are expanded only for a configuration that loaded cleanly (their count and for_each are evaluated).
    // The instances point at the final root configuration (their scopes reach the root's modules through it).
    const modules = { all: [] as ModuleInstance[], roots: [] as ModuleInstance[], deferred: [] as DeferredModuleCall[] };
    const full: Config = { ...config, modules };
    const expanded = expandModules(full, diagnostics);
    modules.all.push(...expanded.all);
    modules.roots.push(...expanded.roots);
    // Root calls expanded later join the root's own list of instances.
    modules.deferred.push(...expanded.deferred.map((d) => (d.into === expanded.roots ? { ...d, into: modules.roots } : d)));
    for (const [address, block] of expanded.resources) resources.set(address, block);
    statements.moved.push(...expanded.moved);
    statements.removed.push(...expanded.removed);
    return { config: full, diagnostics: sortDiagnostics(diagnostics) };
  }
  return { config, diagnostics: sortDiagnostics(diagnostics) };
}

/** The folder of a called module, or undefined with a diagnostic. */
function moduleDir(call: ModuleCall, key: string, dir: string, cwd: string, diagnostics: Diagnostic[]): string | undefined {
  const src = parseModuleSource(call.source);
  if (src.kind === 'invalid') {
    diagnostics.push(error('config.module-source', `module.${key}: ${src.summary}`, { detail: src.detail, source: call.sourceRef }));
    return undefined;
  }
  if (src.kind === 'local' && call.version !== undefined) {
    diagnostics.push(error('config.module-version', `module.${key}: Invalid registry module source address`, { detail: `Cannot use a version constraint with a local module: "${call.source}" is a local directory, not a module registry address.`, source: call.sourceRef }));
    return undefined;
  }
  const at = src.kind === 'local' ? join(dir, src.path) : join(packageDir(cwd, key), src.subdir ?? '');
  if (!existsSync(at)) {
    diagnostics.push(error('config.module-not-installed', `module.${key}: Module not installed`, {
      detail: src.kind === 'local'
        ? `The module folder ${relative(cwd, at) || '.'} (source "${call.source}") does not exist. Check the source path.`
        : `This module is not yet installed. Run "xcpform init" to install all modules required by this configuration.`,
      source: call.sourceRef,
    }));
    return undefined;
  }
  return at;
}

/** Every reference must name a declared variable, local, resource or data source. */
export function checkReferences(config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (refs: readonly string[], where: string, source: SourceRef, address?: string) => {
    for (const ref of refs) {
      const problem = describeMissing(config, ref);
      if (problem) out.push(error(problem.code ?? 'config.undeclared-reference', `${where}: ${problem.summary}`, { detail: problem.detail, address, source: { filename: source.filename, line: source.line } }));
    }
  };
  for (const r of config.resources.values()) {
    if (r.module) continue; // checked when its module was loaded
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
  for (const c of config.moduleCalls.values()) {
    check(c.references, `module.${c.name}`, c.sourceRef);
    check(c.dependsOn, `module.${c.name}`, c.sourceRef);
  }
  return out;
}

function describeMissing(config: Config, ref: string): { summary: string; detail: string; code?: string } | undefined {
  const [root, name] = ref.split('.');
  if (root === 'var') {
    return config.variables.has(name) ? undefined : { summary: 'Reference to undeclared input variable', detail: `An input variable with the name "${name}" has not been declared. Declare it with a variable "${name}" block.` };
  }
  if (root === 'local') {
    return config.locals.has(name) ? undefined : { summary: 'Reference to undeclared local value', detail: `A local value with the name "${name}" has not been declared.` };
  }
  if (root === 'module') {
    if (!config.moduleCalls.has(name)) return { summary: 'Reference to undeclared module', detail: `No module call named "${name}" is declared in the module. Declare it with a module "${name}" block.` };
    // `module.NAME.OUTPUT`: the called module must declare that output.
    const output = ref.split('.')[2];
    const child = config.children.get(name);
    return output !== undefined && child && !child.outputs.has(output) ? { summary: 'Unsupported attribute', detail: `This object does not have an attribute named "${output}".`, code: 'config.module-output-undeclared' } : undefined;
  }
  if (config.resources.has(ref)) return undefined;
  const kind = root === 'data' ? 'data source' : 'managed resource';
  const parts = ref.split('.');
  const [type, rname] = root === 'data' ? parts.slice(1) : parts;
  return { summary: `Reference to undeclared resource`, detail: `A ${kind} "${type}" "${rname}" has not been declared in the configuration.` };
}
