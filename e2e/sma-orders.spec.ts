import { test, expect } from "./fixtures";
import { signInPage as signIn } from "./customer-api";
import type { Page } from "@playwright/test";

// The portal's order journeys (issue: customer accounts): anna expands her ProBox by four
// cameras and finds the invoice, reinstates her lapsed Professional, ben cannot open anna's
// installation, and everyone can sign out. Runs after the specs that expect the seeded state.

const ANNA = { email: "anna@demo.example", password: "demo-anna-2026" };
const BEN = { email: "ben@demo.example", password: "demo-ben-2026" };

async function api(page: Page, path: string) {
  return page.evaluate(async (p) => (await fetch(p)).json(), path);
}

test.describe("ordering in the portal", () => {
  test("anna expands her ProBox by 4 cameras with the co-termed SMA explained, orders once and finds the invoice", async ({
    page,
  }) => {
    await signIn(page, ANNA);
    const before = (await api(page, "/api/orders")).orders.length;
    const card = page.getByRole("article", { name: "Store Berlin Mitte" });
    const cameras = Number(await card.locator("dt", { hasText: /^Cameras$/ }).locator("xpath=following-sibling::dd").innerText());

    await card.getByRole("button", { name: "Expand" }).click();
    const form = card.getByRole("form", { name: "Expand" });
    await form.getByLabel("Cameras to add").fill("4");
    await form.getByRole("button", { name: "Show price" }).click();

    const quote = card.getByRole("region", { name: "Quote" });
    await expect(quote.getByRole("row", { name: /Camera channel\s*4 × 79\.00 = 316\.00/ })).toBeVisible();
    const coTerm = quote.getByRole("row", { name: /SMA on the added licences, co-termed to year/ });
    await expect(coTerm).toContainText(/316\.00 × 19 % × \d+ \/ 36[56] = \d+\.\d\d/);
    await expect(quote.getByRole("row", { name: "VAT 19 %" })).toBeVisible();
    await expect(quote).toContainText("The added licences join the SMA for the rest of year");

    // A double click places one order.
    await quote.getByRole("button", { name: /^Confirm order/ }).dblclick();
    const placed = card.getByRole("status").filter({ hasText: "Order placed:" });
    await expect(placed).toBeVisible();
    const number = (await placed.locator("strong").innerText()).trim();
    expect(number).toMatch(/^SMA-\d{6}$/);
    await expect(card.locator("dt", { hasText: /^Cameras$/ }).locator("xpath=following-sibling::dd")).toHaveText(String(cameras + 4));
    expect((await api(page, "/api/orders")).orders).toHaveLength(before + 1);

    await placed.getByRole("link", { name: "View invoice" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Invoice ${number}` })).toBeVisible();
    const invoice = page.getByRole("article", { name: `Invoice ${number}` });
    await expect(invoice).toContainText("Demo Retail GmbH");
    await expect(invoice).toContainText("VAT ID DE123456789");
    await expect(invoice.getByRole("row", { name: /Camera channel/ })).toContainText("316.00");
    await expect(invoice.getByRole("row", { name: "VAT 19 %" })).toBeVisible();
    await expect(invoice.getByRole("button", { name: "Print" })).toBeVisible();

    await page.getByRole("link", { name: "All orders and invoices" }).click();
    const row = page.getByRole("row", { name: new RegExp(number) });
    await expect(row).toContainText("Store Berlin Mitte");
    await expect(row).toContainText("Expansion");
  });

  test("anna reinstates her lapsed Professional with back-pay and the fee explained", async ({ page }) => {
    await signIn(page, ANNA);
    const card = page.getByRole("article", { name: "Warehouse Hamburg" });
    await expect(card.locator(".badge")).toHaveText("Lapsed");
    await card.getByRole("button", { name: "Reinstate SMA" }).click();
    await card.getByRole("form", { name: "Reinstate SMA" }).getByRole("button", { name: "Show price" }).click();
    const quote = card.getByRole("region", { name: "Quote" });
    await expect(quote.getByRole("row", { name: /SMA year 1/ })).toBeVisible();
    await expect(quote.getByRole("row", { name: /Back-pay for \d+ uncovered days/ })).toContainText(/× 19 % × \d+ \/ 365 =/);
    await expect(quote.getByRole("row", { name: /Reinstatement fee/ })).toContainText(/max\(10 % of/);
    await expect(quote).toContainText("more than 30 days ago");
    await quote.getByRole("button", { name: /^Confirm order/ }).click();
    await expect(card.getByRole("status").filter({ hasText: "Order placed:" })).toBeVisible();
    await expect(card.locator(".badge")).toHaveText("Active");
    await expect(card.getByRole("button", { name: "Renew now" })).toBeVisible();

    // The installation's own page lists the order in its activity.
    const id = (await api(page, "/api/installations")).installations.find(
      (i: { name: string }) => i.name === "Warehouse Hamburg",
    ).id;
    await page.goto(`/account/installations/${id}`);
    const activity = page.getByRole("region", { name: "Activity" });
    await expect(activity.getByRole("listitem").first()).toContainText("SMA bought · anna@demo.example");
  });

  test("ben cannot open anna's installation, and signs out", async ({ page, consoleErrors }) => {
    await signIn(page, ANNA);
    const anna = (await api(page, "/api/installations")).installations[0].id;
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, BEN);
    await page.goto(`/account/installations/${anna}`);
    await expect(page.getByRole("alert")).toContainText("Nothing was found at this address.");
    // The 404 the page received is the expected one.
    const notFound = consoleErrors.filter((e) => e.includes("status of 404"));
    expect(notFound).toHaveLength(1);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !e.includes("status of 404")));
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    expect((await page.evaluate(async () => (await fetch("/api/installations")).status))).toBe(401);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !e.includes("status of 401")));
  });

  test("a quote speaks German: lines, formulas and notes", async ({ page }) => {
    await page.goto("/account");
    await page.evaluate(() => localStorage.setItem("sma.lang", "de"));
    await page.reload();
    await page.getByLabel("E-Mail").fill(ANNA.email);
    await page.getByLabel("Passwort").fill(ANNA.password);
    await page.getByRole("button", { name: "Anmelden" }).click();
    const card = page.getByRole("article", { name: "Store Berlin Mitte" });
    await card.getByRole("button", { name: "Erweitern" }).click();
    const form = card.getByRole("form", { name: "Erweitern" });
    await form.getByLabel("Zusätzliche Kameras").fill("2");
    await form.getByRole("button", { name: "Preis anzeigen" }).click();
    const quote = card.getByRole("region", { name: "Angebot" });
    await expect(quote.getByRole("row", { name: /SMA auf die hinzugefügten Lizenzen, anteilig für SMA-Jahr \d+ \(\d\d\.\d\d\.\d{4} – \d\d\.\d\d\.\d{4}\)/ })).toBeVisible();
    await expect(quote).toContainText("Die neuen Lizenzen kommen für den Rest von SMA-Jahr");
    await expect(quote).toContainText(/2 × \d+,00 = \d+,00/);
    await expect(quote).toContainText(/\d+,00 × [\d,]+ % × \d+ \/ 36[56] = \d+,\d\d/);
    await expect(quote.getByRole("row", { name: "USt. 19 %" })).toBeVisible();
    await expect(quote.getByRole("button", { name: /^Bestellung bestätigen/ })).toBeVisible();
    await page.evaluate(() => localStorage.setItem("sma.lang", "en"));
  });

  test("the dashboard with a quote, the order history and an invoice fit a 360 px phone", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await signIn(page, ANNA);
    const card = page.getByRole("article", { name: "Store Berlin Mitte" });
    await card.getByRole("button", { name: "Upgrade edition" }).click();
    await card.getByRole("form", { name: "Upgrade edition" }).getByRole("button", { name: "Show price" }).click();
    await expect(card.getByRole("region", { name: "Quote" }).getByRole("row", { name: /Credit: full cost of the initial installation/ })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole("link", { name: "Orders and invoices" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Orders and invoices" })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Invoice SMA-/ })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});
