/**
 * Schema defaults, stored the same way by both front doors. An optional attribute with a
 * default holds its value in the state, the default when the configuration leaves it out:
 * `xcpform apply` writes `mtu = 1500`, and so does `terraform apply`, because the schema served
 * to Terraform marks such an attribute Optional+Computed (as terraform-plugin-framework does for
 * an attribute with a `Default`): Terraform then lets the provider plan the default instead of
 * requiring null. One state therefore plans empty in either tool.
 *
 * States written before (by an older provider, or by hand) may still hold null there. Null and
 * the default mean the same, and every reader fills the default in ({@link withDefaults}).
 */
import type { AttributeSchema, BlockSchema } from './model';
import { isObjectValue, isUnknown, ObjectValue, setsEqual, Value, valuesEqual } from '../values/value';

const isConfigurable = (a: AttributeSchema) => Boolean(a.required || a.optional);

/** An optional attribute whose unset value is a schema default. */
export function hasDefault(attr: AttributeSchema): boolean {
  return Boolean(attr.optional) && attr.default !== undefined;
}

/**
 * The `computed` flag Terraform is given: the model's own, or an optional attribute with a
 * default (the provider plans the default where the configuration is null). The model keeps
 * the two apart because the engine treats them differently: an unset computed attribute keeps
 * its prior value, an unset defaulted one goes back to its default.
 */
export function computedForTerraform(attr: AttributeSchema): boolean {
  return Boolean(attr.computed) || hasDefault(attr);
}

const isEmptyish = (v: Value) => v === null || (Array.isArray(v) && v.length === 0) || (isObjectValue(v) && Object.keys(v).length === 0);

/** Do two values of an attribute mean the same, counting null as the default / as empty? */
export function equivalent(attr: AttributeSchema, a: Value, b: Value): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  const d = attr.default === undefined ? null : (attr.default as Value);
  const na = a === null ? d : a;
  const nb = b === null ? d : b;
  if (isEmptyish(na) && isEmptyish(nb)) return true;
  if (Array.isArray(attr.type) && attr.type[0] === 'set' && Array.isArray(na) && Array.isArray(nb)) return setsEqual(na, nb);
  return valuesEqual(na, nb);
}

/**
 * The value with defaults where unset, in nested blocks too (the view every resource sees).
 * Returns `value` itself when nothing is missing (states with many instances are read this way).
 */
export function withDefaults(block: BlockSchema, value: ObjectValue): ObjectValue {
  let out: ObjectValue | undefined;
  const set = (name: string, v: Value) => { (out ??= { ...value })[name] = v; };
  for (const [name, attr] of Object.entries(block.attributes)) {
    if ((value[name] ?? null) === null && attr.default !== undefined && isConfigurable(attr)) set(name, attr.default as Value);
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const v = value[name] ?? null;
    if (v === null || isUnknown(v)) continue;
    const fill = (el: Value): Value => (isObjectValue(el) ? withDefaults(bt.block, el) : el);
    if (Array.isArray(v)) {
      const filled = v.map(fill);
      if (filled.some((el, i) => el !== v[i])) set(name, filled);
    } else {
      const filled = fill(v);
      if (filled !== v) set(name, filled);
    }
  }
  return out ?? value;
}
