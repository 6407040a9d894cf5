/**
 * XenAPI calls per change (issue 17): each create, update and destroy of a network, a disk and
 * a VM (one disk, one NIC) applied by `xcpform apply` through a recording proxy, counted by
 * method. The calls that keep the apply's records current (`get_all_records`, `event.from`)
 * and the session's are left out: they are shared by every change of an apply (see
 * apply-live-world.test.ts). Counts, not times: a call added to a change fails this test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRecordingProxy, type RecordingProxy } from '../bench/recording-proxy';
import { cli, providerBlock, startSimProcess, type SimProcess } from './helpers/crash-processes';

const NETWORK = `resource "xcp_network" "n" {
  name_label       = "count-net"
  name_description = "DESC"
}
`;
const DISK = `resource "xcp_vdi" "d" {
  name_label       = "count-disk"
  name_description = "DESC"
  sr               = "NFS shared storage"
  size             = 1073741824
}
`;
const VM = `resource "xcp_vm" "v" {
  name_label       = "count-vm"
  name_description = "DESC"
  template         = "Debian Bookworm 12"
  power_state      = "halted"
  disk { size = 10737418240 }
  nic { network = xcp_network.n.uuid }
}
`;

const shared = (m: string): boolean => m.endsWith('.get_all_records') || m === 'event.from' || m.startsWith('session.');

describe('XenAPI calls per change', () => {
  let sim: SimProcess;
  let proxy: RecordingProxy;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimProcess({ pools: 'dc1:2' });
    proxy = await startRecordingProxy(sim.urls.get('dc1')!);
    dir = mkdtempSync(join(tmpdir(), 'xcpform-counts-'));
  });
  afterAll(async () => {
    await proxy?.close();
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the configuration, applies it, and returns the change calls by method. */
  async function apply(parts: string[], description = 'one'): Promise<Record<string, number>> {
    writeFileSync(join(dir, 'main.tf'), `${providerBlock(new Map([['dc1', proxy.url]]))}${parts.join('').replace(/DESC/g, description)}`);
    expect((await cli(['plan', '--out', 'p.plan'], { cwd: dir })).code).toBe(0);
    proxy.reset();
    const res = await cli(['apply', 'p.plan'], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    return Object.fromEntries([...proxy.counts().calls].filter(([m]) => !shared(m)).sort(([a], [b]) => a.localeCompare(b)));
  }

  test('create, update and destroy of a network, a disk and a VM', async () => {
    const got = {
      networkCreate: await apply([NETWORK]),
      diskCreate: await apply([NETWORK, DISK]),
      vmCreate: await apply([NETWORK, DISK, VM]),
      destroyDiskAndVmUpdateNetwork: await apply([NETWORK], 'two'),
      // A VM created next to an existing network.
      vmCreateAgain: await apply([NETWORK, VM], 'two'),
      updateVmAndNetwork: await apply([NETWORK, VM], 'three'),
      destroyAll: await apply([]),
    };
    expect(got).toEqual(EXPECTED);
  }, 120_000);

  test('a VM create waits for 7 round trips one after another, not one per call', async () => {
    // A pool 25 ms away: calls sent together overlap in time, whatever the CPU takes between them.
    const far = await startSimProcess({ pools: 'dc1:2', latencyMs: 25 });
    const farProxy = await startRecordingProxy(far.urls.get('dc1')!);
    const farDir = mkdtempSync(join(tmpdir(), 'xcpform-rounds-'));
    try {
      const run = async (parts: string[]): Promise<void> => {
        writeFileSync(join(farDir, 'main.tf'), `${providerBlock(new Map([['dc1', farProxy.url]]))}${parts.join('').replace(/DESC/g, 'one')}`);
        expect((await cli(['plan', '--out', 'p.plan'], { cwd: farDir })).code).toBe(0);
        farProxy.reset();
        expect((await cli(['apply', 'p.plan'], { cwd: farDir })).code).toBe(0);
      };
      await run([NETWORK]);
      await run([NETWORK, VM]);
      // From the clone to the step's last call: calls that overlap in time are one round trip. A
      // finished task's destroy is off the step's path (nothing waits for it), so it is left out.
      const spans = farProxy.counts().spans.filter((s) => !s.method.startsWith('session.') && s.method !== 'task.destroy').sort((a, b) => a.start - b.start);
      const from = spans.findIndex((s) => s.method === 'Async.VM.clone');
      expect(from).toBeGreaterThanOrEqual(0);
      let rounds = 0;
      let end = -Infinity;
      for (const s of spans.slice(from)) {
        if (s.start >= end) rounds++;
        end = Math.max(end, s.end);
      }
      // The clone; the catch-up that says its task ended and shows the clone; the owned keys;
      // the name beside the provisioning; the catch-up that says the provisioning ended and
      // shows the disk; the settings, disk and NIC together; the last catch-up. Sent one at a
      // time they were 17; with a wait of its own per task, 9.
      expect(rounds).toBeLessThanOrEqual(7);
    } finally {
      await farProxy.close();
      await far.stop();
      rmSync(farDir, { recursive: true, force: true });
    }
  }, 120_000);

  test('twelve VMs created together: the SR and network records go over the wire a few times, not once per VM', async () => {
    // Each VM's disk changes the SR record (its VDIs list) and its NIC the network's (VIFs), as
    // xapi does; an apply that caught up every class after each write was sent both records
    // again for nearly every VM, bytes that grow with the pool (issue 17, bench apply).
    const vms = VM.replace('resource "xcp_vm" "v" {', 'resource "xcp_vm" "v" {\n  count = 12').replace('"count-vm"', '"count-vm-${count.index}"');
    await apply([NETWORK, vms], 'many');
    const sent = proxy.counts().eventRecords;
    // The VMs' own records do come back after their writes (read-your-writes).
    expect(sent.get('vm') ?? 0).toBeGreaterThanOrEqual(12);
    expect({ sr: Math.min(sent.get('sr') ?? 0, 3), network: Math.min(sent.get('network') ?? 0, 3) }).toEqual({ sr: sent.get('sr') ?? 0, network: sent.get('network') ?? 0 });
    await apply([]);
  }, 120_000);
});

