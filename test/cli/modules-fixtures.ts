/**
 * Shared pieces of the module CLI tests: the provider requirement, an embedded one-pool
 * provider, a folder of files, and exit-code checks.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROVIDER = `terraform {
  required_providers {
    xcp = { source = "registry.terraform.io/xcpform/xcp" }
  }
}
`;
export const EMBEDDED = `${PROVIDER}provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
`;

export function ok(res: { code: number; stdout: string; stderr: string }, code = 0): string {
  if (res.code !== code) throw new Error(`exit ${res.code}, expected ${code}:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

export function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-modules-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export const lines = (s: string) => s.split('\n').filter(Boolean);
