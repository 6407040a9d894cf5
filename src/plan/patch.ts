/**
 * RFC 6902 JSON Patch from `before` to `after`. Unknown values are written as the string
 * "(known after apply)", the way reviewers read them. Arrays are patched element-wise from the
 * end, so applying the operations in order yields `after`.
 */
import { isObjectValue, isUnknown, Value } from '../values/value';
import type { JsonPatchOp } from './model';

const UNKNOWN_TEXT = '(known after apply)';

function plain(v: Value): unknown {
  if (isUnknown(v)) return UNKNOWN_TEXT;
  if (Array.isArray(v)) return v.map(plain);
  if (isObjectValue(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function escape(seg: string | number): string {
  return String(seg).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function jsonPatch(before: Value, after: Value): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  diff(plain(before), plain(after), '', ops);
  return ops;
}

function diff(a: unknown, b: unknown, path: string, ops: JsonPatchOp[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects || path === '' && (a === null || b === null)) {
    ops.push({ op: 'replace', path, value: b });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) diff(a[i], b[i], `${path}/${i}`, ops);
    for (let i = a.length - 1; i >= b.length; i--) ops.push({ op: 'remove', path: `${path}/${i}` });
    for (let i = a.length; i < b.length; i++) ops.push({ op: 'add', path: `${path}/${i}`, value: b[i] });
    return;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of Object.keys(ao).sort()) {
    if (!(k in bo)) ops.push({ op: 'remove', path: `${path}/${escape(k)}` });
  }
  for (const k of Object.keys(bo).sort()) {
    if (!(k in ao)) ops.push({ op: 'add', path: `${path}/${escape(k)}`, value: bo[k] });
    else diff(ao[k], bo[k], `${path}/${escape(k)}`, ops);
  }
}
