/**
 * DMTF programmatic units (DSP0004 annex C) as used by OVF for `AllocationUnits` and
 * `ovf:capacityAllocationUnits`: `byte`, `byte * 2^20`, `byte * 10^9`, `byte * 1024`, plus the
 * older names tools still write (`MegaBytes`, `GigaBytes`, `KB`, ...). Only byte-based units are
 * sizes; anything else is reported by the caller.
 */

const LEGACY: Readonly<Record<string, number>> = {
  byte: 1, bytes: 1, b: 1,
  kilobyte: 1024, kilobytes: 1024, kb: 1024, kib: 1024,
  megabyte: 2 ** 20, megabytes: 2 ** 20, mb: 2 ** 20, mib: 2 ** 20,
  gigabyte: 2 ** 30, gigabytes: 2 ** 30, gb: 2 ** 30, gib: 2 ** 30,
  terabyte: 2 ** 40, terabytes: 2 ** 40, tb: 2 ** 40, tib: 2 ** 40,
};

/**
 * The number of bytes one unit stands for, or undefined when `units` is not a byte unit this
 * reader knows (e.g. `hertz * 10^6`, `byte * 2^x`, `furlong`).
 */
export function bytesPerUnit(units: string): number | undefined {
  const compact = units.trim().toLowerCase().replace(/\s+/g, ' ');
  if (compact in LEGACY) return LEGACY[compact];
  const m = /^(byte|bytes)((?: ?\* ?\d+(?: ?\^ ?\d+)?)*)$/.exec(compact);
  if (!m) return undefined;
  let factor = 1;
  for (const term of m[2].split('*').slice(1)) {
    const [base, exp] = term.split('^').map((x) => Number(x.trim()));
    factor *= exp === undefined ? base : base ** exp;
  }
  return Number.isSafeInteger(factor) && factor > 0 ? factor : undefined;
}

/** Parses a non-negative decimal integer; undefined for anything else. */
export function parseCount(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}