/**
 * The counts, at the API's minimum for what each change does. A VM create: clone the template,
 * take the clone's other_config from the step's records (no read of its own) and write every
 * owned key in one `set_other_config` (it was a remove-and-add pair per key, 12 calls), name it, provision its disk, mark the new disk as the
 * VM's (one add: the key is known absent), name the disk (provisioned bootable or not as
 * configured: no VBD.set_bootable), attach the NIC, set
 * the description, stop it being a template; each task is destroyed once it is done.
 */
const VM_CREATE = {
  'Async.VM.clone': 1,
  'Async.VM.provision': 1,
  'VDI.add_to_other_config': 1,
  'VDI.set_name_label': 1,
  'VIF.create': 1,
  'VM.set_is_a_template': 1,
  'VM.set_name_description': 1,
  'VM.set_name_label': 1,
  'VM.set_other_config': 1,
  'task.destroy': 2,
};

const EXPECTED = {
  networkCreate: { 'network.create': 1 },
  diskCreate: { 'VDI.create': 1 },
  vmCreate: VM_CREATE,
  // The VM's disk and the standalone disk, the VM; the network's new description.
  destroyDiskAndVmUpdateNetwork: { 'Async.VDI.destroy': 2, 'Async.VM.destroy': 1, 'network.set_name_description': 1, 'task.destroy': 3 },
  vmCreateAgain: VM_CREATE,
  updateVmAndNetwork: { 'VM.set_name_description': 1, 'network.set_name_description': 1 },
  destroyAll: { 'Async.VDI.destroy': 1, 'Async.VM.destroy': 1, 'network.destroy': 1, 'task.destroy': 2 },
};
