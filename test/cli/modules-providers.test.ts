/**
 * A provider block inside a called module (Terraform's "legacy module"): the module's blocks use
 * that configuration (its default pool), the state names it `module.own.provider[...]` and plan
 * JSON `module.own:xcp`, as the real terraform does on the same folder; a call with count,
 * for_each or depends_on to such a module, or to one holding it, is Terraform's refusal.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xcpform } from '../helpers/cli';
import { TerraformWorkspace, terraformVersion } from '../helpers/tfplugin-terraform';
import { EMBEDDED, PROVIDER, folder, lines, ok } from './modules-fixtures';

const TWO_POOLS = 'pools = { dc1 = { url = "embedded" }, cloud1 = { url = "embedded" } }';

const root = `${PROVIDER}provider "xcp" {
  ${TWO_POOLS}
  default_pool = "dc1"
}
module "own" {
  source = "./own"
  pool   = "cloud1"
}
resource "xcp_network" "here" {
  name_label = "here"
}
output "pools" { value = module.own.pools }
`;
const legacy = `${PROVIDER}variable "pool" { type = string }
provider "xcp" {
  ${TWO_POOLS}
  default_pool = var.pool
}
provider "xcp" {
  alias        = "b"
  ${TWO_POOLS}
  default_pool = "dc1"
}
resource "xcp_network" "y" {
  name_label = "own"
}
resource "xcp_network" "z" {
  provider   = xcp.b
  name_label = "own-b"
}
module "inner" {
  source = "./inner"
}
output "pools" { value = [xcp_network.y.pool, xcp_network.z.pool, module.inner.pool] }
`;
/** A module under the legacy one inherits its default configuration. */
const inner = `${PROVIDER}resource "xcp_network" "i" {
  name_label = "inner"
}
output "pool" { value = xcp_network.i.pool }
`;

type State = { outputs: Record<string, { value: unknown }>; resources: { module?: string; type: string; name: string; provider: string; instances: { attributes: { pool: string } }[] }[] };
const state = (dir: string) => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as State;
const placed = (dir: string) => state(dir).resources.map((r) => [`${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`, r.provider, r.instances[0].attributes.pool]).sort();

describe('a provider block inside a module called without count / for_each', () => {
  test('configures the module\'s blocks (and a nested module\'s): the same pools, state provider addresses and plan JSON provider_config as terraform; the re-plan is empty', () => {
    terraformVersion();
    const dir = folder({ 'main.tf': root, 'own/main.tf': legacy, 'own/inner/main.tf': inner });
    const ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);

    ok(xcpform(['plan', '-out', 'p.plan'], { cwd: dir }));
    ws.expect(['plan', '-no-color', '-out', 'p.plan']);
    const providerConfig = (text: string) => Object.fromEntries(Object.entries(JSON.parse(text).configuration.provider_config as Record<string, Record<string, unknown>>)
      .map(([k, v]) => [k, { name: v.name, full_name: v.full_name, alias: v.alias, module_address: v.module_address }]));
    const ours = providerConfig(ok(xcpform(['show', '-json', 'p.plan'], { cwd: dir })));
    expect(ours).toEqual(providerConfig(ws.expect(['show', '-json', 'p.plan']).stdout));
    expect(Object.keys(ours).sort()).toEqual(['module.own:xcp', 'module.own:xcp.b', 'xcp']);

    ok(xcpform(['apply', '-auto-approve', 'p.plan'], { cwd: dir }));
    ws.expect(['apply', '-auto-approve', '-no-color', 'p.plan']);
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
    // (terraform's own re-plan is not compared: its provider processes, one per configuration, each keep an
    // embedded world in the same folder, and the last one saved wins.)
    expect(lines(ok(xcpform(['state', 'list'], { cwd: dir })))).toEqual(lines(ws.expect(['state', 'list']).stdout));
    expect(placed(dir)).toEqual(placed(ws.dir));
    expect(placed(dir)).toContainEqual(['module.own.xcp_network.y', 'module.own.provider["registry.terraform.io/xcpform/xcp"]', 'cloud1']);
    expect(placed(dir)).toContainEqual(['module.own.module.inner.xcp_network.i', 'module.own.provider["registry.terraform.io/xcpform/xcp"]', 'cloud1']);
    expect(state(dir).outputs.pools.value).toEqual(['cloud1', 'dc1', 'cloud1']);

    // Each tool plans the other's state empty.
    cpSync(join(ws.dir, 'terraform.tfstate'), join(dir, 'terraform.tfstate'));
    ok(xcpform(['plan', '-detailed-exitcode', '-refresh=false'], { cwd: dir }), 0);
  });

  test('a call with count to a module holding a legacy module further down is terraform\'s refusal, naming that module', () => {
    terraformVersion();
    const files = {
      'main.tf': `${EMBEDDED}module "outer" {\n  source = "./outer"\n  count  = 1\n}\n`,
      'outer/main.tf': 'module "inner" {\n  source = "./inner"\n}\n',
      'outer/inner/main.tf': 'provider "xcp" { pools = { dc1 = { url = "embedded" } } }\n',
    };
    const dir = folder(files);
    const ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);
    const ours = xcpform(['validate'], { cwd: dir });
    const theirs = ws.run(['validate', '-no-color']);
    expect([ours.code, theirs.code]).toEqual([1, 1]);
    const flat = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').replace(/[│\s]+/g, ' ');
    for (const text of [
      'Module is incompatible with count, for_each, and depends_on',
      'The module at module.outer.module.inner is a legacy module which contains its own local provider configurations, and so calls to it may not use the count, for_each, or depends_on arguments.',
      'If you also control the module "./inner", consider updating this module to instead expect provider configurations to be passed by its caller.',
    ]) {
      expect(flat(ours.stderr)).toContain(text);
      expect(flat(theirs.stderr)).toContain(text);
    }
    const line = /on main\.tf line (\d+)/.exec(flat(theirs.stderr))?.[1];
    expect(line).toBeDefined();
    expect(flat(ours.stderr)).toContain(`on main.tf line ${line}`);
  });
});
