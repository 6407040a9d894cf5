/**
 * Provider-defined functions: `provider::xcp::size("20GiB")` and the others evaluate the same
 * through real terraform (GetProviderSchema.functions, CallFunction; Terraform ≥ 1.8) and in
 * xcpform, in outputs and in resource arguments; bad arguments get a message naming the
 * parameter and the syntax that works.
 */
import fc from 'fast-check';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FunctionArgumentError, PROVIDER_FUNCTIONS } from '../src/functions-provider';
import { ROOT, xcpform } from './helpers/cli';
import { TerraformWorkspace } from './helpers/tfplugin-terraform';

jest.setTimeout(300_000);

const call = (name: string, ...args: (string | number)[]) => PROVIDER_FUNCTIONS[name].impl(args);

describe('provider functions', () => {
  test('size: binary and decimal units, spaces and case, whole bytes only', () => {
    expect(call('size', '20GiB')).toBe(21474836480);
    expect(call('size', '512 MiB')).toBe(536870912);
    expect(call('size', '1.5tib')).toBe(1.5 * 1024 ** 4);
    expect(call('size', '10GB')).toBe(10_000_000_000);
    expect(call('size', '4K')).toBe(4096);
    for (const bad of ['20', '20 parsecs', 'GiB', '0.3B', '']) {
      expect(() => call('size', bad)).toThrow(FunctionArgumentError);
    }
  });

  test('format_size is the inverse of size', () => {
    expect(call('format_size', 21474836480)).toBe('20GiB');
    expect(call('format_size', 1536)).toBe('1536B');
    expect(call('format_size', 0)).toBe('0B');
    expect(() => call('format_size', -1)).toThrow('not a whole, non-negative number of bytes');
    expect(() => call('format_size', 1.5)).toThrow(FunctionArgumentError);
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 50 }), (n) => call('size', call('format_size', n) as string) === n));
  });

  test('cidr_contains and cidr_overlap (IPv4)', () => {
    expect(call('cidr_contains', '10.0.0.0/24', '10.0.0.7')).toBe(true);
    expect(call('cidr_contains', '10.0.0.0/24', '10.0.1.7')).toBe(false);
    expect(call('cidr_contains', '10.0.0.5/24', '10.0.0.128/25')).toBe(true);
    expect(call('cidr_contains', '10.0.0.0/25', '10.0.0.0/24')).toBe(false);
    expect(call('cidr_overlap', '10.0.0.0/16', '10.0.5.0/24')).toBe(true);
    expect(call('cidr_overlap', '10.0.0.0/24', '10.0.1.0/24')).toBe(false);
    expect(call('cidr_overlap', '0.0.0.0/0', '192.168.1.0/24')).toBe(true);
    try {
      call('cidr_overlap', '10.0.0.0/24', '10.0.300.0/24');
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(FunctionArgumentError);
      expect((err as FunctionArgumentError).argument).toBe(1);
    }
    expect(() => call('cidr_contains', '10.0.0.7', '10.0.0.7')).toThrow('is not an IPv4 network in CIDR notation');
  });

  const CONFIG = `terraform {
  required_providers {
    xcp = { source = "xcpform/xcp" }
  }
}

provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}

resource "xcp_vdi" "data" {
  name_label = "data-\${provider::xcp::format_size(provider::xcp::size("2GiB"))}"
  sr         = "NFS shared storage"
  size       = provider::xcp::size("2GiB")
}

output "bytes" {
  value = provider::xcp::size("20GiB")
}
output "label" {
  value = provider::xcp::format_size(536870912)
}
output "inside" {
  value = provider::xcp::cidr_contains("10.0.0.0/24", "10.0.0.7")
}
output "overlap" {
  value = provider::xcp::cidr_overlap("10.0.0.0/16", "10.1.0.0/24")
}
output "vdi_size" {
  value = xcp_vdi.data.size
}
`;
  const EXPECTED = { bytes: 21474836480, label: '512MiB', inside: true, overlap: false, vdi_size: 2147483648 };

  test('through real terraform: listed in the provider schema, called in outputs and resource arguments, errors name the parameter', () => {
    const tf = new TerraformWorkspace();
    tf.write(CONFIG);
    const schema = JSON.parse(tf.expect(['providers', 'schema', '-json']).stdout);
    const functions = schema.provider_schemas['registry.terraform.io/xcpform/xcp'].functions;
    expect(Object.keys(functions).sort()).toEqual(['cidr_contains', 'cidr_overlap', 'format_size', 'size']);
    expect(functions.size).toMatchObject({ return_type: 'number', parameters: [{ name: 'size', type: 'string' }] });

    tf.expect(['apply', '-auto-approve', '-no-color']);
    const outputs = JSON.parse(tf.expect(['output', '-json']).stdout);
    expect(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, (v as { value: unknown }).value]))).toEqual(EXPECTED);
    const vdi = tf.state().resources.find((r) => r.type === 'xcp_vdi')!.instances[0].attributes;
    expect(vdi.name_label).toBe('data-2GiB');
    // Results are the same at plan and at apply: nothing left to do.
    tf.expect(['plan', '-detailed-exitcode', '-no-color'], 0);

    writeFileSync(join(tf.dir, 'bad.tf'), 'output "bad" {\n  value = provider::xcp::size("20 parsecs")\n}\n');
    const bad = tf.run(['plan', '-no-color']);
    expect(bad.code).toBe(1);
    const flat = bad.stderr.replace(/\s+/g, ' ');
    expect(flat).toContain('Invalid function argument');
    expect(flat).toContain('Invalid value for "size" parameter: "20 parsecs" is not a size in whole bytes: write a number followed by a unit, such as "20GiB"');
    rmSync(join(tf.dir, 'bad.tf'));
    tf.expect(['destroy', '-auto-approve', '-no-color']);
  });

  test('the same names evaluate in xcpform, with the same results and the same message for a bad argument', () => {
    const tf = new TerraformWorkspace();
    tf.write(CONFIG);
    const apply = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: tf.dir });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    // xcpform writes Terraform's state format (v4) with the output values in it.
    const outputs = JSON.parse(readFileSync(join(tf.dir, 'terraform.tfstate'), 'utf8')).outputs as Record<string, { value: unknown }>;
    expect(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]))).toEqual(EXPECTED);
    expect(xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: tf.dir }).code).toBe(0);

    writeFileSync(join(tf.dir, 'bad.tf'), 'output "bad" {\n  value = provider::xcp::size("20 parsecs")\n}\n');
    const bad = xcpform(['plan', '-no-color'], { cwd: tf.dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr.replace(/\s+/g, ' ')).toContain('Invalid value for "size" parameter: "20 parsecs" is not a size in whole bytes');
  });
});

describe('provider functions in the docs and descriptions', () => {
  test('every function has a reference page, and byte attributes say which syntax works where', () => {
    for (const name of Object.keys(PROVIDER_FUNCTIONS)) {
      expect(readFileSync(join(ROOT, 'docs', 'functions', `${name}.md`), 'utf8')).toContain(`provider::xcp::${name}(`);
    }
    const schema = JSON.parse(readFileSync(join(ROOT, 'provider-schema', 'xcp.json'), 'utf8'));
    const vdiSize = schema.provider_schemas['registry.terraform.io/xcpform/xcp'].resource_schemas.xcp_vdi.block.attributes.size.description as string;
    expect(vdiSize).toContain('In Terraform (≥ 1.8) and xcpform write a size as `provider::xcp::size("20GiB")`');
    expect(vdiSize).not.toMatch(/A number of bytes, or a size such as/);
  });
});
