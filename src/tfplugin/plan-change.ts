/**
 * PlanResourceChange in engine terms first and Terraform's second:
 * 1. the one decision (`plan/decide.ts`, the same call the CLI planner makes) gives the action,
 *    the planned values, the paths that force replacement and the notes;
 * 2. the result is put in the Terraform view (views.ts): configured values exactly as written;
 * 3. the decision is recorded in the planned private data, which ApplyResourceChange follows;
 * 4. the notes a CLI user reads in the plan (halts, migrations with their bytes, ignored
 *    cloud-init changes) become warning diagnostics, so `terraform plan` shows them too.
 * Deterministic: no clock, no randomness, and the world is only read.
 */
import { warning, type Diagnostic } from '../diagnostics';
import { decide, encodeDecision, type Decision } from '../plan/decide';
import type { DiffAction } from '../plan/diff';
import type { AttrPath } from '../plan/paths';
import type { ResourceType } from '../resources/resource';
import type { WorldSnapshot } from '../resources/snapshot';
import type { ResourceSchema } from '../schema/model';
import type { ObjectValue } from '../values/value';
import { keepConfigured, withDefaults } from './views';

export interface PlanInput {
  readonly schema: ResourceSchema;
  readonly resource?: ResourceType;
  /** Terraform-view prior state; null for a create. */
  readonly prior: ObjectValue | null;
  readonly config: ObjectValue;
  readonly defaultPool: string;
  /** Records for the resource's plan hook; called only when the resource has one. */
  readonly world?: () => Promise<WorldSnapshot>;
  /** For notes (`xcp_vm "web"`); Terraform does not tell a provider the resource's address. */
  readonly address?: string;
}

export interface PlanOutput {
  /** Terraform-view planned state. */
  readonly planned: ObjectValue;
  readonly action: DiffAction;
  readonly requiresReplace: readonly AttrPath[];
  readonly diagnostics: readonly Diagnostic[];
  /** The decision as recorded in the planned private data. */
  readonly private: Buffer;
  readonly decision: Decision;
}

/**
 * The engine-view configuration: the pool defaults to the provider's default pool on create,
 * except for a placed resource with a placement block, whose pool apply chooses from the live
 * capacity (planned unknown: one resource's plan cannot see what the others take).
 */
export function engineConfig(schema: ResourceSchema, config: ObjectValue, prior: ObjectValue | null, defaultPool: string, resource?: ResourceType): ObjectValue {
  const out = { ...config };
  const placement = out.placement;
  const placed = resource?.capabilities?.placed === true && placement !== null && placement !== undefined && !(Array.isArray(placement) && placement.length === 0);
  if ('pool' in schema.block.attributes && (out.pool ?? null) === null && !prior && !placed) out.pool = defaultPool;
  return out;
}

export async function planChange(input: PlanInput): Promise<PlanOutput> {
  const { schema, prior } = input;
  const config = engineConfig(schema, input.config, prior, input.defaultPool, input.resource);
  const enginePrior = prior ? withDefaults(schema.block, prior) : null;
  const world = input.resource?.plan && input.world ? await input.world() : undefined;
  const decision = decide({ schema, address: input.address ?? schema.typeName, resource: input.resource, prior: enginePrior, config, world });
  const diagnostics: Diagnostic[] = [...decision.diagnostics, ...noteWarnings(decision)];
  return {
    planned: keepConfigured(schema.block, decision.planned, config),
    action: decision.action,
    requiresReplace: decision.replacePaths,
    diagnostics,
    private: encodeDecision(decision),
    decision,
  };
}

/** What the CLI's plan text says beside the change, as Terraform warnings. */
function noteWarnings(d: Decision): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (d.restarts && !d.notes.some((n) => /shut down cleanly/.test(n))) {
    out.push(warning('plan.halt', 'The object will be shut down cleanly, updated and started again', {
      detail: `${d.haltPaths.map((p) => p.join('.')).join(', ')} can change only while it is halted: apply stops it, makes the change and starts it again.`,
      path: d.haltPaths[0],
    }));
  }
  if (d.action === 'migrate') {
    const bytes = d.bytesToMove ?? 0;
    out.push(warning('plan.migrate', 'The object will be migrated, not rebuilt', {
      detail: `A live migration (${d.migratePaths.map((p) => p.join('.')).join(', ')} changed)${bytes ? `, moving ${bytes} bytes (${(bytes / 1024 ** 3).toFixed(1)} GiB) of disk data` : ''}.`,
      path: d.migratePaths[0],
    }));
  }
  for (const note of d.notes) out.push(warning('plan.note', note.charAt(0).toUpperCase() + note.slice(1)));
  return out;
}
