/**
 * State commands: `xcpform import ADDR ID`, `xcpform state list|show|rm|mv` (mv: state-mv.ts), `xcpform force-unlock ID`.
 */
import { Command } from 'commander';
import { error } from '../../diagnostics';
import { resourceSchema } from '../../provider/schemas';
import { resourceType } from '../../resources/registry';
import { WorldSnapshot } from '../../resources/snapshot';
import { byAddress } from '../../render/format';
import { findInstance, listAddresses, parseAddress, providerAddress, removeInstance, setInstance } from '../../state';
import { moveInState } from './state-mv';
import { isAddress, selectInstances } from './state-select';
import { sensitivePaths } from '../../plan/sensitive';
import { toPathSteps } from '../../engine/state-adapter';
import { useColor } from '../color';
import { openWorkspace, printDiagnostics } from '../engine-run';
import { parseDuration } from '../flags';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';

const NO_FLAGS = { varOrder: [], lock: true, lockTimeout: 0, color: true };

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  program
    .command('import <address> <id> [dir]')
    .description('bring an existing XAPI object under management: ID is <pool>/<uuid> (or a uuid in the default pool)')
    .option('--lock-timeout <duration>', 'how long to wait for the state lock', parseDuration, 0)
    .action(async (address: string, id: string, dir: string | undefined, raw: Record<string, unknown>) => {
      const color = useColor(io, true);
      const addr = parseAddress(address);
      if (!addr || addr.mode !== 'managed') { printDiagnostics(io, [error('import.bad-address', `"${address}" is not a resource address`, { detail: 'Use TYPE.NAME, TYPE.NAME[0] or TYPE.NAME["key"].' })], color); return exit(1); }
      const rt = resourceType(addr.type);
      const schema = resourceSchema(addr.type);
      if (!rt?.import || !schema) { printDiagnostics(io, [error('import.unsupported', `${addr.type} cannot be imported`)], color); return exit(1); }
      const ws = await openWorkspace(io, dir, { ...NO_FLAGS, lockTimeout: raw.lockTimeout as number }, 'OperationTypeApply');
      if (!ws) return exit(1);
      try {
        if (findInstance(ws.manager.state, addr)) { printDiagnostics(io, [error('import.exists', 'Resource already managed by xcpform', { detail: `${address} is already in the state. Remove it with "xcpform state rm ${address}" first to import a different object.` })], color); return exit(1); }
        const runtime = await ws.runtime();
        const pool = id.includes('/') ? id.split('/')[0] : runtime.defaultPool;
        const world = new WorldSnapshot();
        const recs = await runtime.records(pool, rt.classes);
        for (const cls of rt.classes) world.pool(pool).setClass(cls, recs.all(cls) as never);
        const res = rt.import({ id, world, defaultPool: runtime.defaultPool });
        printDiagnostics(io, res.diagnostics ?? [], color);
        if (!res.state) return exit(1);
        const state = res.state;
        await ws.manager.apply((s) => setInstance(s, addr, { schemaVersion: schema.version, attributes: state, sensitiveAttributes: sensitivePaths(schema.block, state).map(toPathSteps), dependencies: [] }, providerAddress()));
        io.stdout(`${address}: Importing from ID "${id}"...\n${address}: Import prepared!\n\nImport successful!\n\nThe resources that were imported are shown above. These resources are now in\nyour xcpform state and will henceforth be managed by xcpform.\n`);
        exit(0);
      } finally {
        await ws.close();
      }
    });

  const state = program.command('state').description('inspect and edit the state');
  state.command('list [addresses...]').description('list the resources in the state, or those the addresses name (modules, resources, instances); a folder argument is the working folder').action(async (args: string[]) => {
    const dir = args.find((a) => !isAddress(a));
    const filters = args.filter(isAddress);
    const ws = await openWorkspace(io, dir, { ...NO_FLAGS, lock: false }, 'OperationTypeInvalid', { noConfig: true });
    if (!ws) return exit(1);
    // Terraform's order: shorter module paths first, then by address (count indexes numerically); with addresses, theirs in turn.
    const sorted = (xs: string[]) => xs.sort((x, y) => byAddress({ address: x }, { address: y }));
    try {
      if (!filters.length) { for (const a of sorted(listAddresses(ws.manager.state))) io.stdout(`${a}\n`); return exit(0); }
      const out: string[] = [];
      for (const f of filters) {
        const sel = selectInstances(ws.manager.state, f);
        if (sel.unknownModule) {
          printDiagnostics(io, [error('state.unknown-module', 'Unknown module', { detail: `The current state contains no module at ${f}. If you've just added this module to the configuration, you must run "xcpform apply" first to create the module's entry in the state.` })], useColor(io, true));
          return exit(1);
        }
        for (const a of sorted(sel.addresses)) if (!out.includes(a)) out.push(a);
      }
      for (const a of out) io.stdout(`${a}\n`);
      exit(0);
    } finally { await ws.close(); }
  });
  state.command('show <address> [dir]').description('show one resource of the state (sensitive values hidden)').action(async (address: string, dir?: string) => {
    const ws = await openWorkspace(io, dir, { ...NO_FLAGS, lock: false }, 'OperationTypeInvalid', { noConfig: true });
    if (!ws) return exit(1);
    try {
      const addr = parseAddress(address);
      const inst = addr && findInstance(ws.manager.state, addr);
      if (!inst) { io.stderr(`Error: No instance found for the given address: ${address}\n`); return exit(1); }
      const hidden = new Set(inst.sensitiveAttributes.map((p) => JSON.stringify(p.map((st) => (st.type === 'get_attr' ? st.value : st.value.value)))));
      io.stdout(`# ${address}:\n`);
      for (const [k, v] of Object.entries(inst.attributes).sort(([a], [b]) => a.localeCompare(b))) io.stdout(`    ${k} = ${hidden.has(JSON.stringify([k])) ? '(sensitive value)' : JSON.stringify(v)}\n`);
      exit(0);
    } finally { await ws.close(); }
  });
  state.command('rm <addresses...>').description('forget resources (the objects are left in the pool): modules, resources or instances; a folder argument is the working folder').action(async (args: string[]) => {
    const dir = args.find((a) => !isAddress(a));
    const ws = await openWorkspace(io, dir, NO_FLAGS, 'OperationTypeApply', { noConfig: true });
    if (!ws) return exit(1);
    try {
      const removed: string[] = [];
      for (const f of args.filter(isAddress)) {
        for (const a of selectInstances(ws.manager.state, f).addresses.sort((x, y) => byAddress({ address: x }, { address: y }))) if (!removed.includes(a)) removed.push(a);
      }
      if (!removed.length) {
        printDiagnostics(io, [error('state.rm-no-match', 'Invalid target address', { detail: 'No matching objects found. To view the available instances, use "xcpform state list". Please modify the address to reference a specific instance.' })], useColor(io, true));
        return exit(1);
      }
      await ws.manager.apply((s) => removed.reduce((acc, a) => removeInstance(acc, parseAddress(a)!), s));
      io.stdout(`${removed.map((a) => `Removed ${a}\n`).join('')}Successfully removed ${removed.length} resource instance(s).\n`);
      exit(0);
    } finally { await ws.close(); }
  });
  state.command('mv <source> <destination> [dir]').description('move a resource, a resource instance or a module (with the modules in it) to another address in the state').action(async (source: string, destination: string, dir?: string) => {
    const ws = await openWorkspace(io, dir, NO_FLAGS, 'OperationTypeApply', { noConfig: true });
    if (!ws) return exit(1);
    try {
      const r = moveInState(ws.manager.state, source, destination);
      if (r.diagnostic || !r.state) { printDiagnostics(io, r.diagnostic ? [r.diagnostic] : [], useColor(io, true)); return exit(1); }
      const next = r.state;
      await ws.manager.apply(() => next);
      io.stdout(`${r.moved.map(([from, to]) => `Move ${JSON.stringify(from)} to ${JSON.stringify(to)}\n`).join('')}Successfully moved ${r.moved.length} object(s).\n`);
      exit(0);
    } finally { await ws.close(); }
  });

  program.command('force-unlock <id> [dir]').description('remove a state lock left by a process that died').action(async (id: string, dir?: string) => {
    const ws = await openWorkspace(io, dir, { ...NO_FLAGS, lock: false }, 'OperationTypeInvalid', { noConfig: true });
    if (!ws) return exit(1);
    try {
      await ws.backend.forceUnlock(id);
      io.stdout('xcpform state has been successfully unlocked!\n');
      exit(0);
    } catch (err) {
      io.stderr(`Error: Failed to unlock state: ${(err as Error).message}\n`);
      exit(1);
    } finally { await ws.close(); }
  });
}
