// Screenshots to look at when the shopping assistant changes (written to
// target/screenshots/, not committed): the chat panel in Arabic with an Arabizi question
// and in English, on a phone and a desktop, the plain chat page, and the staff inbox with
// a handed-over conversation. Needs an admin (`DOKKAN_ADMIN_PASSWORD=… dokkan
// create-admin EMAIL`).
//
//   DOKKAN_BASE_URL=http://127.0.0.1:3000 DOKKAN_ADMIN_EMAIL=… DOKKAN_ADMIN_PASSWORD=… \
//     node end2end/scripts/assistant-screenshots.mjs
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

const questions = {
  ar: ["3ayez tshirt eswed ta7t 500", "el shi7n b kam?"],
  en: ["I need a black t-shirt under 500", "add the white crew neck t-shirt to my cart"],
};

async function say(page, text) {
  const panel = page.getByTestId("chat-panel");
  const before = await panel.getByTestId("chat-message").count();
  await panel.getByTestId("chat-panel-text").fill(text);
  await panel.getByTestId("chat-panel-send").click();
  await page.waitForFunction(
    (n) => document.querySelectorAll("#chat-panel [data-testid=chat-message]").length >= n + 2,
    before,
  );
}

for (const lang of ["ar", "en"]) {
  for (const width of [390, 1366]) {
    const context = await browser.newContext({ viewport: { width, height: 844 }, baseURL: base });
    const page = await context.newPage();
    await page.goto(`/${lang}/`);
    await page.locator("[data-testid=chat-launcher][data-hydrated=true]").waitFor();
    await page.getByTestId("chat-launcher").click();
    await say(page, questions[lang][0]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, `chat-panel-${lang}-${width}.png`) });
    await say(page, questions[lang][1]);
    await page.waitForTimeout(300);
    await page.getByTestId("chat-panel").screenshot({ path: join(out, `chat-panel-next-${lang}-${width}.png`) });
    if (width === 1366) {
      await page.goto(`/${lang}/assistant`);
      await page.screenshot({ path: join(out, `chat-page-${lang}.png`), fullPage: true });
    }
    await context.close();
  }
}

const email = process.env.DOKKAN_ADMIN_EMAIL;
if (email) {
  // A customer asks for a person first.
  const shopper = await browser.newContext({ viewport: { width: 1366, height: 900 }, baseURL: base });
  const page = await shopper.newPage();
  await page.goto("/ar/");
  await page.locator("[data-testid=chat-launcher][data-hydrated=true]").waitFor();
  await page.getByTestId("chat-launcher").click();
  await say(page, "el order DK-00000000 mawsalsh, 3ayez akalem 7ad");
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, baseURL: base });
  const staff = await context.newPage();
  await staff.goto("/en/account/sign-in");
  const form = staff.locator('form[data-form="sign-in"]');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(process.env.DOKKAN_ADMIN_PASSWORD ?? "");
  await form.getByRole("button").click();
  await staff.waitForURL(/\/en\/account$/);
  for (const lang of ["en", "ar"]) {
    await staff.goto(`/${lang}/admin/inbox`);
    await staff.screenshot({ path: join(out, `inbox-${lang}.png`), fullPage: true });
    await staff.getByTestId("inbox-row").first().locator("a").first().click();
    await staff.screenshot({ path: join(out, `inbox-thread-${lang}.png`), fullPage: true });
  }
  await staff.getByTestId("inbox-reply-text").fill("أهلًا، أنا سامي. هشوف الطلب حالًا.");
  await staff.getByTestId("inbox-send").click();
  await page.getByTestId("chat-panel").locator("[data-author=staff]").waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(out, `chat-staff-reply-ar.png`) });
  await staff.goto("/ar/admin/answers");
  await staff.screenshot({ path: join(out, `answers-ar.png`), fullPage: true });
  await context.close();
  await shopper.close();
}
await browser.close();
console.log(`screenshots written to ${out}`);
