/**
 * `xcp_pool`: adopts an existing pool (pools are made by installing hosts, not by the API).
 * Deleting it un-adopts: xcpform drops its own keys and destroys nothing.
 */
import { t } from '../../schema/cty-type';
import { defineResource, opt, optc, ro } from '../../schema/dsl';
import { v } from '../../schema/validators';
import { commonAttributes } from '../common-schema';

export const poolSchema = defineResource({
  typeName: 'xcp_pool',
  description: 'Adopts an existing XCP-ng / XenServer pool and manages its settings: name, default SR, HA, coordinator and pool-wide flags. Destroying the resource only stops managing the pool.',
  importId: '<pool>',
  attributes: {
    ...commonAttributes({ nameRequired: false }),
    default_sr: optc(t.string, 'in-place', 'UUID or name of the default SR for new disks (`pool.set_default_SR`).'),
    suspend_image_sr: optc(t.string, 'in-place', 'UUID or name of the SR for suspend images.'),
    crash_dump_sr: optc(t.string, 'in-place', 'UUID or name of the SR for crash dumps.'),
    ha_enabled: opt(t.bool, 'in-place', 'Enable high availability (`pool.enable_ha` / `disable_ha`; a long task).', { default: false }),
    ha_heartbeat_srs: opt(t.set(t.string), 'in-place', 'Shared SRs for the HA heartbeat. Changing them disables and re-enables HA, leaving a short gap in protection.', { default: [] }),
    ha_host_failures_to_tolerate: optc(t.number, 'in-place', 'Host failures HA plans for.', { validators: [v.integer(0, 64)] }),
    master: optc(t.string, 'in-place', 'Name or UUID of the coordinator host. A change runs `pool.designate_new_master`; the management plane blips while it moves.'),
    migration_compression: opt(t.bool, 'in-place', 'Compress memory during live migration.', { default: false }),
    live_patching_disabled: opt(t.bool, 'in-place', 'Disable live patching of the hypervisor.', { default: false }),
    hosts: ro(t.list(t.string), 'UUIDs of the hosts in the pool.'),
    master_uuid: ro(t.string, 'UUID of the coordinator host.'),
    cpu_info: ro(t.map(t.string), 'Common CPU features of the pool.'),
    software_version: ro(t.map(t.string), 'Software version of the coordinator.'),
    restrictions: ro(t.map(t.string), 'Licence restrictions reported by XAPI.'),
    ha_state: ro(t.string, 'HA state as XAPI reports it.'),
  },
});
