import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNKNOWN, Unknown, Value } from '../values/value';
import { ConfigEvaluator } from './evaluator';
import { loadConfig } from './load';

const ROOT = join(__dirname, '..', '..');
const fixture = (name: string) => join(ROOT, 'test', 'fixtures', name);

async function evaluator(dir: string, args: { var: string }[] = []) {
  const { config, diagnostics } = await loadConfig(dir, { cwd: ROOT, args });
  return { ev: new ConfigEvaluator(config), diagnostics };
}

async function tempConfig(text: string, name = 'main.tf'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-eval-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

const nonNull = (o: Record<string, Value>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));

describe('the HCL fixture', () => {
  const planned: Record<string, Value> = {
    'xcp_network.net': { lan: { uuid: 'uuid-lan', id: 'id-lan' }, dmz: { uuid: 'uuid-dmz', id: 'id-dmz' } },
    'data.xcp_sr.shared': { uuid: 'uuid-sr' },
    'xcp_vm.web': [{ name_label: 'w0' }, { name_label: 'w1' }, { name_label: UNKNOWN }],
  };
  const scope = (a: string) => planned[a];

  test('loads without diagnostics', async () => {
    const { diagnostics } = await evaluator(fixture('config-hcl'));
    expect(diagnostics).toEqual([]);
  });

  test('blocks: references through locals and depends_on, provider aliases, lifecycle', async () => {
    const { ev } = await evaluator(fixture('config-hcl'));
    const byAddress = Object.fromEntries(ev.blocks.map((b) => [b.address, b]));
    expect(Object.keys(byAddress).sort()).toEqual(['data.xcp_sr.shared', 'xcp_network.net', 'xcp_network.tiers', 'xcp_vm.burst', 'xcp_vm.web']);
    expect(byAddress['xcp_vm.web'].references).toEqual(['data.xcp_sr.shared', 'xcp_network.net', 'xcp_network.tiers']);
    expect(byAddress['xcp_vm.burst'].providerConfig).toBe('xcp.cloud');
    expect(byAddress['xcp_vm.web'].lifecycle).toEqual({
      createBeforeDestroy: true, preventDestroy: false, ignoreChanges: [['tags'], ['disk', 0, 'size']], replaceTriggeredBy: ['xcp_network.net["lan"].id'],
    });
    expect(byAddress['xcp_vm.burst'].lifecycle.preventDestroy).toBe(true);
    expect(byAddress['xcp_vm.web'].source).toMatchObject({ filename: 'test/fixtures/config-hcl/main.tf', line: 89 });
  });

  test('the model keeps declarations, settings and raw references', async () => {
    const { ev } = await evaluator(fixture('config-hcl'));
    const c = ev.config;
    expect([...c.variables.keys()]).toEqual(['admin_password', 'disk_sizes', 'env', 'networks', 'web_count']);
    expect(c.variables.get('env')!.validations).toHaveLength(1);
    expect(c.variables.get('admin_password')!.sensitive).toBe(true);
    expect(c.locals.get('web_names')!.references).toEqual(['local.prefix', 'var.web_count']);
    expect([...c.providers.keys()]).toEqual(['xcp', 'xcp.cloud']);
    expect(c.terraform).toEqual({
      requiredVersion: '>= 1.5',
      requiredProviders: { xcp: { source: 'registry.terraform.io/xcpform/xcp', version: '>= 0.1' } },
      backend: { type: 'local', config: { path: 'state/terraform.tfstate' } },
    });
    expect(c.resources.get('xcp_vm.web')!.references).toEqual(['data.xcp_sr.shared', 'local.common_tags', 'local.web_names', 'var.disk_sizes', 'var.web_count', 'xcp_network.net']);
    expect(c.outputs.get('secret')!.sensitive).toBe(true);
  });

  test('count instances with schema shape, dynamic blocks and planned values of references', async () => {
    const { ev } = await evaluator(fixture('config-hcl'));
    const { instances, diagnostics } = ev.evaluateBlock('xcp_vm.web', scope);
    expect(diagnostics).toEqual([]);
    expect(instances.map((i) => [i.address, i.index])).toEqual([['xcp_vm.web[0]', 0], ['xcp_vm.web[1]', 1], ['xcp_vm.web[2]', 2]]);
    const v = instances[1].values;
    expect(nonNull(v)).toMatchObject({ name_label: 'dev-xcp-web-01', memory: 2147483648, vcpus: 2, tags: ['dev', 'managed-by-xcpform'] });
    expect(v.power_state).toBeNull();
    expect(v.disk).toEqual([expect.objectContaining({ size: 10737418240, sr: 'uuid-sr', bootable: null })]);
    expect(v.nic).toEqual([expect.objectContaining({ network: 'uuid-lan' })]);
    expect(v.cloud_init).toBeNull();
    expect(instances[0].dependsOn).toEqual(['data.xcp_sr.shared', 'xcp_network.net', 'xcp_network.tiers']);
  });

  test('for_each over a map of objects with optional attributes', async () => {
    const { ev } = await evaluator(fixture('config-hcl'));
    const { instances } = ev.evaluateBlock('xcp_network.net', scope);
    expect(instances.map((i) => [i.address, i.index, i.values.mtu, i.values.name_label])).toEqual([
      ['xcp_network.net["dmz"]', 'dmz', 1500, 'dev-xcp-dmz'],
      ['xcp_network.net["lan"]', 'lan', 9000, 'dev-xcp-lan'],
    ]);
  });

  test('sensitive values are unmarked into paths', async () => {
    const { ev } = await evaluator(fixture('config-hcl'));
    const [burst] = ev.evaluateBlock('xcp_vm.burst', scope).instances;
    expect(burst.values.cloud_init).toMatchObject({ user_data: 'password: hunter2' });
    expect(burst.sensitivePaths).toEqual([['cloud_init', 'user_data']]);
    const p = ev.evaluateProviderConfig('xcp.cloud', scope);
    expect(p.sensitivePaths).toEqual([['pools', 'cloud1', 'password']]);
    expect(ev.variables.admin_password).toEqual({ value: 'hunter2', sensitive: true });
  });

  test('outputs with splats over planned values, unknowns kept', async () => {
    const { ev } = await evaluator(fixture('config-hcl'));
    const { outputs, diagnostics } = ev.evaluateOutputs(scope);
    expect(diagnostics).toEqual([]);
    expect(outputs.map((o) => [o.name, o.value, o.sensitive])).toEqual([
      ['lan_id', 'uuid-lan', false],
      ['secret', 'hunter2', true],
      ['web_names', ['w0', 'w1', expect.any(Unknown)], false],
    ]);
  });

  test('a -var changes the expansion', async () => {
    const { ev } = await evaluator(fixture('config-hcl'), [{ var: 'web_count=1' }, { var: 'env=prod' }]);
    expect(ev.evaluateBlock('xcp_vm.web', scope).instances.map((i) => i.values.name_label)).toEqual(['prod-xcp-web-00']);
  });
});

