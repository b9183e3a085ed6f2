// The installable, offline-capable shop (issue 18): the manifest and installability as
// Chromium judges them, the service worker, pages read offline from its cache with the
// banner, the offline page in the page's language, add to cart offline applied exactly
// once when the connection returns, and the "new version" prompt.
import { BrowserContext, Page, chromium } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, expectNoAxeViolations, locales } from "./fixtures";
import { digits, readNumber } from "./shop";

const products = {
  en: { visited: "glass-water-jug-1-5l", unvisited: "granite-oven-tray-40x30" },
  ar: { visited: "bamboo-cutting-board-38x28", unvisited: "cotton-bathrobe" },
} as const;

/** Waits until a service worker is active and controls this page. */
async function controlled(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
      );
    }
  });
}

async function offline(context: BrowserContext, page: Page, value: boolean) {
  await context.setOffline(value);
  // The page hears it too: the cart queue replays on `online`.
  await page.evaluate((v) => window.dispatchEvent(new Event(v ? "offline" : "online")), value);
}

for (const { lang, dir } of locales) {
  test.describe(`installable app (${lang})`, () => {
    test("the manifest makes the shop installable", async ({ page, baseURL }) => {
      await page.goto(`/${lang}/`);
      const href = await page.locator('link[rel="manifest"]').getAttribute("href");
      expect(href).toBe(`/${lang}/manifest.webmanifest`);
      const manifest = await (await page.request.get(href!)).json();
      expect(manifest.lang).toBe(lang);
      expect(manifest.dir).toBe(dir);
      expect(manifest.start_url).toBe(`/${lang}/?source=pwa`);
      expect(manifest.display).toBe("standalone");
      expect(manifest.icons.map((i: { purpose: string }) => i.purpose)).toContain("maskable");
      for (const shot of manifest.screenshots) {
        expect((await page.request.get(shot.src)).status()).toBe(200);
      }
      // The install button waits for the browser's offer; it is never shown unasked.
      await expect(page.getByTestId("pwa-install")).toBeHidden();

      // Chromium never offers installation in a throw-away (incognito) profile: ask it
      // in a real one.
      const profile = mkdtempSync(join(tmpdir(), "dokkan-pwa-"));
      const persistent = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu"],
        baseURL,
      });
      try {
        const installed = persistent.pages()[0] ?? (await persistent.newPage());
        await installed.goto(`/${lang}/`);
        await controlled(installed);
        const cdp = await persistent.newCDPSession(installed);
        await expect
          .poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors)
          .toEqual([]);
      } finally {
        await persistent.close();
        rmSync(profile, { recursive: true, force: true });
      }
    });

    test("visited pages open offline with the banner, others show the offline page", async ({
      page,
      context,
    }) => {
      await page.goto(`/${lang}/`);
      await controlled(page);
      await page.goto(`/${lang}/products/${products[lang].visited}`);
      const name = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
      // Its category, through the breadcrumbs.
      const crumb = page.locator(".breadcrumbs a").last();
      const categoryHref = await crumb.getAttribute("href");
      await crumb.click();
      await expect(page).toHaveURL(new RegExp(`${categoryHref}$`));
      const heading = (await page.getByRole("heading", { level: 1 }).innerText()).trim();

      await offline(context, page, true);
      await page.goto(`/${lang}/products/${products[lang].visited}`);
      await expect(page.getByTestId("offline-banner")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
      await page.goto(categoryHref!);
      await expect(page.getByTestId("offline-banner")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);

      await page.goto(`/${lang}/products/${products[lang].unvisited}`);
      await expect(page.getByTestId("offline-page")).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expectNoAxeViolations(page);

      await offline(context, page, false);
      // Checkout, open when the connection drops, says it needs one.
      await page.goto(`/${lang}/checkout`);
      await expect(page.getByTestId("needs-connection")).toBeHidden();
      await offline(context, page, true);
      await expect(page.getByTestId("needs-connection")).toBeVisible();
      await offline(context, page, false);
    });

    test("add to cart offline is added once when the connection returns", async ({
      page,
      context,
    }) => {
      await page.goto(`/${lang}/`);
      await controlled(page);
      await page.goto(`/${lang}/products/${products[lang].visited}`);
      await expect(page.locator(".cart-button")).toHaveAttribute("data-hydrated", "true", {
        timeout: 15_000,
      });
      const before = readNumber(await page.getByTestId("cart-count").textContent());
      expect(before).toBe(0);

      await offline(context, page, true);
      await page.getByTestId("add-to-cart").click();
      await expect(page.getByTestId("add-to-cart-message")).not.toBeEmpty();
      await expect(page.getByTestId("cart-count")).toHaveText(digits(lang, before + 1));
      // The same action twice in the queue (two tabs, a sync and an `online` at once):
      // its key makes the server apply it once.
      await page.evaluate(() => {
        const queue = JSON.parse(localStorage.getItem("dokkan.cart-queue") ?? "[]");
        localStorage.setItem("dokkan.cart-queue", JSON.stringify([...queue, ...queue]));
      });

      await offline(context, page, false);
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem("dokkan.cart-queue")))
        .toBeNull();
      await page.goto(`/${lang}/cart`);
      const line = page.getByTestId("cart-line");
      await expect(line).toHaveCount(1);
      await expect(line.getByTestId("cart-line-quantity")).toHaveValue("1");
      await expect(page.getByTestId("cart-count")).toHaveText(digits(lang, 1));
    });

    test("a new version offers a reload", async ({ page }) => {
      await page.goto(`/${lang}/`);
      await controlled(page);
      await expect(page.getByTestId("pwa-update")).toBeHidden();
      // The next deploy, as the browser sees it: another worker script for the same
      // scope. It installs and waits; the page offers the reload instead of mixing
      // versions under the shopper.
      await page.evaluate(() => navigator.serviceWorker.register("/sw.js?next", { scope: "/" }));
      await expect(page.getByTestId("pwa-update")).toBeVisible();
      await expectNoAxeViolations(page);
      // After a real deploy the reloaded page registers the same script URL it is now
      // controlled by. Here the "next version" lives at another URL, so the page's own
      // `register("/sw.js")` would look like yet another version and offer a reload again
      // as soon as it installed (a race the test lost when the cache was warm): on the
      // reloaded page that call stands for the already registered worker.
      await page.addInitScript(() => {
        const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
        navigator.serviceWorker.register = (url, options) =>
          String(url) === "/sw.js" ? navigator.serviceWorker.ready : register(url, options);
      });
      await Promise.all([page.waitForEvent("load"), page.locator("#pwa-update-button").click()]);
      await expect(page.getByTestId("pwa-update")).toBeHidden();
      const script = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
      expect(script).toMatch(/\/sw\.js\?next$/);
    });
  });
}
