/** Pure tests of the xcp_vm plan hook: identity matching, halt detection, refusals, notes, bytes to move. */
import { planResourceChange } from '../../plan/diff';
import { WorldSnapshot } from '../snapshot';
import { isUnknown, type ObjectValue } from '../../values/value';
import { assignPositions, orderLike } from './positions';
import { planVm } from './plan';
import { vmSchema } from './schema';
import { buildIso } from './iso9660';
import { parseProvision, provisionXml, rewriteProvision } from './template';
import { guestAddresses, inCidr } from './platform';

const GiB = 1024 ** 3;

function cfg(given: ObjectValue): ObjectValue {
  const out: ObjectValue = {};
  for (const k of Object.keys(vmSchema.block.attributes)) out[k] = null;
  for (const k of Object.keys(vmSchema.block.blockTypes ?? {})) out[k] = null;
  const fill = (block: string, items: ObjectValue[]): ObjectValue[] =>
    items.map((it) => ({ ...Object.fromEntries(Object.keys(vmSchema.block.blockTypes![block].block.attributes).map((k) => [k, null])), ...it }));
  return { ...out, ...given, disk: given.disk ? fill('disk', given.disk as ObjectValue[]) : null, nic: given.nic ? fill('nic', given.nic as ObjectValue[]) : null };
}

const disk = (ud: string, size: number, extra: ObjectValue = {}): ObjectValue => ({ userdevice: ud, name_label: `d${ud}`, size, sr: 'sr-a', bootable: false, mode: 'RW', vdi: null, attached: true, vdi_uuid: `vdi-${ud}`, vbd_uuid: `vbd-${ud}`, ...extra });
const nic = (dev: string, network: string): ObjectValue => ({ network, device: dev, mac: `aa:00:00:00:00:0${dev}`, mtu: 1500, locking_mode: 'network_default', ipv4_allowed: [], ipv6_allowed: [], rate_limit_kbps: null, attached: true, vif_uuid: `vif-${dev}` });

function priorState(extra: ObjectValue = {}): ObjectValue {
  const base = planResourceChange(vmSchema, null, cfg({ name_label: 'a', template: 't', pool: 'dc1', vcpus: 2, vcpus_max: 4, memory: 4 * GiB })).planned;
  const out: ObjectValue = { ...base };
  for (const [k, v] of Object.entries(out)) if (isUnknown(v)) out[k] = null;
  return {
    ...out, id: 'u', uuid: 'u', pool: 'dc1', host: null, memory_static_min: GiB, memory_dynamic_min: 4 * GiB, memory_dynamic_max: 4 * GiB, power_state: 'running',
    disk: [disk('0', 10 * GiB), disk('1', 2 * GiB)], nic: [nic('0', 'net-a'), nic('1', 'net-b')], ...extra,
  };
}

function plan(prior: ObjectValue | null, config: ObjectValue) {
  const diff = planResourceChange(vmSchema, prior, config);
  return { diff, hook: planVm({ prior, planned: diff.planned, config, world: new WorldSnapshot() }) };
}

const base = (extra: ObjectValue = {}): ObjectValue => cfg({
  name_label: 'a', template: 't', pool: 'dc1', vcpus: 2, vcpus_max: 4, memory: 4 * GiB,
  disk: [{ userdevice: '0', size: 10 * GiB, sr: 'sr-a' }, { userdevice: '1', size: 2 * GiB, sr: 'sr-a' }],
  nic: [{ network: 'net-a' }, { network: 'net-b' }], ...extra,
});

describe('positions', () => {
  test.each([
    ['implicit positions fill the gaps in order', [{ userdevice: '0' }, {}, { userdevice: '2' }, {}], ['0', '1', '2', '3']],
    ['explicit positions are kept', [{ userdevice: '5' }, {}], ['5', '0']],
  ])('%s', (_name, items, want) => expect(assignPositions(items as ObjectValue[], 'userdevice', 16)).toEqual(want));
  test('state order follows the prior order, new ones by position', () => {
    expect(orderLike([{ k: '0' }, { k: '1' }, { k: '9' }, { k: '3' }], [{ k: '1' }, { k: '0' }], 'k').map((x) => x.k)).toEqual(['1', '0', '3', '9']);
  });
});

