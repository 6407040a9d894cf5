/**
 * The state model: what xcpform knows about the objects it manages, in Terraform's terms
 * (resources of a mode/type/name, instances by index key, deposed objects). It is plain,
 * immutable-by-convention data: helpers return a new `State` sharing the untouched parts, so
 * a snapshot handed to a writer never changes under it. The file format lives in
 * `file-v4.ts`; storage and locking in `backends/`.
 */

/** `count` index (number) or `for_each` key (string). */
export type IndexKey = number | string;

/** One step of an attribute path in `sensitive_attributes` (cty path JSON). */
export type PathStep =
  | { readonly type: 'get_attr'; readonly value: string }
  | { readonly type: 'index'; readonly value: { readonly value: string | number; readonly type: 'string' | 'number' } };

/** One object: the current one of an instance, or a deposed one (`deposed` set). */
export interface InstanceState {
  readonly indexKey?: IndexKey;
  /** 8 lowercase hex digits for an object kept by create_before_destroy. */
  readonly deposed?: string;
  /** A create that failed after the object existed: replace it next time. */
  readonly status?: 'tainted';
  readonly schemaVersion: number;
  /** The object's attributes as JSON (tfplugin.md §4.2). */
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly sensitiveAttributes: readonly (readonly PathStep[])[];
  readonly identitySchemaVersion?: number;
  readonly identity?: Readonly<Record<string, unknown>>;
  /** Base64 of the provider's private bytes. */
  readonly private?: string;
  /** Addresses of direct dependencies (not transitive: state size). */
  readonly dependencies: readonly string[];
  readonly createBeforeDestroy?: boolean;
  /** Fields of the file this version does not model, kept so a rewrite loses nothing. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A resource block's instances. */
export interface ResourceState {
  /** `module.a.module.b["k"]`; absent for the root module. */
  readonly module?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** `provider["registry.terraform.io/xcpform/xcp"]` (+ `.alias`, `module.m.` prefix). */
  readonly provider: string;
  readonly instances: readonly InstanceState[];
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A root module output. `type` is cty type JSON. */
export interface OutputState {
  readonly value: unknown;
  readonly type: unknown;
  readonly sensitive?: boolean;
}

/** A whole state snapshot. */
export interface State {
  readonly terraformVersion: string;
  /** Incremented by the writer whenever persisted content changes. */
  readonly serial: number;
  /** UUID fixed when the state is created: "the same history". */
  readonly lineage: string;
  readonly outputs: Readonly<Record<string, OutputState>>;
  readonly resources: readonly ResourceState[];
  /** Terraform's check results, kept verbatim (xcpform does not produce them). */
  readonly checkResults: unknown;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** The Terraform release whose state format xcpform writes (`terraform_version`). */
export const STATE_TERRAFORM_VERSION = '1.11.4';

/** Terraform's source address of the xcp provider. */
export const XCP_PROVIDER_SOURCE = 'registry.terraform.io/xcpform/xcp';

/** `provider["registry.terraform.io/xcpform/xcp"]`, with `.alias` and a module prefix when given. */
export function providerAddress(alias?: string, module?: string): string {
  return `${module ? `${module}.` : ''}provider["${XCP_PROVIDER_SOURCE}"]${alias ? `.${alias}` : ''}`;
}

/** A new, empty state with a fresh lineage (UUID v4). */
export function emptyState(lineage: string = crypto.randomUUID()): State {
  return { terraformVersion: STATE_TERRAFORM_VERSION, serial: 0, lineage, outputs: {}, resources: [], checkResults: null };
}

/** Where one object lives. */
export interface InstanceAddress {
  readonly module?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly key?: IndexKey;
}

/** `module.m.data.xcp_pool.p["k"]` from its parts (Terraform's syntax). */
export function formatAddress(a: InstanceAddress): string {
  const key = a.key === undefined ? '' : typeof a.key === 'number' ? `[${a.key}]` : `[${JSON.stringify(a.key)}]`;
  return `${a.module ? `${a.module}.` : ''}${a.mode === 'data' ? 'data.' : ''}${a.type}.${a.name}${key}`;
}

const KEY = String.raw`(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])`;
const ADDRESS = new RegExp(String.raw`^((?:module\.[A-Za-z_][\w-]*${KEY}?\.)*)(data\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(${KEY})?$`);

/** Parses an instance address; undefined when malformed. */
export function parseAddress(s: string): InstanceAddress | undefined {
  const m = ADDRESS.exec(s);
  if (!m || m[3] === 'module' || (!m[2] && m[3] === 'data')) return undefined; // reserved words, not types
  const key = m[5] === undefined ? undefined : m[5].startsWith('["') ? (JSON.parse(m[5].slice(1, -1)) as string) : Number(m[5].slice(1, -1));
  return { ...(m[1] ? { module: m[1].slice(0, -1) } : {}), mode: m[2] ? 'data' : 'managed', type: m[3], name: m[4], ...(key === undefined ? {} : { key }) };
}

function sameResource(r: ResourceState, a: InstanceAddress): boolean {
  return (r.module ?? '') === (a.module ?? '') && r.mode === a.mode && r.type === a.type && r.name === a.name;
}

/** The current (not deposed) object at `address`, if any. */
export function findInstance(s: State, address: InstanceAddress): InstanceState | undefined {
  return s.resources.find((r) => sameResource(r, address))?.instances.find((i) => i.indexKey === address.key && i.deposed === undefined);
}

/**
 * A new state with `obj` as the object at `address` (current, or the deposed one with the same
 * `obj.deposed`), creating the resource with `provider` if needed. `obj.indexKey` is set from
 * the address.
 */
export function setInstance(s: State, address: InstanceAddress, obj: Omit<InstanceState, 'indexKey'>, provider: string): State {
  const inst: InstanceState = { ...(address.key === undefined ? {} : { indexKey: address.key }), ...obj };
  const same = (i: InstanceState): boolean => i.indexKey === address.key && i.deposed === obj.deposed;
  const idx = s.resources.findIndex((r) => sameResource(r, address));
  if (idx < 0) {
    const r: ResourceState = { ...(address.module ? { module: address.module } : {}), mode: address.mode, type: address.type, name: address.name, provider, instances: [inst] };
    return { ...s, resources: [...s.resources, r] };
  }
  const r = s.resources[idx];
  const at = r.instances.findIndex(same);
  const instances = at < 0 ? [...r.instances, inst] : r.instances.map((i, k) => (k === at ? inst : i));
  return { ...s, resources: s.resources.map((x, k) => (k === idx ? { ...r, instances } : x)) };
}

/** A new state without the object at `address` (current, or deposed `deposed`); drops an emptied resource. */
export function removeInstance(s: State, address: InstanceAddress, deposed?: string): State {
  const idx = s.resources.findIndex((r) => sameResource(r, address));
  if (idx < 0) return s;
  const r = s.resources[idx];
  const instances = r.instances.filter((i) => !(i.indexKey === address.key && i.deposed === deposed));
  if (instances.length === r.instances.length) return s;
  const resources = instances.length ? s.resources.map((x, k) => (k === idx ? { ...r, instances } : x)) : s.resources.filter((_, k) => k !== idx);
  return { ...s, resources };
}

/** A new state with output `name` set (or removed when `value` is undefined). */
export function setOutput(s: State, name: string, value: OutputState | undefined): State {
  const outputs = { ...s.outputs };
  if (value === undefined) delete outputs[name];
  else outputs[name] = value;
  return { ...s, outputs };
}

/** Every instance address in the state, current objects only, in file order. */
export function listAddresses(s: State): string[] {
  const out: string[] = [];
  for (const r of s.resources) for (const i of r.instances) if (i.deposed === undefined) out.push(formatAddress({ ...r, key: i.indexKey }));
  return out;
}
