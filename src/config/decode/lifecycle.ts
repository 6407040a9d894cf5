/**
 * Decodes a resource's or data source's `lifecycle` block into the model: the replacement
 * rules and the `precondition` / `postcondition` blocks. Structural problems (misspelt names,
 * missing arguments) are reported by body-check.ts, once, through validateBlock.
 */
import { error } from '../../diagnostics';
import { ValuePath } from '../../values/sensitive';
import { Decl, lazySource } from '../lines';
import { Condition, Lifecycle } from '../model';
import { attribute, bareReference, DecodeContext, objects, parsePath } from './context';

/** The conditions of one kind in a container (`lifecycle` body or output body) at `path`. */
export function decodeConditions(container: Record<string, unknown>, kind: 'precondition' | 'postcondition', ctx: DecodeContext, decl: Decl, path: readonly (string | number)[]): Condition[] {
  const out: Condition[] = [];
  (objects(container[kind] ?? []) ?? []).forEach((c, i) => {
    if (!('condition' in c) || !('error_message' in c)) return; // reported by body-check
    const at = [...path, kind, i];
    out.push({
      condition: attribute('condition', c.condition, ctx, decl, [...at, 'condition']),
      errorMessage: attribute('error_message', c.error_message, ctx, decl, [...at, 'error_message']),
      source: lazySource(ctx.file, decl, at),
    });
  });
  return out;
}

export function decodeLifecycle(value: unknown, ctx: DecodeContext, address: string, decl: Decl): Lifecycle {
  const lc = (value === undefined ? [{}] : objects(value) ?? [{}])[0] ?? {};
  const bool = (v: unknown) => v === true || v === 'true';
  let ignoreChanges: ValuePath[] | 'all' = [];
  const ic = lc.ignore_changes;
  if (ic === 'all' || bareReference(ic) === 'all') ignoreChanges = 'all';
  else if (Array.isArray(ic)) {
    for (const item of ic) {
      const text = bareReference(item);
      const path = text ? parsePath(text) : undefined;
      if (!path) {
        ctx.diagnostics.push(error('config.invalid-ignore-changes', `${address}: invalid ignore_changes entry ${JSON.stringify(item)}`, { detail: 'ignore_changes lists attribute paths of this resource, such as tags or disk[0].size, or is the keyword all.', address, source: { filename: ctx.file.path } }));
        continue;
      }
      if (path[0] === 'all' && path.length === 1) { ignoreChanges = 'all'; break; }
      ignoreChanges.push(path);
    }
  }
  const rtb = Array.isArray(lc.replace_triggered_by) ? lc.replace_triggered_by : [];
  const preconditions = decodeConditions(lc, 'precondition', ctx, decl, ['lifecycle']);
  const postconditions = decodeConditions(lc, 'postcondition', ctx, decl, ['lifecycle']);
  return {
    createBeforeDestroy: bool(lc.create_before_destroy),
    preventDestroy: bool(lc.prevent_destroy),
    ignoreChanges,
    replaceTriggeredBy: rtb.map((x) => bareReference(x)).filter((x): x is string => Boolean(x)),
    ...(preconditions.length ? { preconditions } : {}),
    ...(postconditions.length ? { postconditions } : {}),
  };
}
