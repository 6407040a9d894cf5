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
  diff(before, after, '', ops);
  return ops;
}

/** A value as the patch shows it at one level: Unknown is its text, the rest is unchanged. */
const shown = (v: Value): unknown => (isUnknown(v) ? UNKNOWN_TEXT : v);

/**
 * Whether `a` and `b` have the same JSON text once Unknown is written out, without building
 * the text: comparing `JSON.stringify` output at every level made patching 100,000 unchanged
 * instances cost ~2 s. Key order does not matter (it never produced operations either); keys
 * holding `undefined` count as absent and non-finite numbers as null, as in JSON.
 */
function sameJson(a: Value, b: Value): boolean {
  if (a === b) return true;
  const x = shown(a);
  const y = shown(b);
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return x === y || JSON.stringify(x) === JSON.stringify(y);
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i] as Value, y[i] as Value)) return false;
    return true;
  }
  const xo = x as Record<string, Value | undefined>;
  const yo = y as Record<string, Value | undefined>;
  let count = 0;
  for (const k of Object.keys(xo)) {
    if (xo[k] === undefined) continue;
    count++;
    if (yo[k] === undefined || !sameJson(xo[k]!, yo[k]!)) return false;
  }
  for (const k of Object.keys(yo)) if (yo[k] !== undefined) count--;
  return count === 0;
}

function diff(av: Value, bv: Value, path: string, ops: JsonPatchOp[]): void {
  if (sameJson(av, bv)) return;
  const a = shown(av);
  const b = shown(bv);
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects || path === '' && (a === null || b === null)) {
    ops.push({ op: 'replace', path, value: plain(bv) });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) diff(a[i] as Value, b[i] as Value, `${path}/${i}`, ops);
    for (let i = a.length - 1; i >= b.length; i--) ops.push({ op: 'remove', path: `${path}/${i}` });
    for (let i = a.length; i < b.length; i++) ops.push({ op: 'add', path: `${path}/${i}`, value: plain(b[i] as Value) });
    return;
  }
  const ao = a as Record<string, Value>;
  const bo = b as Record<string, Value>;
  for (const k of Object.keys(ao).sort()) {
    if (!(k in bo)) ops.push({ op: 'remove', path: `${path}/${escape(k)}` });
  }
  for (const k of Object.keys(bo).sort()) {
    if (!(k in ao)) ops.push({ op: 'add', path: `${path}/${escape(k)}`, value: plain(bo[k]) });
    else diff(ao[k], bo[k], `${path}/${escape(k)}`, ops);
  }
}
