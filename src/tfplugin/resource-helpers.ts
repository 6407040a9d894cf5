/** Small pieces of the resource RPCs: refresh folding, import ids, stop handling. */
import type { Diagnostic } from '../diagnostics';
import type { BlockSchema } from '../schema/model';
import { ObjectValue } from '../values/value';
import { preferReference } from './views';

/**
 * A refreshed object in the Terraform view: values that mean the same as the prior state keep
 * its representation, and a sensitive attribute XAPI does not report back (a password) keeps
 * the prior value instead of reading as removed.
 */
export function readWithPrior(block: BlockSchema, state: ObjectValue, prior: ObjectValue): ObjectValue {
  const out = preferReference(block, state, prior);
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (attr.sensitive && (out[name] ?? null) === null && (prior[name] ?? null) !== null) out[name] = prior[name];
  }
  return out;
}

/** The pool an import id names: `<pool>/<uuid>`, or a bare uuid in the default pool. */
export function resolveImportPool(id: string, defaultPool: string): string {
  const slash = id.indexOf('/');
  return slash > 0 ? id.slice(0, slash) : defaultPool;
}

/**
 * Waits for an apply, but returns `onStop()` as soon as Terraform calls StopProvider; the
 * resource's own signal is aborted too so that XAPI tasks are cancelled.
 */
export async function runUntilStopped<T extends { diagnostics: Diagnostic[] }>(
  start: (signal: AbortSignal) => Promise<T>,
  stop: AbortSignal,
  onStop: () => T,
): Promise<T> {
  if (stop.aborted) return onStop();
  const own = new AbortController();
  const work = start(own.signal);
  let listener: (() => void) | undefined;
  const stopped = new Promise<T>((resolve) => {
    listener = () => {
      own.abort();
      resolve(onStop());
    };
    stop.addEventListener('abort', listener, { once: true });
  });
  try {
    return await Promise.race([work, stopped]);
  } finally {
    if (listener) stop.removeEventListener('abort', listener);
    work.catch(() => undefined);
  }
}
