/**
 * Values and schemas on the wire, for tests that talk to the provider over gRPC: msgpack
 * DynamicValues built with the schema's type, and GetProviderSchema answers turned back into
 * the `terraform providers schema -json` document (as Terraform's jsonprovider package does).
 */
import { dataSourceSchema, providerSchema, resourceSchema } from '../../src/provider/schemas';
import type { ResourceSchema } from '../../src/schema/model';
import { decodeMsgpack, encodeMsgpack } from '../../src/tfplugin/codec/msgpack';
import { blockType } from '../../src/tfplugin/codec/types';
import type { ObjectValue, Value } from '../../src/values/value';

export function schemaOf(typeName: string): ResourceSchema {
  const s = typeName === 'provider' ? providerSchema : resourceSchema(typeName) ?? dataSourceSchema(typeName.replace(/^data\./, ''));
  if (!s) throw new Error(`no schema ${typeName}`);
  return s;
}

/** Every attribute and block of the schema present: null, or [] for list/set blocks. */
export function emptyObject(schema: ResourceSchema): ObjectValue {
  const out: ObjectValue = {};
  for (const name of Object.keys(schema.block.attributes)) out[name] = null;
  for (const [name, bt] of Object.entries(schema.block.blockTypes ?? {})) out[name] = bt.nesting === 'single' ? null : [];
  return out;
}

/** A DynamicValue message holding `value` encoded with the schema's type. */
export function dv(schema: ResourceSchema, value: Value): { msgpack: Buffer } {
  return { msgpack: Buffer.from(encodeMsgpack(blockType(schema.block), value)) };
}

/** Decodes a DynamicValue message from a response. */
export function fromDv(schema: ResourceSchema, msg: { msgpack?: Buffer; json?: Buffer } | null | undefined): Value {
  if (!msg || !msg.msgpack || !msg.msgpack.length) return null;
  return decodeMsgpack(blockType(schema.block), msg.msgpack);
}

type Msg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function attributeJson(a: Msg): Msg {
  const out: Msg = {};
  if (a.type && a.type.length) out.type = JSON.parse(Buffer.from(a.type).toString('utf8'));
  if (a.nested_type) {
    out.nested_type = {
      attributes: Object.fromEntries(a.nested_type.attributes.map((x: Msg) => [x.name, attributeJson(x)])),
      nesting_mode: String(a.nested_type.nesting).toLowerCase(),
    };
  }
  out.description = a.description;
  out.description_kind = a.description_kind === 'MARKDOWN' ? 'markdown' : 'plain';
  for (const flag of ['deprecated', 'required', 'optional', 'computed', 'sensitive']) if (a[flag]) out[flag] = true;
  return out;
}

function blockJson(b: Msg): Msg {
  const out: Msg = {};
  if (b.attributes.length) out.attributes = Object.fromEntries(b.attributes.map((a: Msg) => [a.name, attributeJson(a)]));
  if (b.block_types.length) {
    out.block_types = Object.fromEntries(b.block_types.map((bt: Msg) => {
      const entry: Msg = { nesting_mode: String(bt.nesting).toLowerCase(), block: blockJson(bt.block) };
      if (bt.min_items) entry.min_items = bt.min_items;
      if (bt.max_items) entry.max_items = bt.max_items;
      return [bt.type_name, entry];
    }));
  }
  out.description = b.description;
  out.description_kind = b.description_kind === 'MARKDOWN' ? 'markdown' : 'plain';
  if (b.deprecated) out.deprecated = true;
  return out;
}

const schemaJson = (s: Msg) => ({ version: s.version, block: blockJson(s.block) });
const sorted = (m: Record<string, Msg>) => Object.fromEntries(Object.keys(m).sort().map((k) => [k, schemaJson(m[k])]));

/** A GetProviderSchema response as the `providers schema -json` document. */
export function providerSchemaJson(resp: Msg): Msg {
  return {
    format_version: '1.0',
    provider_schemas: {
      'registry.terraform.io/xcpform/xcp': {
        provider: schemaJson(resp.provider),
        resource_schemas: sorted(resp.resource_schemas),
        data_source_schemas: sorted(resp.data_source_schemas),
      },
    },
  };
}

/**
 * The committed provider-schema/xcp.json as Terraform prints it: Terraform accepts a single
 * nested block only with min_items == max_items (both 0 when optional), so the `max_items: 1`
 * the file records for optional single blocks is not on the wire and not in Terraform's output.
 */
export function asTerraformPrintsIt(doc: Msg): Msg {
  const walk = (b: Msg) => {
    for (const bt of Object.values((b.block_types ?? {}) as Record<string, Msg>)) {
      if (bt.nesting_mode === 'single' && !bt.min_items) delete bt.max_items;
      walk(bt.block);
    }
  };
  const copy = JSON.parse(JSON.stringify(doc));
  for (const p of Object.values(copy.provider_schemas) as Msg[]) {
    walk(p.provider.block);
    for (const s of Object.values(p.resource_schemas) as Msg[]) walk(s.block);
    for (const s of Object.values(p.data_source_schemas) as Msg[]) walk(s.block);
  }
  return copy;
}
