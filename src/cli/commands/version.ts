/**
 * `xcpform version [-json]`: the version, and with `-json` the shape `terraform version -json`
 * prints (`terraform_version` holds xcpform's version: there is no Terraform involved; the
 * provider is part of xcpform, so the selection names its own version).
 */
import { Command } from 'commander';
import { VERSION } from '../../version';
import { XCP_PROVIDER_SOURCE } from '../../state/model';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';

/** Go's GOOS_GOARCH naming, which `terraform version` prints. */
export function platform(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
  return `${os}_${arch}`;
}

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  program
    .command('version')
    .description('show the xcpform version')
    .option('--json', 'machine-readable JSON')
    .action((raw: Record<string, unknown>) => {
      if (raw.json) {
        io.stdout(`${JSON.stringify({ terraform_version: VERSION, platform: platform(), provider_selections: { [XCP_PROVIDER_SOURCE]: VERSION }, terraform_outdated: false }, null, 2)}\n`);
      } else io.stdout(`xcpform v${VERSION}\non ${platform()}\n+ provider ${XCP_PROVIDER_SOURCE} v${VERSION}\n`);
      exit(0);
    });
}
