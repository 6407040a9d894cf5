/**
 * The rehearsal under `xcpform.rehearsal` in the plan JSON, in snake_case like the rest of
 * the extension block.
 */
import { REHEARSAL_LIMITS, type Rehearsal } from '../../rehearsal/model';

export interface RehearsalJson {
  readonly ok: boolean;
  readonly changes: number;
  readonly failures: readonly {
    readonly address: string;
    readonly verb: string;
    readonly message: string;
    readonly xapi_error?: { readonly code: string; readonly params: readonly string[]; readonly method?: string };
  }[];
  readonly skipped: readonly string[];
  readonly pools: readonly { readonly pool: string; readonly calls: number; readonly round_trip_ms: number }[];
  readonly estimated_seconds: number;
  readonly estimate_method: string;
  readonly parallelism: number;
  readonly elapsed_ms: number;
  /** What a rehearsal cannot know, in one line. */
  readonly limits: string;
}

export function rehearsalJson(r: Rehearsal): RehearsalJson {
  return {
    ok: r.ok,
    changes: r.changes,
    failures: r.failures.map((f) => ({
      address: f.address,
      verb: f.verb,
      message: f.message,
      ...(f.xapiError ? { xapi_error: { code: f.xapiError.code, params: [...f.xapiError.params], ...(f.xapiError.method ? { method: f.xapiError.method } : {}) } } : {}),
    })),
    skipped: [...r.skipped],
    pools: r.pools.map((p) => ({ pool: p.pool, calls: p.calls, round_trip_ms: p.roundTripMs })),
    estimated_seconds: r.estimatedSeconds,
    estimate_method: r.estimateMethod,
    parallelism: r.parallelism,
    elapsed_ms: r.elapsedMs,
    limits: REHEARSAL_LIMITS,
  };
}
