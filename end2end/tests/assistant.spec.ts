// The shopping assistant: the chat panel on storefront pages (search by chat and add the
// result to the cart; an order's status for its guest owner; a handover to staff and the
// staff reply arriving live), the staff inbox, and the plain chat page without JavaScript,
// in both languages.
import { Page } from "@playwright/test";
import { test, expect, expectNoAxeViolations, locales } from "./fixtures";
import { addToCart, fillCheckout, orderNumber, signInAsAdmin, uniqueEmail } from "./shop";

const texts = {
  en: {
    search: "I need a black t-shirt under 500",
    add: "add the white crew neck t-shirt to my cart",
    where: (n: string) => `where is my order ${n}?`,
    person: "I want to talk to a person",
    staff: "Hello, this is Sami from Dokkan. How can I help?",
    handedOver: "passed this conversation",
  },
  ar: {
    search: "3ayez tshirt eswed ta7t 500",
    add: "ضيف التيشيرت الأبيض الرقبة الدائرية للسلة",
    where: (n: string) => `الأوردر ${n} وصل فين؟`,
    person: "عايز أكلم حد من خدمة العملاء",
    staff: "أهلًا، أنا سامي من دكان. أساعدك إزاي؟",
    handedOver: "حوّلت المحادثة",
  },
} as const;

async function openChat(page: Page, lang: string) {
  const launcher = page.getByTestId("chat-launcher");
  await expect(launcher).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
  await launcher.click();
  const panel = page.getByTestId("chat-panel");
  await expect(panel).toBeVisible();
  await expect(page.locator("#chat-panel-text")).toBeFocused();
  return panel;
}

async function say(page: Page, text: string) {
  const panel = page.getByTestId("chat-panel");
  const before = await panel.getByTestId("chat-message").count();
  await panel.getByTestId("chat-panel-text").fill(text);
  await panel.getByTestId("chat-panel-send").click();
  await expect(panel.getByTestId("chat-message")).not.toHaveCount(before);
  return panel.getByTestId("chat-message").last();
}

