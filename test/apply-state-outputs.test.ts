/**
 * Apply starts from the plan's refreshed prior state (issue 16, finding 1): values refreshed
 * for resources the apply does not touch land in the state, outputs are evaluated from that
 * state, and apply prints the outputs as Terraform does. Through the built CLI, against the
 * embedded simulator in a temporary folder. The guest agent of a running VM reports its IP a
 * moment after boot; the world is served from its state file here long enough for that.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../src/simulator';
import { xcpform } from './helpers/cli';

const config = (lan: string): string => `
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
resource "xcp_network" "lan" {
  name_label = "${lan}"
}
resource "xcp_vm" "web" {
  name_label = "web"
  template   = "Debian Bookworm 12"
  nic { network = xcp_network.lan.uuid }
}
output "web_ip" {
  value = xcp_vm.web.ip_address
}
output "lan_bridge" {
  value = xcp_network.lan.bridge
}
output "secret_bridge" {
  value     = xcp_network.lan.bridge
  sensitive = true
}
`;

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-apply-state-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), config('lan'));
  return dir;
}

/** Lets the running guests of the folder's embedded world report their IP addresses. */
async function bootGuests(dir: string): Promise<void> {
  const sim = await startSimulator({ stateFile: join(dir, '.xcpform', 'simulator.json'), guestBootMs: 10 });
  await new Promise((r) => setTimeout(r, 200));
  await sim.close();
}

const stateOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as {
  outputs: Record<string, { value: unknown }>;
  resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[];
};

function applied(): string {
  const dir = workdir();
  const first = xcpform(['apply', '-auto-approve'], { cwd: dir });
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  // The guest has not reported an address yet: no web_ip (null) is listed.
  expect(first.stdout).toMatch(/Apply complete! Resources: 2 added, 0 changed, 0 migrated, 0 destroyed\.\n\nOutputs:\n\nlan_bridge = "xapi\d+"\nsecret_bridge = <sensitive>\n$/);
  return dir;
}

describe('apply records the refreshed prior state and prints the outputs', () => {
  test('an apply that does not touch the VM keeps its refreshed IP: the output is set and the next plan is empty', async () => {
    const dir = applied();
    await bootGuests(dir);
    const seen = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
    expect(seen.stdout).toMatch(/~ web_ip\s+= .*"10\.\d+\.\d+\.\d+"/);
    expect(seen.code).toBe(2);

    writeFileSync(join(dir, 'main.tf'), config('lan2'));
    const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete! Resources: 0 added, 1 changed, 0 migrated, 0 destroyed.');
    const state = stateOf(dir);
    const ip = state.outputs.web_ip.value as string;
    expect(ip).toMatch(/^10\.\d+\.\d+\.\d+$/);
    const vm = state.resources.find((r) => r.type === 'xcp_vm')!.instances[0].attributes;
    expect(vm.ip_address).toBe(ip);
    expect(apply.stdout).toMatch(new RegExp(`\\n\\nOutputs:\\n\\nlan_bridge = "xapi\\d+"\\nsecret_bridge = <sensitive>\\nweb_ip = "${ip.replace(/\./g, '\\.')}"\\n$`));

    const again = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  }, 120_000);

  test('a plan that changes only outputs applies: the refreshed value is saved and printed', async () => {
    const dir = applied();
    await bootGuests(dir);
    const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 migrated, 0 destroyed.');
    expect(apply.stdout).toMatch(/\nweb_ip = "10\.\d+\.\d+\.\d+"\n$/);
    expect(stateOf(dir).outputs.web_ip.value).toMatch(/^10\./);
    expect(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }).code).toBe(0);
    // Nothing to do at all: apply still says so and lists the outputs, as Terraform does.
    const idle = xcpform(['apply', '-auto-approve'], { cwd: dir });
    expect(idle.code).toBe(0);
    expect(idle.stdout).toContain('No changes.');
    expect(idle.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 migrated, 0 destroyed.');
    expect(idle.stdout).toMatch(/\nweb_ip = "10\.\d+\.\d+\.\d+"\n$/);
  }, 120_000);

  test('a saved plan carries the refreshed prior: applying it saves the refreshed IP', async () => {
    const dir = applied();
    await bootGuests(dir);
    writeFileSync(join(dir, 'main.tf'), config('lan3'));
    expect(xcpform(['plan', '-out', 'p.xcp'], { cwd: dir }).code).toBe(0);
    const apply = xcpform(['apply', 'p.xcp'], { cwd: dir });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(stateOf(dir).outputs.web_ip.value).toMatch(/^10\./);
    expect(apply.stdout).toMatch(/\nweb_ip = "10\.\d+\.\d+\.\d+"\n$/);
    expect(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }).code).toBe(0);
  }, 120_000);

  test('a saved plan whose refreshed prior was tampered with is refused', async () => {
    const dir = applied();
    writeFileSync(join(dir, 'main.tf'), config('lan4'));
    expect(xcpform(['plan', '-out', 'p.xcp'], { cwd: dir }).code).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'p.xcp'), 'utf8'));
    const noop = file.plan.changes.find((c: { action: string }) => c.action === 'no-op');
    noop.before = 'not an object';
    writeFileSync(join(dir, 'p.xcp'), JSON.stringify(file));
    const apply = xcpform(['apply', 'p.xcp'], { cwd: dir });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('the plan is incomplete or damaged');
    expect(stateOf(dir).resources.find((r) => r.type === 'xcp_network')!.instances[0].attributes.name_label).toBe('lan');
  }, 120_000);
});

test('an output over a block with no instances (count = 0) is known after apply: the next plan is empty', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-apply-state-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), `
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
resource "xcp_network" "extra" {
  count      = 0
  name_label = "extra-\${count.index}"
}
resource "xcp_network" "lan" {
  name_label = "lan"
}
output "n_extra" {
  value = length(xcp_network.extra)
}
`);
  const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
  expect(apply.stderr).toBe('');
  expect(apply.stdout).toMatch(/\nOutputs:\n\nn_extra = 0\n$/);
  expect(stateOf(dir).outputs.n_extra.value).toBe(0);
  const again = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
  expect(again.stdout).toContain('No changes.');
  expect(again.code).toBe(0);
}, 60_000);

test('examples/basic: after renaming the network, web_ip holds the guest address and no later plan changes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-apply-state-basic-'));
  dirs.push(dir);
  const original = readFileSync(join(__dirname, '..', 'examples', 'basic', 'main.tf'), 'utf8');
  writeFileSync(join(dir, 'main.tf'), original);
  expect(xcpform(['apply', '-auto-approve'], { cwd: dir }).code).toBe(0);
  await bootGuests(dir);
  const renamed = original.replace('name_label = "lan"', 'name_label = "lan-renamed"');
  expect(renamed).not.toBe(original);
  writeFileSync(join(dir, 'main.tf'), renamed);
  const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
  expect(apply.stderr).toBe('');
  expect(apply.code).toBe(0);
  const ip = stateOf(dir).outputs.web_ip.value;
  expect(ip).toMatch(/^10\.\d+\.\d+\.\d+$/);
  expect(apply.stdout).toContain(`\nOutputs:\n\nweb_ip = "${ip as string}"\n`);
  for (let i = 0; i < 2; i++) {
    const plan = xcpform(['plan'], { cwd: dir });
    expect(plan.code).toBe(0);
    expect(plan.stdout).not.toContain('web_ip');
  }
}, 180_000);
