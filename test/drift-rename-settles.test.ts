/**
 * A name changed behind xcpform's back on an SR, a VDI or an appliance (issue 16, fidelity
 * "drift-not-settled … name_label renamed"): the plan reports the drift and renames it back,
 * apply does it, and the next plan is empty. Through the xcpform CLI on the embedded simulator.
 *
 * The refresh cache holds the object as it was when its records file was written; renamed
 * outside and renamed back by apply, the record equals the file again, so a cache comparing
 * events with the file alone kept the value read in between (the outside name) and every later
 * plan renamed the object again.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../src/engine/workspace';
import { xcpform } from './helpers/cli';

const PROVIDER = 'provider "xcp" {\n  pools        = { dc1 = { url = "embedded" } }\n  default_pool = "dc1"\n}\n';

/** Renames the object of `address` through a raw XAPI client of the folder's pool, as another tool would. */
async function renameOutside(dir: string, address: string, cls: string): Promise<void> {
  const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
  const [type, name] = address.split('.');
  const uuid = state.resources.find((r: { type: string; name: string }) => r.type === type && r.name === name).instances[0].attributes.uuid as string;
  const { workspace } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
  try {
    const client = await (await workspace!.runtime()).client('dc1');
    const ref = await client.call<string>(`${cls}.get_by_uuid`, uuid);
    await client.call(`${cls}.set_name_label`, ref, 'renamed-outside');
  } finally {
    await workspace!.close();
  }
}

const CASES: { address: string; cls: string; name: string; config: string }[] = [
  {
    address: 'xcp_sr.data', cls: 'SR', name: 'data',
    config: 'resource "xcp_sr" "data" {\n  name_label    = "data"\n  type          = "ext"\n  host          = "dc1-host1"\n  device_config = { device = "/dev/sdc" }\n}\n',
  },
  {
    address: 'xcp_vdi.scratch', cls: 'VDI', name: 'scratch',
    config: 'resource "xcp_vdi" "scratch" {\n  name_label = "scratch"\n  sr         = "NFS shared storage"\n  size       = 1073741824\n}\n',
  },
  {
    address: 'xcp_appliance.shop', cls: 'VM_appliance', name: 'shop',
    config: 'resource "xcp_appliance" "shop" {\n  name_label = "shop"\n}\n',
  },
];

describe.each(CASES)('$address renamed behind xcpform\'s back', ({ address, cls, name, config }) => {
  test('is reported, renamed back by apply, and the next plan is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-rename-'));
    try {
      writeFileSync(join(dir, 'main.tf'), PROVIDER + config);
      expect(xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir }).code).toBe(0);
      // A fresh refresh cache: its records file now holds the object under its configured name.
      rmSync(join(dir, '.xcpform', 'refresh'), { recursive: true, force: true });
      expect(xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir }).code).toBe(0);
      await renameOutside(dir, address, cls);
      const drift = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
      expect(drift.code).toBe(2);
      expect(drift.stdout).toContain(`# ${address} has changed`);
      expect(drift.stdout).toMatch(new RegExp(`~ name_label +?= "renamed-outside" -> "${name}"`));
      const apply = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      const again = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
      expect(again.stdout).toContain('No changes.');
      expect(again.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
