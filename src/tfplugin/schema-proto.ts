/**
 * The schema model as tfplugin6 `Schema` messages, for GetProviderSchema. Built from the same
 * model and the same descriptions as `provider-schema/xcp.json` (schema/provider-json.ts), so
 * `terraform providers schema -json` prints that document.
 */
import type { AttributeSchema, BlockSchema, BlockTypeSchema, ResourceSchema } from '../schema/model';
import { fullDescription } from '../schema/describe';
import { computedForTerraform } from '../schema/defaults';

const NESTING = { single: 'SINGLE', list: 'LIST', set: 'SET', map: 'MAP', group: 'GROUP' } as const;

function byName<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One attribute as a `Schema.Attribute` message. */
export function attributeMessage(name: string, attr: AttributeSchema): Record<string, unknown> {
  const msg: Record<string, unknown> = {
    name,
    description: fullDescription(attr),
    description_kind: 'PLAIN',
    required: Boolean(attr.required),
    optional: Boolean(attr.optional),
    computed: computedForTerraform(attr),
    sensitive: Boolean(attr.sensitive),
    deprecated: Boolean(attr.deprecated),
    deprecation_message: attr.deprecated ?? '',
  };
  if (attr.type !== undefined) {
    msg.type = Buffer.from(JSON.stringify(attr.type));
  } else {
    const nested = attr.nested!;
    msg.nested_type = {
      attributes: byName(nested.attributes).map(([n, a]) => attributeMessage(n, a)),
      nesting: NESTING[nested.nesting],
    };
  }
  return msg;
}

/** A block as a `Schema.Block` message. */
export function blockMessage(block: BlockSchema): Record<string, unknown> {
  return {
    version: 0,
    attributes: byName(block.attributes).map(([n, a]) => attributeMessage(n, a)),
    block_types: byName(block.blockTypes).map(([n, bt]) => ({
      type_name: n,
      block: blockMessage(bt.block),
      nesting: NESTING[bt.nesting],
      ...itemLimits(bt),
    })),
    description: block.description,
    description_kind: 'PLAIN',
    deprecated: Boolean(block.deprecated),
    deprecation_message: block.deprecated ?? '',
  };
}

/**
 * Terraform requires min_items == max_items for a single block (0/0 optional, 1/1 required);
 * the model's `max: 1` on an optional single block is implied by the nesting and not sent.
 */
function itemLimits(bt: BlockTypeSchema): { min_items: number; max_items: number } {
  if (bt.nesting === 'single') {
    const n = (bt.minItems ?? 0) >= 1 ? 1 : 0;
    return { min_items: n, max_items: n };
  }
  return { min_items: bt.minItems ?? 0, max_items: bt.maxItems ?? 0 };
}

/** A resource, data source or provider schema as a `Schema` message. */
export function schemaMessage(schema: ResourceSchema): Record<string, unknown> {
  return { version: schema.version, block: blockMessage(schema.block) };
}