describe('planVm', () => {
  test('the same configuration is a no-op', () => {
    const { diff, hook } = plan(priorState(), base());
    expect(hook.changes).toEqual([]);
    expect(hook.action).toBe('no-op');
    expect(diff.action).toBe('no-op');
  });

  test('disks are matched by userdevice, not list position: reordering is no change', () => {
    const reordered = base({ disk: [{ userdevice: '1', size: 2 * GiB, sr: 'sr-a' }, { userdevice: '0', size: 10 * GiB, sr: 'sr-a' }] });
    const { diff, hook } = plan(priorState(), reordered);
    expect(diff.action).toBe('update'); // the index-based diff is fooled (userdevice and size "changed")
    expect(hook.changes).toEqual([]);
    expect((hook.planned.disk as ObjectValue[]).map((d) => d.vdi_uuid)).toEqual(['vdi-1', 'vdi-0']);
  });

  test('NICs are matched by device; a network change is in place, a new NIC is an addition', () => {
    const { hook } = plan(priorState(), base({ nic: [{ network: 'net-a' }, { network: 'net-c' }, { network: 'net-a', device: '2' }] }));
    expect(hook.changes).toEqual([{ path: ['nic', 1, 'network'], update: 'in-place' }, { path: ['nic', 2], update: 'in-place' }]);
    expect((hook.planned.nic as ObjectValue[])[1].vif_uuid).toBe('vif-1'); // VIF.move keeps it
  });

  test('a disk shrink is a plan error; growth is in place; an SR change is a migration with bytes to move', () => {
    expect(plan(priorState(), base({ disk: [{ userdevice: '0', size: 5 * GiB, sr: 'sr-a' }] })).hook.diagnostics?.map((d) => d.code)).toContain('xcp_vm.disk-shrink');
    const grow = plan(priorState(), base({ disk: [{ userdevice: '0', size: 20 * GiB, sr: 'sr-a' }, { userdevice: '1', size: 2 * GiB, sr: 'sr-a' }] })).hook;
    expect([grow.action, grow.changes]).toEqual(['update', [{ path: ['disk', 0, 'size'], update: 'in-place' }]]);
    const move = plan(priorState(), base({ disk: [{ userdevice: '0', size: 10 * GiB, sr: 'sr-b' }, { userdevice: '1', size: 2 * GiB, sr: 'sr-a' }] })).hook;
    expect([move.action, move.bytesToMove]).toEqual(['migrate', 10 * GiB]);
    expect(isUnknown((move.planned.disk as ObjectValue[])[0].vdi_uuid)).toBe(true);
  });

  test('vcpus beyond vcpus_max and memory growth need a halt, with a restart note; allow_restart = false refuses', () => {
    const more = plan(priorState(), base({ vcpus: 6, vcpus_max: null }));
    expect(more.hook.planned.vcpus_max).toBe(6);
    expect(more.hook.haltPaths).toEqual(expect.arrayContaining([['vcpus'], ['vcpus_max']]));
    expect(more.hook.notes?.[0]).toMatch(/shut down cleanly, updated and started again/);
    const live = plan(priorState(), base({ vcpus: 3 }));
    expect([live.hook.haltPaths, live.hook.changes]).toEqual([[], [{ path: ['vcpus'], update: 'in-place' }]]);
    const mem = plan(priorState(), base({ memory: 8 * GiB }));
    expect(mem.hook.planned.memory_dynamic_max).toBe(8 * GiB);
    expect(mem.hook.haltPaths).toEqual([['memory']]);
    const refused = plan(priorState(), base({ memory: 8 * GiB, allow_restart: false }));
    expect(refused.hook.diagnostics?.map((d) => d.code)).toContain('xcp_vm.restart-not-allowed');
    const halted = plan(priorState({ power_state: 'halted' }), base({ memory: 8 * GiB, allow_restart: false, power_state: 'halted' }));
    expect(halted.hook.diagnostics ?? []).toEqual([]);
  });

  test('cloud-init: a data change replaces, unless on_change = "ignore" (a warning)', () => {
    const prior = priorState({ cloud_init: { user_data: 'a', network_config: null, meta_data: null, on_change: 'replace', drop_drive_after_boot: false } });
    const replace = plan(prior, base({ cloud_init: { user_data: 'b', network_config: null, meta_data: null, on_change: null, drop_drive_after_boot: null } }));
    expect(replace.hook.action).toBe('replace');
    expect(replace.hook.requiresReplace).toEqual([['cloud_init', 'user_data']]);
    const ignore = plan(prior, base({ cloud_init: { user_data: 'b', network_config: null, meta_data: null, on_change: 'ignore', drop_drive_after_boot: null } }));
    expect(ignore.hook.action).toBe('update');
    expect(ignore.hook.diagnostics?.map((d) => [d.severity, d.code])).toEqual([['warning', 'xcp_vm.cloud-init-ignored']]);
  });

  test('host: a migration while running, a setting while halted; next-boot notes', () => {
    expect(plan(priorState({ host: 'h1' }), base({ host: 'h2' })).hook.action).toBe('migrate');
    expect(plan(priorState({ host: 'h1', power_state: 'halted' }), base({ host: 'h2', power_state: 'halted' })).hook.action).toBe('update');
    expect(plan(priorState(), base({ boot_order: 'dc' })).hook.notes).toEqual(['boot_order: takes effect at next boot']);
  });

  test('an imported VM (template unknown) is not replaced for its template', () => {
    expect(plan(priorState({ template: null }), base()).hook.action).toBe('no-op');
  });
});

