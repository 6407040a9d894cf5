import { readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BINDINGS_DIR, generateBindings } from '../scripts/gen-bindings';
import { ROOT } from './helpers/cli';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out;
}

describe('CDKTF bindings in cdktf/', () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = await generateBindings();
  }, 120_000);
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  test('are up to date with provider-schema/xcp.json (run "npm run bindings" when this fails)', () => {
    const committed = listFiles(BINDINGS_DIR);
    expect(committed).toEqual(listFiles(fresh));
    for (const file of committed) {
      expect([file, readFileSync(join(BINDINGS_DIR, file), 'utf8') === readFileSync(join(fresh, file), 'utf8')]).toEqual([file, true]);
    }
  });

  test('cover every resource and data source and are marked generated', () => {
    const dirs = readdirSync(join(BINDINGS_DIR, 'providers', 'xcp')).filter((n) => !n.includes('.'));
    expect(dirs.sort()).toEqual([
      'appliance', 'bond', 'cloud-config', 'data-xcp-cloud-config', 'data-xcp-host', 'data-xcp-hosts', 'data-xcp-network', 'data-xcp-pif', 'data-xcp-pool', 'data-xcp-sr', 'data-xcp-template',
      'data-xcp-vdi', 'data-xcp-vm', 'data-xcp-vms',
      'host', 'network', 'pool', 'private-network', 'provider', 'sr', 'vdi', 'vlan', 'vm', 'vm-snapshot', 'vpn-link',
    ]);
    expect(readFileSync(join(BINDINGS_DIR, 'index.ts'), 'utf8')).toMatch(/^\/\/ GENERATED/);
  });

  test('compile under strict together with the CDKTF examples', () => {
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'examples', 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.strict).toBe(true);
  }, 120_000);
});
