import { Page, request as playwrightRequest } from "@playwright/test";
import { test, expect, expectNoAxeViolations, locales } from "./fixtures";
import { addToCart, digits, fillCheckout, orderNumber, uniqueEmail } from "./shop";

// Products from the demo catalog with one variant and plenty of stock; each journey
// uses its own so parallel tests never compete for the same units.
const products = {
  cod: "green-tea-mint-25-bags",
  card: "classic-tea-glasses-set-6",
  decline: "white-musk-perfume-oil-12ml",
  doubleClick: "aswan-dried-hibiscus-250g",
  live: "fayoum-natural-rose-water-200ml",
  noJs: "royal-oud-eau-de-parfum-50ml",
  inPlace: "porcelain-turkish-coffee-cups-set-6",
};

const texts = {
  en: { pay: "Pay", decline: "Decline", alexandriaShipping: "EGP 65.00" },
  ar: { pay: "ادفع", decline: "ارفض", alexandriaShipping: "٦٥٫٠٠ ج.م.\u200F" },
};

async function register(page: Page, lang: string, email: string) {
  await page.goto(`/${lang}/account/register`);
  const form = page.locator('form[data-form="register"]');
  await expect(form).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
  await form.locator('input[name="name"]').fill("Salma Hassan");
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill("Corniche-Walk-2026");
  await form.getByRole("button").click();
  await expect(page).toHaveURL(new RegExp(`/${lang}/account\\?welcome=1$`));
}

for (const { lang, dir } of locales) {
  test.describe(`checkout (${lang})`, () => {
    test("a guest pays cash on delivery", async ({ page }) => {
      test.setTimeout(90_000);
      await addToCart(page, lang, products.cod, true);
      await page.goto(`/${lang}/cart`);
      await expect(page.getByTestId("cart-line")).toHaveCount(1);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expectNoAxeViolations(page);

      const form = await fillCheckout(page, lang, uniqueEmail(`guest-${lang}`), "cod");
      // The summary follows the governorate without a reload.
      await expect(page.getByTestId("summary-shipping")).toHaveText(texts[lang].alexandriaShipping);
      // So does the total, in the side column and in the summary's own line.
      const total = await page.getByTestId("summary-total").innerText();
      await expect(page.getByTestId("summary-total-line")).toContainText(total);
      await expectNoAxeViolations(page);
      await form.getByRole("button", { name: /./ }).last().click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/orders/DK-\\d{8}\\?key=.+placed=1`));
      await expect(page.getByTestId("order-notice")).toBeVisible();
      // The total the summary showed is the total the order was placed with.
      await expect(page.getByTestId("order-total")).toHaveText(total);
      await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "placed");
      await expect(page.getByTestId("cart-count")).toHaveText(digits(lang, 0));
      await expectNoAxeViolations(page);
    });

    test("a signed-in shopper pays by card, and a declined card can be retried", async ({ page }) => {
      test.setTimeout(120_000);
      const email = uniqueEmail(`card-${lang}`);
      await register(page, lang, email);

      await addToCart(page, lang, products.card);
      const form = await fillCheckout(page, lang, email, "card");
      await form.locator('button[type="submit"]').click();
      await expect(page).toHaveURL(/\/fake-provider\/pay\/cs_/);
      await page.getByRole("button", { name: texts[lang].pay, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/orders/DK-\\d{8}\\?key=.+returned=1`));
      // Only the provider's signed webhook marks it paid.
      await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "paid");
      await expectNoAxeViolations(page);

      await addToCart(page, lang, products.decline);
      const again = await fillCheckout(page, lang, email, "card");
      await again.locator('button[type="submit"]').click();
      await expect(page).toHaveURL(/\/fake-provider\/pay\/cs_/);
      await page.getByRole("button", { name: texts[lang].decline, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/orders/DK-\\d{8}`));
      await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "pending_payment");
      await expect(page.getByTestId("pay-now")).toBeVisible();
      await expectNoAxeViolations(page);

      await page.goto(`/${lang}/account/orders`);
      await expect(page.getByTestId("order-row")).toHaveCount(2);
      await expectNoAxeViolations(page);
    });

    test("double-clicking Place order makes one order", async ({ page }) => {
      test.setTimeout(90_000);
      const email = uniqueEmail(`double-${lang}`);
      await register(page, lang, email);
      await addToCart(page, lang, products.doubleClick);
      const form = await fillCheckout(page, lang, email, "cod");
      await form.locator('button[type="submit"]').dblclick();
      await expect(page).toHaveURL(new RegExp(`/${lang}/orders/DK-\\d{8}`));
      await page.goto(`/${lang}/account/orders`);
      await expect(page.getByTestId("order-row")).toHaveCount(1);
    });

    test("the order page follows staff changes live", async ({ page, baseURL }) => {
      test.setTimeout(90_000);
      await addToCart(page, lang, products.live);
      const form = await fillCheckout(page, lang, uniqueEmail(`live-${lang}`), "cod");
      await form.locator('button[type="submit"]').click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/orders/DK-\\d{8}`));
      const status = page.getByTestId("order-status");
      await expect(status).toHaveAttribute("data-live", "true", { timeout: 15_000 });
      const number = orderNumber(page.url());

      const staff = await playwrightRequest.newContext({ baseURL });
      const signIn = await staff.post("/api/account/sign-in", {
        headers: { Accept: "application/json" },
        form: {
          lang,
          email: process.env.DOKKAN_ADMIN_EMAIL ?? "",
          password: process.env.DOKKAN_ADMIN_PASSWORD ?? "",
          next: "",
        },
      });
      expect(signIn.ok()).toBeTruthy();
      for (const [event, expected] of [
        ["start_processing", "processing"],
        ["ship", "shipped"],
      ]) {
        const moved = await staff.post("/api/admin/orders/event", {
          headers: { Accept: "application/json" },
          form: { lang, number, event },
        });
        expect(moved.ok()).toBeTruthy();
        await expect(status).toHaveAttribute("data-status", expected);
      }
      // Once shipped, the shopper can no longer cancel.
      await page.reload();
      await expect(page.getByTestId("cancel-order")).toHaveCount(0);
      await staff.dispose();
    });
  });
}

