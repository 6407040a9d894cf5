/**
 * Wire types: the cty types a DynamicValue can carry. A superset of the schema model's
 * `CtyType` (which has no tuples or optional object attributes) because dynamic values sent by
 * Terraform may hold any cty type. Encoded exactly as Terraform's type JSON
 * (reference tfplugin.md section 4.3).
 */
import type { CtyType } from '../../schema/cty-type';
import type { AttributeSchema, BlockSchema } from '../../schema/model';

export type WireType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | readonly ['list', WireType]
  | readonly ['set', WireType]
  | readonly ['map', WireType]
  | readonly ['tuple', readonly WireType[]]
  | readonly ['object', Readonly<Record<string, WireType>>]
  | readonly ['object', Readonly<Record<string, WireType>>, readonly string[]];

/** Raised for a type JSON document that names no cty type. */
export class TypeJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TypeJsonError';
  }
}

/** Parses type JSON (already `JSON.parse`d) into a wire type; throws TypeJsonError. */
export function parseTypeJson(json: unknown): WireType {
  if (json === 'string' || json === 'number' || json === 'bool' || json === 'dynamic') return json;
  if (!Array.isArray(json) || json.length < 2) throw new TypeJsonError(`unknown type ${short(json)}`);
  const [kind, inner, optional] = json as [unknown, unknown, unknown];
  switch (kind) {
    case 'list':
    case 'set':
    case 'map':
      if (json.length !== 2) throw new TypeJsonError(`${kind} type takes one element type`);
      return [kind, parseTypeJson(inner)];
    case 'tuple':
      if (!Array.isArray(inner) || json.length !== 2) throw new TypeJsonError('tuple type needs a list of element types');
      return ['tuple', inner.map(parseTypeJson)];
    case 'object': {
      if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw new TypeJsonError('object type needs a map of attribute types');
      const attrs: Record<string, WireType> = {};
      for (const [name, t] of Object.entries(inner)) attrs[name] = parseTypeJson(t);
      if (json.length === 2) return ['object', attrs];
      if (!Array.isArray(optional) || !optional.every((o) => typeof o === 'string' && o in attrs) || json.length !== 3) {
        throw new TypeJsonError('object type optional attributes must name its attributes');
      }
      return ['object', attrs, optional as string[]];
    }
    default:
      throw new TypeJsonError(`unknown type ${short(json)}`);
  }
}

function short(json: unknown): string {
  const text = JSON.stringify(json) ?? String(json);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The schema model's types are wire types already; this only widens the TypeScript type. */
export function fromCtyType(type: CtyType): WireType {
  return type as WireType;
}

/** The cty type of one attribute, including protocol 6 nested attributes. */
export function attributeType(attr: AttributeSchema): WireType {
  if (attr.type !== undefined) return fromCtyType(attr.type);
  const nested = attr.nested!;
  const obj: WireType = ['object', objectAttributes(nested.attributes)];
  return nested.nesting === 'single' ? obj : [nested.nesting, obj];
}

function objectAttributes(attrs: Readonly<Record<string, AttributeSchema>>): Record<string, WireType> {
  const out: Record<string, WireType> = {};
  for (const [name, attr] of Object.entries(attrs)) out[name] = attributeType(attr);
  return out;
}

/**
 * The implied type of a block: an object with every attribute and every nested block type
 * (single → object, list → list of object, set → set of object), as Terraform derives it.
 */
export function blockType(block: BlockSchema): WireType {
  const attrs = objectAttributes(block.attributes);
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const inner = blockType(bt.block);
    attrs[name] = bt.nesting === 'single' ? inner : [bt.nesting, inner];
  }
  return ['object', attrs];
}

/** A wire type as type JSON, for dynamic values. */
export function typeJson(type: WireType): unknown {
  return type;
}

/** Structural equality of two types. */
export function sameType(a: WireType, b: WireType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
