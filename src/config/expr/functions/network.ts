/** IP network functions: cidrhost, cidrsubnet, cidrnetmask (IPv4 and IPv6, with BigInt). */
import { EvalError, toInt, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';

interface Cidr { readonly bits: 32 | 128; readonly network: bigint; readonly prefix: number }

function fail(name: string, msg: string): EvalError {
  return new EvalError('Error in function call', `Call to function "${name}" failed: ${msg}.`);
}

function parseAddress(s: string): { bits: 32 | 128; addr: bigint } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { bits: 32, addr: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!/^[0-9a-fA-F:]+$/.test(s) || !s.includes(':')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { bits: 128, addr: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

function parseCidr(name: string, s: string): Cidr {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  const a = m ? parseAddress(m[1]) : undefined;
  const prefix = m ? Number(m[2]) : NaN;
  if (!a || !(prefix <= a.bits)) throw fail(name, `invalid CIDR address: ${s}`);
  const hostBits = BigInt(a.bits - prefix);
  return { bits: a.bits, prefix, network: (a.addr >> hostBits) << hostBits };
}

export function formatAddress(bits: 32 | 128, addr: bigint): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((addr >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((addr >> BigInt((7 - i) * 16)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export const networkFunctions: FunctionTable = {
  cidrhost: fn(2, 2, ([p, h]) => {
    const c = parseCidr('cidrhost', toStr(p, 'prefix'));
    const host = BigInt(toInt(h, 'hostnum'));
    const size = 1n << BigInt(c.bits - c.prefix);
    if (host >= size || host < -size) throw fail('cidrhost', `prefix of ${c.prefix} does not accommodate a host numbered ${host}`);
    return formatAddress(c.bits, c.network + (host < 0n ? size + host : host));
  }),
  cidrsubnet: fn(3, 3, ([p, nb, nn]) => {
    const c = parseCidr('cidrsubnet', toStr(p, 'prefix'));
    const newbits = toInt(nb, 'newbits');
    const netnum = BigInt(toInt(nn, 'netnum'));
    const prefix = c.prefix + newbits;
    if (newbits < 0) throw fail('cidrsubnet', 'newbits must not be negative');
    if (prefix > c.bits) throw fail('cidrsubnet', `insufficient address space to extend prefix of ${c.prefix} by ${newbits}`);
    if (netnum < 0n || netnum >= 1n << BigInt(newbits)) throw fail('cidrsubnet', `prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
    return `${formatAddress(c.bits, c.network | (netnum << BigInt(c.bits - prefix)))}/${prefix}`;
  }),
  cidrsubnets: fn(1, Infinity, ([p, ...sizes]) => {
    const c = parseCidr('cidrsubnets', toStr(p, 'prefix'));
    const out: string[] = [];
    let next = c.network;
    let prev: { addr: bigint; prefix: number } | undefined;
    sizes.forEach((s, i) => {
      const newbits = toInt(s, 'newbits');
      if (newbits < 1) throw fail('cidrsubnets', `must extend prefix by at least one bit`);
      const prefix = c.prefix + newbits;
      if (prefix > c.bits) throw fail('cidrsubnets', `would extend prefix to ${prefix} bits, which is too long for an IPv${c.bits === 32 ? 4 : 6} address`);
      const size = 1n << BigInt(c.bits - prefix);
      // Each subnet starts at the first address after the previous one that is aligned to its size.
      const start = prev === undefined ? c.network : ((next + size - 1n) / size) * size;
      const end = c.network + (1n << BigInt(c.bits - c.prefix));
      if (start + size > end) throw fail('cidrsubnets', `not enough remaining address space for a subnet with a prefix of ${prefix} bits after ${formatAddress(c.bits, prev!.addr)}/${prev!.prefix}`);
      out.push(`${formatAddress(c.bits, start)}/${prefix}`);
      prev = { addr: start, prefix };
      next = start + size;
      void i;
    });
    return out;
  }),
  cidrnetmask: fn(1, 1, ([p]) => {
    const c = parseCidr('cidrnetmask', toStr(p, 'prefix'));
    if (c.bits !== 32) throw fail('cidrnetmask', 'only IPv4 networks have a netmask');
    const mask = ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - c.prefix)) - 1n);
    return formatAddress(32, mask);
  }),
};
