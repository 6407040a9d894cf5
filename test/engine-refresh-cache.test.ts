/**
 * The refresh cache as `xcpform plan` uses it, through the CLI run in process (the source, not
 * a build) against the embedded simulator: a plan writes `.xcpform/refresh/<lineage>/`,
 * `XCPFORM_REFRESH_CACHE=off` writes nothing there, and a plan after an out-of-band change shows
 * the same drift and changes with the cache as without it. The embedded simulator restarts from
 * `.xcpform/simulator.json` on every command (and keeps serving `event.from` tokens taken
 * before); whichever way a plan reads the records, in full or incrementally, it must be the
 * plan made with the cache off, which is what is checked here.
 */
import { existsSync, mkdtempSync, promises as fs, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/cli/main';
import type { CliIo } from '../src/cli/io';
import { DEFAULT_PASSWORD, DEFAULT_USERNAME, startSimulator } from '../src/simulator';
import { XapiClient } from '../src/xenapi';

const CONFIG = `
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
resource "xcp_network" "lan" {
  name_label = "lan"
}
resource "xcp_vm" "web" {
  name_label  = "web"
  template    = "Debian Bookworm 12"
  power_state = "halted"
  nic { network = xcp_network.lan.uuid }
}
`;

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function xcpform(dir: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    env: { NO_COLOR: '1', ...env },
    cwd: dir,
    isTty: false,
    columns: 120,
    prompt: async () => '',
    onInterrupt: () => () => undefined,
  };
  const code = await run(['node', 'xcpform', ...args], io);
  return { code, stdout, stderr };
}

const dirs: string[] = [];
function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-refresh-cache-e2e-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), CONFIG);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const lineageOf = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { lineage: string }).lineage;
const cacheRoot = (dir: string): string => join(dir, '.xcpform', 'refresh');

/** Changes the VM's description out of band: the embedded world is served from its state file, changed through XenAPI, saved. */
async function describeOutOfBand(dir: string, text: string): Promise<void> {
  const sim = await startSimulator({ stateFile: join(dir, '.xcpform', 'simulator.json') });
  const client = new XapiClient({ url: sim.pools.find((p) => p.name === 'dc1')!.url, protocol: 'jsonrpc', credentials: { username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD } });
  try {
    const [vm] = (await client.call('VM.get_by_name_label', 'web')) as string[];
    await client.call('VM.set_name_description', vm, text);
  } finally {
    await client.close();
    await sim.close();
  }
}

async function applied(env: Record<string, string> = {}): Promise<string> {
  const dir = workdir();
  const apply = await xcpform(dir, ['apply', '-auto-approve'], env);
  expect(apply.stderr).toBe('');
  expect(apply.stdout).toContain('Apply complete! Resources: 2 added');
  expect(apply.code).toBe(0);
  return dir;
}

describe('plan with the refresh cache, against the embedded simulator', () => {
  test('a plan after apply writes .xcpform/refresh/<lineage>/ (mode 0600) and shows no changes', async () => {
    const dir = await applied();
    const plan = await xcpform(dir, ['plan', '-detailed-exitcode']);
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    const cache = join(cacheRoot(dir), lineageOf(dir));
    expect((await fs.readdir(cache)).sort()).toEqual(['dc1.records', 'index.json']);
    for (const f of ['dc1.records', 'index.json']) expect(statSync(join(cache, f)).mode & 0o777).toBe(0o600);
    const index = JSON.parse(readFileSync(join(cache, 'index.json'), 'utf8')) as { lineage: string; addresses: string };
    expect(index.lineage).toBe(lineageOf(dir));
    expect(index.addresses.split('\n').sort()).toEqual(['xcp_network.lan', 'xcp_vm.web']);
  });

  test('XCPFORM_REFRESH_CACHE=off: apply and plan write nothing under .xcpform/refresh', async () => {
    const off = { XCPFORM_REFRESH_CACHE: 'off' };
    const dir = await applied(off);
    const plan = await xcpform(dir, ['plan', '-detailed-exitcode'], off);
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    expect(existsSync(join(dir, '.xcpform', 'simulator.json'))).toBe(true);
    expect(existsSync(cacheRoot(dir))).toBe(false);
  });

  test('after an out-of-band change, the plan with the cache shows the drift exactly as with the cache off', async () => {
    const dir = await applied();
    expect((await xcpform(dir, ['plan'])).code).toBe(0);
    expect(existsSync(join(cacheRoot(dir), lineageOf(dir), 'index.json'))).toBe(true);
    await describeOutOfBand(dir, 'changed out of band');

    const cached = await xcpform(dir, ['plan', '-detailed-exitcode']);
    const uncached = await xcpform(dir, ['plan', '-detailed-exitcode'], { XCPFORM_REFRESH_CACHE: 'off' });
    expect(cached.stderr).toBe('');
    expect(cached.code).toBe(2);
    expect(cached.stdout).toContain('changed out of band');
    expect(cached.stdout).toContain('Objects have changed outside of xcpform');
    expect(cached.stdout).toContain('# xcp_vm.web has changed');
    expect(cached.stdout).toMatch(/-\s+name_description\s+=\s+"changed out of band"\s+->\s+null/);
    expect(cached.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(cached).toEqual(uncached);

    // A second plan with the cache (written by the first) still agrees.
    const again = await xcpform(dir, ['plan', '-detailed-exitcode']);
    expect(again).toEqual(uncached);
  });

  test('a cache that cannot be written is a warning: the plan is the same', async () => {
    const dir = await applied();
    await fs.rm(cacheRoot(dir), { recursive: true, force: true });
    writeFileSync(cacheRoot(dir), 'a file where the cache folder should be');
    await describeOutOfBand(dir, 'changed again');
    const cached = await xcpform(dir, ['plan', '-detailed-exitcode']);
    const uncached = await xcpform(dir, ['plan', '-detailed-exitcode'], { XCPFORM_REFRESH_CACHE: 'off' });
    expect(cached.stderr).toContain('Warning: Refresh cache not written');
    expect(cached.stderr).toContain('The next plan reads every object again.');
    expect(uncached.stderr).toBe('');
    expect(cached.code).toBe(2);
    expect(cached.stdout).toContain('changed again');
    expect(cached.stdout).toEqual(uncached.stdout);
  });
});
