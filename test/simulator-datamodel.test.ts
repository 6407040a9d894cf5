/**
 * The simulator against xapi's own data model (test/fixtures/xapi/datamodel.json.gz, reduced
 * from xapi's published `xenapi.json`; see test/fixtures/xapi/README.md): every message the
 * simulator serves exists in xapi with the same parameter and result types and is not removed;
 * every field of its class tables has xapi's type; every XenAPI call xcpform itself makes by name
 * exists and is not removed. Then the calls added from the data model behave as xapi documents,
 * over HTTP: their refusals carry xapi's error codes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { METHODS } from '../src/simulator/dispatch/registry';
import { CLASSES } from '../src/simulator/schema/misc';
import type { FieldType } from '../src/simulator/model/types';
import { RunningSimulator, startSimulator } from '../src/simulator';
import { RawClient, RawXapiError, closeRawClients } from '../src/simulator/testing/raw-client';
import { ROOT } from './helpers/cli';

interface DmMessage { params: [string, string][]; result: string; errors: string[]; state: string }
interface DmClass { fields: Record<string, [string, string, string]>; messages: Record<string, DmMessage>; enums: Record<string, string[]> }
const DM: { classes: Record<string, DmClass> } = JSON.parse(gunzipSync(readFileSync(join(ROOT, 'test', 'fixtures', 'xapi', 'datamodel.json.gz'))).toString('utf8'));

/** A simulator type spelled as xapi's data model spells it. */
function spell(t: FieldType): string {
  switch (t.k) {
    case 'ref': return `${t.cls} ref`;
    case 'enum': return `enum ${t.name}`;
    case 'set': return `${spell(t.of)} set`;
    case 'map': return `(${spell(t.key)} -> ${spell(t.value)}) map`;
    case 'record': return `${t.cls} record`;
    default: return t.k;
  }
}

function dmMessage(name: string): DmMessage | undefined {
  const dot = name.indexOf('.');
  return DM.classes[name.slice(0, dot)]?.messages[name.slice(dot + 1)];
}

/**
 * Served messages the published model does not list, each with why the simulator still serves it.
 * Nothing else may differ.
 */
const NOT_IN_MODEL: readonly [RegExp, string][] = [
  [/^[A-Za-z_]+\.get_all_records_where$/, 'xapi serves get_all_records_where for every class; the published model hides it (only message lists it)'],
  [/^system\.listMethods$/, 'the XML-RPC introspection call xapi answers outside the class model'],
];
/** Messages whose result the simulator builds already in wire form (typed `any`). */
const WIRE_RESULTS: Readonly<Record<string, string>> = { 'event.from': 'an event batch', 'event.next': 'event record set' };

