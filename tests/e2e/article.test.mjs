// End to end, the article under the figure: the strategies and formulas, the comparison table,
// what it costs (against the real `trunk build --release` output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { servedApp, openPage, engineLine, engineTotal, engineModels, RESULTS, pickModel, selectedModel } from './harness.mjs';

const app = servedApp();

const QWEN = 'Qwen/Qwen2.5-VL-7B-Instruct';

test('the strategies section: each strategy names its families from the catalogue, and the story-breakers count live', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1024&h=768&section=strategies`);
  await page.getByTestId('breakers').waitFor();
  const catalogue = engineModels();
  const blocks = page.getByTestId('strategy');
  assert.equal(await blocks.count(), 3);
  for (let i = 0; i < 3; i++) {
    const block = blocks.nth(i);
    const strategy = await block.locator('h3').textContent();
    const families = await block.getByTestId('pick-family').evaluateAll((bs) => bs.map((b) => [b.value, b.textContent]));
    // Every family of the strategy once, by its newest entry, newest first.
    const expected = [...new Set(Object.values(catalogue).filter((m) => m.strategy === strategy).map((m) => m.family))];
    assert.deepEqual(families.map(([, t]) => t.replace(/ \(\d{4}-\d\d\)$/, '')).sort(), expected.sort(), strategy);
    const months = families.map(([, t]) => t.match(/\((\d{4}-\d\d)\)$/)[1]);
    assert.deepEqual(months, [...months].sort().reverse(), `${strategy}: newest first`);
    for (const [id, text] of families) {
      assert.ok(text.startsWith(catalogue[id].family), id);
      const newest = Object.entries(catalogue).filter(([, m]) => m.family === catalogue[id].family).map(([, m]) => m.released).sort().at(-1);
      assert.equal(catalogue[id].released, newest, `${id} is its family's newest`);
    }
  }
  // A family's button shows it in the figure.
  await page.getByTestId('pick-family').filter({ hasText: 'Qwen3.5' }).click();
  assert.equal(await selectedModel(page), 'Qwen/Qwen3.5-27B');
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal('Qwen/Qwen3.5-27B', 1024, 768)));
  // The story-breakers' numbers are the engine's.
  const text = async (id) => page.getByTestId(id).textContent();
  const gemma = await text('breaker-budget');
  assert.ok(gemma.includes(`gives ${engineTotal('google/gemma-4-12B-it', 640, 480)} tokens at 640x480`), gemma);
  assert.ok(gemma.includes(`and ${engineTotal('google/gemma-4-12B-it', 8192, 8192)} at 8192x8192`), gemma);
  const ocr = await text('breaker-modes');
  const d = (w, h) => engineTotal('deepseek-community/DeepSeek-OCR-2', w, h);
  assert.ok(ocr.includes(`spends ${d(768, 768)} tokens on 768x768 and ${d(769, 769)} on 769x769`), ocr);
  assert.ok(ocr.includes(`${d(800, 600)} at 800x600 but ${d(2000, 600)} at 2000x600`), ocr);
  assert.ok(d(2000, 600) < d(800, 600), 'the wider image costs less');
  const kimi = await text('breaker-upscale');
  assert.ok(kimi.includes(`${engineTotal('moonshotai/Kimi-K2.6', 64, 64)} tokens) where`), kimi);
  assert.ok(kimi.includes(`${engineTotal('Qwen/Qwen3-VL-8B-Instruct', 64, 64)} tokens)`), kimi);
  await page.getByTestId('pick-breaker').filter({ hasText: 'DeepSeek-OCR-2' }).click();
  assert.equal(await selectedModel(page), 'deepseek-community/DeepSeek-OCR-2');
  // Each claim on the live resolution chart: the model and those it breaks with, ticked.
  await page.getByTestId('chart-breaker').nth(1).click();
  const ticked = await page.getByTestId('chart-toggle').evaluateAll((cs) => cs.filter((c) => c.checked).map((c) => c.value));
  assert.deepEqual(ticked.sort(), ['OpenGVLab/InternVL3-8B-hf', 'deepseek-community/DeepSeek-OCR-2']);
  await page.waitForTimeout(300);
  await page.locator('section#trap').screenshot({ path: join(RESULTS, 'breaker-chart.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('formula against truth: the article formulas beside the processor counts, live on the image', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=2000&h=500&section=recipe`);
  const table = page.getByTestId('formula-table');
  await table.waitFor();
  const read = () => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.model,
    tr.querySelector('[data-col=estimate]')?.textContent, tr.querySelector('[data-col=actual]')?.textContent, tr.lastElementChild.textContent]));
  const ov = 'llava-hf/llava-onevision-qwen2-7b-ov-hf';
  let rows = await read();
  assert.equal(rows.length, 4);
  // N = (H/P)(W/P) + specials for Qwen2.5-VL: 28-px tokens, two delimiters.
  assert.deepEqual(rows[0].slice(0, 3), [QWEN, String(Math.floor(500 / 28) * Math.floor(2000 / 28) + 2), String(engineTotal(QWEN, 2000, 500))]);
  assert.deepEqual(rows[1].slice(0, 3), [ov, '5760', String(engineTotal(ov, 2000, 500))]);
  assert.equal(rows[2][2], String(engineTotal(ov, 2000, 500)));
  assert.match(rows[2][3], /unpadding keeps/);
  const pas = engineLine('google/gemma-3-4b-it', 2000, 500, { pan_and_scan: true });
  assert.equal(rows[3][2], String(pas.tokens_in_sequence));
  assert.match(rows[3][3], /Here is the original image/);
  assert.match(rows[3][3], new RegExp(`_get_num_multimodal_tokens, says 256 image tokens whatever the crops: ${pas.feature_tokens - 256} short`));
  // The published 576·(k²+1) is about four times the truth for a small image.
  await page.goto(`${app.server.url}?model=${QWEN}&w=64&h=64&section=recipe`);
  await table.waitFor();
  rows = await read();
  assert.equal(rows[1][2], String(engineTotal(ov, 64, 64)));
  assert.ok(Number(rows[1][1]) / Number(rows[1][2]) > 3.8);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the article: every count in the comparison table is the engine count, and it sorts', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1280&h=720`);
  await page.getByTestId('token-total').waitFor();
  for (const id of ['see', 'recipe', 'trap', 'strategies', 'downsampling', 'aspect', 'special', 'compare']) {
    assert.equal(await page.locator(`section#${id}`).count(), 1, `section ${id}`);
  }
  // Section 6: the selected model and the reference models as they receive the image, each with the
  // engine's feature count and the features that see only padding; the canvas is sharp.
  // Fixed captions, one per model the figure can show; those not shown for this model hide.
  const panels = page.locator('[data-testid=aspect-panel]:visible');
  assert.equal(await panels.count(), 5, 'the selected model is one of the five');
  const panelNames = ['Qwen2.5-VL 7B', 'Gemma 3 4B', 'LLaVA-1.5 7B', 'LLaVA-OneVision 7B', 'Llama 3.2 Vision 11B'];
  const panelIds = [QWEN, 'google/gemma-3-4b-it', 'llava-hf/llava-1.5-7b-hf', 'llava-hf/llava-onevision-qwen2-7b-ov-hf',
    'meta-llama/Llama-3.2-11B-Vision-Instruct'];
  for (let i = 0; i < 5; i++) {
    const text = await panels.nth(i).textContent();
    const line = engineLine(panelIds[i], 1280, 720);
    assert.ok(text.startsWith(panelNames[i]), text);
    assert.deepEqual(await panels.nth(i).locator('.n').allTextContents(), [String(line.feature_tokens), String(line.padding_tokens)], text);
  }
  await page.getByTestId('aspect-canvas').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid=aspect-canvas]').width > 300);
  const aspectCanvas = await page.getByTestId('aspect-canvas').evaluate((c) => {
    const r = c.getBoundingClientRect();
    return { w: c.width, h: c.height, cw: Math.round(r.width * devicePixelRatio), ch: Math.round(r.height * devicePixelRatio) };
  });
  assert.equal(aspectCanvas.w, aspectCanvas.cw);
  assert.equal(aspectCanvas.h, aspectCanvas.ch);

  const rows = page.getByTestId('compare-table').locator('tbody tr');
  const read = () => rows.evaluateAll((trs) => trs.map((tr) => [tr.dataset.model, tr.querySelector('[data-col=tokens]')?.textContent]));
  const table = await read();
  assert.ok(table.length >= 17);
  for (const [model, tokens] of table) assert.equal(tokens, String(engineTotal(model, 1280, 720)), model);
  const numbers = (t) => t.map(([, n]) => Number(n));
  assert.deepEqual(numbers(table), [...numbers(table)].sort((a, b) => a - b), 'sorted ascending by tokens');
  await page.getByTestId('sort').filter({ hasText: 'Tokens in sequence' }).click();
  const descending = numbers(await read());
  assert.deepEqual(descending, [...descending].sort((a, b) => b - a), 'a second click sorts descending');
  // Release month and context window are the catalogue's, and sort too (unknown windows last).
  const catalogue = engineModels();
  const meta = () => rows.evaluateAll((trs) => trs.map((tr) => [tr.dataset.model,
    tr.querySelector('[data-col=released]').textContent, tr.querySelector('[data-col=context]').textContent]));
  for (const [model, released, window] of await meta()) {
    assert.equal(released, catalogue[model].released, model);
    const expected = /^\d+$/.test(catalogue[model].context) ? Number(catalogue[model].context).toLocaleString('en-US') : '—';
    assert.equal(window, expected, model);
  }
  await page.getByTestId('sort').filter({ hasText: 'Context window' }).click();
  const windows = (await meta()).map(([, , w]) => w);
  const known = windows.filter((w) => w !== '—').map((w) => Number(w.replaceAll(',', '')));
  assert.deepEqual(known, [...known].sort((a, b) => a - b), 'sorted by context window');
  assert.deepEqual(windows.slice(known.length), windows.slice(known.length).map(() => '—'), 'unknown windows last');
  await page.getByTestId('sort').filter({ hasText: 'Released' }).click();
  const months = (await meta()).map(([, m]) => m);
  assert.deepEqual(months, [...months].sort(), 'sorted by release month');
  // A count resting on an unpinned value is marked approximate (≈, the reason in its tooltip).
  const glm = page.locator('tr[data-model="zai-org/GLM-4.5V"] [data-col=tokens]');
  assert.match(await glm.getAttribute('title'), /^approximate: .* not pinned$/);
  assert.equal(await glm.evaluate((td) => getComputedStyle(td, '::before').content), '"≈ "');
  assert.equal(await page.locator(`tr[data-model="${QWEN}"] [data-col=tokens]`).getAttribute('title'), '');

  // The strip and the flow follow the selected model.
  await page.getByTestId('pick-strategy').filter({ hasText: 'Tiling: InternVL3' }).click();
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal('OpenGVLab/InternVL3-8B-hf', 1280, 720)));
  assert.match(await page.getByTestId('downsampling').textContent(), /pixel shuffle/);
  // One flow per other family, each with its own engine counts.
  const families = page.locator('[data-testid=downsampling-family]:visible');
  assert.equal(await families.count(), 5);
  const gemma = engineLine('google/gemma-3-4b-it', 1280, 720);
  assert.deepEqual((await families.nth(0).locator('.n').allTextContents()).slice(1),
    [String(gemma.vit_patches), String(gemma.feature_tokens), String(gemma.tokens_in_sequence)]);
  assert.match(await page.getByTestId('token-strip').getAttribute('aria-label'), /^\d+ positions: 1 image start, \d+ tiles and thumbnail, 1 image end$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('what it costs: both models from the engine, GPUs labelled, the TTFT chart with measured rings', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=1344&h=1344`);
  await page.getByTestId('token-total').waitFor();
  await page.locator('section#cost').scrollIntoViewIfNeeded();
  const text = (id) => page.getByTestId(id).textContent();
  const ms = (s) => Number(s.replace(/ ms$/, ''));
  const check = async (gpu, prompt) => {
    const a = engineLine(QWEN, 1344, 1344, { gpu, prompt_tokens: prompt }).cost;
    const b = engineLine('google/gemma-3-4b-it', 1344, 1344, { gpu, prompt_tokens: prompt }).cost;
    for (const [key, c] of [['a', a], ['b', b]]) {
      assert.ok(Math.abs(ms(await text(`cost-ttft-${key}`)) - c.ttft_ms) <= 0.51, `${gpu} ${key} ttft`);
      assert.ok(Math.abs(ms(await text(`cost-vision-${key}`)) - c.vision_ms) <= 0.51, `${gpu} ${key} vision`);
    }
  };
  assert.equal(await text('cost-name-b'), 'Gemma 3 4B');
  await check('H200', 20);
  assert.match(await text('cost-gpu-note'), /fitted on/);
  // Near the measured 250.5 ms at this size (20 prompt tokens instead of 24).
  assert.ok(Math.abs(ms(await text('cost-ttft-a')) / 250.5 - 1) < 0.15);
  await page.getByTestId('cost-gpu').selectOption('A100-80GB');
  await page.waitForFunction(() => document.querySelector('[data-testid=cost-gpu-note]').textContent.includes('scaled estimate, not measured'));
  await page.getByTestId('cost-prompt').fill('500');
  await page.getByTestId('cost-prompt').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=cost-tokens-a]').textContent === '2806');
  await check('A100-80GB', 500);
  // A second model of the reader's choice, from a picker like the figure's that offers only the
  // models with a cost (no hosted one); the budget names both.
  const box = page.getByTestId('cost-other');
  await box.click();
  const offered = await page.locator('#cost-other-list [role=option]').evaluateAll((os) => os.map((o) => o.dataset.model));
  const models = engineModels();
  assert.ok(offered.length >= 40, `${offered.length} models offered`);
  assert.ok(offered.every((id) => models[id] && !models[id].strategy.startsWith('API')), 'only open models');
  assert.ok(Object.keys(models).some((id) => models[id].strategy.startsWith('API') && !offered.includes(id)));
  await pickModel(page, 'llava-hf/llava-onevision-qwen2-7b-ov-hf', { picker: 'cost-other', typed: 'onevision 7' });
  assert.equal(await box.inputValue(), 'LLaVA-OneVision 7B');
  await page.waitForFunction(() => document.querySelector('[data-testid=cost-name-b]').textContent === 'LLaVA-OneVision 7B');
  const budget = await text('cost-budget');
  assert.match(budget, /Qwen2.5-VL 7B: \d+ such images fit in its 128000-token context/);
  assert.match(budget, /LLaVA-OneVision 7B: \d+ such images fit/);
  const chart = await page.getByTestId('cost-chart').evaluate((c) => {
    const r = c.getBoundingClientRect();
    return { w: c.width, cw: Math.round(r.width * devicePixelRatio) };
  });
  assert.equal(chart.w, chart.cw, 'the chart is sharp');
  await page.getByTestId('cost-chart').screenshot({ path: join(RESULTS, 'cost-chart.png') });
  // A model never measured is an estimate even on the measured GPU.
  await page.getByTestId('cost-gpu').selectOption('H200');
  await pickModel(page, 'zai-org/GLM-4.5V');
  await page.waitForFunction(() => document.querySelector('[data-testid=cost-gpu-note]').textContent.includes('GLM-4.5V itself was not measured'));
  // Its preprocessor's size is not pinned: its count is marked approximate in the figure and here,
  // and the tooltip says what was assumed; Gemma 3's is not.
  for (const id of ['token-total', 'cost-tokens-a']) {
    const mark = await page.getByTestId(id).evaluate((e) => [e.classList.contains('approx'), e.title, getComputedStyle(e, '::before').content]);
    assert.equal(mark[0], true, id);
    assert.match(mark[1], /^approximate: the preprocessor's size .* not pinned$/, id);
    assert.equal(mark[2], '"≈ "', id);
  }
  assert.equal(await page.getByTestId('cost-tokens-b').evaluate((e) => e.classList.contains('approx')), false);
  assert.deepEqual(problems, []);
  await context.close();
});
