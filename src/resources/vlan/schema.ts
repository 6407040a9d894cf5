/** `xcp_vlan`: a tagged VLAN on a physical device of every host, with its network. */
import { t } from '../../schema/cty-type';
import { blockType, defineResource, opt, optc, req, ro } from '../../schema/dsl';
import { v } from '../../schema/validators';
import { identityAttributes, labelAttributes, poolAttribute } from '../common-schema';

const ipConfig = blockType('list', 'IP configuration of the VLAN interface on one host (`PIF.reconfigure_ip`). Hosts not listed get none.', {
  host: req(t.string, 'in-place', 'Name or UUID of the host.'),
  mode: req(t.string, 'in-place', '`none`, `dhcp` or `static`.', { validators: [v.oneOf('none', 'dhcp', 'static')] }),
  ip: opt(t.string, 'in-place', 'Static IPv4 address.', { validators: [v.ip()] }),
  netmask: opt(t.string, 'in-place', 'Static netmask.', { validators: [v.ip()] }),
  gateway: opt(t.string, 'in-place', 'Default gateway.', { validators: [v.ip()] }),
  dns: opt(t.string, 'in-place', 'Comma-separated DNS servers.'),
});

export const vlanSchema = defineResource({
  typeName: 'xcp_vlan',
  description: 'A VLAN: tagged PIFs on the same physical device of every host (`pool.create_VLAN_from_PIF`), on a network created for it or an existing one. Hosts that join later get their VLAN PIF on the next apply.',
  importId: '<pool>/<network uuid>',
  attributes: {
    ...identityAttributes(),
    pool: poolAttribute(),
    // On an existing network (`network` set) the labels are that network's: read as null, never written.
    ...labelAttributes(false, { readWhenUnset: true }),
    tag: req(t.number, 'replace', 'VLAN tag (0 to 4094).', { validators: [v.integer(0, 4094)] }),
    device: req(t.string, 'replace', 'Physical device or bond carrying the VLAN on each host, e.g. `eth1` or `bond0`.'),
    network: optc(t.string, 'replace', 'UUID of an existing network for the VLAN. When left out xcpform creates one named `name_label`. When set, that network\'s labels and MTU are its own owner\'s: leave them out of the VLAN (read as null).'),
    hosts: optc(t.set(t.string), 'in-place', 'Names or UUIDs of the hosts that carry the VLAN. Defaults to every host of the pool.'),
    mtu: opt(t.number, 'in-place', 'MTU of the network the VLAN creates. With `network` set the MTU belongs to that network: leave it out (read as null).', { default: 1500, validators: [v.integer(68, 9216)], note: 'Interfaces pick the new MTU up when re-plugged' }),
    bridge: ro(t.string, 'Bridge of the VLAN network.'),
    pifs: ro(t.map(t.string), 'VLAN PIF UUID by host UUID.'),
  },
  blockTypes: { ip_config: ipConfig },
});
