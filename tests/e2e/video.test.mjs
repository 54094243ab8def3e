// The video chapter, in the real release build: a clip read from a dropped file's container
// (nothing decoded, nothing sent), the count against `vistok count` on the same file, the
// sliders, presets and the link, and files that are not clips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { servedApp, openPage, RESULTS, pickModel } from './harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = process.env.VISTOK_BIN ?? join(ROOT, 'target/debug/vistok');
const clip = (name) => join(ROOT, 'tests/clips', name);

const app = servedApp();

/** `vistok count FILE --model ID [--options JSON]`: its total and its clip line. */
function cliCount(file, model, options) {
  const args = ['count', file, '--model', model, ...(options ? ['--options', JSON.stringify(options)] : [])];
  const out = execFileSync(BIN, args).toString();
  return { total: Number(out.match(/tokens in sequence (\d+)/)[1]), clip: out.match(/^clip +(.*)$/m)[1] };
}

const pageTotal = async (page) => Number((await page.getByTestId('video-summary').textContent()).match(/(\d+) tokens in all/)[1]);

test('a clip file opened in the video chapter: size, frame rate and duration read from it, the total equals vistok count on the same file', async () => {
  const { page, problems, requests } = await openPage(app.browser, `${app.server.url}?section=video`);
  await page.getByTestId('video-summary').waitFor();
  const before = requests.length;
  await page.getByTestId('video-file').setInputFiles(clip('h264-320x240-25fps-50f.mp4'));
  const note = page.getByTestId('video-file-note');
  await page.waitForFunction(() => /frames at/.test(document.querySelector('[data-testid=video-file-note]').textContent));
  assert.match(await note.textContent(), /MP4 320x240 px, 50 frames at 25 fps, 2 s/);
  const qwen3 = cliCount(clip('h264-320x240-25fps-50f.mp4'), 'Qwen/Qwen3-VL-8B-Instruct');
  assert.match(qwen3.clip, /MP4 320x240 px, 50 frames at 25\.000 fps, 2\.000 s/);
  assert.equal(await pageTotal(page), qwen3.total);
  // The frames the model samples, taken from the file at their times (decoded here, in the page).
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=video-thumbs] img').length === 4);
  const captions = await page.locator('[data-testid=video-thumbs] figcaption').allTextContents();
  const batch = JSON.parse(execFileSync(BIN, ['batch'], {
    input: JSON.stringify({ model: 'Qwen/Qwen3-VL-8B-Instruct', video: { width: 320, height: 240, fps: 25, duration_s: 2, frames: 50 } }) + '\n',
  }).toString());
  assert.deepEqual(captions, batch.timestamps_s.map((t) => `${Number(t.toFixed(2))} s`));
  // The file never leaves the page: reading it asked the server for nothing.
  // (The page plays the file from a blob: URL of its own origin, to take the frames.)
  const own = (u) => u.startsWith(app.server.url) || u.startsWith(`blob:${app.server.url.replace(/\/$/, '')}/`);
  assert.deepEqual(requests.slice(before).filter((u) => !own(u)), []);
  assert.ok(requests.slice(before).every((u) => !/h264|mp4/.test(u)), requests.slice(before).join('\n'));
  await page.locator('#video').screenshot({ path: join(RESULTS, 'video-mp4.png') });

  // A WebM (VP9, the page's own codec) with Qwen2.5-VL, whose checkpoint sets no frame rate: the
  // page preselects qwen-vl-utils instead of refusing, and counts what it would.
  await pickModel(page, 'Qwen/Qwen2.5-VL-7B-Instruct', { picker: 'video-model', typed: '2.5-VL' });
  assert.equal(await page.getByTestId('video-preset').inputValue(), 'qwen-vl-utils');
  await page.getByTestId('video-file').setInputFiles(clip('vp9-256x144-24fps-36f.webm'));
  await page.waitForFunction(() => /Matroska 256x144/.test(document.querySelector('[data-testid=video-file-note]').textContent));
  const webm = cliCount(clip('vp9-256x144-24fps-36f.webm'), 'Qwen/Qwen2.5-VL-7B-Instruct', { preset: 'qwen-vl-utils' });
  assert.equal(await pageTotal(page), webm.total);
  // transformers' preset for that checkpoint: the error names the knob and what stacks use.
  await page.getByTestId('video-preset').selectOption('transformers');
  assert.match(await page.getByTestId('video-summary').textContent(), /no default frame rate.*"fps".*qwen-vl-utils samples 2 fps/);
  await page.getByTestId('video-rate').selectOption('1');
  assert.match(await page.getByTestId('video-summary').textContent(), /tokens in all/);
  await page.locator('#video').screenshot({ path: join(RESULTS, 'video-webm.png') });
  assert.deepEqual(problems, []);
});

