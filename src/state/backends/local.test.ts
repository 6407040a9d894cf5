import { promises as fs, mkdtempSync, writeFileSync, existsSync, statSync, readdirSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { LocalBackend } from './local';
import { LockError } from '../lock';
import { StateClock } from '../clock';

/** Virtual time: sleep advances the clock and runs a hook (to change the world mid-wait). */
class VirtualClock implements StateClock {
  t = Date.UTC(2026, 0, 1);
  readonly sleeps: number[] = [];
  onSleep?: (n: number) => Promise<void> | void;
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
    await this.onSleep?.(this.sleeps.length);
  }
}

/** A pid that certainly belonged to a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('LocalBackend', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'xcpform-state-'));
    file = path.join(dir, 'terraform.tfstate');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('writes atomically with mode 0600 and keeps the start-of-run backup', async () => {
    writeFileSync(file, 'v1', { mode: 0o644 });
    const b = new LocalBackend({ path: file });
    expect(await b.read()).toBe('v1');
    await b.write('v2');
    await b.write('v3');
    expect(await fs.readFile(file, 'utf8')).toBe('v3');
    expect(await fs.readFile(`${file}.backup`, 'utf8')).toBe('v1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}.backup`).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['terraform.tfstate', 'terraform.tfstate.backup']);
  });

  it('writes a state given as chunks in order, more chunks than one writev takes, UTF-8 split across chunks', async () => {
    writeFileSync(file, 'v1');
    const b = new LocalBackend({ path: file });
    await b.read();
    const text = Array.from({ length: 3000 }, (_, i) => `é${i}😀`).join(',');
    const bytes = Buffer.from(text);
    const chunks: Buffer[] = [];
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const n = k % 7; // 0 to 6 bytes: empty chunks, and characters cut in the middle
      chunks.push(bytes.subarray(at, at + n));
      at += n;
    }
    expect(chunks.length).toBeGreaterThan(4096);
    await b.write(chunks);
    expect(await fs.readFile(file, 'utf8')).toBe(text);
    expect(await fs.readFile(`${file}.backup`, 'utf8')).toBe('v1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['terraform.tfstate', 'terraform.tfstate.backup']);
  });

  it('writes no backup for a new state', async () => {
    const b = new LocalBackend({ path: file });
    expect(await b.read()).toBeUndefined();
    await b.write('v1');
    expect(existsSync(`${file}.backup`)).toBe(false);
  });

  it('takes an O_EXCL lock file with Terraform lock info and releases it by ID', async () => {
    const b = new LocalBackend({ path: file, version: '0.1.0', user: 'ops', hostname: 'h1' });
    const info = await b.lock({ operation: 'OperationTypeApply' });
    const lockFile = path.join(dir, '.terraform.tfstate.lock.info');
    const onDisk = JSON.parse(await fs.readFile(lockFile, 'utf8'));
    expect(onDisk).toEqual({ ...info });
    expect(Object.keys(onDisk)).toEqual(['ID', 'Operation', 'Info', 'Who', 'Version', 'Created', 'Path', 'Pid']);
    expect(info).toMatchObject({ Operation: 'OperationTypeApply', Who: 'ops@h1', Version: '0.1.0', Path: file, Pid: process.pid });
    expect(statSync(lockFile).mode & 0o777).toBe(0o600);
    await expect(b.unlock('wrong')).rejects.toThrow('does not match');
    await b.unlock(info.ID);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('fails fast naming the holder when a live process holds the lock', async () => {
    const holder = new LocalBackend({ path: file, user: 'alice', hostname: os.hostname() });
    const held = await holder.lock({ operation: 'OperationTypeApply', info: 'nightly' });
    const other = new LocalBackend({ path: file });
    const err = await other.lock({ operation: 'OperationTypeApply' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockError);
    expect((err as LockError).holder?.ID).toBe(held.ID);
    const msg = (err as Error).message;
    expect(msg).toContain('Error acquiring the state lock');
    expect(msg).toContain(`ID:        ${held.ID}`);
    expect(msg).toContain(`Who:       alice@${os.hostname()}`);
    expect(msg).toContain(`xcpform force-unlock ${held.ID}`);
  });

  it('breaks a stale lock whose holder died on this host', async () => {
    const dead = new LocalBackend({ path: file, pid: deadPid() });
    await dead.lock({ operation: 'OperationTypeApply' });
    const tmp = path.join(dir, `.terraform.tfstate.tmp-${deadPid()}-00000000`);
    const mine = path.join(dir, `.terraform.tfstate.tmp-${process.pid}-11111111`);
    writeFileSync(tmp, 'partial');
    writeFileSync(mine, 'in flight');
    const b = new LocalBackend({ path: file });
    const info = await b.lock({ operation: 'OperationTypeApply' });
    expect((await b.holder())?.ID).toBe(info.ID);
    expect(existsSync(tmp)).toBe(false); // stale temp file cleaned once the lock is ours
    expect(existsSync(mine)).toBe(true);
  });

  it('does not judge a lock from another host stale', async () => {
    await new LocalBackend({ path: file, pid: deadPid(), hostname: 'elsewhere' }).lock({ operation: 'OperationTypeApply' });
    await expect(new LocalBackend({ path: file }).lock({ operation: 'OperationTypeApply' })).rejects.toThrow(LockError);
  });

  it('waits up to -lock-timeout in virtual time and gets the lock when it is released', async () => {
    const holder = new LocalBackend({ path: file });
    const held = await holder.lock({ operation: 'OperationTypeApply' });
    const clock = new VirtualClock();
    clock.onSleep = async (n) => {
      if (n === 3) await holder.unlock(held.ID);
    };
    const start = clock.now();
    const b = new LocalBackend({ path: file, clock });
    await b.lock({ operation: 'OperationTypeApply', timeoutMs: 60_000 });
    expect(clock.sleeps).toEqual([100, 200, 400]);
    expect(clock.now() - start).toBe(700);
  });

  it('gives up exactly at the timeout', async () => {
    await new LocalBackend({ path: file }).lock({ operation: 'OperationTypeApply' });
    const clock = new VirtualClock();
    const start = clock.now();
    await expect(new LocalBackend({ path: file, clock }).lock({ operation: 'OperationTypePlan', timeoutMs: 5000 })).rejects.toThrow(LockError);
    expect(clock.now() - start).toBe(5000);
    expect(clock.sleeps).toEqual([100, 200, 400, 800, 1600, 1900]);
  });

  it('reports an unreadable lock file and how to clear it', async () => {
    writeFileSync(path.join(dir, '.terraform.tfstate.lock.info'), '');
    await expect(new LocalBackend({ path: file }).lock({ operation: 'x' })).rejects.toThrow('exists but cannot be read');
  });

  it('force-unlocks a lock left by another process', async () => {
    const held = await new LocalBackend({ path: file, pid: 1, hostname: 'elsewhere' }).lock({ operation: 'OperationTypeApply' });
    const b = new LocalBackend({ path: file });
    expect(await b.describeLock()).toContain(held.ID);
    await b.forceUnlock(held.ID);
    expect(await b.describeLock()).toBe('The state is not locked.');
  });
});
