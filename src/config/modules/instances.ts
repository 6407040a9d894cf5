/**
 * Expands the tree of module calls into module instances (one per count index / for_each
 * key), and lists every resource and data block of every instance under its full address
 * (`module.app["a"].xcp_vm.web`), so the planner sees one flat set of blocks, as Terraform's
 * graph does. A call's `count` / `for_each` must be known while loading: it may use variables,
 * locals, literals, other modules' inputs and the configured attributes of resources (what
 * Terraform knows of them at plan time), not attributes computed at apply.
 */
import { Diagnostic, error } from '../../diagnostics';
import { expandBlock, instanceAddress } from '../expand';
import { Config, ModuleInstance, MovedStatement, RemovedStatement, ResourceBlock } from '../model';
import { ConfigScope } from '../scope';
import { configuredValues } from './known-at-plan';

export interface ExpandedModules {
  readonly all: ModuleInstance[];
  readonly roots: ModuleInstance[];
  /** The blocks of every instance, by full address. */
  readonly resources: Map<string, ResourceBlock>;
  /** The instances' `moved` / `removed` statements with full addresses. */
  readonly moved: MovedStatement[];
  readonly removed: RemovedStatement[];
}

/** Expands the module calls of the root configuration (whose `children` are loaded). */
export function expandModules(root: Config, diagnostics: Diagnostic[]): ExpandedModules {
  const out: ExpandedModules = { all: [], roots: [], resources: new Map(), moved: [], removed: [] };
  // count / for_each may read what is known at plan time: configured attributes (known-at-plan.ts).
  const resources = configuredValues(root, (address) => root.resources.get(address) ?? out.resources.get(address));
  const walk = (config: Config, parent: ModuleInstance | undefined, into: ModuleInstance[]) => {
    const scope = new ConfigScope(config, resources, parent);
    for (const call of [...config.moduleCalls.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = config.children.get(call.name);
      if (!child) continue; // not loaded: reported by the loader
      const base = `${parent ? `${parent.path}.` : ''}module.${call.name}`;
      const { keys, diagnostics: d } = expandBlock({ address: base, count: call.count, forEach: call.forEach }, scope);
      diagnostics.push(...d);
      for (const instanceKey of keys) {
        const m: ModuleInstance = { path: instanceAddress(base, instanceKey), key: parent ? `${parent.key}.${call.name}` : call.name, config: child, call, instanceKey, ...(parent ? { parent } : {}), rootConfig: root, children: [] };
        into.push(m);
        out.all.push(m);
        for (const block of child.resources.values()) {
          const address = `${m.path}.${block.address}`;
          out.resources.set(address, { ...block, address, module: m, providerConfig: providerFor(m, block.providerConfig, diagnostics) });
        }
        for (const s of child.moved) out.moved.push({ ...s, from: `${m.path}.${s.from}`, to: `${m.path}.${s.to}` });
        for (const s of child.removed) out.removed.push({ ...s, from: `${m.path}.${s.from}` });
        walk(child, m, m.children);
      }
    }
  };
  walk(root, undefined, out.roots);
  return out;
}

/**
 * The root provider configuration a block inside module instance `m` uses: its own key
 * (`xcp`, `xcp.alias`) mapped through each call's `providers` up to the root; a default
 * configuration is inherited when a call does not pass it.
 */
function providerFor(m: ModuleInstance, key: string, diagnostics: Diagnostic[]): string {
  let k = key;
  for (let at: ModuleInstance | undefined = m; at; at = at.parent) {
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
