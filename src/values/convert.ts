/**
 * Conversion of configured values to their schema type, with Terraform's safe conversions:
 * numeric strings to numbers, "true"/"false" to bools, numbers and bools to strings, sets
 * de-duplicated. Unknown stays unknown. Returns an error message instead of throwing.
 */
import { CtyType, describeType, isNumericString, isPrimitive } from '../schema/cty-type';
import { isObjectValue, isUnknown, setsEqual, Value } from './value';

export type Converted = { ok: true; value: Value } | { ok: false; message: string; path: (string | number)[] };

export function convertToType(type: CtyType, value: Value, path: (string | number)[] = []): Converted {
  if (value === null || isUnknown(value)) return { ok: true, value };
  const fail = (): Converted => ({ ok: false, message: `must be ${describeType(type)}`, path });
  if (isPrimitive(type)) {
    switch (type) {
      case 'dynamic':
        return { ok: true, value };
      case 'string':
        return typeof value === 'string' ? { ok: true, value }
          : typeof value === 'number' || typeof value === 'boolean' ? { ok: true, value: String(value) } : fail();
      case 'number':
        return typeof value === 'number' ? { ok: true, value }
          : typeof value === 'string' && isNumericString(value) ? { ok: true, value: Number(value) } : fail();
      case 'bool':
        return typeof value === 'boolean' ? { ok: true, value }
          : value === 'true' ? { ok: true, value: true } : value === 'false' ? { ok: true, value: false } : fail();
    }
  }
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(value)) return fail();
    const out: Value[] = [];
    for (let i = 0; i < value.length; i++) {
      const c = convertToType(inner as CtyType, value[i], [...path, i]);
      if (!c.ok) return c;
      if (kind === 'set' && out.some((x) => setsEqual([x], [c.value]))) continue;
      out.push(c.value);
    }
    return { ok: true, value: out };
  }
  if (!isObjectValue(value)) return fail();
  const out: Record<string, Value> = {};
  if (kind === 'map') {
    for (const [k, v] of Object.entries(value)) {
      const c = convertToType(inner as CtyType, v, [...path, k]);
      if (!c.ok) return c;
      out[k] = c.value;
    }
    return { ok: true, value: out };
  }
  const attrs = inner as Record<string, CtyType>;
  for (const k of Object.keys(value)) if (!(k in attrs)) return { ok: false, message: `unexpected attribute "${k}"`, path };
  for (const [k, t] of Object.entries(attrs)) {
    const c = convertToType(t, value[k] ?? null, [...path, k]);
    if (!c.ok) return c;
    out[k] = c.value;
  }
  return { ok: true, value: out };
}
