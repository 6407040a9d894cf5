/**
 * The shape of a built-in function. The evaluator checks arity, strips sensitive marks from the
 * arguments (and marks the result when any argument was marked) and, unless the function says
 * it `acceptsUnknown`, answers "unknown" for a call with an unknown anywhere in its arguments
 * without calling it. A function reports a user error by throwing `EvalError`.
 */
import { Value } from '../../../values/value';

export interface FunctionContext {
  /** Folder that relative paths in `file()` resolve against (the working folder). */
  readonly baseDir: string;
  /** Set while a template function renders (they may not call each other). */
  readonly inTemplate?: boolean;
}

export interface FunctionDef {
  /** Minimum and maximum argument count (`Infinity` for variadic). */
  readonly arity: readonly [number, number];
  /** The function handles unknowns itself (e.g. `length` of a list with unknown elements is known). */
  readonly acceptsUnknown?: boolean;
  readonly impl: (args: Value[], ctx: FunctionContext) => Value;
}

export type FunctionTable = Readonly<Record<string, FunctionDef>>;

export function fn(min: number, max: number, impl: FunctionDef['impl'], acceptsUnknown = false): FunctionDef {
  return { arity: [min, max], impl, acceptsUnknown };
}
