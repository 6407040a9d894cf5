/**
 * Where a rehearsal's CPU went, from a V8 CPU profile (`bench/rehearse.ts` with
 * `BENCH_REHEARSE_PROFILE`): each sample is charged to the innermost frame of the project's own
 * code on its stack (a built-in such as `Map` copying counts for the code that called it), then
 * summed by who owns that code. It tells the rehearsal's own cost (the copy, its transport, the
 * simulator) from the cost of the apply code it runs unchanged (executor, live world, resources,
 * XenAPI client), which the rehearsal shares with the real apply.
 */

/** The parts of a `.cpuprofile` read here. */
export interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string }; readonly children?: readonly number[] }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Areas, by the first folder under `src/` of the innermost project frame. */
const AREAS: readonly [string, RegExp][] = [
  ['rehearsal_own', /\/src\/(rehearsal|simulator)\//],
  ['xenapi_client', /\/src\/xenapi\//],
  ['apply_shared', /\/src\//],
];

/** Milliseconds per area: rehearsal_own, xenapi_client, apply_shared, gc, other (Node internals, idle). */
export function profileShares(profile: CpuProfile): Record<string, number> {
  const parent = new Map<number, number>();
  const node = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const area = new Map<number, string>();
  const areaOf = (id: number): string => {
    const known = area.get(id);
    if (known) return known;
    const n = node.get(id)!;
    let found: string;
    if (n.callFrame.functionName === '(garbage collector)') found = 'gc';
    else {
      const hit = AREAS.find(([, re]) => re.test(n.callFrame.url));
      const up = parent.get(id);
      found = hit ? hit[0] : up === undefined ? 'other' : areaOf(up);
    }
    area.set(id, found);
    return found;
  };
  const us: Record<string, number> = { rehearsal_own: 0, xenapi_client: 0, apply_shared: 0, gc: 0, other: 0 };
  // timeDeltas[i] is the time before sample i: sample i lasted until the next one.
  for (let i = 0; i < profile.samples.length; i++) us[areaOf(profile.samples[i])] += profile.timeDeltas[i + 1] ?? 0;
  return Object.fromEntries(Object.entries(us).map(([k, v]) => [k, Math.round(v / 1000)]));
}