for (const { lang } of locales) {
  test.describe(`cart in place (${lang})`, () => {
    test("the drawer and the cart page change the cart without leaving the page", async ({ page }) => {
      await addToCart(page, lang, products.inPlace);
      const drawer = page.getByTestId("cart-drawer");
      const line = drawer.getByTestId("cart-line").filter({ has: page.locator(`a[href$="/${products.inPlace}"]`) });
      const before = Number(await line.getByTestId("cart-line-quantity").inputValue());
      const count = await page.getByTestId("cart-count").textContent();
      // A page that reloads loses this mark.
      await page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
      await line.getByTestId("cart-line-quantity").fill(String(before + 1));
      await line.getByRole("button").first().click();
      await expect(line.getByTestId("cart-line-quantity")).toHaveValue(String(before + 1));
      await expect(page.getByTestId("cart-count")).not.toHaveText(count ?? "");
      await expectNoAxeViolations(page);
      await page.keyboard.press("Escape");
      await expect(drawer).toBeHidden();
      expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);

      await page.goto(`/${lang}/cart`);
      await expect(page.locator(".cart-page")).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
      await page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
      const lines = await page.locator(".cart-page").getByTestId("cart-line").count();
      await page
        .locator(".cart-page")
        .getByTestId("cart-line")
        .filter({ has: page.locator(`a[href$="/${products.inPlace}"]`) })
        .getByTestId("cart-line-remove")
        .click();
      await expect(page.locator(".cart-page").getByTestId("cart-line")).toHaveCount(lines - 1);
      expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);
      if (lines === 1) {
        await expect(page.locator(".cart-page").getByTestId("cart-empty")).toBeVisible();
        await expect(page.getByTestId("cart-count")).toHaveText(digits(lang, 0));
      }
      // The closed drawer keeps no copy of the cart.
      await expect(page.getByTestId("cart-drawer").getByTestId("cart-panel")).toHaveCount(0);
    });
  });

  test.describe(`cart without JavaScript (${lang})`, () => {
    test.use({ javaScriptEnabled: false });

    test("add, change and remove are plain forms", async ({ page }) => {
      await page.goto(`/${lang}/products/${products.noJs}`);
      await page.getByTestId("add-to-cart").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/cart$`));
      await expect(page.getByTestId("cart-line")).toHaveCount(1);
      await expect(page.getByTestId("cart-count")).toHaveText(digits(lang, 1));
      await page.getByTestId("cart-line-quantity").fill("2");
      await page.getByTestId("cart-line").getByRole("button").first().click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/cart$`));
      await expect(page.getByTestId("cart-count")).toHaveText(digits(lang, 2));
      await expect(page.getByTestId("cart-line-quantity")).toHaveValue("2");
      await page.getByTestId("cart-line-remove").click();
      await expect(page.getByTestId("cart-empty")).toBeVisible();
      await expect(page.getByTestId("cart-count")).toHaveText(digits(lang, 0));
    });
  });
}
