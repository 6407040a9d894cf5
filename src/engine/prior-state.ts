/**
 * The state apply starts from: Terraform's rule is that a plan's prior state is the refreshed
 * state, and apply starts from it. So before the first change, the refreshed values the plan
 * saw are written to the state: objects the apply does not touch keep their refreshed values
 * (a guest's new IP address, a data source's result) and the outputs that read them, which are
 * evaluated from the new state after the apply, stay true.
 *
 * What the plan carries for this: the `before` of each resource change (the refreshed object,
 * no-op changes included), the `delete` drift entries (objects gone outside xcpform), and the
 * data resources read while planning (`Plan.dataReads`).
 */
import type { Plan } from '../plan/model';
import { providerAddressOfKey } from '../state/provider-config';
import { formatAddress, parseAddress, setInstance, type InstanceState, type ResourceState, type State } from '../state';
import { valuesEqual, type ObjectValue } from '../values/value';

/**
 * The state with the plan's refreshed prior applied: refreshed managed objects, objects deleted
 * outside xcpform removed, and the data resources replaced by the ones read while planning
 * (data resources that will be read during apply are dropped until then; a destroy drops them
 * all, as Terraform leaves an empty state). A `-target` plan refreshes only what it targets and
 * drops no data resource. One pass over the state (plans reach 100k instances); the same state
 * object when nothing changes.
 */
export function withRefreshedPrior(s: State, plan: Plan): State {
  const targeted = plan.targets.length > 0;
  const refreshed = new Map<string, ObjectValue>();
  for (const c of plan.changes) if (c.mode === 'managed' && c.before !== null) refreshed.set(c.address, c.before);
  // A refresh-only plan has no changes: its drift carries the refreshed objects to record.
  if (plan.mode === 'refresh-only') for (const d of plan.drift) if (d.mode === 'managed' && d.action === 'update' && d.after !== null && !refreshed.has(d.address)) refreshed.set(d.address, d.after);
  const inPlan = new Set(plan.changes.map((c) => c.address));
  const gone = new Set(plan.drift.filter((d) => d.action === 'delete' && (!targeted || inPlan.has(d.address))).map((d) => d.address));
  const reads = new Map(plan.mode === 'destroy' ? [] : (plan.dataReads ?? []).map((r) => [r.address, r]));
  const dropUnread = !targeted;
  let changed = false;
  const resources = s.resources.map((r) => {
    let touched = false;
    const instances = r.instances.flatMap((i): InstanceState[] => {
      if (i.deposed !== undefined) return [i];
      const address = formatAddress({ module: r.module, mode: r.mode, type: r.type, name: r.name, key: i.indexKey });
      const now = r.mode === 'managed' ? (gone.has(address) ? null : refreshed.get(address)) : reads.get(address)?.values ?? (dropUnread ? null : undefined);
      if (r.mode === 'data') reads.delete(address);
      if (now === undefined || (now !== null && valuesEqual(i.attributes as ObjectValue, now))) return [i];
      touched = true;
      return now === null ? [] : [{ ...i, attributes: now }];
    });
    if (!touched) return r;
    changed = true;
    return instances.length ? { ...r, instances } : undefined;
  });
  let next: State = changed ? { ...s, resources: resources.filter((r): r is ResourceState => r !== undefined) } : s;
  // Data resources new to the state.
  for (const r of reads.values()) {
    const addr = parseAddress(r.address);
    if (!addr || addr.mode !== 'data') continue;
    next = setInstance(next, addr, { schemaVersion: r.schemaVersion, attributes: r.values, sensitiveAttributes: [], dependencies: [] }, providerAddressOfKey(r.providerConfig));
  }
  return next;
}
