/**
 * Splits a block body into attributes, nested blocks and `dynamic` blocks using the schema
 * (HCL blocks and lists of objects look the same in the JSON syntax; only the schema knows
 * which is which). Without a schema everything is an attribute.
 */
import { error } from '../../diagnostics';
import { BlockSchema } from '../../schema/model';
import { Decl } from '../lines';
import { Attribute, Body, DynamicBlock } from '../model';
import { attribute, bareReference, DecodeContext, objects } from './context';

export function decodeBody(
  raw: Record<string, unknown>,
  schema: BlockSchema | undefined,
  ctx: DecodeContext,
  decl: Decl,
  path: readonly (string | number)[],
  skip: ReadonlySet<string> = new Set(),
): Body {
  const attributes: Record<string, Attribute> = {};
  const blocks: Record<string, Body[]> = {};
  const dynamic: DynamicBlock[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (skip.has(key)) continue;
    const bt = schema?.blockTypes?.[key];
    if (key === 'dynamic' && schema && !schema.attributes.dynamic) {
      dynamic.push(...decodeDynamic(value, schema, ctx, decl, [...path, key]));
    } else if (bt) {
      const list = objects(value);
      if (!list) {
        ctx.diagnostics.push(error('config.not-a-block', `${ctx.file.path}: "${[...path, key].join('.')}" must be written as a block`, {
          detail: `"${key}" is a nested block: write ${key} { ... } (or an object / array of objects in JSON), not an expression.`,
          source: { filename: ctx.file.path },
        }));
        continue;
      }
      blocks[key] = list.map((o, i) => decodeBody(o, bt.block, ctx, decl, [...path, key, i]));
    } else {
      attributes[key] = attribute(key, value, ctx, decl, [...path, key]);
    }
  }
  return { attributes, blocks, dynamic };
}

function decodeDynamic(value: unknown, schema: BlockSchema, ctx: DecodeContext, decl: Decl, path: readonly (string | number)[]): DynamicBlock[] {
  const out: DynamicBlock[] = [];
  const bad = (what: string) => ctx.diagnostics.push(error('config.invalid-dynamic', `${ctx.file.path}: invalid dynamic block: ${what}`, { source: { filename: ctx.file.path } }));
  for (const group of objects(value) ?? []) {
    for (const [type, specs] of Object.entries(group)) {
      const bt = schema.blockTypes?.[type];
      if (!bt) { bad(`there is no nested block type "${type}" here`); continue; }
      for (const spec of objects(specs) ?? []) {
        if (!('for_each' in spec)) { bad(`dynamic "${type}" needs a for_each argument`); continue; }
        const contents = objects(spec.content);
        if (!contents || contents.length !== 1) { bad(`dynamic "${type}" needs exactly one content block`); continue; }
        const iterator = spec.iterator === undefined ? type : bareReference(spec.iterator) ?? type;
        out.push({
          type,
          forEach: attribute('for_each', spec.for_each, ctx, decl, [...path, type, 'for_each']),
          iterator,
          content: decodeBody(contents[0], bt.block, ctx, decl, [...path, type, 'content']),
        });
      }
    }
  }
  return out;
}
