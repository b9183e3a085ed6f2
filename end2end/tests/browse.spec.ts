import { test, expect, expectNoAxeViolations, locales } from "./fixtures";

for (const { lang, dir, other } of locales) {
  test.describe(`browse (${lang})`, () => {
    test("home → category → product, accessible and hydrated", async ({ page, consoleErrors }) => {
      const home = await page.goto(`/${lang}/`);
      expect(home?.status()).toBe(200);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expect(page.locator(".product-card").first()).toBeVisible();
      await expectNoAxeViolations(page);

      // Into the first category from the home page's category tiles.
      const tile = page.locator(".category-tile").first();
      const categoryName = (await tile.locator(".category-tile-name").innerText()).trim();
      await tile.click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/categories/[a-z0-9-]+$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(categoryName);
      await expect(page.getByTestId("product-count")).not.toBeEmpty();
      await expectNoAxeViolations(page);

      // Into a product.
      const card = page.locator(".product-card").first();
      const productName = (await card.locator(".product-card-name").innerText()).trim();
      await card.click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/products/[a-z0-9-]+$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(productName);
      await expect(page.locator(".product-price .price")).not.toBeEmpty();
      await expect(page.locator(".product-image-main")).toBeVisible();

      // The quantity stepper only works once the WASM has hydrated its island.
      const stepper = page.locator(".quantity-stepper");
      await expect(stepper).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
      const quantity = stepper.locator("input");
      const increase = stepper.locator("button").last();
      const decrease = stepper.locator("button").first();
      await expect(quantity).toHaveValue("1");
      await expect(decrease).toBeDisabled();
      await increase.click();
      await increase.click();
      await expect(quantity).toHaveValue("3");
      await decrease.click();
      await expect(quantity).toHaveValue("2");
      await expectNoAxeViolations(page);
      expect(consoleErrors).toEqual([]);
    });

    test("language switch keeps the same product", async ({ page }) => {
      await page.goto(`/${lang}/`);
      const card = page.locator(".product-card a").first();
      const href = await card.getAttribute("href");
      const handle = href!.split("/").pop();
      await card.click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/products/${handle}$`));
      await page.getByTestId("language-switch").click();
      await expect(page).toHaveURL(new RegExp(`/${other}/products/${handle}$`));
      await expect(page.locator("html")).toHaveAttribute("lang", other);
      await expect(page.locator("html")).toHaveAttribute("dir", other === "ar" ? "rtl" : "ltr");
      // hreflang alternates point at both versions of this page.
      for (const l of ["en", "ar"]) {
        await expect(page.locator(`link[rel=alternate][hreflang=${l}]`)).toHaveAttribute(
          "href",
          new RegExp(`/${l}/products/${handle}$`),
        );
      }
      await expect(page.locator("link[rel=alternate][hreflang=x-default]")).toHaveCount(1);
      // And the root now remembers the chosen language.
      await page.goto("/");
      await expect(page).toHaveURL(new RegExp(`/${other}/$`));
    });

    test("unknown product is a localized 404", async ({ page }) => {
      const response = await page.goto(`/${lang}/products/no-such-product`);
      expect(response?.status()).toBe(404);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expect(page.getByTestId("not-found")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}

test("root redirects by Accept-Language, defaulting to Arabic", async ({ browser }) => {
  const english = await browser.newContext({ locale: "en-US" });
  const page = await english.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/en\/$/);
  await english.close();

  const french = await browser.newContext({ locale: "fr-FR" });
  const page2 = await french.newPage();
  await page2.goto("/");
  await expect(page2).toHaveURL(/\/ar\/$/);
  await french.close();
});
