/**
 * `timeouts` blocks: durations in Terraform's syntax; an operation over its timeout fails with a
 * diagnostic naming the resource and the timeout, and the XenAPI task it was waiting on is
 * cancelled (a simulator whose VM operations take 3 s, a create limited to 1 s); a timeout
 * changed alone changes only the state; with the xcpform CLI and with real terraform.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDuration } from '../src/resources/timeouts/duration';
import { resourceType } from '../src/resources/registry';
import { RunningSimulator, startSimulator } from '../src/simulator';
import { RawClient, closeRawClients } from '../src/simulator/testing/raw-client';
import { cli } from './helpers/crash-processes';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

test('durations as Terraform writes them', () => {
  expect(['30s', '10m', '1h30m', '1.5h', '500ms', '2h0m5s'].map(parseDuration)).toEqual([30_000, 600_000, 5_400_000, 5_400_000, 500, 7_205_000]);
  expect(['', '10', 'ten minutes', '5 m', '-1s', '1d'].map(parseDuration)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
});

test('the resources with long operations have the block; others do not', () => {
  const has = (type: string) => Boolean(resourceType(type)?.schema.block.blockTypes?.timeouts);
  expect(['xcp_vm', 'xcp_vdi', 'xcp_appliance', 'xcp_sr', 'xcp_vm_snapshot'].map(has)).toEqual([true, true, true, true, true]);
  expect(['xcp_network', 'xcp_pool'].map(has)).toEqual([false, false]);
});

const vm = (timeouts: string): string => `resource "xcp_vm" "slow" {
  name_label = "slow"
  template   = "Debian Bookworm 12"
  memory     = 1073741824
  timeouts {
${timeouts}
  }
}
`;

describe('xcpform CLI against a simulator whose VM operations take 3 s', () => {
  let sim: RunningSimulator;
  let c: RawClient;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 1 }], guestBootMs: 0, operationMs: 3000 });
    c = new RawClient(sim.pools[0].url, 'json');
    await c.login();
    dir = mkdtempSync(join(tmpdir(), 'xcpform-timeouts-'));
  });
  afterAll(async () => {
    closeRawClients();
    await sim.close();
  });
  const write = (body: string): void => writeFileSync(join(dir, 'main.tf'), `provider "xcp" {\n  pools = { dc1 = { url = "${sim.pools[0].url}", username = "root", password = "xcpform" } }\n}\n${body}`);
  const slowVms = async (): Promise<string[]> => (await c.call<string[]>('VM.get_by_name_label', 'slow'));

  test('a create over its timeout fails naming the resource and the timeout, and its task is cancelled', async () => {
    write(vm('    create = "1s"'));
    const vmsBefore = (await c.call<string[]>('VM.get_all')).length;
    const started = Date.now();
    const apply = await cli(['apply', '-auto-approve', '-no-color'], { cwd: dir });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('xcp_vm.slow: create did not finish within 1s (timeouts.create)');
    expect(apply.stderr).toContain('the XenAPI task running then was cancelled');
    // It stopped at the timeout, not after the whole clone.
    expect(Date.now() - started).toBeLessThan(30_000);
    // The clone's task was cancelled, not merely left: past the 3 s it would have taken, no VM
    // appeared (a clone left running would have made one, under its temporary name).
    await new Promise((r) => setTimeout(r, 3500));
    expect((await c.call<string[]>('VM.get_all')).length).toBe(vmsBefore);
    expect(await slowVms()).toEqual([]);
  }, 120_000);

  test('with room the create completes; a timeout changed alone changes only the state; delete has its own', async () => {
    write(vm('    create = "2m"'));
    const apply = await cli(['apply', '-auto-approve', '-no-color'], { cwd: dir });
    expect([apply.code, apply.stdout]).toEqual([0, expect.stringContaining('1 added')]);
    expect(await slowVms()).toHaveLength(1);
    expect((await cli(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir })).code).toBe(0);

    write(vm('    create = "2m"\n    delete = "1m"'));
    const plan = await cli(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/\+ delete = "1m"/);
    const before = (await c.call<string[]>('task.get_all')).length;
    const update = await cli(['apply', '-auto-approve', '-no-color'], { cwd: dir });
    expect([update.code, update.stdout]).toEqual([0, expect.stringContaining('1 changed')]);
    // Only the state changed: no XenAPI task ran.
    expect((await c.call<string[]>('task.get_all')).length).toBe(before);
    expect((await cli(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir })).code).toBe(0);

    const destroy = await cli(['destroy', '-auto-approve', '-no-color'], { cwd: dir });
    expect(destroy.code).toBe(0);
    expect(await slowVms()).toEqual([]);
  }, 180_000);

  test('an invalid duration is refused by validation', async () => {
    write(vm('    create = "ten minutes"'));
    const res = await cli(['validate', '-no-color'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('must be a duration such as "30s", "10m" or "1h30m"');
  }, 60_000);
});

test('terraform: a create over its timeout fails with the diagnostic; with room it applies and plans empty', () => {
  terraformVersion();
  // Every call of the embedded simulator takes 400 ms: a VM create makes many.
  process.env.XCPFORM_EMBEDDED_LATENCY_MS = '400';
  let ws: TerraformWorkspace;
  try {
    ws = new TerraformWorkspace();
  } finally {
    delete process.env.XCPFORM_EMBEDDED_LATENCY_MS;
  }
  const head = 'terraform {\n  required_providers {\n    xcp = { source = "registry.terraform.io/xcpform/xcp" }\n  }\n}\nprovider "xcp" {\n  pools = { dc1 = { url = "embedded" } }\n}\n';
  ws.write(head + vm('    create = "1s"'));
  const failed = ws.run(['apply', '-auto-approve', '-no-color']);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain('create did not finish within 1s (timeouts.create)');
  ws.write(head + vm('    create = "10m"'));
  ws.expect(['apply', '-auto-approve', '-no-color']);
  ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
  const attrs = (): { timeouts: unknown; uuid: string } => ws.state().resources.find((r) => r.type === 'xcp_vm')!.instances[0].attributes as { timeouts: unknown; uuid: string };
  expect(attrs().timeouts).toEqual({ create: '10m', update: null, delete: null });
  // A timeout changed alone: an update in place of the state only, then an empty plan.
  const uuid = attrs().uuid;
  ws.write(head + vm('    create = "10m"\n    delete = "5m"'));
  const changed = ws.expect(['apply', '-auto-approve', '-no-color']);
  expect(changed.stdout).toContain('0 added, 1 changed, 0 destroyed');
  ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
  expect(attrs()).toMatchObject({ uuid, timeouts: { create: '10m', update: null, delete: '5m' } });
  ws.expect(['destroy', '-auto-approve', '-no-color']);
}, 300_000);
