/**
 * Where state is stored and how it is locked. A backend moves bytes (the encoded state file)
 * and manages the lock; it does not know the state model, so the same `StateManager` runs
 * over any backend (local file today; a database or object store later).
 */
import { LockInfo, LockRequest } from '../lock';

/**
 * The bytes of a state: one text, or chunks in order (the state manager writes chunks so a
 * large state is never joined into one string; see `file-v4-chunks.ts`).
 */
export type StateBytes = string | readonly Uint8Array[];

/** `bytes` as one text (for stores that keep text). */
export function stateText(bytes: StateBytes): string {
  return typeof bytes === 'string' ? bytes : Buffer.concat(bytes).toString('utf8');
}

/** Storage plus locking for one state. */
export interface StateBackend {
  /** A label for diagnostics (the file path for the local backend). */
  readonly name: string;
  /** The stored bytes, or undefined when no state exists yet. */
  read(): Promise<string | undefined>;
  /**
   * Replaces the stored state with `bytes` (UTF-8), atomically: after a crash at any moment a
   * later `read` returns either the previous or the new text, never a mix.
   */
  write(bytes: StateBytes): Promise<void>;
  /** Takes the lock (waiting up to `timeoutMs`); throws `LockError` naming the holder. */
  lock(req: LockRequest): Promise<LockInfo>;
  /** Releases a lock this process took; throws if `id` is not the current holder. */
  unlock(id: string): Promise<void>;
  /** Removes a lock left by another (dead) process; `id` must match the holder's ID. */
  forceUnlock(id: string): Promise<void>;
}
