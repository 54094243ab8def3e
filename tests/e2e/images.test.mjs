// Images as readers bring them: dropped on the figure, and phone photos with EXIF orientation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, engineTotal } from './harness.mjs';

const app = servedApp();

const QWEN = 'Qwen/Qwen2.5-VL-7B-Instruct';

/** Bytes of a `width`x`height` image drawn in the page, as an array of numbers. */
async function makeImage(page, width, height, type) {
  return page.evaluate(async ({ width, height, type }) => {
    const c = new OffscreenCanvas(width, height);
    const g = c.getContext('2d');
    g.fillStyle = '#3a7'; g.fillRect(0, 0, width, height);
    g.fillStyle = '#e62'; g.fillRect(0, 0, width / 2, height / 4);
    const blob = await c.convertToBlob({ type, quality: 0.9 });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }, { width, height, type });
}

/** A JPEG with an EXIF APP1 segment saying orientation 6 (rotate 90° clockwise to display). */
function withExifOrientation6(jpeg) {
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, // big-endian TIFF header, IFD at 8
    0, 1, // one entry
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, // Orientation (0x0112), SHORT, count 1, value 6
    0, 0, 0, 0]; // no next IFD
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]; // "Exif\0\0"
  const length = payload.length + 2;
  const app1 = [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
  return Buffer.from([...jpeg.slice(0, 2), ...app1, ...jpeg.slice(2)]);
}

test('an image dropped on the figure is analysed at its own size', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=640&h=480`);
  await page.getByTestId('token-total').waitFor();
  const bytes = await makeImage(page, 300, 500, 'image/png');
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
    return dt;
  }, bytes);
  await page.locator('section.figure').dispatchEvent('drop', { dataTransfer });
  await page.getByText('dropped.png — 300x500 px').waitFor();
  assert.equal(await page.getByTestId('width-input').inputValue(), '300');
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal(QWEN, 300, 500)));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a phone photo with EXIF orientation 6 is analysed as portrait', async () => {
  const { page, problems, context } = await openPage(app.browser, `${app.server.url}?model=${QWEN}&w=640&h=480`);
  await page.getByTestId('token-total').waitFor();
  const jpeg = withExifOrientation6(await makeImage(page, 400, 200, 'image/jpeg'));
  await page.getByTestId('image-input').setInputFiles({ name: 'phone.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByText('phone.jpg — 200x400 px').waitFor();
  assert.equal(await page.getByTestId('token-total').textContent(), String(engineTotal(QWEN, 200, 400)));
  assert.deepEqual(problems, []);
  await context.close();
});
