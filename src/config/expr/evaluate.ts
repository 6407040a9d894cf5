/**
 * Evaluates an {@link Expr} to a value. Synchronous, pure apart from `file()`, and total: a
 * user error (bad operand, missing attribute, failing function) comes back as
 * `EvalResult.error`, never as an exception. Unknown values propagate through every operator
 * and function; sensitive marks (see `values/sensitive.ts`) are carried to the result.
 *
 * Names are resolved first against local bindings (`for` variables, `dynamic` iterators,
 * `count`, `each`, `self`), then through {@link ExprScope.lookup}, which the configuration layer
 * implements for `var`, `local`, resources, `data`, `path` and `terraform`.
 */
import { containsSensitive, deepUnmark, isMarkedObject, markSensitive, MarkedValue, unwrapTop } from '../../values/sensitive';
import { nfc, nfcDeep } from '../../values/strings';
import { containsUnknown, isNumber, isUnknown, UNKNOWN, Value } from '../../values/value';
import { Expr, ExprOf, Step } from './ast';
import { FUNCTIONS } from './functions';
import { applyBinary, applyUnary } from './operators';
import { applySteps, getIndex, splat } from './traverse';
import { NoCommonType, unify } from './unify';
import { EvalError, toBool, toStr } from './value-ops';

const MARK_FUNCTIONS = new Set(['sensitive', 'nonsensitive', 'issensitive', 'ephemeralasnull']);

export interface ExprScope {
  /**
   * Resolves a name that is not bound locally, given the steps that follow it. Returns the
   * value and how many of the steps it used (e.g. 1 for `var.x`, 1 for `xcp_vm.web`, 2 for
   * `data.xcp_sr.local`). Throws {@link EvalError} for a reference to something undeclared.
   */
  lookup(root: string, steps: readonly Step[]): { value: MarkedValue; consumed: number };
  /** Folder that `file()` paths are relative to. */
  readonly baseDir: string;
  /** Set for the scope of a template rendered by `templatefile`/`templatestring`. */
  readonly inTemplate?: boolean;
}

export interface EvalFailure {
  readonly summary: string;
  readonly detail?: string;
  /** Source text of the innermost expression that failed, when known. */
  readonly text?: string;
}

export interface EvalResult {
  /** The value; null when `error` is set. */
  readonly value: MarkedValue;
  readonly error?: EvalFailure;
}

export type Bindings = ReadonlyMap<string, MarkedValue>;

const EMPTY: Bindings = new Map();

/** Evaluates an expression; never throws. */
export function evaluate(expr: Expr, scope: ExprScope, bindings: Bindings = EMPTY): EvalResult {
  try {
    return { value: new Evaluator(scope).ev(expr, bindings) };
  } catch (err) {
    if (err instanceof LocatedError) return { value: null, error: { summary: err.inner.summary, detail: err.inner.detail, text: err.text } };
    if (err instanceof EvalError) return { value: null, error: { summary: err.summary, detail: err.detail } };
    return { value: null, error: { summary: 'Invalid expression', detail: `Evaluation failed: ${(err as Error)?.message ?? String(err)}.` } };
  }
}

/** An EvalError with the text of the innermost expression that raised it. */
class LocatedError extends Error {
  constructor(readonly inner: EvalError, readonly text?: string) {
    super(inner.message);
  }
}

class Evaluator {
  constructor(private readonly scope: ExprScope) {}

  ev(expr: Expr, env: Bindings): MarkedValue {
    try {
      return this.dispatch(expr, env);
    } catch (err) {
      if (err instanceof LocatedError) throw err;
      if (err instanceof EvalError) throw new LocatedError(err, expr.text);
      throw new LocatedError(new EvalError('Invalid expression', `Evaluation failed: ${(err as Error)?.message ?? String(err)}.`), expr.text);
    }
  }

  private dispatch(expr: Expr, env: Bindings): MarkedValue {
    switch (expr.kind) {
      case 'literal': return expr.value;
      case 'template': return this.template(expr, env);
      case 'templateJoin': {
        const { value, marked } = unwrapTop(this.ev(expr.list, env));
        const v = deepUnmark(value);
        if (isUnknown(v) || containsUnknown(v)) return mark(UNKNOWN, marked);
        const s = (Array.isArray(v) ? v : [v]).map((x) => toStr(x, 'template value')).join('');
        return mark(s, marked || containsSensitive(value));
      }
      case 'scope': {
        const bound = env.get(expr.root);
        if (bound !== undefined) return applySteps(bound, expr.steps);
        const { value, consumed } = this.scope.lookup(expr.root, expr.steps);
        return applySteps(value, expr.steps.slice(consumed));
      }
      case 'relative': return applySteps(this.ev(expr.source, env), expr.steps);
      case 'index': return getIndex(this.ev(expr.collection, env), this.ev(expr.key, env));
      case 'splat': return splat(this.ev(expr.source, env), (el) => applySteps(el, expr.each));
      case 'tuple': return expr.items.map((i) => this.ev(i, env));
      case 'object': return this.object(expr, env);
      case 'call': return this.call(expr, env);
      case 'conditional': return this.conditional(expr, env);
      case 'unary': return applyUnary(expr.op, this.ev(expr.operand, env));
      case 'binary': return applyBinary(expr.op, this.ev(expr.left, env), this.ev(expr.right, env));
      case 'for': return this.forExpr(expr, env);
    }
  }

