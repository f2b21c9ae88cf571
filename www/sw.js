// The service worker: keeps a copy of the page (shell, modules, WASM, vendor assets, rule files)
// in this browser so a reload works without a connection. Every same-origin GET goes to the network
// first (so a page online always has the newest rules) and its answer is kept; when the network
// fails, the kept copy answers. The page sends the list of everything it loaded (`keep`), so the
// parts fetched before this worker took control are kept too. No request leaves the origin.
const CACHE = "probity-v1";
const SHELL = ["./", "index.html", "css/app.css", "vendor/govuk-frontend.min.css", "pkg/page.js", "js/engine.js", "js/boot.js", "manifest.webmanifest", "icon.svg"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("probity-") && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

/** The key a request is kept under: the URL without query or fragment; a page load is the page. */
function key(request) {
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  if (request.mode === "navigate") return new URL("./", self.registration.scope).href;
  return url.href;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(key(request), response.clone());
    return response;
  } catch (e) {
    const kept = await cache.match(key(request));
    if (kept) return kept;
    throw e;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

// `{ type: "keep", urls }`: keep these (same-origin) URLs; answers `{ type: "kept", count }`.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep" || !Array.isArray(data.urls)) return;
  const urls = [...new Set(data.urls.filter((u) => typeof u === "string" && new URL(u, self.location.href).origin === self.location.origin)
    .map((u) => { const x = new URL(u, self.location.href); x.search = ""; x.hash = ""; return x.href; }))];
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    let count = 0;
    for (const u of urls) {
      if (await cache.match(u)) { count++; continue; }
      try {
        const response = await fetch(u);
        if (response.ok) { await cache.put(u, response); count++; }
      } catch { /* offline now: kept next time */ }
    }
    if (event.source) event.source.postMessage({ type: "kept", count, of: urls.length });
  })());
});
