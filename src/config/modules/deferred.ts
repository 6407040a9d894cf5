/**
 * Module calls expanded during the plan: Terraform expands a module call while it walks the
 * plan graph, once the blocks its `count` / `for_each` reads are planned (data sources read,
 * resources planned: an unchanged one keeps its prior object, computed attributes included).
 * xcpform expands modules while loading, so a call whose expansion is unknown then and that
 * reads a resource or data source (directly, through locals, through the arguments of the
 * calls around it, or through another module's outputs) waits: the plan is made without it,
 * then it is expanded with the values that plan gave (`engine/plan-modules.ts`).
 */
import { Diagnostic } from '../../diagnostics';
import { Config, DeferredModuleCall, ModuleCall, ModuleInstance, MovedStatement, RemovedStatement, ResourceBlock } from '../model';
import { exprReferences, isBlockReference } from '../references';
import { ResourceScope } from '../scope';
import { expandDeferredCalls } from './instances';

/** One module on the way from the root: its configuration and the call that made it. */
interface Frame {
  readonly config: Config;
  readonly call?: ModuleCall;
  readonly up?: Frame;
}

function frameOf(root: Config, m: ModuleInstance | undefined): Frame {
  return m ? { config: m.config, call: m.call, up: frameOf(root, m.parent) } : { config: root };
}

const depthOf = (f: Frame | undefined): number => (f ? 1 + depthOf(f.up) : 0);

/** Whether `call` (made from `parent`, absent: the root) reads a resource or data source in its count / for_each. */
export function readsResources(root: Config, call: ModuleCall, parent: ModuleInstance | undefined): boolean {
  const refs = new Set<string>();
  if (call.count) exprReferences(call.count.expr, refs);
  if (call.forEach) exprReferences(call.forEach.expr, refs);
  const seen = new Set<string>();
  const visit = (list: Iterable<string>, at: Frame): boolean => {
    for (const ref of list) {
      const key = `${depthOf(at)}|${at.config.dir}|${ref}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const [kind, name, output] = ref.split('.');
      if (kind === 'data' || isBlockReference(ref)) return true;
      if (kind === 'local') {
        const local = at.config.locals.get(name);
        if (local && visit(local.references, at)) return true;
      } else if (kind === 'var' && at.call && at.up) {
        const input = at.call.inputs[name];
        const inner = new Set<string>();
        if (input) exprReferences(input.expr, inner);
        if (visit(inner, at.up)) return true;
      } else if (kind === 'module') {
        const child = at.config.children.get(name);
        const inner = at.config.moduleCalls.get(name);
        if (!child || !inner) continue;
        const frame: Frame = { config: child, call: inner, up: at };
        for (const o of child.outputs.values()) {
          if (output !== undefined && child.outputs.has(output) && o.name !== output) continue;
          if (visit(o.references, frame)) return true;
        }
      }
    }
    return false;
  };
  return visit(refs, frameOf(root, parent));
}

/**
 * Expands the calls deferred so far with `scope`: the values the plan gave every block it
 * planned (a data source read now, or unknown when its read waits for apply; a resource as
 * planned: its prior object when unchanged, unknown computed attributes when created), so
 * count / for_each sees what Terraform sees when it expands the call. A call still unknown waits
 * for another round (its values may come from a module expanded in this one), unless `final`:
 * then it is Terraform's "Invalid count/for_each argument". `progressed` is false when no call
 * was expanded.
 */
export function expandDeferredModules(root: Config, scope: ResourceScope, final: boolean): { progressed: boolean; diagnostics: Diagnostic[] } {
  const modules = root.modules;
  if (!modules?.deferred?.length) return { progressed: false, diagnostics: [] };
  const deferred = [...modules.deferred];
  const waiting = modules.deferred as DeferredModuleCall[];
  waiting.length = 0;
  const diagnostics = expandDeferredCalls(root, deferred, scope, { all: modules.all as ModuleInstance[], resources: root.resources as Map<string, ResourceBlock>, moved: root.moved as MovedStatement[], removed: root.removed as RemovedStatement[], deferred: waiting }, !final);
  const still = (d: DeferredModuleCall) => waiting.some((w) => w.call === d.call && w.parent === d.parent);
  return { progressed: deferred.some((d) => !still(d)), diagnostics };
}

/** The managed resource types of the modules a deferred call may expand into (the refresh reads their classes). */
export function deferredResourceTypes(root: Config): string[] {
  const out = new Set<string>();
  const walk = (config: Config | undefined) => {
    if (!config) return;
    for (const b of config.resources.values()) if (b.mode === 'managed') out.add(b.type);
    for (const c of config.children.values()) walk(c);
  };
  for (const d of root.modules?.deferred ?? []) walk((d.parent?.config ?? root).children.get(d.call.name));
  return [...out].sort();
}
