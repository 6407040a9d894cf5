/**
 * What a rehearsal found: the plan applied to a copy of the pools (records as read before the
 * apply, served by the simulator in-process), each change that failed there with its XenAPI
 * error, the calls made per pool and the wall time the real apply is estimated to take.
 */

/** One change that failed on the copy. */
export interface RehearsalFailure {
  /** Resource address, e.g. `xcp_vm.web[2]`. */
  readonly address: string;
  /** What was being done: create, update, migrate, destroy, read. */
  readonly verb: string;
  /** The XenAPI error of the last refused call of this change, when XAPI refused one. */
  readonly xapiError?: { readonly code: string; readonly params: readonly string[]; readonly method?: string };
  /** The apply's own message for the failure (what the real apply would print). */
  readonly message: string;
}

/** Calls and round trip per pool, the inputs of the estimate. */
export interface RehearsalPool {
  readonly pool: string;
  /** XenAPI calls the rehearsal made to this pool (reads that keep records current included). */
  readonly calls: number;
  /** Average round trip of a call to the real pool, measured before the rehearsal, in ms. */
  readonly roundTripMs: number;
}

/** The rehearsal section of a plan. */
export interface Rehearsal {
  /** True when every change went through on the copy. */
  readonly ok: boolean;
  /** Changes rehearsed (not counting no-ops). */
  readonly changes: number;
  readonly failures: readonly RehearsalFailure[];
  /** Changes not tried because one they depend on failed. */
  readonly skipped: readonly string[];
  readonly pools: readonly RehearsalPool[];
  /** Estimated wall time of the real apply, in seconds (see {@link estimateMethod}). */
  readonly estimatedSeconds: number;
  /** How the estimate was made, in one sentence. */
  readonly estimateMethod: string;
  /** Parallelism the rehearsal ran with (the apply's). */
  readonly parallelism: number;
  /** Wall time the rehearsal itself took, in ms (copy, apply, teardown). */
  readonly elapsedMs: number;
}

/** The one line every rehearsal section carries: what a copy of the records cannot tell. */
export const REHEARSAL_LIMITS =
  'A rehearsal cannot know guest behaviour (boot, cloud-init, agents), real disk contents, or changes other users make to the pools meanwhile.';
