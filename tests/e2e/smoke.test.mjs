// End to end against the real `trunk build --release` output (wasm-opt included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { servedApp, openPage, engineLine, engineTotal, engineModels, RESULTS, pickModel, modelIds, selectedModel } from './harness.mjs';

const app = servedApp();

const QWEN = 'Qwen/Qwen2.5-VL-7B-Instruct';

test('a sample image loads, the slider changes the total to the engine value, and a screenshot is saved', async () => {
  const { page, problems, requests, context } = await openPage(app.browser, app.server.url, { width: 1280, height: 1000 }, 2);
  const total = page.getByTestId('token-total');
  // The landscape sample (600x400) loads at start.
  await page.getByText('landscape.jpg — 600x400 px').waitFor();
  assert.equal(await total.textContent(), String(engineTotal(QWEN, 600, 400)));

  await page.getByTestId('width-slider').fill('1200');
  await page.getByText('landscape.jpg — 600x400 px').waitFor();
  assert.equal(await page.getByTestId('height-input').inputValue(), '800');
  assert.equal(await total.textContent(), String(engineTotal(QWEN, 1200, 800)));

  // Canvases are sharp: backing store = CSS size x devicePixelRatio (2 here).
  for (const id of ['overlay-canvas', 'plot-canvas']) {
    const c = await page.getByTestId(id).evaluate((el) => ({
      w: el.width, h: el.height, cw: el.getBoundingClientRect().width, ch: el.getBoundingClientRect().height,
    }));
    assert.equal(c.w, Math.round(c.cw * 2), `${id} width`);
    assert.equal(c.h, Math.round(c.ch * 2), `${id} height`);
  }
  // The URL follows the controls once they rest (it is written 250 ms after the last change).
  await page.waitForURL(/model=Qwen\/Qwen2\.5-VL-7B-Instruct&w=1200&h=800/, { timeout: 3000 });

  await pickModel(page, 'llava-hf/llava-onevision-qwen2-7b-ov-hf');
  assert.equal(await total.textContent(), String(engineTotal('llava-hf/llava-onevision-qwen2-7b-ov-hf', 1200, 800)));
  await page.screenshot({ path: join(RESULTS, 'smoke-onevision.png'), fullPage: true });
  await pickModel(page, QWEN);
  await page.screenshot({ path: join(RESULTS, 'smoke-qwen.png'), fullPage: true });

  const origin = new URL(app.server.url).origin;
  assert.deepEqual(requests.filter((r) => !r.startsWith(origin)), [], 'no request leaves the page');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link sets the state, bad input shows a message and the page keeps working', async () => {
  const url = `${app.server.url}?model=google/gemma-3-4b-it&w=1920&h=1080`;
  const { page, problems, context } = await openPage(app.browser, url);
  const total = page.getByTestId('token-total');
  await total.waitFor();
  assert.equal(await total.textContent(), String(engineTotal('google/gemma-3-4b-it', 1920, 1080)));
  assert.equal(await page.getByTestId('error-message').count(), 0);

  // A text file is not an image: a message, and the state stays.
  await page.getByTestId('image-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await page.getByTestId('error-message').waitFor();
  assert.match(await page.getByTestId('error-message').textContent(), /notes\.txt.*is a text file, not an image/);
  assert.equal(await page.getByTestId('width-input').inputValue(), '1920');

  // Width 3,000,000,000 (past any PNG header) and 0 are refused with a message; a good width brings
  // the total back.
  for (const bad of ['3000000000', '0']) {
    await page.getByTestId('width-input').fill(bad);
    await page.getByTestId('width-input').press('Enter');
    await page.getByTestId('error-message').waitFor();
    // No stale total: the breakdown hides, and its total is empty.
    assert.equal(await total.isVisible(), false);
    assert.equal(await total.textContent(), '');
  }
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByTestId('width-input').fill('896');
  await page.getByTestId('width-input').press('Enter');
  await total.waitFor();
  assert.equal(await page.getByTestId('error-message').count(), 0);
  assert.equal(await total.textContent(), '260');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with a 0x0 size shows a message, and a valid width brings the page back', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=0&h=0`);
  await page.getByTestId('error-message').waitFor();
  assert.match(await page.getByTestId('error-message').textContent(), /zero side/);
  assert.equal(await page.getByTestId('token-total').isVisible(), false);
  assert.equal(await page.getByTestId('token-total').textContent(), '');
  await page.getByTestId('aspect-lock').uncheck();
  await page.getByTestId('width-input').fill('640');
  await page.getByTestId('height-input').fill('480');
  await page.getByTestId('token-total').waitFor();
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal(QWEN, 640, 480)));
  assert.equal(await page.getByTestId('error-message').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the figure is painted before the article below it is built, and the article\'s code is fetched after it', async () => {
  // In the page before its scripts: when the overlay first draws, when the article appears, and
  // when each wasm module was asked for (the release page's second module holds the article).
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1280&h=960`, undefined, 1, () => {
    window.__times = {};
    const fetching = window.fetch;
    window.fetch = function (input, ...rest) {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('.wasm')) (window.__times.wasm ??= []).push([url.split('/').pop(), performance.now()]);
      return fetching.call(this, input, ...rest);
    };
    for (const name of ['clearRect', 'fillRect', 'drawImage']) {
      const original = CanvasRenderingContext2D.prototype[name];
      CanvasRenderingContext2D.prototype[name] = function (...args) {
        if (this.canvas.dataset.testid === 'overlay-canvas') window.__times.painted ??= performance.now();
        return original.apply(this, args);
      };
    }
    new MutationObserver(() => {
      if (document.querySelector('article.story')) window.__times.article ??= performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  const times = await page.evaluate(() => window.__times);
  assert.ok(times.painted > 0 && times.article > 0, JSON.stringify(times));
  assert.ok(times.painted < times.article, `overlay painted at ${times.painted} ms, article built at ${times.article} ms`);
  // Two modules: the page's own, asked for before the figure, and the article's, only after it.
  const [main, article] = times.wasm ?? [];
  assert.ok(main && article && times.wasm.length === 2, JSON.stringify(times.wasm));
  assert.match(main[0], /^vistok-web-[0-9a-f]+_bg\.wasm$/);
  assert.match(article[0], /-article_under-[0-9a-f]{16}\.wasm$/);
  assert.ok(main[1] < times.painted && times.painted < article[1], JSON.stringify(times));
  // The article, once in, works: its first section names the figure's count.
  assert.match(await page.getByTestId('see-summary').textContent(), new RegExp(`into ${engineTotal(QWEN, 1280, 960)} positions`));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the model picker: type part of a name, pick with the keyboard or the mouse', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1024&h=768`);
  await page.getByTestId('token-total').waitFor();
  const box = page.getByTestId('model-picker');
  const shown = () => page.locator('#model-list [role=option]:visible').evaluateAll((os) => os.map((o) => o.dataset.model));
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  await box.click();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.equal((await shown()).length, (await modelIds(page)).length, 'focus opens the whole list');
  // A partial name filters; the first match is active, ArrowDown moves on, Enter picks.
  await box.click();
  await box.pressSequentially('intern');
  const interns = await shown();
  assert.ok(interns.length >= 2 && interns.every((id) => /internvl/i.test(id)), interns.join());
  await page.keyboard.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  assert.equal(await page.locator(`#${active}`).getAttribute('data-model'), interns[1]);
  await page.keyboard.press('Enter');
  assert.equal(await selectedModel(page), interns[1]);
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal(interns[1], 1024, 768)));
  const name = await box.inputValue();
  assert.equal(name, await page.locator(`#${active} .picker-name`).textContent(), 'the box shows the picked name');
  // Every word, in any order and any case; nothing matching says so, Escape restores.
  await box.fill('12b GEMMA-4');
  assert.deepEqual(await shown(), ['google/gemma-4-12B-it']);
  await box.fill('no such model');
  await page.getByText('No model matches “no such model”.').waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await box.inputValue(), name);
  assert.equal(await selectedModel(page), interns[1]);
  // The mouse, and what each option shows: family, release month and parameter count.
  await box.fill('qwen3.5');
  assert.match(await page.locator('[role=option][data-model="Qwen/Qwen3.5-27B"] .picker-meta').textContent(), /^2026-02 · 27B$/);
  await page.locator('[role=option][data-model="Qwen/Qwen3.5-27B"]').click();
  assert.equal(await selectedModel(page), 'Qwen/Qwen3.5-27B');
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal('Qwen/Qwen3.5-27B', 1024, 768)));
  await page.keyboard.press('Escape');
  await page.screenshot({ path: join(RESULTS, 'picker.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('every catalogue model can be selected, and the chart shows the chosen subset', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1024&h=768`);
  const total = page.getByTestId('token-total');
  await total.waitFor();
  const ids = await modelIds(page);
  assert.ok(ids.length >= 19, `the selector offers the catalogue (${ids.length})`);
  assert.ok(ids.includes('HuggingFaceTB/SmolVLM-Instruct') && ids.includes('HuggingFaceM4/Idefics3-8B-Llama3'));
  const groups = await page.locator('#model-list [role=group] > .picker-group').allTextContents();
  assert.deepEqual(groups, ['Fixed resize + pooling', 'Dynamic resolution + merge', 'AnyRes / tiling', 'API (documented formulas)']);
  for (const id of ids) {
    await pickModel(page, id);
    // Every count shown for the model is the engine's: the total, the features, the summary
    // sentence and the downsampling flow, all in the same update.
    const expected = engineLine(id, 1024, 768);
    assert.equal(await total.textContent(), String(expected.tokens_in_sequence), id);
    assert.equal(await page.getByTestId('feature-total').textContent(), String(expected.feature_tokens), id);
    assert.match(await page.getByTestId('see-summary').textContent(), new RegExp(`into ${expected.tokens_in_sequence} positions`), id);
    const flow = await page.getByTestId('downsampling').locator('.n').allTextContents();
    assert.deepEqual(flow.slice(1), [String(expected.vit_patches), String(expected.feature_tokens), String(expected.tokens_in_sequence)], id);
  }
  // The chart's readout names each charted model's count at the long side under the pointer.
  const plot = page.getByTestId('plot-canvas');
  await plot.scrollIntoViewIfNeeded();
  const pb = await plot.boundingBox();
  await page.mouse.move(pb.x + 68 + (pb.width - 78) / 2, pb.y + pb.height / 2);
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-readout]').textContent.startsWith('At '));
  const readout = await page.getByTestId('chart-readout').textContent();
  const [, w, h] = readout.match(/^At (\d+)x(\d+) px/);
  assert.ok(Math.abs(Number(w) - 2048) <= 8, `the middle of the axis is about 2048 px, got ${w}`);
  assert.ok(readout.includes(`Gemma 3 4B ${engineTotal('google/gemma-3-4b-it', Number(w), Number(h))}`), readout);
  assert.ok(readout.includes(`Qwen2.5-VL 7B ${engineTotal(QWEN, Number(w), Number(h))}`), readout);
  await page.mouse.move(0, 0);
  // Toggling a model on the chart changes what is drawn.
  const pixels = () => page.getByTestId('plot-canvas').evaluate((c) => c.toDataURL());
  const before = await pixels();
  await page.locator('[data-testid=chart-toggle][value="mistral-community/pixtral-12b"]').check();
  await page.waitForFunction((b) => document.querySelector('[data-testid=plot-canvas]').toDataURL() !== b, before);
  await page.locator('[data-testid=chart-toggle][value="mistral-community/pixtral-12b"]').uncheck();
  await page.waitForFunction((b) => document.querySelector('[data-testid=plot-canvas]').toDataURL() === b, before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('model options change the count as the engine says, and follow the reader across models', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=google/gemma-3-4b-it&w=1920&h=1080`);
  const total = page.getByTestId('token-total');
  await total.waitFor();
  assert.equal(await total.textContent(), '260');
  await page.getByTestId('option-pan-and-scan').check();
  await page.waitForFunction(() => document.querySelector('[data-testid=token-total]').textContent === '798');

  await pickModel(page, QWEN);
  await page.getByTestId('option-max-pixels').fill('401408');
  await page.getByTestId('option-max-pixels').press('Enter');
  const capped = await page.evaluate(() => document.querySelector('[data-testid=token-total]').textContent);
  assert.ok(Number(capped) <= 401408 / 784 + 2, `capped at 512 tokens + 2 delimiters, got ${capped}`);

  const ov = 'llava-hf/llava-onevision-qwen2-7b-ov-hf';
  await pickModel(page, ov);
  await page.getByTestId('option-max-crops').fill('1');
  await page.getByTestId('option-max-crops').press('Enter');
  const budget = String(engineLine(ov, 1920, 1080, { max_crops: 1 }).tokens_in_sequence);
  assert.notEqual(budget, String(engineTotal(ov, 1920, 1080)), 'anyres_max_1 shrinks the crop features');
  await page.waitForFunction((b) => document.querySelector('[data-testid=token-total]').textContent === b, budget);

  // A flag that is on by default shows checked; unchecking it is counted as the engine says.
  const smol = 'HuggingFaceTB/SmolVLM2-2.2B-Instruct';
  await pickModel(page, smol);
  assert.equal(await page.getByTestId('option-do-image-splitting').isChecked(), true);
  await page.getByTestId('option-do-image-splitting').uncheck();
  const single = String(engineLine(smol, 1920, 1080, { do_image_splitting: false }).tokens_in_sequence);
  await page.waitForFunction((b) => document.querySelector('[data-testid=token-total]').textContent === b, single);

  await pickModel(page, 'openai/gpt-4o');
  await page.getByTestId('option-detail').selectOption('low');
  await page.waitForFunction(() => document.querySelector('[data-testid=token-total]').textContent === '85');

  // Back on Gemma 3 the pan-and-scan choice is still there.
  await pickModel(page, 'google/gemma-3-4b-it');
  assert.equal(await total.textContent(), '798');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with every parameter restores the view, and writes itself back', async () => {
  const ov = 'llava-hf/llava-onevision-qwen2-7b-ov-hf';
  const query = `?model=${ov}&w=800&h=600&max_crops=4&chart=google/gemma-3-4b-it,openai/gpt-4o&log=1`
    + '&hide=patches,global&gpu=RTX%204090&prompt=500&vs=Qwen/Qwen3-VL-8B-Instruct&section=cost&sample=portrait';
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}${query}`);
  await page.getByTestId('token-total').waitFor();
  assert.equal(await selectedModel(page), ov);
  // The linked sample loads, and the link's size stays.
  await page.getByText('portrait.jpg').waitFor();
  assert.equal(await page.getByTestId('width-input').inputValue(), '800');
  assert.equal(await page.getByTestId('height-input').inputValue(), '600');
  assert.equal(await page.getByTestId('option-max-crops').inputValue(), '4');
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineLine(ov, 800, 600, { max_crops: 4 }).tokens_in_sequence));
  const charted = await page.getByTestId('chart-toggle').evaluateAll((cs) => cs.filter((c) => c.checked).map((c) => c.value));
  assert.deepEqual(charted.sort(), ['google/gemma-3-4b-it', ov, 'openai/gpt-4o'].sort(), 'the linked models and the selected one');
  assert.equal(await page.getByTestId('log-scale').isChecked(), true);
  const layers = await page.getByTestId('layer-toggle').evaluateAll((cs) => cs.filter((c) => !c.checked).map((c) => c.value));
  assert.deepEqual(layers, ['ViT patches', 'global view tokens']);
  assert.equal(await page.getByTestId('cost-gpu').inputValue(), 'RTX 4090');
  assert.equal(await page.getByTestId('cost-prompt').inputValue(), '500');
  assert.equal(await page.getByTestId('cost-name-b').textContent(), 'Qwen3-VL 8B');
  // Opened at the cost section.
  await page.waitForTimeout(400);
  const top = await page.locator('section#cost').evaluate((s) => s.getBoundingClientRect().top);
  assert.ok(Math.abs(top) < 200, `the cost section is in view (top ${top})`);
  // The URL the page writes back carries the same view.
  const written = new URLSearchParams(await page.evaluate(() => location.search));
  const asked = new URLSearchParams(query);
  for (const [k, v] of asked) assert.equal(written.get(k), v, k);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link made with a dropped image keeps its size and says the image stayed behind', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1000&h=500&image=holiday%20photo.jpg`);
  await page.getByTestId('token-total').waitFor();
  assert.match(await page.getByTestId('error-message').textContent(), /\u201choliday photo\.jpg\u201d, which stays on its owner's computer/);
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal(QWEN, 1000, 500)));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a malformed link falls back to defaults with a notice naming each problem', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=nope&w=800&h=600&gpu=TPU&zoom=2&hide=x&max_tiles=3`);
  await page.getByTestId('token-total').waitFor();
  const notice = await page.getByTestId('error-message').textContent();
  for (const part of ['unknown model "nope"', 'unknown GPU "TPU"', 'unknown parameter "zoom"', 'unknown layer "x"', 'max_tiles']) {
    assert.ok(notice.includes(part), `${part} in ${notice}`);
  }
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal('Qwen/Qwen2.5-VL-7B-Instruct', 800, 600)));
  assert.deepEqual(problems, []);
  await context.close();
});

