/**
 * `xcpform workspace list|show|new|select|delete`, as Terraform's: workspaces are rows of the
 * pg backend's `states` table or folders of `terraform.tfstate.d/` for local state; the
 * selected one is recorded in `.terraform/environment` (overridden by `TF_WORKSPACE`).
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { Diagnostic, error, hasErrors } from '../../diagnostics';
import { renderDiagnostics } from '../../render/diagnostics';
import { emptyState } from '../../state/model';
import { encodeStateV4 } from '../../state/file-v4';
import { initializedBackend } from '../../state/backends/backend-record';
import { DEFAULT_WORKSPACE } from '../../state/backends/pg';
import { selectedWorkspace, selectWorkspace, validWorkspaceName, WorkspaceBackend } from '../../state/backends/open-backend';
import { VERSION } from '../../version';
import { readBackendBlock } from './init';
import { useColor } from '../color';

/** Registers `workspace` and its subcommands. */
export function register(program: Command, io: CliIo, exit: ExitSink): void {
  const ws = program.command('workspace').description('manage workspaces (separate states of one configuration)');
  const run = (fn: (b: WorkspaceBackend, diags: Diagnostic[]) => Promise<number>) => async (): Promise<void> => {
    const diags: Diagnostic[] = [];
    let code = 1;
    try {
      const { block, diagnostics } = await readBackendBlock(resolve(io.cwd, '.'), io.cwd);
      diags.push(...diagnostics);
      const opened = hasErrors(diags) ? undefined : initializedBackend(block, { cwd: io.cwd, env: io.env, version: VERSION });
      if (opened) diags.push(...opened.diagnostics);
      if (opened?.backend) code = await fn(opened.backend, diags);
    } catch (e) {
      diags.push(error('workspace.failed', 'Workspace command failed', { detail: (e as Error).message }));
      code = 1;
    }
    if (diags.length) io.stderr(renderDiagnostics(diags, { color: useColor(io) }) + '\n');
    exit(code);
  };

  ws.command('list').description('list workspaces; * marks the selected one').action(run(async (b) => {
    for (const name of await b.listWorkspaces()) io.stdout(`${name === b.workspace ? '*' : ' '} ${name}\n`);
    return 0;
  }));

  ws.command('show').description('print the selected workspace').action(run(async () => {
    io.stdout(`${selectedWorkspace(io.cwd, io.env)}\n`);
    return 0;
  }));

  ws.command('new <name>').description('create a workspace with an empty state and select it').option('--lock-timeout <duration>', 'unused; accepted for Terraform compatibility', '0s').action((name: string) =>
    run(async (b, diags) => {
      if (!checkName(name, diags)) return 1;
      if ((await b.listWorkspaces()).includes(name)) {
        diags.push(error('workspace.exists', `Workspace "${name}" already exists`, { detail: `Select it with "xcpform workspace select ${name}".` }));
        return 1;
      }
      const target = b.withWorkspace(name);
      const lock = await target.lock({ operation: 'OperationTypeInvalid', info: 'xcpform workspace new' });
      try {
        if ((await target.read()) === undefined) await target.write(encodeStateV4(emptyState()));
      } finally {
        await target.unlock(lock.ID);
      }
      await selectWorkspace(io.cwd, name);
      io.stdout(`Created and switched to workspace "${name}"!\n`);
      return 0;
    })(),
  );

  ws.command('select <name>').description('select a workspace').action((name: string) =>
    run(async (b, diags) => {
      if (!(await b.listWorkspaces()).includes(name)) {
        diags.push(error('workspace.missing', `Workspace "${name}" doesn't exist`, { detail: `Create it with "xcpform workspace new ${name}".` }));
        return 1;
      }
      await selectWorkspace(io.cwd, name);
      io.stdout(`Switched to workspace "${name}".\n`);
      return 0;
    })(),
  );

  ws.command('delete <name>').description('delete an empty workspace (not the selected one, not default)').option('--force', 'delete even if its state still has resources').action((name: string, opts: { force?: boolean }) =>
    run(async (b, diags) => {
      if (name === DEFAULT_WORKSPACE || name === selectedWorkspace(io.cwd, io.env)) {
        diags.push(error('workspace.in-use', `Workspace "${name}" cannot be deleted`, { detail: 'The default workspace and the selected workspace cannot be deleted; select another workspace first.' }));
        return 1;
      }
      if (!(await b.listWorkspaces()).includes(name)) {
        diags.push(error('workspace.missing', `Workspace "${name}" doesn't exist`));
        return 1;
      }
      const target = b.withWorkspace(name);
      const lock = await target.lock({ operation: 'OperationTypeInvalid', info: 'xcpform workspace delete' });
      try {
        const text = await target.read();
        const resources = text ? ((JSON.parse(text) as { resources?: unknown[] }).resources ?? []).length : 0;
        if (resources > 0 && !opts.force) {
          diags.push(error('workspace.not-empty', `Workspace "${name}" is not empty`, { detail: `Its state still tracks ${resources} resource(s). Destroy them first, or pass -force to forget them.` }));
          return 1;
        }
      } finally {
        await target.unlock(lock.ID);
      }
      await target.deleteWorkspace();
      io.stdout(`Deleted workspace "${name}"!\n`);
      return 0;
    })(),
  );
}

function checkName(name: string, diags: Diagnostic[]): boolean {
  if (validWorkspaceName(name)) return true;
  diags.push(error('workspace.invalid-name', `Invalid workspace name "${name}"`, { detail: 'A workspace name is used in paths and URLs: use letters, digits, "-", "_" and ".".' }));
  return false;
}
