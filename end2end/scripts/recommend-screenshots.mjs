// Screenshots to look at when the recommendation blocks or the consent banner change
// (written to target/screenshots/, not committed): the product page with "bought
// together" and "similar items", the home page's trending block, in both languages.
// Needs a shop with some history: `dokkan-tools synth-events --out log.csv`, then
// `dokkan events import log.csv` and `dokkan recommend train`.
//
//   DOKKAN_BASE_URL=http://127.0.0.1:3000 node end2end/scripts/recommend-screenshots.mjs
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

for (const lang of ["en", "ar"]) {
  for (const width of [1366, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, baseURL: base });
    const page = await context.newPage();
    await page.goto(`/${lang}/products/${product}`);
    const blocks = page.locator("[data-testid=bought-together], [data-testid=similar-items]");
    await blocks.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, `recommend-product-${lang}-${width}.png`), fullPage: true });
    await page.goto(`/${lang}/`);
    const home = page.locator("[data-testid=for-you]");
    if (await home.count()) {
      await home.screenshot({ path: join(out, `recommend-home-${lang}-${width}.png`) });
    }
    await context.close();
  }
}
await browser.close();
console.log(`screenshots written to ${out}`);
