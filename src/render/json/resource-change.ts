/**
 * One resource change and one state resource in the plan JSON shapes (tfplugin.md 5(a)):
 * `resource_changes[]`/`resource_drift[]` and `planned_values`/`prior_state` resources.
 */
import type { Action, ResourceChange } from '../../plan/model';
import { PROVIDER_ADDRESS } from '../../schema/provider-json';
import { changeSensitivity, SchemaLookup, SensitivityIndex } from '../sensitivity';
import { Json, publicValue, sensitiveAsBool, unknownAsBool } from './trees';
import type { ObjectValue } from '../../values/value';

/** Terraform's `actions` for each xcpform action; a migration is an `update` to other tools. */
export const JSON_ACTIONS: Record<Action, readonly string[]> = {
  create: ['create'],
  update: ['update'],
  migrate: ['update'],
  replace: ['delete', 'create'],
  'replace-cbd': ['create', 'delete'],
  delete: ['delete'],
  read: ['read'],
  'no-op': ['no-op'],
  forget: ['forget'],
};

/** Terraform's `change` object. */
export interface ChangeJson {
  readonly actions: readonly string[];
  readonly before: Json;
  readonly after: Json;
  readonly after_unknown: Json;
  readonly before_sensitive: Json;
  readonly after_sensitive: Json;
  readonly replace_paths?: readonly (readonly (string | number)[])[];
  readonly importing?: { readonly id: string };
}

/** An entry of `resource_changes` / `resource_drift`. */
export interface ResourceChangeJson {
  readonly address: string;
  /** The module instance path, absent in the root module. */
  readonly module_address?: string;
  readonly previous_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly provider_name: string;
  readonly change: ChangeJson;
  readonly action_reason?: string;
}

/** A resource of a state-values document (`planned_values`, `prior_state.values`). */
export interface StateResourceJson {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly provider_name: string;
  readonly schema_version: number;
  readonly values: Json;
  readonly sensitive_values: Json;
  readonly depends_on?: readonly string[];
}

function sideSensitive(v: ObjectValue | null, index: SensitivityIndex): Json {
  return v === null ? false : sensitiveAsBool(v, index);
}

/** A `resource_changes[]` (or `resource_drift[]`) entry; `actions` overrides for drift. */
export function resourceChangeJson(c: ResourceChange, schemas: SchemaLookup, actions: readonly string[] = JSON_ACTIONS[c.action]): ResourceChangeJson {
  const sens = changeSensitivity(c, schemas);
  const change: ChangeJson = {
    actions: [...actions],
    before: c.before === null ? null : publicValue(c.before, sens.before),
    after: c.after === null ? null : publicValue(c.after, sens.after),
    after_unknown: c.after === null ? false : unknownAsBool(c.after),
    before_sensitive: sideSensitive(c.before, sens.before),
    after_sensitive: sideSensitive(c.after, sens.after),
    ...(c.replacePaths.length ? { replace_paths: c.replacePaths.map((p) => [...p]) } : {}),
    ...(c.importing ? { importing: { id: c.importing.id } } : {}),
  };
  const module = moduleOf(c.address);
  return {
    address: c.address,
    ...(module ? { module_address: module } : {}),
    ...(c.previousAddress ? { previous_address: c.previousAddress } : {}),
    mode: c.mode,
    type: c.type,
    name: c.name,
    ...(c.index !== undefined ? { index: c.index } : {}),
    provider_name: PROVIDER_ADDRESS,
    change,
    ...(c.actionReason ? { action_reason: c.actionReason } : {}),
  };
}

/** A state resource for `planned_values` (side `after`) or `prior_state` (side `before`). */
export function stateResourceJson(c: ResourceChange, side: 'before' | 'after', schemas: SchemaLookup): StateResourceJson | undefined {
  const value = c[side];
  if (value === null) return undefined;
  const sens = changeSensitivity(c, schemas)[side];
  return {
    address: c.address,
    mode: c.mode,
    type: c.type,
    name: c.name,
    ...(c.index !== undefined ? { index: c.index } : {}),
    provider_name: PROVIDER_ADDRESS,
    schema_version: c.schemaVersion,
    values: publicValue(value, sens),
    sensitive_values: sensitiveAsBool(value, sens),
    ...(side === 'before' && c.dependsOn.length ? { depends_on: [...c.dependsOn].sort() } : {}),
  };
}

/** `module.a["k"].module.b` of `module.a["k"].module.b.xcp_vm.web[0]`; `''` in the root module. */
export function moduleOf(address: string): string {
  const m = /^((?:module\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.)*)/.exec(address)!;
  return m[1].slice(0, -1);
}