  private template(expr: ExprOf<'template'>, env: Bindings): MarkedValue {
    let out = '';
    let unknown = false;
    let marked = false;
    for (const part of expr.parts) {
      const raw = this.ev(part, env);
      marked ||= containsSensitive(raw);
      const v = deepUnmark(raw);
      if (isUnknown(v)) { unknown = true; continue; }
      if (v === null) throw new EvalError('Invalid template interpolation value', 'The expression result is null. Cannot include a null value in a string template.');
      if (typeof v === 'object' && !isNumber(v)) throw new EvalError('Invalid template interpolation value', 'Cannot include the given value in a string template: string required.');
      out += toStr(v);
    }
    return mark(unknown ? UNKNOWN : nfc(out), marked);
  }

  private object(expr: ExprOf<'object'>, env: Bindings): MarkedValue {
    const out: { [k: string]: MarkedValue } = {};
    let unknownKey = false;
    for (const item of expr.items) {
      const k = deepUnmark(this.ev(item.key, env));
      const v = this.ev(item.value, env);
      if (isUnknown(k)) { unknownKey = true; continue; }
      if (k === null) throw new EvalError('Invalid object key', 'Key expression must not produce a null value.');
      if (typeof k === 'object') throw new EvalError('Invalid object key', 'Key expression must produce a string.');
      out[nfc(toStr(k))] = v;
    }
    return unknownKey ? UNKNOWN : out;
  }

  private conditional(expr: ExprOf<'conditional'>, env: Bindings): MarkedValue {
    const { value, marked } = unwrapTop(this.ev(expr.condition, env));
    const c = deepUnmark(value);
    if (isUnknown(c)) {
      for (const branch of [expr.then, expr.otherwise]) evaluate(branch, this.scope, env);
      return mark(UNKNOWN, marked);
    }
    if (c === null) throw new EvalError('Null condition', 'The condition value is null. Conditions must either be true or false.');
    const pick = toBool(c, 'condition');
    const chosen = this.ev(pick ? expr.then : expr.otherwise, env);
    // Both arms are evaluated and their types unified; only the chosen arm's errors count.
    const other = evaluate(pick ? expr.otherwise : expr.then, this.scope, env);
    const marks = marked || containsSensitive(chosen) || (!other.error && containsSensitive(other.value));
    if (other.error) return mark(chosen, marks);
    const a = deepUnmark(chosen);
    const b = deepUnmark(other.value);
    if (containsUnknown(a) || containsUnknown(b) || containsSensitive(chosen)) return mark(chosen, marks);
    try {
      return mark(unify(pick ? [a, b] : [b, a])[pick ? 0 : 1], marks);
    } catch (err) {
      if (err instanceof NoCommonType) throw new EvalError('Inconsistent conditional result types', `The true and false result expressions must have consistent types: ${err.detail}.`);
      throw err;
    }
  }

  private call(expr: ExprOf<'call'>, env: Bindings): MarkedValue {
    // Every built-in also answers to its namespaced name, core::NAME.
    const name = expr.name.startsWith('core::') ? expr.name.slice(6) : expr.name;
    if (name === 'try' || name === 'can') return this.tryOrCan({ ...expr, name }, env);
    if (MARK_FUNCTIONS.has(name)) return this.markFunction(name, expr, env);
    const def = FUNCTIONS[name];
    if (!def || !Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) {
      throw new EvalError('Call to unknown function', `There is no function named "${expr.name}".`);
    }
    let args = expr.args.map((a) => this.ev(a, env));
    if (expr.expandFinal && args.length > 0) {
      const { value: last, marked } = unwrapTop(args[args.length - 1]);
      if (isUnknown(last)) return mark(UNKNOWN, marked);
      if (!Array.isArray(last)) throw new EvalError('Invalid expanding argument value', 'The expanding argument (indicated by ...) must be of a tuple, list, or set type.');
      args = [...args.slice(0, -1), ...last.map((x) => mark(x, marked))];
    }
    const [min, max] = def.arity;
    if (args.length < min) throw new EvalError('Not enough function arguments', `Function "${name}" expects ${min === max ? '' : 'at least '}${min} argument${min === 1 ? '' : 's'}. Missing value for argument ${args.length + 1}.`);
    if (args.length > max) throw new EvalError('Too many function arguments', `Function "${expr.name}" expects only ${max} argument${max === 1 ? '' : 's'}.`);
    const marked = args.some(containsSensitive);
    const plain = args.map(deepUnmark);
    if (!def.acceptsUnknown && plain.some(containsUnknown)) return mark(UNKNOWN, marked);
    let result: Value;
    try {
      result = def.impl(plain, { baseDir: this.scope.baseDir, inTemplate: this.scope.inTemplate });
    } catch (err) {
      if (err instanceof EvalError) throw err;
      throw new EvalError('Error in function call', `Call to function "${name}" failed: ${(err as Error)?.message ?? String(err)}.`);
    }
    return mark(nfcDeep(result), marked);
  }

