/**
 * The same .tf through `terraform validate -json` (real terraform 1.11.4) and `xcpform validate
 * --json`: misspelt names in lifecycle, condition, moved, import and removed blocks give the same
 * errors (summary and line) in both tools. Config-shape errors stop terraform before it needs a
 * provider, so no provider installation is involved.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';
import { terraformVersion } from './helpers/tfplugin-terraform';

const CONFIG = `resource "xcp_network" "a" {
  name_label = "lan"
  lifecycle {
    create_befor_destroy = true
    precondition {
      condition     = self.mtu > 0
      error_mesage = "m"
    }
  }
}
data "xcp_pool" "p" {
  lifecycle {
    prevent_destroy = true
  }
}
moved {
  from = xcp_network.z
  to   = xcp_network.a
  note = "x"
}
import {
  to  = xcp_network.a
  idd = "x"
}
removed {
  from = xcp_network.q[0]
  lifecycle {
    destroi = false
  }
}
`;

type Diag = { summary: string; detail?: string; range?: { start: { line: number } } };
const shape = (doc: { diagnostics: Diag[] }) => doc.diagnostics.map((d) => [d.summary, d.range?.start.line, (d.detail ?? '').replace(/\s+/g, ' ').split('. ')[0]]);

test('terraform validate and xcpform validate report the same errors at the same lines', () => {
  expect(terraformVersion()).toBe('1.11.4');
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-blocks-tf-'));
  writeFileSync(join(dir, 'main.tf'), CONFIG);
  const tf = spawnSync('terraform', ['validate', '-json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
  const ours = xcpform(['validate', '--json'], { cwd: dir });
  expect(tf.status).toBe(1);
  expect(ours.code).toBe(1);
  const expected = shape(JSON.parse(tf.stdout));
  expect(expected.length).toBeGreaterThanOrEqual(9);
  expect(shape(JSON.parse(ours.stdout))).toEqual(expected);
});
