/**
 * Field tables of the storage classes `SR`, `PBD`, `VDI` and `VBD` (xapi datamodel, API 2.23).
 * `PBD.device_config` may hold secrets (CHAP passwords); the client never logs records.
 */
import type { FieldTable, RecordOf } from './field-kinds';

/** `SR`: a storage repository; sizes in bytes. */
export const SR_FIELDS = {
  uuid: 'string',
  name_label: 'string',
  name_description: 'string',
  type: 'string',
  content_type: 'string',
  shared: 'bool',
  physical_size: 'int',
  physical_utilisation: 'int',
  virtual_allocation: 'int',
  PBDs: 'refs:PBD',
  VDIs: 'refs:VDI',
  sm_config: 'map',
  other_config: 'map',
  tags: 'strings',
  local_cache_enabled: 'bool',
  is_tools_sr: 'bool',
  allowed_operations: 'strings',
  current_operations: 'map',
} as const satisfies FieldTable;

/** A decoded `SR` record. */
export type SrRecord = RecordOf<typeof SR_FIELDS>;

/** `PBD`: the attachment of an SR to a host. */
export const PBD_FIELDS = {
  uuid: 'string',
  host: 'ref:host',
  SR: 'ref:SR',
  device_config: 'map',
  currently_attached: 'bool',
  other_config: 'map',
} as const satisfies FieldTable;

/** A decoded `PBD` record. */
export type PbdRecord = RecordOf<typeof PBD_FIELDS>;

/** `VDI`: a virtual disk; `virtual_size` in bytes. */
export const VDI_FIELDS = {
  uuid: 'string',
  name_label: 'string',
  name_description: 'string',
  SR: 'ref:SR',
  VBDs: 'refs:VBD',
  virtual_size: 'int',
  physical_utilisation: 'int',
  type: 'enum:system|user|ephemeral|suspend|crashdump|ha_statefile|metadata|redo_log|rrd|pvs_cache|cbt_metadata',
  sharable: 'bool',
  read_only: 'bool',
  managed: 'bool',
  missing: 'bool',
  location: 'string',
  is_a_snapshot: 'bool',
  snapshot_of: 'ref:VDI',
  snapshots: 'refs:VDI',
  snapshot_time: 'datetime',
  on_boot: 'enum:reset|persist',
  cbt_enabled: 'bool',
  sm_config: 'map',
  xenstore_data: 'map',
  other_config: 'map',
  tags: 'strings',
  allowed_operations: 'strings',
  current_operations: 'map',
} as const satisfies FieldTable;

/** A decoded `VDI` record. */
export type VdiRecord = RecordOf<typeof VDI_FIELDS>;

/** `VBD`: a VM's disk or CD drive; `VDI` is `OpaqueRef:NULL` for an empty drive. */
export const VBD_FIELDS = {
  uuid: 'string',
  VM: 'ref:VM',
  VDI: 'ref:VDI',
  device: 'string',
  userdevice: 'string',
  bootable: 'bool',
  mode: 'enum:RO|RW',
  type: 'enum:CD|Disk|Floppy',
  unpluggable: 'bool',
  empty: 'bool',
  currently_attached: 'bool',
  status_code: 'int',
  status_detail: 'string',
  qos_algorithm_type: 'string',
  qos_algorithm_params: 'map',
  metrics: 'ref:VBD_metrics',
  other_config: 'map',
  allowed_operations: 'strings',
  current_operations: 'map',
} as const satisfies FieldTable;

/** A decoded `VBD` record. */
export type VbdRecord = RecordOf<typeof VBD_FIELDS>;
