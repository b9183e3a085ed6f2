import { test as base, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// Every page every test opens is watched for console errors and page errors; a test
// fails if any appear. The one error a browser logs by design, a 404 status for the
// document itself on a "not found" page, is not counted; a 404 for anything the page
// loads (an image, a script, the favicon) still is.
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const documentNotFound =
          message.text().includes("status of 404") && message.location().url === page.url();
        if (!documentNotFound) errors.push(`${message.text()} (${message.location().url})`);
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
