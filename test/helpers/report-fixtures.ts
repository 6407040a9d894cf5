/**
 * Cloudburst-shaped plans for the visual report: a datacenter pool `dc1` that is full, a cloud
 * pool `cloud1`, the VPN link joining them (with an IPsec pre-shared key that must never reach
 * the HTML), VMs created in both pools as placement chose, a live cross-pool migration over the
 * link, an update, a replacement, a destroy, a data source read, and capacity per host.
 * `cloudburstPlanOfSize(n)` is the same shape at any size, for the 5,000-resource bench.
 */
import type { HostUsage, Plan, PoolCapacity, ResourceChange } from '../../src/plan/model';
import { ObjectValue, UNKNOWN } from '../../src/values/value';
import { change, GIB, newVm, obj, plan, uuid, vm, with_ } from './plan-fixtures';

/** The link's pre-shared key: the browser test asserts it appears nowhere in the report. */
export const BURST_PSK = 'psk-BURST-s3cr3t-do-not-leak-4711';

/** The pool the plan puts each VM in (after apply), for the placement assertions. */
export const EXPECTED_POOL: Readonly<Record<string, string>> = {
  'xcp_vm.app': 'dc1',
  'xcp_vm.batch': 'cloud1',
  'xcp_vm.cache': 'dc1',
  'xcp_vm.db': 'cloud1',
  'xcp_vm.web[0]': 'dc1',
  'xcp_vm.web[1]': 'dc1',
  'xcp_vm.web[2]': 'cloud1',
  'xcp_vm.web[3]': 'cloud1',
};

const network = (n: number, name: string, pool: string) =>
  obj('xcp_network', { id: uuid(n), uuid: uuid(n), pool, name_label: name, bridge: `xapi${n}`, pifs: [uuid(n + 1)], vifs: [] });

function burstLink(): ReturnType<typeof obj> {
  return obj('xcp_vpn_link', {
    id: UNKNOWN, uuid: UNKNOWN, pool: 'dc1', name_label: 'burst', remote_pool: 'cloud1', network: 'lan', remote_network: 'cloud-lan',
    protocol: 'ipsec', local_cidrs: ['10.0.0.0/24'], remote_cidrs: ['10.8.0.0/24'], psk: BURST_PSK, status: UNKNOWN, last_handshake: UNKNOWN,
    bytes_in: UNKNOWN, bytes_out: UNKNOWN, gateway_vm: UNKNOWN, remote_gateway_vm: UNKNOWN,
    gateway: { template: 'xcpform-gw', vcpus: 1, memory: 512 * 1024 * 1024, uplink_network: 'mgmt', remote_uplink_network: 'mgmt', public_ip: '198.51.100.1', remote_public_ip: '203.0.113.1' },
  });
}

const host = (name: string, total: number, freeBefore: number, freeAfter: number, vms: string[]): HostUsage =>
  ({ name, uuid: uuid(900 + name.length * 7 + Number(name.slice(-1))), memoryTotal: total * GIB, freeBefore: freeBefore * GIB, freeAfter: freeAfter * GIB, vms });

