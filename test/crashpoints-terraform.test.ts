/**
 * Crash points through terraform with terraform-provider-xcp (issue 22): terraform and its
 * provider are `kill -9`ed together (the process group) right after the clones of the web VMs,
 * whose pools the provider chooses at apply (terraform plans one resource at a time). The next
 * `terraform apply` must adopt each leftover where it is: placed afresh, a leftover in the cloud
 * pool was neither adopted nor removed (terraform passes no lineage) and the VM was made again in
 * the datacenter, two VMs of one address. Then, through XenAPI, the pools hold what a clean run
 * makes, the next plan is empty, and destroy leaves the pools as they were.
 */
import { terraformFront } from './crashpoints/fronts';
import { CrashPoints, describeFailure } from './crashpoints/harness';
import { scenario } from './crashpoints/scenarios';
import { terraformVersion } from './helpers/tfplugin-terraform';

const front = terraformFront();
const harness = new CrashPoints(scenario('cloudburst'), front);

beforeAll(() => {
  expect(terraformVersion()).toMatch(/^1\./);
});
afterAll(() => {
  harness.dispose();
  front.dispose();
});

test('kill -9 of terraform and the provider after the web VMs are cloned: no duplicate, no orphan, an empty plan', async () => {
  const clean = await harness.count();
  const afterClones = clean.calls.lastIndexOf('VM.clone') + 2;
  expect(afterClones).toBeGreaterThan(1);
  const failures: string[] = [];
  for (const i of [afterClones, afterClones + 10]) {
    const r = await harness.point('kill', i, clean.golden);
    expect(r.reached).toBe(true);
    if (!r.converged) failures.push(`kill@${i}:${describeFailure(r)}`);
  }
  expect(failures).toEqual([]);
}, 600_000);
