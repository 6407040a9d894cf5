/**
 * Copies every workspace's state from one backend to another (`xcpform init -migrate-state`),
 * byte for byte: lineage and serial are kept, so saved plans and the other tool still
 * recognise the state. Both sides are locked while a workspace is copied.
 *
 * A destination that already holds a state is overwritten only when it is the same history
 * (same lineage) and not newer (serial not greater); anything else is refused with a
 * diagnostic unless `forceCopy` is set (Terraform's `-force-copy` answers "yes" to the same
 * question). After a copy the stored text is read back and compared.
 */
import { Diagnostic, error } from '../../diagnostics';
import { decodeStateV4 } from '../file-v4';
import { LockInfo } from '../lock';
import { WorkspaceBackend } from './open-backend';

/** Options of {@link migrateState}. */
export interface MigrateOptions {
  /** Overwrite a destination state of another lineage, or a newer one. */
  readonly forceCopy?: boolean;
  /** How long to wait for each lock (`-lock-timeout`). */
  readonly lockTimeoutMs?: number;
}

/** What {@link migrateState} did, per workspace. */
export interface MigrateResult {
  /** Workspaces whose state was written to the destination. */
  readonly copied: string[];
  /** Workspaces with no state, or whose destination already held exactly the same bytes. */
  readonly unchanged: string[];
  readonly diagnostics: Diagnostic[];
}

/** Copies all workspaces of `from` that have a state into `to`; see the file header. */
export async function migrateState(from: WorkspaceBackend, to: WorkspaceBackend, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const result: MigrateResult = { copied: [], unchanged: [], diagnostics: [] };
  for (const ws of await from.listWorkspaces()) {
    const src = from.withWorkspace(ws);
    const dst = to.withWorkspace(ws);
    const req = { operation: 'OperationTypeInvalid', info: 'xcpform init -migrate-state', timeoutMs: opts.lockTimeoutMs ?? 0 };
    const srcLock = await src.lock(req);
    let dstLock: LockInfo | undefined;
    try {
      dstLock = await dst.lock(req);
      const outcome = await copyOne(src, dst, ws, opts);
      if (outcome === 'copied') result.copied.push(ws);
      else if (outcome === 'unchanged') result.unchanged.push(ws);
      else result.diagnostics.push(outcome);
    } finally {
      if (dstLock) await dst.unlock(dstLock.ID);
      await src.unlock(srcLock.ID);
    }
  }
  return result;
}

async function copyOne(src: WorkspaceBackend, dst: WorkspaceBackend, ws: string, opts: MigrateOptions): Promise<'copied' | 'unchanged' | Diagnostic> {
  const text = await src.read();
  if (text === undefined) return 'unchanged';
  const decoded = decodeStateV4(text, src.name);
  if (!decoded.state) {
    return error('state.migrate-unreadable', `Cannot migrate workspace "${ws}": its state is not readable`, {
      detail: `The state in ${src.name} has errors (${decoded.diagnostics.map((d) => d.summary).join('; ')}). Repair it before migrating; nothing was copied for this workspace.`,
    });
  }
  const existing = await dst.read();
  if (existing === text) return 'unchanged';
  if (existing !== undefined && !opts.forceCopy) {
    const theirs = decodeStateV4(existing, dst.name).state;
    const mine = decoded.state;
    if (!theirs || theirs.lineage !== mine.lineage) {
      return error('state.migrate-lineage-mismatch', `Destination already has a different state for workspace "${ws}"`, {
        detail: `The state in ${dst.name} has lineage ${theirs?.lineage ?? '(unreadable)'}, but the state being migrated has lineage ${mine.lineage}: they are different histories, and copying would lose the destination's. Nothing was copied for this workspace. Check which one is right; run "xcpform init -migrate-state -force-copy" to overwrite the destination, or remove the backend change.`,
      });
    }
    if (theirs.serial > mine.serial) {
      return error('state.migrate-destination-newer', `Destination has a newer state for workspace "${ws}"`, {
        detail: `The state in ${dst.name} has serial ${theirs.serial}, newer than the migrated state's serial ${mine.serial} (same lineage ${mine.lineage}). Nothing was copied for this workspace. Run "xcpform init -migrate-state -force-copy" to overwrite it with the older state.`,
      });
    }
  }
  await dst.write(text);
  const back = await dst.read();
  if (back !== text) {
    return error('state.migrate-verify', `Migrated state of workspace "${ws}" did not read back identically`, {
      detail: `After writing to ${dst.name} the stored state differs from the source. The source in ${src.name} is unchanged; retry the migration.`,
    });
  }
  return 'copied';
}
