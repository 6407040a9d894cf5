/**
 * Value trees of the plan JSON (tfplugin.md section 5(a)): `after` without unknowns,
 * `after_unknown` and `*_sensitive` as Terraform's `unknownAsBool` / `SensitiveAsBool` build
 * them (objects omit `false` leaves, lists keep one entry per element, empty collections stay).
 */
import type { AttrPath } from '../../plan/paths';
import { isObjectValue, isUnknown, Value } from '../../values/value';
import { redact, SensitivityIndex } from '../sensitivity';

/** JSON as written: values without `Unknown`. */
export type Json = null | string | number | boolean | Json[] | { [key: string]: Json };

/** Drops unknown object attributes and writes unknown list elements as null. */
export function omitUnknowns(v: Value): Json {
  if (isUnknown(v)) return null;
  if (Array.isArray(v)) return v.map(omitUnknowns);
  if (isObjectValue(v)) {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v)) if (!isUnknown(v[k])) out[k] = omitUnknowns(v[k]);
    return out;
  }
  return v as Json; // a BigNum writes itself through its toJSON
}

/** `true` at unknown leaves; known leaves omitted from objects. */
export function unknownAsBool(v: Value): Json {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.map(unknownAsBool);
  if (isObjectValue(v)) {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v)) {
      const b = unknownAsBool(v[k]);
      if (b !== false) out[k] = b;
    }
    return out;
  }
  return false;
}

/** `true` at sensitive values; `false` for a null or primitive value that is not sensitive. */
export function sensitiveAsBool(v: Value, index: SensitivityIndex, path: AttrPath = []): Json {
  if (index.isSensitive(path)) return true;
  if (v === null || isUnknown(v)) return false;
  if (Array.isArray(v)) return v.map((x, i) => sensitiveAsBool(x, index, [...path, i]));
  if (isObjectValue(v)) {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v)) {
      const b = sensitiveAsBool(v[k], index, [...path, k]);
      if (b !== false) out[k] = b;
    }
    return out;
  }
  return false;
}

/** A value as written in `before`/`after`/`values`: secrets nulled, unknowns dropped. */
export function publicValue(v: Value, index: SensitivityIndex): Json {
  return omitUnknowns(redact(v, index));
}
