/**
 * "Did you mean": the names closest to a name that matched nothing, for lookups by name
 * (templates, SRs, networks, hosts, devices). A candidate is close when it differs only in
 * case, contains the name or is contained in it, or is a few edits away; the list is ranked
 * best first and short, so a not-found diagnostic can show it whole.
 */

/** Levenshtein distance, with an early exit once every cell of a row exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(d);
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length];
}

/** Rank of `candidate` for `wanted` (lower is closer), or undefined when it is not close. */
function rank(wanted: string, candidate: string): number | undefined {
  const w = wanted.toLowerCase().trim();
  const c = candidate.toLowerCase().trim();
  if (!w || !c) return undefined;
  if (w === c) return 0;
  // Edits allowed grow with the name: one per four characters, at least two.
  const limit = Math.max(2, Math.floor(w.length / 4));
  const d = distance(w, c, limit);
  if (d <= limit) return 1 + d;
  if (c.includes(w) || (w.includes(c) && c.length >= 3)) return 100 + Math.abs(c.length - w.length);
  // A misspelt start of a longer name ("debian bookwrm" → "Debian Bookworm 12").
  if (c.length > w.length) {
    const p = distance(w, c.slice(0, w.length), limit);
    if (p <= limit) return 200 + p;
  }
  // Every word of the name appears in the candidate ("debian 12" → "Debian Bookworm 12").
  const words = w.split(/[\s_-]+/).filter(Boolean);
  if (words.length > 1 && words.every((x) => c.includes(x))) return 1000 + Math.abs(c.length - w.length);
  return undefined;
}

/**
 * Up to `max` names of `names` close to `wanted`, best first (ties in name order), each once.
 * Empty when none is close.
 */
export function closeCandidates(wanted: string, names: Iterable<string>, max = 5): string[] {
  const scored = new Map<string, number>();
  for (const n of names) {
    if (scored.has(n)) continue;
    const r = rank(wanted, n);
    if (r !== undefined) scored.set(n, r);
  }
  return [...scored].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, max).map(([n]) => n);
}

/** A sentence for a not-found diagnostic: `Did you mean "a", "b"?`, or `` when nothing is close. */
export function didYouMean(wanted: string, names: Iterable<string>, max = 5): string {
  const close = closeCandidates(wanted, names, max);
  return close.length ? ` Did you mean ${close.map((n) => `"${n}"`).join(', ')}?` : '';
}

/** `diag` with the close candidates of `wanted` added to its detail (as is when nothing is close). */
export function withCandidates<D extends { readonly detail?: string }>(diag: D, wanted: string | undefined, names: Iterable<string>): D {
  const hint = wanted === undefined ? '' : didYouMean(wanted, names);
  return hint ? { ...diag, detail: `${(diag.detail ?? '').trim()}${hint}`.trim() } : diag;
}
