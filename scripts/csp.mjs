// Trunk post-build hook: fills in the Content-Security-Policy's script hashes. Trunk writes the
// module script that starts the wasm inline, and its text (file names with content hashes, the
// public URL) changes with every build, so its sha256 can only be known once the page is built.
// index.html's policy carries the placeholder 'sha256-INLINE-SCRIPTS', replaced here by the hash
// of every inline script of the built page (the loader; under `trunk serve`, also the reload
// script, whose websocket then gets a connect-src).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('scripts/csp.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR unset)');
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const PLACEHOLDER = "'sha256-INLINE-SCRIPTS'";
if (!html.includes(PLACEHOLDER)) throw new Error(`index.html's Content-Security-Policy lacks ${PLACEHOLDER}`);
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
if (hashes.length === 0) throw new Error('no inline script found: has Trunk changed how it loads the wasm?');
html = html.replace(PLACEHOLDER, hashes.join(' '));
if (/new WebSocket/.test(html)) html = html.replace("connect-src 'self'", "connect-src 'self' ws: wss:");
writeFileSync(file, html);
console.log(`csp.mjs: ${hashes.length} inline script hash(es) in the Content-Security-Policy`);
