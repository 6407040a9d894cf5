/**
 * Field tables of `pool`, `host` and `host_metrics` (xapi datamodel, API 2.23). Only fields
 * xcpform may read are listed; other fields still arrive at run time, untyped.
 */
import type { FieldTable, RecordOf } from './field-kinds';

/** `pool`: exactly one per pool; `master` names the host that serves the API. */
export const POOL_FIELDS = {
  uuid: 'string',
  name_label: 'string',
  name_description: 'string',
  master: 'ref:host',
  default_SR: 'ref:SR',
  suspend_image_SR: 'ref:SR',
  crash_dump_SR: 'ref:SR',
  other_config: 'map',
  gui_config: 'map',
  tags: 'strings',
  ha_enabled: 'bool',
  ha_host_failures_to_tolerate: 'int',
  ha_plan_exists_for: 'int',
  last_update_sync: 'datetime',
  update_sync_day: 'int',
  telemetry_next_collection: 'datetime',
  restrictions: 'map',
  cpu_info: 'map',
  migration_compression: 'bool',
  tls_verification_enabled: 'bool',
  allowed_operations: 'strings',
  current_operations: 'map',
} as const satisfies FieldTable;

/** A decoded `pool` record. */
export type PoolRecord = RecordOf<typeof POOL_FIELDS>;

/** `host`: a physical server; `address` is its management IP. */
export const HOST_FIELDS = {
  uuid: 'string',
  name_label: 'string',
  name_description: 'string',
  hostname: 'string',
  address: 'string',
  enabled: 'bool',
  API_version_major: 'int',
  API_version_minor: 'int',
  API_version_vendor: 'string',
  software_version: 'map',
  other_config: 'map',
  tags: 'strings',
  capabilities: 'strings',
  cpu_info: 'map',
  memory_overhead: 'int',
  resident_VMs: 'refs:VM',
  PIFs: 'refs:PIF',
  PBDs: 'refs:PBD',
  host_CPUs: 'refs:host_cpu',
  metrics: 'ref:host_metrics',
  control_domain: 'ref:VM',
  suspend_image_sr: 'ref:SR',
  crash_dump_sr: 'ref:SR',
  local_cache_sr: 'ref:SR',
  edition: 'string',
  license_params: 'map',
  bios_strings: 'map',
  sched_policy: 'string',
  last_software_update: 'datetime',
  virtual_hardware_platform_versions: 'ints',
  allowed_operations: 'strings',
  current_operations: 'map',
} as const satisfies FieldTable;

/** A decoded `host` record. */
export type HostRecord = RecordOf<typeof HOST_FIELDS>;

/** `host_metrics`: `memory_free` is gone from current xapi; use `host.compute_free_memory`. */
export const HOST_METRICS_FIELDS = {
  uuid: 'string',
  memory_total: 'int',
  memory_free: 'int',
  live: 'bool',
  last_updated: 'datetime',
  other_config: 'map',
} as const satisfies FieldTable;

/** A decoded `host_metrics` record. */
export type HostMetricsRecord = RecordOf<typeof HOST_METRICS_FIELDS>;
