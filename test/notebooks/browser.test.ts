/**
 * The notebooks and the report in a real browser. The notebooks are built to a static site (offline: Notebook Kit's
 * CDN imports resolved to installed packages) with the committed fixture comparison as data, served on 127.0.0.1 on
 * an ephemeral port, and opened in headless Chromium (Debian's package, driven by playwright-core; .ci/run installs
 * it). Every request that would leave localhost is aborted and recorded, and must not happen; every chart must
 * render an SVG with marks; no page may log a console error. Screenshots are kept in test-results/screenshots/.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNotebooks, REPO_ROOT } from '../../notebooks/tools/notebookSite.js';
import { serveStatic, type StaticSite } from '../../notebooks/tools/staticServer.js';
import { writeReport } from '../../report/writeReport.js';
import { COMPARE_OUTPUT, temporaryDirectory, writeBatch, writeHostileScenario } from '../report/support/fixtureOutput.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');
const HOSTILE = '<script>alert("owned")</script> Hostile & <img src=x onerror=alert(1)>';

/** Page → number of charts it must show. */
const NOTEBOOKS: Record<string, number> = {
  'index.html': 0,
  'prices.html': 3,
  'emissions.html': 2,
  'credits.html': 2,
  'compliance.html': 1,
  'burden.html': 2,
  'compare.html': 1,
};

// Runs in the page: for each chart SVG, the shapes drawn inside mark groups (axes and grids are not marks).
const CHART_MARKS = `[...document.querySelectorAll('svg.ets-chart')].map((svg) => [...svg.querySelectorAll('g[aria-label]')]
  .filter((g) => !/axis|grid|tick|frame/.test(g.getAttribute('aria-label')))
  .reduce((n, g) => n + g.querySelectorAll('path, rect, circle, line, text').length, 0))`;

const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);

describe.skipIf(!available)('notebooks and report in headless Chromium', () => {
  const work = temporaryDirectory('ets-browser-');
  const offsite: string[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  let site: StaticSite;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const out = join(work, 'site');
    await buildNotebooks({ data: COMPARE_OUTPUT, out, logLevel: 'silent' });
    await writeReport(COMPARE_OUTPUT, { out: join(out, 'report-compare.html') });
    const hostile = writeHostileScenario(work, HOSTILE);
    await writeBatch(hostile, join(work, 'hostile-output'));
    await writeReport(join(work, 'hostile-output'), { out: join(out, 'report-hostile.html') });
    site = await serveStatic(out);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
      offsite.push(url.href);
      return route.abort('blockedbyclient');
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(`${path}: ${message.text()}`); });
    page.on('pageerror', (error) => consoleErrors.push(`${path}: ${error.message}`));
    page.on('dialog', (dialog) => { dialogs.push(`${path}: ${dialog.message()}`); void dialog.dismiss(); });
    await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
    return page;
  }

  for (const [path, charts] of Object.entries(NOTEBOOKS)) {
    it(`${path} renders ${charts} chart(s) with marks and no error`, async () => {
      const page = await open(path);
      // Notebook cells run after load: wait for the charts (or the data table of the overview), or a cell's error.
      const ready = charts > 0 ? `document.querySelectorAll('svg.ets-chart').length >= ${charts}` : `document.querySelector('.ets-table table') !== null`;
      await page.waitForFunction(`${ready} || document.querySelector('.observablehq--error') !== null`, undefined, { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      const cellErrors = await page.evaluate(`[...document.querySelectorAll('.observablehq--error')].map((e) => e.textContent)`);
      expect(cellErrors).toEqual([]);
      const marks = (await page.evaluate(CHART_MARKS)) as number[];
      expect(marks).toHaveLength(charts);
      for (const count of marks) expect(count).toBeGreaterThan(0);
      if (charts > 0) await page.waitForSelector('main svg');
      expect(await page.evaluate(`document.body.innerText.includes('Mixed-target test scenario')`)).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `notebook-${path.replace('.html', '')}.png`), fullPage: true });
      await page.close();
    }, 60_000);
  }

  it('the report of the comparison shows every chart with marks', async () => {
    const page = await open('report-compare.html');
    const marks = (await page.evaluate(CHART_MARKS)) as number[];
    expect(marks).toHaveLength(11);
    for (const count of marks) expect(count).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'report-compare.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('the report of a scenario named like a script shows the name as text and runs nothing', async () => {
    const page = await open('report-hostile.html');
    expect(await page.evaluate(`document.querySelector('h1').textContent`)).toBe(HOSTILE);
    expect(await page.evaluate(`document.querySelectorAll('script, img').length`)).toBe(0);
    expect((await page.evaluate(CHART_MARKS) as number[]).length).toBeGreaterThanOrEqual(9);
    await page.screenshot({ path: join(SCREENSHOTS, 'report-hostile.png') });
    await page.close();
    expect(dialogs).toEqual([]);
  }, 60_000);

  it('no request left localhost and no page logged an error', () => {
    expect(offsite).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
