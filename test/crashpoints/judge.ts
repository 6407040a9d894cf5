/**
 * The verdict on a recovered world: compared with the world a clean run made (the golden census)
 * and with the state's UUIDs, through what the pools hold.
 * - duplicate: an address held by more than one object;
 * - orphan: a tagged object whose address is not configured or is not the state's object for
 *   that address, an untagged object beyond those a clean run makes (a half-made VM, a disk
 *   nothing attaches), an `xcpform:` pool key a clean run does not leave;
 * - lost: a configured object missing, or present but not as configured (other pool, size,
 *   power state, disks, networks), or a pool key missing.
 */
import type { Census, Thing } from './census';

export interface JudgeOptions {
  /**
   * VMs with a placement block are placed by the apply (terraform-provider-xcp plans one
   * resource at a time), in the order concurrent creates happen to run: which VM lands in which
   * pool may differ from the clean run, so VMs are compared as counts per pool and kind.
   */
  readonly placedAtApply?: boolean;
}

export interface Verdict {
  readonly duplicates: string[];
  readonly orphans: string[];
  readonly lost: string[];
}

/** The description without the object's own name (for worlds whose VMs may trade pools). */
function nameless(t: Thing): string {
  return t.description.startsWith(t.name) ? t.description.slice(t.name.length) : t.description;
}

function untaggedKey(t: Thing, anonymous: boolean): string {
  return `${t.pool} ${t.cls} ${anonymous ? nameless(t) : t.description}${t.cls === 'VDI' ? ` attached=${Boolean(t.attached)}` : ''}`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A pool key without its value; a UUID in it is the state's object or another one. */
function keyName(entry: string, stateIds: ReadonlySet<string>): string {
  return entry.replace(/=.*$/, '').replace(UUID, (u) => (stateIds.has(u) ? '<state object>' : '<other object>'));
}

/** Multiset difference a − b. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

/**
 * A UUID in a pool key must be an object of the state (golden: of the clean run).
 * @param golden the census after a clean run of the same operation
 * @param got the census after the fault and the recovery
 * @param stateUuids address → UUID as the state records them
 */
export function judge(golden: Census, got: Census, stateUuids: ReadonlyMap<string, string>, opts: JudgeOptions = {}): Verdict {
  const inState = new Set(stateUuids.values());
  const anonymous = opts.placedAtApply === true;
  const duplicates: string[] = [];
  const orphans: string[] = [];
  const lost: string[] = [];
  const expected = new Map<string, Thing>();
  for (const t of golden.things) if (t.address) expected.set(`${t.cls} ${t.address}`, t);
  const found = new Map<string, Thing[]>();
  for (const t of got.things) if (t.address) found.set(`${t.cls} ${t.address}`, [...(found.get(`${t.cls} ${t.address}`) ?? []), t]);

  for (const [key, things] of found) {
    if (things.length > 1) duplicates.push(`${key} ×${things.length} (${things.map((t) => `${t.pool}/${t.uuid}`).join(', ')})`);
    const want = expected.get(key);
    for (const t of things) {
      if (!want) orphans.push(`${t.pool} ${key} ${t.uuid}: not configured`);
      // `xcp_vpn_link.burst#local`: a part of a resource whose state UUID is the resource's own.
      else if (!t.address!.includes('#') && (stateUuids.has(t.address!) ? stateUuids.get(t.address!) !== t.uuid : !inState.has(t.uuid))) orphans.push(`${t.pool} ${key} ${t.uuid}: not the state's object`);
    }
    const match = things.find((t) => want && t.pool === want.pool && t.description === want.description);
    if (want && !match && !(anonymous && want.cls === 'VM')) lost.push(`${key}: want ${want.pool} "${want.description}", found ${things.map((t) => `${t.pool} "${t.description}"`).join(' | ')}`);
  }
  for (const [key, want] of expected) if (!found.has(key)) lost.push(`${key}: missing (want ${want.pool} "${want.description}")`);

  if (anonymous) {
    // VMs placed at apply may trade pools between runs: as many of each kind in each pool.
    const placed = (c: Census): string[] => c.things.filter((t) => t.address && t.cls === 'VM' && !t.address.includes('#')).map((t) => `${t.pool} VM${nameless(t)}`);
    for (const missing of minus(placed(golden), placed(got))) lost.push(`${missing}: fewer than a clean run makes`);
    for (const extra of minus(placed(got), placed(golden))) lost.push(`${extra}: more than a clean run makes`);
  }
  const goldenUntagged = golden.things.filter((t) => !t.address).map((t) => untaggedKey(t, anonymous));
  const gotUntagged = got.things.filter((t) => !t.address).map((t) => untaggedKey(t, anonymous));
  for (const extra of minus(gotUntagged, goldenUntagged)) orphans.push(`untagged ${extra}`);
  for (const missing of minus(goldenUntagged, gotUntagged)) lost.push(`untagged ${missing}: missing`);

  const goldenIds = new Set(golden.poolKeys.flatMap((k) => k.replace(/=.*$/, '').match(UUID) ?? []));
  const stateIds = new Set(stateUuids.values());
  const goldenKeys = golden.poolKeys.map((k) => keyName(k, goldenIds));
  const gotKeys = got.poolKeys.map((k) => keyName(k, stateIds));
  for (const extra of minus(gotKeys, goldenKeys)) orphans.push(`pool key ${extra}`);
  for (const missing of minus(goldenKeys, gotKeys)) lost.push(`pool key ${missing}: missing`);
  return { duplicates: duplicates.sort(), orphans: orphans.sort(), lost: lost.sort() };
}
