/**
 * The visual report without a browser: structure, secrets, determinism, grouping of large
 * plans, the standalone SVG and the CLI helpers. The browser checks are in report-browser.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderGraphSvg, writeHtmlReport } from '../src/cli/commands/report';
import { visibleChanges } from '../src/render/format';
import { changeRows, SENSITIVE_TEXT, UNKNOWN_TEXT } from '../src/report/diff-rows';
import type { LazyRowsJson } from '../src/report/diff-section';
import { renderPlanHtml } from '../src/report/plan-html';
import { renderPlanSvg } from '../src/report/plan-svg';
import { reportGraph } from '../src/report/report-graph';
import { planSecrets, scrubSecrets } from '../src/report/secrets';
import { kitchenSink, scenarios, SECRETS } from './helpers/plan-fixtures';
import { BURST_PSK, cloudburstPlan, cloudburstPlanOfSize, EXPECTED_POOL } from './helpers/report-fixtures';

/** `<tag ...attrs>` openings whose class list contains `cls`, as attribute maps. */
function elements(html: string, cls: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(/<(?:a|g|li|details|tr|section)\s([^>]*)>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    if ((attrs.class ?? '').split(' ').includes(cls)) out.push(attrs);
  }
  return out;
}

describe('renderPlanHtml on the cloudburst plan', () => {
  let html: string;
  beforeAll(async () => {
    html = await renderPlanHtml(cloudburstPlan(), { generatedAt: '2026-01-01T12:00:00Z' });
  });

  test('is one self-contained document: nothing to fetch, a policy that forbids fetching', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<link\b|<script\s+src|<img\b|<iframe\b|@import|url\((?!#)/i);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//i);
    expect(html).toContain(`default-src 'none'`);
  });

  test('draws one graph node per changed resource with its action class', () => {
    const visible = visibleChanges(cloudburstPlan().changes);
    const nodes = elements(html, 'node');
    expect(nodes.map((n) => n['data-address']).sort()).toEqual(visible.map((c) => c.address).sort());
    for (const c of visible) expect(nodes.find((n) => n['data-address'] === c.address)!.class).toBe(`node action-${c.action}`);
    expect(nodes.find((n) => n['data-address'] === 'xcp_network.lan')).toBeUndefined();
  });

  test('draws the VPN link between the two pool clusters', () => {
    expect(elements(html, 'vpn-link')).toEqual([expect.objectContaining({ 'data-address': 'xcp_vpn_link.burst', 'data-from-pool': 'dc1', 'data-to-pool': 'cloud1' })]);
    expect(elements(html, 'pool').map((p) => p['data-pool'])).toEqual(['cloud1', 'dc1']);
  });

  test('the placement view lists every VM under the pool the plan chose', () => {
    const vms = elements(html, 'vm');
    for (const [address, pool] of Object.entries(EXPECTED_POOL)) {
      expect(vms.filter((v) => v['data-address'] === address).map((v) => v['data-pool'])).toEqual([pool]);
    }
    expect(vms.find((v) => v['data-address'] === 'xcp_vm.legacy')).toBeUndefined();
  });

  test('summary: counts per action, cost delta, migration route and bytes', () => {
    expect(html).toContain('Plan: 8 to add, 1 to change, 2 to destroy, 1 to migrate.');
    expect(html).toMatch(/action-create"[^>]*>.*<strong>7<\/strong> to create/);
    expect(html).toMatch(/action-migrate"[^>]*>.*<strong>1<\/strong> to migrate/);
    expect(html).toContain('+$273.00 ($160.00 → $433.00)/month');
    expect(html).toContain('Live migrations (1, 40.0 GiB to move)');
    expect(html).toMatch(/<tr data-filter-action="migrate" data-pool="cloud1"[^>]*><th scope="row"><a href="#res-xcp_vm.2edb">/);
    expect(html).toContain('<code>xcp_vpn_link.burst</code>');
  });

  test('filters: one toggle button per action present and per pool, with aria-pressed', () => {
    const buttons = [...html.matchAll(/<button type="button" data-filter-group="(\w+)" data-value="([^"]+)" aria-pressed="false"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(buttons).toEqual(['action:create', 'action:update', 'action:migrate', 'action:replace', 'action:delete', 'action:read', 'pool:cloud1', 'pool:dc1']);
  });

  test('no secret appears anywhere; the psk row says (sensitive value)', () => {
    expect(html).not.toContain(BURST_PSK);
    expect(html).not.toContain('BURST-s3cr3t');
    const link = cloudburstPlan().changes.find((c) => c.address === 'xcp_vpn_link.burst')!;
    // The diff tree hides it before the scrubber ever sees it.
    const psk = changeRows(link).rows.find((r) => r.path === 'psk')!;
    expect(psk).toEqual(expect.objectContaining({ action: 'create', before: '', after: SENSITIVE_TEXT }));
  });

  test('is deterministic', async () => {
    expect(await renderPlanHtml(cloudburstPlan(), { generatedAt: '2026-01-01T12:00:00Z' })).toBe(html);
    expect(await renderPlanHtml(cloudburstPlan())).not.toContain('generated');
  });
});

describe('secrets never leave, whatever the plan', () => {
  test.each([['kitchen sink', kitchenSink, true], ['sensitive', scenarios.sensitive, true], ['migrate (unchanged link)', scenarios.migrate, false]] as const)('%s', async (_name, make, shown) => {
    const html = await renderPlanHtml(make());
    for (const s of SECRETS) expect(html).not.toContain(s);
    expect(html.includes(`<td class="sensitive">${SENSITIVE_TEXT}</td>`)).toBe(shown);
  });

  test('the scrubber removes raw, HTML-escaped and JSON-escaped forms', () => {
    expect(scrubSecrets('a "p<&>ss-word" b p&lt;&amp;&gt;ss-word c', ['p<&>ss-word'])).toBe(`a "${SENSITIVE_TEXT}" b ${SENSITIVE_TEXT} c`);
    expect(planSecrets(cloudburstPlan())).toEqual([BURST_PSK]);
  });
});

describe('attribute rows', () => {
  test('an update shows only changed leaves and counts the rest', () => {
    const app = cloudburstPlan().changes.find((c) => c.address === 'xcp_vm.app')!;
    const { rows, unchanged } = changeRows(app);
    expect(rows.map((r) => [r.path, r.action, r.before, r.after])).toEqual([
      ['tags[1]', 'create', '', '"burst-ready"'],
      ['vcpus', 'update', '2', '4'],
    ]);
    expect(unchanged).toBeGreaterThan(20);
  });

  test('a migration flags its paths; unknowns read (known after apply)', () => {
    const db = cloudburstPlan().changes.find((c) => c.address === 'xcp_vm.db')!;
    const rows = changeRows(db).rows;
    expect(rows.find((r) => r.path === 'disk[0].sr')).toEqual(expect.objectContaining({ before: '"sr-dc1-nfs"', after: '"sr-cloud1-local"', flags: expect.objectContaining({ migrate: true }) }));
    expect(rows.find((r) => r.path === 'domid')).toEqual(expect.objectContaining({ before: '3', after: UNKNOWN_TEXT }));
  });
});

describe('large plans', () => {
  test('group the instances of a block per action and pool, and keep every change in the table', async () => {
    const plan = cloudburstPlanOfSize(1000);
    const g = reportGraph(plan.changes);
    expect(g.grouped).toBe(true);
    expect(g.omitted).toBe(0);
    expect(g.nodes.length).toBeLessThan(30);
    expect(g.nodes.reduce((s, n) => s + n.addresses.length, 0)).toBe(visibleChanges(plan.changes).length);
    expect(g.nodes.find((n) => n.label.startsWith('+ xcp_vm.web ×'))).toBeDefined();
    const html = await renderPlanHtml(plan);
    expect(elements(html, 'change')).toHaveLength(1000);
    expect(html).toContain('drawn as one node');
    // Tables travel as redacted JSON, built in the browser when a change is expanded.
    expect(html).not.toContain('<table class="diff">');
    const json = JSON.parse(/<script type="application\/json" id="diff-rows">(.*?)<\/script>/s.exec(html)![1]) as LazyRowsJson;
    const link = elements(html, 'change').find((c) => c['data-address'] === 'xcp_vpn_link.burst')!;
    const rows = json.changes[Number(link['data-rows'])].map(([p, a, b, c, f]) => [json.strings[p], json.strings[a], json.strings[b], json.strings[c], f]);
    expect(rows.find((r) => r[0] === 'psk')).toEqual(['psk', 'create', '', SENSITIVE_TEXT, '']);
    expect(html).not.toContain(BURST_PSK);
  });

  test('a node budget below the group count leaves the rest out, destroys first', () => {
    const g = reportGraph(cloudburstPlanOfSize(300).changes, { maxNodes: 3 });
    expect(g.nodes).toHaveLength(3);
    expect(g.nodes[0].action === 'delete' || g.nodes.some((n) => n.action === 'delete')).toBe(true);
    expect(g.omitted).toBeGreaterThan(0);
  });
});

describe('standalone SVG and the CLI helpers', () => {
  test('renderPlanSvg: an XML document, one node per change, no links into a report', async () => {
    const svg = await renderPlanSvg(cloudburstPlan());
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(elements(svg, 'node')).toHaveLength(visibleChanges(cloudburstPlan().changes).length);
    expect(svg).not.toMatch(/<a\s/);
    expect(svg).toContain('data-from-pool="dc1" data-to-pool="cloud1"');
    expect(svg).not.toContain(BURST_PSK);
    expect(await renderGraphSvg(cloudburstPlan())).toBe(svg);
  });

  test('writeHtmlReport writes the report (0644) and returns its size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-report-'));
    try {
      const out = join(dir, 'plan.html');
      const bytes = await writeHtmlReport(cloudburstPlan(), out, { generatedAt: 'x' });
      const text = readFileSync(out, 'utf8');
      expect(Buffer.byteLength(text)).toBe(bytes);
      expect(text).toBe(await renderPlanHtml(cloudburstPlan(), { generatedAt: 'x' }));
      expect(statSync(out).mode & 0o777).toBe(0o644);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
