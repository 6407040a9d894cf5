/**
 * Chargeback usage: what each tag (or pool) consumed and cost over a period, from the pools'
 * bulk records: running vCPUs and memory times the hours each VM ran in the period, disks times
 * the hours they existed in the period, priced with the provider's rate card (and its per-pool
 * multipliers). Pure: the caller passes the records, the period and the clock.
 *
 * A disk exists from its creation time. XAPI keeps none for disks or VMs (a clone even copies
 * the template's `VM_metrics.install_time`, usually the epoch), so the time comes from, in
 * order: the disk's `other_config["xcpform:created"]`, the VM's, the disk's `snapshot_time`
 * when it is a snapshot, the VM's `install_time` when it is set. A disk with none of them is
 * billed from the start of the period, and the report counts it (`disksWithoutCreationTime`).
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
  /** Disks billed from the start of the period because no record says when they were created. */
  readonly disksWithoutCreationTime: number;
}

/** The `other_config` key holding when xcpform created an object (ISO 8601). */
export const CREATED_KEY = 'xcpform:created';

/** Milliseconds of an ISO time, or undefined for a missing, unreadable or "never" (epoch) one. */
function timeOf(iso: string | undefined): number | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) && t > 0 ? t : undefined;
}

/** When a disk was created, from the records (see the module comment), or undefined. */
function diskCreated(
  vdi: { other_config?: Record<string, string>; is_a_snapshot?: boolean; snapshot_time?: string },
  vm: { other_config?: Record<string, string> },
  metrics: { install_time?: string } | undefined,
): number | undefined {
  return timeOf(vdi.other_config?.[CREATED_KEY])
    ?? timeOf(vm.other_config?.[CREATED_KEY])
    ?? (vdi.is_a_snapshot ? timeOf(vdi.snapshot_time) : undefined)
    ?? timeOf(metrics?.install_time);
}

export function usageReport(world: WorldSnapshot, pools: readonly string[], card: RateCard | undefined, since: Date, now: Date, by: 'tag' | 'pool'): UsageReport {
  const acc = new Map<string, { vms: number; vcpuH: number; memH: number; diskH: number; cost: number }>();
  const total = { vms: 0, vcpuH: 0, memH: 0, diskH: 0, cost: 0 };
  let unknownCreation = 0;
  for (const pool of pools) {
    const recs = world.pool(pool);
    const mult = card?.poolMultipliers[pool] ?? 1;
    for (const [, vm] of recs.all('VM')) {
      if (vm.is_a_template || vm.is_control_domain || vm.is_a_snapshot) continue;
      const metrics = recs.get('VM_metrics', vm.metrics);
      const hoursSince = (t: number) => Math.max(0, (now.getTime() - Math.max(t, since.getTime())) / HOUR);
      let runH = 0;
      if (vm.power_state === 'Running') {
        const started = Date.parse(metrics?.start_time ?? '') || since.getTime();
        runH = hoursSince(started);
      }
      let diskH = 0;
      for (const vbd of vm.VBDs) {
        const vdi = recs.get('VDI', recs.get('VBD', vbd)?.VDI ?? '');
        if (!vdi) continue;
        const created = diskCreated(vdi, vm, metrics);
        if (created === undefined) unknownCreation++;
        diskH += (vdi.virtual_size / GIB) * hoursSince(created ?? since.getTime());
      }
      const vcpuH = vm.VCPUs_at_startup * runH;
      const memH = (vm.memory_static_max / GIB) * runH;
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
    disksWithoutCreationTime: unknownCreation,
  };
}

/** The report as an aligned text table. */
export function renderUsage(r: UsageReport): string {
  const head = [r.by === 'pool' ? 'POOL' : 'TAG', 'VMS', 'VCPU-HOURS', 'GIB-RAM-HOURS', 'GIB-DISK-HOURS', `COST (${r.currency})`];
  const cells = [...r.rows, r.total].map((x) => [x.key, String(x.vms), x.vcpuHours.toFixed(2), x.memoryGibHours.toFixed(2), x.diskGibHours.toFixed(2), x.cost.toFixed(2)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  const table = `Usage from ${r.since} to ${r.until}\n\n${line(head)}\n${cells.slice(0, -1).map(line).join('\n')}${cells.length > 1 ? '\n' : ''}${'-'.repeat(widths.reduce((a, b) => a + b + 2, -2))}\n${line(cells[cells.length - 1])}\n`;
  const n = r.disksWithoutCreationTime;
  return n ? `${table}\n${n} disk${n === 1 ? ' has' : 's have'} no recorded creation time (other_config "${CREATED_KEY}" or VM install_time): billed from the start of the period.\n` : table;
}
