import { test as base, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// Every page a test opens is watched for console errors and page errors; a test fails
// if any appear.
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await use(errors);
    expect(errors, "console errors").toEqual([]);
  },
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
