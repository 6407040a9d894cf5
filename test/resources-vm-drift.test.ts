/**
 * xcp_vm drift and updates that an out-of-band change or a new setting must plan, against the
 * simulator over HTTP: devices unplugged behind xcpform's back plan a re-plug (`attached`),
 * `attached = false` unplugs, nonsensical minimums are refused at plan time, and a firmware
 * switch is a halt-class update (shutdown, change, start) instead of a replacement.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vmResource } from '../src/resources/vm';
import { vmSchema } from '../src/resources/vm/schema';
import type { ObjectValue } from '../src/values/value';
import { xcpform } from './helpers/cli';
import { configOf, knownMismatches, planWith, startResourceHarness, type ResourceHarness } from './helpers/resource-context';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

const GiB = 2 ** 30;
let h: ResourceHarness;
beforeAll(async () => { h = await startResourceHarness(); });
afterAll(async () => { await h.close(); });

const NET0 = 'Pool-wide network associated with eth0';
const cfg = (name: string, extra: ObjectValue = {}): ObjectValue => configOf(vmSchema, {
  name_label: name, template: 'Debian Bookworm 12', pool: 'dc1', vcpus: 1, memory: GiB,
  disk: [{ size: 10 * GiB }, { size: GiB }], nic: [{ network: NET0 }], ...extra,
});

async function create(address: string, config: ObjectValue): Promise<ObjectValue> {
  const { hook } = planWith(vmResource, null, config, await h.world(vmResource.classes));
  expect(hook.diagnostics?.filter((d) => d.severity === 'error') ?? []).toEqual([]);
  return (await vmResource.create({ planned: hook.planned, config, ctx: h.ctx(address) })).state;
}

/** Refreshes, plans `config`, applies when there is something to do; returns the plan and the new state. */
async function planApply(address: string, state: ObjectValue, config: ObjectValue) {
  const world = await h.world(vmResource.classes);
  const prior = vmResource.read({ prior: state, world }).state!;
  const { hook } = planWith(vmResource, prior, config, world);
  if (hook.action === 'no-op') return { prior, hook, state: prior };
  const res = await vmResource.update({ prior, planned: hook.planned, config, ctx: h.ctx(address) });
  expect(knownMismatches(hook.planned, res.state)).toEqual([]);
  return { prior, hook, state: res.state };
}

async function plugged(uuid: string): Promise<{ disks: Record<string, boolean>; nics: Record<string, boolean> }> {
  const r = await h.records('dc1', ['VM', 'VBD', 'VIF']);
  const vm = r.byUuid('VM', uuid)!.record;
  const disks = Object.fromEntries(vm.VBDs.map((b) => r.get('VBD', b)!).filter((b) => b.type === 'Disk').map((b) => [b.userdevice, b.currently_attached]));
  const nics = Object.fromEntries(vm.VIFs.map((v) => r.get('VIF', v)!).map((v) => [v.device, v.currently_attached]));
  return { disks, nics };
}

describe('disks and NICs unplugged behind xcpform\'s back', () => {
  test('VBD.unplug and VIF.unplug on a running VM plan the re-plug; apply re-plugs; the next plan is empty', async () => {
    const config = cfg('plug-drift');
    let state = await create('xcp_vm.plug', config);
    expect((state.disk as ObjectValue[]).map((d) => d.attached)).toEqual([true, true]);
    expect((state.nic as ObjectValue[])[0].attached).toBe(true);
    const c = h.client('dc1');
    const vbd = (state.disk as ObjectValue[])[1].vbd_uuid as string;
    const vif = (state.nic as ObjectValue[])[0].vif_uuid as string;
    await c.call('VBD.unplug', await c.call('VBD.get_by_uuid', vbd));
    await c.call('VIF.unplug', await c.call('VIF.get_by_uuid', vif));
    expect(await plugged(state.uuid as string)).toEqual({ disks: { 0: true, 1: false }, nics: { 0: false } });

    const step = await planApply('xcp_vm.plug', state, config);
    expect((step.prior.disk as ObjectValue[])[1].attached).toBe(false);
    expect(step.hook.action).toBe('update');
    expect(step.hook.changes).toEqual(expect.arrayContaining([{ path: ['disk', 1, 'attached'], update: 'in-place' }, { path: ['nic', 0, 'attached'], update: 'in-place' }]));
    expect(step.hook.notes).toEqual(expect.arrayContaining(['disk 1: plugged back into the running VM', 'nic 0: plugged back into the running VM']));
    state = step.state;
    expect(await plugged(state.uuid as string)).toEqual({ disks: { 0: true, 1: true }, nics: { 0: true } });
    expect((await planApply('xcp_vm.plug', state, config)).hook.action).toBe('no-op');
  });

  test('attached = false unplugs a disk and a NIC of the running VM and keeps them; true plugs them back', async () => {
    let config = cfg('plug-config');
    let state = await create('xcp_vm.plugcfg', config);
    config = cfg('plug-config', { disk: [{ size: 10 * GiB }, { size: GiB, attached: false }], nic: [{ network: NET0, attached: false }] });
    let step = await planApply('xcp_vm.plugcfg', state, config);
    expect(step.hook.action).toBe('update');
    expect(step.hook.notes).toEqual(expect.arrayContaining(['disk 1: unplugged from the running VM', 'nic 0: unplugged from the running VM']));
    state = step.state;
    expect(await plugged(state.uuid as string)).toEqual({ disks: { 0: true, 1: false }, nics: { 0: false } });
    expect((await planApply('xcp_vm.plugcfg', state, config)).hook.action).toBe('no-op');
    // A halt keeps the configured value; the start plugs everything and apply unplugs again.
    step = await planApply('xcp_vm.plugcfg', state, { ...config, power_state: 'halted' });
    expect((await planApply('xcp_vm.plugcfg', step.state, { ...config, power_state: 'halted' })).hook.action).toBe('no-op');
    step = await planApply('xcp_vm.plugcfg', step.state, config);
    expect(await plugged(state.uuid as string)).toEqual({ disks: { 0: true, 1: false }, nics: { 0: false } });
    expect((await planApply('xcp_vm.plugcfg', step.state, config)).hook.action).toBe('no-op');
  });
});

