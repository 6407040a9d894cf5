/**
 * Plan fixtures for the renderer tests: small builders over the provider's schemas plus the
 * named scenarios of the golden tests. Values are what the planner would produce: every schema
 * attribute present (defaults or null), `Unknown` for values known after apply, sensitive paths
 * set from the schema.
 */
import type { Action, ActionReason, Migration, OutputChange, Plan, ResourceChange } from '../../src/plan/model';
import type { AttrPath } from '../../src/plan/paths';
import { dataSourceSchema, resourceSchema } from '../../src/provider/schemas';
import type { BlockSchema } from '../../src/schema/model';
import { isObjectValue, ObjectValue, UNKNOWN, Value } from '../../src/values/value';

export const GIB = 1024 ** 3;
/** Secrets the tests assert never appear in any output. */
export const SECRETS = ['S3cr3t-NFS-pa55w0rd', 'psk-OLD-hunter2-hunter2', 'psk-NEW-correct-horse-battery', 'sensitive-output-value-xyz'];
/** A fixed timestamp for the JSON goldens. */
export const TIMESTAMP = '2026-01-01T12:00:00Z';

export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function fill(block: BlockSchema, values: ObjectValue): ObjectValue {
  const out: ObjectValue = {};
  for (const [k, a] of Object.entries(block.attributes)) out[k] = k in values ? values[k] : a.default !== undefined ? (a.default as Value) : null;
  for (const [k, bt] of Object.entries(block.blockTypes ?? {})) {
    const v = values[k];
    if (bt.nesting === 'single') out[k] = isObjectValue(v) ? fill(bt.block, v) : null;
    else out[k] = Array.isArray(v) ? v.map((x) => (isObjectValue(x) ? fill(bt.block, x) : x)) : [];
  }
  return out;
}

/** A full object of `type` from the schema: given values, else the default, else null. */
export function obj(type: string, values: ObjectValue, mode: 'managed' | 'data' = 'managed'): ObjectValue {
  const schema = mode === 'data' ? dataSourceSchema(type) : resourceSchema(type);
  if (!schema) throw new Error(`no schema for ${type}`);
  return fill(schema.block, values);
}

function sensitiveOf(type: string, mode: 'managed' | 'data', v: ObjectValue | null): AttrPath[] {
  const schema = mode === 'data' ? dataSourceSchema(type) : resourceSchema(type);
  if (!schema || !v) return [];
  return Object.entries(schema.block.attributes).filter(([k, a]) => a.sensitive && v[k] !== null).map(([k]) => [k]);
}

export interface ChangeSpec {
  readonly address: string;
  readonly action: Action;
  readonly before?: ObjectValue | null;
  readonly after?: ObjectValue | null;
  readonly actionReason?: ActionReason;
  readonly replacePaths?: AttrPath[];
  readonly migratePaths?: AttrPath[];
  readonly haltPaths?: AttrPath[];
  readonly notes?: string[];
  readonly migration?: Migration;
  readonly cost?: { before: number; after: number };
  readonly dependsOn?: string[];
  readonly providerConfig?: string;
}

/** A ResourceChange from an address (`data.` prefix, `[0]` and `["k"]` indexes understood). */
export function change(spec: ChangeSpec): ResourceChange {
  const m = /^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(\d+|"[^"]*")\])?$/.exec(spec.address);
  if (!m) throw new Error(`bad address ${spec.address}`);
  const mode = m[1] ? 'data' : 'managed';
  const index = m[4] === undefined ? undefined : m[4].startsWith('"') ? (JSON.parse(m[4]) as string) : Number(m[4]);
  const before = spec.before ?? null;
  const after = spec.after ?? null;
  return {
    address: spec.address,
    mode,
    type: m[2],
    name: m[3],
    ...(index !== undefined ? { index } : {}),
    providerConfig: spec.providerConfig ?? 'xcp',
    action: spec.action,
    ...(spec.actionReason ? { actionReason: spec.actionReason } : {}),
    before,
    after,
    beforeSensitive: sensitiveOf(m[2], mode, before),
    afterSensitive: sensitiveOf(m[2], mode, after),
    replacePaths: spec.replacePaths ?? [],
    migratePaths: spec.migratePaths ?? [],
    haltPaths: spec.haltPaths ?? [],
    notes: spec.notes ?? [],
    ...(spec.migration ? { migration: spec.migration } : {}),
    ...(spec.cost ? { cost: spec.cost } : {}),
    dependsOn: spec.dependsOn ?? [],
    schemaVersion: 0,
    patch: [],
  };
}

