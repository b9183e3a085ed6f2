// The shop on a 390 × 844 phone, in both languages: a one-row header with the categories
// in a drawer, two product cards a row, the product page's sticky add-to-cart bar, the
// checkout's total before its "place order" button, and the installed app's bottom bar
// (display-mode: standalone, emulated through the DevTools protocol).
import { Locator, Page } from "@playwright/test";
import { test, expect, expectNoAxeViolations, locales } from "./fixtures";
import { digits, readNumber } from "./shop";

const phone = { width: 390, height: 844 };
// Two options (size, colour) and stock in every variant; no other journey buys it.
const product = "classic-cotton-polo-shirt";

test.use({ viewport: phone, isMobile: true, hasTouch: true });

async function box(locator: Locator) {
  await expect(locator).toBeVisible();
  const b = await locator.boundingBox();
  if (!b) throw new Error(`no box for ${locator}`);
  return b;
}

/**
 * The installed app's look. Chromium 156 accepts `display-mode` in
 * Emulation.setEmulatedMedia but ignores it (its display mode comes from the app window,
 * not from the media-feature overrides), so where the query still does not match, the
 * stylesheet's own `(display-mode: standalone)` conditions are made true through the
 * CSSOM: that condition is all standalone changes in style/main.css. Call after each load.
 */
async function standalone(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setEmulatedMedia", {
    features: [{ name: "display-mode", value: "standalone" }],
  });
  const flipped = await page.evaluate(() => {
    if (matchMedia("(display-mode: standalone)").matches) return -1;
    let count = 0;
    const visit = (rules: CSSRuleList) => {
      for (const rule of Array.from(rules)) {
        if (rule instanceof CSSMediaRule && /display-mode:\s*standalone/.test(rule.media.mediaText)) {
          rule.media.mediaText = rule.media.mediaText.replace(/\(display-mode:\s*standalone\)/g, "(min-width: 0px)");
          count += 1;
        }
        if (rule instanceof CSSGroupingRule) visit(rule.cssRules);
      }
    };
    for (const sheet of Array.from(document.styleSheets)) visit(sheet.cssRules);
    return count;
  });
  expect(flipped).not.toBe(0);
}

async function hydratedProduct(page: Page, lang: string) {
  await page.goto(`/${lang}/products/${product}`);
  await expect(page.locator(".quantity-stepper")).toHaveAttribute("data-hydrated", "true", {
    timeout: 15_000,
  });
  await expect(page.locator(".variant-picker")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator(".cart-button")).toHaveAttribute("data-hydrated", "true");
}

/** Scrolls until the form's own "add to cart" button is above the screen. */
async function scrollPastButton(page: Page) {
  await page.evaluate(() => {
    const button = document.getElementById("add-to-cart-button")!;
    window.scrollTo(0, button.getBoundingClientRect().bottom + window.scrollY + 80);
  });
}

