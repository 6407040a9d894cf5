/**
 * Every configurable attribute of the infra resources, changed one at a time against the
 * simulator: the plan classifies it exactly as the schema says, and an in-place or migrate
 * change, once applied, reads back so that the same configuration plans as no-op (proof that
 * XAPI really changed, since read maps only XAPI records). Attributes whose XAPI call the
 * simulator lacks are listed as gaps: applying them must fail loudly naming the call, never
 * silently succeed.
 */
import { planResourceChange } from '../src/plan/diff';
import { ResourceError, type ResourceType } from '../src/resources/resource';
import { forEachAttribute, isConfigurable, type UpdateClass } from '../src/schema/model';
import type { ObjectValue, Value } from '../src/values/value';
import { bondResource } from '../src/resources/bond';
import { cloudConfigResource } from '../src/resources/cloud-config';
import { hostResource } from '../src/resources/host';
import { networkResource } from '../src/resources/network';
import { poolResource } from '../src/resources/pool';
import { privateNetworkResource } from '../src/resources/private-network';
import { resourceType } from '../src/resources/registry';
import { vlanResource } from '../src/resources/vlan';
import { startResourceHarness, type ResourceHarness } from './helpers/resource-context';

const GiB = 2 ** 30;

/** How one attribute changes: the new value and what must happen. */
type Change =
  | { value: Value; expect: 'applied' }
  /** Kept in state only: a create-time input or a setting used later (delete, HA enable). */
  | { value: Value; expect: 'state-only'; why: string }
  | { value: Value; expect: 'replace' };

interface Spec {
  readonly rt: ResourceType;
  readonly base: (ids: Ids) => ObjectValue;
  readonly changes: (ids: Ids) => Record<string, Change>;
}

interface Ids {
  nfs: string;
  local1: string;
  host1: string;
  host2: string;
  eth0net: string;
}

const labels = (): Record<string, Change> => ({
  name_label: { value: 'renamed', expect: 'applied' },
  name_description: { value: 'described', expect: 'applied' },
  tags: { value: ['cov', 'infra'], expect: 'applied' },
  other_config: { value: { team: 'infra', cost_center: '42' }, expect: 'applied' },
  pool: { value: 'dc1', expect: 'replace' },
});

