// The figure where it is read: on a projector in lecture mode (the overlay fills the screen, the
// total is large) and on a phone (the figure and its total first, the controls after them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { servedApp, openPage, engineTotal, RESULTS } from './harness.mjs';

const QWEN = 'Qwen/Qwen2.5-VL-7B-Instruct';

const app = servedApp();

/** Boxes of the overlay canvas, the totals and the controls, in CSS px of the viewport. */
function boxes(page) {
  return page.evaluate(() => {
    const box = (sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
    };
    const number = document.querySelector('[data-testid=token-total]');
    return {
      overlay: box('[data-testid=overlay-canvas]'),
      total: box('[data-testid=token-total]'),
      totalFont: parseFloat(getComputedStyle(number).fontSize),
      headline: box('[data-testid=headline-total]'),
      controls: box('.controls'),
      picker: box('[data-testid=model-picker]'),
      scrollX: document.documentElement.scrollWidth,
    };
  });
}

test('lecture mode on a projector: the overlay covers at least 45% of the screen, the total is at least 32 px tall', async () => {
  for (const theme of ['light', 'dark']) {
    for (const [width, height] of [[1280, 720], [1024, 768], [1920, 1080]]) {
      const { page, problems, context } = await openPage(app.browser,
        `${app.server.url}?model=${QWEN}&present&theme=${theme}`, { width, height });
      await page.getByTestId('token-total').waitFor();
      await page.evaluate(() => document.fonts.ready);
      // The sample photo's frame is drawn once it has loaded.
      await page.waitForFunction(() => document.querySelector('.picture-name')?.textContent.includes('landscape'));
      const b = await boxes(page);
      const screen = `${width}x${height} ${theme}`;
      const inView = (r) => r.top >= 0 && r.left >= 0 && r.bottom <= height + 0.5 && r.right <= width + 0.5;
      const share = (b.overlay.width * b.overlay.height) / (width * height);
      assert.ok(share >= 0.45, `${screen}: the overlay covers ${(share * 100).toFixed(1)}% of the screen`);
      assert.ok(inView(b.overlay), `${screen}: the whole overlay is on screen ${JSON.stringify(b.overlay)}`);
      assert.ok(b.total.height >= 32 && b.totalFont >= 32, `${screen}: the total is ${b.total.height} px tall (${b.totalFont} px type)`);
      assert.ok(inView(b.total), `${screen}: the total is on screen ${JSON.stringify(b.total)}`);
      assert.ok(b.scrollX <= width, `${screen}: no sideways scroll`);
      assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal(QWEN, 600, 400)));
      // The model the keys switch to is named beside the total.
      const name = page.getByTestId('lecture-model');
      assert.equal(await name.textContent(), 'Qwen2.5-VL 7B');
      assert.ok(inView(await name.boundingBox().then((r) => ({ top: r.y, left: r.x, bottom: r.y + r.height, right: r.x + r.width }))), `${screen}: the model's name on screen`);
      await page.screenshot({ path: join(RESULTS, `lecture-${width}x${height}-${theme}.png`) });
      // The keys still work.
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('[data-testid=width-input]').value === '672');
      assert.deepEqual(problems, [], screen);
      await context.close();
    }
  }
});

test('on a phone the figure and its total come first, the controls follow', async () => {
  for (const theme of ['light', 'dark']) {
    const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&theme=${theme}`,
      { width: 412, height: 915 }, 2.625, null, { isMobile: true, hasTouch: true });
    await page.getByTestId('token-total').waitFor();
    const b = await boxes(page);
    assert.ok(b.overlay.top < b.controls.top && b.overlay.bottom <= b.controls.top, `the overlay precedes the controls ${JSON.stringify([b.overlay, b.controls])}`);
    assert.ok(b.overlay.bottom <= 915 && b.headline.bottom <= 915, `figure and total on the first screen ${JSON.stringify([b.overlay, b.headline])}`);
    assert.ok(b.headline.top >= b.overlay.bottom, 'the total right under the figure');
    assert.ok(b.picker.top > b.headline.bottom, 'the model picker after the total');
    assert.ok(b.scrollX <= 412, 'no sideways scroll');
    const expected = String(engineTotal(QWEN, 600, 400));
    assert.equal(await page.getByTestId('headline-total').locator('strong').textContent(), expected);
    await page.screenshot({ path: join(RESULTS, `phone-412-${theme}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
});
