/**
 * The `dependencies` the state records for each resource instance, as Terraform writes them:
 * every resource and data source the instance depends on, transitively, by configuration
 * address (`module.m.xcp_network.n`: no instance keys), sorted. Checked against the real
 * terraform on the same folder; and a destroy ordered by such a state.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xcpform } from '../helpers/cli';
import { TerraformWorkspace, terraformVersion } from '../helpers/tfplugin-terraform';
import { EMBEDDED, PROVIDER, folder, ok } from './modules-fixtures';

const main = `${EMBEDDED}resource "xcp_network" "a" {
  name_label = "a"
}
data "xcp_hosts" "h" {
  tags = length(xcp_network.a.tags) > 5 ? ["x"] : []
}
data "xcp_hosts" "plain" {}
resource "xcp_network" "b" {
  name_label = "\${data.xcp_hosts.h.hosts[0].name_label}-\${data.xcp_hosts.plain.master}"
}
resource "xcp_network" "c" {
  name_label = "\${xcp_network.b.name_label}-c"
}
module "m" {
  source = "./m"
  count  = 2
  label  = "\${xcp_network.c.name_label}-\${count.index}"
}
module "e" {
  source     = "./m"
  for_each   = toset(["x"])
  label      = "e"
  depends_on = [xcp_network.a]
}
resource "xcp_network" "r" {
  name_label = module.m[0].out
}
resource "xcp_network" "z" {
  name_label = "z"
  depends_on = [module.e]
}
`;
const child = `${PROVIDER}variable "label" { type = string }
resource "xcp_network" "n" {
  name_label = var.label
}
data "xcp_hosts" "in" {}
resource "xcp_network" "k" {
  name_label = "\${xcp_network.n.name_label}-\${data.xcp_hosts.in.master}"
}
output "out" { value = xcp_network.k.name_label }
`;

/** Each instance's address and dependencies in a state file. */
const dependencies = (dir: string) => (JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { module?: string; mode: string; type: string; name: string; instances: { index_key?: unknown; dependencies?: string[] }[] }[] }).resources
  .flatMap((r) => r.instances.map((i) => [`${r.module ? `${r.module}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${i.index_key === undefined ? '' : `[${JSON.stringify(i.index_key)}]`}`, i.dependencies ?? []] as const))
  .sort((x, y) => (x[0] < y[0] ? -1 : 1));

describe('state dependencies', () => {
  test('transitive, through data sources, module outputs, arguments, count and depends_on, by configuration address: what terraform writes', () => {
    terraformVersion();
    const dir = folder({ 'main.tf': main, 'm/main.tf': child });
    const ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);
    ws.expect(['apply', '-auto-approve', '-no-color']);
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    const ours = dependencies(dir);
    expect(ours).toEqual(dependencies(ws.dir));
    const of = (address: string) => ours.find(([a]) => a === address)?.[1];
    expect(of('xcp_network.c')).toEqual(['data.xcp_hosts.h', 'data.xcp_hosts.plain', 'xcp_network.a', 'xcp_network.b']);
    expect(of('module.m[1].xcp_network.k')).toEqual(['data.xcp_hosts.h', 'data.xcp_hosts.plain', 'module.m.data.xcp_hosts.in', 'module.m.xcp_network.n', 'xcp_network.a', 'xcp_network.b', 'xcp_network.c']);
    expect(of('xcp_network.z')).toEqual(['module.e.data.xcp_hosts.in', 'module.e.xcp_network.k', 'module.e.xcp_network.n', 'xcp_network.a']);
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
  });

  test('a destroy follows dependencies written by configuration address: the VM in module.m[0] goes before its network', () => {
    const vm = `${PROVIDER}resource "xcp_network" "n" {
  name_label = "n"
}
resource "xcp_vm" "v" {
  name_label = "v"
  template   = "Debian Bookworm 12"
  nic {
    network = xcp_network.n.uuid
  }
}
`;
    const dir = folder({ 'main.tf': `${EMBEDDED}module "m" {\n  source = "./m"\n  count  = 1\n}\n`, 'm/main.tf': vm });
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    expect(dependencies(dir)).toEqual([['module.m[0].xcp_network.n', []], ['module.m[0].xcp_vm.v', ['module.m.xcp_network.n']]]);
    const out = ok(xcpform(['destroy', '-auto-approve'], { cwd: dir }));
    expect(out.indexOf('module.m[0].xcp_vm.v: Destruction complete')).toBeGreaterThan(0);
    expect(out.indexOf('module.m[0].xcp_network.n: Destroying...')).toBeGreaterThan(out.indexOf('module.m[0].xcp_vm.v: Destruction complete'));
  });
});

describe('-target with module addresses', () => {
  test('a whole module call, one module instance, a block inside one: the same changes as terraform plans (the targets and what they depend on)', () => {
    terraformVersion();
    const dir = folder({ 'main.tf': main, 'm/main.tf': child });
    const ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);
    const planned = (text: string) => text.split('\n').filter((l) => /^ {2}# .* will be created$/.test(l)).map((l) => l.trim()).sort();
    for (const target of ['module.e', 'module.m[1]', 'module.m[0].xcp_network.n', 'module.e["x"].xcp_network.k', 'xcp_network.z']) {
      const ours = planned(ok(xcpform(['plan', `-target=${target}`], { cwd: dir })));
      expect({ target, ours }).toEqual({ target, ours: planned(ws.expect(['plan', '-no-color', `-target=${target}`]).stdout) });
      expect(ours.length).toBeGreaterThan(0);
    }
  });
});
