/**
 * Sizes written for people: `20GiB`, `512 MiB`, `1.5TiB`, `10GB`. Binary suffixes (KiB, MiB,
 * GiB, TiB and the bare K, M, G, T XenServer's tools use) count in 1024s; decimal ones (KB, MB,
 * GB, TB) in 1000s. Attributes whose schema unit is `bytes` accept them besides plain numbers.
 */
const UNITS: Record<string, number> = {
  b: 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gib: 1024 ** 3, t: 1024 ** 4, tib: 1024 ** 4,
  kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12,
};

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*([a-z]{1,3})\s*$/i;

/** Bytes of a size string, or undefined when it is not one (whole bytes only). */
export function parseBytes(text: string): number | undefined {
  const m = SIZE.exec(text);
  if (!m) return undefined;
  const unit = UNITS[m[2].toLowerCase()];
  if (!unit) return undefined;
  const bytes = Number(m[1]) * unit;
  return Number.isSafeInteger(Math.round(bytes)) && Math.abs(bytes - Math.round(bytes)) < 1e-6 ? Math.round(bytes) : undefined;
}
