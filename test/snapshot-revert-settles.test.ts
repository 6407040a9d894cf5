/**
 * `xcp_vm_snapshot.revert_generation` raised (issue 16, fidelity "edit-not-settled
 * xcp_vm_snapshot.revert_generation"): `VM.revert` restores the snapshot's disks, and XAPI also
 * writes the snapshot's configuration over the VM (other_config with the snapshot's own keys,
 * description, memory, vCPUs) and halts it. The revert keeps what the VM's `xcp_vm` resource
 * owns, so the next plan is empty. Through the xcpform CLI on the embedded simulator.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../src/engine/workspace';
import { xcpform } from './helpers/cli';

const GIB = 1024 ** 3;
const config = (memory: number, generation: number): string => [
  'provider "xcp" {\n  pools        = { dc1 = { url = "embedded" } }\n  default_pool = "dc1"\n}\n',
  `resource "xcp_vm" "web" {\n  name_label       = "web"\n  name_description = "front end"\n  template         = "Debian Bookworm 12"\n  memory           = ${memory}\n  other_config     = { team = "web" }\n}\n`,
  `resource "xcp_vm_snapshot" "before" {\n  name_label        = "before"\n  vm                = xcp_vm.web.uuid\n  revert_generation = ${generation}\n}\n`,
].join('');

function applyAndSettle(dir: string): void {
  const apply = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
  expect(apply.stderr).toBe('');
  expect(apply.code).toBe(0);
  const again = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
  expect(again.stdout).not.toContain('changed outside of xcpform');
  expect(again.stdout).toContain('No changes.');
  expect(again.code).toBe(0);
}

test('a revert keeps the VM as its xcp_vm resource has it (settings, owned keys, power state): the next plan is empty', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-revert-'));
  try {
    writeFileSync(join(dir, 'main.tf'), config(2 * GIB, 0));
    applyAndSettle(dir);
    // The VM grows after the snapshot; the snapshot holds the smaller memory.
    writeFileSync(join(dir, 'main.tf'), config(3 * GIB, 0));
    applyAndSettle(dir);
    writeFileSync(join(dir, 'main.tf'), config(3 * GIB, 1));
    const plan = xcpform(['plan', '-no-color'], { cwd: dir });
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    applyAndSettle(dir);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const uuid = state.resources.find((r: { type: string }) => r.type === 'xcp_vm').instances[0].attributes.uuid as string;
    const { workspace } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
    try {
      const client = await (await workspace!.runtime()).client('dc1');
      const vm = await client.getRecord('VM', await client.call<string>('VM.get_by_uuid', uuid) as never) as unknown as Record<string, unknown>;
      expect(vm.power_state).toBe('Running');
      expect(vm.memory_static_max).toBe(3 * GIB);
      expect((vm.other_config as Record<string, string>)['xcpform:address']).toBe('xcp_vm.web');
      expect((vm.other_config as Record<string, string>).team).toBe('web');
    } finally {
      await workspace!.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