test('files that are not clips get a message, and the chapter keeps its clip', async () => {
  const { page, problems } = await openPage(app.browser, `${app.server.url}?section=video`);
  await page.getByTestId('video-summary').waitFor();
  const summary = await page.getByTestId('video-summary').textContent();
  const note = page.getByTestId('video-file-note');
  await page.getByTestId('video-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1') });
  await page.waitForFunction(() => /not a video container/.test(document.querySelector('[data-testid=video-file-note]').textContent));
  await page.getByTestId('video-file').setInputFiles({ name: 'cut.mp4', mimeType: 'video/mp4', buffer: Buffer.from('\0\0\0\x18ftypisom\0\0\0\0', 'latin1') });
  await page.waitForFunction(() => /cut\.mp4: .*MP4/.test(document.querySelector('[data-testid=video-file-note]').textContent));
  await page.getByTestId('video-file').setInputFiles({ name: 'empty.webm', mimeType: 'video/webm', buffer: Buffer.alloc(0) });
  await page.waitForFunction(() => /empty\.webm: /.test(document.querySelector('[data-testid=video-file-note]').textContent));
  assert.match(await note.textContent(), /empty\.webm/);
  assert.equal(await page.getByTestId('video-summary').textContent(), summary);
  assert.deepEqual(problems, []);
});

