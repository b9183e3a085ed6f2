// Screenshots to look at when the taste quiz or the analytics page change (written to
// target/screenshots/, not committed): the quiz's steps and its result, and the admin's
// analytics and quiz editor, in both languages. Needs the demo quiz (`dokkan seed`), an
// admin (`DOKKAN_ADMIN_PASSWORD=… dokkan create-admin EMAIL`) and, for figures, some
// history (see recommend-screenshots.mjs).
//
//   DOKKAN_BASE_URL=http://127.0.0.1:3000 DOKKAN_ADMIN_EMAIL=… DOKKAN_ADMIN_PASSWORD=… \
//     node end2end/scripts/insights-screenshots.mjs
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

for (const lang of ["en", "ar"]) {
  for (const width of [390, 1366]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, baseURL: base });
    const page = await context.newPage();
    await page.goto(`/${lang}/quiz/gift-finder`);
    await page.screenshot({ path: join(out, `quiz-step-${lang}-${width}.png`), fullPage: true });
    for (const choice of [1, 0, 0]) {
      await page.locator("[data-testid=quiz-step] input[type=radio]").nth(choice).check();
      await page.locator("[data-testid=quiz-next]").click();
      await page.waitForLoadState("load");
    }
    await page.screenshot({ path: join(out, `quiz-result-${lang}-${width}.png`), fullPage: true });
    await context.close();
  }
}

const email = process.env.DOKKAN_ADMIN_EMAIL;
if (email) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, baseURL: base });
  const page = await context.newPage();
  await page.goto("/en/account/sign-in");
  const form = page.locator('form[data-form="sign-in"]');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(process.env.DOKKAN_ADMIN_PASSWORD ?? "");
  await form.getByRole("button").click();
  await page.waitForURL(/\/en\/account$/);
  for (const lang of ["en", "ar"]) {
    await page.goto(`/${lang}/admin/analytics`);
    await page.screenshot({ path: join(out, `analytics-${lang}.png`), fullPage: true });
    for (const part of ["funnel", "products", "search", "recommendations"]) {
      await page.getByTestId(`analytics-${part}`).screenshot({ path: join(out, `analytics-${part}-${lang}.png`) });
    }
    await page.goto(`/${lang}/admin/quizzes/gift-finder`);
    await page.screenshot({ path: join(out, `quiz-editor-${lang}.png`), fullPage: true });
  }
  await context.close();
}
await browser.close();
console.log(`screenshots written to ${out}`);
