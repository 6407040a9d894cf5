import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';

describe('xcpform validate', () => {
  test('examples/basic is valid', () => {
    const res = xcpform(['validate', 'examples/basic']);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/^Success! The configuration is valid \(6 blocks in 1 file\)/);
    expect(res.code).toBe(0);
  });

  test('unknown attribute, wrong type and missing required attribute give three errors with paths', () => {
    const res = xcpform(['validate', 'test/fixtures/invalid-three']);
    expect(res.code).toBe(1);
    const errors = res.stderr.split('\n').filter((l) => l.startsWith('Error: '));
    expect(errors).toEqual([
      'Error: xcp_vm.web: attribute "name_label": is required but not set',
      'Error: xcp_vm.web: attribute "vcpus": must be a number',
      'Error: xcp_vm.web: attribute "colour": unsupported argument',
    ]);
    expect(res.stderr).toContain('on test/fixtures/invalid-three/main.tf.json line 7');
    expect(res.stderr).toContain('3 errors found.');
  });

  test('HCL files: nested paths, validators, read-only attributes, unknown types with suggestions', () => {
    const res = xcpform(['validate', 'test/fixtures/invalid-hcl']);
    expect(res.code).toBe(1);
    const errors = res.stderr.split('\n').filter((l) => l.startsWith('Error: '));
    expect(errors).toEqual([
      'Error: xcp_network.lan: attribute "mtu": must be at most 9216',
      'Error: xcp_vm.web: attribute "power_state": must be one of "running", "halted", "suspended", "paused"',
      'Error: xcp_vm.web: attribute "uuid": is read-only: its value is decided by XAPI and cannot be set',
      'Error: xcp_vm.web: attribute "disk[0].sise": unsupported argument; did you mean "size"?',
      'Error: xcp_vmm.typo: the xcp provider has no resource type "xcp_vmm"',
    ]);
    expect(res.stderr).toContain('on test/fixtures/invalid-hcl/main.tf line 3');
    expect(res.stderr).toContain('on test/fixtures/invalid-hcl/main.tf line 14');
    expect(res.stderr).toContain('Did you mean "xcp_vm"?');
  });

  test('-json prints the terraform validate -json document', () => {
    const res = xcpform(['validate', '-json', 'test/fixtures/invalid-three']);
    expect(res.code).toBe(1);
    const doc = JSON.parse(res.stdout);
    expect(doc).toMatchObject({ format_version: '1.0', valid: false, error_count: 3, warning_count: 0 });
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', address: 'xcp_vm.web', range: { filename: 'test/fixtures/invalid-three/main.tf.json' } });
  });

  test('broken files and folders are diagnostics, not stack traces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-validate-'));
    writeFileSync(join(dir, 'a.tf.json'), '{ "resource": { "xcp_vm": ');
    writeFileSync(join(dir, 'b.tf'), 'resource "xcp_vm" "x" {\n  name_label = \n');
    const res = xcpform(['validate', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Error: .*a\.tf\.json: invalid JSON/);
    expect(res.stderr).toMatch(/Error: .*b\.tf: invalid HCL/);
    expect(res.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    const missing = xcpform(['validate', join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read the folder|is not a folder/);
  });

  test('duplicate addresses across files are reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-dup-'));
    const net = '{ "resource": { "xcp_network": { "lan": { "name_label": "lan" } } } }';
    writeFileSync(join(dir, 'a.tf.json'), net);
    writeFileSync(join(dir, 'b.tf.json'), net);
    const res = xcpform(['validate', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Error: xcp_network.lan is declared twice');
  });

  test('--help and --version', () => {
    const help = xcpform(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate [options] [dir]');
    const version = xcpform(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
