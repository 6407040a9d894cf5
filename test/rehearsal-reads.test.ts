/**
 * The rehearsal's apply reads the copy as the real apply reads the pools: each step catches up
 * only what it needs fresh (as of the end of what it depends on, and of its own writes: the
 * live world's ChangeReads), not the whole pool at every look. Reading as of each step's start
 * made the rehearsal send the copy far more `event.from` calls than the real apply sends the
 * pool, which cost CPU in every layer and counted calls the real apply does not make.
 */
import { applyWorkspacePlan } from '../src/engine/apply';
import { planWorkspace } from '../src/engine/plan';
import { Workspace } from '../src/engine/workspace';
import { rehearsePlan } from '../src/rehearsal/rehearse';
import type { World } from '../src/simulator';
import { startRehearsalPool, type RehearsalPool } from './helpers/rehearsal-pool';

const VMS = 12;

const CONFIG = `
resource "xcp_network" "n" {
  name_label = "reads-net"
}
resource "xcp_vm" "v" {
  count       = ${VMS}
  name_label  = "reads-\${count.index}"
  template    = "Debian Bookworm 12"
  memory      = 1073741824
  power_state = "halted"
  disk { size = 10737418240 }
  nic { network = xcp_network.n.uuid }
}
`;

/** Counts the calls `world` gets by method until the returned function is called. */
function countCalls(world: World): { counts: Map<string, number>; stop: () => void } {
  const counts = new Map<string, number>();
  const stop = world.faults.observe((call) => { counts.set(call.method, (counts.get(call.method) ?? 0) + 1); });
  return { counts, stop };
}

async function openWorkspace(dir: string, operation: 'OperationTypePlan' | 'OperationTypeApply'): Promise<Workspace> {
  const { workspace, diagnostics } = await Workspace.open({ dir, cwd: dir, env: { XCPFORM_REFRESH_CACHE: 'off' }, vars: [], operation, lock: false });
  if (!workspace) throw new Error(diagnostics.map((d) => d.summary).join('; '));
  return workspace;
}

describe('the rehearsal reads the copy as the real apply reads the pools', () => {
  let p: RehearsalPool | undefined;
  afterEach(async () => { await p?.close(); p = undefined; });

  test(`${VMS} VM creates: as many event.from calls on the copy as the real apply makes, and the same writes`, async () => {
    p = await startRehearsalPool({ name: 'dc1', hosts: 2 });
    p.config(CONFIG);

    const rehearsing = await openWorkspace(p.dir, 'OperationTypePlan');
    let onCopy: ReturnType<typeof countCalls> | undefined;
    try {
      const { plan } = await planWorkspace(rehearsing, { mode: 'normal' });
      const run = await rehearsePlan(rehearsing, plan!, { parallelism: 10, onCopy: (copy) => { onCopy = countCalls(copy.world); } });
      onCopy!.stop();
      expect(run.rehearsal.failures).toEqual([]);
      expect(run.rehearsal.ok).toBe(true);
    } finally {
      await rehearsing.close();
    }

    const applying = await openWorkspace(p.dir, 'OperationTypeApply');
    const onPool = countCalls(p.sim.world);
    try {
      const { plan } = await planWorkspace(applying, { mode: 'normal' });
      // Counted from the apply on: the plan's refresh has no counterpart in the rehearsal.
      onPool.counts.clear();
      const result = await applyWorkspacePlan(applying, plan!, { parallelism: 10 });
      onPool.stop();
      expect(result.ok).toBe(true);
    } finally {
      await applying.close();
    }

    const rehearsed = onCopy!.counts;
    const applied = onPool.counts;
    const writes = (m: Map<string, number>): [string, number][] => [...m].filter(([k]) => !/^(event|session|task)\.|\.get_/.test(k)).sort();
    expect(writes(rehearsed)).toEqual(writes(applied));
    // The steps' catch-ups run ten at a time and share event.from calls as they happen to meet,
    // so the counts differ a little from run to run; reading as of each step's start doubled them.
    const events = (m: Map<string, number>): number => m.get('event.from') ?? 0;
    expect(events(applied)).toBeGreaterThan(VMS);
    expect(events(rehearsed)).toBeLessThanOrEqual(Math.ceil(events(applied) * 1.25));
  }, 120_000);
});
