// Screenshots of the figure and every section for review: node scripts/screenshots.mjs [out-dir]
// (SCREENS_DIST=<folder> shoots another build, to compare a change's pages before and after).
// Serves dist/ (build it first with `make build`), loads the landscape sample for three models at
// desktop (1280x800) and phone (390x844) sizes, and writes the figure and every section, plus a
// simulated-deuteranopia view of the figure and chart (Machado et al. 2009 matrix, severity 1).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, launch, openPage, pickModel, modelIds, selectedModel } from '../tests/e2e/harness.mjs';

const out = process.argv[2] ?? 'test-results/screens';
await mkdir(out, { recursive: true });
const server = await serveDist(process.env.SCREENS_DIST);
const browser = await launch();
const models = {
  qwen: 'Qwen/Qwen2.5-VL-7B-Instruct',
  onevision: 'llava-hf/llava-onevision-qwen2-7b-ov-hf',
  internvl: 'OpenGVLab/InternVL3-8B-hf',
  idefics3: 'HuggingFaceM4/Idefics3-8B-Llama3',
};
for (const [name, id] of Object.entries(models)) {
  for (const [device, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    const { page, problems, context } = await openPage(browser, server.url, viewport, 2);
    await page.getByText('landscape.jpg').waitFor();
    await pickModel(page, id);
    await page.waitForTimeout(300);
    await page.locator('section.figure').screenshot({ path: join(out, `${name}-${device}-figure.png`) });
    for (const section of ['see', 'recipe', 'trap', 'strategies', 'downsampling', 'aspect', 'special', 'cost', 'compare']) {
      await page.locator(`section#${section}`).screenshot({ path: join(out, `${name}-${device}-${section}.png`) });
    }
    if (device === 'desktop') {
      // Chromium's own simulation (the page's Content-Security-Policy refuses an injected filter).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: 'deuteranopia' });
      await page.waitForTimeout(200);
      await page.locator('section.figure').screenshot({ path: join(out, `${name}-deuteranopia-figure.png`) });
      await page.locator('section#trap').screenshot({ path: join(out, `${name}-deuteranopia-trap.png`) });
    }
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();
  }
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
