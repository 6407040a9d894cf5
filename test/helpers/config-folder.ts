/**
 * A working folder for CLI tests: `main.tf` is the given provider block plus the test's
 * configuration; helpers write it again, find a block's line (for diagnostics' source ranges)
 * and apply then check that the next plan is empty.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics';
import { planWorkspace } from '../../src/engine/plan';
import { Workspace } from '../../src/engine/workspace';
import { xcpform } from './cli';

/** One embedded pool, dc1. */
export const DC1 = 'provider "xcp" {\n  pools        = { dc1 = { url = "embedded" } }\n  default_pool = "dc1"\n}\n';
/** Two embedded pools, dc1 (the default) and cloud1. */
export const DC1_CLOUD1 = 'provider "xcp" {\n  pools        = { dc1 = { url = "embedded" }, cloud1 = { url = "embedded" } }\n  default_pool = "dc1"\n}\n';

export interface ConfigFolders {
  workdir(config: string): string;
  write(dir: string, config: string): void;
  /** The 1-based line of main.tf that starts with `start`. */
  lineOf(dir: string, start: string): number;
  /** `apply -auto-approve` succeeds quietly, then `plan -detailed-exitcode` says "No changes.". */
  applyAndSettle(dir: string): void;
}

export function configFolders(provider: string, prefix: string): ConfigFolders {
  const write = (dir: string, config: string): void => writeFileSync(join(dir, 'main.tf'), provider + config);
  return {
    write,
    workdir: (config) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      write(dir, config);
      return dir;
    },
    lineOf: (dir, start) => {
      const i = readFileSync(join(dir, 'main.tf'), 'utf8').split('\n').findIndex((l) => l.startsWith(start));
      if (i < 0) throw new Error(`no line starting with ${start}`);
      return i + 1;
    },
    applyAndSettle: (dir) => {
      const apply = xcpform(['apply', '-auto-approve', '-no-color'], { cwd: dir });
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      const again = xcpform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir });
      expect(again.stdout).toContain('No changes.');
      expect(again.code).toBe(0);
    },
  };
}

/** The plan's error diagnostics, planned in process on the folder (the CLI prints no attribute paths). */
export async function planErrors(dir: string): Promise<Diagnostic[]> {
  const { workspace, diagnostics } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
  expect(diagnostics).toEqual([]);
  try {
    const { plan } = await planWorkspace(workspace!, { mode: 'normal' });
    return (plan?.diagnostics ?? []).filter((d) => d.severity === 'error');
  } finally {
    await workspace!.close();
  }
}