describe('the JSON syntax', () => {
  test('object forms, bare meta-arguments, comments and template keys', async () => {
    const { ev, diagnostics } = await evaluator(fixture('config-json'));
    expect(diagnostics).toEqual([]);
    const web = ev.blocks.find((b) => b.address === 'xcp_vm.web')!;
    expect(web).toMatchObject({ providerConfig: 'xcp.cloud', references: ['xcp_network.lan'], lifecycle: { preventDestroy: true, ignoreChanges: [['tags'], ['disk', 0, 'size']] } });
    const lan = ev.evaluateBlock('xcp_network.lan', () => undefined).instances[0];
    expect(nonNull(lan.values)).toEqual({ name_label: 'dev-xcp-lan', other_config: { 'dev-key': 'v' } });
    const { instances } = ev.evaluateBlock('xcp_vm.web', (a) => (a === 'xcp_network.lan' ? { uuid: 'u1' } : undefined));
    expect(instances.map((i) => [i.address, i.values.name_label, (i.values.nic as { network: string }[])[0].network, (i.values.disk as unknown[]).length])).toEqual([
      ['xcp_vm.web[0]', 'dev-web-0', 'u1', 1],
      ['xcp_vm.web[1]', 'dev-web-1', 'u1', 1],
    ]);
  });

  test('the CDKTF synth output evaluates exactly like the HCL example', async () => {
    const hcl = (await evaluator(join(ROOT, 'examples', 'basic'))).ev;
    // Synthesized here: cdktf.out is not committed (a fresh clone has none).
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { synth } = require('../../examples/basic/cdktf/main') as { synth(outdir: string): string };
    const out = mkdtempSync(join(tmpdir(), 'xcpform-synth-'));
    synth(out);
    const cdk = (await evaluator(join(out, 'stacks', 'basic'))).ev;
    const all = (ev: ConfigEvaluator) => Object.fromEntries(ev.blocks.map((b) => [b.address, [b.references, ev.evaluateBlock(b.address, () => undefined).instances]]));
    expect(all(cdk)).toEqual(all(hcl));
  });
});

