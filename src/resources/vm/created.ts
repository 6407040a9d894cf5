/**
 * When xcpform created a VM or a disk, for usage billing: XAPI records no creation time (a clone
 * even copies its template's `install_time`), so the create writes `xcpform:created` (ISO 8601)
 * into `other_config`. `xcpform usage` bills a disk from it instead of from the start of the
 * period.
 */
import { OWNED_KEY_PREFIX } from '../common-schema';
import type { XapiClient } from '../../xenapi';
import { setKey } from '../kit/owned-keys';

/** The `other_config` key holding the creation time (the key `plan/usage.ts` reads). */
export const CREATED_KEY = `${OWNED_KEY_PREFIX}created`;

/** Now, as the creation time written. */
export function createdNow(): string {
  return new Date().toISOString();
}

/**
 * Writes the creation time on a VM unless it has its own: a create that is adopted re-runs
 * this and keeps the first time, but a value copied from the clone source (a template made
 * from an xcpform VM carries one) is not this VM's and is replaced.
 */
export async function stampCreated(client: XapiClient, ref: string, otherConfig: Readonly<Record<string, string>>, inherited: string | undefined): Promise<void> {
  const have = otherConfig[CREATED_KEY];
  if (have !== undefined && have !== inherited) return;
  await setKey(client, 'VM', ref, CREATED_KEY, createdNow());
}