for (const { lang, dir } of locales) {
  test.describe(`shopping assistant (${lang})`, () => {
    test("a shopper searches by chat and adds the result to the cart", async ({ page }) => {
      await page.goto(`/${lang}/`);
      const panel = await openChat(page, lang);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      await expectNoAxeViolations(page);
      const found = await say(page, texts[lang].search);
      await expect(found.getByTestId("chat-products").locator("li")).not.toHaveCount(0);
      await expect(found.getByTestId("chat-products").locator("a").first()).toHaveAttribute(
        "href",
        new RegExp(`^/${lang}/products/`),
      );
      await expectNoAxeViolations(page);

      const asked = await say(page, texts[lang].add);
      await expect(asked.getByTestId("chat-variant").first()).toBeVisible();
      const shown = await panel.getByTestId("chat-message").count();
      await asked.getByTestId("chat-variant").first().click();
      // The choice, then the answer.
      await expect(panel.getByTestId("chat-message")).toHaveCount(shown + 2);
      const added = panel.getByTestId("chat-message").last();
      await expect(added.getByTestId("chat-link")).toHaveAttribute("href", `/${lang}/cart`);
      // The header's count follows: the same cart the site uses.
      await expect(page.getByTestId("cart-count")).not.toHaveText(/^[0٠]$/);
      await page.goto(`/${lang}/cart`);
      await expect(page.getByTestId("cart-line")).toHaveCount(1);

      // Escape closes the panel and gives the focus back to the button.
      await page.goto(`/${lang}/`);
      await openChat(page, lang);
      await page.keyboard.press("Escape");
      await expect(page.getByTestId("chat-panel")).toBeHidden();
      await expect(page.getByTestId("chat-launcher")).toBeFocused();
    });

    test("the microphone shows only where the browser can listen", async ({ page, browser }) => {
      await page.goto(`/${lang}/`);
      const listens = await page.evaluate(() => "SpeechRecognition" in window || "webkitSpeechRecognition" in window);
      await openChat(page, lang);
      await expect(page.getByTestId("chat-voice")).toHaveCount(listens ? 1 : 0);
      await expect(page.getByTestId("search-voice")).toHaveCount(listens ? 1 : 0);
      // A browser without the Web Speech API: no button at all.
      const context = await browser.newContext();
      const deaf = await context.newPage();
      await deaf.addInitScript(() => {
        delete (window as any).SpeechRecognition;
        delete (window as any).webkitSpeechRecognition;
      });
      await deaf.goto(`/${lang}/`);
      await openChat(deaf, lang);
      await expect(deaf.getByTestId("chat-voice")).toHaveCount(0);
      await expect(deaf.getByTestId("search-voice")).toHaveCount(0);
      await context.close();
    });

    test("a guest asks for an order's status and proves it is theirs", async ({ page }) => {
      await addToCart(page, lang, lang === "ar" ? "nour-sunscreen-gel-spf50-50ml" : "siwa-clay-face-mask-150g");
      const email = uniqueEmail(`chat-${lang}`);
      const form = await fillCheckout(page, lang, email, "cod");
      await form.getByRole("button", { name: /./ }).last().click();
      await expect(page).toHaveURL(/\/orders\/DK-\d{8}/);
      const number = orderNumber(page.url());

      await page.goto(`/${lang}/categories/men`);
      await openChat(page, lang);
      const asked = await say(page, texts[lang].where(number));
      await expect(asked.getByTestId("chat-order")).toHaveCount(0);
      const shown = await say(page, email);
      const order = shown.getByTestId("chat-order");
      await expect(order).toContainText(number);
      await expect(order.locator("a")).toHaveAttribute("href", new RegExp(`/${lang}/orders/${number}`));
      await expectNoAxeViolations(page);
      // The same conversation on the plain page, with its order.
      await page.goto(`/${lang}/assistant`);
      await expect(page.getByTestId("chat-order")).toContainText(number);
      await expectNoAxeViolations(page);
    });

    test("a shopper is handed over to staff and the staff reply arrives live", async ({ page, browser }) => {
      await page.goto(`/${lang}/search?q=lamp`);
      await openChat(page, lang);
      await say(page, texts[lang].person);
      await expect(page.getByTestId("chat-handed-over")).toBeVisible();

      const staffContext = await browser.newContext();
      const staff = await staffContext.newPage();
      await signInAsAdmin(staff, lang);
      await staff.goto(`/${lang}/admin/inbox`);
      await expect(staff.locator("html")).toHaveAttribute("dir", dir);
      await expectNoAxeViolations(staff);
      // The newest conversation handed over in this language (the other locale's test may
      // run at the same time).
      await staff
        .getByTestId("inbox-row")
        .filter({ hasText: texts[lang].handedOver })
        .first()
        .locator("a")
        .first()
        .click();
      await expect(staff.getByTestId("inbox-transcript")).toContainText(texts[lang].person);
      await expectNoAxeViolations(staff);
      await staff.getByTestId("inbox-reply-text").fill(texts[lang].staff);
      await staff.getByTestId("inbox-send").click();
      await expect(staff.getByTestId("inbox-transcript")).toContainText(texts[lang].staff);

      // No reload: the reply comes over the conversation's event stream.
      const last = page.getByTestId("chat-panel").getByTestId("chat-message").last();
      await expect(last).toContainText(texts[lang].staff, { timeout: 15_000 });
      await expect(last).toHaveAttribute("data-author", "staff");
      await staffContext.close();
    });
  });

  test.describe(`plain chat page without JavaScript (${lang})`, () => {
    test.use({ javaScriptEnabled: false });

    test("the chat page answers as plain forms", async ({ page }) => {
      await page.goto(`/${lang}/`);
      // The button is a link to the page.
      await page.getByTestId("chat-launcher").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/assistant$`));
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      // (axe needs JavaScript: the same page is checked in the order test.)
      await page.getByTestId("chat-text").fill(texts[lang].search);
      await page.getByTestId("chat-send").click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/assistant#chat-end$`));
      const reply = page.getByTestId("chat-message").last();
      await expect(reply).toHaveAttribute("data-author", "assistant");
      await expect(reply.getByTestId("chat-products").locator("li")).not.toHaveCount(0);
    });
  });
}
