/**
 * Rehearsal property (issue 22), seeded: random small pools (host memory, SR free space) and
 * configurations (VMs with or without memory, running or halted, disks, NICs on networks),
 * then an edit. At each step the plan is rehearsed, then applied for real (in process, through
 * the engine, against the simulator over HTTP). Where the rehearsal passes, the real apply
 * passes and the pool holds what the copy held after the rehearsal (VMs, power, memory, host,
 * disks and their SRs, NICs, SR usage); where it fails, the real apply fails too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyWorkspacePlan } from '../src/engine/apply';
import { planWorkspace } from '../src/engine/plan';
import { Workspace } from '../src/engine/workspace';
import { rehearsePlan } from '../src/rehearsal/rehearse';
import { startSimulator } from '../src/simulator';
import type { Database } from '../src/simulator/db/database';
import { providerBlock, SIM_PASSWORD, SIM_USER } from './helpers/crash-processes';

const GiB = 1024 ** 3;

interface VmSpec { memory?: number; running: boolean; disk?: number; nic?: number }
interface Case { memoryGiB: number; hosts: number; srFreeGiB?: number; networks: number; vms: VmSpec[]; edited: VmSpec[] }

const vmArb: fc.Arbitrary<VmSpec> = fc.record({
  memory: fc.option(fc.constantFrom(1, 2, 3).map((g) => g * GiB), { nil: undefined }),
  running: fc.boolean(),
  disk: fc.option(fc.constantFrom(10, 12, 16).map((g) => g * GiB), { nil: undefined }),
  nic: fc.option(fc.nat(1), { nil: undefined }),
});

const caseArb: fc.Arbitrary<Case> = fc.record({
  memoryGiB: fc.integer({ min: 5, max: 12 }),
  hosts: fc.integer({ min: 1, max: 2 }),
  srFreeGiB: fc.option(fc.integer({ min: 10, max: 30 }), { nil: undefined, freq: 1 }),
  networks: fc.integer({ min: 0, max: 2 }),
  vms: fc.array(vmArb, { minLength: 1, maxLength: 4 }),
  edited: fc.array(vmArb, { minLength: 0, maxLength: 4 }),
});

function render(c: Case, vms: VmSpec[]): string {
  const out: string[] = [];
  for (let i = 0; i < c.networks; i++) out.push(`resource "xcp_network" "n${i}" {\n  name_label = "prop-net-${i}"\n}\n`);
  vms.forEach((v, i) => {
    const nic = v.nic !== undefined && c.networks > 0 ? `  nic {\n    network = xcp_network.n${v.nic % c.networks}.uuid\n  }\n` : '';
    out.push(`resource "xcp_vm" "v${i}" {\n  name_label  = "prop-vm-${i}"\n  template    = "Debian Bookworm 12"\n${v.memory ? `  memory      = ${v.memory}\n` : ''}  power_state = "${v.running ? 'running' : 'halted'}"\n${v.disk ? `  disk {\n    size = ${v.disk}\n  }\n` : ''}${nic}}\n`);
  });
  return out.join('');
}

/** What the test compares: the VMs and networks it made, and the SRs' usage. */
function inventory(db: Database): unknown {
  const name = (cls: string, ref: unknown): string => String(db.get(cls, ref as string)?.name_label ?? '');
  const vms = db.all('VM').filter(([, v]) => String(v.name_label).startsWith('prop-vm-') && !v.is_a_template && !v.is_a_snapshot).map(([, v]) => ({
    name: v.name_label,
    power: v.power_state,
    memory: v.memory_static_max,
    host: name('host', v.resident_on),
    disks: (v.VBDs as string[]).map((b) => db.get('VBD', b)!).filter((b) => b.type === 'Disk').map((b) => {
      const vdi = db.get('VDI', b.VDI as string);
      return `${String(b.userdevice)}:${String(vdi?.virtual_size)}:${name('SR', vdi?.SR)}`;
    }).sort(),
    nics: (v.VIFs as string[]).map((f) => `${String(db.get('VIF', f)?.device)}:${name('network', db.get('VIF', f)?.network)}`).sort(),
  })).sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const srs = db.all('SR').map(([, s]) => `${String(s.name_label)}:${String(s.physical_utilisation)}`).sort();
  const nets = db.all('network').filter(([, n]) => String(n.name_label).startsWith('prop-net-')).map(([, n]) => String(n.name_label)).sort();
  return { vms, srs, nets };
}

describe('rehearsal property', () => {
  test('where the rehearsal passes, the real apply passes and the pool matches the copy; where it fails, the real apply fails', async () => {
    let passed = 0;
    let failed = 0;
    let refused = 0;
    const codes: string[] = [];
    await fc.assert(fc.asyncProperty(caseArb, async (c) => {
      const sim = await startSimulator({ pools: [{ name: 'dc1', hosts: c.hosts, memoryGiB: c.memoryGiB }], username: SIM_USER, password: SIM_PASSWORD, guestBootMs: 0 });
      const dir = mkdtempSync(join(tmpdir(), 'xcpform-rehearsal-prop-'));
      try {
        const db = sim.world.pool('dc1').db;
        if (c.srFreeGiB !== undefined) for (const [ref, sr] of db.all('SR')) if (sr.content_type !== 'iso') db.update('SR', ref, { physical_size: (sr.physical_utilisation as number) + c.srFreeGiB * GiB });
        for (const vms of [c.vms, c.edited]) {
          writeFileSync(join(dir, 'main.tf'), `${providerBlock(new Map([['dc1', sim.pools[0].url]]))}${render(c, vms)}`);
          const { workspace: ws, diagnostics } = await Workspace.open({ dir, cwd: dir, env: { XCPFORM_REFRESH_CACHE: 'off' }, operation: 'OperationTypeApply' });
          expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          try {
            const { plan } = await planWorkspace(ws!, { mode: 'normal' });
            // A plan that refuses the case is the plan's own answer: nothing to rehearse.
            if (!plan || plan.errored) { refused++; return; }
            let copied: unknown;
            const { rehearsal } = await rehearsePlan(ws!, plan, { inspectCopy: (copy) => { copied = inventory(copy.world.pool('dc1').db); } });
            const result = await applyWorkspacePlan(ws!, plan, {});
            if (rehearsal.ok) {
              passed++;
              expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
              expect(result.ok).toBe(true);
              expect(inventory(db)).toEqual(copied);
            } else {
              failed++;
              codes.push(...rehearsal.failures.map((f) => f.xapiError?.code ?? f.message));
              expect(result.ok).toBe(false);
              return;
            }
          } finally {
            await ws!.close();
          }
        }
      } finally {
        await sim.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }), { seed: 22, numRuns: 30, endOnFailure: true });
    // Both sides of the property were exercised.
    process.stdout.write(`rehearsal property: ${passed} steps passed, ${failed} failed, ${refused} refused by the plan; failures: ${[...new Set(codes)].join(", ")}\n`);
    expect(passed).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
  }, 600_000);
});
