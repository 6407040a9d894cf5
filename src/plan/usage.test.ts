import { WorldSnapshot } from '../resources/snapshot';
import { renderUsage, usageReport } from './usage';

const GIB = 1024 ** 3;
const card = { currency: 'EUR', vcpuHour: 0.01, memoryGibHour: 0.005, storageGibHour: 0.0001, vpnLinkHour: 0, poolMultipliers: { cloud1: 2 } };

function world(): WorldSnapshot {
  const w = new WorldSnapshot();
  const add = (pool: string, vms: [string, { tags: string[]; running: boolean; started: string; vcpus: number; memGib: number; diskGib: number }][]) => {
    const vm = new Map<string, unknown>(); const metrics = new Map<string, unknown>(); const vbd = new Map<string, unknown>(); const vdi = new Map<string, unknown>();
    for (const [name, v] of vms) {
      vm.set(`OpaqueRef:${name}`, { is_a_template: false, is_control_domain: false, is_a_snapshot: false, power_state: v.running ? 'Running' : 'Halted', metrics: `OpaqueRef:${name}-m`, VBDs: [`OpaqueRef:${name}-b`], VCPUs_at_startup: v.vcpus, memory_static_max: v.memGib * GIB, tags: v.tags });
      metrics.set(`OpaqueRef:${name}-m`, { start_time: v.started });
      vbd.set(`OpaqueRef:${name}-b`, { VDI: `OpaqueRef:${name}-d` });
      vdi.set(`OpaqueRef:${name}-d`, { virtual_size: v.diskGib * GIB });
    }
    w.pool(pool).setClass('VM', vm as never); w.pool(pool).setClass('VM_metrics', metrics as never);
    w.pool(pool).setClass('VBD', vbd as never); w.pool(pool).setClass('VDI', vdi as never);
  };
  add('dc1', [['a', { tags: ['web'], running: true, started: '2026-11-01T00:00:00Z', vcpus: 2, memGib: 4, diskGib: 10 }], ['b', { tags: [], running: false, started: '', vcpus: 1, memGib: 1, diskGib: 100 }]]);
  add('cloud1', [['c', { tags: ['web', 'burst'], running: true, started: '2026-11-01T06:00:00Z', vcpus: 1, memGib: 2, diskGib: 0 }]]);
  return w;
}

describe('usage report', () => {
  const since = new Date('2026-11-01T00:00:00Z');
  const now = new Date('2026-11-01T10:00:00Z');

  test('worked example: running hours, disk over the whole period, pool multipliers, per tag', () => {
    const r = usageReport(world(), ['dc1', 'cloud1'], card, since, now, 'tag');
    // a: 10 h × (2 × 0.01 + 4 × 0.005) + 10 GiB × 10 h × 0.0001 = 0.4 + 0.01 = 0.41
    // c: 4 h × (1 × 0.01 + 2 × 0.005) × 2 (cloud1) = 0.16;  b: halted, 100 GiB × 10 h × 0.0001 = 0.1
    expect(r.rows).toEqual([
      { key: '(untagged)', vms: 1, vcpuHours: 0, memoryGibHours: 0, diskGibHours: 1000, cost: 0.1 },
      { key: 'burst', vms: 1, vcpuHours: 4, memoryGibHours: 8, diskGibHours: 0, cost: 0.16 },
      { key: 'web', vms: 2, vcpuHours: 24, memoryGibHours: 48, diskGibHours: 100, cost: 0.57 },
    ]);
    expect(r.total).toEqual({ key: 'total', vms: 3, vcpuHours: 24, memoryGibHours: 48, diskGibHours: 1100, cost: 0.67 });
    expect(renderUsage(r)).toContain('COST (EUR)');
  });

  test('by pool', () => {
    const r = usageReport(world(), ['dc1', 'cloud1'], card, since, now, 'pool');
    expect(r.rows.map((x) => [x.key, x.cost])).toEqual([['cloud1', 0.16], ['dc1', 0.51]]);
  });

  test('disks are billed from their creation time, not from the start of the period', () => {
    const w = new WorldSnapshot();
    const min = (n: number) => new Date(now.getTime() - n * 60_000).toISOString();
    const vm = new Map<string, unknown>(); const metrics = new Map<string, unknown>(); const vbd = new Map<string, unknown>(); const vdi = new Map<string, unknown>();
    const add = (name: string, diskGib: number, o: { vdiCreated?: string; vmCreated?: string; installed?: string; snapshotOf?: string }) => {
      vm.set(`OpaqueRef:${name}`, { is_a_template: false, is_control_domain: false, is_a_snapshot: false, power_state: 'Halted', metrics: `OpaqueRef:${name}-m`, VBDs: [`OpaqueRef:${name}-b`], VCPUs_at_startup: 1, memory_static_max: GIB, tags: [name], other_config: o.vmCreated ? { 'xcpform:created': o.vmCreated } : {} });
      metrics.set(`OpaqueRef:${name}-m`, { start_time: '1970-01-01T00:00:00Z', install_time: o.installed ?? '1970-01-01T00:00:00Z' });
      vbd.set(`OpaqueRef:${name}-b`, { VDI: `OpaqueRef:${name}-d` });
      vdi.set(`OpaqueRef:${name}-d`, { virtual_size: diskGib * GIB, other_config: o.vdiCreated ? { 'xcpform:created': o.vdiCreated } : {}, is_a_snapshot: Boolean(o.snapshotOf), snapshot_time: o.snapshotOf ?? '1970-01-01T00:00:00Z' });
    };
    add('fresh', 60, { vdiCreated: min(13) }); // a 13-minute-old disk: 60 GiB × 13/60 h
    add('stamped-vm', 10, { vmCreated: min(120) }); // the VM's stamp: 10 GiB × 2 h
    add('installed', 10, { installed: min(60) }); // install_time: 10 GiB × 1 h
    add('snap', 10, { snapshotOf: min(30) }); // a snapshot disk: 10 GiB × 0.5 h
    add('old', 10, { vdiCreated: '2026-10-01T00:00:00Z' }); // before the period: the whole 10 h
    add('unknown', 10, {}); // no creation time anywhere (a clone's epoch install_time): the whole 10 h
    for (const [cls, m] of [['VM', vm], ['VM_metrics', metrics], ['VBD', vbd], ['VDI', vdi]] as const) w.pool('dc1').setClass(cls, m as never);
    const r = usageReport(w, ['dc1'], card, since, now, 'tag');
    expect(Object.fromEntries(r.rows.map((x) => [x.key, x.diskGibHours]))).toEqual({ fresh: 13, 'stamped-vm': 20, installed: 10, snap: 5, old: 100, unknown: 100 });
    expect(r.disksWithoutCreationTime).toBe(1);
    expect(renderUsage(r)).toContain('1 disk has no recorded creation time (other_config "xcpform:created" or VM install_time): billed from the start of the period.');
  });
});
