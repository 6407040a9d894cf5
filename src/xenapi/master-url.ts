/**
 * Builds the master's URL from a pool member's URL and the address in `HOST_IS_SLAVE`.
 */

/**
 * Returns `base` with its host replaced by `masterAddress`, keeping scheme, port, path and
 * user info. An IPv6 address is bracketed. Assumes `base` is an absolute URL.
 */
export function masterUrl(base: string, masterAddress: string): string {
  const url = new URL(base);
  const host = masterAddress.trim();
  url.hostname = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return url.toString().replace(/\/$/, base.endsWith('/') ? '/' : '');
}
