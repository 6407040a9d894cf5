/**
 * Objects the plan destroys because their resource block left the configuration: known before
 * any instance is planned (unlike a `count` that shrinks), so a resource planned earlier in the
 * walk can tell that the objects in its way go first (a replaced SR whose VMs are removed).
 */
import type { BlockInfo, PriorResource } from './ports';

/** `(pool, uuid) → true` for the managed objects of prior resources whose block is gone. */
export function leavingObjects(prior: readonly PriorResource[], blocks: readonly BlockInfo[]): (pool: string, uuid: string) => boolean {
  const configured = new Set(blocks.filter((b) => b.mode === 'managed').map((b) => b.address));
  const gone = new Set<string>();
  for (const r of prior) {
    const { pool, uuid } = r.attributes;
    if (r.mode === 'managed' && !configured.has(blockOf(r)) && typeof pool === 'string' && typeof uuid === 'string') gone.add(`${pool}/${uuid}`);
  }
  return (pool, uuid) => gone.has(`${pool}/${uuid}`);
}

/** The block address of a prior instance (its address without the instance key; module path kept). */
function blockOf(r: { readonly address: string; readonly index?: number | string }): string {
  return r.index === undefined ? r.address : r.address.slice(0, r.address.length - `[${JSON.stringify(r.index)}]`.length);
}
