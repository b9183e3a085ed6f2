import { Browser } from "@playwright/test";
import { test, expect, expectNoAxeViolations, locales } from "./fixtures";
import { addToCart, fillCheckout, orderNumber, signIn, signInAsAdmin, uniqueEmail } from "./shop";

// Demo products with stock that no other journey buys, so parallel runs never compete.
const products = { en: "copper-coffee-pot-kanaka-4-cups", ar: "siwa-olive-oil-soap-3-pack" } as const;

const texts = {
  en: {
    updated: "The order is updated.",
    roleSaved: "The role is changed.",
    staff: "Staff",
    synonymAdded: "The rule is added. The next search uses it.",
    synonymRemoved: "The rule is removed.",
    bothWays: "Both directions",
    taken: "This word already has a rule.",
    experimentChanged: "The test was changed; every server follows within half a minute.",
    modelsTrained: "A new version is trained and served.",
    modelsBusy: "Another server is training right now; its version will be served when it is done.",
  },
  ar: {
    updated: "تم تحديث الطلب.",
    roleSaved: "تم تغيير الدور.",
    staff: "موظف",
    synonymAdded: "القاعدة اتضافت، وأول بحث جاي هيستخدمها.",
    synonymRemoved: "القاعدة اتشالت.",
    bothWays: "في الاتجاهين",
    taken: "الكلمة دي ليها قاعدة بالفعل.",
    experimentChanged: "تم تعديل الاختبار؛ تتبعه كل الخوادم خلال نصف دقيقة.",
    modelsTrained: "دُرّبت نسخة جديدة وتُعرض الآن.",
    modelsBusy: "خادم آخر يدرّب الآن؛ ستُعرض نسخته حين ينتهي.",
  },
};

/** A shopper in their own browser places a cash-on-delivery order; returns its page. */
async function shopperOrder(browser: Browser, lang: "en" | "ar") {
  const context = await browser.newContext();
  const shopper = await context.newPage();
  await addToCart(shopper, lang, products[lang]);
  const form = await fillCheckout(shopper, lang, uniqueEmail(`admin-flow-${lang}`), "cod");
  await form.locator('button[type="submit"]').click();
  await expect(shopper).toHaveURL(new RegExp(`/${lang}/orders/DK-\\d{8}`));
  return { context, shopper, number: orderNumber(shopper.url()) };
}

const csvHeader =
  "handle,name_en,name_ar,description_en,description_ar,category_en,category_ar,brand,tags," +
  "option1_name_en,option1_name_ar,option1_value_en,option1_value_ar,option2_name_en,option2_name_ar," +
  "option2_value_en,option2_value_ar,sku,price,compare_at_price,stock,image";

const tinyPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4EaABRwzEcQASUhQBFGG4BQAAAABJRU5ErkJggg==",
  "base64",
);

function csvRow(handle: string, sku: string, price: string) {
  return `${handle},Clay jug,إبريق فخار,Hand-made.,صناعة يدوية.,Home > Kitchen,المنزل > المطبخ,Fayoum Crafts,,,,,,,,,,${sku},${price},,7,`;
}

