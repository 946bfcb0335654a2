// Planwright's service worker: the app keeps working with the network gone.
//
// This is a template. Trunk's post-build hook (`cargo xtask post-build`, xtask/src/pwa.rs)
// writes it into the build as sw.js with VERSION and FILES filled in: every file of the
// build with its SHA-256 (the parts without: their names hold their hash), and a version
// derived from them. A new release therefore changes this file's bytes, the browser
// installs the new worker beside the running one, and the page offers "New version
// available — Reload" (src/ui/shell/update_banner.rs).
'use strict';

const VERSION = 'development';
const FILES = /* FILES */ {};

// Relative to the worker's own URL, so the build works at a site root or under a sub-path.
const SCOPE = self.registration.scope;
// One cache per release, named with the scope: another copy of the app elsewhere on the
// same origin (another sub-path) keeps its own caches.
const CACHE_PREFIX = 'planwright ' + SCOPE + ' ';
const CACHE = CACHE_PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // Every file of the release or none: the hashes make a file changed mid-way (a deploy
  // in progress) fail the install, and the next visit tries again.
  // A part is listed with an empty integrity: its name holds the hash of its bytes.
  const requests = Object.entries(FILES).map(
    ([path, integrity]) => new Request(new URL(path, SCOPE), { integrity, cache: 'no-cache' }),
  );
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
  // No skipWaiting here: a page running the previous release keeps its files until the
  // person chooses "Reload" (the page then sends 'skip-waiting').
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE).map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') {
    self.skipWaiting();
  }
});

// Cache first for the release's own files; anything else goes to the network untouched.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) {
    return;
  }
  // The page itself is index.html, whatever its query.
  const path = new URL(request.url).pathname.slice(new URL(SCOPE).pathname.length) || 'index.html';
  if (!Object.hasOwn(FILES, path)) {
    return;
  }
  const url = new URL(path, SCOPE).href;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(url))
      .then((cached) => cached || fetch(request)),
  );
});
