/**
 * MAC addresses as users write them (`AA-BB-CC-DD-EE-FF`, `aa:bb:…`) and as XAPI keeps them
 * (lowercase, colons). xcpform sends and compares the canonical form and keeps the user's
 * spelling in the state while it means the same address, so neither tool plans a change.
 */

/** The canonical spelling: lowercase hex pairs separated by colons. */
export function canonicalMac(mac: string): string {
  return mac.trim().toLowerCase().replace(/-/g, ':');
}

/** True when both name the same address (either may be unset). */
export function sameMac(a: string | undefined | null, b: string | undefined | null): boolean {
  return typeof a === 'string' && typeof b === 'string' && canonicalMac(a) === canonicalMac(b);
}

/** Pattern of the accepted spellings: six hex pairs, all separated by colons or all by dashes. */
export const MAC_PATTERN = '^(([0-9a-fA-F]{2}:){5}|([0-9a-fA-F]{2}-){5})[0-9a-fA-F]{2}$';
