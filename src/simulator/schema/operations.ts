/**
 * The enums of operations (and a few other enum sets) as xapi's data model declares them, so the
 * simulator types `allowed_operations`, `current_operations`, `blocked_operations`, `purpose`
 * and the update guidances as xapi does: a bad value in a call is refused as xapi refuses it.
 */
import { FieldType, enumOf, mapOf, setOf, str } from '../model/types';

export const OPERATIONS = {
  pool: enumOf(
    'pool_allowed_operations', 'ha_enable', 'ha_disable', 'cluster_create', 'designate_new_master', 'configure_repositories', 'sync_updates',
    'get_updates', 'apply_updates', 'tls_verification_enable', 'cert_refresh', 'exchange_certificates_on_join',
    'exchange_ca_certificates_on_join', 'copy_primary_host_certs', 'eject'),
  host: enumOf(
    'host_allowed_operations', 'provision', 'evacuate', 'shutdown', 'reboot', 'power_on', 'vm_start', 'vm_resume', 'vm_migrate',
    'apply_updates', 'enable'),
  SR: enumOf(
    'storage_operations', 'scan', 'destroy', 'forget', 'plug', 'unplug', 'update', 'vdi_create', 'vdi_introduce', 'vdi_destroy', 'vdi_resize',
    'vdi_clone', 'vdi_snapshot', 'vdi_mirror', 'vdi_enable_cbt', 'vdi_disable_cbt', 'vdi_data_destroy', 'vdi_list_changed_blocks',
    'vdi_set_on_boot', 'pbd_create', 'pbd_destroy'),
  VDI: enumOf(
    'vdi_operations', 'clone', 'copy', 'resize', 'resize_online', 'snapshot', 'mirror', 'destroy', 'forget', 'update', 'force_unlock',
    'generate_config', 'enable_cbt', 'disable_cbt', 'data_destroy', 'list_changed_blocks', 'set_on_boot', 'blocked'),
  VBD: enumOf('vbd_operations', 'attach', 'eject', 'insert', 'plug', 'unplug', 'unplug_force', 'pause', 'unpause'),
  network: enumOf('network_operations', 'attaching'),
  VIF: enumOf('vif_operations', 'attach', 'plug', 'unplug'),
  VM: enumOf(
    'vm_operations', 'snapshot', 'clone', 'copy', 'create_template', 'revert', 'checkpoint', 'snapshot_with_quiesce', 'provision', 'start',
    'start_on', 'pause', 'unpause', 'clean_shutdown', 'clean_reboot', 'hard_shutdown', 'power_state_reset', 'hard_reboot', 'suspend', 'csvm',
    'resume', 'resume_on', 'pool_migrate', 'migrate_send', 'get_boot_record', 'send_sysrq', 'send_trigger', 'query_services', 'shutdown',
    'call_plugin', 'changing_memory_live', 'awaiting_memory_live', 'changing_dynamic_range', 'changing_static_range', 'changing_memory_limits',
    'changing_shadow_memory', 'changing_shadow_memory_live', 'changing_VCPUs', 'changing_VCPUs_live', 'changing_NVRAM',
    'assert_operation_valid', 'data_source_op', 'update_allowed_operations', 'make_into_template', 'import', 'export', 'metadata_export',
    'reverting', 'destroy', 'create_vtpm'),
  VM_appliance: enumOf('vm_appliance_operation', 'start', 'clean_shutdown', 'hard_shutdown', 'shutdown'),
  task: enumOf('task_allowed_operations', 'cancel', 'destroy'),
  VTPM: enumOf('vtpm_operations', 'destroy'),
} as const;

export const NETWORK_PURPOSE = enumOf('network_purpose', 'nbd', 'insecure_nbd');
export const UPDATE_GUIDANCES = enumOf(
  'update_guidances', 'reboot_host', 'reboot_host_on_livepatch_failure', 'reboot_host_on_kernel_livepatch_failure',
  'reboot_host_on_xen_livepatch_failure', 'restart_toolstack', 'restart_device_model', 'restart_vm');

/** `allowed_operations` of a class: a set of its operations enum. */
export function allowedOps(cls: keyof typeof OPERATIONS): FieldType {
  return setOf(OPERATIONS[cls]);
}

/** `current_operations` of a class: task ref (a string) → operation. */
export function currentOps(cls: keyof typeof OPERATIONS): FieldType {
  return mapOf(str, OPERATIONS[cls]);
}
