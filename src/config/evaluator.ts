/**
 * The evaluation API the planner drives in dependency order. `ConfigEvaluator` holds a loaded
 * {@link Config}; each call evaluates with the values the planner has so far (its
 * {@link ResourceScope}), so a reference to a resource not yet planned reads as unknown.
 * Every user error is a diagnostic; nothing here throws.
 *
 * The shapes match the planner's `ConfigPort` (src/plan/ports.ts) structurally, so
 * `new ConfigEvaluator(config)` can be passed where a ConfigPort is expected.
 */
import { Diagnostic, error } from '../diagnostics';
import { providerSchema } from '../provider/schemas';
import { containsSensitive, deepUnmark, MarkedValue, unmark, ValuePath } from '../values/sensitive';
import { isObjectValue, ObjectValue, Value } from '../values/value';
import { checkConditions } from './conditions';
import { evaluateImports } from './imports';
import { bindingsFor, expandBlock, instanceAddress, instanceIndex } from './expand';
import { Config, Lifecycle, ModuleInstance, ProviderConfig, ResourceBlock, ResourceMode, SourceRef } from './model';
import { ConfigScope, ResourceScope } from './scope';
import { dependencies } from './dependencies';
export { dependencies } from './dependencies';
import { expandDeferredModules } from './modules/deferred';
import { evalAttribute, shapeBody } from './shape';

/** A resource or data block as the planner orders it. */
export interface BlockInfo {
  /** `xcp_vm.web` or `data.xcp_sr.local`. */
  readonly address: string;
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  /** Resource and data addresses this block depends on: its references (also through locals
   * and its provider configuration) and depends_on. Sorted, without itself. */
  readonly references: readonly string[];
  /** `xcp` or `xcp.<alias>`. */
  readonly providerConfig: string;
  readonly lifecycle: Lifecycle;
  readonly source?: SourceRef;
}

/** One expanded instance with its configured values in the schema's shape. */
export interface InstanceConfig {
  /** `xcp_vm.web`, `xcp_vm.web[0]`, `xcp_vm.web["a"]`. */
  readonly address: string;
  /** The count index or for_each key; absent without count/for_each. */
  readonly index?: number | string;
  /** Null where unset, `Unknown` where known only after apply. */
  readonly values: ObjectValue;
  /** Paths in `values` derived from sensitive values. */
  readonly sensitivePaths: readonly ValuePath[];
  /** Same as the block's `references` (explicit depends_on included). */
  readonly dependsOn: readonly string[];
}

export interface OutputValue {
  readonly name: string;
  readonly value: Value;
  readonly sensitive: boolean;
  readonly sensitivePaths: readonly ValuePath[];
  readonly description?: string;
}

export class ConfigEvaluator {
  private blockList?: readonly BlockInfo[];
  /** Input variable values (unmarked) and whether each is sensitive. */
  readonly variables: Readonly<Record<string, { readonly value: Value; readonly sensitive: boolean }>>;

  /** Every resource and data block, in declaration order (module blocks after expansion). */
  get blocks(): readonly BlockInfo[] {
    const config = this.config;
    this.blockList ??= [...config.resources.values()].map((r) => ({
      address: r.address,
      mode: r.mode,
      type: r.type,
      name: r.name,
      references: dependencies(config, r.address),
      providerConfig: r.providerConfig,
      lifecycle: r.lifecycle,
      source: r.source,
    }));
    return this.blockList;
  }

  /** Whether module calls wait for resources and data sources to be planned (modules/deferred.ts). */
  get hasDeferredModules(): boolean {
    return !!this.config.modules?.deferred?.length;
  }

  /**
   * Expands the module calls whose count / for_each waits for planned values, read from `scope`
   * (a plan made without them). The blocks of the new instances join {@link blocks}.
   */
  expandDeferredModules(scope: ResourceScope, final: boolean): { progressed: boolean; diagnostics: Diagnostic[] } {
    const res = expandDeferredModules(this.config, scope, final);
    this.blockList = undefined;
    return res;
  }

  constructor(readonly config: Config) {
    const vars: Record<string, { value: Value; sensitive: boolean }> = {};
    for (const [name, v] of config.variableValues) vars[name] = { value: deepUnmark(v), sensitive: config.variables.get(name)?.sensitive ?? false };
    this.variables = vars;
  }

