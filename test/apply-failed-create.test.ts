/**
 * A create that fails after its object exists leaves nothing outside the state (issue 17). A
 * saved plan starts a VM; before it is applied the hosts lose their free memory, so `VM.start`
 * fails with HOST_NOT_ENOUGH_FREE_MEMORY after the VM was cloned and its disk made. Before, the
 * halted VM and its disk stayed in the pool outside the state, and every retry made another
 * set. Now the state records the VM as tainted, as Terraform does: the next plan replaces it,
 * and once memory is free the pool holds exactly one VM. The same through real terraform and
 * terraform-provider-xcp. Counted through XenAPI, not through the state.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../src/simulator';
import { XapiClient } from '../src/xenapi';
import { cli, providerBlock, readState, SIM_PASSWORD, SIM_USER } from './helpers/crash-processes';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

const GIB = 2 ** 30;

function config(sim: RunningSimulator): string {
  return `${providerBlock(new Map(sim.pools.map((p) => [p.name, p.url])))}
resource "xcp_vm" "big" {
  name_label  = "failed-start"
  template    = "Debian Bookworm 12"
  memory      = ${4 * GIB}
  power_state = "running"
  disk { size = ${10 * GIB} }
}
`;
}

/** VMs (not templates or snapshots) and VDIs of the pool whose name or address is the test's. */
async function census(sim: RunningSimulator): Promise<{ vms: number; vdis: number }> {
  const client = new XapiClient({ url: sim.pools[0].url, credentials: { username: SIM_USER, password: SIM_PASSWORD } });
  await client.login();
  try {
    const vms = [...(await client.getAllRecords('VM')).values()].filter((vm) => !vm.is_a_template && !vm.is_control_domain
      && (vm.name_label.includes('failed-start') || vm.other_config['xcpform:address'] === 'xcp_vm.big'));
    // Disks made by an xcpform VM create carry the VM's UUID.
    const vdis = [...(await client.getAllRecords('VDI')).values()].filter((vdi) => vdi.other_config['xcpform:vm'] !== undefined);
    return { vms: vms.length, vdis: vdis.length };
  } finally {
    await client.close();
  }
}

