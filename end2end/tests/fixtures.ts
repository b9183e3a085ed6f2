import { test as base, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// Every page every test opens is watched for console errors and page errors (a CSP
// violation is one); a test fails if any appear. Chromium also logs every 4xx response as
// an error. Two kinds are answers, not faults, and are not counted: a 4xx for the document
// itself (the 404 and 403 pages), and a 4xx from a server function or API call, which the
// form island shows as a message (wrong password 401, invalid form 422, too many 429).
// A 4xx for anything else the page loads (an image, a script, the favicon) and every 5xx
// still count.
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const url = message.location().url;
        const clientError = /status of 4\d\d/.test(message.text());
        const answered =
          clientError && (url === page.url() || new URL(url, page.url()).pathname.startsWith("/api/"));
        if (!answered) errors.push(`${message.text()} (${url})`);
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, "axe-core violations").toEqual([]);
}

export const locales = [
  { lang: "en", dir: "ltr", other: "ar" },
  { lang: "ar", dir: "rtl", other: "en" },
] as const;
