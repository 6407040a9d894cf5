import { promises as fs, mkdtempSync, writeFileSync, existsSync, statSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend } from './backends/local';
import { StateManager } from './manager';
import { decodeStateV4, encodeStateV4 } from './file-v4';
import { parseAddress, providerAddress, removeInstance, setInstance, State } from './model';

/** The real local backend, counting writes and optionally failing some. */
class CountingBackend extends LocalBackend {
  writes = 0;
  failNext = 0;
  async write(text: string): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('ENOSPC: no space left on device');
    }
    this.writes++;
    await super.write(text);
  }
}

const obj = (n: string) => ({ schemaVersion: 0, attributes: { name_label: n }, sensitiveAttributes: [], dependencies: [] });
const put = (addr: string, n = addr) => (s: State) => setInstance(s, parseAddress(addr)!, obj(n), providerAddress());

describe('StateManager', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'xcpform-mgr-'));
    file = path.join(dir, 'terraform.tfstate');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const onDisk = async (p = file): Promise<State> => decodeStateV4(await fs.readFile(p, 'utf8'), p).state!;

  it('creates the lineage once and writes nothing until something changes', async () => {
    const b = new CountingBackend({ path: file });
    const { manager } = await StateManager.open(b);
    await manager!.flush();
    expect(existsSync(file)).toBe(false);
    await manager!.apply(put('xcp_vm.a'));
    const s1 = await onDisk();
    expect(s1.serial).toBe(1);
    expect(s1.lineage).toBe(manager!.lineage);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { manager: again } = await StateManager.open(new LocalBackend({ path: file }));
    expect(again!.lineage).toBe(s1.lineage);
  });

  it('bumps the serial only when content changes, and backs up the start-of-run state', async () => {
    await (await StateManager.open(new LocalBackend({ path: file }))).manager!.apply(put('xcp_vm.a'));
    const b = new CountingBackend({ path: file });
    const { manager } = await StateManager.open(b);
    await manager!.apply((s) => s);
    await manager!.apply(put('xcp_vm.a')); // same content, new object
    expect(b.writes).toBe(0);
    await manager!.apply(put('xcp_vm.b'));
    await manager!.apply(put('xcp_vm.c'));
    expect((await onDisk()).serial).toBe(3);
    expect(manager!.serial).toBe(3);
    expect((await onDisk(`${file}.backup`)).serial).toBe(1);
    expect(b.writes).toBe(2);
  });

  it('writes exactly the plain encoding of its state after every change, also over a state it opened', async () => {
    const { manager } = await StateManager.open(new LocalBackend({ path: file }));
    for (let i = 0; i < 30; i++) await manager!.apply(put(`xcp_vm.v[${i}]`, `<${i}> & é`));
    const { manager: again } = await StateManager.open(new LocalBackend({ path: file }));
    for (const [k, step] of [put('xcp_vm.v[7]', 'seven'), put('xcp_vm.v[30]'), (s: State) => removeInstance(s, parseAddress('xcp_vm.v[0]')!), put('module.m.xcp_vm.w')].entries()) {
      await again!.apply(step);
      expect(await fs.readFile(file, 'utf8')).toBe(encodeStateV4(again!.state));
      expect(again!.serial).toBe(31 + k);
    }
  });

  it('serialises concurrent callers and group-commits their writes', async () => {
    const b = new CountingBackend({ path: file });
    const { manager } = await StateManager.open(b);
    await Promise.all(Array.from({ length: 50 }, (_, i) => manager!.apply(put(`xcp_vm.v[${i}]`))));
    const s = await onDisk();
    expect(s.resources[0].instances).toHaveLength(50);
    expect(b.writes).toBeLessThanOrEqual(2);
    expect(s.serial).toBe(b.writes);
    expect(manager!.dirty).toBe(false);
  });

  it('a failed write rejects its callers, keeps the change and retries it with the next write', async () => {
    const b = new CountingBackend({ path: file });
    const { manager } = await StateManager.open(b);
    b.failNext = 1;
    await expect(manager!.apply(put('xcp_vm.a'))).rejects.toThrow('ENOSPC');
    expect(manager!.dirty).toBe(true);
    await manager!.apply(put('xcp_vm.b'));
    expect((await onDisk()).resources.map((r) => r.name)).toEqual(['a', 'b']);
    expect(manager!.dirty).toBe(false);
  });

  it('a throwing mutation rejects and changes nothing', async () => {
    const { manager } = await StateManager.open(new LocalBackend({ path: file }));
    const before = manager!.state;
    await expect(manager!.apply(() => { throw new Error('bug'); })).rejects.toThrow('bug');
    expect(manager!.state).toBe(before);
  });

  it('refuses a malformed state file with diagnostics and leaves it alone', async () => {
    writeFileSync(file, '{"version": 4, "serial": "x"}');
    const { manager, diagnostics } = await StateManager.open(new LocalBackend({ path: file }));
    expect(manager).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toContain('state.invalid');
    expect(await fs.readFile(file, 'utf8')).toBe('{"version": 4, "serial": "x"}');
  });
});
