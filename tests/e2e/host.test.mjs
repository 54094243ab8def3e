// A real host: a blog post built like al-folio's (its theme toggle sets data-theme on <html> and
// remembers the choice), on another origin, embedding the figure with the README's own snippet.
// Flipping the toggle flips the frame; the frame's height messages still size it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, launch, axeViolations, RESULTS } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The README's embed snippet (its first html block), pointed at `app`. */
async function readmeSnippet(app) {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const block = readme.match(/\n {2}```html\n([^]*?)\n {2}```/);
  assert.ok(block, 'the README shows an html embed snippet');
  const snippet = block[1].split('\n').map((l) => l.replace(/^ {2}/, '')).join('\n');
  assert.ok(snippet.includes('https://example.org/vistok/'), snippet);
  return snippet.replace('https://example.org/vistok/', app);
}

/** A post as al-folio renders one: the theme script in the head (theme.js: setTheme writes
 * data-theme and localStorage), a toggle button, its colours from html[data-theme]. */
function post(snippet) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8"><title>Why my image cost 2,000 tokens | al-folio</title>
  <style>
    html { --global-bg-color: #ffffff; --global-text-color: #000000; }
    html[data-theme="dark"] { --global-bg-color: #1c1c1d; --global-text-color: #e8e8e8; }
    body { background: var(--global-bg-color); color: var(--global-text-color); font-family: sans-serif;
      max-width: 860px; margin: 0 auto; padding: 0 16px; }
  </style>
  <script>
    let setTheme = (theme) => {
      if (theme) document.documentElement.setAttribute("data-theme", theme);
      else document.documentElement.removeAttribute("data-theme");
      localStorage.setItem("theme", theme);
    };
    let toggleTheme = (theme) => setTheme(theme == "dark" ? "light" : "dark");
    let initTheme = (theme) => {
      if (theme == null || theme == "null") {
        if (window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches) theme = "dark";
      }
      setTheme(theme);
    };
    initTheme(localStorage.getItem("theme"));
  </script>
</head>
<body>
  <nav><button id="light-toggle" title="Change theme"
    onclick="toggleTheme(localStorage.getItem('theme'))">Toggle theme</button></nav>
  <article>
    <h1>Why my image cost 2,000 tokens</h1>
    <p>The resolution chart, live:</p>
    ${snippet}
    <p>And the text goes on.</p>
  </article>
</body>
</html>`;
}

let app;
let host;
let browser;
let html;
before(async () => {
  app = await serveDist();
  html = post(await readmeSnippet(app.url));
  host = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  browser = await launch();
  await mkdir(RESULTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((r) => host?.close(r) ?? r());
});

test('an al-folio post embedding the README\'s snippet: the toggle flips the frame, and its height still sizes it', async () => {
  // localhost, not 127.0.0.1: another origin than the app's.
  const hostUrl = `http://localhost:${host.address().port}/blog/2026/visual-tokens/`;
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(hostUrl);
  const iframe = page.locator('iframe.vistok');
  // The frame posts its height: the snippet sizes it (from the placeholder 480).
  await page.waitForFunction(() => document.querySelector('iframe.vistok').dataset.themed === 'yes');
  const frame = page.frames().find((f) => f.url().includes('embed=chart'));
  assert.ok(frame, 'the frame loaded');
  const state = async () => ({
    host: await page.evaluate(() => document.documentElement.dataset.theme ?? null),
    frame: await frame.evaluate(() => document.documentElement.dataset.theme),
    paper: await frame.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
  });
  const sized = async () => {
    const [attr, content] = await Promise.all([
      iframe.evaluate((f) => Number(f.height)),
      frame.evaluate(() => Math.ceil(document.querySelector('main').getBoundingClientRect().height)),
    ]);
    assert.ok(Math.abs(attr - content) <= 2 && attr > 200, `iframe height ${attr}, content ${content}`);
  };
  await frame.getByTestId('plot-canvas').waitFor();
  assert.deepEqual(await state(), { host: null, frame: 'light', paper: 'rgb(251, 251, 249)' }, 'no choice yet: light');
  await sized();
  await page.click('#light-toggle');
  await frame.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.deepEqual(await state(), { host: 'dark', frame: 'dark', paper: 'rgb(28, 28, 29)' }, 'the toggle flips the frame');
  await sized();
  await page.screenshot({ path: join(RESULTS, 'host-al-folio-dark.png') });
  assert.deepEqual(await axeViolations(frame), [], 'the dark embed passes axe');
  await page.click('#light-toggle');
  await frame.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.equal((await state()).host, 'light');
  // al-folio remembers the choice: a reload of the post in dark gives the frame dark from its
  // first message on.
  await page.click('#light-toggle');
  await page.reload();
  await page.waitForFunction(() => document.querySelector('iframe.vistok')?.dataset.themed === 'yes');
  const again = page.frames().find((f) => f.url().includes('embed=chart'));
  await again.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.screenshot({ path: join(RESULTS, 'host-al-folio-reloaded-dark.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