export function plan(p: Partial<Plan> = {}): Plan {
  return {
    formatVersion: 1,
    xcpformVersion: '0.1.0',
    mode: 'normal',
    prior: { lineage: '3c1f6a52-9c0b-4e5e-8d5e-2f0f4a1b9d10', serial: 7 },
    variables: {},
    changes: [],
    drift: [],
    outputs: [],
    diagnostics: [],
    targets: [],
    errored: false,
    ...p,
    ...(p.changes ? { changes: [...p.changes].sort((a, b) => (a.address < b.address ? -1 : 1)) } : {}),
  };
}

/** A running VM as refresh reads it. */
export function vm(n: number, name: string, extra: ObjectValue = {}): ObjectValue {
  return obj('xcp_vm', {
    id: uuid(n), uuid: uuid(n), pool: 'dc1', name_label: name, template: 'debian-12', host: 'h1',
    vcpus: 2, vcpus_max: 2, cores_per_socket: 1, memory: 4 * GIB, memory_static_min: 4 * GIB,
    memory_dynamic_min: 4 * GIB, memory_dynamic_max: 4 * GIB, firmware: 'uefi', boot_order: 'cd', viridian: false,
    vga: 'std', videoram: 8, has_vendor_device: false, hvm_shadow_multiplier: 1, suspend_sr: 'sr-dc1-nfs',
    ip_addresses: ['10.0.0.5'], ip_address: '10.0.0.5', os_version: { distro: 'debian', major: '12' },
    pv_drivers_version: {}, domid: 3, start_time: '2026-01-01T10:00:00Z', requires_reboot: false,
    allowed_operations: ['clean_shutdown', 'pool_migrate'], monthly_cost: 40, tags: ['web'],
    disk: [{ userdevice: '0', name_label: `${name} 0`, size: 20 * GIB, sr: 'sr-dc1-nfs', bootable: true, vdi_uuid: uuid(n + 100), vbd_uuid: uuid(n + 200) }],
    nic: [{ network: 'lan', device: '0', mac: 'aa:bb:cc:00:00:01', mtu: 1500, vif_uuid: uuid(n + 300) }],
    ...extra,
  });
}

/** The planned value of a new VM: computed attributes unknown. */
export function newVm(name: string, extra: ObjectValue = {}): ObjectValue {
  const u = UNKNOWN;
  return obj('xcp_vm', {
    id: u, uuid: u, pool: 'dc1', name_label: name, template: 'debian-12', host: u, vcpus: 2, vcpus_max: u,
    cores_per_socket: u, memory: 4 * GIB, memory_static_min: u, memory_dynamic_min: u, memory_dynamic_max: u,
    firmware: u, boot_order: u, viridian: u, vga: u, videoram: u, has_vendor_device: u, hvm_shadow_multiplier: u,
    suspend_sr: u, ip_addresses: u, ip_address: u, os_version: u, pv_drivers_version: u, domid: u, start_time: u,
    requires_reboot: u, allowed_operations: u, monthly_cost: u,
    disk: [{ userdevice: '0', name_label: u, size: 20 * GIB, sr: 'sr-dc1-nfs', bootable: true, vdi_uuid: u, vbd_uuid: u }],
    nic: [{ network: 'lan', device: u, mac: u, mtu: u, vif_uuid: u }],
    ...extra,
  });
}

/** Same value with `patch` applied over the top level. */
export function with_(base: ObjectValue, patch: ObjectValue): ObjectValue {
  return { ...base, ...patch };
}

export function output(name: string, action: OutputChange['action'], before: Value, after: Value, sensitive = false): OutputChange {
  return { name, action, before, after, sensitive };
}

// ---------------------------------------------------------------------------------------------
// Named scenarios (one Plan each) for the golden tests.

