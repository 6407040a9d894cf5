/** `xcp_bond`: PIFs of one host aggregated into a bond on a network (`Bond.create`). */
import { t } from '../../schema/cty-type';
import { defineResource, opt, optc, req, ro } from '../../schema/dsl';
import { v } from '../../schema/validators';
import { identityAttributes, poolAttribute } from '../common-schema';
import { MAC_PATTERN } from '../vm/mac';

/** The modes of xapi's `bond_mode`. */
export const BOND_MODES = ['balance-slb', 'active-backup', 'lacp'] as const;

export const bondSchema = defineResource({
  typeName: 'xcp_bond',
  description: 'A bond: two or more PIFs of one host aggregated into one interface (`Bond.create`) on a network the bond creates, or on an existing one. '
    + 'The bond takes the IP configuration and VLANs of its primary member; destroying it gives them back. '
    + 'For a pool-wide bonded network, declare one `xcp_bond` per host with the same `network`.',
  importId: '<pool>/<bond uuid>',
  attributes: {
    ...identityAttributes(),
    pool: poolAttribute(),
    host: req(t.string, 'replace', 'Name or UUID of the host whose interfaces are bonded.'),
    members: req(t.set(t.string), 'replace', 'The interfaces to bond: device names (`eth2`) or PIF UUIDs of that host, at least two. A change of members makes a new bond.'),
    mode: opt(t.string, 'in-place', 'How traffic is spread over the members: `balance-slb`, `active-backup` or `lacp` (`Bond.set_mode`).', {
      default: 'balance-slb', validators: [v.oneOf(...BOND_MODES)], note: 'The bond is re-plugged, a short interruption of its traffic',
    }),
    hashing_algorithm: opt(t.string, 'in-place', 'lacp only: `tcpudp_ports` or `src_mac` (bond property `hashing_algorithm`). Left out, XAPI uses `tcpudp_ports` and xcpform leaves it as it is.', {
      validators: [v.oneOf('tcpudp_ports', 'src_mac')],
    }),
    lacp_time: opt(t.string, 'in-place', 'lacp only: `slow` or `fast` LACPDU rate (bond property `lacp-time`). Left out, XAPI uses `slow` and xcpform leaves it as it is.', {
      validators: [v.oneOf('slow', 'fast')],
    }),
    mac: optc(t.string, 'replace', 'MAC address of the bond; colons or dashes. Defaults to the primary member\'s.', {
      validators: [v.pattern(MAC_PATTERN, 'must be a MAC address such as 02:00:5e:10:00:01')],
    }),
    network: optc(t.string, 'replace', 'UUID or name of an existing network for the bond (the same network on every host makes a pool-wide bonded network). Left out, xcpform creates one named `name_label` and destroys it with the bond.'),
    name_label: optc(t.string, 'in-place', 'Name of the network the bond creates (default `Bond of <members>`). With `network` set the name belongs to that network: leave it out (read as null).'),
    name_description: optc(t.string, 'in-place', 'Description of the network the bond creates. With `network` set, leave it out (read as null).'),
    device: ro(t.string, 'Device name of the bond on its host (`bond0`, `bond1`, ...).'),
    master_pif: ro(t.string, 'UUID of the bond\'s own PIF (its master), where its IP configuration lives.'),
    bridge: ro(t.string, 'Bridge of the bond\'s network.'),
  },
});