for (const { lang, dir } of locales) {
  test.describe(`admin console (${lang})`, () => {
    test("staff take an order from placed to delivered and the shopper's page shows it", async ({
      page,
      browser,
    }) => {
      test.setTimeout(120_000);
      const { context, shopper, number } = await shopperOrder(browser, lang);
      await signInAsAdmin(page, lang);

      await page.goto(`/${lang}/admin`);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expect(page.getByTestId("chart-revenue").locator("svg[role=img]")).toBeVisible();
      await expect(page.getByTestId("chart-status").locator("svg[role=img]")).toBeVisible();
      await expectNoAxeViolations(page);

      await page.goto(`/${lang}/admin/orders?q=${number}`);
      await expect(page.getByTestId("admin-orders").locator("tbody tr")).toHaveCount(1);
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: number }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/admin/orders/${number}$`));
      await expectNoAxeViolations(page);

      for (const [action, status] of [
        ["start_processing", "processing"],
        ["ship", "shipped"],
        ["deliver", "delivered"],
      ]) {
        const form = page.locator(`form[data-action="${action}"]`);
        if (action === "ship") await form.locator('input[name="tracking_number"]').fill("BOSTA-12345");
        await form.getByRole("button").click();
        await expect(page.getByTestId("admin-notice")).toHaveText(texts[lang].updated);
        await expect(page.locator(`[data-testid="admin-order-status"] .status-${status}`)).toBeVisible();
      }
      await page.locator('form[data-action="payment_collected"]').getByRole("button").click();
      await expect(page.locator('form[data-action="refund"]')).toBeVisible();
      await expectNoAxeViolations(page);

      await page.goto(`/${lang}/admin/orders/${number}/slip`);
      await expect(page.getByTestId("packing-slip")).toContainText(number);
      await expectNoAxeViolations(page);

      await shopper.reload();
      await expect(shopper.getByTestId("order-status")).toHaveAttribute("data-status", "delivered");
      await expect(shopper.getByTestId("order-timeline").locator("li")).toHaveCount(5);
      await context.close();
    });

    test("an admin makes someone staff, and staff cannot open the roles screen", async ({
      page,
      browser,
    }) => {
      test.setTimeout(120_000);
      const email = uniqueEmail(`staff-${lang}`);
      const password = "Karnak-Obelisk-1460";
      const context = await browser.newContext();
      const person = await context.newPage();
      await person.goto(`/${lang}/account/register`);
      const register = person.locator('form[data-form="register"]');
      await expect(register).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
      await register.locator('input[name="name"]').fill("Nour Staff");
      await register.locator('input[name="email"]').fill(email);
      await register.locator('input[name="password"]').fill(password);
      await register.getByRole("button").click();
      await expect(person).toHaveURL(new RegExp(`/${lang}/account\\?welcome=1$`));

      await signInAsAdmin(page, lang);
      await page.goto(`/${lang}/admin/customers?q=${encodeURIComponent(email)}`);
      await expect(page.getByTestId("admin-customers").locator("tbody tr")).toHaveCount(1);
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "Nour Staff" }).click();
      await page.getByTestId("role-form").locator("select").selectOption("staff");
      await page.getByTestId("role-form").getByRole("button").click();
      await expect(page.getByTestId("admin-notice")).toHaveText(texts[lang].roleSaved);
      await expect(page.getByTestId("customer-role")).toHaveText(texts[lang].staff);
      await expectNoAxeViolations(page);

      await page.goto(`/${lang}/admin/audit?action=user.set-role`);
      await expect(page.getByTestId("audit-entries")).toContainText("user.set-role");
      await expect(page.getByTestId("audit-entries")).toContainText("staff");
      await expectNoAxeViolations(page);

      // The new staff member works with orders, but the roles screen is the admin's.
      const orders = await person.goto(`/${lang}/admin/orders`);
      expect(orders?.status()).toBe(200);
      const roles = await person.goto(`/${lang}/admin/customers`);
      expect(roles?.status()).toBe(403);
      await expect(person.getByTestId("forbidden")).toBeVisible();
      await context.close();
    });

    test("a CSV with one bad row is refused whole, with the row's problem", async ({ page }) => {
      test.setTimeout(90_000);
      const stamp = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
      const good = `e2e-jug-${lang}-${stamp}`;
      const bad = `e2e-cup-${lang}-${stamp}`;
      const file = [
        csvHeader,
        csvRow(good, `JUG-${stamp}-${lang}`.toUpperCase(), "120"),
        csvRow(bad, `CUP-${stamp}-${lang}`.toUpperCase(), "twelve"),
      ].join("\r\n");
      await signInAsAdmin(page, lang);
      await page.goto(`/${lang}/admin/catalog/import`);
      const form = page.locator("form.csv-import");
      await expect(form).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
      // Staff pages hydrate from the staff bundle; the shopper's leaves the CSV import out.
      const script = async (page: import("@playwright/test").Page) =>
        (await page.locator("script[type=module]").allTextContents()).join("\n");
      expect(await script(page)).toContain("dokkan-admin.");
      const shop = await page.context().newPage();
      await shop.goto(`/${lang}/`);
      expect(await script(shop)).not.toContain("dokkan-admin");
      await shop.close();
      await expectNoAxeViolations(page);
      await form.locator('input[type="file"]').setInputFiles({
        name: "products.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(file, "utf8"),
      });
      await page.getByTestId("import-run").click();
      const result = page.getByTestId("import-result");
      await expect(result).toHaveAttribute("data-ok", "false", { timeout: 30_000 });
      await expect(page.getByTestId("import-problems").locator("li")).toHaveCount(1);
      await expect(page.getByTestId("import-problems")).toContainText("3");
      await expect(page.getByTestId("import-problems")).toContainText("twelve");
      await expectNoAxeViolations(page);
      // Nothing was imported: not even the good row's product.
      const response = await page.goto(`/${lang}/products/${good}`);
      expect(response?.status()).toBe(404);
    });

    test("staff see the recommendation models and train a new version", async ({ page }) => {
      await signInAsAdmin(page, lang);
      await page.goto(`/${lang}/admin/recommendations`);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expect(page.getByTestId("model-versions")).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByTestId("models-train").click();
      // Both languages run at once: one of them may find the other training.
      await expect(page.getByTestId("admin-notice")).toHaveText(
        new RegExp(`^(${texts[lang].modelsTrained}|${texts[lang].modelsBusy})$`),
      );
      await expect(page.getByTestId("model-version").first()).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test("staff read the A/B test's report, stop it and start it again", async ({ page }) => {
      await signInAsAdmin(page, lang);
      await page.goto(`/${lang}/admin/experiments`);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expect(page.locator('.admin-nav a[aria-current="page"]')).toHaveAttribute(
        "href",
        `/${lang}/admin/experiments`,
      );
      const experiment = page.getByTestId("experiment").first();
      await expect(experiment.getByTestId("experiment-variant")).toHaveCount(2);
      await expectNoAxeViolations(page);
      // Plain forms: each change comes back to the page with a notice. Both languages run
      // at once on one shop, so the test may already be in either state.
      const stop = experiment.getByTestId("experiment-stop");
      if (await stop.count()) {
        await stop.click();
        await expect(page.getByTestId("admin-notice")).toHaveText(texts[lang].experimentChanged);
      }
      await page.getByTestId("experiment").first().getByTestId("experiment-start").click();
      await expect(page.getByTestId("admin-notice")).toHaveText(texts[lang].experimentChanged);
      await expectNoAxeViolations(page);
    });

    test("staff add a search synonym, see it listed, and remove it", async ({ page }) => {
      test.setTimeout(90_000);
      // Rules are shop-wide and one per word: each run uses a word of its own.
      const stamp = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
      const word = lang === "ar" ? `زوربا${stamp}` : `zorba${stamp}`;
      const equivalents = lang === "ar" ? "ساعة حائط، بندول" : "wall clock, pendulum";
      await signInAsAdmin(page, lang);
      await page.goto(`/${lang}/admin/search/synonyms`);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expect(page.locator('.admin-nav a[aria-current="page"]')).toHaveAttribute(
        "href",
        `/${lang}/admin/search/synonyms`,
      );
      await expectNoAxeViolations(page);

      // A plain form: it posts and comes back to the page, with or without JS.
      const form = page.getByTestId("synonym-form");
      await form.locator('input[name="term"]').fill(word);
      await form.locator('input[name="equivalents"]').fill(equivalents);
      await expect(form.locator('input[name="two_way"]')).toBeChecked();
      await form.locator('button[type="submit"]').click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/admin/search/synonyms\\?added=1$`));
      await expect(page.getByTestId("admin-notice")).toHaveText(texts[lang].synonymAdded);
      const row = page.getByTestId("synonym-row").filter({ hasText: word });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(lang === "ar" ? "بندول" : "pendulum");
      await expect(row.getByTestId("synonym-direction")).toHaveText(texts[lang].bothWays);
      await expectNoAxeViolations(page);

      // The same word again: the problem beside the field, and what was typed kept.
      await form.locator('input[name="term"]').fill(word);
      await form.locator('input[name="equivalents"]').fill("clock");
      await form.locator('button[type="submit"]').click();
      await expect(page.getByTestId("term-error")).toHaveText(new RegExp(texts[lang].taken));
      await expect(form.locator('input[name="term"]')).toHaveValue(word);
      await expect(form.locator('input[name="term"]')).toHaveAttribute("aria-invalid", "true");
      await expect(form.locator('input[name="equivalents"]')).toHaveValue("clock");
      await expect(page.getByTestId("admin-notice"), "no stale notice beside the error").toHaveCount(0);
      await expectNoAxeViolations(page);

      await page.getByTestId("synonym-row").filter({ hasText: word }).getByRole("button").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/admin/search/synonyms\\?removed=1$`));
      await expect(page.getByTestId("admin-notice")).toHaveText(texts[lang].synonymRemoved);
      await expect(page.getByTestId("synonym-row").filter({ hasText: word })).toHaveCount(0);
      await expectNoAxeViolations(page);
    });

    test("staff create a product with two variants and a picture, and shoppers see it", async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const stamp = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
      const handle = `e2e-basket-${lang}-${stamp}`;
      const sku = `BASKET-${stamp}-${lang}`.toUpperCase();
      await signInAsAdmin(page, lang);
      await page.goto(`/${lang}/admin/products/new`);
      await expectNoAxeViolations(page);
      const form = page.getByTestId("product-form");
      await form.locator('input[name="form[handle]"]').fill(handle);
      await form.locator('input[name="form[name_en]"]').fill(`Reed basket ${stamp}`);
      await form.locator('input[name="form[name_ar]"]').fill(`سلة خوص ${stamp}`);
      // The tree's last category: other journeys browse the first one, and a new product
      // (without its picture for a moment) would come first there.
      const category = form.locator('select[name="form[category_id]"]');
      await category.selectOption({ index: (await category.locator("option").count()) - 1 });
      await form.locator('input[name="form[option1_en]"]').fill("Size");
      await form.locator('input[name="form[option1_ar]"]').fill("المقاس");
      for (const [row, size, sizeAr, price] of [
        [0, "Small", "صغير", "120"],
        [1, "Large", "كبير", "180"],
      ] as const) {
        const cell = (name: string) => form.locator(`input[name="form[variants][${row}][${name}]"]`);
        await cell("sku").fill(`${sku}-${size.toUpperCase()}`);
        await cell("value1_en").fill(size);
        await cell("value1_ar").fill(sizeAr);
        await cell("price").fill(price);
        await cell("stock").fill("8");
      }
      await page.getByTestId("product-save").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/admin/products/${handle}\\?saved=1$`));
      await expect(page.getByTestId("admin-notice")).toBeVisible();
      await expect(page.getByTestId("variant-row").getByTestId("variant-stock")).toHaveCount(2);

      const upload = page.getByTestId("picture-upload");
      await upload.locator('input[type="file"]').setInputFiles({
        name: "basket.png",
        mimeType: "image/png",
        buffer: tinyPng,
      });
      await upload.locator('input[name="alt_en"]').fill("A reed basket on a wooden table");
      await upload.locator('input[name="alt_ar"]').fill("سلة خوص على طاولة خشب");
      await upload.locator('button[type="submit"]').click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/admin/products/${handle}\\?image=1$`));
      await expect(page.getByTestId("product-picture")).toHaveCount(1);
      await expectNoAxeViolations(page);

      await page.goto(`/${lang}/products/${handle}`);
      await expect(page.locator("h1")).toContainText(lang === "ar" ? "سلة خوص" : "Reed basket");
      await expect(page.locator('img[src*="/media/"]').first()).toBeVisible();
      await expect(page.locator("main")).toContainText(lang === "ar" ? "كبير" : "Large");
      await expectNoAxeViolations(page);
    });
  });
}