const web = vm(1, 'web');
const app = vm(2, 'app', { tags: ['app', 'prod'], other_config: { owner: 'ops' } });
const lan = obj('xcp_network', { id: uuid(10), uuid: uuid(10), pool: 'dc1', name_label: 'lan', bridge: 'xapi1', pifs: [uuid(11)], vifs: [] });
const nfsSr = (secret: string) => obj('xcp_sr', {
  id: uuid(20), uuid: uuid(20), pool: 'dc1', name_label: 'nfs', type: 'nfs', shared: true,
  device_config: { server: 'nas1', serverpath: '/export/vms' }, device_config_secrets: { password: secret },
  physical_size: 1024 * GIB, physical_utilisation: 100 * GIB, virtual_allocation: 200 * GIB, pbds: [uuid(21)], hosts: [uuid(22)],
});
const link = (psk: string) => obj('xcp_vpn_link', {
  id: uuid(30), uuid: uuid(30), pool: 'dc1', name_label: 'burst', remote_pool: 'cloud1', network: 'lan', remote_network: 'cloud-lan',
  protocol: 'ipsec', local_cidrs: ['10.0.0.0/24'], remote_cidrs: ['10.8.0.0/24'], psk, status: 'up', last_handshake: '2026-01-01T11:59:00Z',
  bytes_in: 1000, bytes_out: 2000, gateway_vm: uuid(31), remote_gateway_vm: uuid(32),
  gateway: { template: 'xcpform-gw', vcpus: 1, memory: 512 * 1024 * 1024, uplink_network: 'mgmt', remote_uplink_network: 'mgmt', public_ip: '198.51.100.1', remote_public_ip: '203.0.113.1' },
});

