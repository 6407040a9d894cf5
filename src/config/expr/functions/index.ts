/** The table of built-in functions, by name. `try` and `can` are not here: they take
 * expressions, not values, and live in the evaluator. */
import { collectionFunctions } from './collections';
import { conversionFunctions } from './conversions';
import { encodingFunctions } from './encoding';
import { formatFunctions } from './format';
import { networkFunctions } from './network';
import { numberFunctions } from './numbers';
import { providerFunctions } from './provider';
import { FunctionTable } from './registry';
import { stringFunctions } from './strings';

export type { FunctionContext, FunctionDef, FunctionTable } from './registry';

export const FUNCTIONS: FunctionTable = {
  ...collectionFunctions,
  ...conversionFunctions,
  ...encodingFunctions,
  ...formatFunctions,
  ...networkFunctions,
  ...numberFunctions,
  ...providerFunctions,
  ...stringFunctions,
};

/** Functions the evaluator implements itself (they receive unevaluated expressions). */
export const SPECIAL_FUNCTIONS = ['try', 'can'] as const;
