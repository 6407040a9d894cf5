/**
 * Custom conditions: `precondition` / `postcondition` blocks of resources and data sources and
 * `precondition` blocks of outputs. A condition whose value is not known yet is not checked
 * (the caller checks it again once it is: at apply, before the change for preconditions,
 * after it for postconditions); a known false fails with the block's `error_message`.
 */
import { Diagnostic, error } from '../diagnostics';
import { containsSensitive, deepUnmark } from '../values/sensitive';
import { containsUnknown } from '../values/value';
import { Bindings, evaluate, ExprScope } from './expr/evaluate';
import { Condition } from './model';

export type ConditionKind = 'resource-precondition' | 'resource-postcondition' | 'output-precondition';

/** Terraform's summaries. */
const SUMMARY: Record<ConditionKind, string> = {
  'resource-precondition': 'Resource precondition failed',
  'resource-postcondition': 'Resource postcondition failed',
  'output-precondition': 'Module output value precondition failed',
};

export interface ConditionResult {
  readonly diagnostics: Diagnostic[];
  /** Some condition could not be decided yet (unknown values). */
  readonly deferred: boolean;
}

/** Checks every condition; `address` is the instance (or `output.NAME`) checked. */
export function checkConditions(conditions: readonly Condition[] | undefined, kind: ConditionKind, address: string, scope: ExprScope, bindings: Bindings): ConditionResult {
  const diagnostics: Diagnostic[] = [];
  let deferred = false;
  for (const c of conditions ?? []) {
    const at = { address, source: { filename: c.condition.source.filename, line: c.condition.source.line } };
    const r = evaluate(c.condition.expr, scope, bindings);
    if (r.error) {
      diagnostics.push(error('config.condition-error', `${address}: ${r.error.summary}`, { ...at, detail: `${r.error.detail ?? ''}${r.error.text ? `\n\nIn the condition: ${r.error.text}` : ''}`.trim() }));
      continue;
    }
    const v = deepUnmark(r.value);
    if (containsUnknown(v)) { deferred = true; continue; }
    const ok = v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
    if (ok === undefined) {
      diagnostics.push(error('config.invalid-condition-result', 'Invalid condition result', {
        ...at,
        detail: v === null ? 'Condition expression must return either true or false, not null.' : `Invalid condition result value: a bool is required, not ${typeof v}.`,
      }));
      continue;
    }
    if (ok) continue;
    diagnostics.push(error(`config.${kind}-failed`, SUMMARY[kind], { ...at, detail: `${message(c, scope, bindings)}\n\n(checked for ${address})` }));
  }
  return { diagnostics, deferred };
}

/** The evaluated error_message; a message that cannot be evaluated says so instead of hiding the failure. */
function message(c: Condition, scope: ExprScope, bindings: Bindings): string {
  const r = evaluate(c.errorMessage.expr, scope, bindings);
  if (r.error) return `(the error_message could not be evaluated: ${r.error.summary})`;
  if (containsSensitive(r.value)) return 'The error message included a sensitive value, so it will not be displayed.';
  const v = deepUnmark(r.value);
  if (typeof v === 'string') return v;
  return containsUnknown(v) ? '(the error_message is not known yet)' : String(v);
}
