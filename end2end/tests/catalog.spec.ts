import { test, expect, expectNoAxeViolations, locales } from "./fixtures";

// The demo catalog (crates/catalog/seed/demo.csv) is loaded into the test database.
const IRON = "zahra-steam-iron-2400w";
const TEE = "cotton-crew-neck-t-shirt-white";

for (const { lang, dir } of locales) {
  test.describe(`catalog (${lang})`, () => {
    test("search by an Arabic spelling variant lands on the product", async ({ page }) => {
      await page.goto(`/${lang}/`);
      // مكواه for مكواة (taa marbuta typed as haa), plain form submit.
      await page.locator("#search-input").fill("مكواه بخار");
      await page.locator("#search-input").press("Enter");
      await expect(page).toHaveURL(new RegExp(`/${lang}/search\\?q=`));
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      const card = page.locator(`.product-card a[href="/${lang}/products/${IRON}"]`);
      await expect(card).toBeVisible();
      await expectNoAxeViolations(page);
      const name = (await card.locator(".product-card-name").innerText()).trim();
      await card.click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/products/${IRON}$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    });

    test("search box suggests as you type and the keyboard picks one", async ({ page }) => {
      await page.goto(`/${lang}/`);
      const box = page.locator(".search-box");
      await expect(box).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
      const input = page.getByRole("combobox");
      await input.pressSequentially("سماعه", { delay: 40 });
      const options = page.getByRole("listbox").getByRole("option");
      await expect(options.first()).toBeVisible();
      await expect(input).toHaveAttribute("aria-expanded", "true");
      await expectNoAxeViolations(page);
      await input.press("ArrowDown");
      await expect(input).toHaveAttribute("aria-activedescendant", "suggestion-0");
      const href = await options.first().getAttribute("data-href");
      await input.press("Enter");
      await expect(page).toHaveURL(new RegExp(`${href}$`));
    });

    test("filter a category by size and price, in place", async ({ page }) => {
      await page.goto(`/${lang}/`);
      await page.locator(".category-tile").first().click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/categories/[a-z0-9-]+$`));
      const root = page.locator("[data-listing-root]");
      await expect(root).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
      const count = page.getByTestId("product-count");
      const before = await count.innerText();
      await expectNoAxeViolations(page);

      await page.locator('input[name="size"][value="M"]').check();
      await expect(page).toHaveURL(/[?&]size=M(&|$)/);
      await expect(page.locator('input[name="size"][value="M"]')).toBeChecked();
      await expect(count).not.toHaveText(before);

      const max = page.locator("#max_price");
      await max.fill("500");
      await max.press("Enter");
      await expect(page).toHaveURL(/[?&]max_price=500(&|$)/);
      await expect(page).toHaveURL(/[?&]size=M(&|$)/);
      await expect(page.locator("#max_price")).toHaveValue("500");
      const prices = await page.locator(".product-card .price").evaluateAll((els) =>
        els.map((el) => Number(el.getAttribute("data-minor"))),
      );
      expect(prices.length).toBeGreaterThan(0);
      for (const p of prices) expect(p).toBeLessThanOrEqual(50_000);
      await expectNoAxeViolations(page);

      // The address is the whole state: loading it afresh shows the same.
      const url = page.url();
      await page.goto(url);
      await expect(page.locator('input[name="size"][value="M"]')).toBeChecked();
      await expect(page.locator("#max_price")).toHaveValue("500");
    });

    test("pick a variant and see price, SKU and stock change", async ({ page }) => {
      await page.goto(`/${lang}/products/${TEE}`);
      const picker = page.locator(".variant-picker");
      await expect(picker).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
      const price = page.getByTestId("product-price").locator(".price");
      const sku = page.getByTestId("product-sku");
      const stock = page.getByTestId("product-stock");
      await expect(sku).toHaveText("GT-TEE-CREW-WHT-S");
      const small = await price.innerText();

      await page.locator(".variant-value label", { hasText: /^XXL/ }).click();
      await expect(sku).toHaveText("GT-TEE-CREW-WHT-XXL");
      await expect(price).not.toHaveText(small);
      await expect(stock).not.toHaveClass(/out-of-stock/);

      // 3XL is sold out: marked on the picker, and choosing it says so.
      const sold = page.locator(".variant-value", { has: page.locator('input[value="3XL"]') });
      await expect(sold).toHaveClass(/unavailable/);
      await sold.locator("label").click();
      await expect(sku).toHaveText("GT-TEE-CREW-WHT-3XL");
      await expect(stock).toHaveClass(/out-of-stock/);
      await expectNoAxeViolations(page);
    });

    test("product page carries valid JSON-LD", async ({ page }) => {
      await page.goto(`/${lang}/products/${TEE}`);
      const blocks = await page
        .locator('script[type="application/ld+json"]')
        .evaluateAll((els) => els.map((el) => el.textContent ?? ""));
      const data = blocks.map((text) => JSON.parse(text));
      const product = data.find((d) => d["@type"] === "Product");
      expect(product).toBeTruthy();
      expect(product.url).toMatch(new RegExp(`/${lang}/products/${TEE}$`));
      expect(product.offers.length).toBe(6);
      for (const offer of product.offers) {
        expect(offer.priceCurrency).toBe("EGP");
        expect(offer.price).toMatch(/^\d+\.\d\d$/);
        expect(offer.availability).toMatch(/^https:\/\/schema\.org\/(InStock|OutOfStock)$/);
      }
      const crumbs = data.find((d) => d["@type"] === "BreadcrumbList");
      expect(crumbs.itemListElement.length).toBeGreaterThanOrEqual(3);
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
        "href",
        new RegExp(`/${lang}/products/${TEE}$`),
      );
    });
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("filters and the variant picker still work as plain forms", async ({ page }) => {
    await page.goto("/ar/");
    await page.locator(".category-tile").first().click();
    await page.locator('label[for="f-size-m"]').click();
    await page.getByRole("button", { name: "تطبيق" }).click();
    await expect(page).toHaveURL(/[?&]size=M(&|$)/);
    await expect(page.locator('input[name="size"][value="M"]')).toBeChecked();

    await page.goto(`/ar/products/${TEE}`);
    await page.locator(".variant-value label", { hasText: /^XXL/ }).click();
    await page.getByRole("button", { name: "اعرض هذا الاختيار" }).click();
    await expect(page).toHaveURL(/[?&]size=XXL/);
    await expect(page.getByTestId("product-sku")).toHaveText("GT-TEE-CREW-WHT-XXL");
  });
});
