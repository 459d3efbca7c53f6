/**
 * Headless Chromium for the page's end-to-end test and its screenshot: Debian's `chromium` driven by
 * playwright-core (no browser download), in a fresh profile, with nothing reaching the network but the page.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Chromium is looked for: `DAOZE_CHROMIUM`, else Debian's path. */
export const CHROMIUM = process.env.DAOZE_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, sandbox-free (running as root in CI) headless Chromium that makes no calls of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser context in a fresh user-data directory; `close` also removes the directory. */
export async function launchChromium(
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set DAOZE_CHROMIUM; set DAOZE_SKIP_BROWSER=1 to skip the browser test on purpose.`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'daoze-chromium-'));
  // launchPersistentContext is how playwright takes a user-data directory (it refuses --user-data-dir in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.locale ?? 'zh-CN',
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
