// Shared by the end-to-end tests and the benchmarks: serve dist/ on loopback, drive Debian's
// chromium through playwright-core, ask the native engine (the vistok CLI) for expected counts.
import { createServer } from 'node:http';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { before, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = new URL('../../', import.meta.url).pathname;
const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.jpg': 'image/jpeg', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** Serves `dist/` on 127.0.0.1 at a free port, under `prefix` (a sub-path such as `/vistok/`:
 * nothing outside it is served). Returns { url, close }; `url` ends with the prefix. */
export async function serveDist(dir = join(ROOT, 'dist'), prefix = '/', { gzip = false } = {}) {
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const full = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!full.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    const path = full.slice(prefix.length - 1);
    let file = join(dir, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      // As a static host serves text and wasm: gzip when the browser accepts it (images as they are).
      if (gzip && /gzip/.test(req.headers['accept-encoding'] ?? '') && !type.startsWith('image/')) {
        if (!compressed.has(file)) compressed.set(file, gzipSync(body, { level: 6 }));
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
        res.end(compressed.get(file));
        return;
      }
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) };
}

/** Headless Debian chromium with the flags that work on these machines. */
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/** Opens a page that records console errors, page errors and every request; `init` runs in the
 * page before its own scripts; `options` go to the browser context (`colorScheme: 'dark'`, say). */
export async function openPage(browser, url, viewport = { width: 1280, height: 900 }, deviceScaleFactor = 1, init = null, options = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, ...options });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url);
  // The article below the figure is built a frame after the figure's first paint.
  await page.locator('article.story').waitFor({ state: 'attached' });
  return { page, problems, requests, context };
}

/** The native engine's answer for one image, through `vistok batch`. */
export function engineLine(model, width, height, options = {}) {
  const bin = process.env.VISTOK_BIN ?? join(ROOT, 'target/debug/vistok');
  const out = execFileSync(bin, ['batch'], { input: JSON.stringify({ model, width, height, options }) + '\n' });
  const line = JSON.parse(out.toString());
  if (line.error) throw new Error(line.error);
  return line;
}

/** tokens_in_sequence from the native engine. */
export function engineTotal(model, width, height) {
  return engineLine(model, width, height).tokens_in_sequence;
}

/** Each catalogue model's strategy, family, release month and context window, from `vistok models` (its Markdown table). */
export function engineModels() {
  const bin = process.env.VISTOK_BIN ?? join(ROOT, 'target/debug/vistok');
  const rows = execFileSync(bin, ['models']).toString().split('\n').filter((l) => l.startsWith('| ') && l.includes('`'));
  return Object.fromEntries(rows.map((l) => {
    const cells = l.split(' | ');
    return [cells[1].replaceAll('`', ''), { strategy: cells[0].slice(2), family: cells[2], released: cells[3], context: cells[5] }];
  }));
}

/** Picks `id` in a model picker as a reader would: types `typed` (the id by default) into the
 * box, clicks its option. The figure's picker by default; the cost section's is `cost-other`. */
export async function pickModel(page, id, { picker = 'model', typed = id } = {}) {
  const box = page.getByTestId(picker === 'model' ? 'model-picker' : picker);
  await box.click();
  await box.fill(typed);
  await page.locator(`#${picker}-list [role=option][data-model="${id}"]`).click();
}

/** The picker's models, in its order (every option, whatever the box holds). The list is built
 * when the box is first used: focus it once, then leave it (so page keys reach the page). */
export async function modelIds(page) {
  const box = page.getByTestId('model-picker');
  await box.focus();
  const ids = await page.locator('#model-list [role=option]').evaluateAll((os) => os.map((o) => o.dataset.model));
  await box.blur();
  return ids;
}

/** The selected model's id. */
export function selectedModel(page) {
  return page.getByTestId('model-picker').getAttribute('data-model');
}

export const RESULTS = join(ROOT, 'test-results');

/** axe-core's serious and critical violations on `page` (or a frame), as readable lines. axe is
 * evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
 * govern; nothing is added to the page's own scripts. */
export async function axeViolations(target) {
  const source = await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await target.evaluate(() => typeof window.axe === 'object'))) await target.evaluate(source);
  const violations = await target.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join(' ')}`) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.join('; ')}`);
}

/** A test file's usual fixtures: dist/ served and a browser, opened before its tests and closed
 * after them. The returned object's `server` and `browser` are set once `before` has run. */
export function servedApp() {
  const app = {};
  before(async () => {
    app.server = await serveDist();
    app.browser = await launch();
    await mkdir(RESULTS, { recursive: true });
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
