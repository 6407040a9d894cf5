/**
 * Schema lookups for the generator: the attribute at a path (`disk.size`), its update class,
 * and a valid value from its type and validators when knowledge.ts has no generator for it.
 */
import { dataSourceSchema, resourceSchema } from '../../src/provider/schemas';
import type { AttributeSchema, BlockSchema, UpdateClass } from '../../src/schema/model';
import type { CtyType } from '../../src/schema/cty-type';
import { VALUES } from './knowledge';
import type { ValueContext } from './refs';

export function blockSchemaOf(type: string, mode: 'managed' | 'data' = 'managed'): BlockSchema {
  const s = mode === 'data' ? dataSourceSchema(type) : resourceSchema(type);
  if (!s) throw new Error(`no schema for ${mode} ${type}`);
  return s.block;
}

/** The attribute at `attr` or `blockType.attr`. */
export function attributeAt(type: string, path: string): AttributeSchema | undefined {
  const block = blockSchemaOf(type);
  const [head, tail] = path.split('.');
  if (tail === undefined) return block.attributes[head];
  return block.blockTypes?.[head]?.block.attributes[tail];
}

export function updateClassOf(type: string, path: string): UpdateClass | undefined {
  const a = attributeAt(type, path);
  if (!a?.update) return undefined;
  // A nested block's own presence has no class; its attributes carry one.
  return a.update;
}

function genericValue(ctx: ValueContext, attr: AttributeSchema): unknown {
  const type = attr.type as CtyType | undefined;
  if (!type) return undefined;
  const rng = ctx.rng;
  const oneOf = attr.validators?.find((v) => v.kind === 'one-of');
  const range = attr.validators?.find((v) => v.kind === 'range');
  if (type === 'bool') return typeof ctx.current === 'boolean' ? !ctx.current : !(attr.default ?? false);
  if (type === 'string') {
    if (oneOf && oneOf.kind === 'one-of') return rng.pick(oneOf.values);
    return `${rng.word()}-${rng.int(1, 99)}`;
  }
  if (type === 'number') {
    if (range && range.kind === 'range') {
      const min = range.min ?? 0;
      const max = range.max ?? min + 1000;
      return rng.int(min, Math.min(max, min + 1000));
    }
    return rng.int(0, 100);
  }
  const [kind, inner] = type;
  if ((kind === 'set' || kind === 'list') && inner === 'string') {
    if (oneOf && oneOf.kind === 'one-of') return rng.subset(oneOf.values, 0, oneOf.values.length);
    return rng.subset(['a', 'b', 'c', 'd'], 0, 2).map((x) => `${x}-${rng.word()}`);
  }
  if (kind === 'map' && inner === 'string') return Object.fromEntries(rng.subset(['k1', 'k2', 'k3'], 0, 2).map((k) => [k, rng.word()]));
  return undefined;
}

/** A valid value for `type.path` (knowledge first, then the schema), or undefined when none fits. */
export function valueFor(ctx: ValueContext, path: string): unknown {
  const [head, tail] = path.split('.');
  const gen = VALUES[`${ctx.block.type}.${path}`] ?? (tail === undefined ? VALUES[`*.${head}`] : undefined);
  if (gen) return gen(ctx);
  const attr = attributeAt(ctx.block.type, path);
  return attr ? genericValue(ctx, attr) : undefined;
}

/** Configurable attribute paths of a type (`name_label`, `disk.size`), in schema order. */
export function configurablePaths(type: string): string[] {
  const block = blockSchemaOf(type);
  const out: string[] = [];
  for (const [n, a] of Object.entries(block.attributes)) if (a.required || a.optional) out.push(n);
  for (const [bt, s] of Object.entries(block.blockTypes ?? {})) {
    for (const [n, a] of Object.entries(s.block.attributes)) if (a.required || a.optional) out.push(`${bt}.${n}`);
  }
  return out;
}
