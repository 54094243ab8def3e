// "Your collection": a folder chosen on the page is read from its files' headers (nothing
// uploaded, nothing decoded) and gives the same totals as `vistok scan` on the same folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servedApp, openPage, RESULTS } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = process.env.VISTOK_BIN ?? join(ROOT, 'target/debug/vistok');
const SAMPLES = join(ROOT, 'assets/samples');

/** A JPEG APP1 segment with an EXIF orientation (little-endian TIFF, one IFD entry). */
function exifApp1(orientation) {
  const tiff = Buffer.alloc(26);
  tiff.write('II', 0);
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x0112, 10); // Orientation
  tiff.writeUInt16LE(3, 12); // SHORT
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** A folder as a phone and a careless disk leave it. */
async function makeFolder(dir) {
  await mkdir(join(dir, 'trip/day 1'), { recursive: true });
  await mkdir(join(dir, '.thumbnails'), { recursive: true });
  const landscape = await readFile(join(SAMPLES, 'landscape.jpg'));
  await writeFile(join(dir, 'trip/day 1/coffee.jpg'), landscape);
  await writeFile(join(dir, 'trip/day 1/rotated.jpg'), Buffer.concat([landscape.subarray(0, 2), exifApp1(6), landscape.subarray(2)]));
  await copyFile(join(SAMPLES, 'screenshot.png'), join(dir, 'trip/screen.png'));
  await copyFile(join(SAMPLES, 'portrait.jpg'), join(dir, 'portrait.jpg'));
  await copyFile(join(SAMPLES, 'portrait.jpg'), join(dir, '.thumbnails/hidden.jpg'));
  await writeFile(join(dir, 'empty.png'), Buffer.alloc(0));
  await writeFile(join(dir, 'cut.jpg'), landscape.subarray(0, landscape.length >> 1));
  await writeFile(join(dir, 'notes.pdf'), '%PDF-1.7\n');
  await writeFile(join(dir, 'readme.txt'), 'not an image\n');
}

const app = servedApp();
let dir;
before(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'vistok-collection-')), 'photos');
  await makeFolder(dir);
});
after(async () => {
  if (dir) await rm(join(dir, '..'), { recursive: true, force: true });
});

test('a folder chosen on the page gives vistok scan\'s totals, its heaviest image opens in the figure, nothing is uploaded', async () => {
  const { page, problems, requests } = await openPage(app.browser, `${app.server.url}?model=Qwen/Qwen2.5-VL-7B-Instruct&w=600&h=400&section=collection`);
  await page.getByTestId('collection-folder').setInputFiles(dir);
  await page.waitForFunction(() => /files read in/.test(document.querySelector('[data-testid=collection-status]')?.textContent ?? ''));
  const status = await page.getByTestId('collection-status').textContent();
  // Eight files outside the hidden folder: four images, four that cannot be counted.
  assert.match(status, /^The folder “photos”: 8 files read in [\d.]+ s, 4 images, 4 that cannot be counted\.$/);
  const rows = await page.locator('[data-testid=collection-table] tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    model: tr.dataset.model,
    cells: [...tr.querySelectorAll('td')].map((td) => td.textContent),
  })));
  assert.ok(rows.length >= 5, 'the chart\'s models');
  const args = ['scan', dir, '--summary', ...rows.flatMap((r) => ['--model', r.model])];
  const cli = execFileSync(BIN, args).toString().trim().split('\n').map((l) => JSON.parse(l));
  for (const [i, r] of rows.entries()) {
    const s = cli[i];
    assert.equal(s.model, r.model);
    const dash = (v) => (v === null ? '—' : String(v));
    assert.deepEqual(r.cells.slice(1, 9), [s.images, s.broken_files, s.refused, s.total_tokens, s.p50, s.p90, s.p99, s.max].map(dash), r.model);
  }
  // The summary downloads as CSV with the same totals.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('collection-csv').click()]);
  const csv = (await readFile(await download.path(), 'utf8')).trim().split('\n');
  assert.equal(csv[0], 'model,images,broken_files,refused,total_tokens,p50,p90,p99,max,cost_usd,price_as_of');
  assert.equal(csv.length, rows.length + 1);
  assert.equal(csv[1].split(',')[4], String(cli[0].total_tokens));
  await page.getByTestId('collection-histogram').waitFor();
  await page.locator('section#collection').screenshot({ path: join(RESULTS, 'collection.png') });
  // The heaviest image for the figure's model opens in the figure.
  const heaviest = page.getByTestId('collection-heaviest').locator('button').first();
  assert.equal(await heaviest.textContent(), 'trip/screen.png');
  await heaviest.click();
  await page.waitForFunction(() => document.querySelector('.picture-name')?.textContent.includes('trip/screen.png'));
  assert.equal(await page.getByTestId('width-input').inputValue(), '1280');
  assert.ok(requests.every((u) => u.startsWith(app.server.url)), requests.join('\n'));
  assert.deepEqual(problems, []);
});

test('many files dropped on the section are counted like the folder', async () => {
  const { page, problems } = await openPage(app.browser, `${app.server.url}?model=google/gemma-3-4b-it&section=collection`);
  await page.locator('section#collection').waitFor();
  // The folder's top-level files, dropped as a list (a drop of files, not of a folder).
  const names = ['portrait.jpg', 'empty.png', 'cut.jpg', 'notes.pdf', 'readme.txt'];
  const files = await Promise.all(names.map(async (n) => ({ name: n, data: [...await readFile(join(dir, n))] })));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([new Uint8Array(f.data)], f.name));
    const section = document.querySelector('section#collection');
    section.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    section.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await page.waitForFunction(() => /files read in/.test(document.querySelector('[data-testid=collection-status]')?.textContent ?? ''));
  assert.match(await page.getByTestId('collection-status').textContent(), /^The dropped files: 5 files read in [\d.]+ s, 1 image, 4 that cannot be counted\.$/);
  const models = await page.locator('[data-testid=collection-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.model));
  const totals = await page.locator('[data-testid=collection-table] tbody td[data-col=total]').allTextContents();
  const one = join(dir, '..', 'drop');
  await mkdir(one, { recursive: true });
  for (const n of names) await copyFile(join(dir, n), join(one, n));
  const cli = execFileSync(BIN, ['scan', one, '--summary', ...models.flatMap((m) => ['--model', m])]).toString().trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(totals, cli.map((s) => String(s.total_tokens)));
  assert.deepEqual(problems, []);
});
