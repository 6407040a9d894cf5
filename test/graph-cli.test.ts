/**
 * `xcpform graph -format svg [-all]` through the CLI on `examples/basic` after apply: without
 * `-all` only the changed resources are drawn, with it every resource (as DOT and Mermaid do).
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, xcpform } from './helpers/cli';

/** `data-address` of each drawn node, sorted. */
function drawn(svg: string): string[] {
  return [...svg.matchAll(/<g class="node [^"]*"[^>]* data-address="([^"]+)"/g)].map((m) => m[1]).sort();
}

describe('graph -format svg on examples/basic after apply', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-graph-'));
  const ALL = ['xcp_network.lan', 'xcp_pool.dc1', 'xcp_sr.nfs', 'xcp_vm.db', 'xcp_vm.web'];

  beforeAll(() => {
    copyFileSync(join(ROOT, 'examples', 'basic', 'main.tf'), join(dir, 'main.tf'));
    const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
    if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
    // One change: web's tags; db, the network, the pool stay as they are.
    writeFileSync(join(dir, 'main.tf'), readFileSync(join(dir, 'main.tf'), 'utf8').replace('tags       = ["web", "team-a"]', 'tags       = ["web", "team-b"]'));
  }, 60_000);

  test('without -all only changed resources are drawn', () => {
    const res = xcpform(['graph', '-format', 'svg'], { cwd: dir });
    expect(res.stderr).toBe('');
    const nodes = drawn(res.stdout);
    expect(nodes).toContain('xcp_vm.web');
    expect(nodes).not.toContain('xcp_vm.db');
    expect(nodes).not.toContain('xcp_network.lan');
    expect(res.stdout).toMatch(/<title>Dependency graph of \d+ changed resources?, by pool<\/title>/);
  });

  test('-all draws every resource, unchanged ones as no change', () => {
    const res = xcpform(['graph', '-format', 'svg', '-all'], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(drawn(res.stdout)).toEqual(ALL);
    expect(res.stdout).toContain('<title>Dependency graph of 5 resources, by pool</title>');
    expect(res.stdout).toMatch(/<g class="node action-no-op"[^>]* data-address="xcp_vm.db"/);
    // The same resources as the DOT graph with -all.
    const dot = xcpform(['graph', '-format', 'dot', '-all'], { cwd: dir }).stdout;
    for (const a of ALL) expect(dot).toContain(a);
  });
});
