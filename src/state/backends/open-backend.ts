/**
 * From a configuration's `terraform { backend "TYPE" { ... } }` block to a ready backend, with
 * workspaces, the way Terraform lays them out:
 *
 * - no block or `local`: `terraform.tfstate` in the working folder for `default`, and
 *   `terraform.tfstate.d/NAME/terraform.tfstate` for the others (`path`, `workspace_dir`);
 * - `pg`: Terraform's pg backend (see `pg.ts`), one row per workspace.
 *
 * The selected workspace is the `.terraform/environment` file's content (Terraform's file),
 * overridden by `TF_WORKSPACE`; `default` when neither exists.
 */
import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import { Diagnostic, error } from '../../diagnostics';
import { StateBackend, StateBytes } from './backend';
import { LocalBackend } from './local';
import { DEFAULT_WORKSPACE, PgBackend } from './pg';
import { pgOptionsFromSettings } from './pg-settings';

/** A `backend` block as decoded from the configuration: type and plain attribute values. */
export interface BackendBlock {
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** What {@link openBackend} needs besides the block. */
export interface BackendContext {
  /** The working folder (where `terraform.tfstate` and `.terraform/` live). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `-backend-config KEY=VALUE` pairs. */
  readonly overrides?: Readonly<Record<string, string>>;
  /** Default: {@link selectedWorkspace}. */
  readonly workspace?: string;
  /** xcpform's version, written into lock info. */
  readonly version?: string;
}

/** A backend bound to one workspace that can list, reach and delete the others. */
export interface WorkspaceBackend extends StateBackend {
  readonly type: 'local' | 'pg';
  readonly workspace: string;
  listWorkspaces(): Promise<string[]>;
  withWorkspace(name: string): WorkspaceBackend;
  /** Deletes this backend's workspace (never `default`). */
  deleteWorkspace(): Promise<void>;
  /**
   * After this workspace's state was migrated elsewhere: keep it only as a backup, so it is
   * not mistaken for the live state (local: rename to `.backup`, as Terraform leaves it;
   * pg: the row is left as it is).
   */
  retire(): Promise<void>;
}

/** Result of {@link openBackend}: a backend unless the settings have errors. */
export interface OpenBackendResult {
  readonly backend?: WorkspaceBackend;
  readonly diagnostics: Diagnostic[];
}

/** Builds the backend the block describes (undefined block: local). Never connects. */
export function openBackend(block: BackendBlock | undefined, ctx: BackendContext): OpenBackendResult {
  const workspace = ctx.workspace ?? selectedWorkspace(ctx.cwd, ctx.env);
  const type = block?.type ?? 'local';
  if (type === 'local') {
    const cfg = { ...(block?.config ?? {}), ...(ctx.overrides ?? {}) };
    const file = typeof cfg.path === 'string' ? cfg.path : 'terraform.tfstate';
    const dir = typeof cfg.workspace_dir === 'string' ? cfg.workspace_dir : 'terraform.tfstate.d';
    return { backend: new LocalWorkspaces(path.resolve(ctx.cwd, file), path.resolve(ctx.cwd, dir), workspace, ctx.version), diagnostics: [] };
  }
  if (type === 'pg') {
    const { options, diagnostics } = pgOptionsFromSettings(block?.config ?? {}, ctx.overrides ?? {}, ctx.env);
    if (!options) return { diagnostics };
    return { backend: new PgWorkspaces(new PgBackend({ ...options, workspace, version: ctx.version })), diagnostics };
  }
  return {
    diagnostics: [error('backend.unsupported', `Unsupported backend type "${type}"`, {
      detail: 'xcpform stores state in the "local" backend (the default) or the "pg" backend (PostgreSQL). Change the terraform { backend "..." } block, or remove it to use local state.',
    })],
  };
}

/** The selected workspace: `TF_WORKSPACE`, else `.terraform/environment`, else `default`. */
export function selectedWorkspace(cwd: string, env: Readonly<Record<string, string | undefined>>): string {
  if (env.TF_WORKSPACE) return env.TF_WORKSPACE;
  try {
    const name = readFileSync(path.join(cwd, '.terraform', 'environment'), 'utf8').trim();
    return name || DEFAULT_WORKSPACE;
  } catch {
    return DEFAULT_WORKSPACE;
  }
}

/** Records the selected workspace in `.terraform/environment` (removes it for `default`). */
export async function selectWorkspace(cwd: string, name: string): Promise<void> {
  const file = path.join(cwd, '.terraform', 'environment');
  if (name === DEFAULT_WORKSPACE) {
    await fs.rm(file, { force: true });
    return;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, name);
}

/** Terraform's rule for workspace names: they become path segments and URL parts. */
export function validWorkspaceName(name: string): boolean {
  return name.length > 0 && name === encodeURIComponent(name) && name !== '.' && name !== '..';
}

/** The pg backend seen as a {@link WorkspaceBackend}. */
class PgWorkspaces implements WorkspaceBackend {
  readonly type = 'pg' as const;
  constructor(readonly pg: PgBackend) {}
  get name(): string { return this.pg.name; }
  get workspace(): string { return this.pg.workspace; }
  read(): Promise<string | undefined> { return this.pg.read(); }
  write(bytes: StateBytes): Promise<void> { return this.pg.write(bytes); }
  lock(...a: Parameters<StateBackend['lock']>): ReturnType<StateBackend['lock']> { return this.pg.lock(...a); }
  unlock(id: string): Promise<void> { return this.pg.unlock(id); }
  forceUnlock(id: string): Promise<void> { return this.pg.forceUnlock(id); }
  listWorkspaces(): Promise<string[]> { return this.pg.listWorkspaces(); }
  withWorkspace(name: string): WorkspaceBackend { return new PgWorkspaces(this.pg.withWorkspace(name)); }
  deleteWorkspace(): Promise<void> { return this.pg.deleteWorkspace(); }
  async retire(): Promise<void> {}
}

/** Local state files per workspace, in Terraform's layout. */
class LocalWorkspaces implements WorkspaceBackend {
  readonly type = 'local' as const;
  readonly local: LocalBackend;
  private folderMade = false;
  constructor(private readonly defaultPath: string, private readonly dir: string, readonly workspace: string, private readonly version?: string) {
    const file = workspace === DEFAULT_WORKSPACE ? defaultPath : path.join(dir, workspace, path.basename(defaultPath));
    this.local = new LocalBackend({ path: file, version });
  }
  get name(): string { return this.local.name; }
  read(): Promise<string | undefined> { return this.local.read(); }
  async write(bytes: StateBytes): Promise<void> {
    // The folder is made by the first write; an apply writes after every change and need not
    // ask again, unless the folder went away meanwhile.
    if (!this.folderMade) await fs.mkdir(path.dirname(this.local.path), { recursive: true });
    this.folderMade = true;
    try {
      await this.local.write(bytes);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await fs.mkdir(path.dirname(this.local.path), { recursive: true });
      await this.local.write(bytes);
    }
  }
  async lock(...a: Parameters<StateBackend['lock']>): ReturnType<StateBackend['lock']> {
    await fs.mkdir(path.dirname(this.local.path), { recursive: true });
    return this.local.lock(...a);
  }
  unlock(id: string): Promise<void> { return this.local.unlock(id); }
  forceUnlock(id: string): Promise<void> { return this.local.forceUnlock(id); }
  async listWorkspaces(): Promise<string[]> {
    let names: string[] = [];
    try {
      const entries = await fs.readdir(this.dir, { withFileTypes: true });
      names = entries.filter((e) => e.isDirectory() && e.name !== DEFAULT_WORKSPACE).map((e) => e.name).sort();
    } catch {
      /* no workspace folder: only default */
    }
    return [DEFAULT_WORKSPACE, ...names];
  }
  withWorkspace(name: string): WorkspaceBackend { return new LocalWorkspaces(this.defaultPath, this.dir, name, this.version); }
  async deleteWorkspace(): Promise<void> {
    if (this.workspace === DEFAULT_WORKSPACE) throw new Error('the default workspace cannot be deleted');
    await fs.rm(path.join(this.dir, this.workspace), { recursive: true, force: true });
  }
  async retire(): Promise<void> {
    await fs.rename(this.local.path, this.local.backupPath).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}
