/**
 * Decodes `module "NAME" { ... }` blocks: `source`, `version`, the meta-arguments (`count`,
 * `for_each`, `depends_on`, `providers`) and every other argument as an input variable value.
 * Blocks Terraform reserves inside a module call (`lifecycle`, `locals`, `provider`) are errors.
 */
import { error } from '../../diagnostics';
import { lazySource } from '../lines';
import { Attribute, ModuleCall } from '../model';
import { exprReferences } from '../references';
import { attribute, bareReference, DecodeContext, objects } from '../decode/context';
import { dependsOnList } from '../decode/declarations';

const META = new Set(['source', 'version', 'count', 'for_each', 'depends_on', 'providers']);
const RESERVED = new Set(['lifecycle', 'locals', 'provider']);

/** The module calls of one file (`body.module`), in declaration order. */
export function decodeModuleCalls(ctx: DecodeContext, value: unknown): ModuleCall[] {
  if (value === undefined) return [];
  const out: ModuleCall[] = [];
  for (const group of objects(value) ?? []) {
    for (const [name, raw] of Object.entries(group)) {
      const bodies = objects(raw);
      const decl = { kind: 'module', name } as const;
      const sourceRef = lazySource(ctx.file, decl);
      if (!bodies || bodies.length !== 1) {
        ctx.diagnostics.push(error('config.malformed', `${ctx.file.path}: module "${name}" must be one block`, { source: { filename: ctx.file.path } }));
        continue;
      }
      const body = bodies[0];
      const where = `module.${name}`;
      const at = (path: string) => lazySource(ctx.file, decl, [path]);
      if (typeof body.source !== 'string' || body.source.includes('${')) {
        ctx.diagnostics.push(error('config.module-source', `${where}: Missing required argument "source"`, {
          detail: 'A module block needs a literal "source" string: a local path starting with "./" or "../", or a "git::file://" URL.',
          source: body.source === undefined ? sourceRef : at('source'),
        }));
        continue;
      }
      for (const key of Object.keys(body)) {
        if (RESERVED.has(key)) {
          ctx.diagnostics.push(error('config.module-reserved', `${where}: Reserved block type name in module block`, { detail: `The block type name "${key}" is reserved for use by Terraform in a future version.`, source: at(key) }));
        }
      }
      const count = 'count' in body ? attribute('count', body.count, ctx, decl, ['count']) : undefined;
      const forEach = 'for_each' in body ? attribute('for_each', body.for_each, ctx, decl, ['for_each']) : undefined;
      if (count && forEach) {
        ctx.diagnostics.push(error('config.count-and-for-each', `${where}: invalid combination of "count" and "for_each"`, {
          detail: 'The "count" and "for_each" meta-arguments are mutually exclusive; only one may be used to be explicit about the number of instances.',
          source: count.source,
        }));
      }
      const inputs: Record<string, Attribute> = {};
      const refs = new Set<string>();
      for (const [key, v] of Object.entries(body)) {
        if (META.has(key) || RESERVED.has(key)) continue;
        inputs[key] = attribute(key, v, ctx, decl, [key]);
        exprReferences(inputs[key].expr, refs);
      }
      if (count) exprReferences(count.expr, refs);
      if (forEach) exprReferences(forEach.expr, refs);
      const providers: Record<string, string> = {};
      for (const map of body.providers === undefined ? [] : objects(body.providers) ?? []) {
        for (const [inner, outer] of Object.entries(map)) {
          const ref = bareReference(outer);
          if (ref && /^[A-Za-z][\w-]*(\.[A-Za-z_][\w-]*)?$/.test(ref)) providers[inner] = ref;
          else ctx.diagnostics.push(error('config.invalid-provider-reference', `${where}: invalid provider reference ${JSON.stringify(outer)}`, { detail: 'Write each entry of "providers" as NAME = NAME.ALIAS, for example xcp = xcp.cloud.', source: at('providers') }));
        }
      }
      out.push({
        name,
        source: body.source,
        ...(typeof body.version === 'string' ? { version: body.version } : {}),
        ...(count ? { count } : {}),
        ...(forEach ? { forEach } : {}),
        dependsOn: dependsOnList(ctx, body.depends_on, where),
        providers,
        inputs,
        references: [...refs].sort(),
        sourceRef,
      });
    }
  }
  return out;
}
