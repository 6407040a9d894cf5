/**
 * Modules and the state: `state mv`, `state list` and `state rm` with module addresses, and
 * `moved` / `removed` / `import` blocks across modules, checked against the real terraform on
 * the same folders and states.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { xcpform } from '../helpers/cli';
import { TerraformWorkspace, terraformVersion } from '../helpers/tfplugin-terraform';
import { EMBEDDED, PROVIDER, folder, lines, ok } from './modules-fixtures';

describe('state mv with modules', () => {
  const files = {
    'main.tf': `${EMBEDDED}resource "xcp_network" "n" {
  name_label = "n"
}
resource "xcp_network" "c" {
  count      = 2
  name_label = "c\${count.index}"
}
module "a" {
  source = "./m"
}
module "e" {
  source   = "./m"
  for_each = toset(["x", "y"])
}
`,
    'm/main.tf': `${PROVIDER}resource "xcp_network" "x" {
  name_label = "x"
}
module "inner" {
  source = "./inner"
}
`,
    'm/inner/main.tf': `${PROVIDER}resource "xcp_network" "i" {
  name_label = "i"
}
`,
  };

  test('whole modules, module instances, resources into and out of modules: the same moves, refusals and state list as terraform state mv', () => {
    terraformVersion();
    const dir = folder(files);
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    const ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);
    const steps: [string, string, string[]][] = [
      ['module.a', 'module.b', []],
      ['module.e["x"]', 'module.e["z"]', []],
      ['xcp_network.n', 'module.b.xcp_network.moved', []],
      ['xcp_network.c', 'module.b.xcp_network.c', []],
      ['module.e["y"].xcp_network.x', 'xcp_network.out', []],
      ['xcp_network.out', 'module.b.xcp_network.moved', ['Invalid target address', 'Cannot move to module.b.xcp_network.moved: there is already a resource instance at that address in the current state.']],
      ['module.e', 'module.f', ['Invalid source address', 'Cannot move module.e: does not match anything in the current state.']],
      ['module.b', 'module.e["z"]', ['destination module already exists']],
      ['module.b.module.inner', 'xcp_network.z', ['Invalid target address', 'Cannot move module.b.module.inner to xcp_network.z: the target must also be a module.']],
      ['xcp_network.out', 'xcp_vm.out', ['Invalid state move request', 'Cannot move xcp_network.out to xcp_vm.out: resource types don\'t match.']],
      ['module.b.module.inner', 'module.q', []],
    ];
    const flat = (t: string) => t.replace(/\x1b\[[0-9;]*m/g, '').replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');
    const moves = (t: string) => t.split('\n').filter((l) => l.startsWith('Move ') || l.startsWith('Successfully')).sort();
    for (const [from, to, refusal] of steps) {
      const ours = xcpform(['state', 'mv', from, to], { cwd: dir });
      const theirs = ws.run(['state', 'mv', from, to]);
      const step = `state mv ${from} ${to}`;
      expect({ step, code: ours.code }).toEqual({ step, code: theirs.code });
      if (!refusal.length) expect({ step, moves: moves(ours.stdout) }).toEqual({ step, moves: moves(theirs.stdout) });
      for (const text of refusal) {
        expect(flat(ours.stderr)).toContain(text);
        expect(flat(theirs.stdout + theirs.stderr)).toContain(text);
      }
    }
    const ourList = lines(ok(xcpform(['state', 'list'], { cwd: dir })));
    expect(ourList).toEqual(lines(ws.expect(['state', 'list']).stdout));
    expect(ourList).toContain('module.q.xcp_network.i');
    expect(ourList).toContain('module.e["z"].module.inner.xcp_network.i');
  });

  test('state list and state rm take module, resource and instance addresses as terraform does', () => {
    terraformVersion();
    const dir = folder(files);
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    const ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);
    const both = (args: string[]) => {
      const ours = xcpform(args, { cwd: dir });
      const theirs = ws.run(args);
      expect({ args, code: ours.code }).toEqual({ args, code: theirs.code });
      return { ours, theirs };
    };
    for (const args of [['module.e'], ['module.a'], ['xcp_network.c'], ['module.e["x"]', 'xcp_network.n']]) {
      const { ours, theirs } = both(['state', 'list', ...args]);
      expect({ args, list: lines(ours.stdout) }).toEqual({ args, list: lines(theirs.stdout) });
    }
    const flat = (t: string) => t.replace(/\x1b\[[0-9;]*m/g, '').replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ').replace(/terraform/g, 'xcpform');
    const unknown = both(['state', 'list', 'module.zz']);
    for (const r of [unknown.ours, unknown.theirs]) expect(flat(r.stderr)).toContain('Unknown module The current state contains no module at module.zz.');
    for (const args of [['module.a'], ['xcp_network.c'], ['module.e["x"].module.inner']]) {
      const { ours, theirs } = both(['state', 'rm', ...args]);
      expect({ args, out: lines(ours.stdout) }).toEqual({ args, out: lines(theirs.stdout) });
    }
    const none = both(['state', 'rm', 'module.nope']);
    for (const r of [none.ours, none.theirs]) expect(flat(r.stderr)).toContain('Invalid target address No matching objects found. To view the available instances, use "xcpform state list".');
    expect(lines(ok(xcpform(['state', 'list'], { cwd: dir })))).toEqual(lines(ws.expect(['state', 'list']).stdout));
  });
});

describe('moved and removed with module addresses', () => {
  test('a resource moved into a module, then a module renamed: planned as moves, never destroy and create', () => {
    const dir = folder({ 'main.tf': `${EMBEDDED}resource "xcp_network" "n" {\n  name_label = "moving"\n}\n`, 'm/main.tf': `${PROVIDER}resource "xcp_network" "n" {\n  name_label = "moving"\n}\n` });
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    writeFileSync(join(dir, 'main.tf'), `${EMBEDDED}module "old" {\n  source = "./m"\n}\nmoved {\n  from = xcp_network.n\n  to   = module.old.xcp_network.n\n}\n`);
    const plan = ok(xcpform(['plan'], { cwd: dir }));
    expect(plan).toContain('# xcp_network.n has moved to module.old.xcp_network.n');
    expect(plan).not.toContain('will be created');
    expect(plan).not.toContain('will be destroyed');
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    expect(lines(ok(xcpform(['state', 'list'], { cwd: dir })))).toEqual(['module.old.xcp_network.n']);

    writeFileSync(join(dir, 'main.tf'), `${EMBEDDED}module "new" {\n  source = "./m"\n}\nmoved {\n  from = module.old\n  to   = module.new\n}\n`);
    const plan2 = ok(xcpform(['plan'], { cwd: dir }));
    expect(plan2).toContain('# module.old.xcp_network.n has moved to module.new.xcp_network.n');
    expect(plan2).not.toContain('will be destroyed');
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    expect(lines(ok(xcpform(['state', 'list'], { cwd: dir })))).toEqual(['module.new.xcp_network.n']);
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);

    // removed { from = module.new, lifecycle { destroy = false } }: forgotten, not destroyed.
    writeFileSync(join(dir, 'main.tf'), `${EMBEDDED}removed {\n  from = module.new\n  lifecycle {\n    destroy = false\n  }\n}\n`);
    const plan3 = ok(xcpform(['plan'], { cwd: dir }));
    expect(plan3).toContain('module.new.xcp_network.n will no longer be managed');
    expect(plan3).not.toContain('will be destroyed');
  });
});

describe('moved blocks across modules', () => {
  test('a module instance renamed, a resource pulled out of a module and a nested module called from the root: the same plan and state as terraform', () => {
    terraformVersion();
    const child = `${PROVIDER}resource "xcp_network" "x" {
  name_label = "x"
}
module "inner" {
  source = "./inner"
}
`;
    const inner = `${PROVIDER}resource "xcp_network" "i" {
  name_label = "i"
}
`;
    const before = `${EMBEDDED}module "a" {
  source = "./m"
}
module "e" {
  source   = "./m"
  for_each = toset(["x", "y"])
}
`;
    const after = `${EMBEDDED}module "e" {
  source   = "./m"
  for_each = toset(["z", "y"])
}
module "inner2" {
  source = "./m/inner"
}
resource "xcp_network" "pulled" {
  name_label = "x"
}
moved {
  from = module.e["x"]
  to   = module.e["z"]
}
moved {
  from = module.a.xcp_network.x
  to   = xcp_network.pulled
}
moved {
  from = module.a.module.inner
  to   = module.inner2
}
`;
    const dir = folder({ 'main.tf': before, 'm/main.tf': child, 'm/inner/main.tf': inner });
    const ws = new TerraformWorkspace();
    cpSync(dir, ws.dir, { recursive: true });
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    ws.expect(['get', '-no-color']);
    ws.expect(['apply', '-auto-approve', '-no-color']);
    writeFileSync(join(dir, 'main.tf'), after);
    ws.write(after);
    ws.expect(['get', '-no-color']);
    ok(xcpform(['plan', '-out', 'p.plan'], { cwd: dir }));
    ws.expect(['plan', '-no-color', '-out', 'p.plan']);
    type Shown = { resource_changes: { address: string; previous_address?: string; change: { actions: string[] } }[] };
    const changes = (doc: Shown) => doc.resource_changes.map((c) => [c.address, c.previous_address ?? null, c.change.actions.join(',')]).sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1));
    const ours = changes(JSON.parse(ok(xcpform(['show', '-json', 'p.plan'], { cwd: dir }))));
    expect(ours).toEqual(changes(JSON.parse(ws.expect(['show', '-json', 'p.plan']).stdout)));
    expect(ours).toContainEqual(['module.e["z"].module.inner.xcp_network.i', 'module.e["x"].module.inner.xcp_network.i', 'no-op']);
    expect(ours).toContainEqual(['xcp_network.pulled', 'module.a.xcp_network.x', 'no-op']);
    expect(ours).toContainEqual(['module.inner2.xcp_network.i', 'module.a.module.inner.xcp_network.i', 'no-op']);
    ok(xcpform(['apply', 'p.plan'], { cwd: dir }));
    ws.expect(['apply', '-no-color', 'p.plan']);
    expect(lines(ok(xcpform(['state', 'list'], { cwd: dir })))).toEqual(lines(ws.expect(['state', 'list']).stdout));
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
  });
});

describe('import blocks targeting module addresses', () => {
  test('an existing object is imported to module.e["k"].xcp_network.n: planned as an import, applied, then no changes', () => {
    const dir = folder({ 'main.tf': `${EMBEDDED}resource "xcp_network" "n" {\n  name_label = "adopted"\n}\n`, 'm/main.tf': `${PROVIDER}resource "xcp_network" "n" {\n  name_label = "adopted"\n}\n` });
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    const uuid = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).resources[0].instances[0].attributes.uuid as string;
    ok(xcpform(['state', 'rm', 'xcp_network.n'], { cwd: dir }));
    writeFileSync(join(dir, 'main.tf'), `${EMBEDDED}module "e" {\n  source   = "./m"\n  for_each = toset(["k"])\n}\nimport {\n  to = module.e["k"].xcp_network.n\n  id = "dc1/${uuid}"\n}\n`);
    const plan = ok(xcpform(['plan'], { cwd: dir }));
    expect(plan).toContain('# module.e["k"].xcp_network.n will be imported');
    expect(plan).not.toContain('will be created');
    ok(xcpform(['apply', '-auto-approve'], { cwd: dir }));
    expect(lines(ok(xcpform(['state', 'list'], { cwd: dir })))).toEqual(['module.e["k"].xcp_network.n']);
    ok(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
  });
});
