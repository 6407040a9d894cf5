/** `xcp_sr`: a storage repository and its PBDs on every host (or one host for local SRs). */
import { t } from '../../schema/cty-type';
import { defineResource, opt, optc, req, ro } from '../../schema/dsl';
import { v } from '../../schema/validators';
import { commonAttributes } from '../common-schema';
import { timeoutsBlock } from '../timeouts/schema';

export const SR_TYPES = ['nfs', 'lvm', 'ext', 'xfs', 'zfs', 'iso', 'udev', 'lvmoiscsi', 'lvmohba', 'lvmofcoe', 'smb', 'cifs', 'gfs2', 'glusterfs', 'cephfs', 'moosefs', 'largeblock', 'linstor', 'file', 'dummy'] as const;

export const srSchema = defineResource({
  typeName: 'xcp_sr',
  description: 'A storage repository: created with `SR.create` and a PBD plugged on every host of the pool (shared SRs) or on one host (local SRs). Destroying it forgets the SR (keeping the data) unless `on_destroy = "destroy"`.',
  importId: '<pool>/<sr uuid>',
  attributes: {
    ...commonAttributes(),
    type: req(t.string, 'replace', 'SR driver type (`nfs`, `lvm`, `ext`, `iso`, `lvmoiscsi`, `smb`, ...). Fixed at creation.', { validators: [v.oneOf(...SR_TYPES)] }),
    content_type: opt(t.string, 'replace', '`user` for disks, `iso` for ISO libraries.', { default: 'user', validators: [v.oneOf('user', 'iso', 'disk')] }),
    shared: opt(t.bool, 'replace', 'Whether every host reaches the storage (a PBD per host). Fixed at creation: flipping the flag does not make storage shared.', { default: false }),
    device_config: opt(t.map(t.string), 'replace', 'Driver settings stored in the PBDs (e.g. `server`, `serverpath`, `target`, `SCSIid`, `device`).', { default: {} }),
    device_config_secrets: opt(t.map(t.string), 'replace', 'Secret driver settings (e.g. `password`, `chappassword`), merged into `device_config` at creation and never shown in plans or logs.', { sensitive: true, default: {} }),
    host: optc(t.string, 'replace', 'Name or UUID of the host of a local (not shared) SR. Defaults to the coordinator.'),
    size: opt(t.number, 'replace', 'Physical size in bytes passed to `SR.create` (types that need it).', { unit: 'bytes', validators: [v.integer(0)] }),
    sm_config: opt(t.map(t.string), 'replace', 'Storage manager settings passed to `SR.create`.', { default: {} }),
    default_for_pool: ro(t.bool, 'Whether this is the pool\'s default SR (XAPI `pool.default_SR`). Read-only: the pool\'s default SR has one owner, `xcp_pool.default_sr`; set it there.'),
    local_caching: opt(t.bool, 'in-place', 'Use this SR for IntelliCache local caching (`host.enable_local_storage_caching`).', { default: false }),
    on_destroy: opt(t.string, 'in-place', 'On destroy, `forget` the SR (data kept on the storage) or `destroy` it (data erased).', { default: 'forget', validators: [v.oneOf('forget', 'destroy')] }),
    physical_size: ro(t.number, 'Physical size in bytes.'),
    physical_utilisation: ro(t.number, 'Bytes used on the storage.'),
    virtual_allocation: ro(t.number, 'Sum of the virtual sizes of the VDIs in bytes.'),
    pbds: ro(t.list(t.string), 'UUIDs of the SR\'s PBDs.'),
    hosts: ro(t.list(t.string), 'UUIDs of the hosts with a plugged PBD.'),
  },
  blockTypes: { timeouts: timeoutsBlock() },
});
