// Shopping steps several journeys share: a product into the cart, the checkout form
// filled in, and reading what the pages write (Arabic-Indic digits in Arabic).
import { Page } from "@playwright/test";
import { expect, expectNoAxeViolations } from "./fixtures";

/** A count as the page writes it (Arabic-Indic digits in Arabic). */
export function digits(lang: string, n: number): string {
  const text = String(n);
  return lang === "ar" ? text.replace(/[0-9]/g, (d) => "٠١٢٣٤٥٦٧٨٩"[Number(d)]) : text;
}

export function readNumber(text: string | null): number {
  return Number((text ?? "").replace(/[٠-٩]/g, (d) => String("٠١٢٣٤٥٦٧٨٩".indexOf(d))));
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** Adds one unit from the product page; the header's drawer opens with the count. */
export async function addToCart(page: Page, lang: string, handle: string, checkAxe = false) {
  await page.goto(`/${lang}/products/${handle}`);
  await expect(page.locator(".quantity-stepper")).toHaveAttribute("data-hydrated", "true", {
    timeout: 15_000,
  });
  await expect(page.locator(".cart-button")).toHaveAttribute("data-hydrated", "true");
  const before = readNumber(await page.getByTestId("cart-count").textContent());
  await page.getByTestId("add-to-cart").click();
  await expect(page.getByTestId("cart-drawer")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText(digits(lang, before + 1));
  await expect(page.getByTestId("cart-drawer").getByTestId("cart-line")).not.toHaveCount(0);
  if (checkAxe) await expectNoAxeViolations(page);
}

export async function checkoutForm(page: Page, lang: string) {
  await page.goto(`/${lang}/checkout`);
  const form = page.locator('form[data-form="checkout"]');
  await expect(form).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
  return form;
}

export async function fillCheckout(page: Page, lang: string, email: string, payment: "cod" | "card") {
  const form = await checkoutForm(page, lang);
  await form.locator('input[name="contact_email"]').fill(email);
  await form.locator('input[name="contact_phone"]').fill("01098765432");
  await form.locator('input[name="recipient"]').fill("Salma Hassan");
  await form.locator('input[name="phone"]').fill("01098765432");
  await form.locator('select[name="governorate"]').selectOption("alexandria");
  await form.locator('input[name="city"]').fill("Smouha");
  await form.locator('input[name="street"]').fill("Victor Emmanuel St");
  await form.locator('input[name="building"]').fill("14");
  await form.locator(`input[name="payment_method"][value="${payment}"]`).check();
  return form;
}

export function orderNumber(url: string): string {
  const match = url.match(/orders\/(DK-\d{8})/);
  if (!match) throw new Error(`no order number in ${url}`);
  return match[1];
}

export async function signIn(page: Page, lang: string, email: string, password: string) {
  await page.goto(`/${lang}/account/sign-in`);
  const form = page.locator('form[data-form="sign-in"]');
  await expect(form).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.getByRole("button").click();
  // The account page itself, not the sign-in page still loading (its URL matches too).
  await expect(page).toHaveURL(new RegExp(`/${lang}/account$`));
}

export async function signInAsAdmin(page: Page, lang: string) {
  await signIn(page, lang, process.env.DOKKAN_ADMIN_EMAIL ?? "", process.env.DOKKAN_ADMIN_PASSWORD ?? "");
}
