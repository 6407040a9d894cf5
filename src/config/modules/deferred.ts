/**
 * Module calls expanded during the plan: Terraform expands a module call while it walks the
 * plan graph, after the data sources its `count` / `for_each` reads have been read. xcpform
 * expands modules while loading, when no data source has been read yet, so a call whose
 * expansion is unknown then and that reads a data source (directly, through locals, through
 * the arguments of the calls around it, or through another module's outputs) waits: the plan
 * reads those data sources and expands it (`ConfigEvaluator.expandDeferredModules`).
 */
import { Diagnostic } from '../../diagnostics';
import { MarkedValue } from '../../values/sensitive';
import { containsUnknown, UNKNOWN, Value } from '../../values/value';
import type { InstanceConfig } from '../evaluator';
import { expansionValue } from '../expand';
import { Config, DeferredModuleCall, ModuleCall, ModuleInstance, MovedStatement, RemovedStatement, ResourceBlock } from '../model';
import { exprReferences } from '../references';
import { ResourceScope } from '../scope';
import { expandDeferredCalls } from './instances';
import { configuredValues } from './known-at-plan';

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

/** Whether `call` (made from `parent`, absent: the root) reads a data source in its count / for_each. */
export function readsDataSources(root: Config, call: ModuleCall, parent: ModuleInstance | undefined): boolean {
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
      if (kind === 'data') return true;
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

/** What the plan hands over to read a data source instance now: its result, or undefined when unknown. */
export type DataReader = (block: ResourceBlock, instance: InstanceConfig) => Value | undefined;

/** The evaluator's pieces the expansion uses (passed in: the evaluator imports this file). */
export interface DeferredContext {
  readonly evaluateBlock: (address: string, scope: ResourceScope) => { instances: InstanceConfig[]; diagnostics: Diagnostic[] };
  readonly dependencies: (address: string) => readonly string[];
}

/**
 * Expands the calls deferred at load: their count / for_each is evaluated with the data sources
 * read now through `read`, the managed resources as known at plan (known-at-plan.ts). A data
 * source that depends on a managed resource reads as unknown, as Terraform defers such a read
 * when the resource has changes pending. The instances and blocks join the root configuration.
 */
export function expandDeferredModules(root: Config, ctx: DeferredContext, read: DataReader): Diagnostic[] {
  const modules = root.modules;
  if (!modules?.deferred?.length) return [];
  const resources = root.resources as Map<string, ResourceBlock>;
  const configured = configuredValues(root, (address) => resources.get(address));
  const memo = new Map<string, MarkedValue>();
  const visiting = new Set<string>();
  const readBlock = (block: ResourceBlock): MarkedValue => {
    if (ctx.dependencies(block.address).some((a) => resources.get(a)?.mode === 'managed')) return UNKNOWN;
    const { instances, diagnostics } = ctx.evaluateBlock(block.address, scope);
    if (diagnostics.some((d) => d.severity === 'error')) return UNKNOWN;
    return expansionValue(block, instances.map((inst) => ({ index: inst.index, value: containsUnknown(inst.values) ? UNKNOWN : read(block, inst) ?? UNKNOWN })));
  };
  const scope: ResourceScope = (address) => {
    const block = resources.get(address);
    if (!block || block.mode !== 'data') return configured(address);
    if (!memo.has(address)) {
      if (visiting.has(address)) return undefined;
      visiting.add(address);
      try {
        memo.set(address, readBlock(block));
      } finally {
        visiting.delete(address);
      }
    }
    return memo.get(address);
  };
  const deferred = [...modules.deferred];
  (modules.deferred as DeferredModuleCall[]).length = 0;
  return expandDeferredCalls(root, deferred, scope, { all: modules.all as ModuleInstance[], resources, moved: root.moved as MovedStatement[], removed: root.removed as RemovedStatement[] });
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
