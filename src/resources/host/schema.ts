/** `xcp_host`: a host that joins the pool (`pool.join`) and the settings of a member host. */
import { t } from '../../schema/cty-type';
import { defineResource, opt, optc, req, ro } from '../../schema/dsl';
import { commonAttributes } from '../common-schema';

export const hostSchema = defineResource({
  typeName: 'xcp_host',
  description: 'A host of a pool. Creating it makes the host at `address` join the pool (`pool.join`); an existing member is adopted. Destroying it ejects the host only when `allow_eject` is true, because `pool.eject` wipes its local storage and reboots it.',
  importId: '<pool>/<host uuid>',
  attributes: {
    ...commonAttributes({ nameRequired: false }),
    address: req(t.string, 'replace', 'Management IP address or DNS name of the host. A different address is a different host: a change ejects the old one and joins the new one.'),
    join_username: opt(t.string, 'in-place', 'User for `pool.join`, on the joining host.', { default: 'root', note: 'Used only when the host joins; a later change only updates state' }),
    join_password: opt(t.string, 'in-place', 'Password for `pool.join`, on the joining host.', { sensitive: true, note: 'Used only when the host joins; a later change only updates state' }),
    enabled: opt(t.bool, 'in-place', 'Whether new VMs may start on the host (`host.enable` / `host.disable`).', { default: true }),
    maintenance: opt(t.bool, 'in-place', 'Maintenance mode: disables the host and evacuates its VMs with live migration (`host.evacuate`). Fails at plan time when the other hosts lack the memory.', { default: false }),
    hostname: optc(t.string, 'in-place', 'Host name (`host.set_hostname_live`).'),
    suspend_image_sr: optc(t.string, 'in-place', 'UUID or name of the SR for suspend images of VMs on this host.'),
    crash_dump_sr: optc(t.string, 'in-place', 'UUID or name of the SR for crash dumps.'),
    logging: opt(t.map(t.string), 'in-place', 'Remote syslog settings (`host.logging`, e.g. `{ syslog_destination = "10.0.0.9" }`), applied with `host.syslog_reconfigure`.', { default: {} }),
    power_on_mode: optc(t.string, 'in-place', 'Remote power-on method ("" disabled, `wake-on-lan`, `iDRAC`, `DRAC`, custom script).'),
    iscsi_iqn: optc(t.string, 'in-place', 'iSCSI initiator IQN. XAPI refuses the change while iSCSI SRs are attached.'),
    allow_eject: opt(t.bool, 'in-place', 'Allow destroying this resource to eject the host from the pool (`pool.eject`, destructive).', { default: false }),
    memory_total: ro(t.number, 'Total memory in bytes.'),
    memory_free: ro(t.number, 'Free memory in bytes (`host.compute_free_memory`).'),
    cpu_count: ro(t.number, 'Number of physical CPUs (threads).'),
    cpu_info: ro(t.map(t.string), 'CPU model, vendor, speed and features.'),
    resident_vms: ro(t.list(t.string), 'UUIDs of the VMs running on the host.'),
    pifs: ro(t.list(t.string), 'UUIDs of the host\'s physical interfaces.'),
    is_coordinator: ro(t.bool, 'Whether the host is the pool coordinator (master).'),
    software_version: ro(t.map(t.string), 'Product version and build.'),
  },
});
