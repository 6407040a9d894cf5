/**
 * Attribute access, indexing and splats. A step into an unknown gives an unknown; a step into a
 * sensitive collection gives a sensitive element; a step into an unmarked collection keeps only
 * the element's own marks.
 */
import { isMarkedObject, markSensitive, MarkedValue, Sensitive } from '../../values/sensitive';
import { isUnknown, UNKNOWN, Value } from '../../values/value';
import { Step } from './ast';
import { describe, EvalError, formatNumber, toStr } from './value-ops';

export function applyStep(value: MarkedValue, step: Step): MarkedValue {
  return step.kind === 'attr' ? getAttr(value, step.name) : getIndex(value, step.key);
}

export function applySteps(value: MarkedValue, steps: readonly Step[]): MarkedValue {
  let v = value;
  for (const s of steps) v = applyStep(v, s);
  return v;
}

export function getAttr(value: MarkedValue, name: string): MarkedValue {
  if (value instanceof Sensitive) return markSensitive(getAttr(value.value, name));
  if (isUnknown(value)) return UNKNOWN;
  if (value === null) throw new EvalError('Attempt to get attribute from null value', `This value is null, so it does not have any attributes (looking for "${name}").`);
  if (Array.isArray(value)) {
    throw new EvalError('Unsupported attribute', `Can't access attributes on a list of objects. Did you mean to access attribute "${name}" for a specific element of the list, or across all elements of the list (with [*])?`);
  }
  if (isMarkedObject(value)) {
    if (Object.prototype.hasOwnProperty.call(value, name)) return value[name];
    throw new EvalError('Unsupported attribute', `This object does not have an attribute named "${name}".`);
  }
  throw new EvalError('Unsupported attribute', `Can't access attributes on a primitive-typed value (${describe(value as Value)}).`);
}

/** `collection[key]`. Keys may be unknown or marked too (the caller unwraps key marks). */
export function getIndex(value: MarkedValue, key: MarkedValue): MarkedValue {
  if (key instanceof Sensitive) return markSensitive(getIndex(value, key.value));
  if (value instanceof Sensitive) return markSensitive(getIndex(value.value, key));
  if (isUnknown(value) || isUnknown(key)) return UNKNOWN;
  if (value === null) throw new EvalError('Attempt to index null value', 'This value is null, so it does not have any indices.');
  if (key === null) throw new EvalError('Invalid index', 'Can\'t use a null value as an indexing key.');
  if (Array.isArray(value)) {
    let i: number;
    if (typeof key === 'number') i = key;
    else if (typeof key === 'string' && /^-?\d+$/.test(key)) i = Number(key);
    else throw new EvalError('Invalid index', `The given key does not identify an element in this collection value: a number is required, not ${describe(key as Value)}.`);
    if (!Number.isInteger(i) || i < 0 || i >= value.length) {
      throw new EvalError('Invalid index', `The given key does not identify an element in this collection value: the index ${formatNumber(i)} is out of range for a list of ${value.length} element${value.length === 1 ? '' : 's'}.`);
    }
    return value[i];
  }
  if (isMarkedObject(value)) {
    if (typeof key === 'object') throw new EvalError('Invalid index', 'A map or object key must be a string.');
    const k = toStr(key as Value, 'key');
    if (Object.prototype.hasOwnProperty.call(value, k)) return value[k];
    throw new EvalError('Invalid index', `The given key does not identify an element in this collection value: there is no element with the key ${JSON.stringify(k)}.`);
  }
  throw new EvalError('Invalid index', `This value does not have any indices (it is ${describe(value as Value)}).`);
}

/**
 * `source[*].steps`: a list maps each element; null gives an empty list; any other value is
 * treated as a one-element list (HCL's rule for splats of single objects).
 */
export function splat(source: MarkedValue, each: (element: MarkedValue) => MarkedValue): MarkedValue {
  if (source instanceof Sensitive) return markSensitive(splat(source.value, each));
  if (isUnknown(source)) return UNKNOWN;
  if (source === null) return [];
  if (Array.isArray(source)) return source.map(each);
  return [each(source)];
}
