/** `xcpform taint` / `untaint`: the next plan replaces a tainted instance (module addresses too); untaint restores an empty plan. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, xcpform } from '../helpers/cli';

describe('taint and untaint', () => {
  test('a tainted module instance is planned for replacement; untaint makes the plan empty again; errors for missing or untainted instances', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-taint-'));
    cpSync(join(ROOT, 'examples', 'modules'), dir, { recursive: true });
    expect(xcpform(['apply', '-auto-approve'], { cwd: dir }).code).toBe(0);
    const address = 'module.tier["app"].xcp_vm.this[0]';
    const t = xcpform(['taint', address], { cwd: dir });
    expect(t.stdout).toBe(`Resource instance ${address} has been marked as tainted.\n`);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const entry = state.resources.find((r: { module?: string }) => r.module === 'module.tier["app"]');
    expect(entry.instances[0].status).toBe('tainted');
    const plan = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(`# ${address} is tainted, so must be replaced`);
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');

    const u = xcpform(['untaint', address], { cwd: dir });
    expect(u.stdout).toBe(`Resource instance ${address} has been successfully untainted.\n`);
    expect(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }).code).toBe(0);

    const again = xcpform(['untaint', address], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Resource instance is not tainted');
    const missing = xcpform(['taint', 'xcp_vm.nope'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No such resource instance');
    const bad = xcpform(['taint', 'not an address'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Invalid resource instance address');
  });
});
