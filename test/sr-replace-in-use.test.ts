/**
 * The `xcp_sr` plan hook on a replacement, against the simulator's records: disks of VMs on the
 * SR are an error naming them, unless the caller says those VMs leave in the same plan
 * (`PlanRequest.leaving`).
 */
import { srResource } from '../src/resources/sr';
import { srState } from '../src/resources/sr/read';
import { UNKNOWN, type ObjectValue } from '../src/values/value';
import { startResourceHarness, type ResourceHarness } from './helpers/resource-context';

const GIB = 1024 ** 3;
let h: ResourceHarness;
let prior: ObjectValue;
let vmUuid: string;

beforeAll(async () => {
  h = await startResourceHarness();
  const db = h.sim.world.pool('dc1').db;
  const [srRef, sr] = db.all('SR').find(([, r]) => r.type === 'nfs')!;
  const vm = db.create('VM', { name_label: 'db1', power_state: 'Halted' });
  const vdi = db.create('VDI', { name_label: 'db1 0', SR: srRef, virtual_size: 20 * GIB, type: 'user' });
  db.create('VBD', { VM: vm, VDI: vdi, userdevice: '0', type: 'Disk', mode: 'RW' });
  vmUuid = db.get('VM', vm)!.uuid as string;
  prior = srState((await h.world()).pool('dc1'), sr.uuid as string, null)!;
}, 60_000);

afterAll(async () => h?.close());

/** The hook's diagnostics for a replacement of the NFS SR (a new server: `device_config` forces it). */
async function replace(leaving?: (pool: string, uuid: string) => boolean) {
  const planned = { ...prior, id: UNKNOWN, uuid: UNKNOWN, device_config: { server: 'nas2', serverpath: '/vms' } };
  const res = srResource.plan({ prior, planned, config: planned, world: await h.world(), ...(leaving ? { leaving } : {}) });
  return (res.diagnostics ?? []).map((d) => ({ code: d.code, summary: d.summary, path: d.path }));
}

describe('replacing an SR that holds VM disks', () => {
  test('is an error naming the VM and its disk', async () => {
    expect(await replace()).toEqual([{ code: 'xcp_sr.replace-in-use', summary: 'SR "NFS shared storage" must be replaced, but 1 disk(s) of 1 VM(s) are on it', path: ['device_config'] }]);
  });

  test('is no error when the caller says that VM leaves in the same plan', async () => {
    expect(await replace((pool, uuid) => pool === 'dc1' && uuid === vmUuid)).toEqual([]);
    expect(await replace(() => false)).toHaveLength(1);
  });

  test('an update in place of the same SR is no error', async () => {
    const res = srResource.plan({ prior, planned: { ...prior, name_description: 'renamed' }, config: prior, world: await h.world() });
    expect(res.diagnostics ?? []).toEqual([]);
  });
});

describe('replacing an SR that holds a disk an xcp_vdi manages', () => {
  test('is an error naming the resource, unless it leaves in the same plan', async () => {
    const db = h.sim.world.pool('dc1').db;
    const [srRef, sr] = db.all('SR').find(([, r]) => r.type === 'nfs')!;
    const vdiRef = db.create('VDI', { name_label: 'scratch', SR: srRef, virtual_size: GIB, type: 'user', other_config: { 'xcpform:address': 'xcp_vdi.scratch' } });
    const vdiUuid = db.get('VDI', vdiRef)!.uuid as string;
    const srPrior = srState((await h.world()).pool('dc1'), sr.uuid as string, null)!;
    const planned = { ...srPrior, id: UNKNOWN, uuid: UNKNOWN, device_config: { server: 'nas3', serverpath: '/vms' } };
    const plan = async (leaving: (pool: string, uuid: string) => boolean) =>
      (srResource.plan({ prior: srPrior, planned, config: planned, world: await h.world(), leaving }).diagnostics ?? []).map((d) => `${d.summary}\n${d.detail}`);
    const diags = await plan((_p, uuid) => uuid === vmUuid);
    expect(diags).toHaveLength(1);
    expect(diags[0]).toContain('xcp_vdi.scratch (not attached to a VM): disk "scratch"');
    expect(await plan((_p, uuid) => uuid === vmUuid || uuid === vdiUuid)).toEqual([]);
  });
});
