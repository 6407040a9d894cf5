/**
 * Provider configuration keys as the engine writes them (`xcp`, `xcp.cloud`, and for a
 * configuration declared inside a module, `module.own.xcp` / `module.own.xcp.b`) and the
 * state's provider addresses (`provider["…/xcp"].cloud`, `module.own.provider["…/xcp"]`),
 * each the other's inverse.
 */
import { providerAddress } from './model';

/** The parts of a key: the declaring module's path (`module.own`, empty for the root), the provider, the alias. */
export function parseProviderKey(key: string): { readonly module: string; readonly provider: string; readonly alias?: string } {
  const m = /^((?:module\.[A-Za-z_][\w-]*\.)*)([A-Za-z][\w-]*)(?:\.([A-Za-z_][\w-]*))?$/.exec(key);
  if (!m) return { module: '', provider: key };
  return { module: m[1].replace(/\.$/, ''), provider: m[2], ...(m[3] ? { alias: m[3] } : {}) };
}

/** The state's provider address of a key. */
export function providerAddressOfKey(key: string): string {
  const { module, alias } = parseProviderKey(key);
  return providerAddress(alias, module || undefined);
}

/** The key of a state provider address (`xcp` for anything unrecognised). */
export function providerKeyOfAddress(address: string): string {
  const m = /^((?:module\.[A-Za-z_][\w-]*\.)*)provider\["[^"]*"\](?:\.([A-Za-z_][\w-]*))?$/.exec(address);
  if (!m) return 'xcp';
  return `${m[1]}xcp${m[2] ? `.${m[2]}` : ''}`;
}
