/**
 * `xcpform init [dir] [-migrate-state] [-force-copy] [-reconfigure] [-backend-config KEY=VALUE ...]`
 *
 * Configures the state backend named by the configuration's `terraform { backend "..." }`
 * block (none: local `terraform.tfstate`), as `terraform init` does for its backends:
 * - first init, or unchanged backend: checks it is reachable (pg: creates Terraform's schema
 *   and table) and records it in `.terraform/xcpform-backend.json`;
 * - changed backend (added, removed, or different settings) with existing state: refuses
 *   unless `-migrate-state` (copy every workspace's state, lineage and serial kept; a
 *   destination of another lineage is refused unless `-force-copy`) or `-reconfigure` (use
 *   the new backend, leave the state where it is).
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { loadConfigFiles } from '../../config/files';
import { installModules } from '../../config/modules/install';
import { Diagnostic, error, hasErrors } from '../../diagnostics';
import { renderDiagnostics } from '../../render/diagnostics';
import { LockError } from '../../state/lock';
import { BackendBlock, openBackend, WorkspaceBackend } from '../../state/backends/open-backend';
import { readBackendRecord, sameBackend, writeBackendRecord } from '../../state/backends/backend-record';
import { migrateState } from '../../state/backends/migrate-state';
import { VERSION } from '../../version';
import { useColor } from '../color';

interface InitFlags {
  migrateState?: boolean;
  forceCopy?: boolean;
  reconfigure?: boolean;
  backendConfig: string[];
  lockTimeout: string;
  color: boolean;
}

/** Registers `init`. */
export function register(program: Command, io: CliIo, exit: ExitSink): void {
  program
    .command('init [dir]')
    .description('configure the state backend of the configuration in DIR, migrating state when it changed')
    .option('--migrate-state', 'copy the existing state to the newly configured backend')
    .option('--force-copy', 'with -migrate-state: overwrite a destination state of another lineage or a newer one')
    .option('--reconfigure', 'use the new backend configuration without migrating state')
    .option('--backend-config <KEY=VALUE>', 'a backend setting, overriding the block (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--lock-timeout <duration>', 'how long to wait for a state lock (e.g. 30s)', '0s')
    .option('--input <bool>', 'accepted for Terraform compatibility; init never prompts', 'false')
    .option('--no-color', 'disable colours')
    .action(async (dir: string | undefined, flags: InitFlags) => {
      const diags: Diagnostic[] = [];
      const code = await runInit(resolve(io.cwd, dir ?? '.'), io, flags, diags);
      if (diags.length) io.stderr(renderDiagnostics(diags, { color: useColor(io, flags.color) }) + '\n');
      exit(code);
    });
}

