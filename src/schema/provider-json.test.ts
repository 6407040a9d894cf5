import { t } from './cty-type';
import { blockType, defineProvider, defineResource, nestedAttr, arg, opt, req, ro } from './dsl';
import { providerSchemasJson, PROVIDER_ADDRESS } from './provider-json';

const provider = defineProvider({
  typeName: 'xcp',
  description: 'P.',
  attributes: {
    pools: nestedAttr('map', { url: arg(t.string, 'optional', 'U.'), password: arg(t.string, 'optional', 'P.', { sensitive: true }) }, { optional: true }, 'Pools.'),
  },
});
const res = defineResource({
  typeName: 'xcp_thing',
  description: 'A thing.',
  attributes: {
    uuid: ro(t.string, 'UUID.'),
    name_label: req(t.string, 'in-place', 'Name.'),
    size: opt(t.number, 'replace', 'Size.', { default: 2 }),
    tags: opt(t.set(t.string), 'in-place', 'Tags.'),
  },
  blockTypes: { disk: blockType('list', 'Disk.', { size: req(t.number, 'in-place', 'S.') }, { max: 4 }) },
});

describe('terraform providers schema -json encoding', () => {
  const doc = providerSchemasJson(provider, [res], []);
  const p = doc.provider_schemas[PROVIDER_ADDRESS];

  test('top level', () => {
    expect(doc.format_version).toBe('1.0');
    expect(Object.keys(doc.provider_schemas)).toEqual(['registry.terraform.io/xcpform/xcp']);
    expect(Object.keys(p)).toEqual(['provider', 'resource_schemas', 'data_source_schemas']);
  });

  test('attributes keep Terraform key order and omit false flags', () => {
    const attrs = p.resource_schemas.xcp_thing.block.attributes!;
    expect(Object.keys(attrs)).toEqual(['name_label', 'size', 'tags', 'uuid']);
    expect(attrs.name_label).toEqual({ type: 'string', description: 'Name.', description_kind: 'plain', required: true });
    expect(attrs.uuid).toEqual({ type: 'string', description: 'UUID.', description_kind: 'plain', computed: true });
    expect(attrs.tags.type).toEqual(['set', 'string']);
    expect(attrs.size.description).toBe('Size. Defaults to `2`. Changing it forces replacement.');
    // A default is planned by the provider, so Terraform must see the attribute as computed.
    expect(attrs.size).toMatchObject({ optional: true, computed: true });
    expect(attrs.tags.computed).toBeUndefined();
  });

  test('nested blocks and nested attributes', () => {
    const block = p.resource_schemas.xcp_thing.block;
    expect(block.block_types!.disk).toMatchObject({ nesting_mode: 'list', max_items: 4 });
    expect(block.block_types!.disk.min_items).toBeUndefined();
    const pools = p.provider.block.attributes!.pools;
    expect(pools.nested_type!.nesting_mode).toBe('map');
    expect(pools.nested_type!.attributes.password.sensitive).toBe(true);
    expect(pools.type).toBeUndefined();
    expect(Object.keys(block)).toEqual(['attributes', 'block_types', 'description', 'description_kind']);
  });
});
