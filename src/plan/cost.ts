/**
 * Chargeback: the monthly cost of a resource instance from the provider's rate card
 * (730 hours a month, as cloud price lists count). Unknown sizes count as zero.
 */
import type { RateCard } from '../provider/endpoints';
import { isObjectValue, ObjectValue, Value } from '../values/value';

export const HOURS_PER_MONTH = 730;
const GIB = 1024 ** 3;

const n = (v: Value | undefined): number => (typeof v === 'number' ? v : 0);

export function monthlyCost(type: string, attrs: ObjectValue | null, card: RateCard | undefined, defaultPool: string): number {
  if (!attrs || !card) return 0;
  const pool = typeof attrs.pool === 'string' ? attrs.pool : defaultPool;
  const mult = card.poolMultipliers[pool] ?? 1;
  let hourly = 0;
  if (type === 'xcp_vm') {
    const disks = Array.isArray(attrs.disk) ? attrs.disk : [];
    const diskBytes = disks.reduce<number>((sum, d) => sum + (isObjectValue(d) ? n(d.size) : 0), 0);
    hourly = n(attrs.vcpus) * card.vcpuHour + (n(attrs.memory) / GIB) * card.memoryGibHour + (diskBytes / GIB) * card.storageGibHour;
  } else if (type === 'xcp_vdi') {
    hourly = (n(attrs.size) / GIB) * card.storageGibHour;
  } else if (type === 'xcp_vm_snapshot') {
    hourly = (n(attrs.size) / GIB) * card.storageGibHour;
  } else if (type === 'xcp_vpn_link') {
    hourly = card.vpnLinkHour;
  }
  return round2(hourly * mult * HOURS_PER_MONTH);
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
