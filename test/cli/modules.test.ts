/**
 * Modules as Terraform users write them: local and `git::file://` sources, inputs, outputs,
 * count/for_each on calls, nested modules; the addresses in plans, `show -json`, state and
 * `state list` are Terraform's, checked against the real terraform on the same folders.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, xcpform } from '../helpers/cli';
import { TerraformWorkspace, terraformVersion } from '../helpers/tfplugin-terraform';
import { EMBEDDED, PROVIDER, folder, lines, ok } from './modules-fixtures';

describe('examples/modules: a VM tier module called twice with for_each', () => {
  test('xcpform applies it, the next plan is empty, and state list, state and modules.json are what terraform gives', () => {
    terraformVersion();
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-modules-example-'));
    cpSync(join(ROOT, 'examples', 'modules'), dir, { recursive: true });
    ok(xcpform(['init'], { cwd: dir }));
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
    const ours = lines(ok(xcpform(['state', 'list'], { cwd: dir })));
    expect(ours).toEqual([
      'xcp_network.lan',
      'xcp_sr.nfs',
      'module.tier["app"].xcp_vm.this[0]',
      'module.tier["web"].xcp_vm.this[0]',
      'module.tier["web"].xcp_vm.this[1]',
    ]);

    const ws = new TerraformWorkspace();
    cpSync(join(ROOT, 'examples', 'modules'), ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);
    ws.expect(['apply', '-auto-approve', '-no-color']);
    ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    expect(lines(ws.expect(['state', 'list']).stdout)).toEqual(ours);
    expect(readFileSync(join(dir, '.terraform/modules/modules.json'), 'utf8').trim()).toBe(readFileSync(join(ws.dir, '.terraform/modules/modules.json'), 'utf8').trim());

    // The state entries: module, provider and dependencies as terraform writes them.
    const shape = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { resources: { module?: string; type: string; name: string; provider: string; instances: { index_key?: unknown; dependencies?: string[] }[] }[] }).resources
      .map((r) => ({ module: r.module, type: r.type, name: r.name, provider: r.provider, instances: r.instances.map((i) => [i.index_key, i.dependencies]) }));
    expect(shape(join(dir, 'terraform.tfstate'))).toEqual(shape(join(ws.dir, 'terraform.tfstate')));
    const outputs = (file: string) => JSON.parse(readFileSync(file, 'utf8')).outputs;
    expect(outputs(join(dir, 'terraform.tfstate'))).toEqual(outputs(join(ws.dir, 'terraform.tfstate')));
  });
});

describe('module sources', () => {
  function gitModule(): string {
    const repo = folder({
      'main.tf': `${PROVIDER}variable "label" { type = string }
module "inner" {
  source = "./inner"
  label  = "\${var.label}-inner"
}
resource "xcp_network" "n" {
  name_label = var.label
}
output "uuid" { value = xcp_network.n.uuid }
`,
      'inner/main.tf': `${PROVIDER}variable "label" { type = string }
resource "xcp_network" "n" {
  name_label = var.label
}
`,
    });
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
    };
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'module');
    return repo;
  }

  const caller = (repo: string) => `${EMBEDDED}module "net" {
  source = "git::file://${repo}"
  count  = 2
  label  = "net\${count.index}"
}
output "uuids" { value = module.net[*].uuid }
`;

  test('a git::file:// module with a nested local module: not installed before init; after init, addresses and modules.json equal terraform\'s', () => {
    terraformVersion();
    const repo = gitModule();
    const dir = folder({ 'main.tf': caller(repo) });
    const before = xcpform(['plan'], { cwd: dir });
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('module.net: Module not installed');
    expect(before.stderr).toContain('xcpform init');
    expect(ok(xcpform(['init'], { cwd: dir }))).toContain('- net.inner in .terraform/modules/net/inner');
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
    const ours = lines(ok(xcpform(['state', 'list'], { cwd: dir })));
    expect(ours).toEqual(['module.net[0].xcp_network.n', 'module.net[1].xcp_network.n', 'module.net[0].module.inner.xcp_network.n', 'module.net[1].module.inner.xcp_network.n']);

    const ws = new TerraformWorkspace();
    ws.write(caller(repo));
    ws.expect(['get', '-no-color']);
    ws.expect(['apply', '-auto-approve', '-no-color']);
    expect(lines(ws.expect(['state', 'list']).stdout)).toEqual(ours);
    expect(readFileSync(join(dir, '.terraform/modules/modules.json'), 'utf8').trim()).toBe(readFileSync(join(ws.dir, '.terraform/modules/modules.json'), 'utf8').trim());
  });

  test.each([
    ['a registry address', 'hashicorp/consul/aws', 'Module registry not available offline'],
    ['an HTTP URL', 'https://example.com/m.zip', 'Module source not available offline'],
    ['a path without ./', 'modules/child', 'use "./modules/child" instead'],
    ['a missing folder', './nope', 'Module not installed'],
  ])('%s is refused with a diagnostic naming the call', (_what, source, message) => {
    const dir = folder({ 'main.tf': `${EMBEDDED}module "m" {\n  source = "${source}"\n}\n` });
    const res = xcpform(['validate'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stderr + res.stdout).toContain('module.m');
    expect(res.stderr + res.stdout).toContain(message);
    expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('a module variable\'s validation rule refuses a bad argument at plan time, naming the module instance', () => {
    const dir = folder({
      'main.tf': `${EMBEDDED}module "m" {\n  source = "./m"\n  size   = 0\n}\n`,
      'm/main.tf': `${PROVIDER}variable "size" {\n  type = number\n  validation {\n    condition     = var.size > 0\n    error_message = "size must be positive."\n  }\n}\nresource "xcp_network" "n" {\n  name_label = "n\${var.size}"\n}\n`,
    });
    const res = xcpform(['plan'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Invalid value for variable');
    expect(res.stderr).toContain('size must be positive.');
    expect(res.stderr).toContain('module.m');
    writeFileSync(join(dir, 'main.tf'), `${EMBEDDED}module "m" {\n  source = "./m"\n  size   = 2\n}\n`);
    expect(ok(xcpform(['plan'], { cwd: dir }))).toContain('name_label           = "n2"');
  });

  test('a reference to an output the module does not declare fails validate, as in terraform', () => {
    terraformVersion();
    const main = `${EMBEDDED}module "a" {\n  source = "./m"\n}\nresource "xcp_network" "n" {\n  name_label = module.a.nope\n}\noutput "ok" { value = module.a.label }\n`;
    const child = 'output "label" { value = "x" }\n';
    const dir = folder({ 'main.tf': main, 'm/main.tf': child });
    const ours = xcpform(['validate'], { cwd: dir });
    const ws = new TerraformWorkspace();
    ws.write(main);
    mkdirSync(join(ws.dir, 'm'));
    writeFileSync(join(ws.dir, 'm', 'main.tf'), child);
    ws.expect(['get', '-no-color']);
    const theirs = ws.run(['validate', '-no-color']);
    for (const r of [ours, theirs]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Unsupported attribute');
      expect(r.stderr).toContain('This object does not have an attribute named "nope".');
      expect(r.stderr).not.toContain('"label"');
    }
  });

  test('an argument the module does not declare, and a required variable not set, are errors', () => {
    const dir = folder({
      'main.tf': `${EMBEDDED}module "m" {\n  source = "./m"\n  nmae   = "x"\n}\n`,
      'm/main.tf': 'variable "name" { type = string }\n',
    });
    const res = xcpform(['validate'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('module.m: Unsupported argument');
    expect(res.stderr).toContain('"nmae"');
    expect(res.stderr).toContain('module.m: Missing required argument');
  });
});

describe('module values and addresses', () => {
  const files = {
    'main.tf': `${EMBEDDED}variable "prefix" {
  type    = string
  default = "p"
}
module "a" {
  source = "./a"
  prefix = var.prefix
}
module "c" {
  source = "./c"
  count  = 2
  label  = "\${module.a.label}-\${count.index}"
}
output "labels" { value = module.c[*].label }
output "inner" { value = module.a.inner_uuid }
`,
    'a/main.tf': `${PROVIDER}variable "prefix" { type = string }
module "b" {
  source = "./b"
  name   = "\${var.prefix}-b"
}
output "label" { value = "\${var.prefix}-a" }
output "inner_uuid" { value = module.b.uuid }
`,
    'a/b/main.tf': `${PROVIDER}variable "name" { type = string }
resource "xcp_network" "n" {
  name_label = var.name
  mtu        = 1500
}
output "uuid" { value = xcp_network.n.uuid }
`,
    'c/main.tf': `${PROVIDER}variable "label" { type = string }
resource "xcp_network" "n" {
  name_label = var.label
}
output "label" { value = xcp_network.n.name_label }
`,
  };

  test('nested modules and count: plan JSON (show -json of a saved plan) has module_address, child_modules and module_calls; outputs flow between modules; the saved plan applies', () => {
    const dir = folder(files);
    ok(xcpform(['plan', '-out', 'm.plan'], { cwd: dir }));
    const doc = JSON.parse(ok(xcpform(['show', '-json', 'm.plan'], { cwd: dir })));
    const changes = doc.resource_changes.map((r: { address: string; module_address?: string }) => [r.address, r.module_address]);
    expect(changes).toEqual([
      ['module.a.module.b.xcp_network.n', 'module.a.module.b'],
      ['module.c[0].xcp_network.n', 'module.c[0]'],
      ['module.c[1].xcp_network.n', 'module.c[1]'],
    ].sort((x, y) => x[1].split('module.').length - y[1].split('module.').length || (x[0] < y[0] ? -1 : 1)));
    const names = doc.resource_changes.map((r: { change: { after: { name_label: string } } }) => r.change.after.name_label);
    expect(names).toEqual(['p-a-0', 'p-a-1', 'p-b']);
    const pv = doc.planned_values.root_module;
    expect(pv.resources).toBeUndefined();
    expect(pv.child_modules.map((m: { address: string }) => m.address)).toEqual(['module.a', 'module.c[0]', 'module.c[1]']);
    expect(pv.child_modules[0].child_modules[0].address).toBe('module.a.module.b');
    expect(pv.child_modules[0].child_modules[0].resources[0].address).toBe('module.a.module.b.xcp_network.n');
    const calls = doc.configuration.root_module.module_calls;
    expect(Object.keys(calls)).toEqual(['a', 'c']);
    expect(calls.a.source).toBe('./a');
    expect(calls.a.module.module_calls.b.module.resources[0].address).toBe('xcp_network.n');
    expect(calls.c.count_expression).toEqual({ constant_value: 2 });
    // A module output is referenced with the call holding it, as terraform lists them.
    expect(calls.c.expressions.label.references).toEqual(expect.arrayContaining(['module.a.label', 'module.a']));
    expect(doc.planned_values.outputs.labels.value).toEqual(['p-a-0', 'p-a-1']);
    // The saved plan carries the modules' files: it applies, and nothing is left to do.
    ok(xcpform(['apply', 'm.plan'], { cwd: dir }));
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
  });

  test('apply, empty re-plan, and the same addresses as terraform for nested modules with count', () => {
    terraformVersion();
    const dir = folder(files);
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
    const ours = lines(ok(xcpform(['state', 'list'], { cwd: dir })));
    const ws = new TerraformWorkspace();
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(ws.dir, name, '..'), { recursive: true });
      writeFileSync(join(ws.dir, name), text);
    }
    ws.expect(['get', '-no-color']);
    ws.expect(['apply', '-auto-approve', '-no-color']);
    expect(lines(ws.expect(['state', 'list']).stdout)).toEqual(ours);
    expect(ours).toEqual(['module.c[0].xcp_network.n', 'module.c[1].xcp_network.n', 'module.a.module.b.xcp_network.n']);
    const outputs = (d: string) => JSON.parse(readFileSync(join(d, 'terraform.tfstate'), 'utf8')).outputs.labels;
    expect(outputs(dir)).toEqual(outputs(ws.dir));
  });
});

describe('dependencies through module outputs', () => {
  const files = {
    'main.tf': `${EMBEDDED}module "a" {
  source = "./a"
  in     = xcp_network.r.uuid
}
module "c" {
  source = "./a"
  count  = 1
  in     = xcp_network.q[0].uuid
}
resource "xcp_network" "r" {
  name_label = module.a.label
}
resource "xcp_network" "q" {
  count      = 1
  name_label = module.c[0].label
}
output "other" { value = module.a.other }
`,
    'a/main.tf': `${PROVIDER}variable "in" { type = string }
resource "xcp_network" "n" {
  name_label = "n"
}
resource "xcp_network" "m" {
  name_label = var.in
}
output "label" { value = xcp_network.n.name_label }
output "other" { value = xcp_network.m.name_label }
`,
  };

  test('a block reading one output of a module depends on that output only: feeding the module\'s input as well is no cycle, as in terraform', () => {
    terraformVersion();
    const dir = folder(files);
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
    const ws = new TerraformWorkspace();
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(ws.dir, name, '..'), { recursive: true });
      writeFileSync(join(ws.dir, name), text);
    }
    ws.expect(['get', '-no-color']);
    ws.expect(['apply', '-auto-approve', '-no-color']);
    expect(lines(ok(xcpform(['state', 'list'], { cwd: dir })))).toEqual(lines(ws.expect(['state', 'list']).stdout));
    // The dependencies the state records: the output's own resources, not the whole module.
    const deps = (d: string) => Object.fromEntries((JSON.parse(readFileSync(join(d, 'terraform.tfstate'), 'utf8')) as { resources: { module?: string; type: string; name: string; instances: { dependencies?: string[] }[] }[] }).resources
      .map((r) => [`${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`, r.instances[0].dependencies ?? []]));
    expect(deps(dir)['xcp_network.r']).toEqual(['module.a.xcp_network.n']);
    expect(deps(dir)['xcp_network.r']).toEqual(deps(ws.dir)['xcp_network.r']);
  });
});

describe('count and for_each of a module call from resource attributes', () => {
  const main = (extra: string) => `${EMBEDDED}resource "xcp_network" "n" {
  name_label = "known"
}
module "k" {
  source = "./m"
  count  = xcp_network.n.name_label == "known" ? 2 : 1
  label  = "k\${count.index}"
}
${extra}`;
  const unknownSet = `module "u" {
  source   = "./m"
  for_each = toset([xcp_network.n.uuid])
  label    = "u"
}
`;
  const unknownCount = `module "c" {
  source = "./m"
  count  = length(xcp_network.n.uuid) > 0 ? 1 : 0
  label  = "c"
}
`;
  const child = `${PROVIDER}variable "label" { type = string }
resource "xcp_network" "x" {
  name_label = var.label
}
`;
  /** The diagnostic's text on one line, the product named alike. */
  const flat = (s: string) => s.replace(/\s+/g, ' ').replace(/Terraform/g, 'xcpform');

  test('known at plan (a configured attribute) expands; known only after apply is refused with terraform\'s diagnostic', () => {
    terraformVersion();
    const ws = new TerraformWorkspace();
    for (const [extra, summary, sentence] of [
      [unknownSet, 'Invalid for_each argument', 'The "for_each" set includes values derived from resource attributes that cannot be determined until apply, and so xcpform cannot determine the full set of keys that will identify the instances of this resource.'],
      [unknownCount, 'Invalid count argument', 'The "count" value depends on resource attributes that cannot be determined until apply, so xcpform cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the count depends on.'],
    ]) {
      const dir = folder({ 'main.tf': main(extra), 'm/main.tf': child });
      const ours = xcpform(['plan'], { cwd: dir });
      expect(ours.code).toBe(1);
      expect(flat(ours.stderr)).toContain(summary);
      expect(flat(ours.stderr)).toContain(sentence);
      expect(ours.stderr).not.toContain('module.k');
      ws.write(main(extra));
      mkdirSync(join(ws.dir, 'm'), { recursive: true });
      writeFileSync(join(ws.dir, 'm', 'main.tf'), child);
      ws.expect(['get', '-no-color']);
      const theirs = ws.run(['plan', '-no-color']);
      expect(theirs.code).toBe(1);
      expect(flat(theirs.stderr)).toContain(summary);
      expect(flat(theirs.stderr)).toContain(sentence);
      expect(theirs.stderr).not.toContain('module.k');
    }
    const dir = folder({ 'main.tf': main(''), 'm/main.tf': child });
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
    ws.write(main(''));
    ws.expect(['get', '-no-color']);
    ws.expect(['apply', '-auto-approve', '-no-color']);
    const ours = lines(ok(xcpform(['state', 'list'], { cwd: dir })));
    expect(ours).toEqual(['xcp_network.n', 'module.k[0].xcp_network.x', 'module.k[1].xcp_network.x']);
    expect(lines(ws.expect(['state', 'list']).stdout)).toEqual(ours);
  });
});

