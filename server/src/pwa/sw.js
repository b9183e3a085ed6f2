// Dokkan's service worker. The server writes this build's version, the files to precache
// and the offline banner's words in where the placeholders are (server/src/pwa/mod.rs).
//
// - The shop's own files (hashed /pkg files, icons) and one offline page per language are
//   precached at install; a new version installs beside the old one and waits until the
//   page asks it to take over (the page offers "a new version is available — reload").
// - Storefront pages: network first with a short timeout; a page the shopper already
//   visited comes from the cache (with the offline banner), any other from the offline
//   page in the page's language. Only pages the server marks `x-dokkan-offline: keep` are
//   kept: never an account, cart, checkout, order or admin page, nothing personal,
//   nothing that set a cookie, never a non-GET.
// - Pictures (/media): stale-while-revalidate in a cache of at most MAX_IMAGES.
// - Push: a notification for an order update; a click opens the order.
"use strict";

const VERSION = "__VERSION__";
const PRECACHE = ["__PRECACHE__"];
const TEXTS = {"__TEXTS__": 0};

const SHELL_CACHE = `dokkan-shell-${VERSION}`;
const PAGE_CACHE = `dokkan-pages-${VERSION}`;
const IMAGE_CACHE = "dokkan-images";
const MAX_IMAGES = 120;
const MAX_PAGES = 60;
const NETWORK_TIMEOUT_MS = 3500;
const LANGS = Object.keys(TEXTS);
// Pages that are personal or change with every action: never kept.
const PRIVATE = /^\/(en|ar)\/(account|cart|checkout|orders|admin)(\/|$)/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) =>
      // Without cookies: the offline pages must not carry anyone's header.
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload", credentials: "omit" })))
    )
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL_CACHE, PAGE_CACHE, IMAGE_CACHE]);
      for (const name of await caches.keys()) {
        if (name.startsWith("dokkan-") && !keep.has(name)) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })()
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(request, url, event));
  } else if (url.pathname.startsWith("/media/")) {
    event.respondWith(image(request, event));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(
      caches.match(request, { cacheName: SHELL_CACHE }).then((hit) => hit || fetch(request))
    );
  }
});

function langOf(url) {
  const first = url.pathname.split("/")[1];
  return LANGS.includes(first) ? first : "ar";
}

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));
}

async function page(request, url, event) {
  const keepable = LANGS.includes(url.pathname.split("/")[1]) && !PRIVATE.test(url.pathname);
  const network = fetch(request).then((response) => {
    if (
      keepable &&
      response.ok &&
      response.type === "basic" &&
      response.headers.get("x-dokkan-offline") === "keep"
    ) {
      const copy = response.clone();
      event.waitUntil(
        caches.open(PAGE_CACHE).then(async (cache) => {
          await cache.put(request, copy);
          await trim(cache, MAX_PAGES);
        })
      );
    }
    return response;
  });
  const kept = keepable
    ? await caches.match(request, { cacheName: PAGE_CACHE, ignoreVary: true })
    : undefined;
  try {
    // A slow network only loses to a copy there is to show; without one, wait for it.
    return await (kept ? Promise.race([network, timeout(NETWORK_TIMEOUT_MS)]) : network);
  } catch (error) {
    if (kept) {
      event.waitUntil(network.catch(() => {}));
      return withBanner(kept, langOf(url));
    }
    const offline = await caches.match(`/${langOf(url)}/offline`, { cacheName: SHELL_CACHE });
    return offline || Response.error();
  }
}

// A kept page says it is one: the banner goes right after <body>.
async function withBanner(response, lang) {
  const html = await response.text();
  const text = (TEXTS[lang] || TEXTS.ar).banner;
  const banner =
    `<div class="offline-banner" role="status" data-testid="offline-banner">${escapeHtml(text)}</div>`;
  const body = html.replace(/<body([^>]*)>/i, (tag) => `${tag}${banner}`);
  const headers = new Headers(response.headers);
  headers.set("x-dokkan-from-cache", "1");
  return new Response(body, { status: 200, headers });
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function image(request, event) {
  const cache = await caches.open(IMAGE_CACHE);
  const hit = await cache.match(request);
  const refresh = fetch(request)
    .then(async (response) => {
      if (response.ok) {
        await cache.put(request, response.clone());
        await trim(cache, MAX_IMAGES);
      }
      return response;
    })
    .catch(() => hit || placeholder());
  if (hit) {
    event.waitUntil(refresh);
    return hit;
  }
  return refresh;
}

// A picture neither kept nor reachable: an empty frame rather than a broken image.
function placeholder() {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3" fill="#ece8df"/></svg>';
  return new Response(svg, { headers: { "content-type": "image/svg+xml" } });
}

// Oldest first: a cache lists its entries in the order they were put.
async function trim(cache, max) {
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - max; i++) {
    await cache.delete(keys[i]);
  }
}

// Add-to-cart actions queued offline live in the page; a sync asks open pages to send them.
self.addEventListener("sync", (event) => {
  if (event.tag === "dokkan-cart") {
    event.waitUntil(
      self.clients.matchAll({ type: "window" }).then((clients) => {
        for (const client of clients) {
          client.postMessage({ type: "replay-cart" });
        }
      })
    );
  }
});

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (error) {
    message = {};
  }
  if (!message.title) {
    return;
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body || "",
      tag: message.tag,
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      lang: message.lang,
      dir: message.dir || "auto",
      data: { url: message.url || "/" },
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data && event.notification.data.url || "/", self.location.origin);
  if (target.origin !== self.location.origin) {
    return;
  }
  event.waitUntil(
    (async () => {
      const clients = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of clients) {
        if (client.url === target.href && "focus" in client) {
          return client.focus();
        }
      }
      return self.clients.openWindow(target.href);
    })()
  );
});
