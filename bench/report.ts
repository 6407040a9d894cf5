/**
 * Bench of the visual report: render a 5,000-resource cloudburst plan to HTML (graph layout
 * included) and open the file in headless Chromium (Debian's `chromium`; skipped with a note
 * when it is absent). The target: each in a few seconds.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { renderPlanHtml } from '../src/report/plan-html';
import { renderPlanSvg } from '../src/report/plan-svg';
import { cloudburstPlanOfSize } from '../test/helpers/report-fixtures';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RESOURCES = 5000;

const ms = (t0: number) => Math.round(performance.now() - t0);

/** Seconds-level figures; the first render pays ELK's warm-up, so the second is reported too. */
export async function benchReport(): Promise<Record<string, number | string>> {
  const plan = cloudburstPlanOfSize(RESOURCES);
  let t0 = performance.now();
  const html = await renderPlanHtml(plan);
  const first = ms(t0);
  t0 = performance.now();
  await renderPlanHtml(plan);
  const second = ms(t0);
  t0 = performance.now();
  await renderPlanSvg(plan);
  const svg = ms(t0);
  const figures: Record<string, number | string> = {
    resources: RESOURCES,
    'html render ms (first, with ELK warm-up)': first,
    'html render ms (second)': second,
    'svg render ms': svg,
    'html size KiB': Math.round(Buffer.byteLength(html) / 1024),
  };
  if (!existsSync(CHROMIUM)) {
    figures['chromium open ms'] = `skipped: ${CHROMIUM} not installed (.ci/run installs Debian's chromium)`;
    return figures;
  }
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-bench-report-'));
  try {
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    // Loaded lazily: playwright-core is a devDependency, and the bench runs from a dev checkout.
    const { chromium } = await import('playwright-core');
    t0 = performance.now();
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    figures['chromium launch ms'] = ms(t0);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      t0 = performance.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Until the filters have run and the first frame is painted.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
      figures['chromium open ms (load + script + first frame)'] = ms(t0);
      t0 = performance.now();
      await page.locator('button[data-filter-group="action"][data-value="migrate"]').click();
      figures['migrate filter click ms'] = ms(t0);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
