/**
 * A provider block inside a called module (Terraform's "legacy module"): xcpform refuses it
 * (provider configurations come from the root module) and writes out the root-module block and
 * the `providers` argument to use instead. Written so, the module's resources land where the
 * real terraform puts those of the legacy module.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { xcpform } from '../helpers/cli';
import { TerraformWorkspace, terraformVersion } from '../helpers/tfplugin-terraform';
import { PROVIDER, folder, lines, ok } from './modules-fixtures';

const TWO_POOLS = 'pools = { dc1 = { url = "embedded" }, cloud1 = { url = "embedded" } }';

const root = `${PROVIDER}provider "xcp" {
  ${TWO_POOLS}
  default_pool = "dc1"
}
module "own" {
  source = "./own"
}
resource "xcp_network" "here" {
  name_label = "here"
}
`;
const legacy = `${PROVIDER}provider "xcp" {
  ${TWO_POOLS}
  default_pool = "cloud1" # the module's own default
}
resource "xcp_network" "y" {
  name_label = "own"
}
`;

/** The resources' addresses and pools in a state file. */
const pools = (dir: string) => (JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { module?: string; type: string; name: string; instances: { attributes: { pool: string } }[] }[] }).resources
  .map((r) => [`${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`, r.instances[0].attributes.pool]).sort();

describe('a provider block inside a module called without count / for_each', () => {
  test('is refused with the block and the providers argument to write in the root module; so written, the resources land in the pools terraform gives the legacy module', () => {
    terraformVersion();
    const dir = folder({ 'main.tf': root, 'own/main.tf': legacy });
    const refused = xcpform(['validate'], { cwd: dir });
    expect(refused.code).toBe(1);
    const text = refused.stderr.replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.replace(/^[│ ]{0,2}/, '')).join('\n');
    expect(text).toContain('module.own: provider configuration inside a module');
    expect(text).toContain('on own/main.tf line 6');
    const block = /\n {4}(provider "xcp" \{\n[\s\S]*?\n {4}\})\n/.exec(text)?.[1].replace(/\n {4}/g, '\n');
    expect(block).toBe(`provider "xcp" {\n  alias = "own"\n  ${TWO_POOLS}\n  default_pool = "cloud1" # the module's own default\n}`);
    expect(text).toContain('In the module "own" block, pass it: providers = { xcp = xcp.own }');

    // Terraform accepts the legacy module as it is.
    const ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);
    ws.expect(['validate', '-no-color']);
    ws.expect(['apply', '-auto-approve', '-no-color']);

    // The advice, followed word for word.
    writeFileSync(join(dir, 'main.tf'), `${root.replace('source = "./own"', 'source = "./own"\n  providers = { xcp = xcp.own }')}${block}\n`);
    writeFileSync(join(dir, 'own', 'main.tf'), legacy.replace(/provider "xcp" \{[\s\S]*?\n\}\n/, ''));
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
    expect(lines(ok(xcpform(['state', 'list'], { cwd: dir })))).toEqual(lines(ws.expect(['state', 'list']).stdout));
    expect(pools(dir)).toEqual([['module.own.xcp_network.y', 'cloud1'], ['xcp_network.here', 'dc1']]);
    expect(pools(dir)).toEqual(pools(ws.dir));
  });

  test('a one-line provider block in a nested module: the advice names the alias and every call it passes through', () => {
    const dir = folder({
      'main.tf': `${PROVIDER}provider "xcp" {\n  pools = { dc1 = { url = "embedded" } }\n}\nmodule "outer" {\n  source = "./outer"\n}\n`,
      'outer/main.tf': 'module "inner" {\n  source = "./inner"\n}\n',
      'outer/inner/main.tf': 'provider "xcp" { pools = { dc1 = { url = "embedded" } } }\n',
    });
    const res = xcpform(['validate'], { cwd: dir });
    expect(res.code).toBe(1);
    const flat = res.stderr.replace(/\x1b\[[0-9;]*m/g, '').replace(/[│\s]+/g, ' ');
    expect(flat).toContain('module.outer.module.inner: provider configuration inside a module');
    expect(flat).toContain('provider "xcp" { alias = "outer_inner" pools = { dc1 = { url = "embedded" } } }');
    expect(flat).toContain('providers = { xcp.outer_inner = xcp.outer_inner } in module "outer", whose required_providers declare configuration_aliases = [xcp.outer_inner], and providers = { xcp = xcp.outer_inner } in the call of module "inner"');
  });
});
