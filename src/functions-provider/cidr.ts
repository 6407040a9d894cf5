/**
 * IPv4 network tests the configuration needs and Terraform's built-ins lack (they build
 * addresses: cidrhost, cidrsubnet; these check them): whether an address or a network lies in a
 * network (a VM's expected address in `wait_for_ip.cidr`), and whether two networks overlap (the
 * two sides of an `xcp_vpn_link` must not). IPv4 only, like the CIDR attributes of the schema.
 */
import { FunctionArgumentError, type ProviderFunction } from './model';

interface Net { readonly start: number; readonly end: number }

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/** The address range of `10.0.0.0/24` or of a single address; undefined when neither. */
function parseNet(text: string, allowAddress: boolean): Net | undefined {
  const m = IPV4.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  if (m[5] === undefined && !allowAddress) return undefined;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return undefined;
  const addr = octets.reduce((acc, o) => acc * 256 + o, 0);
  const hostSize = 2 ** (32 - prefix);
  const start = addr - (addr % hostSize);
  return { start, end: start + hostSize - 1 };
}

function net(text: string, argument: number, allowAddress: boolean): Net {
  const parsed = parseNet(text, allowAddress);
  if (!parsed) {
    const want = allowAddress ? 'an IPv4 address ("10.0.0.7") or network in CIDR notation ("10.0.0.0/24")' : 'an IPv4 network in CIDR notation, such as "10.0.0.0/24"';
    throw new FunctionArgumentError(argument, `"${text}" is not ${want}`);
  }
  return parsed;
}

export const cidrContains: ProviderFunction = {
  name: 'cidr_contains',
  summary: 'Whether an address or network lies inside a network',
  description: 'Returns true when `address` (an IPv4 address, or a network in CIDR notation) lies entirely inside the IPv4 network `network`. Host bits set in `network` are ignored ("10.0.0.5/24" means 10.0.0.0/24).',
  parameters: [
    { name: 'network', type: 'string', description: 'An IPv4 network in CIDR notation, such as "10.0.0.0/24".' },
    { name: 'address', type: 'string', description: 'An IPv4 address or network.' },
  ],
  returns: 'bool',
  impl: ([network, address]) => {
    const outer = net(String(network), 0, false);
    const inner = net(String(address), 1, true);
    return inner.start >= outer.start && inner.end <= outer.end;
  },
};

export const cidrOverlap: ProviderFunction = {
  name: 'cidr_overlap',
  summary: 'Whether two networks share any address',
  description: 'Returns true when the IPv4 networks `a` and `b` (CIDR notation) have at least one address in common, for instance to check in a `precondition` that the two sides of an `xcp_vpn_link` are distinct.',
  parameters: [
    { name: 'a', type: 'string', description: 'An IPv4 network in CIDR notation.' },
    { name: 'b', type: 'string', description: 'An IPv4 network in CIDR notation.' },
  ],
  returns: 'bool',
  impl: ([a, b]) => {
    const x = net(String(a), 0, false);
    const y = net(String(b), 1, false);
    return x.start <= y.end && y.start <= x.end;
  },
};
