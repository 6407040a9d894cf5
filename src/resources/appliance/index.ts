/**
 * `xcp_appliance`: a VM_appliance (vApp) and its name. Membership and power state are read-only
 * here, one owner each: a VM joins with `xcp_vm.appliance` and its `xcp_vm.power_state` owns
 * its state; the appliance reports its members and their common state. XAPI's VM_appliance has
 * no tags nor other_config, so those attributes are refused at plan time instead of being
 * silently dropped. With `ovf_source`, create imports the OVF/OVA package (`ovf-create.ts`):
 * the members' disks are uploaded and the VMs created in start order.
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown, type ObjectValue } from '../../values/value';
import { NULL_REF, type XapiClass } from '../../xenapi';
import type { ApplyContext, ApplyResponse, CreateRequest, DeleteRequest, ImportRequest, PlanRequest, PlanResponse, ReadRequest, ReadResponse, ResourceType, UpdateRequest } from '../resource';
import { importOvfAppliance } from './ovf-create';
import { diskConversionNotes } from '../../ovf/disk/plan-notes';
import { ResourceError } from '../resource';
import type { PoolRecords } from '../snapshot';
import { orderedSet, str, strings, strMap } from '../kit/attrs';
import { parseImportId } from '../vm';
import { applianceSchema } from './schema';

const CLASSES: readonly XapiClass[] = ['VM_appliance', 'VM'];

/**
 * The members' common power state (`running`, `halted`, ...), `mixed` when they differ, null
 * without members. Derived only: each member's `xcp_vm.power_state` owns its state, so an
 * appliance wanting another one would undo it on every apply.
 */
function groupState(records: PoolRecords, members: readonly string[]): string | null {
  const states = new Set(members.map((m) => String(records.get('VM', m)?.power_state ?? '').toLowerCase()));
  if (states.size === 0) return null;
  return states.size === 1 ? [...states][0] : 'mixed';
}

function applianceState(records: PoolRecords, pool: string, ref: string, prior: ObjectValue | null): ObjectValue {
  const app = records.get('VM_appliance', ref)!;
  const members = app.VMs.filter((m) => records.get('VM', m));
  return {
    id: app.uuid,
    uuid: app.uuid,
    pool,
    name_label: app.name_label,
    name_description: app.name_description,
    tags: [],
    other_config: {},
    vms: orderedSet(members.map((m) => records.get('VM', m)!.uuid), strings(prior, 'vms')),
    power_state: groupState(records, members),
    ovf_source: str(prior, 'ovf_source') ?? null,
    ovf_deployment: str(prior, 'ovf_deployment') ?? null,
    import_sr: str(prior, 'import_sr') ?? null,
    import_network_map: strMap(prior, 'import_network_map'),
    allowed_operations: [...app.allowed_operations].sort(),
  };
}

function plan(req: PlanRequest): PlanResponse {
  const diagnostics: Diagnostic[] = [];
  for (const name of ['tags', 'other_config']) {
    const v = req.config[name];
    if (v !== null && v !== undefined && !isUnknown(v) && Object.keys(v as object).length > 0) {
      diagnostics.push(error('xcp_appliance.unsupported-attribute', `${name} cannot be set on an appliance`, {
        detail: `XAPI's VM_appliance has no ${name}; remove the attribute (tag the member VMs instead).`, path: [name],
      }));
    }
  }
  // On create, say what each disk of the package needs on its way into a VDI (format, conversion).
  const source = req.prior === null ? str(req.planned, 'ovf_source') : undefined;
  return { planned: req.planned, diagnostics, ...(source ? { notes: diskConversionNotes(source) } : {}) };
}

async function converge(ctx: ApplyContext, pool: string, ref: string, planned: ObjectValue): Promise<ApplyResponse> {
  const client = await ctx.client(pool);
  const rec = (await ctx.records(pool, CLASSES)).get('VM_appliance', ref)!;
  if (str(planned, 'name_label') !== undefined && str(planned, 'name_label') !== rec.name_label) await client.call('VM_appliance.set_name_label', ref, str(planned, 'name_label')!);
  if (str(planned, 'name_description') !== undefined && str(planned, 'name_description') !== rec.name_description) await client.call('VM_appliance.set_name_description', ref, str(planned, 'name_description')!);
  return { state: applianceState(await ctx.records(pool, CLASSES), pool, ref, planned) };
}

