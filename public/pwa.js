// The installed-app glue every page loads (a few hundred bytes of JS instead of WASM
// bindings for APIs web-sys does not type, such as `beforeinstallprompt`). The elements it
// shows are rendered, localized and hidden, by the server (app/src/components/pwa.rs).
"use strict";

(() => {
  const byId = (id) => document.getElementById(id);
  const show = (element, visible) => {
    if (element) {
      element.hidden = !visible;
    }
  };

  // Install: only when the browser offers it; iOS Safari never does, so it gets a hint.
  let offer = null;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    offer = event;
    show(byId("pwa-install"), true);
  });
  window.addEventListener("appinstalled", () => {
    offer = null;
    show(byId("pwa-install"), false);
  });
  const installButton = byId("pwa-install-button");
  if (installButton) {
    installButton.addEventListener("click", async () => {
      if (!offer) {
        return;
      }
      offer.prompt();
      await offer.userChoice;
      offer = null;
      show(byId("pwa-install"), false);
    });
  }
  const standalone =
    window.matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
  const ios = /iphone|ipad|ipod/i.test(navigator.userAgent) && !/crios|fxios/i.test(navigator.userAgent);
  if (ios && !standalone) {
    show(byId("pwa-ios-hint"), true);
  }

  // Without a connection, say what cannot work (checkout) and that the page may be old.
  const connection = () => {
    const offline = !navigator.onLine;
    document.querySelectorAll("[data-needs-connection]").forEach((element) => show(element, offline));
    document.documentElement.classList.toggle("is-offline", offline);
  };
  window.addEventListener("online", connection);
  window.addEventListener("offline", connection);
  connection();

  // This visit's products, newest first: what suggestions use when the shop may not
  // remember the shopper. A session cookie the server reads and never stores; written here
  // rather than by the server so that product pages stay cacheable for offline reading.
  const viewed = document.querySelector("[data-product-id]");
  if (viewed) {
    const id = viewed.dataset.productId;
    const previous = (document.cookie.match(/(?:^|; )dokkan_recent=([0-9.]*)/) || [])[1] || "";
    const ids = [id, ...previous.split(".").filter((x) => x && x !== id)].slice(0, 8);
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `dokkan_recent=${ids.join(".")}; path=/; SameSite=Lax${secure}`;
  }

  if (!("serviceWorker" in navigator)) {
    return;
  }
  let updating = false;
  const offerUpdate = (worker) => {
    const banner = byId("pwa-update");
    const button = byId("pwa-update-button");
    if (!banner || !button) {
      return;
    }
    show(banner, true);
    button.onclick = () => {
      updating = true;
      worker.postMessage({ type: "skip-waiting" });
    };
  };
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only the shopper's "Reload" swaps versions under a page; the first install does not.
    if (updating) {
      window.location.reload();
    }
  });
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "replay-cart") {
      window.dispatchEvent(new CustomEvent("dokkan:replay-cart"));
    }
  });
  window.addEventListener("dokkan:cart-queued", async () => {
    const registration = await navigator.serviceWorker.ready;
    if (registration.sync) {
      registration.sync.register("dokkan-cart").catch(() => {});
    }
  });
  // After the page has loaded: the worker's first install downloads the shell (the WASM
  // again among it), which must not compete with the page's own pictures and code.
  const register = () =>
      navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then((registration) => {
        if (registration.waiting && navigator.serviceWorker.controller) {
          offerUpdate(registration.waiting);
        }
        registration.addEventListener("updatefound", () => {
          const worker = registration.installing;
          if (!worker) {
            return;
          }
          worker.addEventListener("statechange", () => {
            if (worker.state === "installed" && navigator.serviceWorker.controller) {
              offerUpdate(worker);
            }
          });
        });
      })
      .catch(() => {});
  if (document.readyState === "complete") {
    register();
  } else {
    window.addEventListener("load", register, { once: true });
  }
})();