  /** sensitive, nonsensitive, issensitive, ephemeralasnull: they work on marks, not values. */
  private markFunction(name: string, expr: ExprOf<'call'>, env: Bindings): MarkedValue {
    if (expr.args.length !== 1) throw new EvalError(expr.args.length ? 'Too many function arguments' : 'Not enough function arguments', `Function "${name}" expects exactly one argument.`);
    const v = this.ev(expr.args[0], env);
    switch (name) {
      case 'sensitive': return markSensitive(v);
      case 'nonsensitive': return unwrapTop(v).value;
      case 'issensitive': return isUnknown(deepUnmark(v)) && !unwrapTop(v).marked ? UNKNOWN : unwrapTop(v).marked;
      default: return v;
    }
  }

  /** `try(a, b, ...)` returns the first argument that evaluates without error; `can(x)` says whether x does. */
  private tryOrCan(expr: ExprOf<'call'>, env: Bindings): MarkedValue {
    if (expr.name === 'can' && expr.args.length !== 1) throw new EvalError('Wrong number of arguments', 'Function "can" expects exactly one argument.');
    if (expr.args.length === 0) throw new EvalError('Not enough function arguments', 'Function "try" expects at least one argument.');
    for (const arg of expr.args) {
      const r = evaluate(arg, this.scope, env);
      if (r.error) continue;
      if (containsUnknown(deepUnmark(r.value))) return UNKNOWN;
      return expr.name === 'can' ? true : r.value;
    }
    if (expr.name === 'can') return false;
    throw new EvalError('Error in function call', 'Call to function "try" failed: no expression succeeded.');
  }

  private forExpr(expr: ExprOf<'for'>, env: Bindings): MarkedValue {
    const { value: coll, marked } = unwrapTop(this.ev(expr.collection, env));
    if (isUnknown(coll)) return mark(UNKNOWN, marked);
    if (coll === null) throw new EvalError('Iteration over null value', 'A null value cannot be used as the collection in a "for" expression.');
    let entries: [MarkedValue, MarkedValue][];
    if (Array.isArray(coll)) entries = coll.map((v, i) => [i, v]);
    else if (isMarkedObject(coll)) entries = Object.keys(coll).sort(byCodeUnit).map((k) => [k, coll[k]]);
    else throw new EvalError('Iteration over non-iterable value', `A value of type ${typeof coll} cannot be used as the collection in a "for" expression.`);
    const list: MarkedValue[] = [];
    const obj: { [k: string]: MarkedValue } = {};
    const groups: { [k: string]: MarkedValue[] } = {};
    for (const [k, v] of entries) {
      const inner = new Map(env);
      if (expr.keyVar) inner.set(expr.keyVar, mark(k, marked));
      inner.set(expr.valueVar, mark(v, marked));
      if (expr.condition) {
        const c = deepUnmark(this.ev(expr.condition, inner));
        if (isUnknown(c)) return mark(UNKNOWN, marked);
        if (c === null) throw new EvalError('Condition is null', 'The value of the "if" clause must not be null.');
        if (!toBool(c, '"if" clause')) continue;
      }
      const value = this.ev(expr.value, inner);
      if (!expr.key) { list.push(value); continue; }
      const key = deepUnmark(this.ev(expr.key, inner));
      if (isUnknown(key)) return mark(UNKNOWN, marked);
      if (key === null || typeof key === 'object') throw new EvalError('Invalid object key', 'Key expression in a "for" expression must produce a string.');
      const ks = toStr(key);
      if (expr.grouped) (groups[ks] ??= []).push(value);
      else if (Object.prototype.hasOwnProperty.call(obj, ks)) {
        throw new EvalError('Duplicate object key', `Two different items produced the key ${JSON.stringify(ks)} in this "for" expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`);
      } else obj[ks] = value;
    }
    if (!expr.key) return mark(list, marked);
    return mark(expr.grouped ? groups : obj, marked);
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mark(v: MarkedValue, marked: boolean): MarkedValue {
  return marked ? markSensitive(v) : v;
}