test('the sliders and the link: a 10-minute 4K clip at 60 fps, and values no clip has', async () => {
  const { page, problems } = await openPage(app.browser, `${app.server.url}?section=video&vw=3840&vh=2160&vfps=60&vdur=600`);
  await page.getByTestId('video-summary').waitFor();
  const text = await page.getByTestId('video-summary').textContent();
  // 768 frames (the cap), a pair of frames per group, the whole clip under one pixel budget.
  assert.match(text, /samples 768 of the clip's 36000 frames/);
  const batch = JSON.parse(execFileSync(BIN, ['batch'], {
    input: JSON.stringify({ model: 'Qwen/Qwen3-VL-8B-Instruct', video: { width: 3840, height: 2160, fps: 60, duration_s: 600 } }) + '\n',
  }).toString());
  assert.equal(await pageTotal(page), batch.tokens_in_sequence);
  // The curves follow the frame size (the duration only moves the dot).
  const chartPixels = () => page.getByTestId('video-chart').evaluate((c) => c.toDataURL());
  const at4k = await chartPixels();
  await page.getByTestId('video-size').selectOption('480p (854x480)');
  await page.waitForFunction((before) => document.querySelector('[data-testid=video-chart]').toDataURL() !== before, at4k);
  await page.getByTestId('video-duration').fill('5');
  await page.waitForFunction(() => /samples 10 of/.test(document.querySelector('[data-testid=video-summary]').textContent));
  await page.waitForFunction(() => location.search.includes('vdur=5'));
  // InternVL3's processor samples nothing by itself: picking it sets a rate (shown), not an error.
  await pickModel(page, 'OpenGVLab/InternVL3-8B-hf', { picker: 'video-model', typed: 'InternVL' });
  assert.equal(await page.getByTestId('video-rate').inputValue(), '1');
  const internvl = JSON.parse(execFileSync(BIN, ['batch'], {
    input: JSON.stringify({ model: 'OpenGVLab/InternVL3-8B-hf', video: { width: 854, height: 480, fps: 60, duration_s: 5 }, options: { fps: 1 } }) + '\n',
  }).toString());
  assert.equal(await pageTotal(page), internvl.tokens_in_sequence);
  // Values no clip has: named in the notice, the defaults kept, the page working.
  const bad = await openPage(app.browser, `${app.server.url}?section=video&vfps=0&vdur=-1&vw=abc&vmodel=google/paligemma-3b-pt-224`);
  await bad.page.getByTestId('video-summary').waitFor();
  const notice = await bad.page.getByTestId('error-message').textContent();
  for (const part of ['vfps', 'vdur', 'vw', 'paligemma']) assert.match(notice, new RegExp(part));
  assert.match(await bad.page.getByTestId('video-summary').textContent(), /Qwen3-VL 8B samples/);
  assert.deepEqual([...problems, ...bad.problems], []);
});

test('the whole request: images at the figure\'s size, the clip and the prompt, against the window, as vistok batch totals it', async () => {
  const { page, problems } = await openPage(app.browser, `${app.server.url}?section=video&w=1280&h=720&rimages=3&rprompt=1500&vdur=20`);
  await page.getByTestId('request-summary').waitFor();
  const line = (items) => JSON.parse(execFileSync(BIN, ['batch'], {
    input: JSON.stringify({ model: 'Qwen/Qwen3-VL-8B-Instruct', items, prompt_tokens: 1500 }) + '\n',
  }).toString());
  const clipItem = { video: { width: 1920, height: 1080, fps: 30, duration_s: 20 } };
  const image = { width: 1280, height: 720 };
  const expected = line([image, image, image, clipItem]);
  const total = async () => Number((await page.getByTestId('request-summary').textContent()).match(/(\d+) tokens in all/)[1]);
  assert.equal(await total(), expected.tokens_in_sequence);
  assert.equal(expected.tokens_in_sequence, expected.items.reduce((a, i) => a + i.tokens_in_sequence, 0) + 1500);
  assert.match(await page.getByTestId('request-summary').textContent(), /fits its 262144-token window/);
  // Ten thousand images overflow the window: the bar is full and the text says by how much.
  await page.getByTestId('request-images').fill('1000');
  await page.waitForFunction(() => /overflows/.test(document.querySelector('[data-testid=request-summary]').textContent));
  const big = line([...Array(1000).fill(image), clipItem]);
  assert.equal(await total(), big.tokens_in_sequence);
  assert.match(await page.getByTestId('request-summary').textContent(), new RegExp(`by ${big.overflow} tokens`));
  await page.waitForFunction(() => location.search.includes('rimages=1000') && location.search.includes('rprompt=1500'));
  await page.locator('#video').screenshot({ path: join(RESULTS, 'video-request.png') });
  assert.deepEqual(problems, []);
});

test('GLM-4.6V in the chapter, and the curves a reader picks: kept in the link, the chart redrawn', async () => {
  const { page, problems } = await openPage(app.browser, `${app.server.url}?section=video&vmodel=zai-org/GLM-4.6V&vcurves=qwen3,glm46v`);
  await page.getByTestId('video-summary').waitFor();
  // The default clip (1080p, 30 fps, 60 s) as GLM-4.6V's own schedule samples it; marked approximate.
  const glm = JSON.parse(execFileSync(BIN, ['batch'], {
    input: JSON.stringify({ model: 'zai-org/GLM-4.6V', video: { width: 1920, height: 1080, fps: 30, duration_s: 60 } }) + '\n',
  }).toString());
  assert.equal(await pageTotal(page), glm.tokens_in_sequence);
  assert.match(await page.getByTestId('video-summary').textContent(), /Approximate: .*timestamps/);
  const boxes = page.getByTestId('video-curves').locator('input[type=checkbox]');
  const checked = async () => (await boxes.evaluateAll((b) => b.filter((x) => x.checked).map((x) => x.value))).join(',');
  assert.equal(await checked(), 'qwen3,glm46v');
  const chartPixels = () => page.getByTestId('video-chart').evaluate((c) => c.toDataURL());
  const two = await chartPixels();
  await page.getByTestId('video-curves').getByText('LLaVA-OneVision', { exact: true }).click();
  await page.waitForFunction((before) => document.querySelector('[data-testid=video-chart]').toDataURL() !== before, two);
  await page.waitForFunction(() => decodeURIComponent(location.search).includes('vcurves=qwen3,glm46v,llava-ov'));
  await page.locator('#video').screenshot({ path: join(RESULTS, 'video-glm-curves.png') });
  // A curve the chart does not have is named; the page keeps all its curves.
  const bad = await openPage(app.browser, `${app.server.url}?section=video&vcurves=qwen3,gpt-4o`);
  await bad.page.getByTestId('video-summary').waitFor();
  assert.match(await bad.page.getByTestId('error-message').textContent(), /vcurves/);
  assert.equal((await bad.page.getByTestId('video-curves').locator('input:checked').count()), 7);
  assert.deepEqual([...problems, ...bad.problems], []);
});

test('the vllm preset in the chapter: the loader vLLM runs, the total vistok batch gives, and a rate it refuses', async () => {
  const { page, problems } = await openPage(app.browser, `${app.server.url}?section=video&vmodel=llava-hf/llava-onevision-qwen2-7b-ov-hf&vpreset=vllm&vdur=600`);
  await page.getByTestId('video-summary').waitFor();
  const line = (options) => JSON.parse(execFileSync(BIN, ['batch'], {
    input: JSON.stringify({ model: 'llava-hf/llava-onevision-qwen2-7b-ov-hf', video: { width: 1920, height: 1080, fps: 30, duration_s: 600 }, options }) + '\n',
  }).toString());
  // vLLM's opencv loader reads 32 frames of a 10-minute clip: 32 x 196 + 1 tokens.
  const vllm = line({ preset: 'vllm' });
  assert.equal(vllm.tokens_in_sequence, 32 * 196 + 1);
  assert.equal(await pageTotal(page), vllm.tokens_in_sequence);
  assert.match(await page.getByTestId('video-summary').textContent(), /vLLM 0\.34's opencv loader/);
  assert.equal(await page.getByTestId('video-preset').inputValue(), 'vllm');
  // A sampling rate is transformers' knob: with it the preset says why it takes none.
  await page.getByTestId('video-rate').selectOption('1');
  await page.waitForFunction(() => /no media_io_kwargs/.test(document.querySelector('[data-testid=video-summary]').textContent));
  await page.getByTestId('video-preset').selectOption('transformers');
  await page.waitForFunction(() => /tokens in all/.test(document.querySelector('[data-testid=video-summary]').textContent));
  assert.equal(await pageTotal(page), line({ fps: 1 }).tokens_in_sequence);
  assert.deepEqual(problems, []);
});
