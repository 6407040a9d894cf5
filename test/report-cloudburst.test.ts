/**
 * The HTML report of the cloudburst example's first plan, made with the real CLI against the
 * embedded simulator (`xcpform plan -out`, `xcpform show -html`), opened in headless Chromium:
 * no console errors, no network, a node per change with its action, the VPN link between the
 * pools, every VM under the pool the plan chose, no secret. Screenshot: test-output/cloudburst-report.png.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readPlanFile } from '../src/plan/plan-file';
import { launchChromium } from './helpers/browser';
import { ROOT, xcpform } from './helpers/cli';

const OUT = resolve(__dirname, '..', 'test-output');

describe('the cloudburst example\'s first plan as an HTML report', () => {
  test('opens in Chromium with every change, the VPN link and the placement the plan chose, and no secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-report-burst-'));
    cpSync(join(ROOT, 'examples', 'cloudburst', 'main.tf'), join(dir, 'main.tf'));
    expect(xcpform(['plan', '-out', 'first.xcp'], { cwd: dir }).code).toBe(0);
    const show = xcpform(['show', '-html', 'first.xcp', '-o', 'first.html'], { cwd: dir });
    expect(show.stdout).toContain('Wrote first.html');
    const html = readFileSync(join(dir, 'first.html'), 'utf8');
    expect(html).not.toContain('burst-demo-pre-shared-key-0001');
    const plan = readPlanFile(join(dir, 'first.xcp')).file!.plan;
    const changed = plan.changes.filter((c) => c.action !== 'no-op');
    expect(changed).toHaveLength(15);

    mkdirSync(OUT, { recursive: true });
    const profile = mkdtempSync(join(tmpdir(), 'xcpform-chromium-'));
    const context = await launchChromium(profile, { viewport: { width: 1400, height: 1600 } });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const requests: string[] = [];
      const errors: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(e.message));
      const url = pathToFileURL(join(dir, 'first.html')).href;
      await page.goto(url, { waitUntil: 'load' });
      await page.screenshot({ path: join(OUT, 'cloudburst-report.png'), fullPage: false });
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);
      const nodes = await page.$$eval('.plan-graph .node', (els) => els.map((e) => [e.getAttribute('data-address'), e.getAttribute('class')]));
      expect(Object.fromEntries(nodes)).toEqual(Object.fromEntries(changed.map((c) => [c.address, `node action-${c.action}`])));
      expect(await page.locator('.plan-graph .vpn-link[data-from-pool="dc1"][data-to-pool="cloud1"]').count()).toBe(1);
      for (const c of changed.filter((x) => x.type === 'xcp_vm')) {
        const pools = await page.$$eval(`section[data-pool-section] li.vm[data-address="${c.address}"]`, (els) => els.map((e) => e.closest('section')!.getAttribute('data-pool-section')));
        expect([c.address, pools]).toEqual([c.address, [c.after!.pool]]);
      }
      expect(await page.content()).not.toContain('burst-demo-pre-shared-key-0001');
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    expect(existsSync(join(OUT, 'cloudburst-report.png'))).toBe(true);
  }, 120_000);
});
