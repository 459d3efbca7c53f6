/**
 * Takes the README's screenshot of the inspector page: a public-toilet inspection in progress, in which 水通
 * fails. Needs Chromium (/usr/bin/chromium) and a CJK font (Debian: fonts-wqy-microhei or fonts-noto-cjk).
 * Usage: npm run screenshot [-- out.png]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInspector } from '../examples/inspector-web/build.js';
import { serveStatic } from '../examples/inspector-web/serve.js';
import { launchChromium } from '../examples/inspector-web/browser.js';

const out = process.argv[2] ?? join(import.meta.dirname ?? '.', '..', 'docs', 'inspector-web.png');
const site = mkdtempSync(join(tmpdir(), 'daoze-shot-'));
await buildInspector(site);
const server = await serveStatic(site);
const browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]');
  // The README's picture shows the 1.0.0 toilet checklist (its answers below are 1.0.0's facts), not the edition in force.
  await page.selectOption('#standard', 'si-jing-san-wu-liang-tong-yi-ming@1.0.0');
  await page.waitForSelector('[data-fact="adult-fly-count"]');
  const yes = (fact: string, v: boolean) => page.check(`[data-fact="${fact}"] input[value="${v}"]`);
  const choose = (fact: string, v: string) => page.selectOption(`[data-fact="${fact}"] select`, v);
  const num = async (fact: string, v: number) => {
    await page.fill(`[data-fact="${fact}"] input[type=number]`, String(v));
    await page.press(`[data-fact="${fact}"] input[type=number]`, 'Tab');
  };
  await choose('toilet-class', 'class-2');
  await choose('flush-type', 'water-flush');
  for (const f of ['floor-clean', 'walls-clean', 'stalls-clean', 'surroundings-clean', 'power-supply-ok'])
    await yes(f, true);
  for (const f of ['overflow-present', 'maggots-present', 'water-supply-ok']) await yes(f, false);
  await num('adult-fly-count', 2);
  await num('odour-grade', 2);
  await num('ammonia-mg-m3', 0.8);
  await page.fill('[data-fact="ammonia-mg-m3"] .evidence input', 'meter/2026-11-20/0931.csv');
  await page.click('[data-fact="ammonia-mg-m3"] .evidence button');
  await page.waitForSelector('[data-clause="water-flowing"][data-outcome="fail"]');
  await page.waitForSelector('[data-clause="no-odour"][data-outcome="pass"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  // A viewport as tall as the page, so the sticky header stays on top in the picture.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height });
  await page.waitForTimeout(900); // let the "changed" flash fade
  await page.screenshot({ path: out, fullPage: false });
  process.stdout.write(`✓ screenshot → ${out}\n`);
} finally {
  await browser.close();
  await server.close();
  rmSync(site, { recursive: true, force: true });
}
