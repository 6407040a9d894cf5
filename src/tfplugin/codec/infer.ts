/**
 * The type of a value whose schema type is `dynamic`. The Value model does not remember a
 * dynamic value's cty type, so it is inferred from the data: arrays become tuples and objects
 * become objects (never lists or maps), the most exact types cty has for them. A decimal
 * string therefore comes back as a string: dynamic attributes keep their data, not their type.
 */
import { BigNum } from '../../values/bignum';
import { isUnknown, Value } from '../../values/value';
import type { WireType } from './types';

export function inferType(value: Value): WireType {
  if (value === null || isUnknown(value)) return 'dynamic';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number' || value instanceof BigNum) return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return ['tuple', value.map(inferType)];
  const obj = value as Record<string, Value>;
  const attrs: Record<string, WireType> = {};
  for (const k of Object.keys(obj).sort()) attrs[k] = inferType(obj[k]);
  return ['object', attrs];
}
