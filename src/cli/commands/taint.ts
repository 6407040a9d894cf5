/**
 * `xcpform taint ADDRESS` / `xcpform untaint ADDRESS`: mark a managed instance in the state so
 * the next plan replaces it (or clear the mark), as `terraform taint` / `untaint` do. Only the
 * state changes; the object itself is untouched until apply.
 */
import { Command } from 'commander';
import { error } from '../../diagnostics';
import { findInstance, parseAddress, setInstance, type State } from '../../state';
import { useColor } from '../color';
import { openWorkspace, printDiagnostics } from '../engine-run';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  for (const taint of [true, false]) {
    program
      .command(`${taint ? 'taint' : 'untaint'} <address> [dir]`)
      .description(taint ? 'mark a resource instance as not fully functional: the next plan replaces it' : 'remove the tainted mark from a resource instance')
      .option('--lock <bool>', 'lock the state while changing it', 'true')
      .option('--no-color', 'disable colours')
      .action(async (address: string, dir: string | undefined, raw: Record<string, unknown>) => {
        const color = useColor(io, raw.color !== false);
        const addr = parseAddress(address);
        if (!addr || addr.mode !== 'managed') {
          printDiagnostics(io, [error('cli.taint-address', 'Invalid resource instance address', { detail: `"${address}" is not the address of a managed resource instance, such as xcp_vm.web, xcp_vm.web[0] or module.app.xcp_vm.web["a"].` })], color);
          return exit(1);
        }
        const ws = await openWorkspace(io, dir, { varOrder: [], lock: raw.lock !== 'false', lockTimeout: 0, color }, 'OperationTypeApply', { noConfig: true });
        if (!ws) return exit(1);
        try {
          const inst = findInstance(ws.manager.state, addr);
          if (!inst) {
            printDiagnostics(io, [error('cli.taint-missing', 'No such resource instance', { detail: `There is no resource instance in the state with the address ${address}. If the resource configuration has just been added, you must run "xcpform apply" first to create the object before ${taint ? 'tainting' : 'untainting'} it.` })], color);
            return exit(1);
          }
          if (!taint && inst.status !== 'tainted') {
            printDiagnostics(io, [error('cli.untaint-not-tainted', 'Resource instance is not tainted', { detail: `Resource instance ${address} is not currently tainted, and so it cannot be untainted.` })], color);
            return exit(1);
          }
          const provider = ws.manager.state.resources.find((r) => (r.module ?? '') === (addr.module ?? '') && r.mode === addr.mode && r.type === addr.type && r.name === addr.name)!.provider;
          const { indexKey: _k, status: _s, ...rest } = inst;
          await ws.manager.apply((s: State) => setInstance(s, addr, taint ? { ...rest, status: 'tainted' } : rest, provider));
          io.stdout(taint ? `Resource instance ${address} has been marked as tainted.\n` : `Resource instance ${address} has been successfully untainted.\n`);
          exit(0);
        } finally {
          await ws.close();
        }
      });
  }
}
