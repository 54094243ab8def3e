// Trunk post-build hook, run on the staged page before Trunk moves it into place.
//
// 0. The split (below): the article's code cut into a second wasm module, loaded after the figure.
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
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import binaryen from 'binaryen';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('scripts/post-build.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR unset)');
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const release = process.env.TRUNK_PROFILE === 'release';
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

const glue = readdirSync(dir).filter((name) => /^vistok-web-[0-9a-f]+\.js$/.test(name));
if (glue.length !== 1) throw new Error(`expected one wasm-bindgen script in ${dir}, found ${glue.length}`);
const stem = glue[0].slice(0, -'.js'.length);
const gluePath = join(dir, glue[0]);
const wasmPath = join(dir, `${stem}_bg.wasm`);
// The integrity attributes Trunk wrote, replaced by those of the files as they end up.
const glueSri = sri(readFileSync(gluePath));
const wasmSri = sri(readFileSync(wasmPath));
for (const s of [glueSri, wasmSri]) if (!html.includes(s)) throw new Error(`index.html lacks the integrity ${s}`);

// 0. The split (index.html builds with the `split` feature): the article's code becomes a second
//    wasm module, fetched once the figure is drawn, so the first figure waits for less. wasm-split-cli
//    cuts cargo's own output (it needs the linker's relocations, .cargo/config.toml) at the split
//    points leptos's #[lazy] leaves; the main part then goes through wasm-bindgen and wasm-opt as
//    Trunk's pipeline would, and replaces Trunk's files. The parts are named by their content's hash
//    (the service worker serves its cached copy of a name), and listed for the service worker.
const raw = join(process.env.TRUNK_SOURCE_DIR ?? '.', 'target/wasm32-unknown-unknown', release ? 'release' : 'debug', 'vistok-web.wasm');
// wasm-opt runs here, not in Trunk (index.html says data-wasm-opt="0"): Trunk's pass would optimise
// the unsplit module, only to have it replaced.
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
// VISTOK_WASM_NAMES=1 keeps the functions' names (for `node bench/bench.mjs profile` on such a build).
const names = process.env.VISTOK_WASM_NAMES ? ['-g'] : [];
if (readFileSync(raw).includes('__wasm_split_placeholder__')) {
  const tmp = mkdtempSync(join(tmpdir(), 'vistok-split-'));
  try {
    run('wasm-split-cli', [raw, tmp, '--out-name', stem]);
    run('wasm-bindgen', [...(names.length ? ['--keep-debug'] : []), '--target=web', `--out-dir=${join(tmp, 'bg')}`, `--out-name=${stem}`, join(tmp, `${stem}.wasm`), '--no-typescript']);
    const optimize = (from, to) => (release ? run('wasm-opt', ['-Oz', ...names, from, '-o', to]) : copyFileSync(from, to));
    // The later parts call into the main one through its function table, which wasm-bindgen 0.2.130
    // no longer exports (it drops lld's __indirect_function_table): exported again, before wasm-opt
    // (which then keeps every entry, as it must).
    const main = join(tmp, 'bg', `${stem}_bg.wasm`);
    writeFileSync(main, exportFunctionTable(readFileSync(main)));
    optimize(main, wasmPath);
    let link = readFileSync(join(tmp, '__wasm_split.js'), 'utf8');
    const parts = [];
    for (const part of readdirSync(tmp).filter((n) => /^split_.*\.wasm$/.test(n))) {
      const out = join(tmp, `opt-${part}`);
      optimize(join(tmp, part), out);
      const bytes = readFileSync(out);
      const name = `${stem}-${part.replace(/^split_(.*?)_\d+\.wasm$/, '$1')}-${short(bytes)}.wasm`;
      copyFileSync(out, join(dir, name));
      if (!link.includes(`"./${part}"`)) throw new Error(`__wasm_split.js does not fetch ${part}`);
      link = link.replace(`"./${part}"`, `"./${name}"`);
      parts.push(name);
    }
    if (parts.length === 0) throw new Error('the build has split points but wasm-split-cli cut no module');
    link = (await minify(link, { module: true, compress: { passes: 2 }, mangle: true })).code;
    const linkName = `${stem}-split-${short(link)}.js`;
    writeFileSync(join(dir, linkName), link);
    const glueSource = readFileSync(join(tmp, 'bg', `${stem}.js`), 'utf8');
    if (!glueSource.includes('"./__wasm_split.js"')) throw new Error('the wasm-bindgen script does not import __wasm_split.js');
    writeFileSync(gluePath, glueSource.replace('"./__wasm_split.js"', `"./${linkName}"`));
    parts.unshift(linkName);
    html = html.replace('</head>', `<meta name="vistok-later" content="${parts.join(' ')}"></head>`);
    console.log(`post-build.mjs: split, ${parts.length} later part(s): ${parts.join(', ')}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else if (release) {
  run('wasm-opt', ['-Oz', ...names, wasmPath, '-o', wasmPath]);
}
html = html.replaceAll(wasmSri, sri(readFileSync(wasmPath)));

/** The module with its function table (its first table) exported as __indirect_function_table. */
function exportFunctionTable(bytes) {
  const module = binaryen.readBinary(bytes);
  try {
    const table = binaryen.getTableInfo(module.getTableByIndex(0)).name;
    module.addTableExport(table, '__indirect_function_table');
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}

if (release) {
  const source = readFileSync(gluePath, 'utf8');
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  writeFileSync(gluePath, code);
  console.log(`post-build.mjs: ${glue[0]} minified, ${source.length} -> ${code.length} bytes`);
  // The service worker (a classic script the page registers by name, so no integrity to update).
  const worker = join(dir, 'sw.js');
  const workerSource = readFileSync(worker, 'utf8');
  const { code: workerCode } = await minify(workerSource, { compress: { passes: 2 }, mangle: true });
  writeFileSync(worker, workerCode);
  console.log(`post-build.mjs: sw.js minified, ${workerSource.length} -> ${workerCode.length} bytes`);
}

html = html.replaceAll(glueSri, sri(readFileSync(gluePath)));

const PLACEHOLDER = "'sha256-INLINE-SCRIPTS'";
if (!html.includes(PLACEHOLDER)) throw new Error(`index.html's Content-Security-Policy lacks ${PLACEHOLDER}`);
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
if (hashes.length === 0) throw new Error('no inline script found: has Trunk changed how it loads the wasm?');
html = html.replace(PLACEHOLDER, hashes.join(' '));
if (/new WebSocket/.test(html)) html = html.replace("connect-src 'self'", "connect-src 'self' ws: wss:");
writeFileSync(file, html);
console.log(`post-build.mjs: ${hashes.length} inline script hash(es) in the Content-Security-Policy`);
