/**
 * Module calls whose count / for_each reads data sources: Terraform reads the data sources
 * during the plan, then expands the module. xcpform expands such calls once the plan's refresh
 * has read the pools; checked against the real terraform on the same folders.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xcpform } from '../helpers/cli';
import { TerraformWorkspace, terraformVersion } from '../helpers/tfplugin-terraform';
import { EMBEDDED, PROVIDER, folder, lines, ok } from './modules-fixtures';

const child = `${PROVIDER}variable "label" { type = string }
resource "xcp_network" "x" {
  name_label = var.label
}
output "label" { value = xcp_network.x.name_label }
`;

/** A module per host (for_each through a local), one per host again (count), and one nested call inside a module. */
const main = `${EMBEDDED}data "xcp_hosts" "all" {}
locals {
  names = toset(data.xcp_hosts.all.hosts[*].name_label)
}
module "per_host" {
  source   = "./m"
  for_each = local.names
  label    = "net-\${each.key}"
}
module "counted" {
  source = "./m"
  count  = length(data.xcp_hosts.all.hosts) - 1
  label  = "c\${count.index}"
}
module "outer" {
  source = "./outer"
}
output "labels" { value = { for k, m in module.per_host : k => m.label } }
output "inner" { value = module.outer.labels }
`;

/** Inside a module: a call counted by the module's own data source, and one by the caller's argument. */
const outer = `${PROVIDER}data "xcp_hosts" "mine" {}
module "inner" {
  source = "../m"
  count  = length(data.xcp_hosts.mine.hosts)
  label  = "inner\${count.index}"
}
output "labels" { value = module.inner[*].label }
`;

type Shown = { resource_changes: { address: string; module_address?: string; change: { actions: string[] } }[] };
const changes = (doc: Shown) => doc.resource_changes.map((c) => [c.address, c.module_address ?? null, c.change.actions.join(',')]).sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1));
const outputs = (dir: string) => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).outputs;

/** Text compared across the tools: whitespace folded, the tool's name made one. */
const flat = (s: string) => s.replace(/\s+/g, ' ').replace(/Terraform/g, 'xcpform');

/** The folder (root `main`, module `child`) planned by both tools, each refusing the plan. */
function planBothRefused(main: string) {
  const dir = folder({ 'main.tf': main, 'm/main.tf': child });
  const ws = new TerraformWorkspace();
  cpSync(dir, ws.dir, { recursive: true });
  ws.expect(['get', '-no-color']);
  const ours = xcpform(['plan'], { cwd: dir });
  const theirs = ws.run(['plan', '-no-color']);
  expect([ours.code, theirs.code]).toEqual([1, 1]);
  return { dir, ws, ours, theirs };
}

describe('module count / for_each from data sources', () => {
  test('plan, apply of the saved plan, empty re-plan, state list and outputs equal terraform\'s', () => {
    terraformVersion();
    const files = { 'main.tf': main, 'm/main.tf': child, 'outer/main.tf': outer };
    const dir = folder(files);
    const ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);

    ok(xcpform(['validate'], { cwd: dir }));
    ok(xcpform(['plan', '-out', 'p.plan'], { cwd: dir }));
    ws.expect(['plan', '-no-color', '-out', 'p.plan']);
    const ours = changes(JSON.parse(ok(xcpform(['show', '-json', 'p.plan'], { cwd: dir }))));
    expect(ours).toEqual(changes(JSON.parse(ws.expect(['show', '-json', 'p.plan']).stdout)));
    expect(ours).toContainEqual(['module.per_host["dc1-host1"].xcp_network.x', 'module.per_host["dc1-host1"]', 'create']);
    expect(ours).toContainEqual(['module.outer.module.inner[1].xcp_network.x', 'module.outer.module.inner[1]', 'create']);

    ok(xcpform(['apply', '-auto-approve', '-rehearse=false', 'p.plan'], { cwd: dir }));
    ws.expect(['apply', '-auto-approve', '-no-color', 'p.plan']);
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
    ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    const list = lines(ok(xcpform(['state', 'list'], { cwd: dir })));
    expect(list).toEqual(lines(ws.expect(['state', 'list']).stdout));
    expect(list).toContain('module.counted[0].xcp_network.x');
    expect(outputs(dir)).toEqual(outputs(ws.dir));
    expect(outputs(dir).labels.value).toEqual({ 'dc1-host1': 'net-dc1-host1', 'dc1-host2': 'net-dc1-host2' });
  });

  test('a data source that waits for a resource being created leaves the count unknown: terraform\'s "Invalid count argument"', () => {
    terraformVersion();
    const waits = `${EMBEDDED}resource "xcp_network" "n" {
  name_label = "n"
}
data "xcp_hosts" "after" {
  tags = xcp_network.n.tags
}
module "late" {
  source = "./m"
  count  = length(data.xcp_hosts.after.hosts)
  label  = "late"
}
`;
    const { ours, theirs } = planBothRefused(waits);
    for (const text of ['Invalid count argument', 'The "count" value depends on resource attributes that cannot be determined until apply, so xcpform cannot predict how many instances will be created.']) {
      expect(flat(ours.stderr)).toContain(text);
      expect(flat(theirs.stderr)).toContain(text);
    }
  });
});

describe('module count / for_each from a resource\'s computed attribute', () => {
  test('unknown while the resource is created (terraform\'s refusal); once it exists unchanged, its attribute from the state expands the call, as in terraform', () => {
    terraformVersion();
    const main = `${EMBEDDED}resource "xcp_network" "n" {
  name_label = "n"
}
module "by_bridge" {
  source   = "./m"
  for_each = toset([xcp_network.n.bridge])
  label    = "b-\${each.key}"
}
`;
    const { dir, ws, ours, theirs } = planBothRefused(main);
    for (const r of [ours, theirs]) expect(flat(r.stderr)).toContain('Invalid for_each argument');
    ok(xcpform(['validate'], { cwd: dir }));
    ws.expect(['validate', '-no-color']);

    ok(xcpform(['apply', '-auto-approve', '-target=xcp_network.n'], { cwd: dir }));
    ws.expect(['apply', '-auto-approve', '-no-color', '-target=xcp_network.n']);
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    ws.expect(['apply', '-auto-approve', '-no-color']);
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
    ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    const list = lines(ok(xcpform(['state', 'list'], { cwd: dir })));
    expect(list).toHaveLength(2);
    expect(list[1]).toMatch(/^module\.by_bridge\["[^"]+"\]\.xcp_network\.x$/);
    expect(list).toEqual(lines(ws.expect(['state', 'list']).stdout));
  });
});

describe('saved plans with data sources inside modules', () => {
  test('plan -out reads back: a module\'s data read (module.m.data.TYPE.NAME) is a well-formed entry', () => {
    const inner = `${PROVIDER}data "xcp_hosts" "h" {}
output "first" { value = data.xcp_hosts.h.hosts[0].name_label }
`;
    const dir = folder({ 'main.tf': `${EMBEDDED}module "m" {\n  source = "./m"\n}\noutput "first" { value = module.m.first }\n`, 'm/main.tf': inner });
    ok(xcpform(['plan', '-out', 'p.plan'], { cwd: dir }));
    const shown = JSON.parse(ok(xcpform(['show', '-json', 'p.plan'], { cwd: dir })));
    expect(shown.planned_values.outputs.first.value).toBe('dc1-host1');
    ok(xcpform(['apply', '-auto-approve', 'p.plan'], { cwd: dir }));
    expect(outputs(dir).first.value).toBe('dc1-host1');
  });
});