  /** `moved`, `import` and `removed` blocks for the planner. */
  get statements(): {
    moved: Config['moved'];
    removed: Config['removed'];
    expansionOf(blockAddress: string): 'none' | 'count' | 'for_each' | undefined;
    evaluateImports(scope: ResourceScope): ReturnType<typeof evaluateImports>;
  } {
    const config = this.config;
    return {
      moved: config.moved,
      removed: config.removed,
      expansionOf: (a) => { const b = config.resources.get(a); return !b ? undefined : b.count ? 'count' : b.forEach ? 'for_each' : 'none'; },
      evaluateImports: (scope) => evaluateImports(config, new ConfigScope(config, scope)),
    };
  }

  /**
   * Expands a block (count / for_each) and evaluates each instance's body; with
   * `preconditions`, also checks every instance's preconditions (the planner's pass; at apply
   * each change checks its own with {@link checkPreconditions}).
   */
  evaluateBlock(address: string, scope: ResourceScope, options: { readonly preconditions?: boolean } = {}): { instances: InstanceConfig[]; diagnostics: Diagnostic[] } {
    const block = this.config.resources.get(address);
    if (!block) return { instances: [], diagnostics: [error('config.unknown-block', `No block ${address} in the configuration`, { address })] };
    const cs = scopeFor(this.config, block, scope);
    const { keys, diagnostics } = expandBlock(block, cs);
    const dependsOn = this.blocks.find((b) => b.address === address)?.references ?? [];
    const instances = keys.map((key) => {
      const inst = instanceAddress(address, key);
      // Preconditions first, as Terraform checks them before planning the instance; unknown ones wait for apply.
      if (options.preconditions && block.lifecycle.preconditions?.length) diagnostics.push(...checkConditions(block.lifecycle.preconditions, 'resource-precondition', inst, cs, bindingsFor(key)).diagnostics);
      const marked = shapeBody(block.body, block.schema?.block, { scope: cs, address: inst, diagnostics }, bindingsFor(key));
      const { value, paths } = unmark(marked);
      const index = instanceIndex(key);
      return { address: inst, ...(index === undefined ? {} : { index }), values: isObjectValue(value) ? value : {}, sensitivePaths: paths, dependsOn };
    });
    return { instances, diagnostics };
  }

  /** Checks the preconditions of one instance (at apply, just before its change). */
  checkPreconditions(blockAddress: string, instanceAddr: string, scope: ResourceScope): { diagnostics: Diagnostic[]; deferred: boolean } {
    return this.checkInstance(blockAddress, instanceAddr, scope, 'resource-precondition');
  }

  /**
   * Checks the postconditions of one instance with `self` bound to its values (planned, or
   * applied). Conditions that depend on values not known yet are skipped (`deferred`).
   */
  checkPostconditions(blockAddress: string, instanceAddr: string, self: Value, scope: ResourceScope): { diagnostics: Diagnostic[]; deferred: boolean } {
    return this.checkInstance(blockAddress, instanceAddr, scope, 'resource-postcondition', self);
  }

  private checkInstance(blockAddress: string, instanceAddr: string, scope: ResourceScope, kind: 'resource-precondition' | 'resource-postcondition', self?: Value): { diagnostics: Diagnostic[]; deferred: boolean } {
    const block = this.config.resources.get(blockAddress);
    const conditions = kind === 'resource-precondition' ? block?.lifecycle.preconditions : block?.lifecycle.postconditions;
    if (!block || !conditions?.length) return { diagnostics: [], deferred: false };
    const cs = scopeFor(this.config, block, scope);
    const key = block.count || block.forEach ? expandBlock(block, cs).keys.find((k) => instanceAddress(blockAddress, k) === instanceAddr) : undefined;
    const bindings = new Map(key ? bindingsFor(key) : []);
    if (self !== undefined) bindings.set('self', self);
    return checkConditions(conditions, kind, instanceAddr, cs, bindings);
  }

