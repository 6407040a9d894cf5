/**
 * Lifecycle of VMs, VDIs, networks and pools against xapi's documented behaviour, over real
 * HTTP on loopback, alternating transports.
 */
import { ManualClock, RunningSimulator, startSimulator } from '../src/simulator';
import { RawClient, RawXapiError, closeRawClients } from '../src/simulator/testing/raw-client';

type Rec = Record<string, any>;
const GiB = 1024 ** 3;

let sim: RunningSimulator;
let clock: ManualClock;
let dc: RawClient;
let cloud: RawClient;

async function expectFailure(p: Promise<unknown>, ...description: (string | RegExp)[]): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof RawXapiError)) throw err;
    description.forEach((d, i) => (typeof d === 'string' ? expect(err.description[i]).toBe(d) : expect(err.description[i]).toMatch(d)));
    return err.description;
  }
  throw new Error(`expected failure ${description.join(' ')}`);
}

async function vmFromTemplate(c: RawClient, name: string, template = 'Debian Bookworm 12'): Promise<string> {
  const tpl = (await c.call<string[]>('VM.get_by_name_label', template))[0];
  const vm = await c.call<string>('VM.clone', tpl, name);
  await c.call('VM.provision', vm);
  await c.call('VM.set_is_a_template', vm, false);
  const net = (await c.call<string[]>('network.get_by_name_label', 'Pool-wide network associated with eth0'))[0];
  await c.call('VIF.create', { device: '0', network: net, VM: vm, MAC: '', MTU: 1500, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} });
  return vm;
}

beforeAll(async () => {
  clock = new ManualClock();
  sim = await startSimulator({ clock, guestBootMs: 1000 });
  dc = new RawClient(sim.pools[0].url, 'json');
  cloud = new RawClient(sim.pools[1].url, 'xml');
  await dc.login();
  await cloud.login();
});

afterAll(async () => {
  await sim.close();
  closeRawClients();
});

describe('the world', () => {
  test('has the checklist objects in every pool', async () => {
    for (const c of [dc, cloud]) {
      const pool = Object.values(await c.call<Rec>('pool.get_all_records'))[0];
      const hosts = await c.call<Rec>('host.get_all_records');
      expect(Object.keys(hosts)).toHaveLength(2);
      const master = hosts[pool.master];
      expect(master.API_version_major).toBe(c.transport === 'xml' ? '2' : 2);
      expect(master.address).toMatch(/^127\.0\.\d+\.1$/);
      const vms = Object.values(await c.call<Rec>('VM.get_all_records'));
      expect(vms.filter((v) => v.is_control_domain)).toHaveLength(2);
      expect(vms.filter((v) => v.is_default_template).length).toBeGreaterThanOrEqual(5);
      const pifs = Object.values(await c.call<Rec>('PIF.get_all_records'));
      expect(pifs.filter((pf) => pf.management && pf.device === 'eth0')).toHaveLength(2);
      const srs = Object.values(await c.call<Rec>('SR.get_all_records'));
      expect(srs.map((s) => s.type).sort()).toEqual(['ext', 'ext', 'iso', 'nfs']);
      expect(pool.default_SR).toMatch(/^OpaqueRef:/);
    }
  });

  test('records are complete, with defaults', async () => {
    const tpl = (await dc.call<string[]>('VM.get_by_name_label', 'Windows 10 (64-bit)'))[0];
    const rec = await dc.call<Rec>('VM.get_record', tpl);
    expect(rec.suspend_VDI).toBe('OpaqueRef:NULL');
    expect(rec.snapshot_time).toBe('19700101T00:00:00Z');
    expect(rec.other_config.disks).toContain('<provision>');
    expect(Object.keys(rec).length).toBeGreaterThanOrEqual(90);
  });
});

