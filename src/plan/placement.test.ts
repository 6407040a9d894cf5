import { WorldSnapshot } from '../resources/snapshot';
import { Placer } from './placement';

const GIB = 1024 ** 3;

/** A world of pools whose hosts have `totalGib` of memory and the given resident VMs (GiB each). */
function world(spec: Record<string, { totalGib: number; residentGib: number[] }[]>): WorldSnapshot {
  const w = new WorldSnapshot();
  for (const [pool, hosts] of Object.entries(spec)) {
    const hostMap = new Map<string, unknown>();
    const metrics = new Map<string, unknown>();
    const vms = new Map<string, unknown>();
    hosts.forEach((h, i) => {
      const resident = h.residentGib.map((g, j) => {
        const ref = `OpaqueRef:${pool}-vm-${i}-${j}`;
        vms.set(ref, { memory_static_max: g * GIB, memory_overhead: 0, VCPUs_max: 1, is_control_domain: false });
        return ref;
      });
      hostMap.set(`OpaqueRef:${pool}-h${i}`, { uuid: `${pool}-h${i}`, name_label: `${pool}-host${i + 1}`, enabled: true, memory_overhead: 0, metrics: `OpaqueRef:${pool}-m${i}`, resident_VMs: resident, cpu_info: { cpu_count: '16' } });
      metrics.set(`OpaqueRef:${pool}-m${i}`, { memory_total: h.totalGib * GIB });
    });
    w.pool(pool).setClass('host', hostMap as never);
    w.pool(pool).setClass('host_metrics', metrics as never);
    w.pool(pool).setClass('VM', vms as never);
  }
  return w;
}

const demand = (address: string, gib: number, extra: object = {}) => ({ address, memory: gib * GIB, vcpus: 2, pools: ['dc1', 'cloud1'], strategy: 'fill-first' as const, ...extra });

describe('placement', () => {
  test('fill-first fills the first pool (best fit per host), then overflows into the next', () => {
    const p = new Placer(world({ dc1: [{ totalGib: 40, residentGib: [] }, { totalGib: 40, residentGib: [10] }], cloud1: [{ totalGib: 100, residentGib: [] }] }), ['dc1', 'cloud1']);
    const got = ['a', 'b', 'c', 'd'].map((a) => p.place(demand(a, 16)));
    expect(got.map((r) => (r.ok ? `${r.pool}/${r.hostName}` : 'none'))).toEqual(['dc1/dc1-host2', 'dc1/dc1-host1', 'dc1/dc1-host1', 'cloud1/cloud1-host1']);
  });

  test('spread picks the host with the most free memory across the pools', () => {
    const p = new Placer(world({ dc1: [{ totalGib: 40, residentGib: [] }], cloud1: [{ totalGib: 100, residentGib: [] }] }), ['dc1', 'cloud1']);
    const r = p.place(demand('a', 8, { strategy: 'spread' }));
    expect(r.ok && r.pool).toBe('cloud1');
  });

  test('a running VM stays put while it fits; it returns from the cloud when the datacenter has room', () => {
    const full = new Placer(world({ dc1: [{ totalGib: 32, residentGib: [16, 16] }], cloud1: [{ totalGib: 64, residentGib: [16] }] }), ['dc1', 'cloud1']);
    const stay = full.place(demand('a', 16, { current: { pool: 'cloud1', host: 'cloud1-h0', memory: 16 * GIB } }));
    expect(stay).toMatchObject({ ok: true, pool: 'cloud1', moved: false });
    const roomy = new Placer(world({ dc1: [{ totalGib: 64, residentGib: [16] }], cloud1: [{ totalGib: 64, residentGib: [16] }] }), ['dc1', 'cloud1']);
    const back = roomy.place(demand('a', 16, { current: { pool: 'cloud1', host: 'cloud1-h0', memory: 16 * GIB } }));
    expect(back).toMatchObject({ ok: true, pool: 'dc1', moved: true });
  });

  test('no capacity anywhere says how much is needed and what each pool has', () => {
    const p = new Placer(world({ dc1: [{ totalGib: 8, residentGib: [] }], cloud1: [{ totalGib: 8, residentGib: [4] }] }), ['dc1', 'cloud1']);
    const r = p.place(demand('a', 16));
    expect(r).toEqual({ ok: false, reason: 'needs 16.0 GiB of memory; dc1: largest free 8.0 GiB; cloud1: largest free 4.0 GiB' });
  });

  test('fixed-pool VMs reserve capacity the placed ones cannot use', () => {
    const p = new Placer(world({ dc1: [{ totalGib: 32, residentGib: [] }], cloud1: [{ totalGib: 32, residentGib: [] }] }), ['dc1', 'cloud1']);
    p.reserve('dc1', undefined, 24 * GIB);
    expect(p.place(demand('a', 16))).toMatchObject({ pool: 'cloud1' });
  });
});

