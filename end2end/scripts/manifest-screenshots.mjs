// Takes the Web App Manifest's screenshots (public/screenshots/{lang}-{narrow,wide}.png):
// the home page at phone and desktop size in each language, from a running shop with the
// demo catalog. Run once when the look changes, and commit the PNGs:
//
//   DOKKAN_BASE_URL=http://127.0.0.1:3000 node end2end/scripts/manifest-screenshots.mjs
//
// The sizes must match the manifest's (server/src/pwa/mod.rs).
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const base = process.env.DOKKAN_BASE_URL ?? "http://127.0.0.1:3000";
const out = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "public", "screenshots");
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
for (const lang of ["en", "ar"]) {
  for (const [form, width, height, scale] of [
    ["narrow", 390, 844, 1],
    ["wide", 1366, 768, 1],
  ]) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: scale });
    await page.goto(`${base}/${lang}/`, { waitUntil: "networkidle" });
    await page.screenshot({ path: join(out, `${lang}-${form}.png`) });
    await page.close();
  }
}
await browser.close();
console.log(`screenshots written to ${out}`);
