/**
 * `xcpform providers [dir]`: the providers the configuration requires, module by module as a
 * tree, and those the state records, in `terraform providers`' layout.
 */
import { Command } from 'commander';
import type { Config } from '../../config/model';
import { XCP_PROVIDER_SOURCE } from '../../state/model';
import { useColor } from '../color';
import { openWorkspace } from '../engine-run';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';

/** A source address with Terraform's default host (`xcpform/xcp` → `registry.terraform.io/xcpform/xcp`). */
function fullSource(name: string, source: string | undefined): string {
  if (!source) return name === 'xcp' ? XCP_PROVIDER_SOURCE : `registry.terraform.io/hashicorp/${name}`;
  return source.split('/').length === 2 ? `registry.terraform.io/${source}` : source;
}

/** The providers one module requires: declared in required_providers or used by its blocks. */
function required(config: Config): string[] {
  const names = new Set<string>(Object.keys(config.terraform.requiredProviders));
  for (const r of config.resources.values()) if (!r.module) names.add(r.providerConfig.split('.')[0]);
  for (const p of config.providers.values()) names.add(p.type);
  return [...names].sort().map((n) => {
    const rp = config.terraform.requiredProviders[n];
    return `provider[${fullSource(n, rp?.source)}]${rp?.version ? ` ${rp.version}` : ''}`;
  });
}

function tree(config: Config, prefix: string, out: string[]): void {
  const items: { label: string; child?: Config }[] = [
    ...required(config).map((label) => ({ label })),
    ...[...config.moduleCalls.keys()].sort().map((name) => ({ label: `module.${name}`, child: config.children.get(name) })),
  ];
  items.forEach((item, i) => {
    const last = i === items.length - 1;
    out.push(`${prefix}${last ? '└── ' : '├── '}${item.label}`);
    if (item.child) tree(item.child, `${prefix}${last ? '    ' : '│   '}`, out);
  });
}

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  program
    .command('providers [dir]')
    .description('show the providers required by the configuration (module by module) and by the state')
    .option('--no-color', 'disable colours')
    .action(async (dir: string | undefined, raw: Record<string, unknown>) => {
      const ws = await openWorkspace(io, dir, { varOrder: [], lock: false, lockTimeout: 0, color: useColor(io, raw.color !== false) }, 'OperationTypeInvalid');
      if (!ws) return exit(1);
      try {
        const lines = ['', 'Providers required by configuration:', '.'];
        tree(ws.config!.config, '', lines);
        const inState = [...new Set(ws.manager.state.resources.map((r) => /provider\["([^"]+)"\]/.exec(r.provider)?.[1]).filter((x): x is string => !!x))].sort();
        if (inState.length) lines.push('', 'Providers required by state:', '', ...inState.map((p) => `    provider[${p}]`));
        io.stdout(`${lines.join('\n')}\n\n`);
        exit(0);
      } finally {
        await ws.close();
      }
    });
}