describe('migration estimates and SR maps', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { transferTime } = require('./vpn-routing') as typeof import('./vpn-routing');
  test('transfer time from bytes and link bandwidth', () => {
    expect(transferTime(100 * GIB, 1000)).toBe('14m19s');
    expect(transferTime(GIB, 100)).toBe('1m26s');
    expect(transferTime(10 * 1024 * GIB, 1000)).toBe('24h26m');
  });
});

describe('the plan\'s memory ledger (starts, growth, new VMs)', () => {
  test('take counts on the given host, else the preferred one, else the best fit, and reports every host\'s free memory when none fits', () => {
    const p = new Placer(world({ dc1: [{ totalGib: 64, residentGib: [] }, { totalGib: 64, residentGib: [30] }] }), ['dc1']);
    expect(p.take({ address: 'a', pool: 'dc1', memory: 20 * GIB })).toEqual({ ok: true, host: 'dc1-h1', hostName: 'dc1-host2' });
    expect(p.take({ address: 'b', pool: 'dc1', memory: 20 * GIB, prefer: 'dc1-host2' })).toEqual({ ok: true, host: 'dc1-h0', hostName: 'dc1-host1' });
    expect(p.take({ address: 'c', pool: 'dc1', memory: 50 * GIB })).toEqual({ ok: false, free: [{ name: 'dc1-host1', uuid: 'dc1-h0', free: 44 * GIB }, { name: 'dc1-host2', uuid: 'dc1-h1', free: 14 * GIB }] });
    expect(p.take({ address: 'd', pool: 'dc1', host: 'dc1-host2', memory: 15 * GIB }).ok).toBe(false);
    expect(p.take({ address: 'e', pool: 'other', memory: GIB })).toEqual({ ok: true });
  });

  test('reserve puts a new VM where it fits best, and records a host it overcommits', () => {
    const p = new Placer(world({ dc1: [{ totalGib: 64, residentGib: [] }, { totalGib: 64, residentGib: [30] }] }), ['dc1']);
    expect(p.reserve('dc1', undefined, 30 * GIB)?.name).toBe('dc1-host2');
    expect(p.overdrawn('dc1', 'dc1-h1')).toBe(0);
    expect(p.reserve('dc1', 'dc1-host2', 10 * GIB)?.name).toBe('dc1-host2');
    expect(p.overdrawn('dc1', 'dc1-h1')).toBe(6 * GIB);
  });

  test('memory a started VM takes is not offered to a new VM placed after it', () => {
    const p = new Placer(world({ dc1: [{ totalGib: 64, residentGib: [] }, { totalGib: 64, residentGib: [20] }] }), ['dc1']);
    expect(p.take({ address: 'started', pool: 'dc1', host: 'dc1-host2', memory: 30 * GIB }).ok).toBe(true);
    expect(p.reserve('dc1', undefined, 30 * GIB)?.name).toBe('dc1-host1');
    expect(p.overdrawn('dc1', 'dc1-h0')).toBe(0);
  });
});
