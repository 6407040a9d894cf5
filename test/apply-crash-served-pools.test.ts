/**
 * No duplicates and no leaks after `kill -9` against served pools (issue 17): two pools served
 * by the simulator in its own process with 5 ms of latency per call; running VMs placed by the
 * planner (fill-first over both pools, so a half-created VM that holds memory in one pool can
 * send the next plan to the other), networks and disks in both. The apply is killed at seeded
 * moments of its progress; a second apply recovers; then, counted through XenAPI in both pools
 * (not through the state), every configured object exists exactly once, the next plan is empty,
 * and destroy leaves the pools as they were.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../src/simulator/faults';
import { XapiClient, type XapiClass } from '../src/xenapi';
import { cli, inventory, providerBlock, readState, runCli, SIM_PASSWORD, SIM_USER, startSimProcess, type SimProcess } from './helpers/crash-processes';

const GIB = 2 ** 30;
const POOLS = ['cloud1', 'dc1'];
const VMS = 6;
const PER_POOL = 2;
/** Networks and disks per pool, and the VMs: the addresses the pools must hold once each. */
const TOTAL = POOLS.length * PER_POOL * 2 + VMS;

function config(sim: SimProcess): string {
  const perPool = POOLS.map((pool) => `
resource "xcp_network" "${pool}" {
  count      = ${PER_POOL}
  pool       = "${pool}"
  name_label = "cr-${pool}-n\${count.index}"
}
resource "xcp_vdi" "${pool}" {
  count      = ${PER_POOL}
  pool       = "${pool}"
  name_label = "cr-${pool}-d\${count.index}"
  sr         = "NFS shared storage"
  size       = ${GIB}
}
`).join('');
  return `${providerBlock(sim.urls).replace('provider "xcp" {\n', 'provider "xcp" {\n  default_pool = "dc1"\n')}${perPool}
resource "xcp_vm" "v" {
  count       = ${VMS}
  name_label  = "cr-v\${count.index}"
  template    = "Debian Bookworm 12"
  memory      = ${24 * GIB}
  power_state = "running"
  disk { size = ${10 * GIB} }
  placement {
    pools    = ["dc1", "cloud1"]
    strategy = "fill-first"
  }
}
`;
}

const CLASSES: XapiClass[] = ['VM', 'VDI', 'network', 'VBD', 'VIF'];

/** Objects of each class in each pool (guests only for VMs), counted through XenAPI. */
async function census(sim: SimProcess): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const pool of POOLS) {
    const client = new XapiClient({ url: sim.urls.get(pool)!, credentials: { username: SIM_USER, password: SIM_PASSWORD } });
    await client.login();
    try {
      for (const cls of CLASSES) {
        const recs = [...(await client.getAllRecords(cls)).values()] as { is_a_template?: boolean; is_control_domain?: boolean }[];
        out[`${pool}.${cls}`] = recs.filter((r) => !r.is_a_template && !r.is_control_domain).length;
      }
    } finally {
      await client.close();
    }
  }
  return out;
}

/** Disks made by a VM create whose VM no longer exists (a leak the address inventory cannot see). */
async function orphanDisks(sim: SimProcess): Promise<string[]> {
  const out: string[] = [];
  for (const pool of POOLS) {
    const client = new XapiClient({ url: sim.urls.get(pool)!, credentials: { username: SIM_USER, password: SIM_PASSWORD } });
    await client.login();
    try {
      const vms = new Set([...(await client.getAllRecords('VM')).values()].map((vm) => vm.uuid));
      for (const vdi of (await client.getAllRecords('VDI')).values()) {
        const owner = vdi.other_config['xcpform:vm'];
        if (owner !== undefined && !vms.has(owner)) out.push(`${pool} ${vdi.name_label} ${vdi.uuid}`);
      }
    } finally {
      await client.close();
    }
  }
  return out;
}

const PROGRESS = /: (Creating\.\.\.|Creation complete)/;

describe('kill -9 of an apply against two served pools with latency', () => {
  test.each([5, 17, 29])('seed %i: after recovery each object exists once in the pools, the plan is empty, destroy restores the pools', async (seed) => {
    const random = seededRandom(seed);
    const killAt = 1 + Math.floor(random() * (2 * TOTAL - 4));
    const sim = await startSimProcess({ pools: POOLS.map((p) => `${p}:2`).join(','), latencyMs: 5 });
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-crash-served-'));
    try {
      const before = await census(sim);
      writeFileSync(join(dir, 'main.tf'), config(sim));
      const run = runCli(['apply', '-auto-approve'], { cwd: dir });
      await run.waitFor(PROGRESS, killAt);
      run.child.kill('SIGKILL');
      expect((await run.done).signal).toBe('SIGKILL');

      const reapply = await cli(['apply', '-auto-approve'], { cwd: dir });
      expect(reapply.stderr).toBe('');
      expect(reapply.code).toBe(0);
      const plan = await cli(['plan', '-detailed-exitcode'], { cwd: dir });
      expect(plan.stdout).toContain('No changes.');
      expect(plan.code).toBe(0);

      // Through XenAPI in both pools: each address once, every one the state's, nothing untagged.
      const byAddress = new Map<string, string[]>();
      for (const pool of POOLS) {
        // A VM's own disks ("cr-v1 0") carry their VM's UUID instead of an address: see orphanDisks.
        const inv = await inventory(sim.urls.get(pool)!, /^(cr-[a-z0-9]+-[nd]\d+|cr-v\d+|xcpform:creating .*)$/);
        expect(inv.untagged).toEqual([]);
        for (const [address, objs] of inv.byAddress) byAddress.set(address, [...(byAddress.get(address) ?? []), ...objs.map((o) => `${pool}/${o.uuid}`)]);
      }
      expect([...byAddress].filter(([, objs]) => objs.length !== 1).map(([a, objs]) => `${a} ×${objs.length}`)).toEqual([]);
      expect(byAddress.size).toBe(TOTAL);
      expect(await orphanDisks(sim)).toEqual([]);
      const state = readState(dir);
      expect([...byAddress].filter(([a, [obj]]) => !obj.endsWith(`/${state.uuids.get(a)}`)).map(([a]) => a)).toEqual([]);

      const destroy = await cli(['destroy', '-auto-approve'], { cwd: dir });
      expect(destroy.code).toBe(0);
      expect(await census(sim)).toEqual(before);
    } finally {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