for (const { lang, dir } of locales) {
  const rtl = dir === "rtl";

  test.describe(`mobile (${lang})`, () => {
    test("the header is one row; the categories are in a drawer from the inline-start side", async ({
      page,
    }) => {
      await page.goto(`/${lang}/`);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      const menu = await box(page.getByTestId("menu-button"));
      const logo = await box(page.locator(".brand img"));
      const search = await box(page.locator("#search-input"));
      const cart = await box(page.getByTestId("cart-link"));
      const row = [menu, logo, search, cart];
      // One row: every part shares one horizontal band, and the header stays short.
      expect(Math.max(...row.map((b) => b.y))).toBeLessThan(Math.min(...row.map((b) => b.y + b.height)));
      expect((await box(page.locator(".site-header"))).height).toBeLessThanOrEqual(72);
      // In reading order: menu, logo, search, cart (right to left in Arabic).
      const xs = row.map((b) => b.x + b.width / 2);
      const ordered = [...xs].sort((a, b) => (rtl ? b - a : a - b));
      expect(xs).toEqual(ordered);
      // The category links and the language switch wait in the closed drawer.
      await expect(page.locator(".category-nav a").first()).toBeHidden();
      await expect(page.getByTestId("language-switch")).toBeHidden();
      // The home page's categories: one row of chips.
      const chips = page.locator(".category-tile");
      const first = await box(chips.nth(0));
      const second = await box(chips.nth(1));
      expect(Math.abs(first.y - second.y)).toBeLessThan(2);
      await expectNoAxeViolations(page);

      await page.getByTestId("menu-button").click();
      const drawer = page.getByTestId("site-menu");
      await expect(drawer).toBeVisible();
      await expect(page.locator(".category-nav a").first()).toBeVisible();
      await expect(page.getByTestId("language-switch")).toBeVisible();
      const panel = await box(drawer);
      if (rtl) expect(Math.abs(panel.x + panel.width - phone.width)).toBeLessThan(2);
      else expect(panel.x).toBeLessThan(2);
      expect(panel.width).toBeLessThan(phone.width);
      await expectNoAxeViolations(page);
      // Escape closes it; so does following a category.
      await page.keyboard.press("Escape");
      await expect(drawer).toBeHidden();
      await page.getByTestId("menu-button").click();
      await page.locator(".category-nav a").first().click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/categories/[a-z0-9-]+$`));
    });

    test("the category page shows two product cards a row, sized for it", async ({ page }) => {
      await page.goto(`/${lang}/categories/men`);
      const cards = page.locator(".product-card");
      await expect(cards.nth(2)).toBeAttached();
      const [a, b, c] = await Promise.all([0, 1, 2].map((i) => box(cards.nth(i))));
      expect(Math.abs(a.y - b.y)).toBeLessThan(2);
      expect(c.y).toBeGreaterThan(a.y + a.height - 1);
      for (const card of [a, b]) {
        expect(card.width).toBeGreaterThan(phone.width * 0.4);
        expect(card.width).toBeLessThan(phone.width * 0.5);
      }
      expect(rtl ? a.x > b.x : a.x < b.x).toBe(true);
      // `sizes` says about half the screen: at 1x the browser picks a small picture.
      const image = cards.nth(0).locator("img");
      await image.scrollIntoViewIfNeeded();
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeTruthy();
      expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeLessThanOrEqual(400);
      await expectNoAxeViolations(page);
    });

    test("the product page's sticky bar appears once the button scrolls away, and adds to the cart", async ({
      page,
    }) => {
      await hydratedProduct(page, lang);
      const bar = page.getByTestId("sticky-cart");
      await expect(bar).toBeHidden();

      // Another size first: the bar follows the picker.
      const size = page.locator(".variant-option").first().locator("label").nth(1);
      const sizeText = (await size.innerText()).trim();
      await size.click();
      const price = (await page.locator(".product-price .price").innerText()).trim();

      await scrollPastButton(page);
      await expect(bar).toBeVisible();
      const b = await box(bar);
      expect(Math.abs(b.y + b.height - phone.height)).toBeLessThan(2);
      await expect(bar.locator(".price")).toHaveText(price);
      await expect(bar.locator(".sticky-cart-variant")).toContainText(sizeText);
      // Mirrored: the button at the inline end.
      const button = bar.getByTestId("sticky-add-to-cart");
      const text = await box(bar.locator(".sticky-cart-text"));
      const buttonBox = await box(button);
      expect(rtl ? buttonBox.x < text.x : buttonBox.x > text.x).toBe(true);
      await expectNoAxeViolations(page);

      const before = readNumber(await page.getByTestId("cart-count").textContent());
      await button.click();
      await expect(page.getByTestId("cart-drawer")).toBeVisible();
      await expect(page.getByTestId("cart-count")).toHaveText(digits(lang, before + 1));
      await expect(page.getByTestId("cart-drawer").getByTestId("cart-line").first()).toContainText(sizeText);
      await page.locator(".cart-drawer-head button").click();
      await expect(page.getByTestId("cart-drawer")).toBeHidden();

      // Back at the top, the form's own button is in sight and the bar goes.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator("#add-to-cart-button").scrollIntoViewIfNeeded();
      await expect(bar).toBeHidden();
    });

    test("checkout shows the total before the place-order button, and keeps it live", async ({ page }) => {
      await hydratedProduct(page, lang);
      await page.getByTestId("add-to-cart").click();
      await expect(page.getByTestId("cart-drawer")).toBeVisible();

      await page.goto(`/${lang}/checkout`);
      const form = page.locator('form[data-form="checkout"]');
      await expect(form).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
      const summary = page.getByTestId("checkout-summary");
      const totalLine = page.getByTestId("summary-total-line");
      const place = form.locator('button[type="submit"]').last();
      const total = await box(totalLine);
      const placeBox = await box(place);
      expect(total.y + total.height).toBeLessThan(placeBox.y);
      // On the first screen, collapsed to one line that says the total.
      expect(total.y + total.height).toBeLessThan(phone.height);
      await expect(summary).not.toHaveAttribute("open", "");
      await expect(totalLine).toContainText(await page.getByTestId("summary-total").innerText());
      await expectNoAxeViolations(page);

      // The total follows the governorate (shipping added) without a reload.
      const before = (await totalLine.innerText()).trim();
      await form.locator('select[name="governorate"]').selectOption("alexandria");
      await expect(totalLine).not.toHaveText(before);
      await expect(totalLine).toContainText(await page.getByTestId("summary-total").innerText());

      // Opened, the lines and the breakdown are there, still above the button.
      await summary.locator("summary").click();
      await expect(summary).toHaveAttribute("open", "");
      await expect(summary.locator(".checkout-lines li")).not.toHaveCount(0);
      const breakdown = await box(page.getByTestId("summary-total"));
      expect(breakdown.y).toBeLessThan((await box(place)).y);
      await expectNoAxeViolations(page);
    });

    test("the installed app has a bottom bar; a browser tab does not", async ({ page }) => {
      await page.goto(`/${lang}/`);
      await expect(page.getByTestId("bottom-nav")).toBeHidden();
      await expect(page.getByTestId("menu-button")).toBeVisible();

      await standalone(page);
      const nav = page.getByTestId("bottom-nav");
      await expect(nav).toBeVisible();
      const b = await box(nav);
      expect(Math.abs(b.y + b.height - phone.height)).toBeLessThan(2);
      expect(b.width).toBe(phone.width);
      const items = nav.locator("li > *");
      await expect(items).toHaveCount(5);
      const labels = {
        en: ["Home", "Categories", "Search", "Cart", "Account"],
        ar: ["الرئيسية", "الأقسام", "بحث", "السلة", "حسابي"],
      }[lang];
      for (const [i, label] of labels.entries()) await expect(items.nth(i)).toHaveText(label);
      await expect(items.nth(0)).toHaveAttribute("aria-current", "page");
      await expect(nav.locator("[aria-current]")).toHaveCount(1);
      // Right to left in Arabic: home at the right edge.
      const home = await box(items.nth(0));
      const account = await box(items.nth(4));
      expect(rtl ? home.x > account.x : home.x < account.x).toBe(true);
      // The page ends above the bar: the footer's last line is not under it.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const footer = await box(page.locator(".site-footer"));
      expect(footer.y + footer.height).toBeLessThanOrEqual(b.y + 1);
      await expectNoAxeViolations(page);

      // "Categories" opens the header's drawer.
      await items.nth(1).click();
      await expect(page.getByTestId("site-menu")).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(page.getByTestId("site-menu")).toBeHidden();

      await items.nth(3).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/cart$`));
      await standalone(page);
      await expect(nav.locator("li > *").nth(3)).toHaveAttribute("aria-current", "page");
      await expect(nav.locator("[aria-current]")).toHaveCount(1);

      // On the product page the sticky bar sits on the bottom bar, not under it.
      await hydratedProduct(page, lang);
      await standalone(page);
      await scrollPastButton(page);
      const bar = await box(page.getByTestId("sticky-cart"));
      const navBox = await box(nav);
      expect(bar.y + bar.height).toBeLessThanOrEqual(navBox.y + 1);
    });
  });
}