async function create(req: CreateRequest): Promise<ApplyResponse> {
  const { planned, ctx } = req;
  const source = str(planned, 'ovf_source');
  if (source) {
    // Import the package: disks uploaded, VMs created in start order, the appliance made.
    const pool = str(planned, 'pool') ?? ctx.pools[0];
    const map = planned.import_network_map;
    const imported = await importOvfAppliance({
      ctx,
      pool,
      source,
      importSr: str(planned, 'import_sr') ?? null,
      deployment: str(planned, 'ovf_deployment'),
      importNetworkMap: map && typeof map === 'object' && !Array.isArray(map) ? Object.fromEntries(Object.entries(map).filter(([, v]) => typeof v === 'string')) as Record<string, string> : {},
      nameLabel: str(planned, 'name_label'),
      nameDescription: str(planned, 'name_description'),
    });
    const hit = (await ctx.records(pool, CLASSES)).byUuid('VM_appliance', imported.applianceUuid)!;
    return converge(ctx, pool, hit.ref, planned);
  }
  const pool = str(planned, 'pool') ?? ctx.pools[0];
  const client = await ctx.client(pool);
  const ref = await client.call<string>('VM_appliance.create', { name_label: str(planned, 'name_label') ?? '', name_description: str(planned, 'name_description') ?? '' });
  return converge(ctx, pool, ref, planned);
}

async function update(req: UpdateRequest): Promise<ApplyResponse> {
  const pool = str(req.prior, 'pool') ?? req.ctx.pools[0];
  const hit = (await req.ctx.records(pool, CLASSES)).byUuid('VM_appliance', str(req.prior, 'uuid') ?? '');
  if (!hit) throw new ResourceError(error('xcp_appliance.gone', `appliance ${str(req.prior, 'uuid')} no longer exists`, { detail: 'It was deleted outside xcpform. Plan again.', address: req.ctx.address }));
  return converge(req.ctx, pool, hit.ref, req.planned);
}

async function remove(req: DeleteRequest): Promise<void> {
  const pool = str(req.prior, 'pool') ?? req.ctx.pools[0];
  const client = await req.ctx.client(pool);
  const hit = (await req.ctx.records(pool, CLASSES)).byUuid('VM_appliance', str(req.prior, 'uuid') ?? '');
  if (!hit) return;
  for (const m of hit.record.VMs) await client.call('VM.set_appliance', m, NULL_REF); // members stay, ungrouped
  await client.call('VM_appliance.destroy', hit.ref);
}

function read(req: ReadRequest): ReadResponse {
  const pool = str(req.prior, 'pool') ?? req.world.poolNames()[0] ?? '';
  const records = req.world.pool(pool);
  const hit = records.byUuid('VM_appliance', str(req.prior, 'uuid') ?? '');
  return { state: hit ? applianceState(records, pool, hit.ref, req.prior) : null };
}

function importAppliance(req: ImportRequest): ReadResponse {
  const { pool, uuid } = parseImportId(req.id, req.defaultPool);
  const records = req.world.pool(pool);
  const hit = records.byUuid('VM_appliance', uuid);
  if (!hit) return { state: null, diagnostics: [error('import.not-found', `no appliance ${uuid} in pool "${pool}"`, { detail: 'Import ids are "<pool>/<appliance uuid>".' })] };
  return { state: applianceState(records, pool, hit.ref, null) };
}

/** The `xcp_appliance` resource type. */
export const applianceResource = {
  schema: applianceSchema,
  classes: CLASSES,
  read,
  plan,
  create,
  update,
  delete: remove,
  import: importAppliance,
  capabilities: { seconds: { create: 30, delete: 5 } },
} satisfies ResourceType;
