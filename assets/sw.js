// vistok's service worker: after the first visit the page works offline, from any sub-path it is
// served under. It only caches the site's own files (the page, its wasm, script and styles, the
// sample images); nothing the reader makes passes through it or leaves the browser.
const CACHE = 'vistok-v1';
const SAMPLES = ['samples/landscape.jpg', 'samples/portrait.jpg', 'samples/screenshot.png'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // The page names its hashed files in the <link>/<script> tags trunk wrote (a release build's
    // minified page leaves the attribute values unquoted).
    const page = await fetch('./', { cache: 'no-cache' });
    const html = await page.clone().text();
    await cache.put('./', page);
    // The parts fetched after the figure (the article's wasm and its loader) are listed in a meta tag.
    const later = html.match(/<meta name="vistok-later" content="([^"]*)">/)?.[1].split(' ') ?? [];
    const own = [...html.matchAll(/(?:href|src)=(?:"([^"#?]+)"|([^\s"'>#?]+))/g)]
      .map((m) => m[1] ?? m[2])
      .concat(later)
      .filter((path) => /\.(?:js|wasm|css)$/.test(path))
      .map((path) => new URL(path, self.registration.scope).href)
      .filter((url) => url.startsWith(self.registration.scope));
    await cache.addAll([...new Set(own), ...SAMPLES]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  if (request.mode === 'navigate') {
    // The page: fresh when online (a new deploy brings new hashed files), cached when offline.
    event.respondWith(fetch(request).catch(async () => (await caches.match('./')) ?? Response.error()));
    return;
  }
  event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
});