describe('errors carry file, line, address and attribute path', () => {
  test.each([
    ['config.undeclared-reference', 'xcp_network.a: Reference to undeclared resource', 18],
    ['config.undeclared-reference', 'local.bad: Reference to undeclared input variable', 15],
    ['config.missing-variable', 'No value for required variable "size"', 1],
    ['config.invalid-value', 'xcp_network.e: attribute "mtu": must be a number', 40],
  ])('load: %s %s', async (code, summary, line) => {
    const { diagnostics } = await evaluator(fixture('config-errors'));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code, summary, source: expect.objectContaining({ filename: 'test/fixtures/config-errors/main.tf', line }) }));
  });

  test.each([
    ['xcp_network.b', 'config.expression', /Invalid index/, ['mtu'], 25],
    ['xcp_network.c', 'config.invalid-count', /Invalid count argument/, ['count'], 29],
    ['xcp_network.d', 'config.invalid-for-each', /Invalid for_each argument/, ['for_each'], 34],
    ['xcp_network.e', 'config.wrong-type', /incorrect attribute value type/, ['mtu'], 40],
  ])('evaluate %s: %s', async (address, code, summary, path, line) => {
    const { ev } = await evaluator(fixture('config-errors'), [{ var: 'size=1' }]);
    const { diagnostics } = ev.evaluateBlock(address, () => undefined);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code, path, source: { filename: 'test/fixtures/config-errors/main.tf', line } });
    expect(diagnostics[0].summary).toMatch(summary);
  });

  test('an output exposing a sensitive value must be marked sensitive', async () => {
    const dir = await tempConfig('variable "p" {\n  sensitive = true\n  default = "x"\n}\noutput "leak" {\n  value = "p=${var.p}"\n}\n');
    const { ev } = await evaluator(dir);
    const { outputs, diagnostics } = ev.evaluateOutputs(() => undefined);
    expect(outputs).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ code: 'config.output-sensitive', source: { line: 5 } });
  });

  test('invalid expression syntax is reported at the attribute', async () => {
    const dir = await tempConfig(JSON.stringify({ resource: { xcp_network: { n: { name_label: '${1 +}' } } } }, null, 2), 'main.tf.json');
    const { diagnostics } = await evaluator(dir);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'config.invalid-expression', source: expect.objectContaining({ line: 5 }) }));
  });

  test('self-references and cycles in locals', async () => {
    const dir = await tempConfig('locals {\n  a = local.b\n  b = local.a\n}\nresource "xcp_network" "n" {\n  name_label = local.a\n  mtu = xcp_network.n.mtu\n}\n');
    const { ev, diagnostics } = await evaluator(dir);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'config.self-reference', address: 'xcp_network.n' }));
    expect(ev.evaluateBlock('xcp_network.n', () => undefined).diagnostics[0].summary).toMatch(/Cycle in local values/);
  });
});

describe('dynamic blocks', () => {
  const text = `variable "disks" {
  default = { a = 1048576, b = 2097152 }
}
resource "xcp_vm" "v" {
  name_label = "v"
  template   = "t"
  disk {
    size = 4194304
  }
  dynamic "disk" {
    for_each = var.disks
    iterator = d
    content {
      size       = d.value
      name_label = "disk-\${d.key}"
    }
  }
  dynamic "nic" {
    for_each = xcp_network.n[*].uuid
    content {
      network = nic.value
    }
  }
}
resource "xcp_network" "n" {
  count      = 2
  name_label = "n"
}
`;
  test('expand after literal blocks, with iterator names', async () => {
    const { ev, diagnostics } = await evaluator(await tempConfig(text));
    expect(diagnostics).toEqual([]);
    const [v] = ev.evaluateBlock('xcp_vm.v', (a) => (a === 'xcp_network.n' ? [{ uuid: 'n0' }, { uuid: 'n1' }] : undefined)).instances;
    expect((v.values.disk as { size: number; name_label: string | null }[]).map((d) => [d.size, d.name_label])).toEqual([[4194304, null], [1048576, 'disk-a'], [2097152, 'disk-b']]);
    expect((v.values.nic as { network: string }[]).map((n) => n.network)).toEqual(['n0', 'n1']);
    expect(ev.blocks.find((b) => b.address === 'xcp_vm.v')!.references).toEqual(['xcp_network.n']);
  });

  test('an unknown for_each makes the block list unknown', async () => {
    const { ev } = await evaluator(await tempConfig(text));
    const [v] = ev.evaluateBlock('xcp_vm.v', () => UNKNOWN).instances;
    expect(v.values.nic).toBeInstanceOf(Unknown);
  });
});
