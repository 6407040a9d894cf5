/**
 * Helpers for tests of the expression language: parse a bare HCL expression or a JSON-syntax
 * template and evaluate it against a plain table of names. Not used by the engine.
 */
import { MarkedValue } from '../../values/sensitive';
import { Step } from './ast';
import { evaluate, EvalResult, ExprScope } from './evaluate';
import { parseExpression, parseTemplate } from './parse';
import { EvalError } from './value-ops';

/** A scope where every root name is looked up in `names` (one step consumed for `var`/`local`). */
export function tableScope(names: Record<string, MarkedValue>, baseDir = process.cwd()): ExprScope {
  return {
    baseDir,
    lookup(root: string, _steps: readonly Step[]) {
      if (!Object.prototype.hasOwnProperty.call(names, root)) throw new EvalError('Reference to undeclared name', `"${root}" is not declared.`);
      return { value: names[root], consumed: 0 };
    },
  };
}

export async function evalHcl(src: string, names: Record<string, MarkedValue> = {}, baseDir?: string): Promise<EvalResult> {
  const parsed = await parseExpression(src);
  if (parsed.error) return { value: null, error: { summary: `parse: ${parsed.error.summary}` } };
  return evaluate(parsed.expr, tableScope(names, baseDir));
}

export async function evalTemplate(src: string, names: Record<string, MarkedValue> = {}): Promise<EvalResult> {
  const parsed = await parseTemplate(src);
  if (parsed.error) return { value: null, error: { summary: `parse: ${parsed.error.summary}` } };
  return evaluate(parsed.expr, tableScope(names));
}