describe('nonsensical memory minimums are refused before anything is applied', () => {
  const mainTf = (attr: string): string => `terraform {
  required_providers {
    xcp = { source = "registry.terraform.io/xcpform/xcp" }
  }
}
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
resource "xcp_vm" "web" {
  name_label = "web"
  template   = "Debian Bookworm 12"
  ${attr} = 0
}
`;

  test.each(['memory_static_min', 'memory_dynamic_min', 'memory_dynamic_max'])('%s = 0: xcpform plan fails naming the attribute and its line', (attr) => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-minmem-'));
    writeFileSync(join(dir, 'main.tf'), mainTf(attr));
    const plan = xcpform(['plan'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`xcp_vm.web: attribute "${attr}": must be at least 16777216`);
    expect(plan.stderr).toContain('on main.tf line 12');
    expect(plan.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('memory_static_min = 0: terraform plan fails the same way (the provider validates it)', () => {
    terraformVersion();
    const ws = new TerraformWorkspace();
    ws.write(mainTf('memory_static_min'));
    const plan = ws.run(['plan', '-no-color']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/memory_static_min/);
    expect(plan.stderr).toMatch(/must be at least 16777216/);
  });
});

describe('firmware', () => {
  test('BIOS → UEFI on a running VM is a halt-class update: shut down, HVM_boot_params:firmware set, started again, same VM', async () => {
    let config = cfg('fw', { firmware: 'bios' });
    const created = await create('xcp_vm.fw', config);
    config = cfg('fw', { firmware: 'uefi' });
    const world = await h.world(vmResource.classes);
    const prior = vmResource.read({ prior: created, world }).state!;
    const { diff, hook } = planWith(vmResource, prior, config, world);
    expect([diff.action, hook.action, hook.haltPaths]).toEqual(['update', 'update', [['firmware']]]);
    expect(hook.notes).toEqual(expect.arrayContaining([expect.stringMatching(/shut down cleanly, updated and started again \(for firmware\)/)]));
    const ctx = h.ctx('xcp_vm.fw');
    const state = (await vmResource.update({ prior, planned: hook.planned, config, ctx })).state;
    expect(knownMismatches(hook.planned, state)).toEqual([]);
    const vm = (await h.records('dc1', ['VM'])).byUuid('VM', created.uuid as string)!.record;
    expect([vm.HVM_boot_params.firmware, vm.power_state, state.firmware, state.uuid]).toEqual(['uefi', 'Running', 'uefi', created.uuid]);
    expect(ctx.events.map((e) => JSON.stringify(e)).join('\n')).toMatch(/shutting down for firmware/);
    expect((await planApply('xcp_vm.fw', state, config)).hook.action).toBe('no-op');
  });
});

describe('objects written with the older other_config convention', () => {
  test('a VM listing its user keys under xcpform:keys is still read, imported and adopted; the next write moves the list to xcpform:managed', async () => {
    const config = cfg('legacy', { power_state: 'halted', other_config: { team: 'web' } });
    const created = await create('xcp_vm.legacy', config);
    const c = h.client('dc1');
    const ref = await c.call<string>('VM.get_by_uuid', created.uuid);
    // Rewrite the record the way earlier versions left it.
    await c.call('VM.remove_from_other_config', ref, 'xcpform:managed');
    await c.call('VM.add_to_other_config', ref, 'xcpform:keys', '["team"]');
    await c.call('VM.add_to_other_config', ref, 'backup-tool', 'nightly');
    let world = await h.world(vmResource.classes);
    const read = vmResource.read({ prior: created, world }).state!;
    expect(read.other_config).toEqual({ team: 'web' });
    expect(planWith(vmResource, read, config, world).hook.action).toBe('no-op');
    const imported = vmResource.import!({ id: `dc1/${String(created.uuid)}`, world, defaultPool: 'dc1' }).state!;
    expect(imported.other_config).toEqual({ team: 'web' });
    // An interrupted create of the same address adopts it (the address key did not change).
    const { hook } = planWith(vmResource, null, config, world);
    expect((await vmResource.create({ planned: hook.planned, config, ctx: h.ctx('xcp_vm.legacy') })).state.uuid).toBe(created.uuid);

    const next = { ...config, other_config: { team: 'ops' } };
    const step = await planApply('xcp_vm.legacy', read, next);
    expect(step.state.other_config).toEqual({ team: 'ops' });
    const oc = (await c.getRecord('VM', ref as never)).other_config;
    expect([oc['xcpform:managed'], 'xcpform:keys' in oc, oc['backup-tool']]).toEqual(['["team"]', false, 'nightly']);
    world = await h.world(vmResource.classes);
    expect(planWith(vmResource, vmResource.read({ prior: step.state, world }).state, next, world).hook.action).toBe('no-op');
  });
});
