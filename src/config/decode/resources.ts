/** Decodes resource, data and provider blocks (found by collectBlocks) with their meta-arguments. */
import { error, warning } from '../../diagnostics';
import { dataSourceSchema, providerSchema, resourceSchema } from '../../provider/schemas';
import { blockAddress, ConfigBlock } from '../blocks';
import { lazySource } from '../lines';
import { ProviderConfig, ResourceBlock } from '../model';
import { bodyReferences, exprReferences } from '../references';
import { decodeBody } from './body';
import { attribute, bareReference, DecodeContext } from './context';
import { decodeLifecycle } from './lifecycle';
import { dependsOnList } from './declarations';

const RESOURCE_META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);
const PROVIDER_META = new Set(['alias', 'version']);

export function decodeResource(block: ConfigBlock, ctx: DecodeContext): ResourceBlock {
  const address = blockAddress(block);
  const decl = { kind: block.kind as 'resource' | 'data', type: block.type, name: block.name };
  const schema = block.kind === 'data' ? dataSourceSchema(block.type) : resourceSchema(block.type);
  const raw = block.body;
  const body = decodeBody(raw, schema?.block, ctx, decl, [], RESOURCE_META);
  const count = 'count' in raw ? attribute('count', raw.count, ctx, decl, ['count']) : undefined;
  const forEach = 'for_each' in raw ? attribute('for_each', raw.for_each, ctx, decl, ['for_each']) : undefined;
  const source = lazySource(ctx.file, decl);
  if (count && forEach) {
    ctx.diagnostics.push(error('config.count-and-for-each', `${address}: invalid combination of "count" and "for_each"`, {
      detail: 'The "count" and "for_each" meta-arguments are mutually exclusive; only one may be used to be explicit about the number of instances.',
      address,
      source: count.source,
    }));
  }
  for (const key of ['provisioner', 'connection']) {
    if (key in raw) ctx.diagnostics.push(warning('config.unsupported-provisioner', `${address}: ${key} blocks are ignored by xcpform`, { address, source: lazySource(ctx.file, decl, [key]) }));
  }
  const refs = new Set<string>();
  bodyReferences(body, refs);
  if (count) exprReferences(count.expr, refs);
  if (forEach) exprReferences(forEach.expr, refs);
  const dependsOn = dependsOnList(ctx, raw.depends_on, address);
  const lifecycle = decodeLifecycle(raw.lifecycle, ctx, address, decl);
  for (const c of [...lifecycle.preconditions ?? [], ...lifecycle.postconditions ?? []]) {
    // A condition's references order the block after what it checks.
    exprReferences(c.condition.expr, refs);
    exprReferences(c.errorMessage.expr, refs);
  }
  for (const r of lifecycle.replaceTriggeredBy) {
    const m = /^(data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*/.exec(r);
    if (m) refs.add(m[0]);
  }
  let providerConfig = block.type.split('_')[0];
  if (raw.provider !== undefined) {
    const ref = bareReference(raw.provider);
    if (ref && /^[A-Za-z][\w-]*(\.[A-Za-z_][\w-]*)?$/.test(ref)) providerConfig = ref;
    else ctx.diagnostics.push(error('config.invalid-provider-reference', `${address}: invalid provider reference ${JSON.stringify(raw.provider)}`, { detail: 'Write the provider as NAME or NAME.ALIAS, for example xcp.cloud.', address, source: lazySource(ctx.file, decl, ['provider']) }));
  }
  return {
    address,
    mode: block.kind === 'data' ? 'data' : 'managed',
    type: block.type,
    name: block.name,
    count,
    forEach,
    dependsOn,
    providerConfig,
    lifecycle,
    body,
    schema,
    references: [...refs].sort(),
    source,
  };
}

export function decodeProvider(block: ConfigBlock, ctx: DecodeContext): ProviderConfig {
  const decl = { kind: 'provider' as const, type: block.type, name: block.name };
  const schema = block.type === 'xcp' ? providerSchema : undefined;
  const body = decodeBody(block.body, schema?.block, ctx, decl, [], PROVIDER_META);
  const refs = new Set<string>();
  bodyReferences(body, refs);
  return {
    type: block.type,
    alias: block.name,
    key: block.name ? `${block.type}.${block.name}` : block.type,
    body,
    schema,
    references: [...refs].sort(),
    source: lazySource(ctx.file, decl),
  };
}
