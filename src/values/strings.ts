/**
 * Strings as cty keeps them: every string value is in Unicode normal form C, so `"e\u0301"`
 * and `"é"` are the same string. Normalising is skipped for ASCII, the common case.
 */

/** The NFC form of a string (the string itself when it is plain ASCII). */
export function nfc(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFC');
}

/** Every string inside a value (and every object key) in NFC. */
export function nfcDeep<T>(v: T): T {
  if (typeof v === 'string') return nfc(v) as T;
  if (Array.isArray(v)) return v.map(nfcDeep) as T;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[nfc(k)] = nfcDeep(x);
    return out as T;
  }
  return v;
}