describe('VM lifecycle', () => {
  let vm: string;
  beforeAll(async () => {
    vm = await vmFromTemplate(dc, 'web1');
  });

  test('provision created the template disk', async () => {
    const vbds = await dc.call<string[]>('VM.get_VBDs', vm);
    expect(vbds).toHaveLength(1);
    const vdi = await dc.call<string>('VBD.get_VDI', vbds[0]);
    expect(await dc.call('VDI.get_virtual_size', vdi)).toBe(10 * GiB);
    expect((await dc.call<Rec>('VM.get_other_config', vm)).disks).toBeUndefined();
  });

  test('halted-only setters and the power-state machine', async () => {
    await dc.call('VM.set_VCPUs_max', vm, 4);
    await dc.call('VM.set_memory_limits', vm, 1 * GiB, 4 * GiB, 2 * GiB, 4 * GiB);
    await expectFailure(dc.call('VM.set_memory_limits', vm, 1 * GiB, 4 * GiB, 3 * GiB, 2 * GiB), 'MEMORY_CONSTRAINT_VIOLATION');
    await expectFailure(dc.call('VM.set_VCPUs_at_startup', vm, 8), 'INVALID_VALUE');
    await expectFailure(dc.call('VM.unpause', vm), 'VM_BAD_POWER_STATE', vm, 'paused', 'halted');
    await dc.call('VM.start', vm, false, false);
    expect(await dc.call('VM.get_power_state', vm)).toBe('Running');
    await expectFailure(dc.call('VM.set_VCPUs_max', vm, 8), 'VM_BAD_POWER_STATE', vm, 'halted', 'running');
    await expectFailure(dc.call('VM.start', vm, false, false), 'VM_BAD_POWER_STATE', vm, 'halted', 'running');
    await dc.call('VM.set_VCPUs_number_live', vm, 3);
    expect(await dc.call('VM_metrics.get_VCPUs_number', await dc.call<string>('VM.get_metrics', vm))).toBe(3);
    await dc.call('VM.set_memory_dynamic_range', vm, 2 * GiB, 3 * GiB);
    await dc.call('VM.pause', vm);
    await expectFailure(dc.call('VM.clean_shutdown', vm), 'VM_BAD_POWER_STATE', vm, 'running', 'paused');
    await dc.call('VM.unpause', vm);
    await dc.call('VM.suspend', vm);
    expect(await dc.call('VM.get_power_state', vm)).toBe('Suspended');
    expect(await dc.call('VM.get_resident_on', vm)).toBe('OpaqueRef:NULL');
    await dc.call('VM.resume', vm, false, false);
    await dc.call('VM.clean_reboot', vm);
    await dc.call('VM.hard_shutdown', vm);
    expect(await dc.call('VM.get_power_state', vm)).toBe('Halted');
  });

  test('guest IP addresses appear shortly after start', async () => {
    await dc.call('VM.start', vm, false, false);
    expect(await dc.call('VM.get_guest_metrics', vm)).toBe('OpaqueRef:NULL');
    await clock.advance(1000);
    const gm = await dc.call<string>('VM.get_guest_metrics', vm);
    const networks = await dc.call<Rec>('VM_guest_metrics.get_networks', gm);
    expect(networks['0/ip']).toMatch(/^10\.\d+\.\d+\.\d+$/);
    await dc.call('VM.clean_shutdown', vm);
  });

  test('memory accounting: compute_free_memory and HOST_NOT_ENOUGH_FREE_MEMORY agree', async () => {
    const host = Object.keys(await dc.call<Rec>('host.get_all_records'))[0];
    const free = Number(await dc.call('host.compute_free_memory', host));
    const big = await vmFromTemplate(dc, 'too-big');
    await dc.call('VM.set_memory_limits', big, GiB, free + GiB, free + GiB, free + GiB);
    const err = await expectFailure(dc.call('VM.start_on', big, host, false, false), 'HOST_NOT_ENOUGH_FREE_MEMORY');
    expect(Number(err[2])).toBe(free);
    await dc.call('VM.start', vm, false, false);
    const host2 = await dc.call<string>('VM.get_resident_on', vm);
    expect(Number(await dc.call('host.compute_free_memory', host2))).toBeLessThan(free + (host2 === host ? 0 : 1));
    await dc.call('VM.hard_shutdown', vm);
    await dc.call('VM.destroy', big);
  });

  test('snapshot, revert, clone, copy and destroy', async () => {
    const snap = await dc.call<string>('VM.snapshot', vm, 'before');
    expect(await dc.call('VM.get_is_a_snapshot', snap)).toBe(true);
    expect(await dc.call('VM.get_snapshot_of', snap)).toBe(vm);
    await dc.call('VM.set_name_description', vm, 'changed');
    await dc.call('VM.revert', snap);
    expect(await dc.call('VM.get_power_state', vm)).toBe('Halted');
    const copy = await dc.call<string>('VM.copy', vm, 'web1-copy', 'OpaqueRef:NULL');
    const vdis = await dc.call<Rec>('VDI.get_all_records');
    const before = Object.keys(vdis).length;
    await dc.call('VM.destroy', copy);
    expect(Object.keys(await dc.call<Rec>('VDI.get_all_records'))).toHaveLength(before);
    const tpl = (await dc.call<string[]>('VM.get_by_name_label', 'Rocky Linux 9'))[0];
    await expectFailure(dc.call('VM.destroy', tpl), 'VM_CANNOT_DELETE_DEFAULT_TEMPLATE', tpl);
  });

  test('overlapping operations get OTHER_OPERATION_IN_PROGRESS', async () => {
    sim.world.settings.operationMs = 100;
    try {
      const task = await dc.call<string>('Async.VM.start', vm, false, false);
      await clock.advance(1);
      const err = await expectFailure(dc.call('Async.VM.clone', vm, 'x').then(() => dc.call('VM.clone', vm, 'x')), 'OTHER_OPERATION_IN_PROGRESS', 'VM', vm, 'start');
      expect(err[4]).toBe(task);
      await clock.advance(100);
      expect(await dc.call('task.get_status', task)).toBe('success');
    } finally {
      sim.world.settings.operationMs = 0;
    }
    await dc.call('VM.hard_shutdown', vm);
  });
});

