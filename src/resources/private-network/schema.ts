/** `xcp_private_network`: a network spanning hosts through GRE or VXLAN tunnels. */
import { t } from '../../schema/cty-type';
import { defineResource, opt, optc, req, ro } from '../../schema/dsl';
import { v } from '../../schema/validators';
import { commonAttributes } from '../common-schema';

export const privateNetworkSchema = defineResource({
  typeName: 'xcp_private_network',
  description: 'A cross-host private network: a network whose hosts are joined by GRE or VXLAN tunnels (`tunnel.create`) over a transport network, so VMs on different hosts share a layer-2 segment without a VLAN.',
  importId: '<pool>/<network uuid>',
  attributes: {
    ...commonAttributes(),
    protocol: opt(t.string, 'replace', 'Tunnel encapsulation: `gre` or `vxlan`.', { default: 'vxlan', validators: [v.oneOf('gre', 'vxlan')] }),
    transport_network: req(t.string, 'replace', 'Name or UUID of the network whose PIFs carry the tunnels (usually the management network).'),
    encryption: opt(t.bool, 'replace', 'Encrypt the tunnels with IPsec (the SDN controller feature of XCP-ng).', { default: false }),
    mtu: opt(t.number, 'in-place', 'MTU inside the tunnels; leave room for the encapsulation (50 bytes for VXLAN).', { default: 1450, validators: [v.integer(68, 9000)] }),
    hosts: optc(t.set(t.string), 'in-place', 'Names or UUIDs of the hosts joined to the network. Defaults to every host; a host added or removed gets or loses its tunnel in place.'),
    star_center: optc(t.string, 'in-place', 'Host at the centre of a star topology; a full mesh when left out.'),
    bridge: ro(t.string, 'Bridge of the private network.'),
    tunnels: ro(t.map(t.string), 'Tunnel UUID by host UUID.'),
    status: ro(t.map(t.string), 'Tunnel status (`connected` or the error) by host UUID.'),
  },
});
