import { readFileSync } from 'node:fs';
import { renderSchemaFile, SCHEMA_FILE } from '../scripts/gen-schema';
import { PROVIDER_ADDRESS } from '../src/schema/provider-json';
import { RESOURCE_SCHEMAS, DATA_SOURCE_SCHEMAS } from '../src/provider/schemas';
import { forEachAttribute, isConfigurable, UPDATE_CLASSES } from '../src/schema/model';

/** ARCHITECTURE.md, "The resources xcpform manages": every resource and data source the provider must offer. */
const DESIGN_RESOURCES = ['xcp_pool', 'xcp_host', 'xcp_sr', 'xcp_vdi', 'xcp_network', 'xcp_vlan', 'xcp_bond', 'xcp_private_network', 'xcp_vm', 'xcp_vm_snapshot', 'xcp_appliance', 'xcp_cloud_config', 'xcp_vpn_link'];
const DESIGN_DATA_SOURCES = ['xcp_pool', 'xcp_host', 'xcp_hosts', 'xcp_sr', 'xcp_network', 'xcp_pif', 'xcp_template', 'xcp_vdi', 'xcp_vm', 'xcp_vms', 'xcp_cloud_config'];

describe('provider-schema/xcp.json', () => {
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  const doc = JSON.parse(committed);
  const provider = doc.provider_schemas[PROVIDER_ADDRESS];

  test('is up to date with the schema model (run "npm run schema" when this fails)', () => {
    expect(committed).toBe(renderSchemaFile());
  });

  test('lists every resource and data source of ARCHITECTURE.md', () => {
    expect(Object.keys(provider.resource_schemas).sort()).toEqual([...DESIGN_RESOURCES].sort());
    expect(Object.keys(provider.data_source_schemas).sort()).toEqual([...DESIGN_DATA_SOURCES].sort());
  });

  test('every resource has id, uuid and pool; the provider block has pools, default_pool and rate_card', () => {
    for (const [type, schema] of Object.entries<{ block: { attributes: Record<string, unknown> } }>(provider.resource_schemas)) {
      for (const attr of ['id', 'uuid', 'pool']) expect([type, attr, attr in schema.block.attributes]).toEqual([type, attr, true]);
    }
    const attrs = provider.provider.block.attributes;
    expect(Object.keys(attrs).sort()).toEqual(['default_pool', 'pools', 'rate_card']);
    expect(attrs.pools.nested_type.attributes.password.sensitive).toBe(true);
    expect(Object.keys(attrs.pools.nested_type.attributes)).toEqual(expect.arrayContaining(['url', 'username', 'password', 'insecure_tls']));
  });

  test('secrets are marked sensitive', () => {
    const r = provider.resource_schemas;
    expect(r.xcp_sr.block.attributes.device_config_secrets.sensitive).toBe(true);
    expect(r.xcp_host.block.attributes.join_password.sensitive).toBe(true);
    expect(r.xcp_vpn_link.block.attributes.psk.sensitive).toBe(true);
    expect(r.xcp_vpn_link.block.attributes.private_key.sensitive).toBe(true);
  });

  test('every configurable resource attribute is updatable, halt-updatable, migrated or forces replacement', () => {
    let counted = 0;
    for (const schema of RESOURCE_SCHEMAS) {
      forEachAttribute(schema.block, (path, attr) => {
        if (isConfigurable(attr)) {
          counted++;
          expect([schema.typeName, path.join('.'), UPDATE_CLASSES.includes(attr.update!)]).toEqual([schema.typeName, path.join('.'), true]);
        } else {
          expect([schema.typeName, path.join('.'), attr.update]).toEqual([schema.typeName, path.join('.'), undefined]);
        }
      });
    }
    expect(counted).toBeGreaterThan(150);
    for (const schema of DATA_SOURCE_SCHEMAS) forEachAttribute(schema.block, (_p, attr) => expect(attr.update).toBeUndefined());
  });

  test('XenServer semantics: the update classes administrators rely on', () => {
    const vm = RESOURCE_SCHEMAS.find((s) => s.typeName === 'xcp_vm')!.block;
    expect(vm.attributes.pool.update).toBe('migrate');
    expect(vm.attributes.host.update).toBe('migrate');
    expect(vm.attributes.vcpus_max.update).toBe('halt');
    expect(vm.attributes.memory_static_min.update).toBe('halt');
    expect(vm.attributes.template.update).toBe('replace');
    expect(vm.blockTypes!.disk.block.attributes.sr.update).toBe('migrate');
    const vdi = RESOURCE_SCHEMAS.find((s) => s.typeName === 'xcp_vdi')!.block;
    expect(vdi.attributes.sr.update).toBe('migrate');
    expect(vdi.attributes.size.update).toBe('in-place');
  });
});
