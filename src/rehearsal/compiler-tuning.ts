/**
 * V8's optimizing compiler while a rehearsal runs. A rehearsal runs the whole apply code path
 * (executor, resources, live world, simulator) about once per change for a second or two, so
 * hundreds of its functions become hot at once and V8 compiles each with everything it calls
 * inlined. Measured on 1,000 VM creates, those compilations took more CPU than the rehearsal's
 * own main thread (on V8's worker threads, which compete with it for the cores), and without
 * inlining the rehearsal's main thread ran no slower: compiling without inlining is what pays
 * for a run this short. The code still does the same; only how V8 compiles it changes.
 *
 * The setting is process-wide: it is switched off when the first of overlapping rehearsals
 * starts and back on when the last ends. A user who set it for Node (`node --no-turbo-inlining`,
 * or in NODE_OPTIONS) keeps their choice: nothing is changed then.
 */
import { setFlagsFromString } from 'node:v8';

/** Flag text while rehearsing, and the V8 default it returns to (the same in every Node >= 20). */
const TUNED = '--no-turbo-inlining';
const RESTORED = '--turbo-inlining';

/** `--turbo-inlining` in any of the spellings V8 accepts, not part of another flag's name. */
const USER_SET = /(?:^|\s)--(?:no-?)?turbo[-_]inlining(?=[\s=]|$)/;

/** True when the user chose the inlining setting on the command line or in NODE_OPTIONS. */
export function userSetInlining(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return execArgv.some((a) => USER_SET.test(a)) || USER_SET.test(nodeOptions ?? '');
}

/** Sets V8 flags; `node:v8`'s own unless a caller needs to see the calls. */
export type FlagSetter = (flags: string) => void;

let active = 0;

/**
 * Runs `fn` with V8's inlining off (see above), then turns it back on once no other rehearsal
 * is running, whether `fn` succeeded or threw.
 */
export async function withCompilerTuning<T>(fn: () => Promise<T>, set: FlagSetter = setFlagsFromString): Promise<T> {
  if (userSetInlining(process.execArgv, process.env.NODE_OPTIONS)) return fn();
  if (active++ === 0) set(TUNED);
  try {
    return await fn();
  } finally {
    if (--active === 0) set(RESTORED);
  }
}
