/**
 * Evaluates `import` blocks into concrete (target address, id) pairs: `for_each` expanded, `id`
 * evaluated, the `to` address's key evaluated (`xcp_vm.web[each.key]`), and the target checked
 * against the configuration, as Terraform does before it imports anything.
 */
import { Diagnostic, error } from '../diagnostics';
import { deepUnmark } from '../values/sensitive';
import { containsUnknown } from '../values/value';
import { Expr } from './expr/ast';
import { Bindings, evaluate, ExprScope } from './expr/evaluate';
import { expandBlock } from './expand';
import { Config, ImportStatement, ResourceBlock, SourceRef } from './model';

/** One object to import. */
export interface ImportTarget {
  /** `xcp_vm.web`, `xcp_vm.web[0]`, `xcp_vm.web["a"]`. */
  readonly to: string;
  readonly id: string;
  readonly source: SourceRef;
}

const at = (s: SourceRef) => ({ source: { filename: s.filename, line: s.line } });

/** The target of `to`: its resource address and the key expression, if any. */
function targetParts(expr: Expr): { resource: string; key?: Expr | string | number } | undefined {
  if (expr.kind === 'scope' && expr.root === 'module') {
    // module.NAME[KEY]?(.module.NAME[KEY]?)*.TYPE.NAME[KEY]?, with literal module keys.
    let prefix = '';
    let i = 0;
    const steps = expr.steps;
    for (;;) {
      const n = steps[i++];
      if (!n || n.kind !== 'attr') return undefined;
      prefix += `module.${n.name}`;
      if (steps[i]?.kind === 'index') {
        const k = (steps[i++] as { key: string | number }).key;
        prefix += typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`;
      }
      prefix += '.';
      const next = steps[i++];
      if (!next || next.kind !== 'attr') return undefined;
      if (next.name === 'module') continue;
      if (next.name === 'data') return undefined;
      const inner = targetParts({ kind: 'scope', root: next.name, steps: steps.slice(i) });
      return inner && { ...inner, resource: prefix + inner.resource };
    }
  }
  if (expr.kind === 'scope') {
    const [n, k, ...rest] = expr.steps;
    if (!n || n.kind !== 'attr' || rest.length || expr.root === 'data' || expr.root === 'module') return undefined;
    if (k && k.kind !== 'index') return undefined;
    return { resource: `${expr.root}.${n.name}`, ...(k ? { key: k.key } : {}) };
  }
  if (expr.kind === 'index') {
    const inner = targetParts(expr.collection);
    return inner && inner.key === undefined ? { resource: inner.resource, key: expr.key } : undefined;
  }
  return undefined;
}

export function evaluateImports(config: Config, scope: ExprScope): { imports: ImportTarget[]; diagnostics: Diagnostic[] } {
  const imports: ImportTarget[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const st of config.imports) {
    let bindingsList: Bindings[] = [new Map()];
    if (st.forEach) {
      const { keys, diagnostics: d } = expandBlock({ address: 'import', forEach: st.forEach } as ResourceBlock, scope);
      diagnostics.push(...d.map((x) => ({ ...x, summary: x.summary.replace(/^import: /, ''), address: undefined })));
      bindingsList = keys.map((k) => new Map(k.kind === 'each' ? [['each', { key: k.key, value: k.value }]] : []));
    }
    for (const bindings of bindingsList) {
      const one = evaluateOne(config, st, scope, bindings, diagnostics);
      if (one) imports.push(one);
    }
  }
  return { imports, diagnostics };
}

function evaluateOne(config: Config, st: ImportStatement, scope: ExprScope, bindings: Bindings, diagnostics: Diagnostic[]): ImportTarget | undefined {
  const parts = targetParts(st.to.expr);
  if (!parts) {
    diagnostics.push(error('config.invalid-import-address', "Invalid import 'to' expression", { ...at(st.to.source), detail: 'The import target must be a managed resource address such as xcp_vm.web, xcp_vm.web[0] or xcp_vm.web[each.key].' }));
    return undefined;
  }
  const block = config.resources.get(parts.resource);
  if (!block || block.mode !== 'managed') {
    diagnostics.push(error('config.import-target-missing', 'Configuration for import target does not exist', {
      ...at(st.to.source),
      detail: `The configuration for the given import target ${parts.resource} does not exist. Add a resource "${parts.resource.split('.').slice(-2)[0]}" "${parts.resource.split('.').slice(-1)[0]}" block describing the object${parts.resource.startsWith('module.') ? ' in the module' : ''}, then plan again.`,
    }));
    return undefined;
  }
  let key: string | number | undefined;
  if (parts.key !== undefined) {
    if (typeof parts.key === 'object') {
      const r = evaluate(parts.key, scope, bindings);
      const v = r.error ? undefined : deepUnmark(r.value);
      if (typeof v !== 'string' && typeof v !== 'number') {
        diagnostics.push(error('config.invalid-import-address', "Invalid import 'to' expression", { ...at(st.to.source), detail: r.error ? r.error.summary : 'The instance key must be a known string or whole number.' }));
        return undefined;
      }
      key = v;
    } else key = parts.key;
  }
  const meta = block.count ? 'count' : block.forEach ? 'for_each' : undefined;
  const keyOk = meta === 'count' ? typeof key === 'number' : meta === 'for_each' ? typeof key === 'string' : key === undefined;
  if (!keyOk) {
    diagnostics.push(error('config.invalid-import-address', "Invalid import 'to' expression", {
      ...at(st.to.source),
      detail: meta ? `The target resource is using ${meta}.` : `The target resource ${parts.resource} uses neither count nor for_each, so its address takes no instance key.`,
    }));
    return undefined;
  }
  const r = evaluate(st.id.expr, scope, bindings);
  const id = r.error ? undefined : deepUnmark(r.value);
  if (r.error || typeof id !== 'string' || id === '' || containsUnknown(id)) {
    diagnostics.push(error('config.invalid-import-id', 'Invalid import id argument', {
      ...at(st.id.source),
      detail: r.error ? `${r.error.summary}${r.error.detail ? `: ${r.error.detail}` : ''}` : containsUnknown(id ?? null) ? 'The import ID cannot be unknown: it must be known at plan time.' : 'The import ID must be a non-empty string, written <pool>/<uuid> (or a uuid in the default pool).',
    }));
    return undefined;
  }
  const to = key === undefined ? parts.resource : typeof key === 'number' ? `${parts.resource}[${key}]` : `${parts.resource}[${JSON.stringify(key)}]`;
  return { to, id, source: st.source };
}
