// The static site served from a sub-path (as on a GitHub Pages project page), and offline after
// the first visit. `make test-e2e` builds it with `trunk build --release --public-url /vistok/
// --dist target/dist-subpath`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serveDist, launch, openPage, engineTotal } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
let server;
let browser;
before(async () => {
  server = await serveDist(join(ROOT, 'target/dist-subpath'), '/vistok/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a build under /vistok/ works there, sample image included, and then works offline', async () => {
  const qwen = 'Qwen/Qwen2.5-VL-7B-Instruct';
  const { page, problems, context } = await openPage(browser, `${server.url}?model=${qwen}`);
  await page.getByText('landscape.jpg').waitFor();
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal(qwen, 600, 400)));
  // The service worker has cached the site (page, wasm, script, styles, samples).
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    const cache = await caches.open('vistok-v1');
    return reg.active && (await cache.keys()).some((r) => r.url.endsWith('.wasm'));
  }, null, { timeout: 20000 });
  await context.setOffline(true);
  await page.goto(`${server.url}?model=google/gemma-3-4b-it&w=1920&h=1080`);
  await page.getByTestId('token-total').waitFor();
  assert.equal(await page.getByTestId('token-total').textContent(), '260');
  await page.getByTestId('sample-portrait').click();
  await page.getByText('portrait.jpg').waitFor();
  // Offline, failed fetches would show up as problems; the same-origin ones are the cache's.
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});