describe('errors in xapi order', () => {
  test.each<[string, unknown[], string[]]>([
    ['unknown method', ['VM.frobnicate'], ['MESSAGE_METHOD_UNKNOWN', 'VM.frobnicate']],
    ['wrong arity', ['VM.start', 'OpaqueRef:x'], ['MESSAGE_PARAMETER_COUNT_MISMATCH', 'VM.start', '3', '1']],
    ['bad ref', ['VM.get_record', 'OpaqueRef:nope'], ['HANDLE_INVALID', 'VM', 'OpaqueRef:nope']],
    ['bad uuid', ['VM.get_by_uuid', 'nope'], ['UUID_INVALID', 'VM', 'nope']],
    ['bad type', ['VM.set_VCPUs_max', 'OpaqueRef:x', 'many'], ['FIELD_TYPE_ERROR', 'value']],
  ])('%s', async (_n, [method, ...args], description) => {
    for (const c of [dc, cloud]) await expectFailure(c.call(method as string, ...(args as string[])), ...description);
  });

  test('sessions: bad credentials, missing and invalid sessions', async () => {
    await expectFailure(new RawClient(sim.pools[0].url).login('root', 'wrong'), 'SESSION_AUTHENTICATION_FAILED', 'root');
    await expectFailure(dc.callRaw('VM.get_all', ['OpaqueRef:bogus']), 'SESSION_INVALID', 'OpaqueRef:bogus');
    await expectFailure(dc.callRaw('VM.frobnicate', ['OpaqueRef:bogus']), 'SESSION_INVALID');
    expect((await dc.callRaw('system.listMethods', [])) as string[]).toContain('VM.get_all_records');
    const cross = await expectFailure(cloud.callRaw('VM.get_all', [dc.session]), 'SESSION_INVALID');
    expect(cross).toHaveLength(2);
  });

  test('a login at a member host gets HOST_IS_SLAVE with the master address', async () => {
    const hosts = Object.values(await dc.call<Rec>('host.get_all_records'));
    const master = Object.values(await dc.call<Rec>('pool.get_all_records'))[0].master;
    const member = hosts.find((h) => h.address !== (hosts.find((x) => x.uuid && x === (hosts as Rec)[master]) ?? {}).address && h.address.endsWith('.2'))!;
    const slave = new RawClient(sim.pools[0].url, 'xml', { Host: `${member.address}:1` });
    await expectFailure(slave.login(), 'HOST_IS_SLAVE', /^127\.0\.1\.1$/);
  });
});

