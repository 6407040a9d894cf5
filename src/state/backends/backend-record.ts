/**
 * What `xcpform init` recorded about the backend, so later commands use the same one (with
 * the `-backend-config` values given to init) and notice when the configuration changed.
 *
 * Stored in `.terraform/xcpform-backend.json`, mode 0600: like Terraform's
 * `.terraform/terraform.tfstate` it may hold a connection string with a password. It is a
 * separate file because Terraform owns the format of its own; Terraform ignores ours.
 * No record means local state.
 */
import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import { error } from '../../diagnostics';
import { writeFileAtomic } from '../atomic-write';
import { BackendBlock, BackendContext, OpenBackendResult, openBackend } from './open-backend';

/** The backend init configured: the block's attributes and init's `-backend-config` pairs. */
export interface BackendRecord {
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly overrides: Readonly<Record<string, string>>;
}

/** `.terraform/xcpform-backend.json` under `cwd`. */
export function backendRecordPath(cwd: string): string {
  return path.join(cwd, '.terraform', 'xcpform-backend.json');
}

/** The record, or undefined when init has not configured a backend other than local. */
export function readBackendRecord(cwd: string): BackendRecord | undefined {
  let text: string;
  try {
    text = readFileSync(backendRecordPath(cwd), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const o = JSON.parse(text) as Partial<BackendRecord>;
    if (typeof o.type !== 'string') return undefined;
    return { type: o.type, config: o.config ?? {}, overrides: o.overrides ?? {} };
  } catch {
    return undefined;
  }
}

/** Writes the record (undefined: removes it, back to local). */
export async function writeBackendRecord(cwd: string, rec: BackendRecord | undefined): Promise<void> {
  const file = backendRecordPath(cwd);
  if (!rec) {
    await fs.rm(file, { force: true });
    return;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(rec, null, 2) + '\n');
}

/** True when the configuration's block is what the record was made from. */
export function sameBackend(block: BackendBlock | undefined, rec: BackendRecord | undefined): boolean {
  const a = block && block.type !== 'local' ? { type: block.type, config: block.config } : undefined;
  const b = rec && rec.type !== 'local' ? { type: rec.type, config: rec.config } : undefined;
  return stableJson(a) === stableJson(b);
}

/**
 * The backend later commands (plan, apply, state ...) must use: the one init recorded, after
 * checking that the configuration's block has not changed since (else Terraform's "Backend
 * initialization required" diagnostic). `block` is the configuration's backend block.
 */
export function initializedBackend(block: BackendBlock | undefined, ctx: Omit<BackendContext, 'overrides'>): OpenBackendResult {
  const rec = readBackendRecord(ctx.cwd);
  if (!sameBackend(block, rec)) {
    return {
      diagnostics: [error('backend.init-required', 'Backend initialization required, please run "xcpform init"', {
        detail: `The backend configuration changed since "xcpform init" last ran (${rec ? `"${rec.type}"` : 'local'} → ${block && block.type !== 'local' ? `"${block.type}"` : 'local'}). Run "xcpform init -migrate-state" to move the state, or "xcpform init -reconfigure" to use the new backend without moving it.`,
      })],
    };
  }
  return openBackend(rec ? { type: rec.type, config: rec.config } : block, { ...ctx, overrides: rec?.overrides ?? {} });
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : 1))) : x,
  ) ?? 'undefined';
}
