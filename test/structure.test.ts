/**
 * Structural rules that keep each decision in one home (issue 16, deliverable 5), checked over
 * the source tree so a new file cannot escape them:
 * - engine layers never test resource type names: a type declares what it can do
 *   (`ResourceType.capabilities`) and the engine asks;
 * - every implemented resource type declares the capabilities the engine relies on.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allResourceTypes } from '../src/resources/registry';

const ROOT = join(__dirname, '..');
/** Layers above the resources: they must not know any resource type by name. */
const ENGINE_LAYERS = ['src/plan', 'src/executor', 'src/engine', 'src/render', 'src/report', 'src/cli', 'src/tfplugin', 'src/dag'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

test('engine layers do not test resource type names', () => {
  const offenders: string[] = [];
  for (const layer of ENGINE_LAYERS) {
    for (const file of sources(join(ROOT, layer))) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
        if (/['"`]xcp_[a-z_]+['"`.]/.test(line)) offenders.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  expect(offenders).toEqual([]);
});

test('the types the engine places, routes, links and prices declare it', () => {
  const caps = Object.fromEntries(allResourceTypes().map((t) => [t.schema.typeName, t.capabilities ?? {}]));
  expect(Object.entries(caps).filter(([, c]) => c.placed).map(([t]) => t)).toEqual(['xcp_vm']);
  expect(Object.entries(caps).filter(([, c]) => c.network).map(([t]) => t).sort()).toEqual(['xcp_bond', 'xcp_network', 'xcp_private_network', 'xcp_vlan']);
  expect(Object.entries(caps).filter(([, c]) => c.poolLink).map(([t]) => t)).toEqual(['xcp_vpn_link']);
  const card = { currency: 'USD', vcpuHour: 1, memoryGibHour: 1, storageGibHour: 1, vpnLinkHour: 1, poolMultipliers: {} };
  expect(caps.xcp_vm.hourlyCost!({ vcpus: 2, memory: 2 * 1024 ** 3, disk: [{ size: 1024 ** 3 }] }, card)).toBe(5);
  expect(caps.xcp_vdi.hourlyCost!({ size: 3 * 1024 ** 3 }, card)).toBe(3);
  for (const [type, c] of Object.entries(caps)) if (c.seconds) expect({ type, ok: c.seconds.create > 0 && c.seconds.delete > 0 }).toEqual({ type, ok: true });
});

test('no project file points outside the repository at design notes', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (['node_modules', 'dist', '.git', '.xcpform', 'coverage'].includes(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) { walk(path); continue; }
      if (!/\.(ts|md|proto|json|tf|js|sh)$/.test(name) && name !== 'run') continue;
      const text = readFileSync(path, 'utf8');
      if (/DESIGN\.md|\.\.\/shared\/|shared\/reference\//.test(text) && !path.endsWith('structure.test.ts')) offenders.push(relative(ROOT, path));
    }
  };
  walk(ROOT);
  expect(offenders).toEqual([]);
});
