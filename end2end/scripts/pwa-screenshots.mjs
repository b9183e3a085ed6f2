// Screenshots to look at when the PWA or the phone layout changes (written to
// target/screenshots/, not committed): the install button, a page read offline with its
// banner, the offline page, in both languages; home, category, product and checkout at
// 390 px and 1366 px; the installed app's bottom bar.
//
//   DOKKAN_BASE_URL=http://127.0.0.1:3000 node end2end/scripts/pwa-screenshots.mjs
//
// The install button is shown by a `beforeinstallprompt` event dispatched by hand: headless
// Chromium does not offer installation on its own (installability itself is checked by
// pwa.spec.ts through the DevTools protocol).
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const base = process.env.DOKKAN_BASE_URL ?? "http://127.0.0.1:3000";
const out = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "target", "screenshots");
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const product = process.env.DOKKAN_PRODUCT ?? "classic-cotton-polo-shirt";
const category = process.env.DOKKAN_CATEGORY ?? "fashion";

async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
}

for (const lang of ["en", "ar"]) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: base });
  const page = await context.newPage();

  await page.goto(`/${lang}/`);
  await controlled(page);
  await page.evaluate(() => {
    const offer = new Event("beforeinstallprompt");
    offer.prompt = () => {};
    offer.userChoice = Promise.resolve({ outcome: "dismissed" });
    window.dispatchEvent(offer);
  });
  await page.screenshot({ path: join(out, `install-${lang}.png`) });

  await page.goto(`/${lang}/products/${product}`);
  await context.setOffline(true);
  await page.goto(`/${lang}/products/${product}`);
  await page.screenshot({ path: join(out, `offline-banner-${lang}.png`) });
  await page.goto(`/${lang}/search?q=never-visited`).catch(() => {});
  await page.screenshot({ path: join(out, `offline-page-${lang}.png`) });
  await context.setOffline(false);
  await context.close();

  for (const [width, height] of [
    [390, 844],
    [1366, 768],
  ]) {
    const wide = await browser.newContext({ viewport: { width, height }, baseURL: base });
    const shot = await wide.newPage();
    for (const [name, path] of [
      ["home", `/${lang}/`],
      ["category", `/${lang}/categories/${category}`],
      ["product", `/${lang}/products/${product}`],
    ]) {
      await shot.goto(path, { waitUntil: "networkidle" });
      await shot.screenshot({ path: join(out, `${name}-${lang}-${width}.png`) });
    }
    if (width === 390) {
      // The drawer, the sticky add-to-cart bar, and checkout's summary before the button.
      await shot.goto(`/${lang}/`, { waitUntil: "networkidle" });
      await shot.getByTestId("menu-button").click();
      await shot.screenshot({ path: join(out, `menu-${lang}-390.png`) });
      await shot.goto(`/${lang}/products/${product}`, { waitUntil: "networkidle" });
      await shot.mouse.wheel(0, 1400);
      await shot.waitForTimeout(500);
      await shot.screenshot({ path: join(out, `sticky-${lang}-390.png`) });
      await shot.getByTestId("add-to-cart").click();
      await shot.waitForTimeout(800);
      await shot.goto(`/${lang}/checkout`, { waitUntil: "networkidle" });
      await shot.screenshot({ path: join(out, `checkout-${lang}-390.png`), fullPage: true });
    }
    await wide.close();
  }
}
await browser.close();
console.log(`screenshots written to ${out}`);