test('exports download valid files named after the view', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1920&h=1080`);
  await page.getByTestId('token-total').waitFor();
  const { readFile } = await import('node:fs/promises');
  const grab = async (id) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  };
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  for (const id of ['export-overlay-png', 'export-chart-png']) {
    const { name, bytes } = await grab(id);
    assert.match(name, /^vistok-qwen2\.5-vl-7b-1920x1080(-chart)?\.png$/);
    assert.deepEqual([...bytes.subarray(0, 8)], png, `${id} is a PNG`);
    assert.ok(bytes.length > 1000);
  }
  const svg = await grab('export-chart-svg');
  assert.equal(svg.name, 'vistok-qwen2.5-vl-7b-1920x1080-chart.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, error: doc.getElementsByTagName('parsererror').length };
  }, svg.bytes.toString());
  assert.deepEqual(parsed, { root: 'svg', error: 0 });
  const csv = (await grab('export-table-csv')).bytes.toString().trim().split('\n');
  assert.match(csv[0], /^model,name,strategy,tokens_in_sequence/);
  const ids = await modelIds(page);
  assert.equal(csv.length, ids.length + 1, 'a header and one row per model');
  const qwenRow = csv.find((l) => l.startsWith(`${QWEN},`)).split(',');
  assert.equal(qwenRow[3], String(engineTotal(QWEN, 1920, 1080)));
  const md = (await grab('export-table-md')).bytes.toString();
  assert.equal(md.split('\n').filter((l) => l.startsWith('|')).length, ids.length + 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('each embed figure renders alone at 320 and 800 px, and a blog page sizes two iframes to their posted heights', async () => {
  const marks = { overlay: 'overlay-canvas', chart: 'plot-canvas', compare: 'compare-table', cost: 'cost-table', strip: 'token-strip' };
  for (const width of [320, 800]) {
    for (const [embed, id] of Object.entries(marks)) {
      // Each figure in an iframe of that width, in a page that records the heights it posts.
      const context = await app.browser.newContext({ viewport: { width: width + 40, height: 700 } });
      const page = await context.newPage();
      const problems = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      await page.setContent(`<iframe id="f" src="${app.server.url}?model=${QWEN}&w=1280&h=720&embed=${embed}"
        style="width: ${width}px; border: 0" height="100"></iframe>
        <script>window.reported = 0; addEventListener('message', (e) => {
          if (e.data && e.data.type === 'vistok-height' && e.data.embed === '${embed}') window.reported = e.data.height; });</script>`);
      await page.waitForFunction(() => window.reported > 100);
      const frame = page.frameLocator('#f');
      await frame.getByTestId(id).waitFor({ state: 'visible' });
      // Nothing else of the page: no header, no controls, no other figure.
      for (const other of ['model-picker', 'width-slider', ...Object.values(marks).filter((m) => m !== id)]) {
        assert.equal(await frame.getByTestId(other).first().isVisible(), false, `${embed} at ${width}: ${other} hidden`);
      }
      const inner = page.frames().find((f) => f.url().includes('embed='));
      const fits = await inner.evaluate(([tid, w]) => {
        const box = document.querySelector(`[data-testid=${tid}]`).getBoundingClientRect();
        return { box: box.width, scroll: document.documentElement.scrollWidth, height: document.querySelector('main').getBoundingClientRect().height, w };
      }, [id, width]);
      assert.ok(fits.box > 0 && fits.box <= width, `${embed} fits ${width} px (${fits.box})`);
      assert.ok(fits.scroll <= width + 1, `${embed} at ${width}: no horizontal scroll (${fits.scroll})`);
      const reported = await page.evaluate(() => window.reported);
      assert.ok(Math.abs(reported - Math.ceil(fits.height)) <= 2, `${embed} at ${width}: reported ${reported}, content ${fits.height}`);
      assert.deepEqual(problems, [], `${embed} at ${width}`);
      await context.close();
    }
  }
  const { readFile } = await import('node:fs/promises');
  const html = (await readFile(new URL('./embed.html', import.meta.url), 'utf8')).replaceAll('{{APP}}', app.server.url);
  const context = await app.browser.newContext({ viewport: { width: 900, height: 800 } });
  const page = await context.newPage();
  await page.setContent(html);
  await page.waitForFunction(() => window.reported.overlay > 150 && window.reported.chart > 150);
  const sizes = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => [f.id, Number(f.height), window.reported[f.id]]));
  for (const [name, height, reported] of sizes) assert.equal(height, reported, `${name} sized to its posted height`);
  const overlay = page.frameLocator('#overlay');
  assert.ok(await overlay.getByTestId('overlay-canvas').isVisible());
  assert.equal(await overlay.getByTestId('model-picker').isVisible(), false);
  assert.ok(await page.frameLocator('#chart').getByTestId('plot-canvas').isVisible());
  await context.close();
});

test('"Embed a figure" gives the iframe code and its script for the current view', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1280&h=720`);
  await page.getByTestId('token-total').waitFor();
  await page.locator('.embed-code summary').click();
  await page.getByTestId('embed-target').selectOption('cost');
  const code = await page.getByTestId('embed-code').inputValue();
  assert.match(code, /^<iframe class="vistok" src="http:\/\/127\.0\.0\.1:\d+\/\?model=Qwen\/Qwen2\.5-VL-7B-Instruct&w=1280&h=720&embed=cost"/);
  // With the script that sizes the frame and forwards the host's theme (the README's, too).
  assert.match(code, /<\/iframe>\n<script>[^]*'vistok-theme'[^]*<\/script>$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('lecture mode: keys step the resolution ladder, switch models and strategies, toggle layers', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=600&h=400&present`);
  await page.getByTestId('token-total').waitFor();
  assert.equal(await page.locator('section#recipe').isVisible(), false, 'one figure at a time');
  assert.ok(await page.getByTestId('present-hint').isVisible(), 'the keys hint shows in lecture mode');
  assert.equal(await page.getByTestId('present-help').isVisible(), false, 'the key help waits for ?');
  const side = async () => [await page.getByTestId('width-input').inputValue(), await page.getByTestId('height-input').inputValue()];
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await side(), ['672', '448']);
  await page.keyboard.press('PageDown');
  assert.deepEqual(await side(), ['896', '597']);
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(await side(), ['672', '448']);
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal(QWEN, 672, 448)));
  const ids = await modelIds(page);
  await page.keyboard.press('ArrowDown');
  assert.equal(await selectedModel(page), ids[ids.indexOf(QWEN) + 1]);
  await page.keyboard.press('1');
  assert.equal(await selectedModel(page), 'google/gemma-3-4b-it');
  await page.keyboard.press('3');
  assert.equal(await selectedModel(page), 'llava-hf/llava-onevision-qwen2-7b-ov-hf');
  const unchecked = () => page.getByTestId('layer-toggle').evaluateAll((cs) => cs.filter((c) => !c.checked).map((c) => c.value));
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  assert.deepEqual(await unchecked(), ['ViT patches', 'crops and tiles']);
  await page.keyboard.press('m');
  await page.keyboard.press('g');
  assert.deepEqual(await unchecked(), ['LLM tokens (merge blocks)', 'crops and tiles']);
  await page.keyboard.press('?');
  assert.ok(await page.getByTestId('present-help').isVisible());
  // The button leaves lecture mode; the keys then belong to the page again.
  await page.getByTestId('present-toggle').click();
  assert.ok(await page.locator('section#recipe').isVisible());
  assert.equal(await page.getByTestId('present-hint').isVisible(), false, 'no hint outside lecture mode');
  assert.equal(await page.getByTestId('present-help').isVisible(), false, 'no key help outside lecture mode');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await side(), ['672', '448']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('nothing leaves the page: every request is a same-origin static file, none carries the reader\'s image', async () => {
  const { page, problems, requests, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1280&h=720`);
  await page.getByTestId('token-total').waitFor();
  await page.getByTestId('image-input').setInputFiles({ name: 'private.png', mimeType: 'image/png',
    buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64') });
  await page.getByText('private.png — 1x1 px').waitFor();
  await pickModel(page, 'google/gemma-3-4b-it');
  await page.getByTestId('width-input').fill('2048');
  await page.getByTestId('width-input').press('Enter');
  await page.locator('section#cost').scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  const origin = new URL(app.server.url).origin;
  for (const url of requests) {
    assert.ok(url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'), `request to ${url}`);
    assert.match(new URL(url, origin).pathname, /^\/(|index\.html|sw\.js|[\w.-]+\.(js|wasm|css)|samples\/[\w.-]+)$/, url);
    assert.ok(!url.includes('private'), `the reader's file is never requested: ${url}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Content-Security-Policy allows only this origin and the loader, and an injected script is refused', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=640&h=480`);
  await page.getByTestId('token-total').waitFor();
  const policy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  // The page ran under it without a violation; a script injected now is refused.
  const outcome = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.violatedDirective} blocked`), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
    setTimeout(() => resolve(window.__injected ? 'ran' : 'no event'), 1000);
  }));
  assert.match(outcome, /^script-src.* blocked$/);
  assert.equal(await page.evaluate(() => window.__injected), undefined);
  // Only the injected script's refusal reached the console.
  assert.ok(problems.every((p) => /Content Security Policy/.test(p)) && problems.length <= 1, problems.join('\n'));
  await context.close();
});
