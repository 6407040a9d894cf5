/**
 * `moved`, `import` and `removed` blocks and custom conditions through the real CLI against the
 * embedded simulator: the plan says what Terraform says, apply records it without destroying
 * or duplicating anything, and the next plan is empty.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';

const PROVIDER = `provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
`;

function workdir(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-statements-'));
  writeFileSync(join(dir, 'main.tf'), PROVIDER + config);
  return dir;
}

const write = (dir: string, config: string) => writeFileSync(join(dir, 'main.tf'), PROVIDER + config);
const state = (dir: string) => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
const addresses = (dir: string) => xcpform(['state', 'list'], { cwd: dir }).stdout.trim().split('\n').filter(Boolean);

/** XAPI's own view: the objects of a class with that name_label in the simulated pool. */
function xapiObjects(dir: string, cls: string, name: string): Record<string, unknown>[] {
  const sim = JSON.parse(readFileSync(join(dir, '.xcpform', 'simulator.json'), 'utf8'));
  const table = sim.pools[0].db.tables[cls] as Record<string, Record<string, unknown>>;
  return Object.values(table).filter((o) => o.name_label === name && !o.is_a_template);
}

function applyOk(dir: string): string {
  const r = xcpform(['apply', '-auto-approve'], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

function planEmpty(dir: string): void {
  const r = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
  expect(r.stdout).toContain('No changes.');
  expect(r.code).toBe(0);
}

describe('moved blocks', () => {
  test('a rename is planned as a move (no destroy), applied into the state, and the next plan is empty', () => {
    const dir = workdir('resource "xcp_network" "a" {\n  name_label = "lan"\n}\n');
    applyOk(dir);
    const uuid = state(dir).resources[0].instances[0].attributes.uuid;
    write(dir, 'resource "xcp_network" "b" {\n  name_label = "lan"\n}\nmoved {\n  from = xcp_network.a\n  to   = xcp_network.b\n}\n');
    const plan = xcpform(['plan', '-detailed-exitcode', '-out', 'p.bin'], { cwd: dir });
    expect(plan.stdout).toContain('  # xcp_network.a has moved to xcp_network.b\n    resource "xcp_network" "b" {');
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    expect(plan.stdout).not.toContain('destroyed');
    expect(plan.code).toBe(2);
    const json = JSON.parse(xcpform(['show', '-json', 'p.bin'], { cwd: dir }).stdout);
    expect(json.resource_changes).toEqual([expect.objectContaining({ address: 'xcp_network.b', previous_address: 'xcp_network.a', change: expect.objectContaining({ actions: ['no-op'] }) })]);
    const apply = xcpform(['apply', 'p.bin'], { cwd: dir });
    expect(apply.code).toBe(0);
    expect(addresses(dir)).toEqual(['xcp_network.b']);
    expect(state(dir).resources[0].instances[0].attributes.uuid).toBe(uuid);
    expect(xapiObjects(dir, 'network', 'lan')).toHaveLength(1);
    planEmpty(dir);
  });

  test('a move with a changed attribute is an update "moved from"; count added moves a to a[0] implicitly; a chain a -> b -> c ends at c', () => {
    const dir = workdir('resource "xcp_network" "a" {\n  name_label = "lan"\n}\n');
    applyOk(dir);
    write(dir, 'resource "xcp_network" "c" {\n  name_label = "lan2"\n}\nmoved {\n  from = xcp_network.a\n  to   = xcp_network.b\n}\nmoved {\n  from = xcp_network.b\n  to   = xcp_network.c\n}\n');
    const plan = xcpform(['plan'], { cwd: dir });
    expect(plan.stdout).toContain('  # xcp_network.c will be updated in-place\n  # (moved from xcp_network.a)\n');
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    applyOk(dir);
    expect(addresses(dir)).toEqual(['xcp_network.c']);
    expect(xapiObjects(dir, 'network', 'lan2')).toHaveLength(1);
    planEmpty(dir);
    write(dir, 'resource "xcp_network" "c" {\n  count      = 2\n  name_label = "lan2"\n}\n');
    const counted = xcpform(['plan'], { cwd: dir });
    expect(counted.stdout).toContain('  # xcp_network.c has moved to xcp_network.c[0]');
    expect(counted.stdout).toContain('  # xcp_network.c[1] will be created');
    expect(counted.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    applyOk(dir);
    expect(addresses(dir)).toEqual(['xcp_network.c[0]', 'xcp_network.c[1]']);
    planEmpty(dir);
  });

  test('a counted instance moves out when count shrinks; moving one the expansion still has is an error', () => {
    const dir = workdir('resource "xcp_network" "a" {\n  count      = 2\n  name_label = "n${count.index}"\n}\n');
    applyOk(dir);
    write(dir, 'resource "xcp_network" "a" {\n  count      = 2\n  name_label = "n${count.index}"\n}\nresource "xcp_network" "b" {\n  name_label = "n1"\n}\nmoved {\n  from = xcp_network.a[1]\n  to   = xcp_network.b\n}\n');
    const still = xcpform(['plan'], { cwd: dir });
    expect(still.code).toBe(1);
    expect(still.stdout + still.stderr).toContain('Error: Moved object still exists\n  on main.tf line 11');
    write(dir, 'resource "xcp_network" "a" {\n  count      = 1\n  name_label = "n${count.index}"\n}\nresource "xcp_network" "b" {\n  name_label = "n1"\n}\nmoved {\n  from = xcp_network.a[1]\n  to   = xcp_network.b\n}\n');
    const plan = xcpform(['plan'], { cwd: dir });
    expect(plan.stdout).toContain('  # xcp_network.a[1] has moved to xcp_network.b');
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    applyOk(dir);
    expect(addresses(dir)).toEqual(['xcp_network.a[0]', 'xcp_network.b']);
    planEmpty(dir);
  });

  test('invalid moves are errors naming the moved block: still declared, another type, a cycle, redundant, ambiguous', () => {
    const cases: [string, string, number][] = [
      ['resource "xcp_network" "a" {\n  name_label = "x"\n}\nresource "xcp_network" "b" {\n  name_label = "x"\n}\nmoved {\n  from = xcp_network.a\n  to   = xcp_network.b\n}\n', 'Moved object still exists', 10],
      ['resource "xcp_private_network" "b" {\n  name_label        = "x"\n  transport_network = "eth0"\n}\nmoved {\n  from = xcp_network.a\n  to   = xcp_private_network.b\n}\n', 'Unsupported `moved` across resource types', 8],
      ['moved {\n  from = xcp_network.a\n  to   = xcp_network.b\n}\nmoved {\n  from = xcp_network.b\n  to   = xcp_network.a\n}\n', 'Cyclic dependency in move statements', 4],
      ['resource "xcp_network" "a" {\n  name_label = "x"\n}\nmoved {\n  from = xcp_network.a\n  to   = xcp_network.a\n}\n', 'Redundant move statement', 7],
      ['resource "xcp_network" "b" {\n  name_label = "x"\n}\nresource "xcp_network" "c" {\n  name_label = "x"\n}\nmoved {\n  from = xcp_network.a\n  to   = xcp_network.b\n}\nmoved {\n  from = xcp_network.a\n  to   = xcp_network.c\n}\n', 'Ambiguous move statements', 14],
    ];
    for (const [config, summary, line] of cases) {
      const dir = workdir(config);
      const r = xcpform(['plan'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain(`Error: ${summary}\n  on main.tf line ${line}`);
    }
  });
});

const VM = (name: string, extra = '') => `resource "xcp_network" "lan" {
  name_label = "lan"
}
resource "xcp_vm" "${name}" {
  name_label = "web"
  template   = "Debian Bookworm 12"
  vcpus      = 1
  memory     = 1073741824
  disk {
    size = 10737418240
  }
  nic {
    network = xcp_network.lan.uuid
  }
${extra}}
`;

describe('import blocks', () => {
  test('an import block adopts a VM that exists (after state rm) instead of creating a duplicate; the next plan is empty', () => {
    const dir = workdir(VM('web'));
    applyOk(dir);
    const uuid = state(dir).resources.find((r: { type: string }) => r.type === 'xcp_vm').instances[0].attributes.uuid;
    expect(xcpform(['state', 'rm', 'xcp_vm.web'], { cwd: dir }).code).toBe(0);
    write(dir, `${VM('web', '  tags = ["imported"]\n')}import {\n  to = xcp_vm.web\n  id = "dc1/${uuid}"\n}\n`);
    const plan = xcpform(['plan', '-detailed-exitcode', '-out', 'p.bin'], { cwd: dir });
    expect(plan.stdout).toContain(`  # xcp_vm.web will be updated in-place\n  # (imported from "dc1/${uuid}")\n`);
    expect(plan.stdout).toContain('Plan: 1 to import, 0 to add, 1 to change, 0 to destroy.');
    expect(plan.code).toBe(2);
    const json = JSON.parse(xcpform(['show', '-json', 'p.bin'], { cwd: dir }).stdout);
    const vm = json.resource_changes.find((c: { address: string }) => c.address === 'xcp_vm.web');
    expect(vm.change.actions).toEqual(['update']);
    expect(vm.change.importing).toEqual({ id: `dc1/${uuid}` });
    const apply = xcpform(['apply', 'p.bin'], { cwd: dir });
    expect(apply.stdout).toContain('Resources: 1 imported, 0 added, 1 changed');
    expect(apply.code).toBe(0);
    const vms = xapiObjects(dir, 'VM', 'web');
    expect(vms).toHaveLength(1);
    expect(vms[0].uuid).toBe(uuid);
    expect(addresses(dir)).toEqual(['xcp_network.lan', 'xcp_vm.web']);
    // The import block stays: the object is in the state now, so it is a no-op, as in Terraform.
    planEmpty(dir);
  });

  test('import blocks with for_each adopt several objects keyed like the resource', () => {
    const dir = workdir('resource "xcp_network" "n" {\n  for_each   = toset(["x", "y"])\n  name_label = each.key\n}\n');
    applyOk(dir);
    const ids = Object.fromEntries(state(dir).resources[0].instances.map((i: { index_key: string; attributes: { uuid: string } }) => [i.index_key, i.attributes.uuid]));
    for (const k of ['x', 'y']) expect(xcpform(['state', 'rm', `xcp_network.n["${k}"]`], { cwd: dir }).code).toBe(0);
    write(dir, `resource "xcp_network" "n" {\n  for_each   = toset(["x", "y"])\n  name_label = each.key\n}\nlocals {\n  ids = { x = "${ids.x}", y = "${ids.y}" }\n}\nimport {\n  for_each = local.ids\n  to       = xcp_network.n[each.key]\n  id       = "dc1/\${each.value}"\n}\n`);
    const plan = xcpform(['plan'], { cwd: dir });
    expect(plan.stdout).toContain('  # xcp_network.n["x"] will be imported');
    expect(plan.stdout).toContain('  # xcp_network.n["y"] will be imported');
    expect(plan.stdout).toContain('Plan: 2 to import, 0 to add, 0 to change, 0 to destroy.');
    const apply = applyOk(dir);
    expect(apply).toContain('Resources: 2 imported, 0 added');
    expect(addresses(dir)).toEqual(['xcp_network.n["x"]', 'xcp_network.n["y"]']);
    expect(xapiObjects(dir, 'network', 'x')).toHaveLength(1);
    planEmpty(dir);
    // A key the for_each does not have would be imported and destroyed at once: refused, as Terraform does.
    expect(xcpform(['state', 'rm', 'xcp_network.n["y"]'], { cwd: dir }).code).toBe(0);
    write(dir, `resource "xcp_network" "n" {\n  for_each   = toset(["x", "y"])\n  name_label = each.key\n}\nimport {\n  to = xcp_network.n["z"]\n  id = "dc1/${ids.y}"\n}\n`);
    const orphan = xcpform(['plan'], { cwd: dir });
    expect(orphan.code).toBe(1);
    expect(orphan.stdout + orphan.stderr).toContain('Error: Configuration for import target does not exist\n  on main.tf line 8');
    expect(orphan.stdout).not.toContain('will be destroyed');
  });

  test('an object that does not exist is a plan error naming the id and the block; no import target in config is an error', () => {
    const dir = workdir(`${VM('web')}import {\n  to = xcp_vm.web\n  id = "dc1/00000000-0000-0000-0000-000000000000"\n}\n`);
    const r = xcpform(['plan'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/Error: Cannot import non-existent remote object\n {2}on main\.tf line 19\n[\s\S]*"dc1\/00000000-0000-0000-0000-000000000000"/);
    const missing = workdir('import {\n  to = xcp_vm.nope\n  id = "dc1/x"\n}\n');
    const m = xcpform(['plan'], { cwd: missing });
    expect(m.code).toBe(1);
    expect(m.stdout + m.stderr).toContain('Error: Configuration for import target does not exist\n  on main.tf line 5');
  });
});

describe('removed blocks', () => {
  test('destroy = false forgets the object (it stays in XAPI); destroy = true destroys it; still declared is an error', () => {
    const dir = workdir('resource "xcp_network" "a" {\n  name_label = "keep"\n}\nresource "xcp_network" "b" {\n  name_label = "drop"\n}\n');
    applyOk(dir);
    write(dir, 'removed {\n  from = xcp_network.a\n  lifecycle {\n    destroy = false\n  }\n}\nremoved {\n  from = xcp_network.b\n}\n');
    const plan = xcpform(['plan', '-out', 'p.bin'], { cwd: dir });
    expect(plan.stdout).toContain(' # xcp_network.a will no longer be managed by xcpform, but will not be destroyed\n # (destroy = false is set in the configuration)\n . resource "xcp_network" "a" {');
    expect(plan.stdout).toContain('  # xcp_network.b will be destroyed');
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 1 to destroy.');
    expect(plan.stdout + plan.stderr).toContain('Warning: Some objects will no longer be managed by xcpform');
    const json = JSON.parse(xcpform(['show', '-json', 'p.bin'], { cwd: dir }).stdout);
    expect(json.resource_changes.map((c: { address: string; change: { actions: string[] } }) => [c.address, c.change.actions])).toEqual([['xcp_network.a', ['forget']], ['xcp_network.b', ['delete']]]);
    expect(xcpform(['apply', 'p.bin'], { cwd: dir }).code).toBe(0);
    expect(addresses(dir)).toEqual([]);
    expect(xapiObjects(dir, 'network', 'keep')).toHaveLength(1);
    expect(xapiObjects(dir, 'network', 'drop')).toHaveLength(0);
    planEmpty(dir);

    const declared = workdir('resource "xcp_network" "a" {\n  name_label = "x"\n}\nremoved {\n  from = xcp_network.a\n}\n');
    const r = xcpform(['plan'], { cwd: declared });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Error: Removed resource still exists\n  on main.tf line 7');
  });
});

describe('lifecycle and statement typos', () => {
  test('validate and plan name the file, line and bad name, as terraform validate does', () => {
    const dir = workdir('resource "xcp_network" "a" {\n  name_label = "lan"\n  lifecycle {\n    create_befor_destroy = true\n  }\n}\nmoved {\n  from = xcp_network.z\n  to   = xcp_network.a\n  note = "x"\n}\n');
    for (const cmd of ['validate', 'plan']) {
      const r = xcpform([cmd], { cwd: dir });
      expect(r.code).toBe(1);
      const out = r.stdout + r.stderr;
      expect(out).toContain('Error: Unsupported argument\n  on main.tf line 7\n\n  An argument named "create_befor_destroy" is not expected here. Did you mean "create_before_destroy"?');
      expect(out).toContain('Error: Unsupported argument\n  on main.tf line 13\n\n  An argument named "note" is not expected here.');
    }
  });
});