export const scenarios: Record<string, () => Plan> = {
  create: () => plan({
    changes: [
      change({ address: 'xcp_vm.web', action: 'create', after: newVm('web', { tags: ['web'], cloud_init: { user_data: '#cloud-config\npackages:\n  - nginx\n', on_change: 'replace', drop_drive_after_boot: false } }), dependsOn: ['xcp_network.lan'], cost: { before: 0, after: 40 } }),
      change({ address: 'xcp_network.lan', action: 'create', after: obj('xcp_network', { id: UNKNOWN, uuid: UNKNOWN, pool: UNKNOWN, name_label: 'lan', bridge: UNKNOWN, pifs: UNKNOWN, vifs: UNKNOWN }) }),
    ],
    currency: 'USD',
  }),
  update: () => plan({
    changes: [change({
      address: 'xcp_vm.app', action: 'update', before: app,
      after: with_(app, { vcpus: 3, name_description: 'application server', tags: ['app', 'prod', 'blue'], other_config: { owner: 'ops', team: 'core' }, xenstore_data: {}, boot_order: 'dc' }),
      notes: ['Takes effect at the next boot'],
    })],
  }),
  replace: () => plan({
    changes: [
      change({
        address: 'xcp_vm.db', action: 'replace', actionReason: 'replace_because_cannot_update', before: vm(3, 'db', { cloud_init: { user_data: '#cloud-config\npackages:\n  - postgresql\n', on_change: 'replace', drop_drive_after_boot: false } }),
        after: newVm('db', { template: 'debian-13', tags: ['web'], cloud_init: { user_data: '#cloud-config\npackages:\n  - postgresql\n  - pgbouncer\n', on_change: 'replace', drop_drive_after_boot: false } }),
        replacePaths: [['template'], ['cloud_init', 'user_data']],
      }),
      change({ address: 'xcp_vm.cache', action: 'replace', actionReason: 'replace_by_request', before: vm(4, 'cache'), after: newVm('cache', { tags: ['web'] }) }),
      change({ address: 'xcp_vm.queue', action: 'replace', actionReason: 'replace_because_tainted', before: vm(5, 'queue'), after: newVm('queue', { tags: ['web'] }) }),
      change({ address: 'xcp_vm.worker', action: 'replace', actionReason: 'replace_by_triggers', before: vm(6, 'worker'), after: newVm('worker', { tags: ['web'] }) }),
    ],
  }),
  'replace-cbd': () => plan({
    changes: [change({
      address: 'xcp_network.lan', action: 'replace-cbd', actionReason: 'replace_because_cannot_update', before: lan,
      after: obj('xcp_network', { id: UNKNOWN, uuid: UNKNOWN, pool: 'dc1', name_label: 'lan', managed: false, bridge: UNKNOWN, pifs: UNKNOWN, vifs: UNKNOWN }),
      replacePaths: [['managed']],
    })],
  }),
  migrate: () => plan({
    changes: [
      change({
        address: 'xcp_vm.web', action: 'migrate', before: web,
        after: with_(web, { pool: 'cloud1', host: UNKNOWN, domid: UNKNOWN, disk: [{ ...(web.disk as ObjectValue[])[0], sr: 'sr-cloud1-local' }] }),
        migratePaths: [['pool'], ['disk', 0, 'sr']],
        migration: { fromPool: 'dc1', toPool: 'cloud1', fromHost: undefined, toHost: undefined, bytes: 20 * GIB, via: 'xcp_vpn_link.burst' },
        dependsOn: ['xcp_vpn_link.burst'], cost: { before: 40, after: 60 },
      }),
      change({
        address: 'xcp_vm.app', action: 'migrate', before: app, after: with_(app, { host: 'h2' }), migratePaths: [['host']],
        migration: { fromPool: 'dc1', toPool: 'dc1', fromHost: 'h1', toHost: 'h2', bytes: 0 }, cost: { before: 40, after: 40 },
      }),
      change({ address: 'xcp_vpn_link.burst', action: 'no-op', before: link(SECRETS[1]), after: link(SECRETS[1]), cost: { before: 1, after: 1 } }),
    ],
    currency: 'USD',
  }),
  halt: () => plan({
    changes: [change({
      address: 'xcp_vm.app', action: 'update', before: app,
      after: with_(app, { memory: 8 * GIB, memory_static_min: 8 * GIB, memory_dynamic_min: 8 * GIB, memory_dynamic_max: 8 * GIB, vcpus_max: 4 }),
      haltPaths: [['memory'], ['vcpus_max']],
    })],
  }),
  delete: () => plan({
    changes: [
      change({ address: 'xcp_vm.old', action: 'delete', actionReason: 'delete_because_no_resource_config', before: vm(7, 'old'), cost: { before: 40, after: 0 } }),
      change({ address: 'xcp_vm.web[2]', action: 'delete', actionReason: 'delete_because_count_index', before: vm(8, 'web-2') }),
      change({ address: 'xcp_vm.svc["b"]', action: 'delete', actionReason: 'delete_because_each_key', before: vm(9, 'svc-b') }),
      change({ address: 'data.xcp_sr.gone', action: 'delete', before: obj('xcp_sr', { uuid: uuid(40) }, 'data') }),
    ],
  }),
  drift: () => plan({
    drift: [
      change({ address: 'xcp_vm.web', action: 'update', before: web, after: with_(web, { memory_dynamic_max: 2 * GIB, tags: ['web', 'manual'] }) }),
      change({ address: 'xcp_vm.gone', action: 'delete', before: vm(11, 'gone') }),
    ],
    changes: [
      change({ address: 'xcp_vm.web', action: 'update', before: with_(web, { memory_dynamic_max: 2 * GIB, tags: ['web', 'manual'] }), after: web }),
      change({ address: 'xcp_vm.gone', action: 'create', after: newVm('gone', { tags: ['web'] }) }),
    ],
  }),
  sensitive: () => plan({
    variables: { nfs_password: { value: SECRETS[0], sensitive: true }, region: { value: 'eu-west', sensitive: false } },
    changes: [
      change({ address: 'xcp_sr.nfs', action: 'create', after: with_(nfsSr(SECRETS[0]), { id: UNKNOWN, uuid: UNKNOWN, physical_size: UNKNOWN, physical_utilisation: UNKNOWN, virtual_allocation: UNKNOWN, pbds: UNKNOWN, hosts: UNKNOWN }) }),
      change({ address: 'xcp_vpn_link.burst', action: 'update', before: link(SECRETS[1]), after: link(SECRETS[2]) }),
      change({ address: 'xcp_sr.iso', action: 'update', before: with_(nfsSr(SECRETS[0]), { name_label: 'iso' }), after: with_(nfsSr(SECRETS[0]), { name_label: 'iso', on_destroy: 'destroy' }) }),
    ],
    outputs: [output('nfs_password', 'create', null, SECRETS[3], true), output('region', 'create', null, 'eu-west')],
  }),
  unknowns: () => plan({
    changes: [
      change({ address: 'xcp_vm.web', action: 'update', before: web, after: with_(web, { ip_addresses: UNKNOWN, ip_address: UNKNOWN, nic: [(web.nic as ObjectValue[])[0], { network: 'dmz', device: UNKNOWN, mac: UNKNOWN, mtu: UNKNOWN, locking_mode: 'network_default', ipv4_allowed: [], ipv6_allowed: [], rate_limit_kbps: null, vif_uuid: UNKNOWN }] }) }),
      change({ address: 'data.xcp_vm.peer', action: 'read', actionReason: 'read_because_config_unknown', after: obj('xcp_vm', { name_label: UNKNOWN, uuid: UNKNOWN, ip_addresses: UNKNOWN, power_state: UNKNOWN }, 'data') }),
    ],
    outputs: [output('web_ips', 'update', ['10.0.0.5'], UNKNOWN)],
  }),
  'count-for-each': () => plan({
    changes: [
      change({ address: 'xcp_vm.web[0]', action: 'no-op', before: vm(12, 'web-0'), after: vm(12, 'web-0') }),
      change({ address: 'xcp_vm.web[1]', action: 'create', after: newVm('web-1') }),
      change({ address: 'xcp_vm.web[10]', action: 'create', after: newVm('web-10') }),
      change({ address: 'xcp_vm.svc["a"]', action: 'create', after: newVm('svc-a') }),
      change({ address: 'xcp_vm.svc["b c"]', action: 'update', before: vm(13, 'svc-b c'), after: with_(vm(13, 'svc-b c'), { vcpus: 4 }) }),
    ],
  }),
  outputs: () => plan({
    changes: [change({ address: 'xcp_vm.web', action: 'no-op', before: web, after: web })],
    outputs: [
      output('web_ip', 'update', '10.0.0.5', '10.0.0.6'),
      output('new_list', 'create', null, ['a', 'b']),
      output('old_map', 'delete', { k: 'v' }, null),
      output('token', 'update', 'x', SECRETS[3], true),
      output('same', 'no-op', 'x', 'x'),
    ],
  }),
  'no-changes': () => plan({ changes: [change({ address: 'xcp_vm.web', action: 'no-op', before: web, after: web })] }),
  'no-changes-destroy': () => plan({ mode: 'destroy' }),
  'no-changes-refresh-only': () => plan({ mode: 'refresh-only' }),
  'refresh-only-drift': () => plan({ mode: 'refresh-only', drift: [change({ address: 'xcp_vm.web', action: 'update', before: web, after: with_(web, { vcpus: 4 }) })] }),
};

