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
import { findInstance, formatAddress, parseAddress, providerAddress, removeInstance, setInstance, type InstanceAddress, type State } from '../state';
import { valuesEqual, type ObjectValue } from '../values/value';

/** Every data resource instance of the root module in the state. */
function dataInstances(s: State): InstanceAddress[] {
  const out: InstanceAddress[] = [];
  for (const r of s.resources) {
    if (r.mode !== 'data' || r.module) continue;
    for (const i of r.instances) out.push({ mode: 'data', type: r.type, name: r.name, ...(i.indexKey !== undefined ? { key: i.indexKey } : {}) });
  }
  return out;
}

/**
 * The state with the plan's refreshed prior applied: refreshed managed objects, objects deleted
 * outside xcpform removed, and the data resources replaced by the ones read while planning
 * (data resources that will be read during apply are dropped until then; a destroy drops them
 * all, as Terraform leaves an empty state). A `-target` plan refreshes only what it targets.
 */
export function withRefreshedPrior(s: State, plan: Plan): State {
  let next = s;
  const targeted = plan.targets.length > 0;
  const inPlan = new Set(plan.changes.map((c) => c.address));
  for (const c of plan.changes) {
    if (c.mode !== 'managed' || c.before === null) continue;
    const addr = parseAddress(c.address);
    const inst = addr && findInstance(next, addr);
    if (!addr || !inst || valuesEqual(inst.attributes as ObjectValue, c.before)) continue;
    const { indexKey: _key, ...rest } = inst;
    const provider = next.resources.find((r) => !r.module && r.mode === 'managed' && r.type === addr.type && r.name === addr.name)!.provider;
    next = setInstance(next, addr, { ...rest, attributes: c.before }, provider);
  }
  for (const d of plan.drift) {
    if (d.action !== 'delete' || (targeted && !inPlan.has(d.address))) continue;
    const addr = parseAddress(d.address);
    if (addr) next = removeInstance(next, addr);
  }
  if (targeted) {
    for (const r of plan.dataReads ?? []) next = putData(next, r);
    return next;
  }
  const keep = new Set(plan.mode === 'destroy' ? [] : (plan.dataReads ?? []).map((r) => r.address));
  for (const address of dataInstances(next)) if (!keep.has(formatAddress(address))) next = removeInstance(next, address);
  if (plan.mode !== 'destroy') for (const r of plan.dataReads ?? []) next = putData(next, r);
  return next;
}

function putData(s: State, r: NonNullable<Plan['dataReads']>[number]): State {
  const addr = parseAddress(r.address);
  if (!addr || addr.mode !== 'data') return s;
  const inst = findInstance(s, addr);
  if (inst && valuesEqual(inst.attributes as ObjectValue, r.values)) return s;
  const alias = r.providerConfig.split('.')[1];
  return setInstance(s, addr, { schemaVersion: r.schemaVersion, attributes: r.values, sensitiveAttributes: [], dependencies: [] }, providerAddress(alias));
}
