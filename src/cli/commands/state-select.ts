/**
 * Which state instances an address given to `state list` / `state rm` names, as Terraform
 * matches them: a module (`module.e` covers every instance of the call and the modules nested
 * in them, `module.e["x"]` one instance), a resource (all its instances), or one instance.
 */
import { existsSync, statSync } from 'node:fs';
import { formatAddress, parseAddress, type State } from '../../state';

const STEP = String.raw`module\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?`;
const MODULE = new RegExp(`^${STEP}(?:\\.${STEP})*$`);

interface Step { readonly name: string; readonly key?: string }

/** `module.a["x"].module.b` → steps; a step's key kept as written (`"x"`, `0`). */
function steps(path: string | undefined): Step[] {
  if (!path) return [];
  return [...path.matchAll(/module\.([A-Za-z_][\w-]*)(?:\[((?:\d+|"(?:[^"\\]|\\.)*"))\])?/g)].map((m) => ({ name: m[1], ...(m[2] !== undefined ? { key: m[2] } : {}) }));
}

/** Does a module path begin with the filter's steps (a step without key matching every key)? */
function moduleMatches(path: string | undefined, filter: Step[], whole: boolean): boolean {
  const s = steps(path);
  if (whole ? s.length !== filter.length : s.length < filter.length) return false;
  return filter.every((f, i) => f.name === s[i].name && (f.key === undefined || f.key === s[i].key));
}

/** Is the argument an address (not a working folder)? */
export function isAddress(arg: string): boolean {
  return MODULE.test(arg) || (parseAddress(arg) !== undefined && !(existsSync(arg) && statSync(arg).isDirectory()));
}

export interface Selection {
  /** Instance addresses in the state's order. */
  readonly addresses: string[];
  /** The filter is a module address no module of the state matches. */
  readonly unknownModule?: boolean;
}

/** The current instances `filter` names, in `order` (the caller's sort). */
export function selectInstances(state: State, filter: string): Selection {
  const all = state.resources.flatMap((r) => r.instances.filter((i) => i.deposed === undefined).map((i) => ({ r, key: i.indexKey })));
  if (MODULE.test(filter)) {
    const f = steps(filter);
    const addresses = all.filter(({ r }) => moduleMatches(r.module, f, false)).map(({ r, key }) => formatAddress({ ...r, key }));
    return { addresses, ...(addresses.length ? {} : { unknownModule: true }) };
  }
  const a = parseAddress(filter);
  if (!a) return { addresses: [] };
  const f = steps(a.module);
  return {
    addresses: all
      .filter(({ r, key }) => moduleMatches(r.module, f, true) && r.mode === a.mode && r.type === a.type && r.name === a.name && (a.key === undefined || a.key === key))
      .map(({ r, key }) => formatAddress({ ...r, key })),
  };
}
