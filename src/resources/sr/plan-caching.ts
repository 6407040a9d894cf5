/**
 * IntelliCache (`local_caching`) as XAPI allows it: on a host's own, unshared file-based SR
 * (ext, or a local NFS export); XAPI refuses the others (SR_OPERATION_NOT_SUPPORTED). Refused at
 * plan time, so an apply never stops after creating the SR.
 */
import { error, type Diagnostic } from '../../diagnostics';
import type { ObjectValue } from '../../values/value';
import { bool, str } from '../kit/values';

const CACHING_TYPES = ['ext', 'nfs'];

export function cachingDiagnostics(planned: ObjectValue): Diagnostic[] {
  if (bool(planned.local_caching) !== true) return [];
  if (bool(planned.shared) === true) {
    return [error('xcp_sr.caching-shared', 'local_caching needs a local SR, and this SR is shared', {
      detail: 'IntelliCache caches on one host\'s own SR (host.enable_local_storage_caching). Set local_caching = false, or shared = false with a host.',
      path: ['local_caching'],
    })];
  }
  const type = str(planned.type);
  if (type !== undefined && !CACHING_TYPES.includes(type)) {
    return [error('xcp_sr.caching-type', `local_caching needs a file-based SR (ext or nfs), not "${type}"`, {
      detail: 'XAPI keeps the IntelliCache files on a file-based SR. Set local_caching = false, or use an ext SR on the host.',
      path: ['local_caching'],
    })];
  }
  return [];
}
