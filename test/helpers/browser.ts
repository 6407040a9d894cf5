/**
 * The headless Chromium the browser tests drive through playwright-core. Nothing is downloaded
 * at test time: a Chromium of the system is used when there is one (`CHROMIUM_PATH`, else
 * `chromium`, `chromium-browser` or `google-chrome` on the PATH), else the one that
 * `@sparticuz/chromium` (a dev dependency) carries compressed in node_modules and unpacks to the
 * temporary folder on first use. `XCPFORM_TEST_TOOLS=npm` skips the system's, so a machine that
 * has Chromium can check the bare-machine path too.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type BrowserContext, type LaunchOptions } from 'playwright-core';

/** Flags for a quiet, offline, throwaway browser. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where a browser came from, for messages. */
export interface FoundBrowser {
  readonly executablePath: string;
  readonly source: 'system' | 'npm';
}

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

/** The system's Chromium from `CHROMIUM_PATH` or the PATH, if any. */
export function systemChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.XCPFORM_TEST_TOOLS === 'npm') return undefined;
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const hit = SYSTEM_NAMES.map((n) => join(dir, n)).find((p) => existsSync(p));
    if (hit) return hit;
  }
  return undefined;
}

/** The browser to drive: the system's, else the npm package's (unpacked on first call). */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  const system = systemChromium(env);
  if (system) return { executablePath: system, source: 'system' };
  // The package's CommonJS entry exports the class itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const packaged = require('@sparticuz/chromium') as { executablePath(): Promise<string> };
  return { executablePath: await packaged.executablePath(), source: 'npm' };
}

/** A fresh persistent context (own profile folder) on the browser {@link findChromium} picks. */
export async function launchChromium(profile: string, options: Omit<LaunchOptions, 'executablePath' | 'args'> & { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const { executablePath } = await findChromium();
  return chromium.launchPersistentContext(profile, { ...options, executablePath, headless: true, args: CHROMIUM_ARGS });
}
