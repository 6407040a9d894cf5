/**
 * Chargeback: the monthly cost of a resource instance from the provider's rate card
 * (730 hours a month, as cloud price lists count); each resource type prices itself
 * (`ResourceCapabilities.hourlyCost`). Unknown sizes count as zero.
 */
import type { RateCard } from '../provider/endpoints';
import type { ObjectValue } from '../values/value';
import { capabilitiesOf } from './capabilities';

export const HOURS_PER_MONTH = 730;
export function monthlyCost(type: string, attrs: ObjectValue | null, card: RateCard | undefined, defaultPool: string): number {
  if (!attrs || !card) return 0;
  const pool = typeof attrs.pool === 'string' ? attrs.pool : defaultPool;
  const mult = card.poolMultipliers[pool] ?? 1;
  const hourly = capabilitiesOf(type).hourlyCost?.(attrs, card) ?? 0;
  return round2(hourly * mult * HOURS_PER_MONTH);
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
