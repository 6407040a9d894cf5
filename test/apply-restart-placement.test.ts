/**
 * Placement and recovery across pools (issue 17):
 * - a halted VM is started by the same plan that places a new VM with `placement`: the started
 *   VM's memory is counted before the new VM is placed (it was not: the plan refused the start
 *   with plan.no-capacity, the new VM having taken its host's memory);
 * - a VM left running by an interrupted create in one of the VM's placement pools (its memory is
 *   why the plan placed the VM in the other pool) is adopted there, not made again elsewhere;
 *   the next plan is empty (it proposed moving the new VM back once the leftover was gone).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../src/simulator';
import { XapiClient } from '../src/xenapi';
import { cli, providerBlock, readState, SIM_PASSWORD, SIM_USER } from './helpers/crash-processes';

const GIB = 2 ** 30;

function config(sim: RunningSimulator, power: 'halted' | 'running', withNew: boolean): string {
  const provider = providerBlock(new Map(sim.pools.map((p) => [p.name, p.url]))).replace('provider "xcp" {\n', 'provider "xcp" {\n  default_pool = "dc1"\n');
  return `${provider}
resource "xcp_vm" "old" {
  pool        = "dc1"
  name_label  = "old"
  template    = "Debian Bookworm 12"
  memory      = ${40 * GIB}
  power_state = "${power}"
}
${withNew ? `resource "xcp_vm" "new" {
  name_label  = "new"
  template    = "Debian Bookworm 12"
  memory      = ${40 * GIB}
  power_state = "running"
  placement {
    pools    = ["dc1", "cloud1"]
    strategy = "fill-first"
  }
}` : ''}
`;
}

describe('placement across pools', () => {
  let sim: RunningSimulator;
  let dir: string;
  beforeAll(async () => {
    // One host of 64 GiB per pool: room for one 40 GiB VM each.
    sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 1 }, { name: 'cloud1', hosts: 1 }], username: SIM_USER, password: SIM_PASSWORD, guestBootMs: 20 });
    dir = mkdtempSync(join(tmpdir(), 'xcpform-restart-placement-'));
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the started VM keeps its pool\'s memory; the new VM goes to the other pool; the next plan is empty', async () => {
    writeFileSync(join(dir, 'main.tf'), config(sim, 'halted', false));
    expect((await cli(['apply', '-auto-approve'], { cwd: dir })).code).toBe(0);

    writeFileSync(join(dir, 'main.tf'), config(sim, 'running', true));
    const apply = await cli(['apply', '-auto-approve'], { cwd: dir });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    const state = JSON.parse(require('node:fs').readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { name: string; instances: { attributes: { pool: string; power_state: string } }[] }[] };
    const attrs = Object.fromEntries(state.resources.map((r) => [r.name, r.instances[0].attributes]));
    expect([attrs.old.pool, attrs.old.power_state]).toEqual(['dc1', 'running']);
    expect([attrs.new.pool, attrs.new.power_state]).toEqual(['cloud1', 'running']);
    expect(readState(dir).uuids.size).toBe(2);

    const plan = await cli(['plan', '-detailed-exitcode'], { cwd: dir });
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
  }, 120_000);

  test('a leftover of an interrupted create in another placement pool is adopted there; the next plan is empty', async () => {
    const d = mkdtempSync(join(tmpdir(), 'xcpform-leftover-'));
    try {
      // Free both pools, then record a lineage.
      writeFileSync(join(dir, 'main.tf'), config(sim, 'halted', false).replace(/resource "xcp_vm" "old"[\s\S]*$/, ''));
      expect((await cli(['apply', '-auto-approve'], { cwd: dir })).code).toBe(0);
      const provider = providerBlock(new Map(sim.pools.map((p) => [p.name, p.url]))).replace('provider "xcp" {\n', 'provider "xcp" {\n  default_pool = "dc1"\n');
      writeFileSync(join(d, 'main.tf'), `${provider}resource "xcp_network" "n" {\n  pool       = "dc1"\n  name_label = "leftover-net"\n}\n`);
      expect((await cli(['apply', '-auto-approve'], { cwd: d })).code).toBe(0);
      const lineage = readState(d).lineage;

      // What a create killed after the start leaves: a running VM tagged with the address and lineage, in dc1.
      const client = new XapiClient({ url: sim.pools.find((p) => p.name === 'dc1')!.url, credentials: { username: SIM_USER, password: SIM_PASSWORD } });
      await client.login();
      const [tpl] = [...(await client.getAllRecords('VM'))].find(([, vm]) => vm.is_a_template && vm.name_label === 'Debian Bookworm 12')!;
      const ref = await client.call<string>('VM.clone', tpl, 'left');
      await client.call('VM.set_is_a_template', ref, false);
      await client.call('VM.set_memory_limits', ref, 40 * GIB, 40 * GIB, 40 * GIB, 40 * GIB);
      await client.call('VM.add_to_other_config', ref, 'xcpform:address', 'xcp_vm.left');
      await client.call('VM.add_to_other_config', ref, 'xcpform:lineage', lineage);
      await client.call('VM.start', ref, false, false);
      await client.close();

      writeFileSync(join(d, 'main.tf'), `${provider}resource "xcp_network" "n" {\n  pool       = "dc1"\n  name_label = "leftover-net"\n}\nresource "xcp_vm" "left" {\n  name_label  = "left"\n  template    = "Debian Bookworm 12"\n  memory      = ${40 * GIB}\n  power_state = "running"\n  placement {\n    pools = ["dc1", "cloud1"]\n  }\n}\n`);
      const apply = await cli(['apply', '-auto-approve'], { cwd: d });
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      const state = JSON.parse(require('node:fs').readFileSync(join(d, 'terraform.tfstate'), 'utf8')) as { resources: { name: string; instances: { attributes: { pool: string; uuid: string } }[] }[] };
      const left = state.resources.find((r) => r.name === 'left')!.instances[0].attributes;
      expect(left.pool).toBe('dc1');

      const tagged: string[] = [];
      for (const p of sim.pools) {
        const c = new XapiClient({ url: p.url, credentials: { username: SIM_USER, password: SIM_PASSWORD } });
        await c.login();
        for (const vm of (await c.getAllRecords('VM')).values()) if (vm.other_config['xcpform:address'] === 'xcp_vm.left') tagged.push(`${p.name}/${vm.uuid}`);
        await c.close();
      }
      expect(tagged).toEqual([`dc1/${left.uuid}`]);

      const plan = await cli(['plan', '-detailed-exitcode'], { cwd: d });
      expect(plan.stdout).toContain('No changes.');
      expect(plan.code).toBe(0);
      expect((await cli(['destroy', '-auto-approve'], { cwd: d })).code).toBe(0);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  }, 120_000);
});