/** Every scenario's changes together, for the Markdown and JSON "everything" goldens. */
export function kitchenSink(): Plan {
  const parts = ['migrate', 'create', 'replace', 'halt', 'delete', 'sensitive', 'unknowns'].map((k) => scenarios[k]());
  const seen = new Set<string>();
  const changes = parts.flatMap((p) => p.changes).filter((c) => !seen.has(c.address) && (seen.add(c.address), true));
  return plan({ changes, drift: scenarios.drift().drift, outputs: scenarios.outputs().outputs, currency: 'USD', variables: scenarios.sensitive().variables });
}

/** A plan of `n` changed VMs (all actions mixed), for the Markdown size test. */
export function bigPlan(n: number): Plan {
  const actions: Action[] = ['create', 'update', 'delete', 'replace', 'migrate'];
  const changes: ResourceChange[] = [];
  for (let i = 0; i < n; i++) {
    const action = actions[i % actions.length];
    const before = action === 'create' ? null : vm(1000 + i, `vm-${i}`);
    const after = action === 'delete' ? null : action === 'create' ? newVm(`vm-${i}`) : with_(before!, { vcpus: 4, pool: action === 'migrate' ? 'cloud1' : 'dc1' });
    changes.push(change({
      address: `xcp_vm.fleet[${i}]`, action, before, after,
      ...(action === 'replace' ? { replacePaths: [['template']] } : {}),
      ...(action === 'migrate' ? { migratePaths: [['pool']], migration: { fromPool: 'dc1', toPool: 'cloud1', bytes: 20 * GIB, via: 'xcp_vpn_link.burst' } } : {}),
      ...(i > 0 ? { dependsOn: [`xcp_vm.fleet[${i - 1}]`] } : {}),
      cost: { before: before ? 40 : 0, after: after ? 45 : 0 },
    }));
  }
  return plan({ changes, currency: 'USD' });
}
