/**
 * Values that cross a module boundary: an input variable of a module instance (the call's
 * argument evaluated in the calling module, converted to the declared type, defaulted, marked
 * when sensitive) and `module.NAME` (the instances' outputs: an object, a list with `count`, a
 * map with `for_each`, as Terraform gives them).
 */
import { markSensitive, MarkedValue } from '../../values/sensitive';
import { evaluate } from '../expr/evaluate';
import { EvalError } from '../expr/value-ops';
import { bindingsFor } from '../expand';
import { ModuleCall, ModuleInstance } from '../model';
import type { ConfigScope } from '../scope';
import { ConversionError, convertToType } from '../types';
import { validateVariable } from '../variables';

/** `var.NAME` inside module instance `m`, evaluated through the calling scope of `scope`. */
export function moduleVariable(scope: ConfigScope, m: ModuleInstance, name: string): MarkedValue {
  const v = m.config.variables.get(name)!;
  const input = m.call.inputs[name];
  let value: MarkedValue = null;
  if (input) {
    const r = evaluate(input.expr, scope.parent()!, bindingsFor(m.instanceKey));
    if (r.error) {
      throw new EvalError(r.error.summary, `${r.error.detail ?? ''} (in the argument "${name}" of ${m.path}, ${input.source.filename}${input.source.line ? ` line ${input.source.line}` : ''}${r.error.text ? `: ${r.error.text}` : ''})`.trim());
    }
    value = r.value;
  }
  if (value === null && v.default !== undefined && (!input || !v.nullable)) value = v.default;
  if (value !== null) {
    try {
      value = convertToType(value, v.type);
    } catch (err) {
      if (!(err instanceof ConversionError)) throw err;
      throw new EvalError('Invalid value for input variable', `The value given for variable "${name}" of ${m.path} is not suitable: ${err.message}.`);
    }
  }
  const failed = v.validations.length ? validateVariable(v, new Map([[name, value]])).find((d) => d.severity === 'error') : undefined;
  if (failed) throw new EvalError(failed.summary, `${failed.detail ?? ''} (variable "${name}" of ${m.path})`.trim());
  return v.sensitive && value !== null ? markSensitive(value) : value;
}

/** The outputs of one module instance as an object. */
function instanceOutputs(scope: ConfigScope, m: ModuleInstance): MarkedValue {
  const inner = scope.forModule(m);
  const out: Record<string, MarkedValue> = {};
  for (const o of [...m.config.outputs.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = evaluate(o.value.expr, inner);
    if (r.error) {
      throw new EvalError(r.error.summary, `${r.error.detail ?? ''} (in output "${o.name}" of ${m.path}, ${o.source.filename}${o.source.line ? ` line ${o.source.line}` : ''}${r.error.text ? `: ${r.error.text}` : ''})`.trim());
    }
    out[o.name] = o.sensitive && r.value !== null ? markSensitive(r.value) : r.value;
  }
  return out;
}

/** `module.NAME`: one object, a list of them (count) or a map by key (for_each). */
export function moduleCallValue(scope: ConfigScope, call: ModuleCall, instances: readonly ModuleInstance[]): MarkedValue {
  if (call.count) return instances.map((m) => instanceOutputs(scope, m));
  if (call.forEach) return Object.fromEntries(instances.map((m) => [m.instanceKey.kind === 'each' ? m.instanceKey.key : '', instanceOutputs(scope, m)]));
  return instances[0] ? instanceOutputs(scope, instances[0]) : null;
}