describe('the simulator follows xapi\'s data model', () => {
  test('every message it serves exists in xapi, is not removed, and has xapi\'s parameter and result types', () => {
    const problems: string[] = [];
    for (const [name, spec] of METHODS) {
      const m = dmMessage(name);
      if (!m) {
        if (!NOT_IN_MODEL.some(([re]) => re.test(name))) problems.push(`${name}: not in xapi's data model`);
        continue;
      }
      if (m.state === 'Removed') problems.push(`${name}: removed from xapi`);
      const want = m.params.filter(([n, t]) => !(n === 'session_id' && t === 'session ref')).map(([, t]) => t);
      const have = spec.params.map((p) => spell(p.type));
      if (have.join(', ') !== want.join(', ')) problems.push(`${name}: parameters (${have.join(', ')}), xapi (${want.join(', ')})`);
      const result = spec.result ? spell(spec.result) : 'void';
      const wantResult = WIRE_RESULTS[name] !== undefined && result === 'any' ? 'any' : m.result;
      if (result !== wantResult) problems.push(`${name}: result ${result}, xapi ${m.result}`);
    }
    expect(problems).toEqual([]);
    // The calls this round added from the model are among them.
    for (const name of ['VM.set_ha_restart_priority', 'network.set_default_locking_mode', 'network.add_purpose', 'host.set_hostname_live', 'host.set_iscsi_iqn',
      'host.set_power_on_mode', 'host.syslog_reconfigure', 'host.enable_local_storage_caching', 'VDI.enable_cbt', 'VDI.disable_cbt', 'VDI.set_allow_caching',
      'pool.enable_ha', 'pool.disable_ha', 'pool.set_ha_host_failures_to_tolerate', 'VTPM.create', 'VTPM.destroy']) expect([name, METHODS.has(name)]).toEqual([name, true]);
  });

  test('every field of its class tables has xapi\'s type', () => {
    const problems: string[] = [];
    for (const [cls, spec] of CLASSES) {
      const dm = DM.classes[cls];
      if (!dm) {
        problems.push(`${cls}: not a class of xapi`);
        continue;
      }
      for (const [field, f] of Object.entries(spec.fields)) {
        const want = dm.fields[field];
        if (!want) problems.push(`${cls}.${field}: not a field of xapi (internal fields are not served)`);
        else if (spell(f.type) !== want[0]) problems.push(`${cls}.${field}: ${spell(f.type)}, xapi ${want[0]}`);
        else if (spec.removed.includes(field) !== (want[2] === 'Removed')) problems.push(`${cls}.${field}: removed is ${spec.removed.includes(field)}, xapi says ${want[2]}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('every XenAPI call xcpform makes by name exists in xapi and is not removed', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) {
          if (f !== 'simulator') walk(p);
        } else if (f.endsWith('.ts') && !f.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(join(ROOT, 'src'));
    const classes = Object.keys(DM.classes).join('|');
    const called = new Set<string>();
    for (const f of files) for (const [, name] of readFileSync(f, 'utf8').matchAll(new RegExp(`'((?:${classes})\\.[a-z_A-Z]+)'`, 'g'))) called.add(name);
    expect(called.size).toBeGreaterThan(100);
    const problems = [...called].sort().flatMap((name) => {
      const m = dmMessage(name);
      if (!m) return [`${name}: not in xapi's data model`];
      return m.state === 'Removed' ? [`${name}: removed from xapi`] : [];
    });
    expect(problems).toEqual([]);
  });
});

describe('the calls added from the data model, over HTTP', () => {
  let sim: RunningSimulator;
  let c: RawClient;
  beforeAll(async () => {
    sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 2 }], guestBootMs: 0 });
    c = new RawClient(sim.pools[0].url, 'json');
    await c.login();
  });
  afterAll(async () => {
    closeRawClients();
    await sim.close();
  });

  async function failure(p: Promise<unknown>): Promise<string[]> {
    try {
      await p;
    } catch (err) {
      if (err instanceof RawXapiError) return err.description;
      throw err;
    }
    throw new Error('expected a XenAPI failure');
  }

  const one = async (cls: string, name: string): Promise<string> => (await c.call<string[]>(`${cls}.get_by_name_label`, name))[0];

  test('enum arguments are checked as xapi checks them', async () => {
    const vm = await c.call<string>('VM.clone', await one('VM', 'Debian Bookworm 12'), 'enum-check');
    expect((await failure(c.call('VM.add_to_blocked_operations', vm, 'not_an_operation', 'why')))[0]).toMatch(/^(ENUM|INVALID)/);
    await c.call('VM.add_to_blocked_operations', vm, 'start', 'blocked by the test');
    expect(await c.call('VM.get_blocked_operations', vm)).toEqual({ start: 'blocked by the test' });
    const net = await one('network', 'Pool-wide network associated with eth1');
    expect((await failure(c.call('network.set_default_locking_mode', net, 'locked')))[0]).toMatch(/^(ENUM|INVALID)/);
    expect((await failure(c.call('VM.set_ha_restart_priority', vm, 'always')))).toEqual(['INVALID_VALUE', 'ha_restart_priority', 'always']);
    await c.call('VM.set_ha_restart_priority', vm, 'restart');
    expect(await c.call('VM.get_ha_restart_priority', vm)).toBe('restart');
  });

  test('network.set_default_locking_mode refuses while a VIF of the network is plugged', async () => {
    const net = await c.call<string>('network.create', { name_label: 'locking', name_description: '', MTU: 1500, other_config: {} });
    await c.call('network.set_default_locking_mode', net, 'disabled');
    expect(await c.call('network.get_default_locking_mode', net)).toBe('disabled');
    const vm = await c.call<string>('VM.clone', await one('VM', 'Debian Bookworm 12'), 'locking-vm');
    await c.call('VM.provision', vm);
    await c.call('VM.set_is_a_template', vm, false);
    const vif = await c.call<string>('VIF.create', { device: '0', network: net, VM: vm, MAC: '', MTU: 1500, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} });
    await c.call('VM.start', vm, false, false);
    expect(await failure(c.call('network.set_default_locking_mode', net, 'unlocked'))).toEqual(['VIF_IN_USE', net, vif]);
  });

  test('CBT is refused on a reset-on-boot disk and on ISO storage; the VTPM needs a halted VM', async () => {
    const sr = await one('SR', 'NFS shared storage');
    const vdi = await c.call<string>('VDI.create', { name_label: 'cbt', SR: sr, virtual_size: 2 ** 30, type: 'user', sharable: false, read_only: false, other_config: {} });
    await c.call('VDI.enable_cbt', vdi);
    expect(await c.call('VDI.get_cbt_enabled', vdi)).toBe(true);
    await c.call('VDI.disable_cbt', vdi);
    await c.call('VDI.set_on_boot', vdi, 'reset');
    expect(await failure(c.call('VDI.enable_cbt', vdi))).toEqual(['VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION']);
    const iso = await one('VDI', 'debian-12.5.0-amd64-netinst.iso');
    expect((await failure(c.call('VDI.enable_cbt', iso)))[0]).toBe('SR_OPERATION_NOT_SUPPORTED');

    const running = await one('VM', 'locking-vm');
    expect((await failure(c.call('VTPM.create', running, false)))[0]).toBe('VM_BAD_POWER_STATE');
    const halted = await one('VM', 'enum-check');
    const tpm = await c.call<string>('VTPM.create', halted, false);
    expect(await c.call('VM.get_VTPMs', halted)).toEqual([tpm]);
    expect((await failure(c.call('VTPM.create', halted, false)))[0]).toBe('VTPM_MAX_AMOUNT_REACHED');
    await c.call('VTPM.destroy', tpm);
    expect(await c.call('VM.get_VTPMs', halted)).toEqual([]);
  });

  test('host settings: host name, IQN, power-on mode; IntelliCache only on a disabled host', async () => {
    const host = (await c.call<string[]>('host.get_all'))[1];
    expect((await failure(c.call('host.set_hostname_live', host, 'bad name!')))[0]).toBe('HOST_NAME_INVALID');
    await c.call('host.set_hostname_live', host, 'node2.example');
    expect(await c.call('host.get_hostname', host)).toBe('node2.example');
    expect(await failure(c.call('host.set_iscsi_iqn', host, ''))).toEqual(['INVALID_VALUE', 'value', '']);
    await c.call('host.set_iscsi_iqn', host, 'iqn.2026-12.example:node2');
    expect(await c.call('host.get_iscsi_iqn', host)).toBe('iqn.2026-12.example:node2');
    await c.call('host.set_power_on_mode', host, 'wake-on-lan', {});
    expect(await c.call('host.get_power_on_mode', host)).toBe('wake-on-lan');
    const pbds = await c.call<string[]>('host.get_PBDs', host);
    const srs = await Promise.all(pbds.map((p) => c.call<string>('PBD.get_SR', p)));
    const types = await Promise.all(srs.map((sr) => c.call<string>('SR.get_type', sr)));
    const local = srs[types.indexOf('ext')];
    expect(await failure(c.call('host.enable_local_storage_caching', host, local))).toEqual(['HOST_NOT_DISABLED']);
    await c.call('host.disable', host);
    await c.call('host.enable_local_storage_caching', host, local);
    expect(await c.call('host.get_local_cache_sr', host)).toBe(local);
    expect(await c.call('SR.get_local_cache_enabled', local)).toBe(true);
    await c.call('host.disable_local_storage_caching', host);
    expect(await c.call('SR.get_local_cache_enabled', local)).toBe(false);
    await c.call('host.enable', host);
  });

  test('HA: enable on shared heartbeat SRs only, tolerate at most hosts - 1 failures, disable', async () => {
    const pool = (await c.call<string[]>('pool.get_all'))[0];
    const localSr = (await c.call<string[]>('SR.get_by_name_label', 'Local storage'))[0];
    expect(await failure(c.call('pool.enable_ha', [localSr], {}))).toEqual(['SR_NOT_SHARED', localSr]);
    const shared = await one('SR', 'NFS shared storage');
    await c.call('pool.enable_ha', [shared], {});
    expect(await c.call('pool.get_ha_enabled', pool)).toBe(true);
    expect(await failure(c.call('pool.enable_ha', [shared], {}))).toEqual(['HA_IS_ENABLED']);
    await c.call('pool.set_ha_host_failures_to_tolerate', pool, 1);
    expect((await failure(c.call('pool.set_ha_host_failures_to_tolerate', pool, 2)))[0]).toBe('HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN');
    await c.call('pool.disable_ha');
    expect(await c.call('pool.get_ha_statefiles', pool)).toEqual([]);
    expect(await failure(c.call('pool.disable_ha'))).toEqual(['HA_NOT_ENABLED']);
  });
});
