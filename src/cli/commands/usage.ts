/** `xcpform usage [DIR] [--by tag|pool] [--since DATE] [--json]`: usage and cost per tag or pool. */
import { Command, InvalidArgumentError } from 'commander';
import { WorldSnapshot } from '../../resources/snapshot';
import { renderUsage, usageReport } from '../../plan/usage';
import type { XapiClass } from '../../xenapi';
import { useColor } from '../color';
import { openWorkspace, printDiagnostics } from '../engine-run';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { error } from '../../diagnostics';

const CLASSES: XapiClass[] = ['VM', 'VM_metrics', 'VBD', 'VDI'];

function startOfMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  program
    .command('usage [dir]')
    .description('report usage and cost per tag (or pool) from the pools\' records and the rate card')
    .option('--by <key>', 'group by tag (default) or pool', (v: string) => {
      if (v !== 'tag' && v !== 'pool') throw new InvalidArgumentError('-by must be tag or pool');
      return v;
    }, 'tag')
    .option('--since <date>', 'start of the period (ISO date; default: the start of this month)')
    .option('--json', 'print JSON')
    .action(async (dir: string | undefined, raw: Record<string, unknown>) => {
      const color = useColor(io, true);
      const now = new Date();
      const since = raw.since ? new Date(String(raw.since)) : startOfMonth(now);
      if (Number.isNaN(since.getTime())) { printDiagnostics(io, [error('usage.bad-since', `"${String(raw.since)}" is not a date`, { detail: 'Use an ISO date such as 2026-11-01 or 2026-11-01T00:00:00Z.' })], color); return exit(1); }
      const ws = await openWorkspace(io, dir, { varOrder: [], lock: false, lockTimeout: 0, color }, 'OperationTypeInvalid');
      if (!ws) return exit(1);
      try {
        const runtime = await ws.runtime();
        const world = new WorldSnapshot();
        for (const pool of runtime.pools) {
          const recs = await runtime.records(pool, CLASSES);
          for (const cls of CLASSES) world.pool(pool).setClass(cls, recs.all(cls) as never);
        }
        const report = usageReport(world, runtime.pools, ws.settings.rateCard, since, now, raw.by as 'tag' | 'pool');
        io.stdout(raw.json ? `${JSON.stringify(report, null, 2)}\n` : renderUsage(report));
        if (!ws.settings.rateCard && !raw.json) io.stdout('\nNo rate_card in the provider block: costs are 0.\n');
        exit(0);
      } finally {
        await ws.close();
      }
    });
}