describe('storage', () => {
  test('VDI create, resize, SR_FULL and VDI_IN_USE', async () => {
    const sr = (await dc.call<string[]>('SR.get_by_name_label', 'NFS shared storage'))[0];
    const vdi = await dc.call<string>('VDI.create', { SR: sr, virtual_size: 1 * GiB, type: 'user', sharable: false, read_only: false, other_config: {}, name_label: 'data' });
    await dc.call('VDI.resize', vdi, 2 * GiB);
    await expectFailure(dc.call('VDI.resize', vdi, GiB), /^SR_BACKEND_FAILURE/);
    const free = Number(await dc.call('SR.get_physical_size', sr)) - Number(await dc.call('SR.get_physical_utilisation', sr));
    await expectFailure(dc.call('VDI.create', { SR: sr, virtual_size: free + 1, type: 'user', sharable: false, read_only: false, other_config: {} }), 'SR_FULL', String(free + 1), String(free));
    const vm = await vmFromTemplate(dc, 'with-data');
    await dc.call('VBD.create', { VM: vm, VDI: vdi, userdevice: 'autodetect', bootable: false, mode: 'RW', type: 'Disk', empty: false, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} });
    await dc.call('VM.start', vm, false, false);
    await expectFailure(dc.call('VDI.destroy', vdi), 'VDI_IN_USE', vdi, 'destroy');
    const local = (await dc.call<string[]>('SR.get_by_name_label', 'Local storage'))[0];
    const hostOfLocal = await dc.call<string>('PBD.get_host', (await dc.call<string[]>('SR.get_PBDs', local))[0]);
    const moved = await dc.call<string>('VDI.pool_migrate', vdi, (await dc.call<string>('VM.get_resident_on', vm)) === hostOfLocal ? local : sr, {});
    expect(moved).toMatch(/^OpaqueRef:/);
    await dc.call('VM.hard_shutdown', vm);
  });

  test('SR create with PBDs on every host, unplug, forget', async () => {
    const host = Object.keys(await dc.call<Rec>('host.get_all_records'))[0];
    await expectFailure(dc.call('SR.create', host, { server: 'x' }, 0, 'bad', '', 'nfs', 'user', true, {}), 'SR_BACKEND_FAILURE_38');
    const sr = await dc.call<string>('SR.create', host, { server: 'nfs2', serverpath: '/x' }, 0, 'NFS 2', '', 'nfs', 'user', true, {});
    const pbds = await dc.call<string[]>('SR.get_PBDs', sr);
    expect(pbds).toHaveLength(2);
    await expectFailure(dc.call('SR.forget', sr), 'SR_HAS_PBD', sr);
    for (const pb of pbds) await dc.call('PBD.unplug', pb);
    await dc.call('SR.forget', sr);
    await expectFailure(dc.call('SR.get_record', sr), 'HANDLE_INVALID', 'SR', sr);
  });

  test('raw VDI upload and download keep the bytes', async () => {
    const sr = (await dc.call<string[]>('SR.get_by_name_label', 'NFS shared storage'))[0];
    const vdi = await dc.call<string>('VDI.create', { SR: sr, virtual_size: 1024 * 1024, type: 'user', sharable: false, read_only: false, other_config: {} });
    const body = Buffer.from('hello disk');
    const put = await fetch(`${sim.pools[0].url}/import_raw_vdi?session_id=${dc.session}&vdi=${vdi}&format=raw`, { method: 'PUT', body, headers: { 'Content-Length': String(body.length) } });
    expect(put.status).toBe(200);
    const get = await fetch(`${sim.pools[0].url}/export_raw_vdi?session_id=${dc.session}&vdi=${vdi}&format=raw`);
    expect(Buffer.from(await get.arrayBuffer()).toString()).toBe('hello disk');
    expect((await fetch(`${sim.pools[0].url}/export_raw_vdi?session_id=bad&vdi=${vdi}`)).status).toBe(401);
  });
});

