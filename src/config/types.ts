/**
 * Type constraints of input variables (`string`, `list(object({a = string, b = optional(number, 1)}))`,
 * `any`, ...) and conversion of values to them with Terraform's rules: primitives convert to
 * each other where lossless ("1" -> 1, 1 -> "1", "true" -> true), objects drop attributes the
 * type does not declare and fill optional ones, sets lose duplicates. Unknowns pass through;
 * sensitive marks are kept.
 */
import { formatPath } from '../diagnostics';
import { markSensitive, MarkedValue, Sensitive } from '../values/sensitive';
import { isObjectValue, isUnknown, Value } from '../values/value';
import { Expr } from './expr/ast';
import { distinctValues, formatNumber, sortSet, typeName } from './expr/value-ops';
import { deepUnmark, isMarkedObject } from '../values/sensitive';

export interface ObjectAttributeType {
  readonly type: TypeConstraint;
  readonly optional: boolean;
  readonly default?: Value;
}

export type TypeConstraint =
  | { readonly kind: 'any' | 'string' | 'number' | 'bool' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TypeConstraint }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeConstraint[] }
  | { readonly kind: 'object'; readonly attributes: Readonly<Record<string, ObjectAttributeType>> };

export const ANY: TypeConstraint = { kind: 'any' };

/** Reads a type expression. Returns a message on failure. */
export function parseTypeConstraint(expr: Expr): TypeConstraint | { error: string } {
  try {
    return typeOf(expr, false);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function typeOf(expr: Expr, inObject: boolean): TypeConstraint {
  if (expr.kind === 'literal' && typeof expr.value === 'string') {
    // Terraform 0.11 quoted forms.
    if (expr.value === 'string') return { kind: 'string' };
    if (expr.value === 'list') return { kind: 'list', element: ANY };
    if (expr.value === 'map') return { kind: 'map', element: ANY };
  }
  if (expr.kind === 'scope' && expr.steps.length === 0) {
    if (['any', 'string', 'number', 'bool'].includes(expr.root)) return { kind: expr.root as 'any' };
    if (['list', 'set', 'map'].includes(expr.root)) return { kind: expr.root as 'list', element: ANY };
  }
  if (expr.kind === 'call') {
    const one = () => {
      if (expr.args.length !== 1) throw new Error(`${expr.name}() takes exactly one type argument`);
      return expr.args[0];
    };
    switch (expr.name) {
      case 'list': case 'set': case 'map':
        return { kind: expr.name, element: typeOf(one(), false) };
      case 'tuple': {
        const arg = one();
        if (arg.kind !== 'tuple') throw new Error('tuple() takes a list of types, e.g. tuple([string, number])');
        return { kind: 'tuple', elements: arg.items.map((i) => typeOf(i, false)) };
      }
      case 'object': {
        const arg = one();
        if (arg.kind !== 'object') throw new Error('object() takes an object of attribute types, e.g. object({ name = string })');
        const attributes: Record<string, ObjectAttributeType> = {};
        for (const item of arg.items) {
          if (item.key.kind !== 'literal' || typeof item.key.value !== 'string') throw new Error('object type attribute names must be literal names');
          attributes[item.key.value] = attributeType(item.value);
        }
        return { kind: 'object', attributes };
      }
      case 'optional':
        if (!inObject) throw new Error('optional() is allowed only for attributes of an object type');
        return typeOf(expr.args[0], false);
    }
  }
  throw new Error(`"${expr.text ?? expr.kind}" is not a type: expected a primitive type (string, number, bool), any, or a type constructor such as list(string)`);
}

function attributeType(expr: Expr): ObjectAttributeType {
  if (expr.kind === 'call' && expr.name === 'optional') {
    if (expr.args.length < 1 || expr.args.length > 2) throw new Error('optional() takes a type and an optional default value');
    const type = typeOf(expr.args[0], false);
    const dflt = expr.args[1];
    if (dflt && dflt.kind !== 'literal' && dflt.kind !== 'tuple' && dflt.kind !== 'object') throw new Error('the default of optional() must be a literal value');
    return { type, optional: true, default: dflt ? literalValue(dflt) : undefined };
  }
  return { type: typeOf(expr, true), optional: false };
}

function literalValue(expr: Expr): Value {
  if (expr.kind === 'literal') return expr.value;
  if (expr.kind === 'tuple') return expr.items.map(literalValue);
  if (expr.kind === 'object') {
    const out: Record<string, Value> = {};
    for (const i of expr.items) out[String(literalValue(i.key))] = literalValue(i.value);
    return out;
  }
  throw new Error('the default of optional() must be a literal value');
}

/** `list(object({ a = string }))`, as Terraform prints a type. */
export function typeString(t: TypeConstraint): string {
  switch (t.kind) {
    case 'list': case 'set': case 'map': return `${t.kind}(${typeString(t.element)})`;
    case 'tuple': return `tuple([${t.elements.map(typeString).join(', ')}])`;
    case 'object': return `object({${Object.entries(t.attributes).map(([k, a]) => `${k}=${a.optional ? `optional(${typeString(a.type)})` : typeString(a.type)}`).join(', ')}})`;
    default: return t.kind;
  }
}

export class ConversionError extends Error {
  constructor(readonly path: (string | number)[], readonly reason: string) {
    super(path.length ? `${formatPath(path)}: ${reason}` : reason);
  }
}

/** Converts a value to a type; throws {@link ConversionError} naming the path and the reason. */
export function convertToType(value: MarkedValue, type: TypeConstraint, path: (string | number)[] = []): MarkedValue {
  if (value instanceof Sensitive) return markSensitive(convertToType(value.value, type, path));
  if (value === null || isUnknown(value) || type.kind === 'any') return value;
  const fail = (what: string) => new ConversionError(path, `${what} required${value === null ? '' : `, got ${typeName(deepUnmark(value))}`}`);
  switch (type.kind) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return formatNumber(value);
      if (typeof value === 'boolean') return String(value);
      throw fail('a string is');
    case 'number':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
      throw fail('a number is');
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw fail('a bool is');
    case 'list': case 'set': {
      if (!Array.isArray(value)) throw fail(`a ${type.kind} is`);
      const items = value.map((v, i) => convertToType(v, type.element, [...path, i]));
      if (type.kind === 'list') return items;
      return sortSet(distinctValues(items as Value[]) as Value[]);
    }
    case 'map': {
      if (!isMarkedObject(value)) throw fail('a map is');
      const out: Record<string, MarkedValue> = {};
      for (const [k, v] of Object.entries(value)) out[k] = convertToType(v, type.element, [...path, k]);
      return out;
    }
    case 'tuple': {
      if (!Array.isArray(value)) throw fail('a tuple is');
      if (value.length !== type.elements.length) throw new ConversionError(path, `a tuple of ${type.elements.length} elements is required, got ${value.length}`);
      return value.map((v, i) => convertToType(v, type.elements[i], [...path, i]));
    }
    case 'object': {
      if (!isMarkedObject(value) || !isObjectValue(deepUnmark(value))) throw fail('an object is');
      const out: Record<string, MarkedValue> = {};
      for (const [k, a] of Object.entries(type.attributes)) {
        const has = Object.prototype.hasOwnProperty.call(value, k) && value[k] !== null;
        if (!has && !a.optional && !Object.prototype.hasOwnProperty.call(value, k)) throw new ConversionError(path, `attribute "${k}" is required`);
        out[k] = has ? convertToType(value[k], a.type, [...path, k]) : a.default !== undefined ? convertToType(a.default, a.type, [...path, k]) : null;
      }
      return out;
    }
  }
}