const SPECS: Record<string, Spec> = {
  xcp_pool: {
    rt: poolResource,
    base: () => ({ pool: 'cloud1' }),
    changes: (ids) => ({
      ...labels(),
      default_sr: { value: ids.local1, expect: 'applied' },
      suspend_image_sr: { value: ids.local1, expect: 'applied' },
      crash_dump_sr: { value: 'ISO library', expect: 'applied' },
      master: { value: ids.host2, expect: 'applied' },
      migration_compression: { value: true, expect: 'applied' },
      live_patching_disabled: { value: true, expect: 'applied' },
      ha_heartbeat_srs: { value: [ids.nfs], expect: 'state-only', why: 'used by pool.enable_ha while HA is off' },
      ha_host_failures_to_tolerate: { value: 1, expect: 'state-only', why: 'set with HA; HA is off' },
      ha_enabled: { value: true, expect: 'applied' },
    }),
  },
  xcp_host: {
    rt: hostResource,
    base: () => ({ pool: 'cloud1', address: '127.0.2.2' }),
    changes: (ids) => ({
      ...labels(),
      address: { value: '127.0.2.9', expect: 'replace' },
      join_username: { value: 'admin', expect: 'state-only', why: 'used only by pool.join' },
      join_password: { value: 'other-secret', expect: 'state-only', why: 'used only by pool.join' },
      allow_eject: { value: true, expect: 'state-only', why: 'read by delete' },
      enabled: { value: false, expect: 'applied' },
      maintenance: { value: true, expect: 'applied' },
      suspend_image_sr: { value: ids.nfs, expect: 'applied' },
      crash_dump_sr: { value: ids.nfs, expect: 'applied' },
      hostname: { value: 'renamed-host', expect: 'applied' },
      logging: { value: { syslog_destination: '10.0.0.9' }, expect: 'applied' },
      power_on_mode: { value: 'wake-on-lan', expect: 'applied' },
      iscsi_iqn: { value: 'iqn.2026-01.test:h2', expect: 'applied' },
    }),
  },
  xcp_sr: {
    // As the catalog serves it: with its timeouts block honoured (src/resources/timeouts).
    rt: resourceType('xcp_sr')!,
    base: (ids) => ({ pool: 'cloud1', name_label: 'cov-sr', type: 'ext', device_config: { device: '/dev/sdc' }, host: ids.host1 }),
    changes: (ids) => ({
      ...labels(),
      type: { value: 'lvm', expect: 'replace' },
      content_type: { value: 'iso', expect: 'replace' },
      shared: { value: true, expect: 'replace' },
      device_config: { value: { device: '/dev/sdd' }, expect: 'replace' },
      device_config_secrets: { value: { password: 'pw' }, expect: 'replace' },
      host: { value: ids.host2, expect: 'replace' },
      size: { value: 10 * GiB, expect: 'replace' },
      sm_config: { value: { allocation: 'thin' }, expect: 'replace' },
      on_destroy: { value: 'destroy', expect: 'state-only', why: 'read by delete' },
      local_caching: { value: true, expect: 'applied' },
      timeouts: { value: { create: '10m', update: '5m', delete: null }, expect: 'applied' },
    }),
  },
  xcp_vdi: {
    rt: resourceType('xcp_vdi')!,
    base: (ids) => ({ pool: 'cloud1', name_label: 'cov-vdi', sr: ids.local1, size: GiB }),
    changes: (ids) => ({
      ...labels(),
      sr: { value: ids.nfs, expect: 'applied' },
      size: { value: 2 * GiB, expect: 'applied' },
      type: { value: 'system', expect: 'replace' },
      sharable: { value: true, expect: 'applied' },
      read_only: { value: true, expect: 'applied' },
      // Before on_boot = reset: xapi refuses changed block tracking on a reset-on-boot disk.
      cbt_enabled: { value: true, expect: 'applied' },
      on_boot: { value: 'reset', expect: 'applied' },
      source: { value: '/tmp/image.raw', expect: 'replace' },
      source_format: { value: 'vhd', expect: 'replace' },
      allow_caching: { value: true, expect: 'applied' },
      timeouts: { value: { create: null, update: null, delete: '1h' }, expect: 'applied' },
    }),
  },
  xcp_network: {
    rt: networkResource,
    base: () => ({ pool: 'cloud1', name_label: 'cov-net' }),
    changes: () => ({
      ...labels(),
      mtu: { value: 9000, expect: 'applied' },
      automatic: { value: true, expect: 'applied' },
      managed: { value: false, expect: 'replace' },
      default_locking_mode: { value: 'disabled', expect: 'applied' },
      purpose: { value: ['nbd'], expect: 'applied' },
    }),
  },
  xcp_vlan: {
    rt: vlanResource,
    base: () => ({ pool: 'cloud1', tag: 42, device: 'eth1', name_label: 'cov-vlan' }),
    changes: (ids) => ({
      ...labels(),
      tag: { value: 43, expect: 'replace' },
      device: { value: 'eth0', expect: 'replace' },
      network: { value: ids.eth0net, expect: 'replace' },
      mtu: { value: 9000, expect: 'applied' },
      hosts: { value: [ids.host1], expect: 'applied' },
      ip_config: { value: [{ host: ids.host1, mode: 'static', ip: '10.0.0.5', netmask: '255.255.255.0', gateway: '10.0.0.1', dns: '10.0.0.53' }], expect: 'applied' },
    }),
  },
  xcp_bond: {
    rt: bondResource,
    base: (ids) => ({ pool: 'cloud1', host: ids.host1, members: ['eth2', 'eth3'], name_label: 'cov-bond' }),
    changes: (ids) => ({
      name_label: { value: 'renamed', expect: 'applied' },
      name_description: { value: 'described', expect: 'applied' },
      pool: { value: 'dc1', expect: 'replace' },
      host: { value: ids.host2, expect: 'replace' },
      members: { value: ['eth1', 'eth2'], expect: 'replace' },
      mac: { value: '02:00:00:00:00:01', expect: 'replace' },
      network: { value: ids.eth0net, expect: 'replace' },
      mode: { value: 'lacp', expect: 'applied' },
      hashing_algorithm: { value: 'src_mac', expect: 'applied' },
      lacp_time: { value: 'fast', expect: 'applied' },
    }),
  },
  xcp_cloud_config: {
    rt: cloudConfigResource,
    base: () => ({ pool: 'cloud1', name: 'cov-cc', template: '#cloud-config\n' }),
    changes: () => ({
      name: { value: 'cov-cc-renamed', expect: 'applied' },
      template: { value: '#cloud-config\npackages: [nginx]\n', expect: 'applied' },
      pool: { value: 'dc1', expect: 'replace' },
    }),
  },
  xcp_private_network: {
    rt: privateNetworkResource,
    base: (ids) => ({ pool: 'cloud1', name_label: 'cov-priv', transport_network: ids.eth0net }),
    changes: (ids) => ({
      ...labels(),
      protocol: { value: 'gre', expect: 'replace' },
      transport_network: { value: 'Pool-wide network associated with eth1', expect: 'replace' },
      encryption: { value: true, expect: 'replace' },
      mtu: { value: 1400, expect: 'applied' },
      hosts: { value: [ids.host1], expect: 'applied' },
      star_center: { value: ids.host1, expect: 'applied' },
    }),
  },
};

