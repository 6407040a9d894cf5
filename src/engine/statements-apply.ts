/**
 * What `moved`, `import` and `removed` statements change in the state at apply, before any
 * resource is touched (Terraform does the same): a moved object takes its new address, an
 * imported object is written (an update planned with it then applies on top, as an update of
 * an existing object, never a create), and a forgotten object leaves the state while XAPI
 * keeps it. The executor then gets the plan without the `forget` changes.
 */
import type { Plan } from '../plan/model';
import { findInstance, parseAddress, providerAddress, removeInstance, setInstance, type State } from '../state/model';
import { providerAddressOfKey } from '../state/provider-config';
import type { StateManager } from '../state/manager';
import { toPathSteps } from './state-adapter';

/** True when the plan has anything for {@link applyStatements} to record. */
export function hasStatements(plan: Plan): boolean {
  return plan.changes.some((c) => c.previousAddress || c.importing || c.action === 'forget');
}

/** Records moves, imports and forgets in the state; returns the plan left for the executor. */
export async function applyStatements(manager: StateManager, plan: Plan): Promise<Plan> {
  if (!hasStatements(plan)) return plan;
  await manager.apply((s) => {
    let next: State = s;
    // Moves first, all read from the state as it was, so chains and swaps land where planned.
    const moves = plan.changes.filter((c) => c.previousAddress).map((c) => {
      const from = parseAddress(c.previousAddress!)!;
      const resource = s.resources.find((r) => (r.module ?? '') === (from.module ?? '') && r.mode === from.mode && r.type === from.type && r.name === from.name);
      return { change: c, from, obj: findInstance(s, from), provider: resource?.provider ?? providerAddress() };
    });
    for (const m of moves) if (m.obj) next = removeInstance(next, m.from);
    for (const m of moves) {
      if (!m.obj) continue;
      const { indexKey: _k, ...obj } = m.obj;
      next = setInstance(next, parseAddress(m.change.address)!, obj, m.provider);
    }
    for (const c of plan.changes) {
      const addr = parseAddress(c.address)!;
      if (c.importing && c.before && !findInstance(next, addr)) {
        next = setInstance(next, addr, {
          schemaVersion: c.schemaVersion,
          attributes: c.before,
          sensitiveAttributes: c.beforeSensitive.map(toPathSteps),
          dependencies: [],
        }, providerAddressOfKey(c.providerConfig));
      }
      if (c.action === 'forget') next = removeInstance(next, addr);
    }
    return next;
  });
  return { ...plan, changes: plan.changes.filter((c) => c.action !== 'forget') };
}
