/** Paths of sensitive attributes, from the schema (and from sensitive variables via config). */
import type { BlockSchema } from '../schema/model';
import { isObjectValue, Value } from '../values/value';
import type { AttrPath } from './paths';

/** Every path of `value` that the schema marks sensitive (nested blocks element by element). */
export function sensitivePaths(block: BlockSchema, value: Value, prefix: AttrPath = []): AttrPath[] {
  const out: AttrPath[] = [];
  if (!isObjectValue(value)) return out;
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (attr.sensitive) out.push([...prefix, name]);
    else if (attr.nested) {
      const inner = value[name];
      const nestedBlock: BlockSchema = { description: '', attributes: attr.nested.attributes };
      if (attr.nested.nesting === 'single') out.push(...sensitivePaths(nestedBlock, inner ?? null, [...prefix, name]));
      else if (isObjectValue(inner)) for (const k of Object.keys(inner)) out.push(...sensitivePaths(nestedBlock, inner[k], [...prefix, name, k]));
      else if (Array.isArray(inner)) inner.forEach((x, i) => out.push(...sensitivePaths(nestedBlock, x, [...prefix, name, i])));
    }
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const inner = value[name];
    if (bt.nesting === 'single') out.push(...sensitivePaths(bt.block, inner ?? null, [...prefix, name]));
    else if (Array.isArray(inner)) inner.forEach((x, i) => out.push(...sensitivePaths(bt.block, x, [...prefix, name, i])));
  }
  return out;
}
