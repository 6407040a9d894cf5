/**
 * The rehearsal section of a plan, in text (the CLI) and as plain lines the Markdown and HTML
 * renderers share: the verdict, each failed change with its XenAPI error, the changes not
 * tried, the estimated apply time with the calls per pool, and the line saying what a
 * rehearsal cannot know.
 */
import { REHEARSAL_LIMITS, type Rehearsal, type RehearsalFailure } from '../../rehearsal/model';
import { paint, type TextStyle } from './style';
import { wordWrap } from './wrap';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `HOST_NOT_ENOUGH_FREE_MEMORY [2164260864, 1073741824] (VM.start)`, or empty without a XenAPI error. */
export function xapiErrorText(f: RehearsalFailure): string {
  const e = f.xapiError;
  if (!e) return '';
  return `${e.code}${e.params.length ? ` [${e.params.join(', ')}]` : ''}${e.method ? ` (${e.method})` : ''}`;
}

/** The one-sentence verdict. */
export function rehearsalVerdict(r: Rehearsal): string {
  if (r.ok) return `every change went through on a copy of the pools (${plural(r.changes, 'change')}).`;
  return `${r.failures.length} of ${plural(r.changes, 'change')} failed on a copy of the pools; apply would stop there too.`;
}

/** Seconds as `0.23 s`, `12.5 s`, `3 min 20 s`. */
export function secondsText(s: number): string {
  if (s < 10) return `${Number(s.toFixed(2))} s`;
  if (s < 120) return `${Number(s.toFixed(1))} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** The estimate line, with calls and round trip per pool. */
export function estimateText(r: Rehearsal): string {
  const pools = r.pools.map((p) => `${p.pool}: ${plural(p.calls, 'call')}, round trip ${p.roundTripMs} ms`).join('; ');
  return `Estimated apply time: ${secondsText(r.estimatedSeconds)} at parallelism ${r.parallelism} (${pools}); ${r.estimateMethod}.`;
}

/** One failure as a line: address, verb, XenAPI error, message. */
export function failureText(f: RehearsalFailure): string {
  const code = xapiErrorText(f);
  return `${f.address || '(apply)'}: ${f.verb} failed${code ? ` with ${code}` : ''}: ${f.message}`;
}

export function renderRehearsalText(r: Rehearsal, style: TextStyle, width: number): string {
  const out: string[] = [];
  const head = r.ok ? 'Rehearsal:' : 'Rehearsal failed:';
  const first = wordWrap(`${head} ${rehearsalVerdict(r)}`, width);
  out.push(`\n${paint(style, head, 'bold', r.ok ? 'green' : 'red')}${first.slice(head.length)}\n`);
  for (const f of r.failures) out.push(wordWrap(`  - ${failureText(f)}`, width) + '\n');
  if (r.skipped.length) out.push(wordWrap(`  Not tried (a change they depend on failed): ${r.skipped.join(', ')}`, width) + '\n');
  out.push(wordWrap(estimateText(r), width) + '\n');
  out.push(wordWrap(REHEARSAL_LIMITS, width) + '\n');
  return out.join('');
}
