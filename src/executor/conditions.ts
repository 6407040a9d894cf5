/**
 * Preconditions before a change: those the plan could not decide are decided now, so a
 * failing one stops the change before XAPI is called.
 *
 * Postconditions after apply: those the plan could not decide (they read values known only
 * once the object exists) are checked as soon as the object is recorded in the state. A
 * failure fails this change, so its dependents are not applied ("upstream failed"), as
 * Terraform stops at a failed postcondition; the object itself stays in the state.
 */
import { hasErrors } from '../diagnostics';
import type { ResourceChange } from '../plan/model';
import type { ConfigPort, Scope } from '../plan/ports';
import { ResourceError } from '../resources/resource';
import type { ObjectValue } from '../values/value';
import { blockOf } from './graph';
import { stateScope } from './resolve';

/** Preconditions of the instance, from the state as it is now (values unknown at plan time are known). */
export function assertPreconditions(change: ResourceChange, config: ConfigPort | undefined, current: () => ReadonlyMap<string, ObjectValue>): void {
  if (!config?.checkPreconditions) return;
  const { diagnostics } = config.checkPreconditions(blockOf(change.address), change.address, lazyScope(current));
  if (hasErrors(diagnostics)) throw new ResourceError(diagnostics.find((d) => d.severity === 'error')!);
}

export function assertPostconditions(change: ResourceChange, applied: ObjectValue, config: ConfigPort | undefined, current: () => ReadonlyMap<string, ObjectValue>): void {
  if (!config?.checkPostconditions) return;
  const { diagnostics } = config.checkPostconditions(blockOf(change.address), change.address, applied, lazyScope(current));
  if (hasErrors(diagnostics)) throw new ResourceError(diagnostics.find((d) => d.severity === 'error')!);
}

/** The state is read only when a condition refers to something: blocks without conditions cost nothing per change. */
function lazyScope(current: () => ReadonlyMap<string, ObjectValue>): Scope {
  let scope: Scope | undefined;
  return (block) => (scope ??= stateScope(current()))(block);
}
