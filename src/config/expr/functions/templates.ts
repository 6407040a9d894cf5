/**
 * `templatefile` and `templatestring`: a template rendered with only the given variables in
 * scope. The file is parsed when the call is evaluated (the parser is loaded by then, since the
 * calling expression was parsed). Template functions cannot call each other.
 */
import { isNumber, isObjectValue, Value } from '../../../values/value';
import { evaluate, ExprScope } from '../evaluate';
import { parseTemplateSync } from '../parse';
import { EvalError, toStr } from '../value-ops';
import { readText } from './files';
import { FunctionContext, fn, FunctionTable } from './registry';

function render(name: string, text: string, vars: Value, ctx: FunctionContext, where: string): Value {
  if (ctx.inTemplate) throw new EvalError('Error in function call', `Call to function "${name}" failed: cannot recursively call ${name} from inside another template function.`);
  if (!isObjectValue(vars)) throw new EvalError('Invalid function argument', `Invalid value for "vars" parameter: invalid vars value: must be a map.`);
  const parsed = parseTemplateSync(text);
  if (parsed.error) throw new EvalError('Error in function call', `Call to function "${name}" failed: ${where}:${(parsed.error.line ?? 0) + 1}: ${parsed.error.summary}.`);
  const scope: ExprScope = {
    baseDir: ctx.baseDir,
    inTemplate: true,
    lookup(root) {
      if (!Object.prototype.hasOwnProperty.call(vars, root)) throw new EvalError('Invalid function argument', `Invalid value for "vars" parameter: vars map does not contain key "${root}", referenced at ${where}.`);
      return { value: vars[root], consumed: 0 };
    },
  };
  const r = evaluate(parsed.expr, scope);
  if (r.error) throw new EvalError('Error in function call', `Call to function "${name}" failed: ${where}: ${r.error.summary}${r.error.detail ? `; ${r.error.detail}` : ''}`);
  if (r.value === null) throw new EvalError('Error in function call', `Call to function "${name}" failed: Template result is null.`);
  return r.value as Value;
}

export const templateFunctions: FunctionTable = {
  templatefile: fn(2, 2, ([p, vars], ctx) => {
    const path = toStr(p, 'path');
    return render('templatefile', readText(path, ctx, 'templatefile'), vars, ctx, path);
  }),
  // Unlike templatefile, templatestring always gives a string, even for a lone "${...}".
  templatestring: fn(2, 2, ([t, vars], ctx) => {
    const v = render('templatestring', toStr(t, 'template'), vars, ctx, '<template>');
    return typeof v === 'object' && !isNumber(v) ? v : toStr(v);
  }),
};
