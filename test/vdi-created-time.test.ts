/**
 * A standalone disk records when xcpform created it (`other_config["xcpform:created"]`, ISO
 * 8601), the time `xcpform usage` bills its GiB-hours from (issue 16, finding 10). Through the
 * CLI on the embedded simulator; the key is xcpform's own, so the next plan stays empty.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../src/engine/workspace';
import { xcpform } from './helpers/cli';

test('xcp_vdi create writes xcpform:created with the creation time; the next plan is empty', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-vdi-created-'));
  try {
    writeFileSync(join(dir, 'main.tf'), [
      'provider "xcp" {\n  pools        = { dc1 = { url = "embedded" } }\n  default_pool = "dc1"\n}\n',
      'resource "xcp_vdi" "scratch" {\n  name_label   = "scratch"\n  sr           = "NFS shared storage"\n  size         = 1073741824\n  other_config = { team = "web" }\n}\n',
    ].join(''));
    const before = Date.now();
    const apply = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    const after = Date.now();
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const attrs = state.resources.find((r: { type: string }) => r.type === 'xcp_vdi').instances[0].attributes;
    expect(attrs.other_config).toEqual({ team: 'web' });
    const { workspace } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
    let oc: Record<string, string>;
    try {
      const client = await (await workspace!.runtime()).client('dc1');
      oc = await client.call<Record<string, string>>('VDI.get_other_config', await client.call<string>('VDI.get_by_uuid', attrs.uuid));
    } finally {
      await workspace!.close();
    }
    expect(oc['xcpform:created']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const created = Date.parse(oc['xcpform:created']);
    expect(created).toBeGreaterThanOrEqual(before - 1000);
    expect(created).toBeLessThanOrEqual(after);
    const again = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
