/** `xcp_appliance`: a VM_appliance (vApp) with start order, optionally imported from OVF/OVA. */
import { t } from '../../schema/cty-type';
import { defineResource, opt, optc, ro } from '../../schema/dsl';
import { commonAttributes } from '../common-schema';
import { timeoutsBlock } from '../timeouts/schema';

export const applianceSchema = defineResource({
  typeName: 'xcp_appliance',
  description: 'A virtual appliance (XAPI VM_appliance): a group of VMs started and stopped together in order. With `ovf_source` it is imported from an OVF or OVA package: disks are uploaded and the VMs created in start order.',
  importId: '<pool>/<appliance uuid>',
  attributes: {
    ...commonAttributes(),
    vms: ro(t.set(t.string), 'UUIDs of the member VMs. Read-only: a VM joins with `xcp_vm.appliance`, the one owner of its membership.'),
    power_state: ro(t.string, 'State of the whole appliance, derived from its members: `running`, `halted`, `paused` or `suspended` when every member is, `mixed` otherwise, null without members. Read-only: each member\'s `xcp_vm.power_state` owns its power state.'),
    ovf_source: opt(t.string, 'replace', 'Path or http(s) URL of an `.ovf` (with its disk files beside it) or `.ova` package imported at creation.'),
    ovf_deployment: opt(t.string, 'replace', 'Configuration of the package\'s DeploymentOptionSection to import (its `ovf:id`). Defaults to the package\'s default configuration.'),
    import_sr: optc(t.string, 'replace', 'UUID or name of the SR for the imported disks. Defaults to the pool\'s default SR.'),
    import_network_map: opt(t.map(t.string), 'replace', 'Network of the package (by OVF name) to network UUID or name of the pool.', { default: {} }),
    allowed_operations: ro(t.list(t.string), 'Operations XAPI currently allows on the appliance.'),
  },
  blockTypes: { timeouts: timeoutsBlock() },
});
