/**
 * `xcp_vpn_link`: the cloudbursting safety cordon. A site-to-site link between a network of one
 * pool and a network of another, realised by a gateway VM on each side.
 */
import { t } from '../../schema/cty-type';
import { blockType, defineResource, opt, optc, req, ro } from '../../schema/dsl';
import { v } from '../../schema/validators';
import { identityAttributes, labelAttributes, poolAttribute } from '../common-schema';

const gateway = blockType('single', 'The gateway VMs that carry the link, one in each pool, attached to the local network and the uplink.', {
  template: optc(t.string, 'replace', 'Name or UUID of the Linux template the gateway VMs are cloned from, in each pool. Defaults to `Debian Bookworm 12`.'),
  vcpus: opt(t.number, 'halt', 'vCPUs of each gateway VM.', { default: 1, validators: [v.integer(1, 16)] }),
  memory: opt(t.number, 'halt', 'Memory of each gateway VM in bytes.', { unit: 'bytes', default: 512 * 1024 * 1024, validators: [v.integer(128 * 1024 * 1024)] }),
  uplink_network: optc(t.string, 'replace', 'Network of the local pool that reaches the other site. Defaults to the management network.'),
  remote_uplink_network: optc(t.string, 'replace', 'Network of the remote pool that reaches this site. Defaults to its management network.'),
  public_ip: optc(t.string, 'replace', 'Endpoint address of the local gateway on the uplink.', { validators: [v.ip()] }),
  remote_public_ip: optc(t.string, 'replace', 'Endpoint address of the remote gateway on its uplink.', { validators: [v.ip()] }),
}, { max: 1 });

export const vpnLinkSchema = defineResource({
  typeName: 'xcp_vpn_link',
  description: 'A site-to-site VPN link (IPsec or WireGuard) joining a network of one pool to a network of another, so VMs that burst into a cloud pool keep reaching the datacenter. Each side runs a gateway VM configured at boot; the link is recorded in both pools\' `other_config`. Key changes rotate in place.',
  importId: '<pool>/<link id>',
  attributes: {
    ...identityAttributes(),
    pool: poolAttribute(),
    ...labelAttributes(true),
    remote_pool: req(t.string, 'replace', 'The other pool (a key of the provider\'s `pools`), usually the cloud pool.'),
    network: req(t.string, 'replace', 'Name or UUID of the network of `pool` joined by the link.'),
    remote_network: req(t.string, 'replace', 'Name or UUID of the network of `remote_pool` joined by the link.'),
    protocol: opt(t.string, 'replace', '`wireguard` or `ipsec` (IKEv2 with a pre-shared key).', { default: 'wireguard', validators: [v.oneOf('wireguard', 'ipsec')] }),
    local_cidrs: req(t.list(t.string), 'in-place', 'Networks on the `pool` side routed through the link.', { validators: [v.cidr(), v.length(1)], note: 'The gateways are reconfigured and the tunnel restarts (a brief drop)' }),
    remote_cidrs: req(t.list(t.string), 'in-place', 'Networks on the `remote_pool` side routed through the link.', { validators: [v.cidr(), v.length(1)], note: 'The gateways are reconfigured and the tunnel restarts (a brief drop)' }),
    psk: opt(t.string, 'in-place', 'IPsec pre-shared key. A change rekeys the tunnel in place.', { sensitive: true, validators: [v.length(16)] }),
    private_key: opt(t.string, 'in-place', 'WireGuard private key of the local gateway (base64). Generated when left out. A change rotates it in place.', { sensitive: true }),
    remote_private_key: opt(t.string, 'in-place', 'WireGuard private key of the remote gateway (base64). Generated when left out.', { sensitive: true }),
    listen_port: opt(t.number, 'in-place', 'UDP port of the WireGuard endpoints.', { default: 51820, validators: [v.integer(1, 65535)] }),
    ike_version: opt(t.number, 'in-place', 'IKE version for IPsec.', { default: 2, validators: [v.integer(1, 2)] }),
    ike_policy: opt(t.string, 'in-place', 'IKE proposal, e.g. `aes256-sha256-modp2048`.', { default: 'aes256-sha256-modp2048' }),
    esp_policy: opt(t.string, 'in-place', 'ESP proposal, e.g. `aes256gcm16`.', { default: 'aes256gcm16' }),
    ike_lifetime: opt(t.number, 'in-place', 'IKE SA lifetime in seconds.', { default: 28800, validators: [v.integer(60)] }),
    esp_lifetime: opt(t.number, 'in-place', 'ESP SA lifetime in seconds.', { default: 3600, validators: [v.integer(60)] }),
    dpd: opt(t.bool, 'in-place', 'Dead peer detection.', { default: true }),
    force_encap: opt(t.bool, 'in-place', 'Force UDP encapsulation of ESP (NAT traversal).', { default: false }),
    passive: opt(t.bool, 'in-place', 'The local gateway only answers; the remote one initiates.', { default: false }),
    mtu: opt(t.number, 'in-place', 'MTU inside the tunnel.', { default: 1420, validators: [v.integer(576, 9000)] }),
    bandwidth_mbps: opt(t.number, 'in-place', 'Expected throughput of the link in Mbit/s; plans use it to estimate how long migrations over the link take.', { default: 1000, validators: [v.integer(1)] }),
    status: ro(t.string, '`up` when both gateways run with matching parameters, otherwise `down` or `degraded`.'),
    last_handshake: ro(t.string, 'Time of the last successful handshake (RFC 3339).'),
    bytes_in: ro(t.number, 'Bytes received through the link (feeds chargeback).'),
    bytes_out: ro(t.number, 'Bytes sent through the link (feeds chargeback).'),
    public_key: ro(t.string, 'WireGuard public key of the local gateway.'),
    remote_public_key: ro(t.string, 'WireGuard public key of the remote gateway.'),
    gateway_vm: ro(t.string, 'UUID of the local gateway VM.'),
    remote_gateway_vm: ro(t.string, 'UUID of the remote gateway VM.'),
  },
  blockTypes: { gateway },
});
