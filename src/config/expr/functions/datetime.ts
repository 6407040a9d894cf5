/**
 * Date and time functions on RFC 3339 timestamps: timestamp, formatdate (cty's verbs, keeping
 * the input's offset), timeadd (Go durations), timecmp, plantimestamp.
 */
import { EvalError, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';

interface Instant {
  /** Nanoseconds since the epoch (UTC). */
  readonly ns: bigint;
  /** Offset from UTC in minutes; null for "Z". */
  readonly offset: number | null;
}

function failed(name: string, msg: string): EvalError {
  return new EvalError('Error in function call', `Call to function "${name}" failed: ${msg}.`);
}

function parseRfc3339(name: string, s: string): Instant {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    throw failed(name, /^\d{4}-\d{2}-\d{2}/.test(s) ? `not a valid RFC3339 timestamp: missing required time introducer 'T'` : `not a valid RFC3339 timestamp: cannot use ${JSON.stringify(s)} as year`);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) throw failed(name, `not a valid RFC3339 timestamp: ${JSON.stringify(s)}`);
  const offset = m[8] === 'Z' ? null : (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6)));
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const frac = BigInt((m[7] ?? '').padEnd(9, '0') || '0');
  return { ns: BigInt(ms) * 1_000_000n + frac - BigInt((offset ?? 0) * 60) * 1_000_000_000n, offset };
}

/** Wall-clock fields at the instant's own offset. */
function fields(t: Instant): Date {
  const ms = Number((t.ns - ((t.ns % 1_000_000n) + 1_000_000n) % 1_000_000n) / 1_000_000n) + (t.offset ?? 0) * 60_000;
  return new Date(ms);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function offsetText(t: Instant, colon: boolean, zulu: boolean): string {
  if (t.offset === null && zulu) return 'Z';
  const o = t.offset ?? 0;
  const a = Math.abs(o);
  return `${o < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

function rfc3339(t: Instant): string {
  const d = fields(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offsetText(t, true, true)}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatDate(spec: string, t: Instant): string {
  const d = fields(t);
  let out = '';
  for (let i = 0; i < spec.length;) {
    const c = spec[i];
    if (c === "'") {
      if (spec[i + 1] === "'") { out += "'"; i += 2; continue; }
      const end = spec.indexOf("'", i + 1);
      if (end < 0) throw failed('formatdate', 'unterminated literal \'');
      out += spec.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) { out += c; i++; continue; }
    let j = i;
    while (j < spec.length && spec[j] === c) j++;
    const tok = spec.slice(i, j);
    i = j;
    const h12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
    const verbs: Record<string, () => string> = {
      YYYY: () => pad(d.getUTCFullYear(), 4), YY: () => pad(d.getUTCFullYear() % 100),
      MMMM: () => MONTHS[d.getUTCMonth()], MMM: () => MONTHS[d.getUTCMonth()].slice(0, 3), MM: () => pad(d.getUTCMonth() + 1), M: () => String(d.getUTCMonth() + 1),
      DD: () => pad(d.getUTCDate()), D: () => String(d.getUTCDate()),
      EEEE: () => DAYS[d.getUTCDay()], EEE: () => DAYS[d.getUTCDay()].slice(0, 3),
      hh: () => pad(d.getUTCHours()), h: () => String(d.getUTCHours()),
      HH: () => pad(h12), H: () => String(h12),
      AA: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'), aa: () => (d.getUTCHours() < 12 ? 'am' : 'pm'),
      mm: () => pad(d.getUTCMinutes()), m: () => String(d.getUTCMinutes()),
      ss: () => pad(d.getUTCSeconds()), s: () => String(d.getUTCSeconds()),
      ZZZZZ: () => offsetText(t, true, false), ZZZZ: () => offsetText(t, false, false),
      ZZZ: () => (t.offset === null ? 'UTC' : offsetText(t, false, false)), Z: () => offsetText(t, true, true),
    };
    const verb = verbs[tok];
    if (!verb) throw failed('formatdate', `invalid date format verb ${JSON.stringify(tok)}: ${/^[YMDEhHAamsZ]+$/.test(tok) ? 'unsupported length' : 'unrecognized verb'}`);
    out += verb();
  }
  return out;
}

const UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** Go's time.ParseDuration, in nanoseconds. */
function parseDuration(s: string): bigint {
  const bad = () => failed('timeadd', `time: invalid duration ${JSON.stringify(s)}`);
  let rest = s;
  let neg = false;
  if (rest[0] === '-' || rest[0] === '+') { neg = rest[0] === '-'; rest = rest.slice(1); }
  if (rest === '0') return 0n;
  if (rest === '') throw bad();
  let total = 0n;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw bad();
    const unit = UNITS[m[3]];
    if (unit === undefined) throw failed('timeadd', `time: unknown unit ${JSON.stringify(m[3])} in duration ${JSON.stringify(s)}`);
    const frac = m[2] ?? '';
    total += BigInt(m[1] || '0') * unit + (frac ? (BigInt(frac) * unit) / 10n ** BigInt(frac.length) : 0n);
    rest = rest.slice(m[0].length);
  }
  return neg ? -total : total;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

export const datetimeFunctions: FunctionTable = {
  timestamp: fn(0, 0, () => now()),
  plantimestamp: fn(0, 0, () => now()),
  formatdate: fn(2, 2, ([f, ts]) => formatDate(toStr(f, 'format'), parseRfc3339('formatdate', toStr(ts, 'time')))),
  timeadd: fn(2, 2, ([ts, d]) => {
    const t = parseRfc3339('timeadd', toStr(ts, 'timestamp'));
    return rfc3339({ ns: t.ns + parseDuration(toStr(d, 'duration')), offset: t.offset });
  }),
  timecmp: fn(2, 2, ([a, b]) => {
    const x = parseRfc3339('timecmp', toStr(a, 'timestamp_a')).ns;
    const y = parseRfc3339('timecmp', toStr(b, 'timestamp_b')).ns;
    return x < y ? -1 : x > y ? 1 : 0;
  }),
};
