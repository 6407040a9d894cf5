/**
 * IPv4 networks for simulated guests: whether an address lies in a CIDR network, and a stable
 * address inside one (picked by a seed, never the network or broadcast address of a network
 * larger than two addresses).
 */

/** An address as a 32-bit unsigned number, or undefined when `text` is not one. */
function toInt(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

const toText = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** `a.b.c.d/bits` as base and size, or undefined when it is not an IPv4 CIDR. */
export function parseCidr(cidr: string): { base: number; size: number } | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(cidr.trim());
  const addr = m ? toInt(m[1]) : undefined;
  const bits = m ? Number(m[2]) : NaN;
  if (addr === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  const size = 2 ** (32 - bits);
  return { base: addr - (addr % size), size };
}

/** True when `ip` lies in `cidr` (false when either is not IPv4). */
export function inCidr(ip: string, cidr: string): boolean {
  const net = parseCidr(cidr);
  const a = toInt(ip);
  return net !== undefined && a !== undefined && a >= net.base && a < net.base + net.size;
}

/** A stable address in `cidr` chosen by `seed` (a non-negative integer); undefined when `cidr` is not IPv4. */
export function addressIn(cidr: string, seed: number): string | undefined {
  const net = parseCidr(cidr);
  if (!net) return undefined;
  // Hosts only: skip the network and broadcast addresses when the network has room for both.
  const hosts = net.size > 2 ? net.size - 2 : net.size;
  const first = net.size > 2 ? net.base + 1 : net.base;
  return toText(first + (seed % hosts));
}
