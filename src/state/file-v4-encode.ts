/**
 * Encoding of Terraform's state file format v4, byte for byte as Terraform 1.11 writes it:
 * key order, 2-space indent, trailing newline, sorting of resources (module, mode, type,
 * name), instances (index key, current before deposed) and outputs, and Go's escaping of
 * `<`, `>`, `&`, U+2028 and U+2029.
 *
 * {@link encodeStateV4} is the plain, whole-document encoding: the reference that the
 * incremental encoder of `file-v4-chunks.ts` must equal, and what one-off callers use.
 */
import { stringifyExact } from '../values/json-text';
import { InstanceState, ResourceState, State } from './model';

type Obj = Record<string, unknown>;

/** Serialises a state exactly as Terraform 1.11 lays it out (see the header). */
export function encodeStateV4(s: State): string {
  const resources = sortedResources(s.resources).map((r) => resourceDocument(r, sortedInstances(r.instances).map(instanceDocument)));
  return `${goEscape(stringifyExact(stateDocument(s, s.serial, resources), 2))}\n`;
}

/** The top-level object; `serial` and `resources` are given so placeholders can stand in for them. */
export function stateDocument(s: State, serial: unknown, resources: readonly unknown[]): Obj {
  const outputs: Obj = {};
  for (const name of Object.keys(s.outputs).sort(cmp)) {
    const o = s.outputs[name];
    outputs[name] = { value: o.value, type: o.type, ...(o.sensitive ? { sensitive: true } : {}) };
  }
  return {
    version: 4,
    terraform_version: s.terraformVersion,
    serial,
    lineage: s.lineage,
    outputs,
    resources,
    check_results: s.checkResults ?? null,
    ...s.extra,
  };
}

/** One resource's object; `instances` are given so a placeholder can stand in for them. */
export function resourceDocument(r: ResourceState, instances: readonly unknown[]): Obj {
  return {
    ...(r.module ? { module: r.module } : {}),
    mode: r.mode,
    type: r.type,
    name: r.name,
    provider: r.provider,
    instances,
    ...r.extra,
  };
}

/** One instance's object, fields in Terraform's order. */
export function instanceDocument(i: InstanceState): Obj {
  return {
    ...(i.indexKey === undefined ? {} : { index_key: i.indexKey }),
    ...(i.status ? { status: i.status } : {}),
    ...(i.deposed ? { deposed: i.deposed } : {}),
    schema_version: i.schemaVersion,
    attributes: i.attributes,
    sensitive_attributes: i.sensitiveAttributes,
    ...(i.identitySchemaVersion === undefined ? {} : { identity_schema_version: i.identitySchemaVersion }),
    ...(i.identity === undefined ? {} : { identity: i.identity }),
    ...(i.private ? { private: i.private } : {}),
    ...(i.dependencies.length ? { dependencies: i.dependencies } : {}),
    ...(i.createBeforeDestroy ? { create_before_destroy: true } : {}),
    ...i.extra,
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Resources in file order (module, mode, type, name); the given array when already sorted. */
export function sortedResources(rs: readonly ResourceState[]): readonly ResourceState[] {
  return inOrder(rs, compareResources);
}

/** Instances in file order (index key, current before deposed); the given array when already sorted. */
export function sortedInstances(is: readonly InstanceState[]): readonly InstanceState[] {
  return inOrder(is, compareInstances);
}

/** An apply adds instances mostly in order: one pass to check costs less than a copy and a sort. */
function inOrder<T>(xs: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  for (let k = 1; k < xs.length; k++) if (compare(xs[k - 1], xs[k]) > 0) return [...xs].sort(compare);
  return xs;
}

function compareResources(a: ResourceState, b: ResourceState): number {
  return cmp(a.module ?? '', b.module ?? '') || cmp(a.mode, b.mode) || cmp(a.type, b.type) || cmp(a.name, b.name);
}

function compareInstances(a: InstanceState, b: InstanceState): number {
  const ka = a.indexKey;
  const kb = b.indexKey;
  if (ka !== kb) {
    if (ka === undefined || kb === undefined) return ka === undefined ? -1 : 1;
    if (typeof ka !== typeof kb) return typeof ka === 'number' ? -1 : 1;
    return typeof ka === 'number' ? ka - (kb as number) : cmp(ka, kb as string);
  }
  return cmp(a.deposed ?? '', b.deposed ?? '');
}

/** Go's encoding/json escapes these inside strings; they never occur outside strings in JSON. */
export function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
