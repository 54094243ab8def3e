// Benchmarks recorded in bench/RESULTS.md. Run with `make bench` (builds dist/ first).
//  1. release transfer size: wasm + js + css of dist/, gzip -9 (sample images excluded);
//  2. slider input event -> both canvases repainted: median and p95 over 100 inputs, in headless
//     chromium, with a generated 12-megapixel (4000x3000) JPEG loaded.
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { serveDist, launch, openPage } from '../tests/e2e/harness.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;

async function transferSize() {
  const rows = [];
  for (const name of await readdir(DIST)) {
    if (!/\.(wasm|js|css)$/.test(name)) continue;
    const raw = await readFile(join(DIST, name));
    rows.push({ name, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length });
  }
  return rows;
}

async function sliderLatency(model) {
  const server = await serveDist();
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser, `${server.url}?model=${model}&w=600&h=400`);
    await page.getByTestId('token-total').waitFor();
    // A 12-megapixel photo-like JPEG, made in the page and handed to the file input.
    const b64 = await page.evaluate(async () => {
      const c = new OffscreenCanvas(4000, 3000);
      const g = c.getContext('2d');
      const grad = g.createLinearGradient(0, 0, 4000, 3000);
      grad.addColorStop(0, '#2b5876'); grad.addColorStop(1, '#f4d03f');
      g.fillStyle = grad; g.fillRect(0, 0, 4000, 3000);
      for (let i = 0; i < 400; i++) {
        g.fillStyle = `hsl(${(i * 37) % 360} 60% 50% / 0.5)`;
        g.beginPath(); g.arc((i * 997) % 4000, (i * 613) % 3000, 40 + (i % 90), 0, 7); g.fill();
      }
      const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = ''; for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    });
    await page.getByTestId('image-input').setInputFiles({ name: 'big.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') });
    await page.getByText('big.jpg — 4000x3000 px').waitFor();
    const samples = await page.evaluate(async () => {
      // Stamp every canvas when a paint starts (overlay: clearRect; chart: fillRect of a fresh base,
      // or drawImage of its cached base).
      for (const name of ['clearRect', 'fillRect', 'drawImage']) {
        const original = CanvasRenderingContext2D.prototype[name];
        CanvasRenderingContext2D.prototype[name] = function (...args) {
          this.canvas.__painted = performance.now();
          return original.apply(this, args);
        };
      }
      const slider = document.querySelector('[data-testid=width-slider]');
      const canvases = ['overlay-canvas', 'plot-canvas'].map((id) => document.querySelector(`[data-testid=${id}]`));
      const macrotask = () => new Promise((r) => { const ch = new MessageChannel(); ch.port1.onmessage = () => r(); ch.port2.postMessage(0); });
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const out = [];
      for (let i = 0; i < 100; i++) {
        await frame();
        slider.value = String(1000 + ((i * 37) % 3000));
        const t0 = performance.now();
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await macrotask(); // Leptos runs its effects (the paints) as microtasks before this.
        const t1 = performance.now();
        if (!canvases.every((c) => c.__painted >= t0)) throw new Error(`input ${i}: a canvas did not repaint`);
        out.push(t1 - t0);
      }
      return out;
    });
    if (problems.length) throw new Error(problems.join('\n'));
    samples.sort((a, b) => a - b);
    const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
    return { median: q(0.5), p95: q(0.95), max: samples[samples.length - 1] };
  } finally {
    await browser.close();
    await server.close();
  }
}

const sizes = await transferSize();
const total = sizes.reduce((a, r) => a + r.gzip, 0);
console.log('| file | raw bytes | gzip -9 bytes |\n| --- | --- | --- |');
for (const r of sizes) console.log(`| ${r.name.replace(/-[0-9a-f]{16}/, '-<hash>')} | ${r.raw} | ${r.gzip} |`);
console.log(`| **total** | ${sizes.reduce((a, r) => a + r.raw, 0)} | **${total}** (${(total / 1024).toFixed(1)} KiB) |\n`);
console.log('| model | median ms | p95 ms | max ms |\n| --- | --- | --- | --- |');
for (const model of ['Qwen/Qwen2.5-VL-7B-Instruct', 'google/gemma-3-4b-it', 'llava-hf/llava-onevision-qwen2-7b-ov-hf']) {
  const r = await sliderLatency(model);
  console.log(`| ${model} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(2)} |`);
}
