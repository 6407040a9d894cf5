/**
 * A network or private network renamed behind xcpform's back (issue 16, finding 5 family: "the
 * next plan is empty"): the plan reports the drift and plans the rename back, apply does it, and
 * the next plan is empty. Through the xcpform CLI with its refresh cache on (as a user runs it),
 * the rename made with an XAPI client of the folder's embedded pool between runs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../src/engine/workspace';
import type { XapiClient } from '../src/xenapi';
import { xcpform } from './helpers/cli';

const PROVIDER = 'provider "xcp" {\n  pools        = { dc1 = { url = "embedded" } }\n  default_pool = "dc1"\n}\n';

async function outside(dir: string, fn: (client: XapiClient) => Promise<void>): Promise<void> {
  const { workspace } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
  try {
    await fn(await (await workspace!.runtime()).client('dc1'));
  } finally {
    await workspace!.close();
  }
}

function run(dir: string, args: string[]): { code: number; stdout: string } {
  const res = xcpform([...args, '-no-color'], { cwd: dir });
  expect(res.stderr).toBe('');
  return res;
}

describe.each([
  ['xcp_network', 'resource "xcp_network" "n" {\n  name_label = "lan"\n}\n'],
  ['xcp_private_network', 'data "xcp_network" "eth0" {\n  name_label = "Pool-wide network associated with eth0"\n}\nresource "xcp_private_network" "n" {\n  name_label        = "lan"\n  transport_network = data.xcp_network.eth0.uuid\n}\n'],
])('%s renamed outside xcpform', (type, config) => {
  test('is reported, renamed back by apply, and the next plan is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-net-drift-'));
    writeFileSync(join(dir, 'main.tf'), PROVIDER + config);
    expect(run(dir, ['apply', '-auto-approve']).code).toBe(0);
    // A plan in between fills the refresh cache the later plans start from.
    expect(run(dir, ['plan', '-detailed-exitcode']).code).toBe(0);
    await outside(dir, async (c) => {
      const [ref] = await c.call<string[]>('network.get_by_name_label', 'lan');
      await c.call('network.set_name_label', ref, 'lan-renamed-outside');
    });
    const drift = run(dir, ['plan', '-detailed-exitcode']);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(`# ${type}.n has changed`);
    expect(drift.stdout).toMatch(/~ name_label += "lan-renamed-outside" -> "lan"/);
    expect(run(dir, ['apply', '-auto-approve']).code).toBe(0);
    const after = run(dir, ['plan', '-detailed-exitcode']);
    expect(after.stdout).toContain('No changes.');
    expect(after.stdout).not.toContain('has changed');
    expect(after.code).toBe(0);
  }, 120_000);
});
