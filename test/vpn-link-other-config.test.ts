/**
 * `xcp_vpn_link.other_config` reads back as configured (issue 16: "the next plan is empty"): set
 * at create, changed and with a key dropped, each apply is followed by an empty plan, and the
 * state holds exactly the configured keys. Through the xcpform CLI on the embedded simulator.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';

const PROVIDER = 'provider "xcp" {\n  pools        = { dc1 = { url = "embedded" }, cloud1 = { url = "embedded" } }\n  default_pool = "dc1"\n}\n';
const ETH0 = 'Pool-wide network associated with eth0';

const link = (otherConfig: string): string => `resource "xcp_vpn_link" "burst" {
  name_label     = "burst"
  pool           = "dc1"
  remote_pool    = "cloud1"
  network        = "${ETH0}"
  remote_network = "${ETH0}"
  local_cidrs    = ["10.10.0.0/16"]
  remote_cidrs   = ["10.20.0.0/16"]
  other_config   = ${otherConfig}
}
`;

function applyAndSettle(dir: string): void {
  const apply = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
  expect(apply.stderr).toBe('');
  expect(apply.code).toBe(0);
  const again = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
  expect(again.stdout).toContain('No changes.');
  expect(again.code).toBe(0);
}

function stateOtherConfig(dir: string): unknown {
  const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] };
  return state.resources.find((r) => r.type === 'xcp_vpn_link')!.instances[0].attributes.other_config;
}

describe('xcp_vpn_link other_config', () => {
  test('set at create, changed, and with a key dropped: each apply settles with the configured keys in the state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-vpn-oc-'));
    writeFileSync(join(dir, 'main.tf'), PROVIDER + link('{ owner = "net-team", cost_center = "42" }'));
    applyAndSettle(dir);
    expect(stateOtherConfig(dir)).toEqual({ cost_center: '42', owner: 'net-team' });
    writeFileSync(join(dir, 'main.tf'), PROVIDER + link('{ owner = "ops" }'));
    applyAndSettle(dir);
    expect(stateOtherConfig(dir)).toEqual({ owner: 'ops' });
  }, 240_000);
});
