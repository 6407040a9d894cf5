/**
 * How the `ovf` commands reach a pool without a full plan: a provider runtime for one pool,
 * embedded (the simulator world under `.xcpform/` of the working folder, as `plan` uses when
 * the provider block names no URL) or at a given URL with credentials from the usual
 * `XCP_<POOL>_USERNAME` / `XCP_<POOL>_PASSWORD` environment variables. Also resolves a state
 * address (`xcp_vm.web`) to the pool and UUID recorded in the state file.
 */
import { promises as fs } from 'node:fs';
import { error, type Diagnostic } from '../diagnostics';
import { resolveProviderSettings } from '../provider/endpoints';
import { ProviderRuntime } from '../provider/runtime';
import { decodeStateV4 } from '../state';
import type { ObjectValue } from '../values/value';

export interface PoolAccess {
  readonly pool: string;
  /** `embedded` (default) or an XAPI URL. */
  readonly url?: string;
  readonly workDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Opens a runtime holding just `pool`; diagnostics instead of a runtime when settings are wrong. */
export async function openPool(access: PoolAccess): Promise<{ runtime?: ProviderRuntime; diagnostics: Diagnostic[] }> {
  const config: ObjectValue = { pools: { [access.pool]: { url: access.url ?? 'embedded' } } };
  const { settings, diagnostics } = resolveProviderSettings(config, access.env);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  try {
    return { runtime: await ProviderRuntime.open(settings, { workDir: access.workDir }), diagnostics };
  } catch (err) {
    return { diagnostics: [error('ovf.pool-unavailable', `pool ${access.pool} is not available`, { detail: `${(err as Error).message}.` })] };
  }
}

/** `<pool>/<uuid>`, or a state address looked up in `stateFile`. */
export async function resolveVmAddress(addr: string, stateFile: string): Promise<{ pool?: string; uuid?: string; diagnostics: Diagnostic[] }> {
  const direct = /^([A-Za-z0-9_-]+)\/([0-9a-f-]{36})$/i.exec(addr);
  if (direct) return { pool: direct[1], uuid: direct[2].toLowerCase(), diagnostics: [] };
  const m = /^xcp_vm\.([A-Za-z_][\w-]*)(?:\[(\d+|"[^"]*")\])?$/.exec(addr);
  if (!m) return { diagnostics: [error('ovf.bad-address', `"${addr}" is not a VM address`, { detail: 'Give a state address such as xcp_vm.web (or xcp_vm.web[0]) or <pool>/<vm uuid>.' })] };
  const text = await fs.readFile(stateFile, 'utf8').catch(() => undefined);
  if (text === undefined) return { diagnostics: [error('ovf.no-state', `no state file ${stateFile}`, { detail: `Cannot look up ${addr} without a state file; give <pool>/<vm uuid> instead.` })] };
  const decoded = decodeStateV4(text, stateFile);
  if (!decoded.state) return { diagnostics: [...decoded.diagnostics] };
  const key = m[2] === undefined ? undefined : m[2].startsWith('"') ? m[2].slice(1, -1) : Number(m[2]);
  const res = decoded.state.resources.find((r) => r.mode === 'managed' && r.type === 'xcp_vm' && r.name === m[1] && !r.module);
  const inst = res?.instances.find((i) => !i.deposed && i.indexKey === key);
  const pool = inst?.attributes.pool;
  const uuid = inst?.attributes.uuid;
  if (typeof pool !== 'string' || typeof uuid !== 'string') {
    return { diagnostics: [error('ovf.unknown-address', `${addr} is not in the state`, { detail: `${stateFile} has no VM at ${addr}. Run "xcpform show" to list addresses, or give <pool>/<vm uuid>.` })] };
  }
  return { pool, uuid, diagnostics: [] };
}
