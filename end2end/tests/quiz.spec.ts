// The taste quiz (the demo "gift finder"): one question a step with a progress bar, Back,
// the picks with their reasons and add-to-cart; with and without JavaScript, in both
// languages. Staff read the analytics report and edit quizzes.
import { Page } from "@playwright/test";
import { test, expect, expectNoAxeViolations, locales } from "./fixtures";
import { digits, signInAsAdmin, uniqueEmail } from "./shop";

const QUIZ = "gift-finder";

const texts = {
  en: { step: (n: number) => `Question ${n} of 3`, because: "Because you chose", cart: "Your cart", forgotten: "Your answers are forgotten." },
  ar: { step: (n: number) => `السؤال ${digits("ar", n)} من ${digits("ar", 3)}`, because: "علشان اخترت", cart: "سلة", forgotten: "نسينا إجاباتك." },
} as const;

/** Answers the current step with its `choice`-th answer and goes on. */
async function answer(page: Page, choice: number) {
  const step = page.getByTestId("quiz-step");
  await step.locator('input[type="radio"]').nth(choice).check();
  await page.getByTestId("quiz-next").click();
  await page.waitForLoadState("load");
}

/** Walks the whole quiz: for her, coffee and tea, under EGP 500 (a path with picks). */
async function walk(page: Page, lang: "en" | "ar", axe: boolean) {
  await page.goto(`/${lang}/quiz/${QUIZ}`);
  await expect(page.getByTestId("quiz-progress")).toHaveText(texts[lang].step(1));
  if (axe) await expectNoAxeViolations(page);
  await answer(page, 1);
  await expect(page.getByTestId("quiz-progress")).toHaveText(texts[lang].step(2));
  // Back shows the first question with its answer kept.
  await page.getByTestId("quiz-back").click();
  await expect(page.getByTestId("quiz-progress")).toHaveText(texts[lang].step(1));
  await expect(page.getByTestId("quiz-step").locator('input[type="radio"]').nth(1)).toBeChecked();
  await answer(page, 1);
  await answer(page, 1);
  await expect(page.getByTestId("quiz-progress")).toHaveText(texts[lang].step(3));
  if (axe) await expectNoAxeViolations(page);
  await answer(page, 0);
  await expect(page).toHaveURL(new RegExp(`/${lang}/quiz/${QUIZ}/result\\?a=\\d+\\.\\d+\\.\\d+$`));
  const reasons = page.getByTestId("quiz-because");
  await expect(reasons.first()).toContainText(texts[lang].because);
  expect(await reasons.count()).toBeGreaterThanOrEqual(3);
  if (axe) await expectNoAxeViolations(page);
}

for (const { lang, dir } of locales) {
  test.describe(`taste quiz (${lang})`, () => {
    test("a shopper takes the quiz and adds a pick to the cart", async ({ page }) => {
      await walk(page, lang, true);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      const pick = page.getByTestId("quiz-add").first();
      await pick.getByRole("button").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/cart$`));
      await expect(page.getByTestId("cart-line").first()).toBeVisible();
    });

    test("a signed-in shopper finds the answers on the account page and forgets them", async ({ page }) => {
      await page.goto(`/${lang}/account/register`);
      const form = page.locator('form[data-form="register"]');
      await expect(form).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
      await form.locator('input[name="name"]').fill("Quiz Taker");
      await form.locator('input[name="email"]').fill(uniqueEmail(`quiz-${lang}`));
      await form.locator('input[name="password"]').fill("Aswan-High-Dam-1970");
      await form.getByRole("button").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/account\\?welcome=1$`));
      await walk(page, lang, false);
      await page.goto(`/${lang}/account`);
      const taste = page.getByTestId("taste");
      await expect(taste).toHaveCount(1);
      await expectNoAxeViolations(page);
      await taste.getByTestId("taste-clear").click();
      await expect(page.getByTestId("quiz-cleared")).toHaveText(texts[lang].forgotten);
      await expect(page.getByTestId("taste-none")).toBeVisible();
    });

    test("staff read the analytics report and download it", async ({ page }) => {
      await signInAsAdmin(page, lang);
      await page.goto(`/${lang}/admin/analytics`);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expect(page.getByTestId("chart-funnel")).toBeVisible();
      await expect(page.getByTestId("chart-visitors")).toBeVisible();
      await expect(page.getByTestId("funnel-table")).toBeVisible();
      await expectNoAxeViolations(page);
      const csv = await page.request.get((await page.getByTestId("csv-funnel").getAttribute("href")) ?? "");
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      expect((await csv.text()).split("\n")[0]).toBe(
        "day,visitors,viewed_product,added_to_cart,started_checkout,purchased,revenue_egp",
      );
      // A range backwards is refused with the form kept to correct it.
      const response = await page.goto(`/${lang}/admin/analytics?from=2026-03-12&to=2026-03-10`);
      expect(response?.status()).toBe(400);
      await expect(page.getByTestId("analytics-range")).toBeVisible();
    });

    test("staff open the quiz editor and add a question to a new quiz", async ({ page }) => {
      await signInAsAdmin(page, lang);
      await page.goto(`/${lang}/admin/quizzes/${QUIZ}`);
      await expect(page.getByTestId("question-editor")).toHaveCount(3);
      await expectNoAxeViolations(page);
      await page.goto(`/${lang}/admin/quizzes`);
      await expectNoAxeViolations(page);
      const slug = `style-${lang}-${Date.now()}`;
      const create = page.getByTestId("new-quiz-form");
      await create.locator('input[name="slug"]').fill(slug);
      await create.locator('input[name="title_en"]').fill("Find your style");
      await create.locator('input[name="title_ar"]').fill("اختار ستايلك");
      await create.getByRole("button").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/admin/quizzes/${slug}\\?created=1`));
      const question = page.getByTestId("new-question-form");
      await question.locator('input[name="text_en"]').fill("Which colours do you wear?");
      await question.locator('input[name="text_ar"]').fill("بتلبس ألوان إيه؟");
      await question.getByRole("button").click();
      await expect(page.getByTestId("question-editor")).toHaveCount(1);
      // Publishing a question without answers is refused, with the reason.
      await page.getByTestId("quiz-publish").click();
      await expect(page.getByTestId("admin-error")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}

test.describe("taste quiz without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  for (const { lang } of locales) {
    test(`the quiz, Back, the picks and add-to-cart are plain forms (${lang})`, async ({ page }) => {
      await walk(page, lang, false);
      await page.getByTestId("quiz-add").first().getByRole("button").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/cart$`));
      // Forget, from the result page: back at the first question with a notice.
      await page.goBack();
      await page.getByTestId("quiz-forget").click();
      await expect(page.getByTestId("quiz-cleared")).toBeVisible();
      await expect(page.getByTestId("quiz-progress")).toHaveText(texts[lang].step(1));
    });
  }
});
