/**
 * The embedded simulator's saved world and the state stay consistent after `kill -9` (issue 17):
 * the world is saved before the state records a change, so the state is never newer than the
 * world it describes. Before, the world was saved 200 ms after a change: an apply killed right
 * after it recorded a VM left a state naming a VM the saved world did not have, and the next plan
 * showed drift (the VM "deleted outside", to be created again).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, readState, runCli } from './helpers/crash-processes';

const CONFIG = `provider "xcp" {
  pools = {
    dc1 = { url = "embedded" }
  }
}
resource "xcp_network" "n" {
  count      = 3
  name_label = "embedded-\${count.index}"
}
resource "xcp_vm" "v" {
  name_label  = "embedded-vm"
  template    = "Debian Bookworm 12"
  power_state = "running"
  memory      = 2147483648
  nic { network = xcp_network.n[2].uuid }
}
`;

/** The VMs and networks the saved world holds, by name (the file the next run loads). */
function savedWorld(dir: string): { vms: Map<string, string>; networks: Set<string> } {
  const json = JSON.parse(readFileSync(join(dir, '.xcpform', 'simulator.json'), 'utf8')) as { pools: { name: string; db: Record<string, unknown> }[] };
  const text = JSON.stringify(json.pools.find((p) => p.name === 'dc1')!.db);
  const vms = new Map<string, string>();
  const networks = new Set<string>();
  // The database layout is the simulator's own: look for records by their fields.
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (!v || typeof v !== 'object') return;
    const r = v as Record<string, unknown>;
    if (typeof r.uuid === 'string' && typeof r.power_state === 'string' && typeof r.name_label === 'string') vms.set(r.uuid, r.power_state);
    if (typeof r.uuid === 'string' && typeof r.bridge === 'string') networks.add(r.uuid);
    Object.values(r).forEach(visit);
  };
  visit(JSON.parse(text));
  return { vms, networks };
}

describe('embedded world saved before the state records a change', () => {
  test.each([1, 4])('kill -9 right after change %i completed: the saved world holds what the state records', async (k) => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-embedded-crash-'));
    try {
      writeFileSync(join(dir, 'main.tf'), CONFIG);
      const run = runCli(['apply', '-auto-approve'], { cwd: dir });
      await run.waitFor(/: (Creation complete)/, k);
      run.child.kill('SIGKILL');
      expect((await run.done).signal).toBe('SIGKILL');

      const state = readState(dir);
      const world = savedWorld(dir);
      const missing = [...state.uuids].filter(([address, uuid]) => (address.startsWith('xcp_vm.') ? !world.vms.has(uuid) : !world.networks.has(uuid)));
      expect(missing).toEqual([]);
      for (const [address, uuid] of state.uuids) if (address.startsWith('xcp_vm.')) expect(world.vms.get(uuid)).toBe('Running');

      // The next run finishes the apply; then there is nothing left to do.
      const again = await cli(['apply', '-auto-approve'], { cwd: dir });
      expect(again.code).toBe(0);
      const plan = await cli(['plan', '-detailed-exitcode'], { cwd: dir });
      expect(plan.stdout).toContain('No changes.');
      expect(plan.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
