/**
 * What a generated attribute may point at: generated blocks earlier in the case (so references
 * never form cycles) and the objects every simulated pool starts with (knowledge.ts).
 */
import type { Rng } from './rng';
import { type Case, type GenBlock, refTo } from './model';
import { EXISTING } from './knowledge';

export interface ValueContext {
  readonly rng: Rng;
  readonly case: Case;
  /** The block the value is for. */
  readonly block: GenBlock;
  /** Blocks the value may refer to (generated before `block`). */
  readonly earlier: readonly GenBlock[];
  /** The current value in configuration (edits), undefined when unset. */
  readonly current?: unknown;
  /** The nested block body when the value is for a nested attribute. */
  readonly item?: Record<string, unknown>;
}

export function poolOf(b: GenBlock): string {
  return typeof b.attrs.pool === 'string' ? b.attrs.pool : 'dc1';
}

function inPool(ctx: ValueContext, type: string, mode: 'managed' | 'data' = 'managed'): GenBlock[] {
  const pool = poolOf(ctx.block);
  if (mode === 'data' && ctx.case.dataRefs === false) return [];
  return ctx.earlier.filter((b) => b.type === type && b.mode === mode && poolOf(b) === pool);
}

function anyInstance(ctx: ValueContext, b: GenBlock, attr: string): string {
  return refTo(b, attr, ctx.rng.int(0, 3));
}

/** SRs that hold VM disks in the block's pool: generated `user` SRs (by UUID or name), a data source, or the pool's own shared SR. */
export function userSrRef(ctx: ValueContext): string {
  const generated = inPool(ctx, 'xcp_sr').filter((b) => (b.attrs.content_type ?? 'user') === 'user' && b.count === undefined && !b.forEach);
  const data = inPool(ctx, 'xcp_sr', 'data');
  const options: (() => string)[] = [() => EXISTING.sharedSr];
  for (const b of generated) options.push(() => refTo(b, 'uuid'), () => refTo(b, 'uuid'), () => refTo(b, 'name_label'));
  for (const b of data) options.push(() => refTo(b, 'id'));
  return ctx.rng.pick(options)();
}

/** Networks in the block's pool a VIF may join. */
export function networkRef(ctx: ValueContext): string {
  const options: (() => string)[] = [() => ctx.rng.pick(EXISTING.networks)];
  for (const b of inPool(ctx, 'xcp_network')) options.push(() => anyInstance(ctx, b, 'uuid'), () => anyInstance(ctx, b, 'uuid'));
  for (const b of inPool(ctx, 'xcp_vlan')) options.push(() => anyInstance(ctx, b, 'network'));
  for (const b of inPool(ctx, 'xcp_private_network')) options.push(() => anyInstance(ctx, b, 'uuid'));
  for (const b of inPool(ctx, 'xcp_network', 'data')) options.push(() => refTo(b, 'id'));
  return ctx.rng.pick(options)();
}

/** A network in the block's pool that no VLAN claims (for `xcp_vlan.network`, `xcp_vpn_link.network`). */
export function plainNetworkRef(ctx: ValueContext, pool = poolOf(ctx.block)): string | undefined {
  const claimed = new Set(ctx.case.blocks.filter((b) => b.type === 'xcp_vlan').map((b) => String(b.attrs.network ?? '')));
  const nets = ctx.earlier.filter((b) => b.type === 'xcp_network' && b.mode === 'managed' && poolOf(b) === pool && b.count === undefined && !b.forEach)
    .map((b) => refTo(b, 'uuid')).filter((r) => !claimed.has(r));
  return nets.length ? ctx.rng.pick(nets) : undefined;
}

/** Host names of the block's pool; the second host when an `xcp_host` adopts it is left out (its name may change). */
/**
 * Names of the pool's hosts that keep their name: the host an xcp_host adopts (the second) is
 * left out, since an edit of that resource's hostname or name_label may rename it.
 */
export function stableHostNames(ctx: ValueContext): string[] {
  const pool = poolOf(ctx.block);
  const adopted = ctx.case.blocks.some((b) => b.type === 'xcp_host' && poolOf(b) === pool);
  return EXISTING.hosts(pool).filter((_, i) => !(adopted && i === 1));
}

export function hostName(ctx: ValueContext): string {
  const data = inPool(ctx, 'xcp_host', 'data');
  const names = stableHostNames(ctx);
  const options: (() => string)[] = names.map((n) => () => n);
  for (const b of data) options.push(() => refTo(b, 'name_label'));
  return ctx.rng.pick(options)();
}

export function templateRef(ctx: ValueContext): string {
  const data = inPool(ctx, 'xcp_template', 'data');
  if (data.length && ctx.rng.chance(0.5)) return refTo(ctx.rng.pick(data), 'name_label');
  return ctx.rng.pick(EXISTING.templates.filter((t) => t.vmTemplate)).name;
}

export function vmUuidRef(ctx: ValueContext): string | undefined {
  const vms = inPool(ctx, 'xcp_vm');
  return vms.length ? anyInstance(ctx, ctx.rng.pick(vms), 'uuid') : undefined;
}

export function applianceRef(ctx: ValueContext): string | undefined {
  const apps = inPool(ctx, 'xcp_appliance').filter((b) => b.count === undefined && !b.forEach);
  return apps.length ? refTo(ctx.rng.pick(apps), 'uuid') : undefined;
}

/** An `xcp_vdi` of the pool that no VM disk attaches yet. */
export function freeVdiRef(ctx: ValueContext): string | undefined {
  const used = JSON.stringify(ctx.case.blocks.filter((b) => b.type === 'xcp_vm').map((b) => b.blocks.disk ?? []));
  const vdis = inPool(ctx, 'xcp_vdi').filter((b) => b.count === undefined && !b.forEach && !used.includes(`${b.type}.${b.name}.`));
  return vdis.length ? refTo(ctx.rng.pick(vdis), 'uuid') : undefined;
}

/**
 * The object a generated reference names, so that two spellings of one object compare equal:
 * `${xcp_sr.s0.uuid}` and `${xcp_sr.s0.name_label}`; the shared SR by name and through
 * `data.xcp_sr`; a host by name and through `data.xcp_host`.
 */
export function objectKey(c: { blocks: readonly GenBlock[] }, value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value ?? null);
  const m = /^\$\{((?:data\.)?xcp_[a-z_]+\.[\w-]+)(\[[^\]]*\])?\.(uuid|id|name_label|network)\}$/.exec(value);
  if (!m) return value;
  if (m[1].startsWith('data.')) {
    const d = c.blocks.find((b) => `data.${b.type}.${b.name}` === m[1]);
    const name = d?.attrs.name_label ?? d?.attrs.pool;
    return typeof name === 'string' ? name : m[1];
  }
  return `${m[1]}${m[2] ?? ''}${m[3] === 'network' ? '.network' : ''}`;
}
