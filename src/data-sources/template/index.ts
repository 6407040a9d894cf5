/**
 * Data source `xcp_template`: exactly one template of a pool by UUID and/or name (default
 * templates share UUIDs across pools, so the lookup is always per pool), with its defaults:
 * firmware, vCPUs, memory, the disks it provisions (`other_config:disks`) or carries, NICs,
 * platform flags and install methods.
 */
import { templateDataSchema } from '../schemas';
import type { DataReadRequest, DataSourceType, ReadResponse } from '../../resources/resource';
import { bool, orderedSet, sortedMap, str, strings } from '../../resources/kit/attrs';
import { parseProvision } from '../../resources/vm/template';
import type { XapiClass } from '../../xenapi';
import { templateCandidates } from './candidates';
import { describeFilters, diskSummaries, filterVms, nicSummaries, pickOne } from '../vm';

const CLASSES: readonly XapiClass[] = ['VM', 'VBD', 'VDI', 'VIF', 'network', 'SR'];

function read(req: DataReadRequest): ReadResponse {
  const pool = str(req.config, 'pool') ?? req.defaultPool;
  const records = req.world.pool(pool);
  const defaultOnly = bool(req.config, 'default_only') === true;
  const found = pickOne('template', pool, describeFilters(req.config) + (defaultOnly ? ' (default templates only)' : ''),
    filterVms(records, req.config, (v) => v.is_a_template && !v.is_a_snapshot && !v.is_control_domain && (!defaultOnly || v.is_default_template)));
  if (!('ref' in found)) return { state: null, diagnostics: [found.code === 'data.not-found' ? templateCandidates(found, records, str(req.config, 'name_label')) : found] };
  const t = found.record;
  const provisioned = parseProvision(t.other_config.disks).map((d) => ({
    userdevice: d.device, size: d.size, sr: d.sr, bootable: d.bootable, vdi_uuid: '',
  }));
  return {
    state: {
      id: t.uuid,
      pool,
      uuid: t.uuid,
      name_label: t.name_label,
      name_description: t.name_description,
      other_config: sortedMap(t.other_config),
      default_only: req.config.default_only ?? null,
      firmware: t.HVM_boot_params.firmware ?? 'bios',
      vcpus: t.VCPUs_at_startup,
      memory: t.memory_static_max,
      disks: [...diskSummaries(records, t), ...provisioned],
      nics: nicSummaries(records, t),
      platform: sortedMap(t.platform),
      install_methods: (t.other_config['install-methods'] ?? '').split(',').map((m) => m.trim()).filter(Boolean),
      is_default: t.is_default_template,
      tags: orderedSet(t.tags, strings(req.config, 'tags')),
    },
  };
}

/** The `xcp_template` data source. */
export const templateDataSource = { schema: templateDataSchema, classes: CLASSES, read } satisfies DataSourceType;
