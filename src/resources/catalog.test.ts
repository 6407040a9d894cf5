import { DATA_SOURCE_SCHEMAS } from '../data-sources/schemas';
import { DATA_SOURCE_TYPES, indexTypes, RESOURCE_TYPES } from './catalog';
import { allDataSourceTypes, allResourceTypes, dataSourceType, resourceType } from './registry';
import { RESOURCE_SCHEMAS } from './schemas';
import { vmResource } from './vm';

describe('the catalog of resource types and data sources', () => {
  test('a type listed twice is refused, naming it', () => {
    expect(() => indexTypes('resource type', [...RESOURCE_TYPES, vmResource])).toThrow('resource type xcp_vm is listed twice in src/resources/catalog.ts');
    expect(() => indexTypes('data source', [DATA_SOURCE_TYPES[0], DATA_SOURCE_TYPES[0]])).toThrow(/data source xcp_pool is listed twice/);
  });

  test('every resource schema and data source schema has exactly one implementation, in schema order', () => {
    expect(RESOURCE_TYPES.map((t) => t.schema.typeName)).toEqual(RESOURCE_SCHEMAS.map((s) => s.typeName));
    expect(DATA_SOURCE_TYPES.map((t) => t.schema.typeName).sort()).toEqual(DATA_SOURCE_SCHEMAS.map((s) => s.typeName).sort());
    for (const t of RESOURCE_TYPES) expect(t.schema).toBe(RESOURCE_SCHEMAS.find((s) => s.typeName === t.schema.typeName));
  });

  test('the registry answers from the catalog', () => {
    // xcp_vm is served with its timeouts block honoured (timeouts/wrap.ts): the same type, wrapped.
    expect(resourceType('xcp_vm')).toBe(RESOURCE_TYPES.find((t) => t.schema.typeName === 'xcp_vm'));
    expect(resourceType('xcp_vm')?.schema).toBe(vmResource.schema);
    expect(resourceType('xcp_nothing')).toBeUndefined();
    expect(dataSourceType('xcp_template')?.schema.typeName).toBe('xcp_template');
    expect(allResourceTypes()).toEqual([...RESOURCE_TYPES]);
    expect(allDataSourceTypes()).toEqual([...DATA_SOURCE_TYPES]);
  });
});