/** The report's main scenario (14 changes, 13 drawn: the unchanged network is not). */
export function cloudburstPlan(): Plan {
  const cloudVm = (name: string, extra = {}) => newVm(name, { pool: 'cloud1', nic: [{ network: 'cloud-lan', device: UNKNOWN, mac: UNKNOWN, mtu: UNKNOWN, vif_uuid: UNKNOWN }], ...extra });
  const db = vm(3, 'db', { host: 'dc1-h1', memory: 8 * GIB, memory_static_min: 8 * GIB, memory_dynamic_min: 8 * GIB, memory_dynamic_max: 8 * GIB, disk: [{ userdevice: '0', name_label: 'db 0', size: 40 * GIB, sr: 'sr-dc1-nfs', bootable: true, vdi_uuid: uuid(103), vbd_uuid: uuid(203) }] });
  const app = vm(2, 'app', { host: 'dc1-h2', tags: ['app'] });
  const changes: ResourceChange[] = [
    change({ address: 'xcp_network.lan', action: 'no-op', before: network(10, 'lan', 'dc1'), after: network(10, 'lan', 'dc1') }),
    change({ address: 'xcp_network.cloud_lan', action: 'create', after: with_(network(12, 'cloud-lan', 'cloud1'), { id: UNKNOWN, uuid: UNKNOWN, bridge: UNKNOWN, pifs: UNKNOWN, vifs: UNKNOWN }) }),
    change({ address: 'xcp_vpn_link.burst', action: 'create', after: burstLink(), dependsOn: ['xcp_network.lan', 'xcp_network.cloud_lan'], cost: { before: 0, after: 25 } }),
    change({ address: 'xcp_vm.web[0]', action: 'create', after: newVm('web-0', { host: 'dc1-h1' }), dependsOn: ['xcp_network.lan'], cost: { before: 0, after: 40 }, notes: ['placement: pool dc1, host dc1-h1 (fill-first)'] }),
    change({ address: 'xcp_vm.web[1]', action: 'create', after: newVm('web-1', { host: 'dc1-h2' }), dependsOn: ['xcp_network.lan'], cost: { before: 0, after: 40 }, notes: ['placement: pool dc1, host dc1-h2 (fill-first)'] }),
    change({ address: 'xcp_vm.web[2]', action: 'create', after: cloudVm('web-2', { host: 'cloud1-h1' }), dependsOn: ['xcp_network.cloud_lan', 'xcp_vpn_link.burst'], cost: { before: 0, after: 60 }, notes: ['placement: pool dc1 is full (largest free 5.0 GiB); overflow to pool cloud1, host cloud1-h1'] }),
    change({ address: 'xcp_vm.web[3]', action: 'create', after: cloudVm('web-3', { host: 'cloud1-h1' }), dependsOn: ['xcp_network.cloud_lan', 'xcp_vpn_link.burst'], cost: { before: 0, after: 60 }, notes: ['placement: pool dc1 is full (largest free 5.0 GiB); overflow to pool cloud1, host cloud1-h1'] }),
    change({ address: 'xcp_vm.batch', action: 'create', after: cloudVm('batch'), dependsOn: ['xcp_network.cloud_lan'], cost: { before: 0, after: 60 } }),
    change({
      address: 'xcp_vm.db', action: 'migrate', before: db,
      after: with_(db, { pool: 'cloud1', host: 'cloud1-h2', domid: UNKNOWN, disk: [{ ...(db.disk as ObjectValue[])[0], sr: 'sr-cloud1-local' }] }),
      migratePaths: [['pool'], ['host'], ['disk', 0, 'sr']],
      migration: { fromPool: 'dc1', toPool: 'cloud1', fromHost: 'dc1-h1', toHost: 'cloud1-h2', bytes: 40 * GIB, via: 'xcp_vpn_link.burst' },
      dependsOn: ['xcp_vpn_link.burst'], cost: { before: 40, after: 60 },
    }),
    change({ address: 'xcp_vm.app', action: 'update', before: app, after: with_(app, { vcpus: 4, tags: ['app', 'burst-ready'] }), dependsOn: ['xcp_network.lan'], cost: { before: 40, after: 48 } }),
    change({ address: 'xcp_vm.cache', action: 'replace', actionReason: 'replace_because_cannot_update', before: vm(4, 'cache'), after: newVm('cache', { template: 'debian-13', host: 'dc1-h1' }), replacePaths: [['template']], dependsOn: ['xcp_network.lan'], cost: { before: 40, after: 40 } }),
    change({ address: 'xcp_vm.legacy', action: 'delete', actionReason: 'delete_because_no_resource_config', before: vm(5, 'legacy', { host: 'dc1-h2' }), cost: { before: 40, after: 0 } }),
    change({ address: 'data.xcp_template.debian', action: 'read', actionReason: 'read_because_config_unknown', after: obj('xcp_template', { pool: 'cloud1', name_label: 'Debian Bookworm 12', id: UNKNOWN, uuid: UNKNOWN }, 'data') }),
  ];
  const capacity: PoolCapacity[] = [
    { pool: 'dc1', hosts: [host('dc1-h1', 64, 6, 10, ['xcp_vm.web[0]', 'xcp_vm.cache']), host('dc1-h2', 64, 5, 5, ['xcp_vm.app', 'xcp_vm.web[1]'])], unplacedVms: [] },
    { pool: 'cloud1', hosts: [host('cloud1-h1', 128, 120, 112, ['xcp_vm.web[2]', 'xcp_vm.web[3]']), host('cloud1-h2', 128, 128, 120, ['xcp_vm.db'])], unplacedVms: ['xcp_vm.batch'] },
  ];
  return plan({ changes, capacity, currency: 'USD', variables: { burst_psk: { value: BURST_PSK, sensitive: true } } });
}

