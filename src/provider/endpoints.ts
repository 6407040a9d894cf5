/**
 * Resolves the provider block into pool endpoints: defaults, credentials from the environment
 * (`XCP_<POOL>_USERNAME` / `XCP_<POOL>_PASSWORD`), the default pool. Pure: the caller passes
 * the environment. Problems are diagnostics; passwords never appear in them.
 */
import { Diagnostic, error, warning } from '../diagnostics';
import { isObjectValue, isUnknown, ObjectValue, Value } from '../values/value';
import { EMBEDDED_URL } from './schema';

export interface PoolEndpoint {
  readonly name: string;
  /** `embedded` or an http(s) URL. */
  readonly url: string;
  readonly username: string;
  /** Undefined for embedded pools (the simulator's own credentials are used). */
  readonly password?: string;
  readonly insecureTls: boolean;
  readonly caFile?: string;
  readonly transport: 'jsonrpc' | 'xmlrpc';
}

export interface RateCard {
  readonly currency: string;
  readonly vcpuHour: number;
  readonly memoryGibHour: number;
  readonly storageGibHour: number;
  readonly vpnLinkHour: number;
  readonly poolMultipliers: Readonly<Record<string, number>>;
}

export interface ProviderSettings {
  /** Pools in name order (a map has no order, and Terraform sends its keys sorted). */
  readonly endpoints: readonly PoolEndpoint[];
  readonly defaultPool: string;
  readonly rateCard?: RateCard;
}

/** The default when the provider block has no pools: one embedded pool. */
export const DEFAULT_POOL_NAME = 'dc1';

const str = (v: Value | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: Value | undefined): number => (typeof v === 'number' ? v : 0);

/**
 * Warnings for settings that weaken a pool's security: they are allowed (a lab pool with a
 * self-signed certificate, a test pool over plain HTTP) but never silent.
 */
function isLoopbackUrl(url: string): boolean {
  const host = /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function weakenedSecurity(name: string, url: string, password: string | undefined, insecureTls: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Traffic to a loopback address never leaves the machine (a local simulator, a tunnel).
  if (/^http:\/\//i.test(url) && password && !isLoopbackUrl(url)) {
    out.push(warning('provider.plaintext-password', `provider "xcp": pool "${name}" sends its password over plain HTTP`, {
      detail: `The URL of pool "${name}" starts with http://, so the password and the session travel unencrypted and anyone on the network path can read them. Use an https:// URL.`,
      path: ['pools', name, 'url'],
    }));
  }
  if (insecureTls && !/^http:\/\//i.test(url) && url !== EMBEDDED_URL) {
    out.push(warning('provider.insecure-tls', `provider "xcp": pool "${name}" does not verify the server's TLS certificate`, {
      detail: `insecure_tls = true accepts any certificate, so an attacker on the network path can pose as the pool and receive its password. Give the pool's certificate with ca_file instead.`,
      path: ['pools', name, 'insecure_tls'],
    }));
  }
  return out;
}

export function resolveProviderSettings(config: ObjectValue | null, env: Readonly<Record<string, string | undefined>>): { settings: ProviderSettings; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const poolsValue = config?.pools ?? null;
  const endpoints: PoolEndpoint[] = [];
  if (poolsValue !== null && isUnknown(poolsValue)) {
    diagnostics.push(error('provider.unknown-pools', 'provider "xcp": attribute "pools" depends on values known only after apply', {
      detail: 'The provider must know its pools before planning. Use variables or literals, not resource attributes.',
      path: ['pools'],
    }));
  }
  // A map has no order in Terraform (a provider receives its keys sorted), so the pools are
  // taken in name order here too: the default pool must not depend on the file's syntax.
  const entries = isObjectValue(poolsValue)
    ? Object.entries(poolsValue).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    : [[DEFAULT_POOL_NAME, { url: EMBEDDED_URL }] as [string, Value]];
  for (const [name, raw] of entries) {
    const p: ObjectValue = isObjectValue(raw) ? raw : {};
    const envKey = name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    const url = str(p.url) ?? EMBEDDED_URL;
    const password = str(p.password) ?? env[`XCP_${envKey}_PASSWORD`];
    if (url !== EMBEDDED_URL && !password) {
      diagnostics.push(error('provider.missing-password', `provider "xcp": pool "${name}" has no password`, {
        detail: `Set pools.${name}.password (from a sensitive variable) or the XCP_${envKey}_PASSWORD environment variable.`,
        path: ['pools', name, 'password'],
      }));
    }
    diagnostics.push(...weakenedSecurity(name, url, password, p.insecure_tls === true));
    const transport = str(p.transport) === 'xmlrpc' ? 'xmlrpc' : 'jsonrpc';
    endpoints.push({
      name,
      url,
      username: str(p.username) ?? env[`XCP_${envKey}_USERNAME`] ?? 'root',
      password,
      insecureTls: p.insecure_tls === true,
      caFile: str(p.ca_file),
      transport,
    });
  }
  let defaultPool = str(config?.default_pool) ?? endpoints[0]?.name ?? DEFAULT_POOL_NAME;
  if (!str(config?.default_pool) && endpoints.length > 1) {
    diagnostics.push(warning('provider.implicit-default-pool', `provider "xcp": default_pool is not set; resources without a pool go to "${defaultPool}"`, {
      detail: `With several pools the default is the first pool name in sorted order ("${defaultPool}"), as Terraform orders a map's keys. Set default_pool to choose it.`,
      path: ['default_pool'],
    }));
  }
  if (!endpoints.some((e) => e.name === defaultPool)) {
    diagnostics.push(error('provider.unknown-default-pool', `provider "xcp": default_pool "${defaultPool}" is not one of the pools`, {
      detail: `Known pools: ${endpoints.map((e) => e.name).join(', ')}.`,
      path: ['default_pool'],
    }));
    defaultPool = endpoints[0]?.name ?? DEFAULT_POOL_NAME;
  }
  const rc = config?.rate_card;
  const rateCard: RateCard | undefined = isObjectValue(rc) ? {
    currency: str(rc.currency) ?? 'USD',
    vcpuHour: num(rc.vcpu_hour),
    memoryGibHour: num(rc.memory_gib_hour),
    storageGibHour: num(rc.storage_gib_hour),
    vpnLinkHour: num(rc.vpn_link_hour),
    poolMultipliers: isObjectValue(rc.pool_multipliers)
      ? Object.fromEntries(Object.entries(rc.pool_multipliers).filter(([, v]) => typeof v === 'number')) as Record<string, number>
      : {},
  } : undefined;
  return { settings: { endpoints, defaultPool, rateCard }, diagnostics };
}
