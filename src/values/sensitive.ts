/**
 * Sensitive marks. Configuration evaluation carries "this value came from something sensitive"
 * (a variable declared `sensitive = true`, a sensitive resource attribute) through every
 * operator and function, so the plan can print `(sensitive value)` instead of the value.
 *
 * The design: inside the evaluator a value may be wrapped in a {@link Sensitive} box anywhere in
 * the tree ({@link MarkedValue}). An operator or function whose operand carries a mark returns a
 * marked result (the whole result: the conservative choice Terraform makes for most functions);
 * indexing into an unmarked collection keeps only the element's own marks. At the boundary to
 * the planner, {@link unmark} removes every box and returns the plain {@link Value} with the
 * list of paths that were marked, the same shape as `after_sensitive` in plan JSON.
 */
import { isObjectValue, isUnknown, Value } from './value';

/** A value that must not be shown. Never nested directly inside another `Sensitive`. */
export class Sensitive {
  constructor(readonly value: MarkedValue) {}
  toJSON(): string {
    return '(sensitive value)';
  }
}

/** A value tree that may hold {@link Sensitive} boxes at any depth. */
export type MarkedValue =
  | Exclude<Value, Value[] | { [key: string]: Value }>
  | Sensitive
  | MarkedValue[]
  | { [key: string]: MarkedValue };

/** A path into a value: object keys and list indexes. */
export type ValuePath = readonly (string | number)[];

export function isSensitive(value: unknown): value is Sensitive {
  return value instanceof Sensitive;
}

/** Wraps a value as sensitive (idempotent: a sensitive value is not wrapped twice). */
export function markSensitive(value: MarkedValue): Sensitive {
  return value instanceof Sensitive ? value : new Sensitive(value);
}

/** Removes the top-level box only; returns the inner value and whether there was a box. */
export function unwrapTop(value: MarkedValue): { value: MarkedValue; marked: boolean } {
  return value instanceof Sensitive ? { value: value.value, marked: true } : { value, marked: false };
}

/** True when the value or anything inside it is marked sensitive. */
export function containsSensitive(value: MarkedValue): boolean {
  if (value instanceof Sensitive) return true;
  if (Array.isArray(value)) return value.some(containsSensitive);
  if (isMarkedObject(value)) return Object.values(value).some(containsSensitive);
  return false;
}

export function isMarkedObject(value: unknown): value is { [key: string]: MarkedValue } {
  return isObjectValue(value) && !(value instanceof Sensitive);
}

/** Removes every mark, returning the plain value and the sorted paths that were marked. */
export function unmark(value: MarkedValue): { value: Value; paths: ValuePath[] } {
  // Most values carry no mark: nothing to remove, so nothing to copy (values are never mutated).
  if (!containsSensitive(value)) return { value: value as Value, paths: [] };
  const paths: ValuePath[] = [];
  const walk = (v: MarkedValue, path: (string | number)[]): Value => {
    if (v instanceof Sensitive) {
      paths.push([...path]);
      return deepUnmark(v.value);
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (isMarkedObject(v)) {
      const out: { [key: string]: Value } = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, [...path, k]);
      return out;
    }
    return v;
  };
  return { value: walk(value, []), paths };
}

/** Removes every mark without recording where they were. */
export function deepUnmark(value: MarkedValue): Value {
  if (value instanceof Sensitive) return deepUnmark(value.value);
  if (Array.isArray(value)) return value.map(deepUnmark);
  if (isMarkedObject(value)) {
    const out: { [key: string]: Value } = {};
    for (const [k, x] of Object.entries(value)) out[k] = deepUnmark(x);
    return out;
  }
  return value;
}

/** Puts marks back at the given paths (the inverse of {@link unmark}). Missing paths are ignored. */
export function remark(value: Value, paths: readonly ValuePath[]): MarkedValue {
  let out: MarkedValue = value;
  for (const path of paths) out = markAt(out, path, 0);
  return out;
}

function markAt(value: MarkedValue, path: ValuePath, i: number): MarkedValue {
  if (i === path.length) return markSensitive(value);
  if (value instanceof Sensitive || isUnknown(value)) return value;
  const seg = path[i];
  if (Array.isArray(value) && typeof seg === 'number' && seg < value.length) {
    return value.map((x, j) => (j === seg ? markAt(x, path, i + 1) : x));
  }
  if (isMarkedObject(value) && typeof seg === 'string' && seg in value) {
    return { ...value, [seg]: markAt(value[seg], path, i + 1) };
  }
  return value;
}

/**
 * The `after_sensitive` form of plan JSON for a value with the given marked paths: `true` where
 * marked, nested objects/arrays where something inside is marked, `false` for unmarked leaves.
 */
export function sensitivityTree(value: Value, paths: readonly ValuePath[]): unknown {
  const marked = new Set(paths.map((p) => JSON.stringify(p)));
  const walk = (v: Value, path: (string | number)[]): unknown => {
    if (marked.has(JSON.stringify(path))) return true;
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (isObjectValue(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const inner = walk(x, [...path, k]);
        if (inner !== false && !(typeof inner === 'object' && inner !== null && Object.keys(inner).length === 0)) out[k] = inner;
      }
      return out;
    }
    return false;
  };
  return walk(value, []);
}
