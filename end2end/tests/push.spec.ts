// Web push for order updates (issue 18), end to end: a guest turns on notifications from
// the order page (a click, never on load), the browser's subscription points at a local
// push service (there is no internet here, so `PushManager.subscribe` is answered with
// that service's subscription), staff ship the order, the shop sends the update through
// its outbox, the push service checks the VAPID token and decrypts the message, and the
// message handed to the service worker becomes a notification that opens the order.
import { test, expect, expectNoAxeViolations, locales } from "./fixtures";
import { PushReceiver } from "./push-receiver";
import { addToCart, fillCheckout, orderNumber, signInAsAdmin, uniqueEmail } from "./shop";

// Demo products no other journey buys.
const products = { en: "stainless-steel-pot-24cm", ar: "espresso-blend-whole-beans-500g" } as const;

const texts = {
  en: { subscribed: "Notifications are on in this browser.", title: "is on its way", updated: "The order is updated." },
  ar: { subscribed: "الإشعارات شغالة على المتصفح ده.", title: "في الطريق", updated: "تم تحديث الطلب." },
};

for (const { lang, dir } of locales) {
  test(`order updates arrive as web push, encrypted and signed (${lang})`, async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    const receiver = await new PushReceiver().start();
    const context = await browser.newContext();
    try {
      await context.grantPermissions(["notifications"], { origin: baseURL });
      const subscription = receiver.subscription(`guest-${lang}`);
      // The browser's push service is the local one; the key the page subscribes with is
      // kept to compare with the one the shop serves.
      await context.addInitScript((subscription) => {
        const own = {
          endpoint: subscription.endpoint,
          toJSON: () => subscription,
          unsubscribe: async () => true,
        };
        let current: typeof own | null = null;
        PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
          const key = options?.applicationServerKey;
          (window as unknown as { pushKey: unknown }).pushKey = key;
          current = own;
          return own as unknown as PushSubscription;
        };
        PushManager.prototype.getSubscription = async () => current as unknown as PushSubscription;
      }, subscription);
      const shopper = await context.newPage();
      await addToCart(shopper, lang, products[lang]);
      const form = await fillCheckout(shopper, lang, uniqueEmail(`push-${lang}`), "cod");
      await form.locator('button[type="submit"]').click();
      await expect(shopper).toHaveURL(new RegExp(`/${lang}/orders/DK-\\d{8}`));
      const number = orderNumber(shopper.url());
      // The order page as a guest opens it: with its key (and nothing else).
      const placed = new URL(shopper.url());
      const orderPath = `${placed.pathname}?key=${placed.searchParams.get("key")}`;

      // Nothing is asked on load: the button waits for the shopper.
      const button = shopper.getByTestId("push-button");
      await expect(button).toHaveAttribute("data-state", "off", { timeout: 15_000 });
      await button.click();
      await expect(shopper.getByTestId("push-message")).toHaveText(texts[lang].subscribed);
      await expect(button).toHaveAttribute("data-state", "on");
      await expectNoAxeViolations(shopper);
      const served = (await (await shopper.request.get("/api/v1/push/key")).json()).key;
      // The page subscribed with the key the shop serves (base64url, as the island passes it).
      expect(await shopper.evaluate(() => (window as unknown as { pushKey: unknown }).pushKey)).toBe(served);

      // Staff ship the order with a tracking number.
      await signInAsAdmin(page, lang);
      await page.goto(`/${lang}/admin/orders/${number}`);
      for (const action of ["start_processing", "ship"]) {
        const step = page.locator(`form[data-action="${action}"]`);
        if (action === "ship") await step.locator('input[name="tracking_number"]').fill("BOSTA-4242");
        await step.getByRole("button").click();
        await expect(page.getByTestId("admin-notice")).toHaveText(texts[lang].updated);
      }

      // One message (processing is not announced), signed with the shop's key, in the
      // shopper's language, linking to the order page with its key.
      await expect.poll(() => receiver.messages.length, { timeout: 20_000 }).toBe(1);
      const [message] = receiver.messages;
      expect(message.path).toBe(`/push/guest-${lang}`);
      expect(message.vapidKey).toBe(served);
      expect(message.payload.title).toContain(number);
      expect(message.payload.title).toContain(texts[lang].title);
      expect(message.payload.body).toContain("BOSTA-4242");
      expect([message.payload.lang, message.payload.dir]).toEqual([lang, dir]);
      expect(message.payload.url).toBe(orderPath);

      // The push service hands the message to the browser: the service worker shows it.
      const cdp = await context.newCDPSession(shopper);
      const registration = new Promise<string>((resolve) =>
        cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
          const live = registrations.find((r: { isDeleted: boolean }) => !r.isDeleted);
          if (live) resolve(live.registrationId);
        }),
      );
      await cdp.send("ServiceWorker.enable");
      await cdp.send("ServiceWorker.deliverPushMessage", {
        origin: new URL(baseURL!).origin,
        registrationId: await registration,
        data: message.plaintext,
      });
      await expect
        .poll(() =>
          shopper.evaluate(async () => {
            const shown = await (await navigator.serviceWorker.ready).getNotifications();
            return shown.map((n) => ({ title: n.title, body: n.body, dir: n.dir, url: n.data?.url }));
          }),
        )
        .toEqual([{ title: message.payload.title, body: message.payload.body, dir, url: orderPath }]);
    } finally {
      await context.close();
      await receiver.stop();
    }
  });
}
