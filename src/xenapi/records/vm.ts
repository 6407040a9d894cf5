/**
 * Field tables of `VM`, `VM_metrics`, `VM_guest_metrics` and `VM_appliance`
 * (xapi datamodel, API 2.23). Memory values are bytes; power states keep xapi's capitalisation
 * (`Running`), while error parameters use lowercase (`running`).
 */
import type { FieldTable, RecordOf } from './field-kinds';

/** `VM`: guests, templates (`is_a_template`), snapshots (`is_a_snapshot`) and dom0. */
export const VM_FIELDS = {
  uuid: 'string',
  name_label: 'string',
  name_description: 'string',
  power_state: 'enum:Halted|Paused|Running|Suspended',
  user_version: 'int',
  version: 'int',
  is_a_template: 'bool',
  is_default_template: 'bool',
  is_control_domain: 'bool',
  is_a_snapshot: 'bool',
  snapshot_of: 'ref:VM',
  snapshots: 'refs:VM',
  snapshot_time: 'datetime',
  parent: 'ref:VM',
  children: 'refs:VM',
  resident_on: 'ref:host',
  affinity: 'ref:host',
  memory_overhead: 'int',
  memory_target: 'int',
  memory_static_max: 'int',
  memory_dynamic_max: 'int',
  memory_dynamic_min: 'int',
  memory_static_min: 'int',
  VCPUs_params: 'map',
  VCPUs_max: 'int',
  VCPUs_at_startup: 'int',
  actions_after_shutdown: 'enum:destroy|restart',
  actions_after_reboot: 'enum:destroy|restart',
  actions_after_crash: 'enum:destroy|coredump_and_destroy|restart|coredump_and_restart|preserve|rename_restart',
  PV_bootloader: 'string',
  PV_kernel: 'string',
  PV_ramdisk: 'string',
  PV_args: 'string',
  PV_bootloader_args: 'string',
  PV_legacy_args: 'string',
  HVM_boot_policy: 'string',
  HVM_boot_params: 'map',
  HVM_shadow_multiplier: 'float',
  platform: 'map',
  PCI_bus: 'string',
  domain_type: 'enum:hvm|pv|pv_in_pvh|pvh|unspecified',
  domid: 'int',
  domarch: 'string',
  other_config: 'map',
  xenstore_data: 'map',
  recommendations: 'string',
  tags: 'strings',
  blocked_operations: 'map',
  allowed_operations: 'strings',
  current_operations: 'map',
  consoles: 'refs:console',
  VIFs: 'refs:VIF',
  VBDs: 'refs:VBD',
  VUSBs: 'refs:VUSB',
  VTPMs: 'refs:VTPM',
  metrics: 'ref:VM_metrics',
  guest_metrics: 'ref:VM_guest_metrics',
  appliance: 'ref:VM_appliance',
  order: 'int',
  start_delay: 'int',
  shutdown_delay: 'int',
  suspend_VDI: 'ref:VDI',
  suspend_SR: 'ref:SR',
  has_vendor_device: 'bool',
  reference_label: 'string',
  hardware_platform_version: 'int',
  NVRAM: 'map',
  ha_restart_priority: 'string',
  ha_always_run: 'bool',
} as const satisfies FieldTable;

/** A decoded `VM` record. */
export type VmRecord = RecordOf<typeof VM_FIELDS>;

/** `VM_metrics`: runtime figures of a VM (`memory_actual` in bytes). */
export const VM_METRICS_FIELDS = {
  uuid: 'string',
  memory_actual: 'int',
  VCPUs_number: 'int',
  VCPUs_CPU: 'intmap',
  VCPUs_params: 'map',
  VCPUs_flags: 'map',
  state: 'strings',
  start_time: 'datetime',
  install_time: 'datetime',
  last_updated: 'datetime',
  hvm: 'bool',
  nested_virt: 'bool',
  nomigrate: 'bool',
  current_domain_type: 'enum:hvm|pv|pv_in_pvh|pvh|unspecified',
  other_config: 'map',
} as const satisfies FieldTable;

/** A decoded `VM_metrics` record. */
export type VmMetricsRecord = RecordOf<typeof VM_METRICS_FIELDS>;

/** `VM_guest_metrics`: what the guest tools report; `networks` maps `0/ip` to addresses. */
export const VM_GUEST_METRICS_FIELDS = {
  uuid: 'string',
  os_version: 'map',
  PV_drivers_version: 'map',
  PV_drivers_up_to_date: 'bool',
  PV_drivers_detected: 'bool',
  networks: 'map',
  other: 'map',
  disks: 'map',
  memory: 'map',
  live: 'bool',
  last_updated: 'datetime',
  can_use_hotplug_vbd: 'enum:yes|no|unspecified',
  can_use_hotplug_vif: 'enum:yes|no|unspecified',
  other_config: 'map',
} as const satisfies FieldTable;

/** A decoded `VM_guest_metrics` record. */
export type VmGuestMetricsRecord = RecordOf<typeof VM_GUEST_METRICS_FIELDS>;

/** `VM_appliance`: a group of VMs started in ascending `order`. */
export const VM_APPLIANCE_FIELDS = {
  uuid: 'string',
  name_label: 'string',
  name_description: 'string',
  VMs: 'refs:VM',
  allowed_operations: 'strings',
  current_operations: 'map',
} as const satisfies FieldTable;

/** A decoded `VM_appliance` record. */
export type VmApplianceRecord = RecordOf<typeof VM_APPLIANCE_FIELDS>;
