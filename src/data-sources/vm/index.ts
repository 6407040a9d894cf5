/**
 * Data source `xcp_vm`: exactly one VM of a pool (not a template, snapshot or control domain)
 * by UUID, name and/or tags; none or several is an error listing the candidates. Also exports
 * the shared "exactly one" rule and the disk/NIC summaries the `xcp_template` data source uses.
 */
import { error, type Diagnostic } from '../../diagnostics';
import { vmDataSchema } from '../schemas';
import type { DataReadRequest, DataSourceType, ReadResponse } from '../../resources/resource';
import type { PoolRecords } from '../../resources/snapshot';
import { str, strings, orderedSet, sortedMap } from '../../resources/kit/attrs';
import { guestAddresses } from '../../resources/vm/platform';
import { NULL_REF, type XapiClass, type XapiRecord } from '../../xenapi';
import type { ObjectValue } from '../../values/value';

type Vm = XapiRecord<'VM'>;

/** The one candidate, or an error diagnostic listing none or all of them. */
export function pickOne(what: string, pool: string, filters: string, candidates: readonly { ref: string; record: Vm }[]): { ref: string; record: Vm } | Diagnostic {
  if (candidates.length === 1) return candidates[0];
  const list = candidates.map((c) => `"${c.record.name_label}" (${c.record.uuid})`).sort();
  return candidates.length === 0
    ? error('data.not-found', `no ${what} in pool "${pool}" matches ${filters}`, { detail: `Check the name, UUID or tags, and the pool: lookups are per pool.` })
    : error('data.ambiguous', `${candidates.length} ${what}s in pool "${pool}" match ${filters}`, {
        detail: `Candidates: ${list.slice(0, 20).join(', ')}${list.length > 20 ? ', ...' : ''}. Narrow the lookup with uuid, name_label or tags.`,
      });
}

/** Human description of the filters of a lookup. */
export function describeFilters(config: ObjectValue): string {
  const parts = ['uuid', 'name_label'].filter((k) => str(config, k) !== undefined).map((k) => `${k} = "${str(config, k)}"`);
  if (strings(config, 'tags').length) parts.push(`tags ⊇ [${strings(config, 'tags').join(', ')}]`);
  return parts.length ? parts.join(', ') : 'no filter';
}

/** Candidates of `records` passing the common filters (uuid, name_label, tags). */
export function filterVms(records: PoolRecords, config: ObjectValue, keep: (vm: Vm) => boolean): { ref: string; record: Vm }[] {
  const uuid = str(config, 'uuid')?.toLowerCase();
  const name = str(config, 'name_label');
  const tags = strings(config, 'tags');
  return [...records.all('VM')].map(([ref, record]) => ({ ref: ref as string, record }))
    .filter(({ record }) => keep(record) && (!uuid || record.uuid === uuid) && (name === undefined || record.name_label === name) && tags.every((t) => record.tags.includes(t)));
}

/** Disks (Disk VBDs) of a VM as the data sources report them. */
export function diskSummaries(records: PoolRecords, vm: Vm): ObjectValue[] {
  return vm.VBDs.map((b) => records.get('VBD', b)).filter((b) => b && b.type === 'Disk' && b.VDI !== NULL_REF)
    .sort((a, b) => Number(a!.userdevice) - Number(b!.userdevice))
    .map((b) => {
      const vdi = records.get('VDI', b!.VDI);
      return { userdevice: b!.userdevice, size: vdi?.virtual_size ?? 0, sr: vdi ? records.get('SR', vdi.SR)?.uuid ?? '' : '', bootable: b!.bootable, vdi_uuid: vdi?.uuid ?? '' };
    });
}

/** NICs of a VM as the data sources report them. */
export function nicSummaries(records: PoolRecords, vm: Vm): ObjectValue[] {
  return vm.VIFs.map((v) => records.get('VIF', v)).filter((v) => v !== undefined)
    .sort((a, b) => Number(a!.device) - Number(b!.device))
    .map((v) => ({ device: v!.device, network: records.get('network', v!.network)?.uuid ?? '', mac: v!.MAC }));
}

const CLASSES: readonly XapiClass[] = ['VM', 'VBD', 'VDI', 'VIF', 'network', 'SR', 'VM_guest_metrics', 'host'];

function read(req: DataReadRequest): ReadResponse {
  const pool = str(req.config, 'pool') ?? req.defaultPool;
  const records = req.world.pool(pool);
  const found = pickOne('VM', pool, describeFilters(req.config), filterVms(records, req.config, (v) => !v.is_a_template && !v.is_a_snapshot && !v.is_control_domain));
  if (!('ref' in found)) return { state: null, diagnostics: [found] };
  const vm = found.record;
  const gm = vm.guest_metrics !== NULL_REF ? records.get('VM_guest_metrics', vm.guest_metrics) : undefined;
  return {
    state: {
      id: vm.uuid,
      pool,
      uuid: vm.uuid,
      name_label: vm.name_label,
      name_description: vm.name_description,
      other_config: sortedMap(vm.other_config),
      tags: orderedSet(vm.tags, strings(req.config, 'tags')),
      power_state: vm.power_state.toLowerCase(),
      host: vm.resident_on !== NULL_REF ? records.get('host', vm.resident_on)?.uuid ?? '' : '',
      ip_addresses: guestAddresses(gm?.networks ?? {}).all,
      vcpus: vm.VCPUs_at_startup,
      memory: vm.memory_static_max,
      disks: diskSummaries(records, vm),
      nics: nicSummaries(records, vm),
      is_template: vm.is_a_template,
    },
  };
}

/** The `xcp_vm` data source. */
export const vmDataSource = { schema: vmDataSchema, classes: CLASSES, read } satisfies DataSourceType;
