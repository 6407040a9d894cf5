/**
 * References by "name or UUID" (templates, SRs, networks, hosts, ISO VDIs) resolved against the
 * records of one pool. A name that matches several objects is a user problem, reported with
 * the candidates; nothing is guessed. `spell` keeps the user's spelling (a name stays a name)
 * when it still designates the object read from XAPI, so a name in configuration is never a
 * perpetual diff against the UUID XAPI reports.
 */
import { error, type Diagnostic } from '../../diagnostics';
import type { Ref, XapiClass, XapiRecord } from '../../xenapi';
import type { PoolRecords } from '../snapshot';
import { didYouMean } from '../candidates';
import { ResourceError } from '../resource';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `text` has the shape of a UUID. */
export function looksLikeUuid(text: string): boolean {
  return UUID_RE.test(text);
}

export interface Found<C extends XapiClass> {
  readonly ref: Ref<C>;
  readonly record: XapiRecord<C>;
}

export type Resolved<C extends XapiClass> = { ok: true; found: Found<C> } | { ok: false; diagnostic: Diagnostic };

/** What is looked up, for messages: `template`, `SR`, `network`. */
export interface LookupSpec<C extends XapiClass> {
  readonly cls: C;
  readonly what: string;
  /** Only these records are candidates (e.g. templates, ISO VDIs). */
  readonly filter?: (record: XapiRecord<C>) => boolean;
  /** Attribute path for the diagnostic. */
  readonly path?: readonly (string | number)[];
  /** How a candidate is described in an ambiguity list (default: name and UUID). */
  readonly describe?: (record: XapiRecord<C>) => string;
}

function label(rec: unknown): string {
  const r = rec as { name_label?: string; uuid: string };
  return r.name_label !== undefined ? `"${r.name_label}" (${r.uuid})` : r.uuid;
}

/** Finds exactly one object by UUID or name in `records`. */
export function resolve<C extends XapiClass>(records: PoolRecords, spec: LookupSpec<C>, key: string): Resolved<C> {
  const ok = spec.filter ?? (() => true);
  const describe = spec.describe ?? label;
  if (looksLikeUuid(key)) {
    const hit = records.byUuid(spec.cls, key.toLowerCase());
    if (hit && ok(hit.record)) return { ok: true, found: hit };
  }
  const named = records.byName(spec.cls, key).filter((h) => ok(h.record));
  if (named.length === 1) return { ok: true, found: named[0] };
  if (named.length > 1) {
    const list = named.map((h) => describe(h.record)).sort();
    return {
      ok: false,
      diagnostic: error('resource.ambiguous-reference', `${named.length} ${spec.what}s in pool "${records.pool}" are named "${key}"`, {
        detail: `Candidates: ${list.join(', ')}. Refer to one of them by UUID, or rename the others.`,
        path: spec.path,
      }),
    };
  }
  return {
    ok: false,
    diagnostic: error('resource.reference-not-found', `no ${spec.what} "${key}" in pool "${records.pool}"`, {
      detail: `No ${spec.what} with this name or UUID exists in pool "${records.pool}".${didYouMean(key, namesOf(records, spec.cls, ok))} Check the spelling and the pool, or create it first.`,
      path: spec.path,
    }),
  };
}

/** Names of the records of `cls` that `ok` accepts (for close candidates). */
function namesOf<C extends XapiClass>(records: PoolRecords, cls: C, ok: (record: XapiRecord<C>) => boolean): string[] {
  return [...records.all(cls).values()].filter(ok).map((r) => (r as { name_label?: unknown }).name_label).filter((n): n is string => typeof n === 'string');
}

/** `resolve` that throws the diagnostic as a ResourceError (apply time). */
export function mustResolve<C extends XapiClass>(records: PoolRecords, spec: LookupSpec<C>, key: string): Found<C> {
  const r = resolve(records, spec, key);
  if (!r.ok) throw new ResourceError(r.diagnostic);
  return r.found;
}

/**
 * The value to report for a reference XAPI gives as `ref`: the prior spelling when it still
 * resolves to that same object, else its UUID; null for a null ref or a missing object.
 */
export function spell<C extends XapiClass>(records: PoolRecords, cls: C, ref: string, prior: string | undefined): string | null {
  const rec = records.get(cls, ref) as { uuid: string; name_label?: string } | undefined;
  if (!rec) return null;
  if (prior === undefined || prior === rec.uuid) return rec.uuid;
  if (prior.toLowerCase() === rec.uuid) return prior;
  if (rec.name_label === prior && records.byName(cls, prior).length === 1) return prior;
  return rec.uuid;
}

/** True when `key` (name or UUID) designates the object `uuid` in `records`. */
export function designates(records: PoolRecords, cls: XapiClass, key: string, uuid: string): boolean {
  if (key.toLowerCase() === uuid) return true;
  const named = records.byName(cls, key);
  return named.length === 1 && (named[0].record as { uuid: string }).uuid === uuid;
}
