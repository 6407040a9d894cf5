/** Deletions: state instances gone from the configuration, or everything in destroy mode. */
import { Diagnostic, error } from '../diagnostics';
import type { RateCard } from '../provider/endpoints';
import { resourceSchema } from '../provider/schemas';
import type { ObjectValue } from '../values/value';
import { monthlyCost } from './cost';
import type { ActionReason, ResourceChange } from './model';
import { jsonPatch } from './patch';
import type { BlockInfo, PriorResource } from './ports';
import { sensitivePaths } from './sensitive';
import { configAddress } from '../state/dependencies';

export interface DeletesRequest {
  readonly prior: readonly PriorResource[];
  readonly blocks: readonly BlockInfo[];
  readonly refreshed: (r: PriorResource) => ObjectValue | null;
  readonly destroyMode: boolean;
  readonly defaultPool: string;
  readonly rateCard?: RateCard;
  readonly diagnostics: Diagnostic[];
}

export function planDeletes(req: DeletesRequest): ResourceChange[] {
  const blocks = new Map(req.blocks.map((b) => [b.address, b]));
  const out: ResourceChange[] = [];
  const dependsOn = instanceBlocks([...req.blocks.map((b) => b.address), ...req.prior.map(blockOf)]);
  for (const r of req.prior) {
    const current = req.refreshed(r);
    if (current === null) continue; // already gone: drift reports it, nothing to destroy
    const blockAddress = blockOf(r);
    const block = blocks.get(blockAddress);
    const reason: ActionReason | undefined = req.destroyMode ? undefined
      : !block ? 'delete_because_no_resource_config'
      : typeof r.index === 'number' ? 'delete_because_count_index'
      : typeof r.index === 'string' ? 'delete_because_each_key' : 'delete_because_no_resource_config';
    if (block?.lifecycle.preventDestroy) {
      req.diagnostics.push(error('plan.prevent-destroy', 'Instance cannot be destroyed', {
        address: r.address,
        source: block.source,
        detail: `Resource ${r.address} has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed. To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the -target flag.`,
      }));
    }
    const schema = resourceSchema(r.type);
    out.push({
      address: r.address, mode: 'managed', type: r.type, name: r.name,
      ...(r.index !== undefined ? { index: r.index } : {}),
      providerConfig: r.providerConfig, action: 'delete', ...(reason ? { actionReason: reason } : {}),
      before: current, after: null,
      beforeSensitive: schema ? sensitivePaths(schema.block, current) : [], afterSensitive: [],
      replacePaths: [], migratePaths: [], haltPaths: [], notes: [],
      ...(req.rateCard ? { cost: { before: monthlyCost(r.type, current, req.rateCard, req.defaultPool), after: 0 } } : {}),
      dependsOn: dependsOn(r.dependencies), schemaVersion: schema?.version ?? 0, patch: jsonPatch(current, null),
    });
  }
  return out;
}

/** The block address of a prior instance (its address without the instance key; module path kept). */
function blockOf(r: { readonly address: string; readonly index?: number | string }): string {
  return r.index === undefined ? r.address : r.address.slice(0, r.address.length - `[${JSON.stringify(r.index)}]`.length);
}

/**
 * The state names dependencies by configuration address (`module.m.xcp_network.n`, as Terraform
 * writes them); the apply orders changes by block address with module instance keys
 * (`module.m[0].xcp_network.n`). Each dependency becomes every such block it stands for.
 */
function instanceBlocks(known: readonly string[]): (deps: readonly string[]) => string[] {
  const byConfig = new Map<string, Set<string>>();
  for (const a of known) {
    const key = configAddress(a);
    if (key !== a) (byConfig.get(key) ?? byConfig.set(key, new Set()).get(key)!).add(a);
  }
  return (deps) => [...new Set(deps.flatMap((d) => [d, ...(byConfig.get(d) ?? [])]))].sort();
}
