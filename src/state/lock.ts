/**
 * State locks: who holds one and the error that says so. The JSON shape is Terraform's
 * `.terraform.tfstate.lock.info` (`ID, Operation, Info, Who, Version, Created, Path`) plus
 * `Pid`, which lets a process on the same host tell that the holder has died.
 */

/** What a lock file records about its holder. */
export interface LockInfo {
  /** Random UUID; `force-unlock ID` must quote it. */
  readonly ID: string;
  /** Terraform's names: `OperationTypeApply`, `OperationTypePlan`, `OperationTypeInvalid`. */
  readonly Operation: string;
  readonly Info: string;
  /** `user@hostname`. */
  readonly Who: string;
  /** Version of the tool holding the lock. */
  readonly Version: string;
  /** RFC 3339 time the lock was taken. */
  readonly Created: string;
  /** The state file the lock protects. */
  readonly Path: string;
  /** Process id of the holder (xcpform addition; absent in Terraform's files). */
  readonly Pid?: number;
}

/** What a caller asks for when locking. */
export interface LockRequest {
  /** e.g. `OperationTypeApply`. */
  readonly operation: string;
  readonly info?: string;
  /** How long to wait for a held lock, in ms (`-lock-timeout`; default 0: fail at once). */
  readonly timeoutMs?: number;
}

/** The lock is held by someone else (or cannot be read); says who and how to recover. */
export class LockError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockInfo | undefined,
    reason = 'Error acquiring the state lock',
  ) {
    super(`${reason}\n\n${describeHolder(lockPath, holder)}`);
    this.name = 'LockError';
  }
}

/** The `Lock Info:` block Terraform prints, plus what to do. */
export function describeHolder(lockPath: string, holder: LockInfo | undefined): string {
  if (!holder)
    return `The lock file ${lockPath} exists but cannot be read. If no other xcpform or Terraform is running on this state, delete that file.`;
  const rows: Array<[string, string]> = [
    ['ID', holder.ID],
    ['Path', holder.Path],
    ['Operation', holder.Operation],
    ['Who', holder.Who],
    ['Version', holder.Version],
    ['Created', holder.Created],
    ['Info', holder.Info],
  ];
  if (holder.Pid !== undefined) rows.push(['Pid', String(holder.Pid)]);
  return [
    'Lock Info:',
    ...rows.map(([k, v]) => `  ${(k + ':').padEnd(10)} ${v}`),
    '',
    'Another operation holds the state lock. Wait for it to finish, or, if it is no longer running,',
    `run "xcpform force-unlock ${holder.ID}".`,
  ].join('\n');
}

/** Reads a lock file's JSON; undefined when it is not a lock record. */
export function parseLockInfo(text: string): LockInfo | undefined {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.ID !== 'string') return undefined;
    const s = (k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : '');
    return {
      ID: o.ID,
      Operation: s('Operation'),
      Info: s('Info'),
      Who: s('Who'),
      Version: s('Version'),
      Created: s('Created'),
      Path: s('Path'),
      ...(typeof o.Pid === 'number' ? { Pid: o.Pid } : {}),
    };
  } catch {
    return undefined;
  }
}
