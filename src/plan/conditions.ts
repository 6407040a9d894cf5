/**
 * Postconditions at plan time: checked with `self` = the planned values; a condition that
 * needs values known only after apply is checked by the executor once the object exists.
 */
import type { Diagnostic } from '../diagnostics';
import type { Value } from '../values/value';
import type { ConfigPort, Scope } from './ports';

export function planPostconditions(config: ConfigPort, blockAddress: string, instanceAddress: string, self: Value, scope: Scope): Diagnostic[] {
  if (self === null || !config.checkPostconditions) return [];
  return config.checkPostconditions(blockAddress, instanceAddress, self, scope).diagnostics;
}