describe('provider configurations and modules', () => {
  const TWO_POOLS = 'pools = { dc1 = { url = "embedded" }, cloud1 = { url = "embedded" } }';
  const child = `${PROVIDER}variable "label" { type = string }
resource "xcp_network" "x" {
  name_label = var.label
}
output "pool" { value = xcp_network.x.pool }
`;
  const root = `${PROVIDER}provider "xcp" {
  ${TWO_POOLS}
  default_pool = "dc1"
}
provider "xcp" {
  alias        = "cloud"
  ${TWO_POOLS}
  default_pool = "cloud1"
}
module "here" {
  source = "./m"
  label  = "here"
}
module "there" {
  source    = "./m"
  label     = "there"
  providers = { xcp = xcp.cloud }
}
output "pools" { value = [module.here.pool, module.there.pool] }
`;

  test('providers = { xcp = xcp.cloud } gives the module the aliased configuration: its default pool and provider address, as terraform does', () => {
    terraformVersion();
    const dir = folder({ 'main.tf': root, 'm/main.tf': child });
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
    const ws = new TerraformWorkspace();
    ws.write(root);
    mkdirSync(join(ws.dir, 'm'));
    writeFileSync(join(ws.dir, 'm', 'main.tf'), child);
    ws.expect(['get', '-no-color']);
    ws.expect(['apply', '-auto-approve', '-no-color']);
    const shape = (d: string) => {
      const st = JSON.parse(readFileSync(join(d, 'terraform.tfstate'), 'utf8')) as { outputs: Record<string, { value: unknown }>; resources: { module?: string; provider: string; instances: { attributes: { pool: string } }[] }[] };
      return { pools: st.outputs.pools.value, resources: st.resources.map((r) => [r.module, r.provider, r.instances[0].attributes.pool]) };
    };
    expect(shape(dir).pools).toEqual(['dc1', 'cloud1']);
    expect(shape(dir)).toEqual(shape(ws.dir));
  });

  test('a module with its own provider block called with for_each is refused with terraform\'s diagnostic', () => {
    terraformVersion();
    const legacy = `${PROVIDER}provider "xcp" {\n  pools = { dc1 = { url = "embedded" } }\n}\nresource "xcp_network" "y" {\n  name_label = "own"\n}\n`;
    const main = `${EMBEDDED}module "own" {\n  source   = "./own"\n  for_each = toset(["a"])\n}\n`;
    const dir = folder({ 'main.tf': main, 'own/main.tf': legacy });
    const ours = xcpform(['validate'], { cwd: dir });
    expect(ours.code).toBe(1);
    const ws = new TerraformWorkspace();
    ws.write(main);
    mkdirSync(join(ws.dir, 'own'));
    writeFileSync(join(ws.dir, 'own', 'main.tf'), legacy);
    ws.expect(['get', '-no-color']);
    const theirs = ws.run(['validate', '-no-color']);
    expect(theirs.code).toBe(1);
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    for (const text of [
      'Module is incompatible with count, for_each, and depends_on',
      'The module at module.own is a legacy module which contains its own local provider configurations, and so calls to it may not use the count, for_each, or depends_on arguments.',
      'If you also control the module "./own", consider updating this module to instead expect provider configurations to be passed by its caller.',
    ]) {
      expect(flat(ours.stderr)).toContain(text);
      expect(flat(theirs.stderr)).toContain(text);
    }
    expect(ours.stderr).not.toContain('provider configuration inside a module');
  });
});