describe('network', () => {
  test('network, VLAN on every host, tunnel, destroy checks', async () => {
    const net = await dc.call<string>('network.create', { name_label: 'vlan42', other_config: {}, MTU: 1500 });
    expect(await dc.call('network.get_bridge', net)).toMatch(/^xapi\d+$/);
    const eth1 = Object.entries(await dc.call<Rec>('PIF.get_all_records')).find(([, pf]) => pf.device === 'eth1')![0];
    const pifs = await dc.call<string[]>('pool.create_VLAN_from_PIF', eth1, net, 42);
    expect(pifs).toHaveLength(2);
    await expectFailure(dc.call('VLAN.create', eth1, 42, net), 'PIF_VLAN_EXISTS', eth1);
    await expectFailure(dc.call('VLAN.create', eth1, 5000, net), 'VLAN_TAG_INVALID', '5000');
    await expectFailure(dc.call('network.destroy', net), 'NETWORK_CONTAINS_PIF');
    for (const v of Object.keys(await dc.call<Rec>('VLAN.get_all_records'))) await dc.call('VLAN.destroy', v);
    const priv = await dc.call<string>('network.create', { name_label: 'private', other_config: {} });
    const mgmt = Object.entries(await dc.call<Rec>('PIF.get_all_records')).filter(([, pf]) => pf.management).map(([r]) => r);
    for (const m of mgmt) await dc.call('tunnel.create', m, priv, 'vxlan');
    expect(Object.keys(await dc.call<Rec>('tunnel.get_all_records'))).toHaveLength(2);
    await dc.call('network.destroy', net);
  });
});

