/**
 * Network purposes that XAPI refuses together: `nbd` and `insecure_nbd` exclude each other
 * (NETWORK_INCOMPATIBLE_PURPOSES). Refused at plan time, so an apply never stops after
 * `network.create` with a network that has only part of its settings.
 */
import { error } from '../../diagnostics';
import { isUnknown } from '../../values/value';
import type { PlanResponse } from '../resource';
import { strList } from '../kit/values';

export function withPurposeCheck(res: PlanResponse): PlanResponse {
  const purpose = res.planned.purpose;
  if (purpose === undefined || isUnknown(purpose)) return res;
  const list = strList(purpose) ?? [];
  if (!(list.includes('nbd') && list.includes('insecure_nbd'))) return res;
  const diag = error('xcp_network.incompatible-purposes', 'purpose cannot hold both "nbd" and "insecure_nbd"', {
    detail: 'XAPI serves NBD on a network either over TLS (nbd) or without it (insecure_nbd), never both. Keep one of them in purpose.',
    path: ['purpose'],
  });
  return { ...res, diagnostics: [...(res.diagnostics ?? []), diag] };
}
