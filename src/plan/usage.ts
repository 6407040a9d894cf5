/**
 * Chargeback usage: what each tag (or pool) consumed and cost over a period, from the pools'
 * bulk records: running vCPUs and memory times the hours each VM ran in the period, disks times
 * the whole period, priced with the provider's rate card (and its per-pool multipliers). Pure:
 * the caller passes the records, the period and the clock.
 */
import type { RateCard } from '../provider/endpoints';
import type { WorldSnapshot } from '../resources/snapshot';
import { round2 } from './cost';

const GIB = 1024 ** 3;
const HOUR = 3_600_000;

export interface UsageRow {
  readonly key: string;
  readonly vms: number;
  readonly vcpuHours: number;
  readonly memoryGibHours: number;
  readonly diskGibHours: number;
  readonly cost: number;
}

export interface UsageReport {
  readonly by: 'tag' | 'pool';
  readonly since: string;
  readonly until: string;
  readonly currency: string;
  readonly rows: readonly UsageRow[];
  readonly total: UsageRow;
}

export function usageReport(world: WorldSnapshot, pools: readonly string[], card: RateCard | undefined, since: Date, now: Date, by: 'tag' | 'pool'): UsageReport {
  const acc = new Map<string, { vms: number; vcpuH: number; memH: number; diskH: number; cost: number }>();
  const total = { vms: 0, vcpuH: 0, memH: 0, diskH: 0, cost: 0 };
  const periodH = Math.max(0, (now.getTime() - since.getTime()) / HOUR);
  for (const pool of pools) {
    const recs = world.pool(pool);
    const mult = card?.poolMultipliers[pool] ?? 1;
    for (const [, vm] of recs.all('VM')) {
      if (vm.is_a_template || vm.is_control_domain || vm.is_a_snapshot) continue;
      let runH = 0;
      if (vm.power_state === 'Running') {
        const started = Date.parse(recs.get('VM_metrics', vm.metrics)?.start_time ?? '') || since.getTime();
        runH = Math.max(0, (now.getTime() - Math.max(started, since.getTime())) / HOUR);
      }
      let diskBytes = 0;
      for (const vbd of vm.VBDs) {
        const vdi = recs.get('VDI', recs.get('VBD', vbd)?.VDI ?? '');
        if (vdi) diskBytes += vdi.virtual_size;
      }
      const vcpuH = vm.VCPUs_at_startup * runH;
      const memH = (vm.memory_static_max / GIB) * runH;
      const diskH = (diskBytes / GIB) * periodH;
      const cost = card ? (vcpuH * card.vcpuHour + memH * card.memoryGibHour + diskH * card.storageGibHour) * mult : 0;
      const keys = by === 'pool' ? [pool] : vm.tags.length ? [...vm.tags] : ['(untagged)'];
      for (const k of keys) {
        const a = acc.get(k) ?? { vms: 0, vcpuH: 0, memH: 0, diskH: 0, cost: 0 };
        a.vms++; a.vcpuH += vcpuH; a.memH += memH; a.diskH += diskH; a.cost += cost;
        acc.set(k, a);
      }
      total.vms++; total.vcpuH += vcpuH; total.memH += memH; total.diskH += diskH; total.cost += cost;
    }
  }
  const row = (key: string, a: typeof total): UsageRow => ({ key, vms: a.vms, vcpuHours: round2(a.vcpuH), memoryGibHours: round2(a.memH), diskGibHours: round2(a.diskH), cost: round2(a.cost) });
  return {
    by,
    since: since.toISOString(),
    until: now.toISOString(),
    currency: card?.currency ?? 'USD',
    rows: [...acc].sort(([a], [b]) => a.localeCompare(b)).map(([k, a]) => row(k, a)),
    total: row('total', total),
  };
}

/** The report as an aligned text table. */
export function renderUsage(r: UsageReport): string {
  const head = [r.by === 'pool' ? 'POOL' : 'TAG', 'VMS', 'VCPU-HOURS', 'GIB-RAM-HOURS', 'GIB-DISK-HOURS', `COST (${r.currency})`];
  const cells = [...r.rows, r.total].map((x) => [x.key, String(x.vms), x.vcpuHours.toFixed(2), x.memoryGibHours.toFixed(2), x.diskGibHours.toFixed(2), x.cost.toFixed(2)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return `Usage from ${r.since} to ${r.until}\n\n${line(head)}\n${cells.slice(0, -1).map(line).join('\n')}${cells.length > 1 ? '\n' : ''}${'-'.repeat(widths.reduce((a, b) => a + b + 2, -2))}\n${line(cells[cells.length - 1])}\n`;
}