/** Configurable top-level attributes and blocks (a block counts as one attribute). */
function configurable(rt: ResourceType): Map<string, UpdateClass> {
  const out = new Map<string, UpdateClass>();
  forEachAttribute(rt.schema.block, (path, attr) => {
    if (!isConfigurable(attr) || !attr.update) return;
    const key = path[0];
    if (path.length > 1 && out.get(key) && out.get(key) !== attr.update) throw new Error(`block ${key} mixes update classes`);
    out.set(key, attr.update);
  });
  return out;
}

let h: ResourceHarness;
let ids: Ids;
beforeAll(async () => {
  h = await startResourceHarness();
  const r = await h.records('cloud1', ['SR', 'host', 'network', 'PBD']);
  const host = (name: string) => [...r.all('host').values()].find((x) => x.name_label === name)!.uuid;
  const host1Ref = [...r.all('host')].find(([, x]) => x.name_label === 'cloud1-host1')![0];
  const local1 = [...r.all('SR').values()].find((sr) => sr.type === 'ext' && sr.PBDs.some((p) => r.get('PBD', p)?.host === host1Ref))!.uuid;
  ids = { nfs: r.byName('SR', 'NFS shared storage')[0].record.uuid, local1, host1: host('cloud1-host1'), host2: host('cloud1-host2'), eth0net: r.byName('network', 'Pool-wide network associated with eth0')[0].record.uuid };
});
afterAll(async () => { await h.close(); });

describe.each(Object.keys(SPECS))('%s: every configurable attribute', (typeName) => {
  const spec = SPECS[typeName];

  it('is covered by a change below with the schema\'s update class', () => {
    const changes = spec.changes({ nfs: 'x', local1: 'x', host1: 'x', host2: 'x', eth0net: 'x' });
    const attrs = configurable(spec.rt);
    expect([...Object.keys(changes)].sort()).toEqual([...attrs.keys()].sort());
    for (const [name, c] of Object.entries(changes)) {
      const cls = attrs.get(name)!;
      if (c.expect === 'replace') expect([name, cls]).toEqual([name, 'replace']);
      else expect([name, cls]).not.toEqual([name, 'replace']);
    }
  });

  it('changes on the simulator as planned', async () => {
    const { rt } = spec;
    const address = `${typeName}.coverage`;
    let cfg = spec.base(ids);
    let state = (await rt.create({ planned: planResourceChange(rt.schema, null, cfg).planned, config: cfg, ctx: h.ctx(address) })).state;
    const readNow = async (prior: ObjectValue) => rt.read({ prior, world: await h.world(rt.classes) }).state!;
    for (const [attr, change] of Object.entries(spec.changes(ids))) {
      const next = { ...cfg, [attr]: change.value };
      const diff = planResourceChange(rt.schema, state, next);
      const cls = configurable(rt).get(attr)!;
      if (change.expect === 'replace') {
        expect([attr, diff.action]).toEqual([attr, 'replace']);
        continue;
      }
      expect([attr, diff.action]).toEqual([attr, cls === 'migrate' ? 'migrate' : 'update']);
      const req = { prior: state, planned: diff.planned, config: next, ctx: h.ctx(address) };
      const run = diff.action === 'migrate' ? rt.migrate!(req) : rt.update(req);
      state = (await run).state;
      cfg = next;
      const reread = await readNow(state);
      expect([attr, planResourceChange(rt.schema, reread, cfg).action]).toEqual([attr, 'no-op']);
      state = reread;
    }
    await rt.delete({ prior: typeName === 'xcp_host' ? { ...state, allow_eject: false } : state, ctx: h.ctx(address) }).catch((e: unknown) => {
      if (typeName !== 'xcp_host') throw e;
      expect((e as ResourceError).diagnostic.code).toBe('resource.host-eject-not-allowed');
    });
    if (typeName !== 'xcp_host' && typeName !== 'xcp_pool') expect(rt.read({ prior: state, world: await h.world(rt.classes) }).state).toBeNull();
  });
});
