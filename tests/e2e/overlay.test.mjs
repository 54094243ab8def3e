// End to end, the overlay: what it draws, what it leaves out, when it repaints, and the token
// under the pointer (against the real `trunk build --release` output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { servedApp, openPage, engineTotal, RESULTS, pickModel } from './harness.mjs';

const app = servedApp();

const QWEN = 'Qwen/Qwen2.5-VL-7B-Instruct';
const ONEVISION = 'llava-hf/llava-onevision-qwen2-7b-ov-hf';

/** In the page, before its scripts: counts the overlay canvas's clears (each repaint of its marks
 * starts with one) and strokes (a repaint that strokes none copied a kept painting back), in
 * window.__overlay. */
function countOverlayCalls() {
  window.__overlay = { clearRect: 0, stroke: 0 };
  for (const name of ['clearRect', 'stroke']) {
    const original = CanvasRenderingContext2D.prototype[name];
    CanvasRenderingContext2D.prototype[name] = function (...args) {
      if (this.canvas.dataset.testid === 'overlay-canvas') window.__overlay[name] += 1;
      return original.apply(this, args);
    };
  }
}

test('a grid too fine to draw is named under the overlay, stays named while a size is refused, and goes when it fits', async () => {
  // LLaVA-OneVision at 4000x4000 on the 603-px overlay: 36 tiles, 27 patches each, about 2.5 px
  // apart: the patch grid is left out and said to be; its global view's grid (27 cells across
  // the whole image) is drawn. At 800x800 (the aspect kept: 9 tiles, patches about 6 px apart)
  // every grid is drawn and the note is hidden.
  const ov = 'llava-hf/llava-onevision-qwen2-7b-ov-hf';
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${ov}&w=4000&h=4000`);
  await page.getByTestId('token-total').waitFor();
  const note = page.getByTestId('overlay-too-fine');
  await note.waitFor();
  assert.equal(await note.textContent(), 'Not drawn at this size, their lines would be under 3 screen pixels apart: ViT patches.');
  await page.locator('figure.overlay').screenshot({ path: join(RESULTS, 'overlay-too-fine.png') });
  // A size the engine refuses leaves the overlay as it was drawn, and the note that goes with it.
  await page.getByTestId('width-input').fill('0');
  await page.getByTestId('error-message').waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  assert.equal(await note.isVisible(), true);
  assert.match(await note.textContent(), /: ViT patches\.$/);
  await page.getByTestId('width-input').fill('800');
  await page.getByTestId('width-input').press('Enter');
  await page.getByTestId('token-total').filter({ hasText: String(engineTotal(ov, 800, 800)) }).waitFor();
  await note.waitFor({ state: 'hidden' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a new size that draws the same marks leaves them, and what stays is what a fresh paint draws', async () => {
  const { page, problems, context } = await openPage(app.browser, app.server.url, undefined, 1, countOverlayCalls);
  await page.getByText('landscape.jpg — 600x400 px').waitFor();
  const clears = () => page.evaluate(() => window.__overlay.clearRect);
  // The marks as they are, against a fresh paint: a layer switched off and on again (a frame
  // apart, so each is painted), which must clear the canvas twice and end where it began.
  const sameAsFresh = () => page.evaluate(async () => {
    const marks = document.querySelector('[data-testid=overlay-canvas]');
    const picture = document.querySelector('[data-testid=overlay-picture]');
    const read = () => [marks.getContext('2d').getImageData(0, 0, marks.width, marks.height).data, picture.style.transform];
    const [pixels, place] = read();
    const before = window.__overlay.clearRect;
    const toggle = document.querySelector('[data-testid=layer-toggle]');
    for (let k = 0; k < 2; k++) {
      toggle.click();
      await new Promise((r) => requestAnimationFrame(r));
    }
    const [fresh, freshPlace] = read();
    return { repainted: window.__overlay.clearRect - before, same: place === freshPlace && pixels.every((v, i) => v === fresh[i]) };
  });
  const drag = async (model, widths) => {
    await pickModel(page, model);
    const repaints = [];
    for (const w of widths) {
      const before = await clears();
      await page.getByTestId('width-slider').fill(String(w));
      repaints.push((await clears()) - before);
      assert.deepEqual(await sameAsFresh(), { repainted: 2, same: true }, `${model} at width ${w}`);
    }
    return repaints;
  };
  // Gemma 3 squishes every image onto 896x896: no width changes a mark.
  assert.deepEqual(await drag('google/gemma-3-4b-it', [700, 1500, 4000]), [0, 0, 0]);
  // LLaVA-OneVision: its grid changes from 1,000 to 4,037 px wide (3x2 tiles of 384 px to 6x4),
  // not from 4,037 to 4,074 (6x4 tiles and the same frame: only the image's size changes); back
  // at 1,200 it changes again. (At 3:2 rounded, some widths tip select_best_resolution to 6x5.)
  const onevision = await drag('llava-hf/llava-onevision-qwen2-7b-ov-hf', [1000, 4037, 4074, 1200]);
  assert.deepEqual(onevision, [1, 1, 0, 1]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('marks that come back are copied back, not drawn again, and match what a fresh page draws', async () => {
  // LLaVA-OneVision on the 600x400 landscape at 3:2: 4,037 px wide is 6x4 tiles of 384 px, 4,108 px
  // (2,739 high once rounded) tips select_best_resolution to 6x5. A drag to and fro flips between
  // the two; each painting is copied once it comes back, and from then on shown again by a copy.
  const marksAt = async (page, w) => {
    const before = await page.evaluate(() => window.__overlay.stroke);
    await page.getByTestId('width-slider').fill(String(w));
    await page.getByTestId('token-total').filter({ hasText: String(engineTotal(ONEVISION, w, Math.round((w * 2) / 3))) }).waitFor();
    // A frame later, the paint has run.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    const strokes = (await page.evaluate(() => window.__overlay.stroke)) - before;
    return { strokes, pixels: await page.getByTestId('overlay-canvas').evaluate((c) => c.toDataURL()) };
  };
  const open = async () => {
    const opened = await openPage(app.browser, app.server.url, undefined, 1, countOverlayCalls);
    await opened.page.getByText('landscape.jpg — 600x400 px').waitFor();
    await pickModel(opened.page, ONEVISION);
    return opened;
  };
  const { page, problems, context } = await open();
  const drag = [];
  for (const w of [4037, 4108, 4037, 4108, 4037, 4108]) drag.push(await marksAt(page, w));
  // Drawn the first two times each layout is seen (the second time it is copied), then copied back.
  assert.deepEqual(drag.map((d) => d.strokes > 0), [true, true, true, true, false, false]);
  assert.notEqual(drag[0].pixels, drag[1].pixels, 'the two layouts differ');
  // Each copy shown is what a fresh page, which has kept nothing, draws at that width.
  const fresh = await open();
  for (const [i, w] of [[4, 4037], [5, 4108]]) {
    const first = await marksAt(fresh.page, w);
    assert.ok(first.strokes > 0, `a fresh page draws at ${w}`);
    assert.equal(drag[i].pixels, first.pixels, `the copy at ${w} is the fresh painting`);
  }
  // A layer switched off is a new painting: drawn, not copied.
  await page.getByTestId('layer-toggle').first().uncheck();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  assert.notEqual(await page.getByTestId('overlay-canvas').evaluate((c) => c.toDataURL()), drag[5].pixels);
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.context.close();
  await context.close();
});

test('every overlay layer can be switched off and on, and AnyRes shows why its grid won', async () => {
  const ov = 'llava-hf/llava-onevision-qwen2-7b-ov-hf';
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${ov}&w=800&h=600`);
  await page.getByTestId('token-total').waitFor();
  const pixels = () => page.getByTestId('overlay-canvas').evaluate((c) => c.toDataURL());
  const toggles = page.getByTestId('layer-toggle');
  assert.equal(await toggles.count(), 6);
  const flip = async (i) => {
    const before = await pixels();
    await toggles.nth(i).uncheck();
    await page.waitForFunction((b) => document.querySelector('[data-testid=overlay-canvas]').toDataURL() !== b, before);
    await toggles.nth(i).check();
    await page.waitForFunction((b) => document.querySelector('[data-testid=overlay-canvas]').toDataURL() === b, before);
  };
  // LLaVA-OneVision has patches, crops, padding and an unpadded region; it merges nothing.
  for (const i of [0, 2, 3, 4]) await flip(i);
  const ref = await pixels();
  await toggles.nth(1).uncheck();
  assert.equal(await pixels(), ref, 'no merge blocks to hide');
  await toggles.nth(1).check();
  await page.getByTestId('candidates').locator('summary').click();
  assert.equal(await page.getByTestId('candidates').locator('tbody tr').count(), 36);
  assert.match(await page.getByTestId('candidates').locator('tr.chosen').textContent(), /^1152x768 \(3x2 crops\)/);
  // The breakdown shows the rows that apply (rows that do not are hidden, not removed).
  const shownRows = () => page.locator('aside.breakdown dl > dt').evaluateAll((dts) => dts.filter((d) => d.checkVisibility()).map((d) => d.textContent));
  assert.deepEqual(await shownRows(), ['Image', 'Model input', 'ViT patches', 'Merge', 'LLM token grid', 'Crops', 'Crop grid', 'Crop features']);
  assert.match(await page.locator('aside.breakdown dl').textContent(), /3x2 crops of 384 px \(best of 36 candidates/);
  // Qwen2.5-VL's merge blocks switch like the rest.
  await pickModel(page, QWEN);
  await page.waitForFunction(() => document.querySelector('aside.breakdown h2').textContent.startsWith('Dynamic'));
  assert.deepEqual(await shownRows(), ['Image', 'Model input', 'ViT patches', 'Merge', 'LLM token grid']);
  await flip(1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hovering a token marks it in the strip, the strip marks it on the image, and arrow keys walk the tokens', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=640&h=480`);
  await page.getByTestId('token-total').waitFor();
  const canvas = page.getByTestId('overlay-canvas');
  const box = await canvas.boundingBox();
  const before = await canvas.evaluate((c) => c.toDataURL());
  // The middle of the canvas is inside the image: a token is found, named and highlighted.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const readout = page.getByTestId('token-readout');
  await page.waitForFunction(() => /^Token \d+ of the image's 393 positions/.test(document.querySelector('[data-testid=token-readout]').textContent));
  assert.ok(await page.getByTestId('strip-marker').isVisible(), 'the token is marked on the strip');
  assert.notEqual(await canvas.evaluate((c) => c.toDataURL()), before, 'the token is highlighted');
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => document.querySelector('[data-testid=token-readout]').textContent === '');
  assert.ok(await page.getByTestId('strip-marker').isHidden(), 'no mark without a token pointed at');
  // The reverse: pointing into the strip's image segment highlights a token on the image.
  await page.getByTestId('token-strip').hover();
  await page.waitForFunction(() => document.querySelector('[data-testid=token-readout]').textContent.startsWith('Token '));
  assert.ok(await page.getByTestId('strip-marker').isVisible(), 'the pointed token is marked on the strip');
  // (Scrolled into view by the hover, so laid out.) The strip is a canvas drawn sharp (backing =
  // CSS size x devicePixelRatio), the delimiter and the image features in their colours.
  const strip = await page.getByTestId('token-strip').evaluate((c) => {
    const ctx = c.getContext('2d');
    const px = (x) => Array.from(ctx.getImageData(Math.floor(x), 10, 1, 1).data.slice(0, 3));
    return { backing: c.width, css: c.clientWidth * devicePixelRatio, first: px(0), middle: px(c.width / 2) };
  });
  assert.equal(strip.backing, Math.round(strip.css));
  assert.deepEqual(strip.first, [0x00, 0x72, 0xb2], 'the image-start delimiter opens the strip');
  assert.deepEqual(strip.middle, [0xd5, 0x5e, 0x00], 'image features fill the middle');
  // The legend names the kinds this span has, with their counts (Qwen2.5-VL: no row newlines).
  const legend = await page.locator('.strip-legend li').evaluateAll((lis) => lis.filter((l) => l.checkVisibility()).map((l) => l.textContent));
  assert.deepEqual(legend, ['image features 391', 'special tokens 2']);
  await page.mouse.move(0, 0);
  // Keyboard: focus the canvas, the first token, then one to the right.
  await page.mouse.move(0, 0);
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid=token-readout]').textContent.startsWith('Token 2 of'));
  await page.keyboard.press('ArrowRight');
  assert.match(await readout.textContent(), /^Token 3 of .*column 2, row 1/);
  await page.keyboard.press('ArrowDown');
  assert.match(await readout.textContent(), /column 2, row 2/);
  assert.deepEqual(problems, []);
  await context.close();
});
