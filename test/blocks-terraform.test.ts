/**
 * Real terraform 1.11.4 as the oracle. The same .tf through `terraform validate -json` and
 * `xcpform validate --json`: misspelt names in lifecycle, condition, moved, import and removed
 * blocks give the same errors (summary and line) in both tools (config-shape errors stop
 * terraform before it needs a provider). And the same moves, forget and import, planned by
 * terraform on its built-in terraform_data and by xcpform on xcp_network, announce themselves
 * with the same comment lines and summary.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';

jest.setTimeout(300_000);
import { terraformVersion } from './helpers/tfplugin-terraform';

const CONFIG = `resource "xcp_network" "a" {
  name_label = "lan"
  lifecycle {
    create_befor_destroy = true
    precondition {
      condition     = self.mtu > 0
      error_mesage = "m"
    }
  }
}
data "xcp_pool" "p" {
  lifecycle {
    prevent_destroy = true
  }
}
moved {
  from = xcp_network.z
  to   = xcp_network.a
  note = "x"
}
import {
  to  = xcp_network.a
  idd = "x"
}
removed {
  from = xcp_network.q[0]
  lifecycle {
    destroi = false
  }
}
`;

type Diag = { summary: string; detail?: string; range?: { start: { line: number } } };
const shape = (doc: { diagnostics: Diag[] }) => doc.diagnostics.map((d) => [d.summary, d.range?.start.line, (d.detail ?? '').replace(/\s+/g, ' ').split('. ')[0]]);

test('terraform validate and xcpform validate report the same errors at the same lines', () => {
  expect(terraformVersion()).toBe('1.11.4');
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-blocks-tf-'));
  writeFileSync(join(dir, 'main.tf'), CONFIG);
  const tf = spawnSync('terraform', ['validate', '-json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
  const ours = xcpform(['validate', '--json'], { cwd: dir });
  expect(tf.status).toBe(1);
  expect(ours.code).toBe(1);
  const expected = shape(JSON.parse(tf.stdout));
  expect(expected.length).toBeGreaterThanOrEqual(9);
  expect(shape(JSON.parse(ours.stdout))).toEqual(expected);
});

const TF_ENV = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
const tf = (dir: string, args: string[]) => spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: TF_ENV });

/** The second configuration: a renamed as a2 (no change), b removed and kept, c renamed as c2 with a change, d imported. */
function statementsConfig(type: string, attr: string, importId: string): string {
  return [
    `resource "${type}" "a2" {\n  ${attr} = "a"\n}\nmoved {\n  from = ${type}.a\n  to   = ${type}.a2\n}`,
    `removed {\n  from = ${type}.b\n  lifecycle {\n    destroy = false\n  }\n}`,
    `resource "${type}" "c2" {\n  ${attr} = "c-2"\n}\nmoved {\n  from = ${type}.c\n  to   = ${type}.c2\n}`,
    `resource "${type}" "d" {\n${type === 'terraform_data' ? '' : `  ${attr} = "d"\n`}}\nimport {\n  to = ${type}.d\n  id = "${importId}"\n}`,
  ].join('\n');
}

/** The announcing lines of a plan: `# ...` comments (not hidden-attribute notes), forget's ` . resource`, the summary. */
function announced(text: string): string[] {
  return text.split('\n').filter((l) => (/^ *# /.test(l) && !/unchanged (attributes|blocks) hidden/.test(l)) || /^ \. resource /.test(l) || /^Plan: /.test(l))
    .map((l) => l.replace(/^ \. resource "(\w+)" "(\w+)" \{.*/, ' . resource "$1" "$2"'));
}

test('moved, removed (destroy = false) and import are announced as terraform announces them', () => {
  terraformVersion();
  const tfDir = mkdtempSync(join(tmpdir(), 'xcpform-blocks-tfdata-'));
  writeFileSync(join(tfDir, 'main.tf'), ['a', 'b', 'c'].map((n) => `resource "terraform_data" "${n}" {\n  input = "${n}"\n}\n`).join(''));
  expect(tf(tfDir, ['init', '-no-color']).status).toBe(0);
  expect(tf(tfDir, ['apply', '-auto-approve', '-no-color']).status).toBe(0);
  writeFileSync(join(tfDir, 'main.tf'), statementsConfig('terraform_data', 'input', 'abc'));
  const theirs = tf(tfDir, ['plan', '-no-color']);
  expect(theirs.status).toBe(0);

  const dir = mkdtempSync(join(tmpdir(), 'xcpform-blocks-xcp-'));
  const provider = 'provider "xcp" {\n  pools = { dc1 = { url = "embedded" } }\n}\n';
  writeFileSync(join(dir, 'main.tf'), provider + ['a', 'b', 'c', 'd'].map((n) => `resource "xcp_network" "${n}" {\n  name_label = "${n}"\n}\n`).join(''));
  expect(xcpform(['apply', '-auto-approve'], { cwd: dir }).code).toBe(0);
  const d = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).resources.find((r: { name: string }) => r.name === 'd').instances[0].attributes.uuid;
  expect(xcpform(['state', 'rm', 'xcp_network.d'], { cwd: dir }).code).toBe(0);
  writeFileSync(join(dir, 'main.tf'), provider + statementsConfig('xcp_network', 'name_label', `dc1/${d}`));
  const ours = xcpform(['plan', '-no-color'], { cwd: dir });
  expect(ours.code).toBe(0);

  const expected = announced(theirs.stdout).map((l) => l.replace(/terraform_data/g, 'xcp_network').replace(/Terraform/g, 'xcpform'));
  expect(expected).toEqual(expect.arrayContaining(['  # xcp_network.a has moved to xcp_network.a2', 'Plan: 1 to import, 0 to add, 1 to change, 0 to destroy.']));
  expect(announced(ours.stdout)).toEqual(expected);
});
