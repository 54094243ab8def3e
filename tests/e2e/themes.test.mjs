// Light, dark and auto: the page, its embeds and its canvases in the theme's colours, chosen by
// the link, the reader's system, the page's control or a host's message; and axe-core finds no
// serious or critical violation (contrast included) in either theme, page or embeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { servedApp, openPage, axeViolations, RESULTS } from './harness.mjs';

const QWEN = 'Qwen/Qwen2.5-VL-7B-Instruct';
// style/main.css: --paper and --ink; the chart's paper is --panel (src/figures/theme.rs).
const PAPER = { light: 'rgb(251, 251, 249)', dark: 'rgb(28, 28, 29)' };
const INK = { light: 'rgb(34, 34, 34)', dark: 'rgb(232, 232, 232)' };
const CHART = { light: [255, 255, 255], dark: [37, 38, 42] };

const app = servedApp();

/** The theme the page shows: its attribute, background and text colour, and the resolution
 * chart's paper (a pixel of the canvas, once painted). */
async function look(page) {
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid=plot-canvas]');
    return c && c.width > 8 && c.getContext('2d').getImageData(2, 2, 1, 1).data[3] === 255;
  });
  return page.evaluate(() => {
    const root = document.documentElement;
    const d = document.querySelector('[data-testid=plot-canvas]').getContext('2d').getImageData(2, 2, 1, 1).data;
    return {
      theme: root.dataset.theme,
      paper: getComputedStyle(root).backgroundColor,
      ink: getComputedStyle(document.querySelector('main')).color,
      chart: [d[0], d[1], d[2]],
    };
  });
}

function expectTheme(seen, name, what) {
  assert.deepEqual(seen, { theme: name, paper: PAPER[name], ink: INK[name], chart: CHART[name] }, what);
}

test('?theme=dark, auto under a dark preference, ?theme=light under one, and a dark chart embed', async () => {
  const cases = [
    ['?theme=dark&section=trap', 'light', 'dark'],
    ['?section=trap', 'dark', 'dark'],
    ['?section=trap', 'light', 'light'],
    ['?theme=light&section=trap', 'dark', 'light'],
    ['?embed=chart&theme=dark', 'light', 'dark'],
    ['?embed=chart', 'dark', 'dark'],
  ];
  for (const [query, colorScheme, expected] of cases) {
    const { page, problems, requests, context } = await openPage(app.browser, `${app.server.url}${query}&model=${QWEN}&w=1280&h=720`,
      { width: 1280, height: 800 }, 1, null, { colorScheme });
    expectTheme(await look(page), expected, `${query} under a ${colorScheme} preference`);
    if (query.includes('embed')) {
      // Only the chart, on the dark panel, its heading in the theme's ink.
      const heading = await page.locator('#trap h2').evaluate((h) => getComputedStyle(h).color);
      assert.equal(heading, INK[expected]);
    }
    await page.screenshot({ path: join(RESULTS, `theme-${expected}-${query.includes('embed') ? 'embed' : 'page'}-${colorScheme}.png`) });
    assert.ok(requests.every((u) => u.startsWith(app.server.url)), requests.join('\n'));
    assert.deepEqual(problems, [], query);
    await context.close();
  }
});

test('the page\'s control and a host\'s message switch the theme live; anything else is ignored', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1280&h=720&section=trap`,
    { width: 1280, height: 800 }, 1, null, { colorScheme: 'light' });
  expectTheme(await look(page), 'light', 'auto under a light preference');
  await page.getByTestId('theme-control').selectOption('dark');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  expectTheme(await look(page), 'dark', 'the control');
  await page.waitForFunction(() => location.search.includes('theme=dark'));
  // The exported SVG is the dark chart too.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-chart-svg').click()]);
  const svg = await readFile(await download.path(), 'utf8');
  assert.match(svg, /fill="#25262A"/i, 'dark paper in the SVG');
  assert.doesNotMatch(svg, /fill="#FFFFFF"/i, 'no white paper in the SVG');
  // Messages as a host would send them; malformed ones change nothing.
  const post = (data) => page.evaluate((d) => { window.postMessage(d, '*'); return new Promise((r) => setTimeout(r, 150)); }, data);
  for (const junk of ['light', null, 42, { theme: 'light' }, { type: 'vistok-theme', theme: 'sepia' }, { type: 'vistok-height', theme: 'light' }]) {
    await post(junk);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', JSON.stringify(junk));
  }
  await post({ type: 'vistok-theme', theme: 'light' });
  expectTheme(await look(page), 'light', 'a host\'s message');
  assert.equal(await page.getByTestId('theme-control').inputValue(), 'light', 'the control follows the message');
  await post({ type: 'vistok-theme', theme: 'auto' });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light', 'auto: the light preference');
  assert.deepEqual(problems, []);
  await context.close();
});

test('?accent= colours the figure\'s rule and a bad one is named', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1280&h=720&accent=%23b509ac`);
  await page.getByTestId('token-total').waitFor();
  assert.equal(await page.locator('section.figure').evaluate((f) => getComputedStyle(f).borderTopColor), 'rgb(181, 9, 172)');
  await context.close();
  const bad = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1280&h=720&accent=url(x)`);
  assert.match(await bad.page.getByTestId('error-message').textContent(), /accent="url\(x\)" is not a hex colour/);
  assert.deepEqual([...problems, ...bad.problems], []);
  await bad.context.close();
});

test('axe-core finds no serious or critical violation in either theme, page and embeds', async () => {
  const found = [];
  for (const theme of ['light', 'dark']) {
    // The whole page, every section laid out (content-visibility would hide some from axe).
    const { page, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1280&h=720&theme=${theme}`,
      { width: 1280, height: 900 });
    await page.getByTestId('compare-table').waitFor();
    await page.evaluate(() => document.querySelectorAll('.story > section').forEach((s) => { s.style.contentVisibility = 'visible'; }));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    found.push(...(await axeViolations(page)).map((v) => `page, ${theme}: ${v}`));
    // Lecture mode too.
    await page.getByTestId('present-toggle').click();
    found.push(...(await axeViolations(page)).map((v) => `lecture, ${theme}: ${v}`));
    await context.close();
    for (const embed of ['overlay', 'chart', 'compare', 'cost', 'strip']) {
      const e = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1280&h=720&theme=${theme}&embed=${embed}`, { width: 800, height: 700 });
      await e.page.waitForFunction(() => document.querySelector('main.embed'));
      await e.page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      found.push(...(await axeViolations(e.page)).map((v) => `embed ${embed}, ${theme}: ${v}`));
      await e.context.close();
    }
  }
  assert.deepEqual(found, []);
});
