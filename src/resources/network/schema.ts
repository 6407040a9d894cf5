/** `xcp_network`: an Open vSwitch network (bridge) of a pool. */
import { t } from '../../schema/cty-type';
import { defineResource, opt, ro } from '../../schema/dsl';
import { v } from '../../schema/validators';
import { commonAttributes } from '../common-schema';

export const networkSchema = defineResource({
  typeName: 'xcp_network',
  description: 'A pool-wide Open vSwitch network (bridge). Without a VLAN or tunnel it is internal to each host; use `xcp_vlan` or `xcp_private_network` to connect hosts.',
  importId: '<pool>/<network uuid>',
  attributes: {
    ...commonAttributes(),
    mtu: opt(t.number, 'in-place', 'MTU of the network.', { default: 1500, validators: [v.integer(68, 9216)], note: 'Interfaces pick the new MTU up when re-plugged; the plan lists them' }),
    managed: opt(t.bool, 'replace', 'Whether XAPI manages the bridge (false for a bridge created outside XAPI).', { default: true }),
    default_locking_mode: opt(t.string, 'in-place', 'Default locking mode of VIFs on the network.', { default: 'unlocked', validators: [v.oneOf('unlocked', 'disabled')] }),
    purpose: opt(t.set(t.string), 'in-place', 'Special purposes of the network (`nbd`, `insecure_nbd`).', { default: [], validators: [v.oneOf('nbd', 'insecure_nbd')] }),
    automatic: opt(t.bool, 'in-place', 'Attach new VMs created by other tools to this network automatically.', { default: false }),
    bridge: ro(t.string, 'Bridge name XAPI assigned (`xapi<N>`).'),
    pifs: ro(t.list(t.string), 'UUIDs of the PIFs on the network.'),
    vifs: ro(t.list(t.string), 'UUIDs of the VIFs on the network.'),
  },
});
