/**
 * What a block depends on, for the planner's order and the state: see {@link dependencies}.
 */
import { Config, ModuleInstance } from './model';
import { exprReferences, isBlockReference } from './references';

/**
 * Resource and data addresses (full, with module paths) a block depends on: its references,
 * those of the locals it uses (transitively), of the module inputs it reads (`var.x` inside a
 * module: the call's argument in the calling module), of the module outputs it reads
 * (`module.m`), of its provider configuration, its depends_on, and the depends_on and
 * count/for_each of the module calls around it. Undeclared ones are left out (the loader
 * reports them).
 */
export function dependencies(config: Config, address: string): string[] {
  const block = config.resources.get(address);
  if (!block) return [];
  const out = new Set<string>();
  const seen = new Set<string>();
  const instancesOf = (m: ModuleInstance | undefined, name: string) => (m ? m.children : config.modules?.roots ?? []).filter((c) => c.call.name === name);
  const everything = (m: ModuleInstance) => {
    for (const b of m.config.resources.values()) out.add(`${m.path}.${b.address}`);
    m.children.forEach(everything);
  };
  const visit = (refs: readonly string[], m: ModuleInstance | undefined, explicit = false) => {
    const cfg = m ? m.config : config;
    const prefix = m ? `${m.path}.` : '';
    for (const ref of refs) {
      const key = `${prefix}|${ref}|${explicit}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (ref.startsWith('local.')) {
        const local = cfg.locals.get(ref.slice(6));
        if (local) visit(local.references, m);
      } else if (ref.startsWith('var.')) {
        const input = m?.call.inputs[ref.slice(4)];
        if (input && m) visit(inputReferences(m, ref.slice(4)), m.parent);
      } else if (ref.startsWith('module.')) {
        // `module.M.OUT` depends on that output only; `module.M` (the whole object) on all of them.
        const [, call, output] = ref.split('.');
        for (const child of instancesOf(m, call)) {
          if (explicit) everything(child);
          else {
            for (const o of child.config.outputs.values()) {
              if (output !== undefined && child.config.outputs.has(output) && o.name !== output) continue;
              visit(o.references, child);
              visit(o.dependsOn, child, true);
            }
          }
        }
      } else if (isBlockReference(ref) && cfg.resources.has(ref)) out.add(prefix + ref);
    }
  };
  visit(block.references, block.module);
  visit(block.dependsOn, block.module, true);
  for (let m = block.module; m; m = m.parent) {
    visit(m.call.dependsOn, m.parent, true);
    visit(callExpansionReferences(m), m.parent);
  }
  const provider = config.providers.get(block.providerConfig);
  if (provider) visit(provider.references, undefined);
  out.delete(address);
  return [...out].sort();
}

/** References of one argument of a module call. */
function inputReferences(m: ModuleInstance, name: string): string[] {
  const refs = new Set<string>();
  exprReferences(m.call.inputs[name].expr, refs);
  return [...refs];
}

/** References of a module call's count / for_each. */
function callExpansionReferences(m: ModuleInstance): string[] {
  const refs = new Set<string>();
  if (m.call.count) exprReferences(m.call.count.expr, refs);
  if (m.call.forEach) exprReferences(m.call.forEach.expr, refs);
  return [...refs];
}
