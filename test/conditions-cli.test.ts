/**
 * Custom conditions (resource and data source preconditions/postconditions, output
 * preconditions) through the real CLI against the embedded simulator: decided at plan time when
 * their values are known, otherwise at apply, where a failure stops the dependents.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';

const PROVIDER = `provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
`;

function workdir(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-conditions-'));
  writeFileSync(join(dir, 'main.tf'), PROVIDER + config);
  return dir;
}

const addresses = (dir: string) => xcpform(['state', 'list'], { cwd: dir }).stdout.trim().split('\n').filter(Boolean);

/** XAPI's own view: the objects of a class with that name_label in the simulated pool. */
function xapiObjects(dir: string, cls: string, name: string): Record<string, unknown>[] {
  const sim = JSON.parse(readFileSync(join(dir, '.xcpform', 'simulator.json'), 'utf8'));
  const table = sim.pools[0].db.tables[cls] as Record<string, Record<string, unknown>>;
  return Object.values(table).filter((o) => o.name_label === name && !o.is_a_template);
}

describe('preconditions and postconditions', () => {
  test('a known false precondition fails the plan with its message and block line; a postcondition on self fails the plan', () => {
    const pre = workdir('variable "env" {\n  type    = string\n  default = "dev"\n}\nresource "xcp_network" "a" {\n  name_label = "lan"\n  lifecycle {\n    precondition {\n      condition     = var.env == "prod"\n      error_message = "only in prod, not ${var.env}"\n    }\n  }\n}\n');
    const r = xcpform(['plan'], { cwd: pre });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Error: Resource precondition failed\n  on main.tf line 12\n\n  only in prod, not dev\n  \n  (checked for xcp_network.a)');
    const ok = xcpform(['plan', '-var', 'env=prod'], { cwd: pre });
    expect(ok.code).toBe(0);

    const post = workdir('resource "xcp_network" "a" {\n  name_label = "lan"\n  mtu        = 1500\n  lifecycle {\n    postcondition {\n      condition     = self.mtu >= 9000\n      error_message = "jumbo frames needed"\n    }\n  }\n}\noutput "o" {\n  value = xcp_network.a.name_label\n  precondition {\n    condition     = xcp_network.a.name_label != "lan"\n    error_message = "the name lan is reserved"\n  }\n}\n');
    const p = xcpform(['plan'], { cwd: post });
    expect(p.code).toBe(1);
    expect(p.stdout + p.stderr).toContain('Error: Resource postcondition failed\n  on main.tf line 9\n\n  jumbo frames needed');
    expect(p.stdout + p.stderr).toContain('Error: Module output value precondition failed\n  on main.tf line 17\n\n  the name lan is reserved');
  });

  test('a postcondition on a value known only after apply is checked after the object exists and stops its dependents', () => {
    const dir = workdir('resource "xcp_network" "a" {\n  name_label = "lan"\n  lifecycle {\n    postcondition {\n      condition     = self.bridge == "nope"\n      error_message = "bridge is ${self.bridge}"\n    }\n  }\n}\nresource "xcp_network" "b" {\n  name_label = "after-${xcp_network.a.bridge}"\n}\n');
    const plan = xcpform(['plan'], { cwd: dir });
    expect(plan.code).toBe(0);
    // The real apply's own check (a rehearsal would stop the apply before; see rehearsal.test.ts).
    const r = xcpform(['apply', '-auto-approve', '-rehearse=false'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/Error: Resource postcondition failed\n {2}on main\.tf line 8\n\n {2}bridge is xapi\d+/);
    expect(r.stdout + r.stderr).toContain('xcp_network.b: not applied: upstream failed');
    // The object exists and is recorded; its dependent was not created.
    expect(addresses(dir)).toEqual(['xcp_network.a']);
  });

  test('a data source postcondition checks what was read; a precondition on a value known only after apply fails before the change', () => {
    const data = workdir('data "xcp_pool" "p" {\n  lifecycle {\n    postcondition {\n      condition     = length(self.hosts) > 5\n      error_message = "need six hosts, the pool has ${length(self.hosts)}"\n    }\n  }\n}\n');
    const d = xcpform(['plan'], { cwd: data });
    expect(d.code).toBe(1);
    expect(d.stdout + d.stderr).toMatch(/Error: Resource postcondition failed\n {2}on main\.tf line 7\n\n {2}need six hosts, the pool has \d+\n {2}\n {2}\(checked for data\.xcp_pool\.p\)/);

    const dir = workdir('resource "xcp_network" "a" {\n  name_label = "lan"\n}\nresource "xcp_network" "b" {\n  name_label = "b"\n  lifecycle {\n    precondition {\n      condition     = xcp_network.a.bridge == "nope"\n      error_message = "a is on ${xcp_network.a.bridge}"\n    }\n  }\n}\n');
    expect(xcpform(['plan'], { cwd: dir }).code).toBe(0);
    const r = xcpform(['apply', '-auto-approve', '-rehearse=false'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/Error: Resource precondition failed\n {2}on main\.tf line 11\n\n {2}a is on xapi\d+/);
    expect(addresses(dir)).toEqual(['xcp_network.a']);
    expect(xapiObjects(dir, 'network', 'b')).toHaveLength(0);
  });
});
