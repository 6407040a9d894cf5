/**
 * terraform-provider-xcp's provider-defined functions (src/functions-provider), evaluated by
 * xcpform under the names Terraform users write: `provider::xcp::size("20GiB")`. Arguments
 * convert as Terraform converts them for the declared parameter types; errors read like
 * Terraform's "Invalid value for ... parameter".
 */
import { FUNCTION_PREFIX, FunctionArgumentError, PROVIDER_FUNCTIONS, type Primitive, type ProviderFunction } from '../../../functions-provider';
import { toDouble } from '../../../values/bignum';
import type { Value } from '../../../values/value';
import { EvalError, toBool, toNum, toStr } from '../value-ops';
import { fn, type FunctionTable } from './registry';

function convert(f: ProviderFunction, args: readonly Value[]): Primitive[] {
  return f.parameters.map((p, i) => {
    const what = `"${p.name}" argument of ${FUNCTION_PREFIX}${f.name}`;
    return p.type === 'number' ? toDouble(toNum(args[i], what)) : p.type === 'bool' ? toBool(args[i], what) : toStr(args[i], what);
  });
}

export const providerFunctions: FunctionTable = Object.fromEntries(Object.values(PROVIDER_FUNCTIONS).map((f) => [
  `${FUNCTION_PREFIX}${f.name}`,
  fn(f.parameters.length, f.parameters.length, (args) => {
    if (args.some((a) => a === null)) throw new EvalError('Invalid function argument', `The arguments of ${FUNCTION_PREFIX}${f.name} must not be null.`);
    try {
      return f.impl(convert(f, args));
    } catch (err) {
      if (err instanceof FunctionArgumentError) throw new EvalError('Invalid function argument', `Invalid value for "${f.parameters[err.argument].name}" parameter: ${err.text}.`);
      throw err;
    }
  }),
]));
