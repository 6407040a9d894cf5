/**
 * Encodes the model in the format of `terraform providers schema -json` (format_version 1.0).
 * Key order follows Terraform's Go structs and maps are sorted, so the committed
 * `provider-schema/xcp.json` is byte-stable.
 */
import { AttributeSchema, BlockSchema, ResourceSchema } from './model';
import { fullDescription } from './describe';
import { computedForTerraform } from './defaults';

export const PROVIDER_ADDRESS = 'registry.terraform.io/xcpform/xcp';

export interface AttributeJson {
  type?: unknown;
  nested_type?: { attributes: Record<string, AttributeJson>; nesting_mode: string };
  description: string;
  description_kind: 'plain';
  deprecated?: boolean;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}

export interface BlockJson {
  attributes?: Record<string, AttributeJson>;
  block_types?: Record<string, { nesting_mode: string; block: BlockJson; min_items?: number; max_items?: number }>;
  description: string;
  description_kind: 'plain';
  deprecated?: boolean;
}

export interface SchemaJson {
  version: number;
  block: BlockJson;
}

export interface ProviderSchemasJson {
  format_version: '1.0';
  provider_schemas: Record<string, {
    provider: SchemaJson;
    resource_schemas: Record<string, SchemaJson>;
    data_source_schemas: Record<string, SchemaJson>;
  }>;
}

function sortedEntries<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function attributeJson(attr: AttributeSchema): AttributeJson {
  const out: AttributeJson = { description: fullDescription(attr), description_kind: 'plain' };
  if (attr.type !== undefined) {
    return { type: attr.type, ...out, ...flags(attr) };
  }
  const nested = attr.nested!;
  const attributes: Record<string, AttributeJson> = {};
  for (const [name, inner] of sortedEntries(nested.attributes)) attributes[name] = attributeJson(inner);
  return { nested_type: { attributes, nesting_mode: nested.nesting }, ...out, ...flags(attr) };
}

function flags(attr: AttributeSchema): Partial<AttributeJson> {
  const f: Partial<AttributeJson> = {};
  if (attr.deprecated) f.deprecated = true;
  if (attr.required) f.required = true;
  if (attr.optional) f.optional = true;
  // An attribute with a default is Optional+Computed for Terraform (see defaults.ts).
  if (computedForTerraform(attr)) f.computed = true;
  if (attr.sensitive) f.sensitive = true;
  return f;
}

export function blockJson(block: BlockSchema): BlockJson {
  const out: BlockJson = { description: block.description, description_kind: 'plain' };
  const attrs = sortedEntries(block.attributes);
  const blocks = sortedEntries(block.blockTypes);
  const result: BlockJson = {} as BlockJson;
  if (attrs.length) result.attributes = Object.fromEntries(attrs.map(([n, a]) => [n, attributeJson(a)]));
  if (blocks.length) {
    result.block_types = Object.fromEntries(
      blocks.map(([n, bt]) => {
        const entry: { nesting_mode: string; block: BlockJson; min_items?: number; max_items?: number } = {
          nesting_mode: bt.nesting,
          block: blockJson(bt.block),
        };
        // Terraform requires min_items = max_items for single blocks, so they carry neither.
        if (bt.minItems && bt.nesting !== 'single') entry.min_items = bt.minItems;
        if (bt.maxItems && bt.nesting !== 'single') entry.max_items = bt.maxItems;
        return [n, entry];
      }),
    );
  }
  Object.assign(result, out);
  if (block.deprecated) result.deprecated = true;
  return result;
}

export function schemaJson(schema: ResourceSchema): SchemaJson {
  return { version: schema.version, block: blockJson(schema.block) };
}

export function providerSchemasJson(
  provider: ResourceSchema,
  resources: readonly ResourceSchema[],
  dataSources: readonly ResourceSchema[],
): ProviderSchemasJson {
  const bySorted = (list: readonly ResourceSchema[]) =>
    Object.fromEntries([...list].sort((a, b) => (a.typeName < b.typeName ? -1 : 1)).map((s) => [s.typeName, schemaJson(s)]));
  return {
    format_version: '1.0',
    provider_schemas: {
      [PROVIDER_ADDRESS]: {
        provider: schemaJson(provider),
        resource_schemas: bySorted(resources),
        data_source_schemas: bySorted(dataSources),
      },
    },
  };
}
