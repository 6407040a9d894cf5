/**
 * `xcp_pool.master` (issue 16, fidelity "not-settled xcp_pool update master"): the coordinator
 * named in the configuration is designated by apply and the next plan is empty, also when an
 * `xcp_host` of the same configuration renames that host (its name has its own owner); a
 * coordinator designated behind xcpform's back is drift, repaired by apply. Through the xcpform
 * CLI on the embedded simulator.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../src/engine/workspace';
import type { XapiClient } from '../src/xenapi';
import { xcpform } from './helpers/cli';

const PROVIDER = 'provider "xcp" {\n  pools        = { dc1 = { url = "embedded" } }\n  default_pool = "dc1"\n}\n';

async function outside<T>(dir: string, fn: (client: XapiClient) => Promise<T>): Promise<T> {
  const { workspace } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
  try {
    return await fn(await (await workspace!.runtime()).client('dc1'));
  } finally {
    await workspace!.close();
  }
}

async function coordinatorName(dir: string): Promise<string> {
  return outside(dir, async (c) => {
    const pool = (await c.call<string[]>('pool.get_all'))[0];
    return c.call<string>('host.get_hostname', await c.call<string>('pool.get_master', pool));
  });
}

function applyAndSettle(dir: string): void {
  // With the rehearsal (apply's default): on the instant copy the xcp_host rename lands before
  // xcp_pool designates its master, so the name alone would no longer resolve; the plan carries
  // the host's UUID.
  const apply = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
  expect(apply.stderr).toBe('');
  expect(apply.code).toBe(0);
  const again = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
  expect(again.stdout).toContain('No changes.');
  expect(again.code).toBe(0);
}

describe('xcp_pool.master', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'xcpform-master-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a coordinator named by a host name that an xcp_host renames in the same apply settles', async () => {
    writeFileSync(join(dir, 'main.tf'), `${PROVIDER}resource "xcp_pool" "dc1" {\n  pool   = "dc1"\n  master = "dc1-host2"\n}\nresource "xcp_host" "node2" {\n  address    = "127.0.1.2"\n  name_label = "renamed-node"\n}\n`);
    applyAndSettle(dir);
    expect(await coordinatorName(dir)).toBe('dc1-host2');
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const pool = state.resources.find((r: { type: string }) => r.type === 'xcp_pool').instances[0].attributes;
    const host = state.resources.find((r: { type: string }) => r.type === 'xcp_host').instances[0].attributes;
    expect([pool.master, pool.master_uuid]).toEqual(['dc1-host2', host.uuid]);
    expect(host.name_label).toBe('renamed-node');
  }, 120_000);

  test('a coordinator designated outside xcpform is drift; apply designates the configured one again and settles', async () => {
    writeFileSync(join(dir, 'main.tf'), `${PROVIDER}resource "xcp_pool" "dc1" {\n  pool   = "dc1"\n  master = "dc1-host2"\n}\n`);
    applyAndSettle(dir);
    await outside(dir, async (c) => {
      const [host1] = await c.call<string[]>('host.get_by_name_label', 'dc1-host1');
      await c.call('pool.designate_new_master', host1);
    });
    expect(await coordinatorName(dir)).toBe('dc1-host1');
    const drift = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('# xcp_pool.dc1 has changed');
    expect(drift.stdout).toMatch(/~ master +?= "[0-9a-f-]{36}" -> "dc1-host2"/);
    applyAndSettle(dir);
    expect(await coordinatorName(dir)).toBe('dc1-host2');
  }, 120_000);

  test('a master that names no host of the pool is refused at plan time with the close names', () => {
    writeFileSync(join(dir, 'main.tf'), `${PROVIDER}resource "xcp_pool" "dc1" {\n  pool   = "dc1"\n  master = "dc1-hots2"\n}\n`);
    const plan = xcpform(['plan', '-no-color'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Error: master "dc1-hots2" is no host of pool "dc1"');
    expect(plan.stderr).toContain('Did you mean "dc1-host2"');
    expect(plan.stderr).toContain('on main.tf line 5');
    expect(plan.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  }, 60_000);
});
