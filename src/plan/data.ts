/**
 * Data sources at plan time: read now from the bulk records when the configuration is known
 * and nothing it depends on changes; otherwise read during apply (`<=`) with every result
 * attribute unknown.
 */
import { Diagnostic, error } from '../diagnostics';
import { dataSourceSchema } from '../provider/schemas';
import { dataSourceType } from '../resources/registry';
import type { WorldSnapshot } from '../resources/snapshot';
import { containsUnknown, ObjectValue, UNKNOWN, Value } from '../values/value';
import type { DataRead, ResourceChange } from './model';
import type { BlockInfo, InstanceConfig } from './ports';

/**
 * Terraform defers a data source's read to apply when a resource it refers to (directly, or
 * through depends_on) has changes pending, or a data source it refers to is itself read during
 * apply, so that it reads the world as the apply leaves it, not as it was.
 */
export function dependencyPending(block: BlockInfo, changes: readonly ResourceChange[]): boolean {
  const refs = new Set(block.references);
  return changes.some((c) => c.action !== 'no-op' && refs.has(c.address.replace(/\[[^\]]*\]$/, '')));
}

/**
 * Plans one data resource instance: `read` holds the result when it was read now (it becomes
 * part of the plan), `change` the `<=` read deferred to apply (configuration not known yet, or
 * {@link dependencyPending}).
 */
export function planDataInstance(block: BlockInfo, inst: InstanceConfig, world: WorldSnapshot, defaultPool: string, dependencyPending = false): { change?: ResourceChange; read?: DataRead; value: Value; diagnostics: Diagnostic[] } {
  const at = { address: inst.address, source: block.source };
  const schema = dataSourceSchema(block.type);
  const ds = dataSourceType(block.type);
  if (!schema || !ds) {
    return { value: null, diagnostics: [error('plan.unknown-data-source', `${inst.address}: data source "${block.type}" is not available in this build`, at)] };
  }
  const unknownResult = (): ObjectValue => Object.fromEntries(Object.entries(schema.block.attributes).map(([k, a]) => [k, inst.values[k] ?? (a.computed ? UNKNOWN : null)]));
  const configUnknown = containsUnknown(inst.values);
  if (configUnknown || dependencyPending) {
    const after = unknownResult();
    const change: ResourceChange = {
      address: inst.address, mode: 'data', type: block.type, name: block.name,
      ...(inst.index !== undefined ? { index: inst.index } : {}),
      providerConfig: block.providerConfig, action: 'read', actionReason: configUnknown ? 'read_because_config_unknown' : 'read_because_dependency_pending',
      before: null, after, beforeSensitive: [], afterSensitive: [], replacePaths: [], migratePaths: [], haltPaths: [],
      notes: [configUnknown ? 'config refers to values not yet known' : 'depends on a resource or a module with changes pending'], dependsOn: block.references, schemaVersion: schema.version, patch: [],
    };
    return { change, value: after, diagnostics: [] };
  }
  const res = ds.read({ config: inst.values, world, defaultPool });
  const diagnostics = (res.diagnostics ?? []).map((d) => ({ ...d, address: d.address ?? inst.address, source: d.source ?? block.source }));
  const read: DataRead | undefined = res.state ? {
    address: inst.address, type: block.type, name: block.name,
    ...(inst.index !== undefined ? { index: inst.index } : {}),
    providerConfig: block.providerConfig, schemaVersion: schema.version, values: res.state,
  } : undefined;
  return { value: res.state, diagnostics, ...(read ? { read } : {}) };
}