describe('a create that fails after the VM exists', () => {
  let sim: RunningSimulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 2 }], username: SIM_USER, password: SIM_PASSWORD, guestBootMs: 20 });
    dir = mkdtempSync(join(tmpdir(), 'xcpform-failed-create-'));
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('failed start (HOST_NOT_ENOUGH_FREE_MEMORY): the VM is recorded tainted, the plan replaces it, the retry leaves exactly one', async () => {
    writeFileSync(join(dir, 'main.tf'), config(sim));
    const before = await census(sim);
    expect((await cli(['plan', '--out', 'p.plan'], { cwd: dir })).code).toBe(0);
    // Out of band: the hosts' memory is gone by the time the plan is applied.
    const db = sim.world.pool('dc1').db;
    const totals = new Map<string, unknown>();
    for (const [ref, m] of db.all('host_metrics')) { totals.set(ref, m.memory_total); db.set('host_metrics', ref, 'memory_total', GIB); }

    // Without the rehearsal, which would stop this apply before its first call: the subject
    // here is what the real apply leaves when XAPI refuses the start.
    const failed = await cli(['apply', '-rehearse=false', 'p.plan'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(`${failed.stdout}${failed.stderr}`).toContain('HOST_NOT_ENOUGH_FREE_MEMORY');
    expect(`${failed.stdout}${failed.stderr}`).toContain('recorded as tainted');
    // The halted VM and its disk stay, and the state knows them (tainted).
    expect(await census(sim)).toEqual({ vms: before.vms + 1, vdis: before.vdis + 1 });
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const big = state.resources.find((r: { name: string }) => r.name === 'big');
    expect(big.instances.map((i: { status?: string }) => i.status)).toEqual(['tainted']);

    for (const [ref, total] of totals) db.set('host_metrics', ref, 'memory_total', total as number);
    const plan = await cli(['plan', '-no-color'], { cwd: dir });
    expect(plan.stdout).toContain('xcp_vm.big is tainted, so must be replaced');
    expect(plan.stdout).toContain('-/+ resource "xcp_vm" "big"');
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
    const ok = await cli(['apply', '-auto-approve'], { cwd: dir });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(await census(sim)).toEqual({ vms: before.vms + 1, vdis: before.vdis + 1 });
    // Converged: the replacement is what the configuration says (memory bounds included).
    expect((await cli(['plan', '-detailed-exitcode'], { cwd: dir })).code).toBe(0);
  }, 120_000);

  test('destroy also removes a VM of the same address and lineage that the state lost', async () => {
    // A copy of the VM the state records, tagged like it: what an older duplicate looks like.
    const { lineage } = readState(dir);
    const client = new XapiClient({ url: sim.pools[0].url, credentials: { username: SIM_USER, password: SIM_PASSWORD } });
    await client.login();
    const [tpl] = [...(await client.getAllRecords('VM'))].find(([, vm]) => vm.is_a_template && vm.name_label === 'Debian Bookworm 12')!;
    const stray = await client.call<string>('VM.clone', tpl, 'failed-start stray');
    await client.call('VM.set_is_a_template', stray, false);
    await client.call('VM.add_to_other_config', stray, 'xcpform:address', 'xcp_vm.big');
    await client.call('VM.add_to_other_config', stray, 'xcpform:lineage', lineage);
    await client.close();
    expect((await census(sim)).vms).toBe(2);

    const destroy = await cli(['destroy', '-auto-approve'], { cwd: dir });
    expect(destroy.code).toBe(0);
    expect(await census(sim)).toEqual({ vms: 0, vdis: 0 });
  }, 120_000);
});

describe('the same through real terraform and terraform-provider-xcp', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    terraformVersion();
    sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 2 }], username: SIM_USER, password: SIM_PASSWORD, guestBootMs: 20 });
  });
  afterAll(async () => sim?.close());

  test('failed start: terraform records the VM tainted, plans its replacement, and the retry leaves exactly one', async () => {
    const ws = new TerraformWorkspace();
    ws.write(`terraform {
  required_providers {
    xcp = { source = "registry.terraform.io/xcpform/xcp" }
  }
}
${config(sim)}`);
    const before = await census(sim);
    await ws.expectAsync(['plan', '-out=p.plan', '-no-color']);
    const db = sim.world.pool('dc1').db;
    const totals = new Map<string, unknown>();
    for (const [ref, m] of db.all('host_metrics')) { totals.set(ref, m.memory_total); db.set('host_metrics', ref, 'memory_total', GIB); }

    const failed = await ws.runAsync(['apply', '-no-color', 'p.plan']);
    expect(failed.code).toBe(1);
    expect(`${failed.stdout}${failed.stderr}`).toContain('HOST_NOT_ENOUGH_FREE_MEMORY');
    expect(await census(sim)).toEqual({ vms: before.vms + 1, vdis: before.vdis + 1 });
    const big = ws.state().resources.find((r) => r.name === 'big')!;
    expect(big.instances.map((i) => (i as { status?: string }).status)).toEqual(['tainted']);

    for (const [ref, total] of totals) db.set('host_metrics', ref, 'memory_total', total as number);
    const plan = await ws.expectAsync(['plan', '-no-color']);
    expect(plan.stdout).toContain('xcp_vm.big is tainted, so must be replaced');
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
    await ws.expectAsync(['apply', '-auto-approve', '-no-color']);
    expect(await census(sim)).toEqual({ vms: before.vms + 1, vdis: before.vdis + 1 });
    await ws.expectAsync(['plan', '-detailed-exitcode', '-no-color'], 0);
    await ws.expectAsync(['destroy', '-auto-approve', '-no-color']);
    expect(await census(sim)).toEqual(before);
  }, 240_000);
});
