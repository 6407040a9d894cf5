/**
 * Expands the tree of module calls into module instances (one per count index / for_each
 * key), and lists every resource and data block of every instance under its full address
 * (`module.app["a"].xcp_vm.web`), so the planner sees one flat set of blocks, as Terraform's
 * graph does. While loading, a call's `count` / `for_each` may use variables, locals, literals,
 * other modules' inputs and the configured attributes of resources (known-at-plan.ts); one that
 * is unknown then and reads resources or data sources waits for the plan (deferred.ts).
 */
import { Diagnostic, error } from '../../diagnostics';
import { expandBlock, instanceAddress } from '../expand';
import { Config, DeferredModuleCall, ModuleCall, ModuleInstance, MovedStatement, RemovedStatement, ResourceBlock } from '../model';
import { ConfigScope, ResourceScope } from '../scope';
import { readsResources } from './deferred';
import { configuredValues } from './known-at-plan';

export interface ExpandedModules {
  readonly all: ModuleInstance[];
  readonly roots: ModuleInstance[];
  /** The blocks of every instance, by full address. */
  readonly resources: Map<string, ResourceBlock>;
  /** The instances' `moved` / `removed` statements with full addresses. */
  readonly moved: MovedStatement[];
  readonly removed: RemovedStatement[];
  /** Calls whose count / for_each waits for data sources (expanded by {@link expandDeferredCalls}). */
  readonly deferred: DeferredModuleCall[];
}

/** Expands the module calls of the root configuration (whose `children` are loaded). */
export function expandModules(root: Config, diagnostics: Diagnostic[]): ExpandedModules {
  const out: ExpandedModules = { all: [], roots: [], resources: new Map(), moved: [], removed: [], deferred: [] };
  // count / for_each may read what is known at plan time: configured attributes (known-at-plan.ts).
  const resources = configuredValues(root, (address) => root.resources.get(address) ?? out.resources.get(address));
  for (const call of sortedCalls(root)) expandCall({ root, out, scope: resources, diagnostics, mayDefer: true }, call, undefined, out.roots);
  return out;
}

/**
 * Expands calls deferred so far with `scope` (the values the plan gave the blocks it planned).
 * The instances and their blocks join `out` (the root configuration's own collections); a call
 * still unknown is deferred again when `mayDefer`, else reported.
 */
export function expandDeferredCalls(root: Config, deferred: readonly DeferredModuleCall[], scope: ResourceScope, out: Omit<ExpandedModules, 'roots'>, mayDefer: boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const d of deferred) {
    expandCall({ root, out, scope, diagnostics, mayDefer }, d.call, d.parent, d.into);
    // Instances stay in call-name order (then key order, as expanded).
    const order = (m: ModuleInstance) => m.call.name;
    d.into.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }
  return diagnostics;
}

interface Expansion {
  readonly root: Config;
  readonly out: Omit<ExpandedModules, 'roots'>;
  readonly scope: ResourceScope;
  readonly diagnostics: Diagnostic[];
  /** Whether a call that reads data sources waits for the plan instead of failing now. */
  readonly mayDefer: boolean;
}

function sortedCalls(config: Config): ModuleCall[] {
  return [...config.moduleCalls.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Expands one call made from `parent` (absent: the root), and the calls inside its instances. */
function expandCall(x: Expansion, call: ModuleCall, parent: ModuleInstance | undefined, into: ModuleInstance[]): void {
  const config = parent ? parent.config : x.root;
  const child = config.children.get(call.name);
  if (!child) return; // not loaded: reported by the loader
  const base = `${parent ? `${parent.path}.` : ''}module.${call.name}`;
  const { keys, diagnostics: d } = expandBlock({ address: base, count: call.count, forEach: call.forEach }, new ConfigScope(config, x.scope, parent));
  if (d.length && x.mayDefer && readsResources(x.root, call, parent)) {
    x.out.deferred.push({ call, ...(parent ? { parent } : {}), into });
    return;
  }
  x.diagnostics.push(...d);
  for (const instanceKey of keys) {
    const m: ModuleInstance = { path: instanceAddress(base, instanceKey), key: parent ? `${parent.key}.${call.name}` : call.name, config: child, call, instanceKey, ...(parent ? { parent } : {}), rootConfig: x.root, children: [] };
    into.push(m);
    x.out.all.push(m);
    for (const block of child.resources.values()) {
      const address = `${m.path}.${block.address}`;
      x.out.resources.set(address, { ...block, address, module: m, providerConfig: providerFor(m, block.providerConfig, x.diagnostics) });
    }
    for (const s of child.moved) x.out.moved.push({ ...s, from: `${m.path}.${s.from}`, to: `${m.path}.${s.to}` });
    for (const s of child.removed) x.out.removed.push({ ...s, from: `${m.path}.${s.from}` });
    for (const c of sortedCalls(child)) expandCall(x, c, m, m.children);
  }
}

/**
 * The provider configuration a block inside module instance `m` uses: its own key (`xcp`,
 * `xcp.alias`) mapped through each call's `providers` up to the root; a default configuration
 * is inherited when a call does not pass it. A configuration declared in a module on the way
 * (Terraform's legacy form) is that module's: `module.own.xcp`.
 */
function providerFor(m: ModuleInstance, key: string, diagnostics: Diagnostic[]): string {
  let k = key;
  for (let at: ModuleInstance | undefined = m; at; at = at.parent) {
    // Declared in this module itself (Terraform's legacy form): that configuration, keyed by the module's path.
    if (at.config.providers.has(k)) return `${at.path}.${k}`;
    const mapped = at.call.providers[k];
    if (mapped) k = mapped;
    else if (k.includes('.')) {
      diagnostics.push(error('config.module-provider-missing', `${m.path}: provider configuration ${k} is not passed to the module`, {
        detail: `A block in the module uses the provider configuration "${k}", which the call of module "${at.call.name}" does not pass. Add it to the call's providers argument, e.g. providers = { ${k} = ${k} }.`,
        source: at.call.sourceRef,
      }));
      return k;
    }
  }
  return k;
}
