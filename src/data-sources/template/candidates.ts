/** Close candidates for an `xcp_template` lookup by name that found nothing. */
import type { Diagnostic } from '../../diagnostics';
import { withCandidates } from '../../resources/candidates';
import type { PoolRecords } from '../../resources/snapshot';

/** `diag` (a not-found) naming the pool's templates closest to `name`, best first. */
export function templateCandidates(diag: Diagnostic, records: PoolRecords, name: string | undefined): Diagnostic {
  if (!records.has('VM')) return diag;
  const names = [...records.all('VM').values()].filter((v) => v.is_a_template && !v.is_a_snapshot && !v.is_control_domain).map((v) => v.name_label);
  return withCandidates({ ...diag, ...(diag.path || name === undefined ? {} : { path: ['name_label'] }) }, name, names);
}
