import * as fs from "node:fs";
import * as path from "node:path";
import { Page } from "@playwright/test";
import { test, expect, expectNoAxeViolations, locales } from "./fixtures";

// `cargo xtask test` points the server's development mail sink at this folder.
const mailDir = process.env.DOKKAN_MAIL_DIR ?? "../target/mail";

/** The first link to `page` in the newest mail of `kind` sent to `to`. */
async function mailedLink(to: string, kind: string, page: string): Promise<string> {
  const pattern = new RegExp(`https?://\\S+/account/${page}\\?token=[A-Za-z0-9_-]+`);
  for (let attempt = 0; attempt < 50; attempt++) {
    const files = fs.existsSync(mailDir)
      ? fs.readdirSync(mailDir).filter((f) => f.endsWith(`-${kind}.eml`)).sort().reverse()
      : [];
    for (const file of files) {
      // The body is quoted-printable, as SMTP delivers it: read it as a mail client would.
      const text = fs
        .readFileSync(path.join(mailDir, file), "latin1")
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      if (text.includes(`To: ${to}`)) {
        const link = text.match(pattern);
        if (link) return link[0];
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no ${kind} mail for ${to} in ${mailDir}`);
}

const texts = {
  en: { wrong: "Wrong email or password.", forbidden: "Access denied", governorate: "Alexandria" },
  ar: {
    wrong: "البريد الإلكتروني أو كلمة المرور غير صحيحة.",
    forbidden: "غير مسموح بالدخول",
    governorate: "الإسكندرية",
  },
};

function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

async function hydratedForm(page: Page, name: string) {
  const form = page.locator(`form[data-form="${name}"]`);
  await expect(form).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
  return form;
}

async function register(page: Page, lang: string, name: string, email: string, password: string) {
  await page.goto(`/${lang}/account/register`);
  const form = await hydratedForm(page, "register");
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.getByRole("button").click();
  await expect(page).toHaveURL(new RegExp(`/${lang}/account\\?welcome=1$`));
}

for (const { lang, dir } of locales) {
  test.describe(`account (${lang})`, () => {
    test("register → verify → sign out → sign in → profile → address", async ({ page }) => {
      // A whole journey of eight pages: more than the default 30 s on a busy CI machine.
      test.setTimeout(90_000);
      const email = uniqueEmail(`shopper-${lang}`);
      const password = "Tahrir-Square-2026";

      const response = await page.goto(`/${lang}/account/register`);
      expect(response?.headers()["content-security-policy"]).toContain("'nonce-");
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expectNoAxeViolations(page);
      await register(page, lang, "Mona Adel", email, password);
      await expect(page.getByTestId("account-name")).toHaveText("Mona Adel");
      await expectNoAxeViolations(page);

      // The verification link from the mail folder.
      await page.goto(await mailedLink(email, "verify-email", "verify-email"));
      await expect(page.getByTestId("verify-done")).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("dir", dir);

      // Sign out, then a wrong password shows the localized error without a reload.
      await page.getByTestId("sign-out").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/$`));
      await page.getByTestId("sign-in-link").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/account/sign-in$`));
      await expectNoAxeViolations(page);
      const signIn = await hydratedForm(page, "sign-in");
      await page.evaluate(() => ((window as any).__sameDocument = true));
      await signIn.locator('input[name="email"]').fill(email);
      await signIn.locator('input[name="password"]').fill("not-my-password");
      await signIn.getByRole("button").click();
      await expect(signIn.locator(".form-error")).toHaveText(texts[lang].wrong);
      expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
      await expectNoAxeViolations(page);

      await signIn.locator('input[name="password"]').fill(password);
      await signIn.getByRole("button").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/account$`));
      await expect(page.getByTestId("account-name")).toHaveText("Mona Adel");

      // Edit the profile in place; the header follows on the next page.
      const profile = await hydratedForm(page, "profile");
      await profile.locator('input[name="name"]').fill("Mona A. Adel");
      await profile.getByRole("button").click();
      await expect(profile.locator(".form-notice")).toBeVisible();
      await page.reload();
      await expect(page.getByTestId("account-name")).toHaveText("Mona A. Adel");

      // Add an address; the phone is typed in Arabic-Indic digits.
      await page.goto(`/${lang}/account/addresses/new`);
      await expectNoAxeViolations(page);
      const address = await hydratedForm(page, "address");
      await address.locator('input[name="recipient"]').fill("Mona Adel");
      await address.locator('input[name="phone"]').fill("٠١٢ ٣٤٥٦ ٧٨٩٠");
      await address.locator('select[name="governorate"]').selectOption("alexandria");
      await address.locator('input[name="city"]').fill("Smouha");
      await address.locator('input[name="street"]').fill("Victor Emmanuel St");
      await address.locator('input[name="building"]').fill("14");
      await address.locator('input[name="floor"]').fill("3");
      await address.getByRole("button").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/account/addresses\\?saved=1$`));
      const card = page.getByTestId("address-card");
      await expect(card).toHaveCount(1);
      await expect(card).toContainText(texts[lang].governorate);
      await expect(card).toContainText("01234567890");
      await expectNoAxeViolations(page);
    });

    test("a bad address keeps what was typed and says what is wrong", async ({ page }) => {
      await register(page, lang, "Karim", uniqueEmail(`address-${lang}`), "Nile-Corniche-88");
      await page.goto(`/${lang}/account/addresses/new`);
      const form = await hydratedForm(page, "address");
      await form.locator('input[name="recipient"]').fill("Karim");
      await form.locator('input[name="phone"]').fill("0191234567");
      await form.locator('select[name="governorate"]').selectOption("giza");
      await form.locator('input[name="city"]').fill("Dokki");
      await form.locator('input[name="street"]').fill("Tahrir St");
      await form.locator('input[name="building"]').fill("7");
      await form.getByRole("button").click();
      await expect(form.locator('input[name="phone"]')).toHaveAttribute("aria-invalid", "true");
      // Every field has an error slot; only the phone's is filled and shown.
      await expect(form.locator(".field-error:visible")).toHaveCount(1);
      await expect(form.locator("#form-address-phone-error")).toBeVisible();
      await expect(form.locator('input[name="city"]')).toHaveValue("Dokki");
      await expectNoAxeViolations(page);
    });

    test("a customer gets a localized 403 on the admin page", async ({ page }) => {
      await register(page, lang, "Customer", uniqueEmail(`customer-${lang}`), "Giza-Pyramids-77");
      const response = await page.goto(`/${lang}/admin`);
      expect(response?.status()).toBe(403);
      await expect(page.getByTestId("forbidden")).toContainText(texts[lang].forbidden);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expectNoAxeViolations(page);
    });
  });

  test.describe(`account without JavaScript (${lang})`, () => {
    test.use({ javaScriptEnabled: false });

    test("plain forms register, show errors and sign in", async ({ page }) => {
      const email = uniqueEmail(`nojs-${lang}`);
      const password = "Luxor-Temple-1922";
      await page.goto(`/${lang}/account/register`);
      const form = page.locator('form[data-form="register"]');
      await form.locator('input[name="name"]').fill("Plain Form");
      await form.locator('input[name="email"]').fill(email);
      await form.locator('input[name="password"]').fill(password);
      await form.getByRole("button").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/account\\?welcome=1$`));
      await expect(page.getByTestId("account-name")).toHaveText("Plain Form");
      await page.getByTestId("sign-out").click();

      await page.goto(`/${lang}/account/sign-in`);
      const signIn = page.locator('form[data-form="sign-in"]');
      await signIn.locator('input[name="email"]').fill(email);
      await signIn.locator('input[name="password"]').fill("wrong-password-here");
      await signIn.getByRole("button").click();
      await expect(page.locator(".form-error")).toHaveText(texts[lang].wrong);
      // The email survives the round trip; the password does not.
      await expect(signIn.locator('input[name="email"]')).toHaveValue(email);
      await expect(signIn.locator('input[name="password"]')).toHaveValue("");
      await signIn.locator('input[name="password"]').fill(password);
      await signIn.getByRole("button").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/account$`));
    });
  });
}
