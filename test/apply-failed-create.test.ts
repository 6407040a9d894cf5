/**
 * A create that fails after its object exists leaves nothing behind (issue 17). A saved plan
 * starts a VM; before it is applied the hosts lose their free memory, so `VM.start` fails with
 * HOST_NOT_ENOUGH_FREE_MEMORY after the VM was cloned and its disk made. Before, the halted VM
 * and its disk stayed in the pool outside the state, and every retry made another set. Counted
 * through XenAPI, not through the state.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../src/simulator';
import { XapiClient } from '../src/xenapi';
import { cli, providerBlock, readState, SIM_PASSWORD, SIM_USER } from './helpers/crash-processes';

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

  test('failed start (HOST_NOT_ENOUGH_FREE_MEMORY): the VM and its disk are removed, a retry makes exactly one', async () => {
    writeFileSync(join(dir, 'main.tf'), config(sim));
    const before = await census(sim);
    expect((await cli(['plan', '--out', 'p.plan'], { cwd: dir })).code).toBe(0);
    // Out of band: the hosts' memory is gone by the time the plan is applied.
    const db = sim.world.pool('dc1').db;
    const totals = new Map<string, unknown>();
    for (const [ref, m] of db.all('host_metrics')) { totals.set(ref, m.memory_total); db.set('host_metrics', ref, 'memory_total', GIB); }

    const failed = await cli(['apply', 'p.plan'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(`${failed.stdout}${failed.stderr}`).toContain('HOST_NOT_ENOUGH_FREE_MEMORY');
    expect(await census(sim)).toEqual(before);

    for (const [ref, total] of totals) db.set('host_metrics', ref, 'memory_total', total as number);
    const ok = await cli(['apply', '-auto-approve'], { cwd: dir });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(await census(sim)).toEqual({ vms: before.vms + 1, vdis: before.vdis + 1 });
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
