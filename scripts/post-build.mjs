// Trunk post-build hook, run on the staged page before Trunk moves it into place.
//
// 1. Release builds only: minify wasm-bindgen's JavaScript glue with terser (58 KB -> 27 KB, about
//    2.4 KB less after gzip), then put the new file's sha384 in the `integrity` attribute Trunk wrote
//    for it, which would otherwise make the browser refuse the script. The service worker too.
// 2. Fill in the Content-Security-Policy's script hashes. Trunk writes the module script that starts
//    the wasm inline, and its text (file names with content hashes, the public URL) changes with
//    every build, so its sha256 can only be known once the page is built. index.html's policy
//    carries the placeholder 'sha256-INLINE-SCRIPTS', replaced here by the hash of every inline
//    script of the built page (the loader; under `trunk serve`, also the reload script, whose
//    websocket then gets a connect-src).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('scripts/post-build.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR unset)');
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

if (process.env.TRUNK_PROFILE === 'release') {
  const glue = readdirSync(dir).filter((name) => /^vistok-web-[0-9a-f]+\.js$/.test(name));
  if (glue.length !== 1) throw new Error(`expected one wasm-bindgen script in ${dir}, found ${glue.length}`);
  const path = join(dir, glue[0]);
  const source = readFileSync(path, 'utf8');
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  const sri = (text) => `sha384-${createHash('sha384').update(text, 'utf8').digest('base64')}`;
  const before = sri(source);
  if (!html.includes(before)) throw new Error(`index.html does not carry the integrity of ${glue[0]}`);
  writeFileSync(path, code);
  html = html.replaceAll(before, sri(code));
  console.log(`post-build.mjs: ${glue[0]} minified, ${source.length} -> ${code.length} bytes`);
  // The service worker (a classic script the page registers by name, so no integrity to update).
  const worker = join(dir, 'sw.js');
  const workerSource = readFileSync(worker, 'utf8');
  const { code: workerCode } = await minify(workerSource, { compress: { passes: 2 }, mangle: true });
  writeFileSync(worker, workerCode);
  console.log(`post-build.mjs: sw.js minified, ${workerSource.length} -> ${workerCode.length} bytes`);
}

const PLACEHOLDER = "'sha256-INLINE-SCRIPTS'";
if (!html.includes(PLACEHOLDER)) throw new Error(`index.html's Content-Security-Policy lacks ${PLACEHOLDER}`);
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
if (hashes.length === 0) throw new Error('no inline script found: has Trunk changed how it loads the wasm?');
html = html.replace(PLACEHOLDER, hashes.join(' '));
if (/new WebSocket/.test(html)) html = html.replace("connect-src 'self'", "connect-src 'self' ws: wss:");
writeFileSync(file, html);
console.log(`post-build.mjs: ${hashes.length} inline script hash(es) in the Content-Security-Policy`);
