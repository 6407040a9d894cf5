/**
 * The state manager: the one in-memory state of a run and the rule for persisting it.
 *
 * The executor calls {@link StateManager.apply} after every completed change. The mutation
 * runs at once (so later readers see it) and the promise resolves when a write containing it
 * is on disk. Writes are serialised; callers that arrive while a write is in flight share the
 * next one (group commit), so N concurrent completions cost at most two writes, not N.
 * The serial is bumped only when the encoded content differs from what was last persisted;
 * the lineage is created once, when the state is new, and never changed.
 * A write encodes through one {@link StateEncoder}, so its CPU grows with what changed since
 * the last write, not with the state (the file itself is still rewritten whole, atomically).
 */
import { Diagnostic, error } from '../diagnostics';
import { StateBackend } from './backends/backend';
import { decodeStateV4 } from './file-v4';
import { EncodedState, StateEncoder, sameApartFromSerial } from './file-v4-chunks';
import { State, STATE_TERRAFORM_VERSION, emptyState } from './model';

/** A change to the state: returns the new state (see the pure helpers in `model.ts`). */
export type StateMutation = (s: State) => State;

/** Options of {@link StateManager.open}. */
export interface OpenStateOptions {
  /** `terraform_version` to write (default {@link STATE_TERRAFORM_VERSION}). */
  readonly terraformVersion?: string;
  /** Lineage for a brand-new state (default a random UUID v4). */
  readonly lineage?: string;
}

/** What {@link StateManager.open} returns: a manager unless the stored state has errors. */
export interface OpenStateResult {
  readonly manager?: StateManager;
  readonly diagnostics: readonly Diagnostic[];
}

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

/** Owns the state of one run over one backend. Create with {@link StateManager.open}. */
export class StateManager {
  private writing: Promise<void> | undefined;
  private next: Deferred | undefined;
  private persisted: EncodedState | undefined;
  private generation = 0;
  private persistedGeneration = 0;
  private readonly encoder = new StateEncoder();

  private constructor(
    private readonly backend: StateBackend,
    private current: State,
    stored: boolean,
  ) {
    // What is stored, as this version encodes it (the comparison base of the first write).
    this.persisted = stored ? this.encoder.encode(current) : undefined;
  }

  /**
   * Reads the backend's state (or starts a new one with a fresh lineage). A malformed stored
   * state yields diagnostics and no manager: it is never overwritten.
   */
  static async open(backend: StateBackend, opts: OpenStateOptions = {}): Promise<OpenStateResult> {
    let text: string | undefined;
    try {
      text = await backend.read();
    } catch (e) {
      return { diagnostics: [error('state.read', 'Cannot read the state', { detail: `Reading ${backend.name} failed: ${(e as Error).message}.` })] };
    }
    const version = opts.terraformVersion ?? STATE_TERRAFORM_VERSION;
    if (text === undefined) return { manager: new StateManager(backend, { ...emptyState(opts.lineage), terraformVersion: version }, false), diagnostics: [] };
    const { state, diagnostics } = decodeStateV4(text, backend.name);
    if (!state) return { diagnostics };
    return { manager: new StateManager(backend, { ...state, terraformVersion: version }, true), diagnostics };
  }

  /** The current in-memory state (includes changes not yet on disk). Do not mutate it. */
  get state(): State {
    return this.current;
  }

  /** The serial of the current state (bumped when a changed state is written). */
  get serial(): number {
    return this.current.serial;
  }

  get lineage(): string {
    return this.current.lineage;
  }

  /** True when the in-memory state has changes that are not yet persisted. */
  get dirty(): boolean {
    return this.generation !== this.persistedGeneration;
  }

  /**
   * Applies `mutation` now and persists the result. Resolves once a write including this
   * change has completed (or rejects with that write's error; the change stays in memory
   * and the next write or {@link flush} retries it). Safe for concurrent callers.
   */
  apply(mutation: StateMutation): Promise<void> {
    let s: State;
    try {
      s = mutation(this.current);
    } catch (e) {
      return Promise.reject(e);
    }
    if (s !== this.current) {
      this.current = s;
      this.generation++;
    }
    return this.persist();
  }

  /** Persists whatever is not yet on disk; resolves when it is. */
  flush(): Promise<void> {
    return this.persist();
  }

  private persist(): Promise<void> {
    if (!this.writing) {
      const w = this.writeNow();
      this.writing = w;
      const after = (): void => {
        this.writing = undefined;
        const n = this.next;
        this.next = undefined;
        if (n) this.persist().then(n.resolve, n.reject);
      };
      w.then(after, after);
      return w;
    }
    if (!this.next) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.next = { promise, resolve, reject };
    }
    return this.next.promise;
  }

  private async writeNow(): Promise<void> {
    const gen = this.generation;
    const snapshot = this.current;
    // Nothing changed since the last write (or, for a new state, since it was opened): no write.
    if (gen === this.persistedGeneration) return;
    // One encoding per write: the bumped state, compared with what is on disk apart from the serial.
    const bumped: State = { ...snapshot, serial: snapshot.serial + 1 };
    const encoded = this.encoder.encode(bumped);
    if (this.persisted !== undefined && sameApartFromSerial(encoded, this.persisted)) {
      this.persistedGeneration = gen;
      return;
    }
    await this.backend.write(encoded.chunks);
    this.persisted = encoded;
    this.persistedGeneration = gen;
    // Later mutations were applied to the old serial; carry the bump over to them.
    if (this.current === snapshot) this.current = bumped;
    else this.current = { ...this.current, serial: bumped.serial };
  }
}