describe('cross-pool migrate_send', () => {
  test('moves a running VM and its disks, keeping the VM uuid', async () => {
    const vm = await vmFromTemplate(dc, 'burst');
    await dc.call('VM.start', vm, false, false);
    const uuid = await dc.call<string>('VM.get_uuid', vm);
    const vdi = await dc.call<string>('VBD.get_VDI', (await dc.call<string[]>('VM.get_VBDs', vm))[0]);
    const vif = (await dc.call<string[]>('VM.get_VIFs', vm))[0];
    const mac = await dc.call<string>('VIF.get_MAC', vif);
    const cloudHost = Object.keys(await cloud.call<Rec>('host.get_all_records'))[1];
    const cloudNet = (await cloud.call<string[]>('network.get_by_name_label', 'Pool-wide network associated with eth0'))[0];
    const cloudSr = (await cloud.call<string[]>('SR.get_by_name_label', 'NFS shared storage'))[0];
    const dest = await cloud.call<Rec>('host.migrate_receive', cloudHost, cloudNet, {});
    expect(Object.keys(dest).sort()).toEqual(['SM', 'host', 'master', 'session_id', 'xenops']);
    await expectFailure(dc.call('VM.assert_can_migrate', vm, dest, true, {}, { [vif]: cloudNet }, {}), 'VDI_NOT_IN_MAP', vdi);
    await expectFailure(dc.call('VM.assert_can_migrate', vm, dest, true, { [vdi]: cloudSr }, {}, {}), 'VIF_NOT_IN_MAP', vif);
    await dc.call('VM.assert_can_migrate', vm, dest, true, { [vdi]: cloudSr }, { [vif]: cloudNet }, {});
    const task = await dc.callAsync('VM.migrate_send', vm, dest, true, { [vdi]: cloudSr }, { [vif]: cloudNet }, {});
    expect(task.status).toBe('success');
    const newRef = (task.result as string).replace(/<\/?value>/g, '');
    expect(await cloud.call('VM.get_uuid', newRef)).toBe(uuid);
    expect(await cloud.call('VM.get_power_state', newRef)).toBe('Running');
    expect(await cloud.call('VM.get_resident_on', newRef)).toBe(cloudHost);
    const newVif = (await cloud.call<string[]>('VM.get_VIFs', newRef))[0];
    expect(await cloud.call('VIF.get_MAC', newVif)).toBe(mac);
    const newVdi = await cloud.call<string>('VBD.get_VDI', (await cloud.call<string[]>('VM.get_VBDs', newRef))[0]);
    expect(await cloud.call('VDI.get_SR', newVdi)).toBe(cloudSr);
    await expectFailure(dc.call('VM.get_record', vm), 'HANDLE_INVALID', 'VM', vm);
    await expectFailure(dc.call('VDI.get_record', vdi), 'HANDLE_INVALID', 'VDI', vdi);
  });

  test('at most 3 concurrent storage migrations per host', async () => {
    sim.world.settings.latencyMsPerGiB = 1000;
    try {
      const vms: string[] = [];
      const host = Object.keys(await dc.call<Rec>('host.get_all_records'))[0];
      for (let i = 0; i < 4; i++) {
        const vm = await vmFromTemplate(dc, `mig${i}`);
        await dc.call('VM.start_on', vm, host, false, false);
        vms.push(vm);
      }
      const cloudHost = Object.keys(await cloud.call<Rec>('host.get_all_records'))[0];
      const cloudNet = (await cloud.call<string[]>('network.get_by_name_label', 'Pool-wide network associated with eth0'))[0];
      const cloudSr = (await cloud.call<string[]>('SR.get_by_name_label', 'NFS shared storage'))[0];
      const tasks: string[] = [];
      for (const vm of vms) {
        const dest = await cloud.call<Rec>('host.migrate_receive', cloudHost, cloudNet, {});
        const vdi = await dc.call<string>('VBD.get_VDI', (await dc.call<string[]>('VM.get_VBDs', vm))[0]);
        const vif = (await dc.call<string[]>('VM.get_VIFs', vm))[0];
        tasks.push(await dc.call<string>('Async.VM.migrate_send', vm, dest, true, { [vdi]: cloudSr }, { [vif]: cloudNet }, {}));
      }
      await clock.advance(1);
      const fourth = await dc.call<Rec>('task.get_record', tasks[3]);
      expect(fourth.status).toBe('failure');
      expect(fourth.error_info).toEqual(['TOO_MANY_STORAGE_MIGRATES', '3']);
      await clock.advance(60_000);
      for (const t of tasks.slice(0, 3)) expect(await dc.call('task.get_status', t)).toBe('success');
    } finally {
      sim.world.settings.latencyMsPerGiB = 0;
    }
  });
});

describe('pool membership', () => {
  test('a standalone host joins a pool and is ejected again', async () => {
    const spare = await startSimulator({ pools: [{ name: 'pa', hosts: 2 }, { name: 'spare', hosts: 1 }], clock });
    try {
      const pa = new RawClient(spare.pools[0].url);
      const sp = new RawClient(spare.pools[1].url);
      await pa.login();
      await sp.login();
      const masterAddress = await pa.call<string>('host.get_address', Object.values(await pa.call<Rec>('pool.get_all_records'))[0].master);
      await sp.call('pool.join', masterAddress, 'root', 'xcpform');
      const hosts = await pa.call<Rec>('host.get_all_records');
      expect(Object.keys(hosts)).toHaveLength(3);
      const joined = Object.entries(hosts).find(([, h]) => h.hostname === 'spare-host1')![0];
      // its local SR and local ISO library came along; the shared SRs got a PBD for it
      expect(await pa.call<string[]>('host.get_PBDs', joined)).toHaveLength(4);
      await expectFailure(sp.login(), 'HOST_IS_SLAVE', masterAddress);
      await pa.call('pool.eject', joined);
      expect(Object.keys(await pa.call<Rec>('host.get_all_records'))).toHaveLength(2);
      expect([...spare.world.pools.keys()]).toContain('spare-host1');
    } finally {
      await spare.close();
    }
  });
});
