/**
 * The local backend: `terraform.tfstate` in the working folder, like Terraform's default.
 *
 * - Writes are atomic (temp file, fsync, rename, fsync folder) with mode 0600.
 * - `terraform.tfstate.backup` holds the state as it was when this process first changed it
 *   (Terraform's rule: one backup per run, written just before the first differing write).
 * - The lock is a real lock file, `.terraform.tfstate.lock.info` beside the state, created with
 *   O_EXCL and holding Terraform's lock-info JSON plus the holder's pid. A lock whose holder
 *   pid is dead on this host is stale and is broken automatically; anything else waits up to
 *   `timeoutMs` (polling through an injectable clock) and then fails naming the holder.
 *   Using Terraform's file name means a running Terraform (which writes that file while it
 *   holds its fcntl lock) also stops xcpform.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomBytes, randomUUID } from 'crypto';
import { StateClock, systemClock } from '../clock';
import { LockError, LockInfo, LockRequest, describeHolder, parseLockInfo } from '../lock';
import { fsyncDir, processAlive, removeStaleTemps, writeFileAtomic } from '../atomic-write';
import { StateBackend, StateBytes } from './backend';

/** Options of a {@link LocalBackend}; all but `path` are for tests and the CLI. */
export interface LocalBackendOptions {
  /** The state file, e.g. `<dir>/terraform.tfstate`. */
  readonly path: string;
  readonly clock?: StateClock;
  /** Written into lock files as `Version`. */
  readonly version?: string;
  /** Overrides for lock-holder identity (tests simulate other hosts and processes). */
  readonly hostname?: string;
  readonly pid?: number;
  readonly user?: string;
  /** Liveness check of a pid on this host (default: signal 0). */
  readonly isAlive?: (pid: number) => boolean;
}

/** State in a local file; see the file header for its guarantees. */
export class LocalBackend implements StateBackend {
  readonly path: string;
  readonly backupPath: string;
  readonly lockPath: string;
  private readonly clock: StateClock;
  private readonly isAlive: (pid: number) => boolean;
  private original: string | undefined | null = null; // null: not read yet
  private backedUp = false;

  constructor(private readonly opts: LocalBackendOptions) {
    this.path = path.resolve(opts.path);
    this.backupPath = `${this.path}.backup`;
    this.lockPath = path.join(path.dirname(this.path), `.${path.basename(this.path)}.lock.info`);
    this.clock = opts.clock ?? systemClock;
    this.isAlive = opts.isAlive ?? processAlive;
  }

  get name(): string {
    return this.path;
  }

  async read(): Promise<string | undefined> {
    const text = await readIfExists(this.path);
    if (this.original === null) this.original = text;
    return text;
  }

  async write(bytes: StateBytes): Promise<void> {
    if (!this.backedUp) {
      if (this.original === null) this.original = await readIfExists(this.path);
      if (this.original !== undefined) await writeFileAtomic(this.backupPath, this.original);
      this.backedUp = true;
    }
    await writeFileAtomic(this.path, bytes);
  }

  async lock(req: LockRequest): Promise<LockInfo> {
    const hostname = this.opts.hostname ?? os.hostname();
    const info: LockInfo = {
      ID: randomUUID(),
      Operation: req.operation,
      Info: req.info ?? '',
      Who: `${this.opts.user ?? safeUser()}@${hostname}`,
      Version: this.opts.version ?? '',
      Created: new Date(this.clock.now()).toISOString(),
      Path: this.path,
      Pid: this.opts.pid ?? process.pid,
    };
    const body = JSON.stringify(info) + '\n';
    const deadline = this.clock.now() + (req.timeoutMs ?? 0);
    let delay = 100;
    for (;;) {
      if (await this.tryCreate(body)) {
        await removeStaleTemps(this.path, this.isAlive);
        return info;
      }
      const holder = parseLockInfo((await readIfExists(this.lockPath)) ?? '');
      if (holder && this.isStale(holder, hostname)) {
        await this.breakStale(holder);
        continue;
      }
      const now = this.clock.now();
      if (now >= deadline) throw new LockError(this.lockPath, holder);
      await this.clock.sleep(Math.min(delay, deadline - now));
      delay = Math.min(delay * 2, 2000);
    }
  }

  async unlock(id: string): Promise<void> {
    const holder = parseLockInfo((await readIfExists(this.lockPath)) ?? '');
    if (!holder) throw new LockError(this.lockPath, undefined, `Failed to unlock state: no readable lock at ${this.lockPath}`);
    if (holder.ID !== id) throw new LockError(this.lockPath, holder, `Failed to unlock state: lock ID "${id}" does not match the existing lock`);
    await fs.unlink(this.lockPath);
    await fsyncDir(path.dirname(this.lockPath));
  }

  async forceUnlock(id: string): Promise<void> {
    return this.unlock(id);
  }

  /** Reads the current holder, if any (for `xcpform force-unlock` prompts). */
  async holder(): Promise<LockInfo | undefined> {
    return parseLockInfo((await readIfExists(this.lockPath)) ?? '');
  }

  /** The message describing the current holder (or the absence of one). */
  async describeLock(): Promise<string> {
    const text = await readIfExists(this.lockPath);
    return text === undefined ? 'The state is not locked.' : describeHolder(this.lockPath, parseLockInfo(text));
  }

  /** O_EXCL create; the info is written and fsynced before anyone can mistake it for stale. */
  private async tryCreate(body: string): Promise<boolean> {
    let fh: fs.FileHandle;
    try {
      fh = await fs.open(this.lockPath, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    try {
      await fh.writeFile(body);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsyncDir(path.dirname(this.lockPath));
    return true;
  }

  private isStale(h: LockInfo, hostname: string): boolean {
    const host = h.Who.slice(h.Who.lastIndexOf('@') + 1);
    return h.Pid !== undefined && host === hostname && !this.isAlive(h.Pid);
  }

  /**
   * Removes a stale lock without removing a fresh one taken meanwhile by another process:
   * move the file aside (atomic), then check it is the one judged stale; if not, put it back
   * with `link`, which fails rather than overwrite a third process's lock.
   */
  private async breakStale(stale: LockInfo): Promise<void> {
    const aside = `${this.lockPath}.stale-${randomBytes(4).toString('hex')}`;
    try {
      await fs.rename(this.lockPath, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else broke it
      throw e;
    }
    const moved = parseLockInfo((await readIfExists(aside)) ?? '');
    if (moved?.ID !== stale.ID) await fs.link(aside, this.lockPath).catch(() => undefined);
    await fs.unlink(aside).catch(() => undefined);
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown'; // no passwd entry (containers): still a valid lock holder
  }
}