describe('helpers', () => {
  test('provisioning spec round trip and rewrite', () => {
    const spec = parseProvision('<provision><disk device="0" size="100" sr="" bootable="true" type="system"/></provision>');
    expect(spec).toEqual([{ device: '0', size: 100, sr: '', bootable: true, type: 'system' }]);
    expect(parseProvision(provisionXml(rewriteProvision(spec, [{ userdevice: '0', disk: { size: 200 }, srUuid: 's1' }], 'def')))).toEqual([{ ...spec[0], size: 200, sr: 's1' }]);
    // The configured bootable flag goes into the spec (VM.provision makes the VBD with it).
    expect(rewriteProvision(spec, [{ userdevice: '0', disk: { size: 200, bootable: false }, srUuid: 's1' }], 'def')[0].bootable).toBe(false);
  });
  test('guest addresses and CIDR', () => {
    expect(guestAddresses({ '1/ip': '10.0.1.2', '0/ipv4/0': '10.0.0.2', '0/ipv6/0': 'fe80::1' })).toEqual({ v4: ['10.0.0.2', '10.0.1.2'], all: ['10.0.0.2', 'fe80::1', '10.0.1.2'] });
    expect([inCidr('10.1.2.3', '10.0.0.0/8'), inCidr('192.168.1.1', '10.0.0.0/8'), inCidr('1.2.3.4', '0.0.0.0/0')]).toEqual([true, false, true]);
  });
  test('the config drive is an ISO 9660 image labelled cidata with the NoCloud files', () => {
    const iso = buildIso('cidata', [{ name: 'user-data', data: Buffer.from('#cloud-config\n') }, { name: 'meta-data', data: Buffer.from('instance-id: x\n') }]);
    expect(iso.subarray(16 * 2048 + 1, 16 * 2048 + 6).toString()).toBe('CD001');
    expect(iso.subarray(16 * 2048 + 40, 16 * 2048 + 46).toString()).toBe('cidata');
    expect(iso.includes(Buffer.from('USER-DATA;1'))).toBe(true);
    expect(iso.includes(Buffer.from('#cloud-config\n'))).toBe(true);
    expect(iso.length % 2048).toBe(0);
  });
});

describe('read-only values a change alters (the rest stay known, as Terraform hides unchanged computed values)', () => {
  const volatile = ['allowed_operations', 'domid', 'start_time'];
  const withRuntime = (extra: ObjectValue = {}) => priorState({ allowed_operations: ['clean_shutdown', 'pool_migrate'], domid: 3, start_time: '2026-01-01T00:00:00Z', ...extra });
  test('a rename keeps allowed_operations, domid and start_time known', () => {
    const { hook } = plan(withRuntime(), base({ name_label: 'b' }));
    expect(hook.action).toBe('update');
    for (const k of volatile) expect(isUnknown(hook.planned[k])).toBe(false);
  });
  test('a change that restarts the running VM makes them unknown', () => {
    const { hook } = plan(withRuntime(), base({ vcpus_max: 8 }));
    expect(hook.haltPaths.length).toBeGreaterThan(0);
    for (const k of volatile) expect(isUnknown(hook.planned[k])).toBe(true);
  });
  test('a power state change makes them unknown', () => {
    const { hook } = plan(withRuntime(), base({ power_state: 'halted' }));
    for (const k of volatile) expect(isUnknown(hook.planned[k])).toBe(true);
  });
});
