/**
 * Crash-safe file replacement: a reader sees either the old bytes or the new ones, never an
 * empty or partial file, even after `kill -9` or a power cut (engines.md §5.1):
 * temp file in the same folder (O_CREAT|O_EXCL, mode 0600) → write → fsync → rename over the
 * target → fsync the folder so the rename itself is durable.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';

/** `.<name>.tmp-<pid>-<hex>` beside the target; {@link removeStaleTemps} recognises it. */
function tempName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Atomically replaces `target` with `data` (mode 0600 unless told otherwise). Chunks are
 * written in order with `writev`, never joined: a large state is not copied once more.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array | readonly Uint8Array[], mode = 0o600): Promise<void> {
  const tmp = tempName(target);
  const fh = await fs.open(tmp, 'wx', mode);
  try {
    if (Array.isArray(data)) await writeChunks(fh, data);
    else await fh.writeFile(data as string | Uint8Array);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  try {
    await renameWithRetry(tmp, target);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fsyncDir(path.dirname(target));
}

/** Writes every chunk in order at the handle's position, going on after a short write. */
export async function writeChunks(fh: Pick<fs.FileHandle, 'writev'>, chunks: readonly Uint8Array[]): Promise<void> {
  let rest = chunks.filter((c) => c.length > 0);
  while (rest.length) {
    const { bytesWritten } = await fh.writev(rest as Uint8Array[]);
    if (bytesWritten <= 0) throw new Error('a write made no progress');
    let done = bytesWritten;
    let k = 0;
    while (k < rest.length && done >= rest[k].length) done -= rest[k++].length;
    rest = k < rest.length ? [rest[k].subarray(done), ...rest.slice(k + 1)] : [];
  }
}

/** Windows refuses to rename over a file another process has open (EPERM/EBUSY): retry a little. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 5 || (code !== 'EPERM' && code !== 'EBUSY')) throw e;
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
}

/** fsync a directory so a rename in it survives a crash; not possible (nor needed) on Windows. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: fs.FileHandle | undefined;
  try {
    fh = await fs.open(dir, 'r');
    await fh.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw e;
  } finally {
    await fh?.close();
  }
}

/**
 * Deletes temp files of `target` left by processes that died mid-write (their pid is gone).
 * Returns the names removed. Call it while holding the state lock.
 */
export async function removeStaleTemps(target: string, isAlive: (pid: number) => boolean): Promise<string[]> {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.tmp-`;
  const removed: string[] = [];
  for (const name of await fs.readdir(dir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await fs.unlink(path.join(dir, name)).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}

/** True when a process with this pid exists on this host (EPERM means it exists but is not ours). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