/**
 * The same shape with `n` changed resources in all: 2 networks, the link, then VMs in three
 * `count` blocks — 55% created in dc1, 30% overflowing into cloud1, 8% migrating over the link,
 * 5% updated, 2% destroyed — and capacity over 10 hosts per pool.
 */
export function cloudburstPlanOfSize(n: number): Plan {
  const changes: ResourceChange[] = [
    change({ address: 'xcp_network.cloud_lan', action: 'create', after: with_(network(12, 'cloud-lan', 'cloud1'), { id: UNKNOWN, uuid: UNKNOWN }) }),
    change({ address: 'xcp_network.lan', action: 'update', before: network(10, 'lan', 'dc1'), after: with_(network(10, 'lan', 'dc1'), { mtu: 9000 }) }),
    change({ address: 'xcp_vpn_link.burst', action: 'create', after: burstLink(), dependsOn: ['xcp_network.lan', 'xcp_network.cloud_lan'] }),
  ];
  const hostsOf = (pool: string) => Array.from({ length: 10 }, (_, i) => ({ name: `${pool}-h${i}`, vms: [] as string[] }));
  const hosts: Record<string, { name: string; vms: string[] }[]> = { dc1: hostsOf('dc1'), cloud1: hostsOf('cloud1') };
  const blocks = ['web', 'worker', 'batch'];
  for (let i = 0; i < n - 3; i++) {
    const address = `xcp_vm.${blocks[i % 3]}[${Math.floor(i / 3)}]`;
    const r = (i * 37) % 100;
    const h = hosts[r < 55 ? 'dc1' : 'cloud1'][i % 10];
    if (r < 55) changes.push(change({ address, action: 'create', after: newVm(`vm-${i}`, { host: h.name }), dependsOn: ['xcp_network.lan'], cost: { before: 0, after: 40 } }));
    else if (r < 85) changes.push(change({ address, action: 'create', after: newVm(`vm-${i}`, { pool: 'cloud1', host: h.name }), dependsOn: ['xcp_network.cloud_lan', 'xcp_vpn_link.burst'], cost: { before: 0, after: 60 } }));
    else if (r < 93) {
      const before = vm(10_000 + i, `vm-${i}`);
      changes.push(change({ address, action: 'migrate', before, after: with_(before, { pool: 'cloud1', host: h.name }), migratePaths: [['pool']], migration: { fromPool: 'dc1', toPool: 'cloud1', bytes: 20 * GIB, via: 'xcp_vpn_link.burst' }, dependsOn: ['xcp_vpn_link.burst'], cost: { before: 40, after: 60 } }));
    } else {
      const before = vm(10_000 + i, `vm-${i}`, { host: hosts.dc1[i % 10].name });
      const del = r >= 98;
      if (!del) hosts.dc1[i % 10].vms.push(address);
      changes.push(del
        ? change({ address, action: 'delete', before, cost: { before: 40, after: 0 } })
        : change({ address, action: 'update', before, after: with_(before, { vcpus: 4 }), dependsOn: ['xcp_network.lan'], cost: { before: 40, after: 44 } }));
      continue;
    }
    h.vms.push(address);
  }
  const capacity: PoolCapacity[] = Object.entries(hosts).map(([pool, hs]) => ({
    pool,
    hosts: hs.map((x, i) => ({ name: x.name, uuid: uuid(5000 + i + (pool === 'dc1' ? 0 : 100)), memoryTotal: 1024 * GIB, freeBefore: 512 * GIB, freeAfter: Math.max(0, 512 - 4 * x.vms.length) * GIB, vms: x.vms })),
    unplacedVms: [],
  }));
  return plan({ changes, capacity, currency: 'USD' });
}
