/**
 * The inspector's page in a real browser: Debian's headless Chromium driven by playwright-core, the page served
 * on 127.0.0.1 by the test itself. It fails loudly when Chromium is missing; DAOZE_SKIP_BROWSER=1 skips it on
 * purpose (never in CI, whose .ci/run installs Chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildInspector } from '../../examples/inspector-web/build.js';
import { serveStatic } from '../../examples/inspector-web/serve.js';
import { launchChromium } from '../../examples/inspector-web/browser.js';
import { builtin } from '../support/helpers.js';
import { compileEdition, createBundle } from '../../src/index.js';
import { everyType } from '../support/fact-values.js';

// The edition the page opens for the toilet standard: the one in force now (2.0.0 from 2026-12-01).
const TOILET = 'si-jing-san-wu-liang-tong-yi-ming@2.0.0';

describe.skipIf(process.env.DAOZE_SKIP_BROWSER === '1')('the inspector page in headless Chromium', () => {
  let site: string;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'daoze-inspector-'));
    await buildInspector(site);
    // The built-in standards do not score yet; add a scored edition so that the page's score is seen too.
    writeFileSync(
      join(site, 'standards.bundle.json'),
      JSON.stringify(createBundle([...builtin().editions, compileEdition(everyType)])),
    );
    server = await serveStatic(site);
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Nothing but the page's own origin: a request anywhere else would be a bug (and there is no network).
    await page.route('**/*', (route) =>
      route.request().url().startsWith(server.url) || route.request().url().startsWith('data:')
        ? route.continue()
        : route.abort(),
    );
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready]');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  const outcome = (clause: string) => page.getAttribute(`[data-clause="${clause}"]`, 'data-outcome');

  it('opens the public-toilet checklist, in Chinese, in the standard’s printed order', async () => {
    expect(await page.inputValue('#standard')).toBe(TOILET);
    expect(await page.locator('#checklist h2').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^四净/),
        expect.stringMatching(/^三无/),
        expect.stringMatching(/^两通/),
        expect.stringMatching(/^一明/),
      ]),
    );
    expect(await page.getAttribute('#overall', 'data-outcome')).toBe('indeterminate');
    expect(await page.textContent('#overall')).toContain('无法判定');
  });

  it('shows 水通 failing, citing task 12, the moment the water is found off', async () => {
    await page.selectOption('[data-fact="flush-type"] select', 'water-flush');
    await page.check('[data-fact="water-supply-ok"] input[value="false"]');
    await page.waitForSelector('[data-clause="water-flowing"][data-outcome="fail"]');
    const water = page.locator('[data-clause="water-flowing"]');
    expect(await water.textContent()).toContain('水通');
    expect(await water.textContent()).toContain('水不通');
    expect(await water.locator('.source[data-task="12"]').textContent()).toContain('任务12');
    expect(await water.textContent()).toContain('水冲式公厕冲水和洗手用水正常供应,管道畅通。'); // the clause text
    expect(await page.getAttribute('#overall', 'data-outcome')).toBe('fail');
    expect(await page.textContent('#overall')).toContain('不合格');
    // Still needed: first the fact that settles the most clauses (in 2.0.0, whether the toilet is attached or stand-alone).
    expect(await page.getAttribute('#needed li:first-child', 'data-needed')).toBe('toilet-siting');
  });

  it('refuses an impossible reading with a message, and changes nothing', async () => {
    await page.fill('[data-fact="ammonia-mg-m3"] input[type=number]', '5000');
    await page.press('[data-fact="ammonia-mg-m3"] input[type=number]', 'Tab');
    await page.waitForSelector('[data-fact="ammonia-mg-m3"] .error:not(:empty)');
    expect(await page.textContent('[data-fact="ammonia-mg-m3"] .error')).toContain('须在 0 至 1000 mg/m³ 之间');
    expect(await outcome('no-odour')).toBe('indeterminate');
  });

  it('keeps the answers across a reload', async () => {
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    expect(await page.inputValue('[data-fact="flush-type"] select')).toBe('water-flush');
    expect(await page.isChecked('[data-fact="water-supply-ok"] input[value="false"]')).toBe(true);
    expect(await page.isChecked('[data-fact="water-supply-ok"] input[value="true"]')).toBe(false);
    expect(await outcome('water-flowing')).toBe('fail');
    expect(await page.getAttribute('#overall', 'data-outcome')).toBe('fail');
  });

  it('switches to English and back', async () => {
    await page.click('#lang');
    await page.waitForSelector('html[lang="en"]');
    expect(await page.textContent('#overall')).toContain('Fail');
    expect(await page.textContent('[data-clause="water-flowing"]')).toContain('Water flowing');
    expect(await page.textContent('[data-clause="water-flowing"] .source[data-task="12"]')).toContain('task 12');
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    expect(await page.getAttribute('html', 'lang')).toBe('en'); // the language is kept too
    await page.click('#lang');
    await page.waitForSelector('html[lang="zh-CN"]');
  });

  it('exports the inspection and its verdict as JSON, pinned to the edition', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.checklist.edition).toEqual({
      id: 'si-jing-san-wu-liang-tong-yi-ming',
      version: '2.0.0',
      ref: TOILET,
      hash: builtin().get(TOILET).hash,
    });
    expect(data.checklist.observation.facts).toEqual({ 'flush-type': 'water-flush', 'water-supply-ok': false });
    expect(data.verdict.outcome).toBe('fail');
    // The exported verdict is the engine's own on the exported observation.
    expect(builtin().evaluate(data.checklist.observation, { trace: false })).toEqual(data.verdict);
  });

  it('opens every standard of the bundle, each clause shown, and comes back to the inspection in progress', async () => {
    for (const ed of builtin().editions) {
      await page.selectOption('#standard', ed.ref);
      await page.waitForFunction(
        (ref) =>
          (document.getElementById('standard') as HTMLSelectElement).value === ref &&
          document.getElementById('footer')!.textContent!.includes(ref),
        ed.ref,
      );
      expect(await page.locator('#clauses [data-clause]').count(), ed.ref).toBe(ed.clauses.length);
    }
    await page.selectOption('#standard', TOILET);
    await page.waitForSelector('[data-clause="water-flowing"][data-outcome="fail"]');
    expect(await page.inputValue('[data-fact="flush-type"] select')).toBe('water-flush');
  });

  it('shows the score of a scored standard as it changes', async () => {
    await page.selectOption('#standard', 'every-type@1.0.0');
    await page.waitForSelector('#score');
    expect(await page.textContent('#score')).toContain('得分 30 / 30');
    await page.check('[data-fact="flag"] input[value="true"]');
    await page.waitForSelector('[data-clause="c-flag"][data-outcome="fail"]');
    expect(await page.textContent('#score')).toContain('得分 26 / 30');
    await page.selectOption('#standard', TOILET);
    await page.waitForSelector('[data-clause="water-flowing"][data-outcome="fail"]');
    expect(await page.locator('#score').count()).toBe(0); // the toilet standard does not score
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