async function runInit(dir: string, io: CliIo, flags: InitFlags, diags: Diagnostic[]): Promise<number> {
  const { block, diagnostics } = await readBackendBlock(dir, io.cwd);
  diags.push(...diagnostics);
  const overrides = parseBackendConfig(flags.backendConfig, diags);
  const lockTimeoutMs = parseDuration(flags.lockTimeout, diags);
  if (hasErrors(diags)) return 1;
  const ctx = { cwd: io.cwd, env: io.env, version: VERSION };
  const next = openBackend(block, { ...ctx, overrides });
  diags.push(...next.diagnostics);
  if (!next.backend) return 1;
  const rec = readBackendRecord(io.cwd);
  const prev = openBackend(rec ? { type: rec.type, config: rec.config } : undefined, { ...ctx, overrides: rec?.overrides ?? {} });
  const modules = await installModules(dir, io.cwd);
  diags.push(...modules.diagnostics);
  if (hasErrors(diags)) return 1;
  if (modules.entries.length > 1) {
    io.stdout('Initializing modules...\n');
    for (const m of modules.entries.slice(1)) io.stdout(`- ${m.Key} in ${m.Dir}\n`);
  }
  io.stdout('Initializing the backend...\n');
  try {
    const to = next.backend;
    const workspaces = await to.listWorkspaces(); // reachable; pg: schema and table now exist
    const changed = !sameBackend(block, rec) || JSON.stringify(rec?.overrides ?? {}) !== JSON.stringify(overrides);
    if (changed && prev.backend && !flags.reconfigure && (await hasAnyState(prev.backend))) {
      if (!flags.migrateState) {
        diags.push(error('backend.migration-required', 'Backend configuration changed', {
          detail: `A change in the backend configuration has been detected (${describe(prev.backend)} → ${describe(to)}), and ${prev.backend.name} holds state. Run "xcpform init -migrate-state" to copy it to the new backend, or "xcpform init -reconfigure" to use the new backend without copying.`,
        }));
        return 1;
      }
      io.stdout(`Migrating state from ${describe(prev.backend)} to ${describe(to)}...\n`);
      const res = await migrateState(prev.backend, to, { forceCopy: flags.forceCopy, lockTimeoutMs });
      diags.push(...res.diagnostics);
      for (const ws of res.copied) io.stdout(`  copied workspace "${ws}"\n`);
      if (hasErrors(diags)) return 1;
      for (const ws of res.copied) await prev.backend.withWorkspace(ws).retire();
    }
    await writeBackendRecord(io.cwd, block && block.type !== 'local' ? { type: block.type, config: block.config, overrides } : undefined);
    if (to.type === 'pg') {
      io.stdout(`\nSuccessfully configured the backend "pg"! xcpform will automatically use this backend unless the backend configuration changes.\n`);
      io.stdout(`Workspaces: ${workspaces.join(', ')}\n`);
    }
    io.stdout('\nxcpform has been successfully initialized!\n');
    return 0;
  } catch (e) {
    if (e instanceof LockError) diags.push(error('state.locked', 'Error acquiring the state lock', { detail: e.message }));
    else diags.push(error('backend.failed', 'Backend initialization failed', { detail: (e as Error).message }));
    return 1;
  }
}

async function hasAnyState(b: WorkspaceBackend): Promise<boolean> {
  for (const ws of await b.listWorkspaces()) if ((await b.withWorkspace(ws).read()) !== undefined) return true;
  return false;
}

function describe(b: WorkspaceBackend): string {
  return b.type === 'local' ? 'the local backend' : 'the "pg" backend';
}

/**
 * The `terraform { backend "TYPE" { ... } }` block of the configuration in `dir`, read from the
 * files directly (backends are configured before, and without, evaluating anything). Accepts
 * both the HCL-converted (`[{ pg: [{...}] }]`) and hand-written JSON (`{ pg: {...} }`) shapes.
 */
export async function readBackendBlock(dir: string, cwd: string): Promise<{ block?: BackendBlock; diagnostics: Diagnostic[] }> {
  const loaded = await loadConfigFiles(dir, cwd);
  const diagnostics = loaded.diagnostics.filter((d) => d.code !== 'config.no-files'); // an empty folder is fine for init
  let block: BackendBlock | undefined;
  for (const file of loaded.files) {
    for (const tf of objects(file.body.terraform)) {
      for (const group of objects(tf.backend)) {
        for (const [type, cfg] of Object.entries(group)) {
          if (block) {
            diagnostics.push(error('config.duplicate-backend', 'Duplicate backend configuration', { detail: `A configuration may have only one backend; found "${block.type}" and "${type}".`, source: { filename: file.path } }));
            continue;
          }
          block = { type, config: objects(cfg)[0] ?? {} };
        }
      }
    }
  }
  return { block, diagnostics };
}

function objects(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x));
  return v && typeof v === 'object' ? [v as Record<string, unknown>] : [];
}

/** `-backend-config KEY=VALUE` pairs (Terraform's file form is not supported). */
export function parseBackendConfig(pairs: readonly string[], diags: Diagnostic[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) {
      diags.push(error('cli.invalid-backend-config', 'Invalid -backend-config value', { detail: `"${p.replace(/password[^&\s]*/gi, 'password=****')}" is not KEY=VALUE. xcpform accepts -backend-config KEY=VALUE only, not a file.` }));
      continue;
    }
    out[p.slice(0, eq).trim()] = p.slice(eq + 1);
  }
  return out;
}

/** `30s`, `500ms`, `2m`, `1h` → ms. */
export function parseDuration(text: string, diags: Diagnostic[]): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) {
    diags.push(error('cli.invalid-duration', 'Invalid -lock-timeout value', { detail: `"${text}" is not a duration such as 0s, 500ms, 30s or 5m.` }));
    return 0;
  }
  return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']);
}
