/**
 * `terraform plan -generate-config-out` through terraform-provider-xcp: Terraform writes the HCL
 * from the object the provider imports, so a pool object named with template syntax, quotes,
 * newlines, `*\/`, backticks and non-ASCII must come back as text. Checked both ways: Terraform
 * plans no change against its own generated file, and xcpform's loader evaluates the file to the
 * object's name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigEvaluator } from '../src/config/evaluator';
import { loadConfig } from '../src/config/load';
import { closeRawClients, RawClient } from '../src/simulator/testing/raw-client';
import { SIM_PASSWORD, SIM_USER, startSimProcess, type SimProcess } from './helpers/crash-processes';
import { TerraformWorkspace } from './helpers/tfplugin-terraform';

const HOSTILE = '${file("/etc/hostname")} %{ if true }x%{ endif } "q" \\ */ `tick` é ✓ 日本\nsecond line';

// The simulator runs in its own process: terraform is run synchronously from this one.
let sim: SimProcess;
beforeAll(async () => {
  sim = await startSimProcess({ pools: 'dc1:1' });
});
afterAll(async () => {
  await sim?.stop();
  closeRawClients();
});

test('a network named with template syntax is generated as text and read back unchanged', async () => {
  const url = sim.urls.get('dc1')!;
  const c = new RawClient(url);
  await c.login(SIM_USER, SIM_PASSWORD);
  const ref = await c.call<string>('network.create', { name_label: HOSTILE, name_description: '', MTU: '1500', other_config: {}, tags: [] });
  const uuid = await c.call<string>('network.get_uuid', ref);

  const tf = new TerraformWorkspace();
  const provider = `terraform {\n  required_providers {\n    xcp = { source = "xcpform/xcp" }\n  }\n}\nprovider "xcp" {\n  pools        = { dc1 = { url = "${url}", username = "${SIM_USER}", password = "${SIM_PASSWORD}" } }\n  default_pool = "dc1"\n}\n`;
  tf.write(`${provider}import {\n  to = xcp_network.evil\n  id = "dc1/${uuid}"\n}\n`);
  tf.expect(['plan', '-generate-config-out=generated.tf', '-no-color'], 0);
  const generated = readFileSync(join(tf.dir, 'generated.tf'), 'utf8');
  expect(generated).toContain('resource "xcp_network" "evil"');
  expect(generated).not.toMatch(/name_label\s*=\s*"\$\{file/);

  // Terraform reads its own file back to the same name: only the import remains.
  const again = tf.expect(['plan', '-no-color'], 0);
  expect(again.stdout).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');

  // xcpform's loader evaluates the same file to the same name.
  writeFileSync(join(tf.dir, 'main.tf'), provider);
  const { config, diagnostics } = await loadConfig(tf.dir, { cwd: tf.dir, schemaCheck: false });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { instances } = new ConfigEvaluator(config).evaluateBlock('xcp_network.evil', () => undefined);
  expect(instances[0].values.name_label).toBe(HOSTILE);
}, 180_000);
