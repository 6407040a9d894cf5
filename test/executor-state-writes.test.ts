/**
 * The executor and the state writes of its steps (issue 17, apply at scale): a step hands its
 * parallelism slot back once its change is made, not once the state write recording it is on
 * disk (a write encodes the whole state; at 1,000 VMs ten steps waiting for it left the pools
 * idle). The change is reported complete only after its write, and a step that depends on it
 * starts only then. The pool is the embedded simulator; the state sink holds each write until
 * the test lets it through.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executePlan, type ExecuteResult } from '../src/executor/apply';
import type { ApplyEvent, StateSink } from '../src/executor/ports';
import { planWorkspace } from '../src/engine/plan';
import { Workspace } from '../src/engine/workspace';
import type { ObjectValue } from '../src/values/value';

const CONFIG = `provider "xcp" {
  pools        = { dc1 = { url = "embedded" } }
  default_pool = "dc1"
}
resource "xcp_network" "a" {
  count      = 2
  name_label = "slots-a\${count.index}"
}
resource "xcp_network" "b" {
  name_label = "\${xcp_network.a[0].name_label}-b"
}
`;

/** A state sink whose writes resolve only when `release` is called. */
class HeldSink implements StateSink {
  readonly held: { address: string; release(): void }[] = [];
  private readonly values = new Map<string, ObjectValue>();

  put(change: { address: string }, attributes: ObjectValue): Promise<void> {
    this.values.set(change.address, attributes);
    return new Promise((resolve) => this.held.push({ address: change.address, release: resolve }));
  }

  remove(change: { address: string }): Promise<void> {
    this.values.delete(change.address);
    return Promise.resolve();
  }

  current(): ReadonlyMap<string, ObjectValue> {
    return this.values;
  }

  releaseAll(): void {
    for (const h of this.held.splice(0)) h.release();
  }
}

async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
}

test('with parallelism 1, the second change runs while the first one\'s state write is pending; complete and dependents wait for the write', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-slots-'));
  writeFileSync(join(dir, 'main.tf'), CONFIG);
  const { workspace: ws, diagnostics } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypeApply', lock: false });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const sink = new HeldSink();
  const events: ApplyEvent[] = [];
  try {
    const { plan } = await planWorkspace(ws!, {});
    const runtime = await ws!.runtime();
    const running: Promise<ExecuteResult> = executePlan({
      plan: plan!,
      config: ws!.config,
      contexts: {
        applyContext: (address, progress, signal, floor) => runtime.applyContext(address, progress, signal, undefined, floor),
        defaultPool: runtime.defaultPool,
        mark: () => runtime.liveWorld().mark(),
      },
      state: sink,
      parallelism: 1,
      onEvent: (e) => events.push(e),
    });
    // Both independent networks are made although neither write is through.
    const bothMade = await until(() => sink.held.length === 2);
    const seen = (type: string, address: string) => events.some((e) => e.type === type && e.address === address);
    const firstComplete = ['xcp_network.a[0]', 'xcp_network.a[1]'].some((a) => seen('complete', a));
    const dependentStarted = seen('start', 'xcp_network.b');
    sink.releaseAll();
    expect({ bothMade, firstComplete, dependentStarted }).toEqual({ bothMade: true, firstComplete: false, dependentStarted: false });
    expect(await until(() => sink.held.length === 1)).toBe(true);
    expect(sink.held[0].address).toBe('xcp_network.b');
    sink.releaseAll();
    const result = await running;
    expect(result.ok).toBe(true);
    expect(result.counts.added).toBe(3);
    expect(events.filter((e) => e.type === 'complete').map((e) => e.address).sort()).toEqual(['xcp_network.a[0]', 'xcp_network.a[1]', 'xcp_network.b']);
    const client = await runtime.client('dc1');
    const names = Object.values(await client.call<Record<string, { name_label: string }>>('network.get_all_records')).map((n) => n.name_label).filter((n) => n.startsWith('slots-'));
    expect(names.sort()).toEqual(['slots-a0', 'slots-a0-b', 'slots-a1']);
  } finally {
    sink.releaseAll();
    await ws!.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
