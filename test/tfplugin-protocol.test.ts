/**
 * The tfplugin6 conformance checklist (reference tfplugin.md section 7.2) that needs no
 * resource implementation: schema, metadata, validation with attribute paths, state upgrade,
 * provider configuration, planning and bad input, over gRPC with msgpack values.
 */
import { encode } from '@msgpack/msgpack';
import { UNKNOWN, isUnknown, ObjectValue } from '../src/values/value';
import { parseTypeJson } from '../src/tfplugin/codec/types';
import { providerSchemaDocument } from '../src/provider/schemas';
import { PluginProcess } from './helpers/tfplugin-client';
import { asTerraformPrintsIt, dv, emptyObject, fromDv, providerSchemaJson, schemaOf } from './helpers/tfplugin-values';

const network = schemaOf('xcp_network');
const vm = schemaOf('xcp_vm');
const provider = schemaOf('provider');

describe('tfplugin6 conformance (schema, validation, planning)', () => {
  let p: PluginProcess;
  beforeAll(async () => {
    p = await PluginProcess.launch();
  });
  afterAll(async () => {
    await p?.shutdown();
  });

  it('GetProviderSchema describes exactly the provider-schema/xcp.json document', async () => {
    const resp = await p.provider('GetProviderSchema', {});
    expect(resp.diagnostics).toEqual([]);
    expect(resp.provider).not.toBeNull();
    expect(resp.server_capabilities).toMatchObject({ plan_destroy: true, get_provider_schema_optional: true });
    // providerSchemaDocument() is what provider-schema/xcp.json holds (test/schema-fresh checks the file).
    expect(providerSchemaJson(resp)).toEqual(asTerraformPrintsIt(providerSchemaDocument()));
    const check = (attrs: Record<string, unknown>[]) => {
      for (const a of attrs as { name: string; type: Buffer; required: boolean; optional: boolean; computed: boolean; nested_type: { attributes: never[] } | null }[]) {
        expect([a.required && !a.optional && !a.computed, a.optional, a.computed && !a.required].some(Boolean)).toBe(true);
        expect(a.required && (a.optional || a.computed)).toBe(false);
        if (a.nested_type) check(a.nested_type.attributes);
        else expect(() => parseTypeJson(JSON.parse(a.type.toString()))).not.toThrow();
      }
    };
    for (const s of [resp.provider, ...Object.values(resp.resource_schemas), ...Object.values(resp.data_source_schemas)] as { block: { attributes: never[] } }[]) check(s.block.attributes);
  });

  it('GetMetadata, GetResourceIdentitySchemas and GetFunctions answer', async () => {
    const meta = await p.provider('GetMetadata', {});
    expect(meta.resources.map((r: { type_name: string }) => r.type_name)).toContain('xcp_vm');
    expect(meta.data_sources.map((r: { type_name: string }) => r.type_name)).toContain('xcp_template');
    await expect(p.provider('GetResourceIdentitySchemas', {})).resolves.toEqual({ identity_schemas: {}, diagnostics: [] });
    const fns = await p.provider('GetFunctions', {});
    expect([Object.keys(fns.functions).sort(), fns.diagnostics]).toEqual([['cidr_contains', 'cidr_overlap', 'format_size', 'size'], []]);
  });

  it.each([
    ['a number out of range', 'xcp_network', { name_label: 'lan', mtu: 50 }, [{ attribute_name: 'mtu' }]],
    ['a value in a set (paths stop at the set)', 'xcp_network', { name_label: 'lan', purpose: ['bogus'] }, [{ attribute_name: 'purpose' }]],
    ['an attribute of the second block', 'xcp_vm', { name_label: 'web', template: 't', disk: [{ size: 2 ** 30 }, { size: 2 ** 30, userdevice: '99' }] }, [{ attribute_name: 'disk' }, { element_key_int: 1 }, { attribute_name: 'userdevice' }]],
  ])('ValidateResourceConfig reports %s with its attribute path', async (_n, type, values, steps) => {
    const schema = schemaOf(type);
    const config = { ...emptyObject(schema), ...values } as ObjectValue;
    if (type === 'xcp_vm') config.disk = (config.disk as ObjectValue[]).map((d) => ({ ...Object.fromEntries(Object.keys(schema.block.blockTypes!.disk.block.attributes).map((k) => [k, null])), ...d }));
    const resp = await p.provider('ValidateResourceConfig', { type_name: type, config: dv(schema, config) });
    expect(resp.diagnostics).toHaveLength(1);
    expect(resp.diagnostics[0]).toMatchObject({ severity: 'ERROR', attribute: { steps: steps.map((s) => expect.objectContaining(s)) } });
  });

  it('ValidateProviderConfig names the map key of a bad pool and accepts unknowns', async () => {
    const pool = { url: 'ftp://nas', username: null, password: null, insecure_tls: null, ca_file: null, transport: null };
    const bad = await p.provider('ValidateProviderConfig', { config: dv(provider, { ...emptyObject(provider), pools: { dc1: pool } }) });
    expect(bad.diagnostics[0].attribute.steps).toEqual([
      expect.objectContaining({ attribute_name: 'pools' }), expect.objectContaining({ element_key_string: 'dc1' }), expect.objectContaining({ attribute_name: 'url' }),
    ]);
    const unknowns = await p.provider('ValidateProviderConfig', { config: dv(provider, { ...emptyObject(provider), pools: UNKNOWN, default_pool: UNKNOWN }) });
    expect(unknowns.diagnostics).toEqual([]);
    const vmUnknowns = await p.provider('ValidateResourceConfig', { type_name: 'xcp_vm', config: dv(vm, { ...emptyObject(vm), name_label: UNKNOWN, template: UNKNOWN, memory: UNKNOWN, disk: UNKNOWN }) });
    expect(vmUnknowns.diagnostics).toEqual([]);
  });

  it('answers malformed values and unknown type names with diagnostics', async () => {
    const garbage = await p.provider('ValidateResourceConfig', { type_name: 'xcp_network', config: { msgpack: Buffer.from([0x92, 0xc1]) } });
    expect(garbage.diagnostics[0]).toMatchObject({ severity: 'ERROR', summary: 'Malformed configuration' });
    const wrongShape = await p.provider('ValidateResourceConfig', { type_name: 'xcp_network', config: { msgpack: Buffer.from(encode({ nope: 1 })) } });
    expect(wrongShape.diagnostics[0].detail).toMatch(/unsupported attribute "nope"/);
    const unknownType = await p.provider('ValidateResourceConfig', { type_name: 'xcp_frobnicator', config: { msgpack: Buffer.from([0xc0]) } });
    expect(unknownType.diagnostics[0]).toMatchObject({ severity: 'ERROR', summary: 'Unknown resource type "xcp_frobnicator"' });
    const plan = await p.provider('PlanResourceChange', { type_name: 'xcp_nope', config: { msgpack: Buffer.from([0xc0]) } });
    expect(plan.diagnostics[0].summary).toMatch(/Unknown resource type/);
  });

  it('UpgradeResourceState turns stored JSON into exactly the current attributes', async () => {
    const stored = { id: 'u1', uuid: 'u1', name_label: 'lan', mtu: 1500, some_removed_attribute: 'x' };
    const resp = await p.provider('UpgradeResourceState', { type_name: 'xcp_network', version: 0, raw_state: { json: Buffer.from(JSON.stringify(stored, null, 2)) } });
    expect(resp.diagnostics).toEqual([]);
    const value = fromDv(network, resp.upgraded_state) as ObjectValue;
    expect(Object.keys(value).sort()).toEqual(Object.keys(network.block.attributes).sort());
    expect(value).toMatchObject({ id: 'u1', name_label: 'lan', mtu: 1500, bridge: null });
    const newer = await p.provider('UpgradeResourceState', { type_name: 'xcp_network', version: 99, raw_state: { json: Buffer.from('{}') } });
    expect(newer.diagnostics[0].summary).toMatch(/newer provider/);
    const broken = await p.provider('UpgradeResourceState', { type_name: 'xcp_network', version: 0, raw_state: { json: Buffer.from('{"mtu": "lots"}') } });
    expect(broken.diagnostics[0].summary).toMatch(/Cannot read the stored state/);
  });

  it('ConfigureProvider reports unknown pools and missing passwords as diagnostics', async () => {
    const unknown = await p.provider('ConfigureProvider', { terraform_version: '1.11.4', config: dv(provider, { ...emptyObject(provider), pools: UNKNOWN }) });
    expect(unknown.diagnostics[0]).toMatchObject({ severity: 'ERROR', attribute: { steps: [expect.objectContaining({ attribute_name: 'pools' })] } });
    const pool = { url: 'https://192.0.2.1', username: null, password: null, insecure_tls: null, ca_file: null, transport: null };
    const noPassword = await p.provider('ConfigureProvider', { config: dv(provider, { ...emptyObject(provider), pools: { remote: pool } }) });
    expect(noPassword.diagnostics[0].summary).toMatch(/pool "remote" has no password/);
  });

  it('plans a create: configured values as written, computed unknown, every attribute present, concurrently', async () => {
    const ok = await p.provider('ConfigureProvider', { config: dv(provider, emptyObject(provider)) });
    expect(ok.diagnostics).toEqual([]);
    const configs = Array.from({ length: 8 }, (_, i) => ({ ...emptyObject(network), name_label: `lan${i}`, mtu: 9000, other_config: { owner: 'ops' } }));
    const answers = await Promise.all(configs.map((config) => p.provider('PlanResourceChange', {
      type_name: 'xcp_network', prior_state: null, proposed_new_state: dv(network, config), config: dv(network, config),
    })));
    answers.forEach((resp, i) => {
      expect(resp.diagnostics).toEqual([]);
      expect(resp.requires_replace).toEqual([]);
      const planned = fromDv(network, resp.planned_state) as ObjectValue;
      expect(Object.keys(planned).sort()).toEqual(Object.keys(network.block.attributes).sort());
      // An unset attribute with a default is planned as the default (Optional+Computed for Terraform).
      expect(planned).toMatchObject({ name_label: `lan${i}`, mtu: 9000, other_config: { owner: 'ops' }, name_description: '', managed: true, pool: 'dc1' });
      expect(isUnknown(planned.uuid) && isUnknown(planned.bridge)).toBe(true);
    });
  });

  it('plans a destroy as null and keeps a large byte size exact', async () => {
    const prior = { ...emptyObject(network), id: 'u', uuid: 'u', name_label: 'lan', pool: 'dc1', bridge: 'xapi1', pifs: [], vifs: [] };
    const destroy = await p.provider('PlanResourceChange', { type_name: 'xcp_network', prior_state: dv(network, prior), proposed_new_state: null, config: null, prior_private: Buffer.from('keep') });
    expect(destroy.planned_state.msgpack.toString('hex')).toBe('c0');
    expect(destroy.planned_private.toString()).toBe('keep');
    const vdi = schemaOf('xcp_vdi');
    const size = 2 ** 52 + 3;
    const config = { ...emptyObject(vdi), name_label: 'd', size, sr: 'Local storage' };
    const resp = await p.provider('PlanResourceChange', { type_name: 'xcp_vdi', prior_state: null, proposed_new_state: dv(vdi, config), config: dv(vdi, config) });
    expect((fromDv(vdi, resp.planned_state) as ObjectValue).size).toBe(size);
  });
});
