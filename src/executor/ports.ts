/** What the executor needs from the state layer and what it reports while it runs. */
import type { ObjectValue } from '../values/value';
import type { ResourceChange } from '../plan/model';

/** Receives each completed change; must persist it before resolving (crash safety). */
export interface StateSink {
  /**
   * The object at `change.address` now has these attributes (created, updated, migrated, read);
   * `tainted`: it exists but its create failed, and the next plan replaces it.
   */
  put(change: ResourceChange, attributes: ObjectValue, opts?: { readonly tainted?: boolean }): Promise<void>;
  /** The object at `change.address` is gone. */
  remove(change: ResourceChange): Promise<void>;
  /** Current attributes of every instance, for re-evaluating configuration during apply. */
  current(): ReadonlyMap<string, ObjectValue>;
}

export type ApplyEvent =
  | { readonly type: 'start'; readonly address: string; readonly verb: ApplyVerb; readonly id?: string }
  | { readonly type: 'progress'; readonly address: string; readonly verb: ApplyVerb; readonly text?: string; readonly bytesDone?: number; readonly bytesTotal?: number }
  | { readonly type: 'complete'; readonly address: string; readonly verb: ApplyVerb; readonly elapsedMs: number; readonly id?: string }
  | { readonly type: 'failed'; readonly address: string; readonly verb: ApplyVerb; readonly message: string }
  | { readonly type: 'skipped'; readonly address: string; readonly verb: ApplyVerb; readonly failedAncestor: string }
  | { readonly type: 'cancelled'; readonly address: string; readonly verb: ApplyVerb };

/** What a vertex does, in Terraform's progress words. */
export type ApplyVerb = 'create' | 'update' | 'migrate' | 'destroy' | 'read';

export const VERB_WORDS: Record<ApplyVerb, { ing: string; done: string }> = {
  create: { ing: 'Creating...', done: 'Creation complete' },
  update: { ing: 'Modifying...', done: 'Modifications complete' },
  migrate: { ing: 'Migrating...', done: 'Migration complete' },
  destroy: { ing: 'Destroying...', done: 'Destruction complete' },
  read: { ing: 'Reading...', done: 'Read complete' },
};
