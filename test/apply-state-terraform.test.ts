/**
 * xcpform and terraform (1.11.4, with terraform-provider-xcp through dev_overrides) on the same
 * folder and embedded world: data resources recorded by either tool are the same and plan
 * empty in the other, and the `Outputs:` section apply prints is the same text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

const CONFIG = `
terraform {
  required_providers {
    xcp = { source = "registry.terraform.io/xcpform/xcp" }
  }
}
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
data "xcp_template" "debian" {
  name_label = "Debian Bookworm 12"
}
data "xcp_host" "h" {
  count      = 2
  name_label = "dc1-host\${count.index + 1}"
}
data "xcp_pool" "dc1" {}
data "xcp_sr" "local" {
  for_each = toset(["dc1-host1", "dc1-host2"])
  type     = "ext"
  host     = each.key
}
output "template" {
  value = data.xcp_template.debian.uuid
}
output "hosts" {
  value = data.xcp_host.h[*].hostname
}
output "memory" {
  value = { for h in data.xcp_host.h : h.name_label => h.memory_total }
}
output "pifs" {
  value = data.xcp_host.h[0].pifs
}
output "software" {
  value = data.xcp_pool.dc1.software_version
}
output "local_srs" {
  value     = [for k, s in data.xcp_sr.local : s.uuid]
  sensitive = true
}
`;

/** The text from "Outputs:" to the end. */
const outputsSection = (stdout: string): string => stdout.slice(stdout.indexOf('\nOutputs:\n'));

type StateFile = { resources: { mode: string; type: string; name: string; instances: unknown[] }[] };

test('data resources and printed outputs are the same whichever tool applies; each tool plans empty on the other\'s state', () => {
  expect(terraformVersion()).toBe('1.11.4');
  const tf = new TerraformWorkspace();
  tf.write(CONFIG);
  const mine = xcpform(['apply', '-auto-approve'], { cwd: tf.dir });
  expect(mine.stderr).toBe('');
  expect(mine.code).toBe(0);
  const ours = JSON.parse(readFileSync(join(tf.dir, 'terraform.tfstate'), 'utf8')) as StateFile;

  const plan = tf.expect(['plan', '-detailed-exitcode', '-no-color']);
  expect(plan.stdout).toContain('No changes.');
  const theirsApply = tf.expect(['apply', '-auto-approve', '-no-color']);
  expect(outputsSection(mine.stdout)).toBe(outputsSection(theirsApply.stdout));
  expect(outputsSection(mine.stdout)).toContain('local_srs = <sensitive>\nmemory = {\n  "dc1-host1" = ');
  const theirs = tf.state() as unknown as StateFile;
  // One known difference, in the provider (not in apply): terraform-provider-xcp returns an
  // unset optional-computed set (data.xcp_sr's `tags`) as null where xcpform records [].
  // Both read as "no tags"; everything else must be identical.
  const emptyAsNull = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x) => (Array.isArray(x) && x.length === 0 ? null : x)));
  expect(emptyAsNull(theirs.resources)).toEqual(emptyAsNull(ours.resources));
  expect(theirs.resources.map((r) => `${r.mode}.${r.type}.${r.name}:${r.instances.length}`)).toEqual(ours.resources.map((r) => `${r.mode}.${r.type}.${r.name}:${r.instances.length}`));

  const back = xcpform(['plan', '-detailed-exitcode'], { cwd: tf.dir });
  expect(back.stderr).toBe('');
  expect(back.stdout).toContain('No changes.');
  expect(back.code).toBe(0);
}, 300_000);
