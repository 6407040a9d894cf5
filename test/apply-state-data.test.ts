/**
 * Data sources through plan and apply (issue 16, finding 3): results read while planning are
 * part of the plan and of the configuration apply evaluates again; reads deferred to apply
 * (`<=`) happen during apply and their dependents see the results; data resources are recorded
 * in the state (mode "data"), listed by `state list`, never reported as drift, and not counted
 * as destroyed. Every data source type, with count and for_each, through the built CLI against
 * the embedded simulator in a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';

const CONFIG = `
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
data "xcp_pool" "dc1" {}
data "xcp_host" "h" {
  count      = 2
  name_label = "dc1-host\${count.index + 1}"
}
data "xcp_sr" "local" {
  for_each = toset(["dc1-host1", "dc1-host2"])
  type     = "ext"
  host     = each.key
}
data "xcp_sr" "nfs" {
  name_label = "NFS shared storage"
}
data "xcp_template" "debian" {
  name_label = "Debian Bookworm 12"
}
data "xcp_network" "eth0" {
  name_label = "Pool-wide network associated with eth0"
}
resource "xcp_network" "lan" {
  name_label = "lan-on-\${data.xcp_pool.dc1.name_label}"
}
# Read during apply: its configuration is known only once the network exists.
data "xcp_network" "lan" {
  uuid = xcp_network.lan.uuid
}
resource "xcp_vdi" "scratch" {
  for_each   = data.xcp_sr.local
  name_label = "scratch-\${each.key}"
  sr         = each.value.uuid
  size       = 1073741824
}
resource "xcp_vm" "web" {
  name_label  = "web"
  template    = data.xcp_template.debian.name_label
  vcpus       = data.xcp_template.debian.vcpus
  power_state = "halted"
  disk {
    size = 10737418240
    sr   = data.xcp_sr.nfs.uuid
  }
  nic { network = data.xcp_network.eth0.uuid }
  nic { network = data.xcp_network.lan.uuid }
}
# Read during apply, after the VM it describes is created.
data "xcp_vm" "web" {
  uuid = xcp_vm.web.uuid
}
output "hosts" {
  value = data.xcp_host.h[*].hostname
}
output "coordinator" {
  value = data.xcp_pool.dc1.master == data.xcp_host.h[0].uuid
}
output "lan_bridge" {
  value = data.xcp_network.lan.bridge
}
output "web_power" {
  value = data.xcp_vm.web.power_state
}
`;

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function workdir(config = CONFIG): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-apply-data-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), config);
  return dir;
}

interface StateFile {
  serial: number;
  outputs: Record<string, { value: unknown }>;
  resources: { mode: string; type: string; name: string; instances: { index_key?: unknown; attributes: Record<string, unknown>; dependencies?: string[] }[] }[];
}
const stateOf = (dir: string): StateFile => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as StateFile;

const DATA_ADDRESSES = [
  'data.xcp_host.h[0]', 'data.xcp_host.h[1]', 'data.xcp_network.eth0', 'data.xcp_network.lan', 'data.xcp_pool.dc1',
  'data.xcp_sr.local["dc1-host1"]', 'data.xcp_sr.local["dc1-host2"]', 'data.xcp_sr.nfs', 'data.xcp_template.debian', 'data.xcp_vm.web',
];

describe('data sources in plan, apply and state', () => {
  test('every data source type, count and for_each, reads deferred to apply: apply works, the state records them, the next plan is empty', () => {
    const dir = workdir();
    const plan = xcpform(['plan'], { cwd: dir });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('# data.xcp_network.lan will be read during apply');
    expect(plan.stdout).toContain('# data.xcp_vm.web will be read during apply');
    expect(plan.stdout).not.toContain('# data.xcp_template.debian will be read during apply');

    const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete! Resources: 4 added, 0 changed, 0 migrated, 0 destroyed.');
    expect(apply.stdout).toMatch(/data\.xcp_network\.lan: Read complete/);
    expect(apply.stdout).toMatch(/\nOutputs:\n\ncoordinator = true\nhosts = \[\n  "dc1-host1",\n  "dc1-host2",\n\]\nlan_bridge = "xapi\d+"\nweb_power = "halted"\n$/);

    const state = stateOf(dir);
    const data = state.resources.filter((r) => r.mode === 'data');
    expect(data.map((r) => `${r.type}.${r.name}`).sort()).toEqual(['xcp_host.h', 'xcp_network.eth0', 'xcp_network.lan', 'xcp_pool.dc1', 'xcp_sr.local', 'xcp_sr.nfs', 'xcp_template.debian', 'xcp_vm.web']);
    expect(data.find((r) => r.name === 'local')!.instances.map((i) => i.index_key)).toEqual(['dc1-host1', 'dc1-host2']);
    const vm = state.resources.find((r) => r.mode === 'managed' && r.type === 'xcp_vm')!.instances[0].attributes;
    const lan = state.resources.find((r) => r.mode === 'managed' && r.type === 'xcp_network')!.instances[0].attributes;
    expect(data.find((r) => r.type === 'xcp_network' && r.name === 'lan')!.instances[0].attributes.uuid).toBe(lan.uuid);
    expect(data.find((r) => r.type === 'xcp_vm')!.instances[0].attributes.uuid).toBe(vm.uuid);
    expect(lan.name_label).toMatch(/^lan-on-dc1/);
    for (const r of data) for (const i of r.instances) expect(i.dependencies ?? []).toEqual([]);
    const scratch = state.resources.find((r) => r.type === 'xcp_vdi')!.instances;
    expect(scratch.map((i) => [i.index_key, i.attributes.sr])).toEqual(['dc1-host1', 'dc1-host2'].map((h) => [h, data.find((r) => r.name === 'local')!.instances.find((i) => i.index_key === h)!.attributes.uuid]));

    const list = xcpform(['state', 'list'], { cwd: dir });
    expect(list.stdout.trim().split('\n').filter((a) => a.startsWith('data.')).sort()).toEqual([...DATA_ADDRESSES].sort());

    const again = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('No changes.');
    expect(again.stdout).not.toContain('changed outside');
    expect(again.code).toBe(0);

    // Destroy removes the managed objects; data resources are not destroyed objects, and the state ends empty.
    const destroy = xcpform(['destroy', '-auto-approve'], { cwd: dir });
    expect(destroy.stderr).toBe('');
    expect(destroy.stdout).toContain('Destroy complete! Resources: 4 destroyed.');
    expect(destroy.stdout).not.toMatch(/data\.\S+: Destroying/);
    expect(stateOf(dir).resources).toEqual([]);
  }, 180_000);

  test('a saved plan carries the data read while planning; a data source dropped from the configuration leaves the state', () => {
    const dir = workdir();
    expect(xcpform(['plan', '-out', 'p.xcp'], { cwd: dir }).code).toBe(0);
    const applied = xcpform(['apply', 'p.xcp'], { cwd: dir });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(stateOf(dir).resources.some((r) => r.mode === 'data' && r.type === 'xcp_template')).toBe(true);

    const smaller = CONFIG.replace(/output "hosts" \{[^}]*\}/, '').replace(/output "coordinator" \{[^}]*\}/, '').replace(/data "xcp_host" "h" \{[^]*?\n\}/, '');
    expect(smaller).not.toContain('xcp_host');
    writeFileSync(join(dir, 'main.tf'), smaller);
    const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect(apply.code).toBe(0);
    expect(stateOf(dir).resources.some((r) => r.type === 'xcp_host')).toBe(false);
    expect(Object.keys(stateOf(dir).outputs).sort()).toEqual(['lan_bridge', 'web_power']);
    expect(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }).code).toBe(0);
  }, 180_000);

  test('a saved plan whose data reads were tampered with is refused', () => {
    const dir = workdir();
    expect(xcpform(['plan', '-out', 'p.xcp'], { cwd: dir }).code).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'p.xcp'), 'utf8'));
    expect(file.plan.dataReads.length).toBeGreaterThan(0);
    file.plan.dataReads[0].address = 'xcp_vm.web';
    writeFileSync(join(dir, 'p.xcp'), JSON.stringify(file));
    const apply = xcpform(['apply', 'p.xcp'], { cwd: dir });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('the plan is incomplete or damaged');
  }, 60_000);
});

describe('a data source that refers to a resource with changes pending', () => {
  const config = (label: string): string => `
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
resource "xcp_network" "lan" {
  name_label = "${label}"
}
# Its configuration is known while planning, but the network it names does not exist yet (or is
# about to change): Terraform reads it during apply, after the network's change.
data "xcp_network" "lan" {
  name_label = xcp_network.lan.name_label
}
output "lan_uuid_matches" {
  value = data.xcp_network.lan.uuid == xcp_network.lan.uuid
}
`;

  test('is read during apply, after the change, and reads the world the apply leaves', () => {
    const dir = workdir(config('lan-a'));
    const plan = xcpform(['plan'], { cwd: dir });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('# data.xcp_network.lan will be read during apply\n  # (depends on a resource or a module with changes pending)');
    const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/\nOutputs:\n\nlan_uuid_matches = true\n$/);
    expect(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }).code).toBe(0);

    // Renaming the network: the read waits for the rename and finds the network by its new name.
    writeFileSync(join(dir, 'main.tf'), config('lan-b'));
    const rename = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect(rename.stderr).toBe('');
    expect(rename.code).toBe(0);
    expect(rename.stdout).toContain('data.xcp_network.lan: Read complete');
    const data = stateOf(dir).resources.find((r) => r.mode === 'data')!.instances[0].attributes;
    expect(data.name_label).toBe('lan-b');
    expect(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }).code).toBe(0);
  }, 120_000);
});
