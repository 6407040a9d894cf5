/** The table of built-in functions, by name. `try`, `can` and the sensitivity functions are
 * not here: they need expressions or marks, not plain values, and live in the evaluator. */
import { collectionFunctions } from './collections';
import { conversionFunctions } from './conversions';
import { datetimeFunctions } from './datetime';
import { encodingFunctions } from './encoding';
import { fileFunctions } from './files';
import { formatFunctions } from './format';
import { hashFunctions } from './hashing';
import { networkFunctions } from './network';
import { numberFunctions } from './numbers';
import { EvalError } from '../value-ops';
import { providerFunctions } from './provider';
import { fn, FunctionTable } from './registry';
import { setFunctions } from './sets';
import { stringFunctions } from './strings';
import { templateFunctions } from './templates';
import { yamlFunctions } from './yaml';

export type { FunctionContext, FunctionDef, FunctionTable } from './registry';

/** `list` and `map` still exist in Terraform only to say they are gone. */
function removed(name: string, instead: string) {
  return fn(0, Infinity, () => {
    throw new EvalError('Error in function call', `Call to function "${name}" failed: the "${name}" function was deprecated in Terraform v0.12 and is no longer available; use ${instead} syntax to write a literal ${name}.`);
  });
}

export const FUNCTIONS: FunctionTable = {
  ...collectionFunctions,
  ...conversionFunctions,
  ...datetimeFunctions,
  ...encodingFunctions,
  ...fileFunctions,
  ...formatFunctions,
  ...hashFunctions,
  ...networkFunctions,
  ...numberFunctions,
  ...setFunctions,
  ...providerFunctions,
  ...stringFunctions,
  ...templateFunctions,
  ...yamlFunctions,
  list: removed('list', 'tolist([ ... ])'),
  map: removed('map', 'tomap({ ... })'),
};

/** Functions the evaluator implements itself (they receive unevaluated expressions or marks). */
export const SPECIAL_FUNCTIONS = ['try', 'can', 'sensitive', 'nonsensitive', 'issensitive', 'ephemeralasnull'] as const;
