/**
 * End to end with the real `terraform` 1.11.4: validate, providers schema, and a full
 * lifecycle of `xcp_network` against the embedded simulator (persisted under `.xcpform/` in
 * the working folder): apply, an empty plan, update, replace, refresh after an out-of-band
 * change, import, destroy. Terraform starts the provider itself, several processes per command.
 */
import { join } from 'node:path';
import { PROVIDER_FUNCTIONS } from '../src/functions-provider';
import { providerSchemaDocument } from '../src/provider/schemas';
import { startSimulator } from '../src/simulator';
import { XapiClient } from '../src/xenapi';
import { asTerraformPrintsIt } from './helpers/tfplugin-values';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

jest.setTimeout(600_000);

const HEADER = 'terraform {\n  required_providers {\n    xcp = { source = "xcpform/xcp" }\n  }\n}\n\nprovider "xcp" {}\n';
const network = (body: string) => `${HEADER}\nresource "xcp_network" "lan" {\n${body}\n}\n`;

describe('terraform 1.11.4 with terraform-provider-xcp', () => {
  let ws: TerraformWorkspace;
  beforeAll(() => {
    expect(terraformVersion()).toBe('1.11.4');
    ws = new TerraformWorkspace();
  });

  it('validates a configuration and reports a bad value at its line', () => {
    ws.write(network('  name_label = "lan"\n  mtu        = 9000'));
    const ok = JSON.parse(ws.expect(['validate', '-json', '-no-color']).stdout);
    expect(ok).toMatchObject({ valid: true, error_count: 0 });
    ws.write(network('  name_label = "lan"\n  mtu        = 50'));
    const bad = JSON.parse(ws.expect(['validate', '-json', '-no-color'], 1).stdout);
    expect(bad.valid).toBe(false);
    expect(bad.diagnostics[0]).toMatchObject({ severity: 'error', range: { filename: 'main.tf', start: { line: 11 } } });
    expect(bad.diagnostics[0].detail).toMatch(/must be at least 68/);
  });

  it('prints the provider schema of provider-schema/xcp.json, plus the provider functions', () => {
    const printed = JSON.parse(ws.expect(['providers', 'schema', '-json']).stdout);
    const provider = printed.provider_schemas['registry.terraform.io/xcpform/xcp'];
    // Functions are served beside the schema (src/functions-provider), not part of xcp.json.
    expect(provider.functions).toEqual(Object.fromEntries(Object.values(PROVIDER_FUNCTIONS).map((f) => [f.name, {
      description: f.description,
      summary: f.summary,
      return_type: f.returns,
      parameters: f.parameters.map((p) => ({ name: p.name, description: p.description, type: p.type })),
    }])));
    delete provider.functions;
    expect(printed).toEqual(asTerraformPrintsIt(providerSchemaDocument()));
  });

  describe('xcp_network lifecycle against the embedded simulator', () => {
    const uuid = () => ws.state().resources[0].instances[0].attributes.uuid as string;

    it('applies a create, then plans no changes', () => {
      ws.write(network('  name_label = "lan"\n  mtu        = 9000'));
      ws.expect(['apply', '-auto-approve', '-no-color']);
      const attrs = ws.state().resources[0].instances[0].attributes;
      expect(attrs).toMatchObject({ name_label: 'lan', mtu: 9000, pool: 'dc1', name_description: '', managed: true });
      expect(attrs.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(ws.state().resources[0].instances[0].private).toBeTruthy();
      ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    });

    it('updates in place, then plans no changes', () => {
      const before = uuid();
      ws.write(network('  name_label = "lan-2"\n  mtu        = 4000\n  tags       = ["a", "b"]\n  other_config = { owner = "ops" }'));
      const plan = ws.expect(['plan', '-no-color', '-detailed-exitcode'], 2).stdout;
      expect(plan).toMatch(/0 to add, 1 to change, 0 to destroy/);
      ws.expect(['apply', '-auto-approve', '-no-color']);
      expect(uuid()).toBe(before);
      ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    });

    it('replaces on a replace-class change, then plans no changes', () => {
      const before = uuid();
      ws.write(network('  name_label = "lan-2"\n  mtu        = 4000\n  tags       = ["a", "b"]\n  other_config = { owner = "ops" }\n  managed    = false'));
      const plan = ws.expect(['plan', '-no-color'], 0).stdout;
      expect(plan).toMatch(/forces replacement/);
      expect(plan).toMatch(/1 to add, 0 to change, 1 to destroy/);
      ws.expect(['apply', '-auto-approve', '-no-color']);
      expect(uuid()).not.toBe(before);
      ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    });

    it('sees an out-of-band change on refresh and plans to undo it', async () => {
      const sim = await startSimulator({ stateFile: join(ws.dir, '.xcpform', 'simulator.json') });
      const client = new XapiClient({ url: sim.pools.find((p) => p.name === 'dc1')!.url, credentials: { username: 'root', password: 'xcpform' } });
      try {
        const ref = await client.call<string>('network.get_by_uuid', uuid());
        await client.call('network.set_name_label', ref, 'renamed-by-hand');
      } finally {
        await client.close();
        await sim.close();
      }
      const plan = ws.expect(['plan', '-no-color', '-detailed-exitcode'], 2).stdout;
      expect(plan).toMatch(/"renamed-by-hand" -> "lan-2"/);
      ws.expect(['apply', '-auto-approve', '-no-color']);
      ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    });

    // Attributes left at their default are stored with the default (src/schema/defaults.ts), as
    // the import reads them, so an import converges when the configuration leaves them out.
    it('imports an existing network and plans no changes', () => {
      const id = uuid();
      ws.expect(['state', 'rm', 'xcp_network.lan']);
      ws.expect(['import', '-no-color', 'xcp_network.lan', `dc1/${id}`]);
      expect(uuid()).toBe(id);
      ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
      const missing = ws.run(['import', '-no-color', 'xcp_network.other', 'dc1/00000000-0000-0000-0000-000000000000']);
      expect(missing.code).toBe(1);
    });

    it('destroys', () => {
      ws.expect(['destroy', '-auto-approve', '-no-color']);
      expect(ws.state().resources).toEqual([]);
      ws.expect(['plan', '-detailed-exitcode', '-no-color'], 2);
    });
  });
});
