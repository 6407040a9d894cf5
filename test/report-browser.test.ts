/**
 * The check: the report of a cloudburst plan opened in headless Chromium (Debian's
 * the system's or the npm package's, see test/helpers/browser.ts; nothing is downloaded). No console errors, no network, one node per change with its action class, the
 * VPN link between the pools, the placement view, the migrate filter by mouse and keyboard, no
 * secret. Saves test-output/report.png (and the graph and placement close-ups) to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { writeHtmlReport } from '../src/cli/commands/report';
import { visibleChanges } from '../src/render/format';
import { BURST_PSK, cloudburstPlan, EXPECTED_POOL } from './helpers/report-fixtures';


const OUT = resolve(__dirname, '..', 'test-output');

describe('HTML report in headless Chromium', () => {
  const plan = cloudburstPlan();
  const visible = visibleChanges(plan.changes);
  const file = join(OUT, 'report.html');
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    await writeHtmlReport(plan, file, { title: 'xcpform plan: cloudburst', generatedAt: '2026-01-01T12:00:00Z' });
    profile = mkdtempSync(join(tmpdir(), 'xcpform-chromium-'));
    // A persistent context is how playwright takes a fresh --user-data-dir of our own.
    context = await launchChromium(profile, { viewport: { width: 1400, height: 1500 } });
    page = context.pages()[0] ?? (await context.newPage());
    context.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const shownNodes = () => page.$$eval('.plan-graph .node', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.getAttribute('data-address')));
  const shownChanges = () => page.$$eval('details.change', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.getAttribute('data-address')));

  test('loads with no console errors and no network request but the file itself', async () => {
    await page.screenshot({ path: join(OUT, 'report.png') });
    await page.locator('.graph-wrap').screenshot({ path: join(OUT, 'report-graph.png') });
    await page.locator('section.placement').screenshot({ path: join(OUT, 'report-placement.png') });
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
  });

  test('one graph node per changed resource, with its action class', async () => {
    const nodes = await page.$$eval('.plan-graph .node', (els) => els.map((e) => [e.getAttribute('data-address'), e.getAttribute('class')]));
    expect(Object.fromEntries(nodes)).toEqual(Object.fromEntries(visible.map((c) => [c.address, `node action-${c.action}`])));
  });

  test('the VPN link edge joins the two pool clusters', async () => {
    const geo = await page.evaluate(() => {
      const link = document.querySelector('.plan-graph .vpn-link[data-from-pool="dc1"][data-to-pool="cloud1"] path') as SVGPathElement | null;
      if (!link) return null;
      const box = (pool: string) => {
        const r = (document.querySelector(`.plan-graph .pool[data-pool="${pool}"] rect`) as SVGRectElement).getBBox();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      const len = link.getTotalLength();
      const [a, b] = [link.getPointAtLength(0), link.getPointAtLength(len)];
      return { start: { x: a.x, y: a.y }, end: { x: b.x, y: b.y }, dc1: box('dc1'), cloud1: box('cloud1') };
    });
    expect(geo).not.toBeNull();
    const near = (p: { x: number; y: number }, r: { x: number; y: number; width: number; height: number }) => p.x >= r.x - 6 && p.x <= r.x + r.width + 6 && p.y >= r.y - 6 && p.y <= r.y + r.height + 6;
    expect(near(geo!.start, geo!.dc1)).toBe(true);
    expect(near(geo!.end, geo!.cloud1)).toBe(true);
  });

  test('the placement view lists every VM under the pool the plan chose', async () => {
    for (const [address, pool] of Object.entries(EXPECTED_POOL)) {
      const pools = await page.$$eval(`section[data-pool-section] li.vm[data-address="${address}"]`, (els) => els.map((e) => e.closest('section')!.getAttribute('data-pool-section')));
      expect([address, pools]).toEqual([address, [pool]]);
    }
    expect(await page.locator('section[data-pool-section="cloud1"] .unplaced li.vm').count()).toBe(1);
  });

  test('clicking the migrate filter hides the other nodes and rows; clicking again shows them', async () => {
    const migrate = page.locator('button[data-filter-group="action"][data-value="migrate"]');
    await migrate.click();
    expect(await migrate.getAttribute('aria-pressed')).toBe('true');
    expect(await shownNodes()).toEqual(['xcp_vm.db']);
    expect(await shownChanges()).toEqual(['xcp_vm.db']);
    expect(await page.locator('#filter-status').textContent()).toBe('Showing 1 of 12 changes (migrate)');
    await page.locator('section.graph').screenshot({ path: join(OUT, 'report-migrate-filter.png') });
    await migrate.click();
    expect(await shownNodes()).toHaveLength(visible.length);
  });

  test('the pool filter keeps one cluster and its nodes', async () => {
    const cloud = page.locator('button[data-filter-group="pool"][data-value="cloud1"]');
    await cloud.click();
    const pools = await page.$$eval('.plan-graph .node', (els) => [...new Set(els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.getAttribute('data-pool')))]);
    expect(pools).toEqual(['cloud1']);
    expect(await page.locator('.plan-graph .pool[data-pool="dc1"]').isVisible()).toBe(false);
    await page.locator('#filter-reset').click();
    expect(await shownNodes()).toHaveLength(visible.length);
  });

  test('keyboard: Tab reaches the filters, with a visible focus ring; Space and Enter toggle them', async () => {
    await page.goto(pathToFileURL(file).href);
    let focused = '';
    for (let i = 0; i < 40 && focused !== 'action:migrate'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.dataset.filterGroup ? `${el.dataset.filterGroup}:${el.dataset.value}` : el?.tagName ?? '';
      });
    }
    expect(focused).toBe('action:migrate');
    const ring = await page.evaluate(() => { const s = getComputedStyle(document.activeElement!); return `${s.outlineStyle} ${s.outlineWidth}`; });
    expect(ring).toBe('solid 3px');
    await page.keyboard.press('Space');
    expect(await shownNodes()).toEqual(['xcp_vm.db']);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement!.getAttribute('aria-pressed'))).toBe('false');
    expect(await shownNodes()).toHaveLength(visible.length);
  });

  test('a large report builds the table of a change when it is expanded', async () => {
    const lazyFile = join(OUT, 'report-lazy.html');
    await writeHtmlReport(plan, lazyFile, { lazyAbove: 0, openUpTo: 0 });
    await page.goto(pathToFileURL(lazyFile).href);
    const link = page.locator('details.change[data-address="xcp_vpn_link.burst"]');
    expect(await link.locator('table').count()).toBe(0);
    await link.locator('summary').click();
    const psk = link.locator('tbody tr', { has: page.locator('th', { hasText: /^psk$/ }) });
    expect(await psk.locator('td').allTextContents()).toEqual(['+', '', '(sensitive value)']);
    expect(await link.locator('tbody tr').count()).toBeGreaterThan(10);
    expect(await page.content()).not.toContain(BURST_PSK);
    expect(errors).toEqual([]);
  });

  test('no secret anywhere: not in the file, not in the live DOM', async () => {
    await page.goto(pathToFileURL(file).href);
    expect(readFileSync(file, 'utf8')).not.toContain(BURST_PSK);
    expect(await page.content()).not.toContain(BURST_PSK);
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(BURST_PSK);
  });
});
