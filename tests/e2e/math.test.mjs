// The article's formulas as real math: MathML the browser renders itself (nothing fetched from
// another host), worked out with the reader's numbers and following the controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { servedApp, openPage, engineLine, RESULTS } from './harness.mjs';

const app = servedApp();

test('the patch count is MathML with the image\'s numbers, rendered by the app.browser, and follows the patch size', async () => {
  const { page, problems, requests } = await openPage(app.browser, `${app.server.url}?w=1920&h=1080&section=recipe`);
  const math = page.getByTestId('recipe-math');
  await math.waitFor();
  const numbers = () => math.locator('mn').allTextContents();
  // N = ⌊H/P⌋·⌊W/P⌋ = ⌊1080/14⌋·⌊1920/14⌋ = 77·137 = 10549
  assert.deepEqual(await numbers(), ['1080', '14', '1920', '14', '77', '137', '10549']);
  assert.equal(await math.evaluate((m) => m.namespaceURI), 'http://www.w3.org/1998/Math/MathML');
  // Laid out as math: the fractions stack (a fraction is taller than a line of its numbers).
  const [frac, mn] = await Promise.all([
    math.locator('mfrac').first().evaluate((e) => e.getBoundingClientRect().height),
    math.locator('mn').first().evaluate((e) => e.getBoundingClientRect().height),
  ]);
  assert.ok(frac > mn * 1.5, `${frac} vs ${mn}`);
  await page.getByTestId('recipe-patch').selectOption('16');
  await page.waitForFunction(() => document.querySelector('[data-testid=recipe-math]').textContent.includes('8040'));
  assert.deepEqual(await numbers(), ['1080', '16', '1920', '16', '67', '120', '8040']);
  // The sentence below says the same, from the same engine call.
  assert.match(await page.getByTestId('recipe-count').textContent(), /= 120 x 67 = 8040 patches/);
  await math.screenshot({ path: join(RESULTS, 'math-recipe.png') });
  assert.ok(requests.every((u) => u.startsWith(app.server.url)), requests.join('\n'));
  assert.deepEqual(problems, []);
});

test('the formula table writes each formula and its worked numbers as MathML', async () => {
  const { page, problems } = await openPage(app.browser, `${app.server.url}?model=Qwen/Qwen2.5-VL-7B-Instruct&w=2000&h=500&section=recipe`);
  const table = page.getByTestId('formula-table');
  await table.waitFor();
  const worked = table.locator('tbody tr').first().locator('[data-col=worked] math');
  // (H/P)·(W/P) + specials with 28-px tokens and Qwen's two delimiters.
  assert.deepEqual(await worked.locator('mn').allTextContents(), ['500', '28', '2000', '28', '2']);
  const gemma = table.locator('tbody tr').nth(3);
  assert.deepEqual(await gemma.locator('td').first().locator('math mn').allTextContents(), ['256', '1']);
  assert.equal(await gemma.locator('td').first().locator('math mi').allTextContents().then((t) => t.join()), 'p');
  // k² is a superscript, not the text "k²".
  assert.equal(await table.locator('tbody tr').nth(1).locator('td').first().locator('msup').count(), 1);
  await table.screenshot({ path: join(RESULTS, 'math-formulas.png') });
  assert.deepEqual(problems, []);
});

test('each strategy\'s formula is MathML with the figure\'s numbers, for its model or the strategy\'s example', async () => {
  const INTERNVL = 'OpenGVLab/InternVL3-8B-hf';
  const { page, problems, requests } = await openPage(app.browser, `${app.server.url}?model=${INTERNVL}&w=1280&h=720&section=strategies`);
  const numbers = (id) => page.getByTestId(id).locator('mn').allTextContents();
  const last = async (id) => (await numbers(id)).at(-1);
  const check = async (w, h) => {
    // Tiling: the figure's model, N = t·(n + 1) with its crops, then T = N + specials.
    const line = engineLine(INTERNVL, w, h);
    // InternVL: 256 tokens per 448-px tile, the crops and one thumbnail.
    const [t, crops] = [line.feature_tokens / line.views, line.views - 1];
    assert.equal(t, 256);
    assert.equal(await page.getByTestId('strategy-math-anyres-model').getAttribute('data-model'), INTERNVL);
    // N = t·(n + 1) = 256·(8 + 1) = 2304, n = 4 × 2: the letters' 1, the numbers, the tile grid.
    const grid = [line.resized.width / 448, line.resized.height / 448];
    assert.deepEqual(await numbers('strategy-math-anyres-count'), [1, t, crops, 1, line.feature_tokens, ...grid].map(String));
    assert.equal(await last('strategy-math-anyres-total'), String(line.tokens_in_sequence));
    // Fixed and dynamic: the strategy's example at the figure's size.
    for (const [kind, id] of [['fixed', 'google/gemma-3-4b-it'], ['dynamic', 'Qwen/Qwen2.5-VL-7B-Instruct']]) {
      const e = engineLine(id, w, h);
      const patch = 14; // SigLIP's and Qwen2.5-VL's ViT patch
      assert.equal(await page.getByTestId(`strategy-math-${kind}-model`).getAttribute('data-model'), id);
      assert.equal(await last(`strategy-math-${kind}-count`), String(e.feature_tokens), kind);
      assert.equal(await last(`strategy-math-${kind}-total`), String(e.tokens_in_sequence), kind);
      // After k²'s 2 in the letters: H′ and P.
      const [hh, p] = (await numbers(`strategy-math-${kind}-count`)).slice(1, 3).map(Number);
      assert.deepEqual([hh, p], [e.resized.height, patch], `${kind}: H′ and P`);
    }
    // The dynamic resize: H′ = kP·round(H/kP) with the image's own height.
    const resize = await page.getByTestId('strategy-math-dynamic-resize').first().locator('mn').allTextContents();
    assert.deepEqual(resize.slice(1, 3), [String(h), '28']);
  };
  await page.getByTestId('strategy-math-anyres-count').waitFor();
  await check(1280, 720);
  const mathNs = await page.getByTestId('strategy-math-fixed-count').evaluate((m) => m.namespaceURI);
  assert.equal(mathNs, 'http://www.w3.org/1998/Math/MathML');
  // Live: the numbers follow the figure's size.
  await page.getByTestId('width-input').fill('1920');
  await page.getByTestId('width-input').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=strategy-math-anyres-model]')?.textContent.includes('1920x'));
  const h = Number(await page.getByTestId('height-input').inputValue());
  await check(1920, h);
  await page.locator('section#strategies').screenshot({ path: join(RESULTS, 'math-strategies.png') });
  assert.ok(requests.every((u) => u.startsWith(app.server.url)), requests.join('\n'));
  assert.deepEqual(problems, []);
});
