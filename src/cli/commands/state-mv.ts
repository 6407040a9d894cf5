/**
 * `xcpform state mv SOURCE DESTINATION` as Terraform moves state: a module instance with every
 * module nested in it (`module.a` → `module.b`, `module.a["x"]` → `module.a["y"]`), a whole
 * resource with all its instances (`xcp_vm.web` → `module.app.xcp_vm.web`), or one instance
 * (`xcp_vm.web[0]` → `xcp_vm.db`). Refusals carry Terraform's summaries and details.
 */
import { Diagnostic, error } from '../../diagnostics';
import { findInstance, formatAddress, parseAddress, removeInstance, setInstance, type InstanceAddress, type ResourceState, type State } from '../../state';

const STEP = String.raw`module\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?`;
const MODULE = new RegExp(`^${STEP}(?:\\.${STEP})*$`);

export interface MoveResult {
  readonly state?: State;
  /** `[from, to]` per object moved, in the order Terraform reports them. */
  readonly moved: readonly (readonly [string, string])[];
  readonly diagnostic?: Diagnostic;
}

const refuse = (summary: string, detail: string): MoveResult => ({ moved: [], diagnostic: error('state.mv-invalid', summary, { detail }) });
const under = (module: string | undefined, path: string): boolean => module === path || (module ?? '').startsWith(`${path}.`);
const sameResource = (r: ResourceState, a: InstanceAddress): boolean => (r.module ?? '') === (a.module ?? '') && r.mode === a.mode && r.type === a.type && r.name === a.name;

/** Moves `source` to `destination` in `state`; the new state, or Terraform's refusal. */
export function moveInState(state: State, source: string, destination: string): MoveResult {
  if (MODULE.test(source)) return moveModule(state, source, destination);
  const from = parseAddress(source);
  if (!from) return refuse('Invalid source address', `Cannot move ${source}: it is not a resource, resource instance or module address.`);
  const to = parseAddress(destination);
  if (!to) return refuse('Invalid target address', `Cannot move ${source} to ${destination}: the target must be a resource, resource instance or module address.`);
  if (from.type !== to.type || from.mode !== to.mode) return refuse('Invalid state move request', `Cannot move ${source} to ${destination}: resource types don't match.`);
  // A keyless address names the instance when there is one (a single-instance resource), else the whole resource (count/for_each).
  const whole = from.key === undefined && !findInstance(state, from) ? state.resources.find((r) => sameResource(r, from)) : undefined;
  if (whole && to.key === undefined) {
    if (state.resources.some((r) => sameResource(r, to))) return refuse('Invalid target address', `Cannot move to ${destination}: there is already a resource at that address in the current state.`);
    const moved: ResourceState = { ...whole, ...(to.module ? { module: to.module } : {}), name: to.name };
    if (!to.module) delete (moved as { module?: string }).module;
    return { state: { ...state, resources: state.resources.map((r) => (r === whole ? moved : r)) }, moved: [[source, destination]] };
  }
  const inst = findInstance(state, from);
  if (!inst) return refuse('Invalid source address', `Cannot move ${source}: does not match anything in the current state.`);
  if (findInstance(state, to)) return refuse('Invalid target address', `Cannot move to ${destination}: there is already a resource instance at that address in the current state.`);
  const provider = state.resources.find((r) => sameResource(r, from))!.provider;
  const { indexKey: _key, ...obj } = inst;
  return { state: setInstance(removeInstance(state, from), to, obj, provider), moved: [[formatAddress(from), formatAddress(to)]] };
}

/** A module instance and every module nested in it, to another module instance path. */
function moveModule(state: State, source: string, destination: string): MoveResult {
  const paths = [...new Set(state.resources.filter((r) => under(r.module, source)).map((r) => r.module!))].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  if (!paths.length) return refuse('Invalid source address', `Cannot move ${source}: does not match anything in the current state.`);
  if (!MODULE.test(destination)) return refuse('Invalid target address', `Cannot move ${paths[paths.length - 1]} to ${destination}: the target must also be a module.`);
  if (state.resources.some((r) => under(r.module, destination))) return refuse('Error moving state', 'destination module already exists');
  const rename = (m: string): string => `${destination}${m.slice(source.length)}`;
  const resources = state.resources.map((r) => (under(r.module, source) ? { ...r, module: rename(r.module!) } : r));
  return { state: { ...state, resources }, moved: paths.map((p) => [p, rename(p)] as const) };
}
