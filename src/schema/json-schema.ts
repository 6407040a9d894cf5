/**
 * JSON Schema (draft 2020-12 subset, for ajv) of a block as written in configuration. Values may
 * be expressions ("${...}") whose type is only known after evaluation, so types are checked by
 * the custom keyword `ctyKind`, which lets expression strings through; ajv's structural keywords
 * (`items`, `properties`, `additionalProperties`) apply only to arrays and objects and so skip
 * them too. Custom keywords: `ctyKind`, `xcpValidators` (validators.ts), `xcpReadOnly`.
 */
import { CtyType, isPrimitive } from './cty-type';
import { AttributeSchema, BlockSchema, ResourceSchema } from './model';

export type JsonSchema = Record<string, unknown>;

/** Meta-arguments Terraform accepts in every resource / data / provider block. */
export const META_ARGUMENTS: Record<ResourceSchema['kind'], readonly string[]> = {
  resource: ['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection', 'dynamic'],
  data: ['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'dynamic'],
  provider: ['alias', 'version'],
};

export function typeJsonSchema(type: CtyType): JsonSchema {
  if (isPrimitive(type)) return { ctyKind: type };
  const [kind, inner] = type;
  switch (kind) {
    case 'list':
    case 'set':
      return { ctyKind: kind, items: typeJsonSchema(inner as CtyType) };
    case 'map':
      return { ctyKind: 'map', additionalProperties: typeJsonSchema(inner as CtyType) };
    case 'object': {
      const attrs = inner as Record<string, CtyType>;
      return {
        ctyKind: 'object',
        properties: Object.fromEntries(Object.entries(attrs).map(([k, t]) => [k, typeJsonSchema(t)])),
        additionalProperties: false,
      };
    }
  }
}

function nestedObjectSchema(attributes: Readonly<Record<string, AttributeSchema>>): JsonSchema {
  const required = Object.entries(attributes).filter(([, a]) => a.required).map(([n]) => n);
  return {
    ctyKind: 'object',
    properties: Object.fromEntries(Object.entries(attributes).map(([n, a]) => [n, attributeJsonSchema(a)])),
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

export function attributeJsonSchema(attr: AttributeSchema): JsonSchema {
  if (!attr.required && !attr.optional) return { xcpReadOnly: true };
  let schema: JsonSchema;
  if (attr.nested) {
    const obj = nestedObjectSchema(attr.nested.attributes);
    schema = attr.nested.nesting === 'single' ? obj
      : attr.nested.nesting === 'map' ? { ctyKind: 'map', additionalProperties: obj }
      : { ctyKind: attr.nested.nesting, items: obj };
  } else {
    schema = attr.unit === 'bytes' ? { ctyKind: 'bytes' } : typeJsonSchema(attr.type!);
  }
  if (attr.validators?.length) schema = { ...schema, xcpValidators: { type: attr.type ?? 'dynamic', validators: attr.validators } };
  return schema;
}

/** Blocks are normalised to arrays before validation (see normalizeBlocks). */
export function blockJsonSchema(block: BlockSchema, kind: ResourceSchema['kind'] | 'nested'): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) {
    properties[name] = attributeJsonSchema(attr);
    if (attr.required) required.push(name);
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const max = bt.nesting === 'single' ? 1 : bt.maxItems;
    properties[name] = {
      type: 'array',
      items: blockJsonSchema(bt.block, 'nested'),
      ...(bt.minItems ? { minItems: bt.minItems } : {}),
      ...(max ? { maxItems: max } : {}),
    };
  }
  if (kind !== 'nested') for (const meta of META_ARGUMENTS[kind]) properties[meta] ??= {};
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** Terraform's JSON syntax allows a nested block as one object or an array of objects. */
export function normalizeBlocks(block: BlockSchema, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const value = out[name];
    if (value === undefined || value === null) continue;
    const items = Array.isArray(value) ? value : [value];
    out[name] = items.map((item) =>
      item && typeof item === 'object' && !Array.isArray(item) ? normalizeBlocks(bt.block, item as Record<string, unknown>) : item,
    );
  }
  return out;
}