  /** Evaluates every output, sorted by name. A sensitive value in an output not marked sensitive is an error. */
  evaluateOutputs(scope: ResourceScope): { outputs: OutputValue[]; diagnostics: Diagnostic[] } {
    const cs = new ConfigScope(this.config, scope);
    const diagnostics: Diagnostic[] = [];
    const outputs: OutputValue[] = [];
    for (const o of [...this.config.outputs.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const pre = checkConditions(o.preconditions, 'output-precondition', `output.${o.name}`, cs, new Map());
      diagnostics.push(...pre.diagnostics);
      if (pre.diagnostics.length) continue;
      const v = evalAttribute(o.value, { scope: cs, address: `output.${o.name}`, diagnostics }, new Map(), []);
      if (v === undefined) continue;
      if (!o.sensitive && containsSensitive(v)) {
        diagnostics.push(error('config.output-sensitive', `Output "${o.name}" refers to sensitive values`, {
          detail: 'To reduce the risk of accidentally exporting sensitive data, xcpform requires that any output containing sensitive data be explicitly marked as sensitive. If you do intend to export this data, add sensitive = true to the output block.',
          source: { filename: o.source.filename, line: o.source.line },
        }));
        continue;
      }
      const { value, paths } = unmark(v);
      outputs.push({ name: o.name, value, sensitive: o.sensitive, sensitivePaths: paths, description: o.description });
    }
    return { outputs, diagnostics };
  }

  private readonly aliasPools = new Map<string, string | undefined>();

  /**
   * The default pool of an aliased provider configuration (`xcp.cloud`, also reached through a
   * module's `providers`): its default_pool, else the first of its pools by name, as that
   * configuration's own provider instance chooses. Undefined for the default configuration
   * (the workspace's settings) and for an undeclared alias (reported elsewhere).
   */
  defaultPoolOf(key: string): string | undefined {
    if (!key.includes('.') || !this.providerBlock(key)) return undefined;
    if (!this.aliasPools.has(key)) {
      const { values } = this.evaluateProviderConfig(key, () => undefined);
      const pools = values.pools;
      const first = pools && typeof pools === 'object' && !Array.isArray(pools) ? Object.keys(pools).sort()[0] : undefined;
      this.aliasPools.set(key, typeof values.default_pool === 'string' ? values.default_pool : first);
    }
    return this.aliasPools.get(key);
  }

  /** Evaluates a provider configuration (`xcp` or `xcp.cloud`); an undeclared default configuration is empty. */
  evaluateProviderConfig(key: string, scope: ResourceScope): { values: ObjectValue; sensitivePaths: ValuePath[]; diagnostics: Diagnostic[] } {
    const found = this.providerBlock(key);
    const p = found?.block;
    const diagnostics: Diagnostic[] = [];
    if (!p && key.includes('.')) {
      diagnostics.push(error('config.unknown-provider', `No provider configuration ${key}`, { detail: `Declare it with a provider "${key.split('.')[0]}" block with alias = "${key.split('.')[1]}".` }));
      return { values: {}, sensitivePaths: [], diagnostics };
    }
    const schema = p ? p.schema : key === 'xcp' ? providerSchema : undefined;
    const body = p?.body ?? { attributes: {}, blocks: {}, dynamic: [] };
    const cs = found?.module ? new ConfigScope(found.module.config, scope, found.module) : new ConfigScope(this.config, scope);
    const marked = shapeBody(body, schema?.block, { scope: cs, address: `provider.${key}`, diagnostics }, new Map());
    const { value, paths } = unmark(marked);
    return { values: isObjectValue(value) ? value : {}, sensitivePaths: paths, diagnostics };
  }

  /** A provider block by key: the root's (`xcp.cloud`), or one declared in a module (`module.own.xcp`). */
  private providerBlock(key: string): { block: ProviderConfig; module?: ModuleInstance } | undefined {
    const m = /^((?:module\.[A-Za-z_][\w-]*\.)+)([A-Za-z][\w-]*(?:\.[A-Za-z_][\w-]*)?)$/.exec(key);
    if (!m) {
      const block = this.config.providers.get(key);
      return block ? { block } : undefined;
    }
    const module = this.config.modules?.all.find((i) => i.path === m[1].slice(0, -1));
    const block = module?.config.providers.get(m[2]);
    return module && block ? { block, module } : undefined;
  }

  /** Evaluates a local value on its own (for `xcpform console`-like uses and tests). */
  evaluateLocal(name: string, scope: ResourceScope): { value: MarkedValue; diagnostics: Diagnostic[] } {
    const local = this.config.locals.get(name);
    if (!local) return { value: null, diagnostics: [error('config.unknown-local', `No local value "${name}"`)] };
    const diagnostics: Diagnostic[] = [];
    const v = evalAttribute(local.value, { scope: new ConfigScope(this.config, scope), address: `local.${name}`, diagnostics }, new Map(), []);
    return { value: v ?? null, diagnostics };
  }
}


/** The scope a block's expressions are evaluated in: its module instance's, or the root's. */
function scopeFor(config: Config, block: ResourceBlock, scope: ResourceScope): ConfigScope {
  return block.module ? new ConfigScope(block.module.config, scope, block.module) : new ConfigScope(config, scope);
}
