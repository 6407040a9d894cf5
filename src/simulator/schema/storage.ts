/** Class tables: SR, PBD, VDI, VBD. */
import { bool, datetime, enumOf, field, int, mapOf, ref, setOf, smap, str } from '../model/types';
import { defineClass } from './class-spec';
import { allowedOps, currentOps } from './operations';

const RW = 'RW';
const RC = 'RC';

export const SR = defineClass('SR', {
  name_label: field(str, RC),
  name_description: field(str, RC),
  allowed_operations: field(allowedOps('SR')),
  current_operations: field(currentOps('SR')),
  VDIs: field(setOf(ref('VDI'))),
  PBDs: field(setOf(ref('PBD'))),
  virtual_allocation: field(int),
  physical_utilisation: field(int),
  physical_size: field(int),
  type: field(str),
  content_type: field(str),
  shared: field(bool),
  other_config: field(smap, RW),
  tags: field(setOf(str), RW),
  sm_config: field(smap, RW),
  blobs: field(mapOf(str, ref('blob'))),
  local_cache_enabled: field(bool),
  introduced_by: field(ref('DR_task')),
  clustered: field(bool),
  is_tools_sr: field(bool),
});

export const PBD = defineClass(
  'PBD',
  {
    host: field(ref('host'), RC),
    SR: field(ref('SR'), RC),
    device_config: field(smap, RC),
    currently_attached: field(bool),
    other_config: field(smap, RW),
  },
  { implicitCreate: true, createRequired: ['host', 'SR', 'device_config'] },
);

export const vdiTypes = [
  'system', 'user', 'ephemeral', 'suspend', 'crashdump', 'ha_statefile', 'metadata', 'redo_log', 'rrd', 'pvs_cache', 'cbt_metadata',
];

export const VDI = defineClass(
  'VDI',
  {
    name_label: field(str, RW),
    name_description: field(str, RW),
    allowed_operations: field(allowedOps('VDI')),
    current_operations: field(currentOps('VDI')),
    SR: field(ref('SR'), RC),
    VBDs: field(setOf(ref('VBD'))),
    crash_dumps: field(setOf(ref('crashdump'))),
    virtual_size: field(int, RC),
    physical_utilisation: field(int),
    type: field(enumOf('vdi_type', ...vdiTypes), RC, 'user'),
    sharable: field(bool, RC),
    read_only: field(bool, RC),
    other_config: field(smap, RW),
    storage_lock: field(bool),
    location: field(str),
    managed: field(bool, 'RO', true),
    missing: field(bool),
    parent: field(ref('VDI')),
    xenstore_data: field(smap, RW),
    sm_config: field(smap, RW),
    is_a_snapshot: field(bool),
    snapshot_of: field(ref('VDI')),
    snapshots: field(setOf(ref('VDI'))),
    snapshot_time: field(datetime),
    tags: field(setOf(str), RW),
    allow_caching: field(bool),
    on_boot: field(enumOf('on_boot', 'persist', 'reset')),
    metadata_of_pool: field(ref('pool')),
    metadata_latest: field(bool),
    is_tools_iso: field(bool),
    cbt_enabled: field(bool),
  },
  { implicitCreate: true, createRequired: ['SR', 'virtual_size', 'type', 'sharable', 'read_only', 'other_config'] },
);

export const VBD = defineClass(
  'VBD',
  {
    allowed_operations: field(allowedOps('VBD')),
    current_operations: field(currentOps('VBD')),
    VM: field(ref('VM'), RC),
    VDI: field(ref('VDI'), RC),
    device: field(str),
    userdevice: field(str, RW),
    bootable: field(bool, RW),
    mode: field(enumOf('vbd_mode', 'RO', 'RW'), RW, 'RW'),
    type: field(enumOf('vbd_type', 'CD', 'Disk', 'Floppy'), RW, 'Disk'),
    unpluggable: field(bool, RW, true),
    storage_lock: field(bool),
    empty: field(bool, RC),
    other_config: field(smap, RW),
    currently_attached: field(bool, RC),
    status_code: field(int),
    status_detail: field(str),
    runtime_properties: field(smap),
    qos_algorithm_type: field(str, RW),
    qos_algorithm_params: field(smap, RW),
    qos_supported_algorithms: field(setOf(str)),
    metrics: field(ref('VBD_metrics')),
  },
  { implicitCreate: true, createRequired: ['VM', 'VDI', 'userdevice', 'bootable', 'mode', 'type', 'empty', 'other_config', 'qos_algorithm_type', 'qos_algorithm_params'], removed: ['metrics'] },
);
