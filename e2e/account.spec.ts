import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

// The signed-in customer area at /account, through the browser. Sign-ins here stay well below
// the failed-sign-in limit: at most one wrong password for anna, none for ben.

const ANNA = { email: "anna@demo.example", password: "demo-anna-2026" };
const BEN = { email: "ben@demo.example", password: "demo-ben-2026" };

/** Chromium logs every 401 the page receives as a console error ("Failed to load resource");
 * drops the `expected` ones a test provokes on purpose, so any other error still fails it. */
function allowExpected401s(errors: string[], expected: number) {
  const is401 = (e: string) => /Failed to load resource: the server responded with a status of 401/.test(e);
  expect(errors.filter(is401), "the expected 401 responses").toHaveLength(expected);
  const rest = errors.filter((e) => !is401(e));
  errors.splice(0, errors.length, ...rest);
}

async function signIn(page: Page, creds: { email: string; password: string }) {
  await page.goto("/account");
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** "28 Jan 2027" for "2027-01-28", as the English page shows dates. */
function englishDate(iso: string): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${months[m - 1]} ${y}`;
}

test.describe("my account", () => {
  test("signed out, the page shows the sign-in form and asks nothing of the API", async ({ page }) => {
    const calls: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/")) calls.push(r.url());
    });
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: /sign in/i })).toBeVisible();
    await expect(page.getByLabel("Email")).toBeVisible();
    await expect(page.getByLabel("Password")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    expect(calls).toEqual([]);
  });

  test("anna signs in, sees her installations, stays signed in on reload and signs out", async ({
    page,
    consoleErrors,
  }) => {
    await signIn(page, ANNA);
    await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
    await expect(page.getByText("Demo Retail GmbH")).toBeVisible();

    const cards = page.locator("article.acct-card");
    await expect(cards).toHaveCount(2);
    const probox = page.getByRole("article", { name: "Store Berlin Mitte" });
    const professional = page.getByRole("article", { name: "Warehouse Hamburg" });
    await expect(probox.getByRole("heading", { level: 2, name: "Store Berlin Mitte" })).toBeVisible();
    await expect(probox.locator(".badge")).toHaveText("Active");
    await expect(probox).toContainText("ProBox");
    await expect(probox).toContainText("Covered until");
    await expect(probox).toContainText("Cancellation deadline");
    await expect(probox).toContainText(/Next renewal\s*[\d,]+\.\d{2}\sEUR/);
    await expect(probox).toContainText(/Days left in this term\s*\d+/);
    await expect(professional.locator(".badge")).toHaveText("Lapsed");
    await expect(professional).toContainText("Professional");
    await expect(professional).not.toContainText("Next renewal");
    await expect(page.getByRole("link", { name: "Orders and invoices" })).toBeVisible();
    await expect(probox.getByRole("button", { name: "Renew now" })).toBeVisible();
    await expect(professional.getByRole("button", { name: "Reinstate SMA" })).toBeVisible();

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
    await expect(page.getByText("Demo Retail GmbH")).toBeVisible();
    await expect(cards).toHaveCount(2);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("Email")).toBeVisible();
    const status = await page.evaluate(async () => (await fetch("/api/me")).status);
    expect(status).toBe(401);
    // After a reload the page stays signed out (and does not ask /api/me again).
    await page.reload();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    allowExpected401s(consoleErrors, 1);
  });

  test("a wrong password shows the error and keeps the form", async ({ page, consoleErrors }) => {
    await signIn(page, { email: ANNA.email, password: "not-annas-password" });
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("The email address or the password is not correct.");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.getByRole("heading", { level: 1, name: "My account" })).toHaveCount(0);
    allowExpected401s(consoleErrors, 1);
  });

  test("ben sees his Enterprise cancelled, with the day it ends", async ({ page }) => {
    await signIn(page, BEN);
    await expect(page.getByText("Northwind Logistics")).toBeVisible();
    const list = await page.evaluate(async () => (await fetch("/api/installations")).json());
    const linz = list.installations.find((i: { name: string }) => i.name === "Logistics Centre Linz");
    const termEnd: string = linz.sma.term_end;
    const card = page.getByRole("article", { name: "Logistics Centre Linz" });
    // The Enterprise and the Professional under a legacy Maintenance Contract (Depot Graz).
    await expect(page.locator("article.acct-card")).toHaveCount(2);
    await expect(card).toContainText("Enterprise");
    await expect(card.locator(".badge")).toHaveText(`Cancelled — ends on ${englishDate(termEnd)}`);
    await expect(card).not.toContainText("Next renewal");
  });

  test("the signed-in pages' code is loaded once, after signing in; the sign-in form needs only the portal's module", async ({
    page,
    consoleErrors,
  }) => {
    const wasm: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(".wasm")) wasm.push(new URL(r.url()).pathname);
    });
    await page.goto("/account");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/^\/portal-[0-9a-f]+_bg\.wasm$/);

    await page.getByLabel("Email").fill(BEN.email);
    await page.getByLabel("Password").fill(BEN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("article.acct-card")).toHaveCount(2);
    const later = wasm.slice(1);
    expect(later.filter((p) => /^\/portal-signed-in-page-[0-9a-f]+\.wasm$/.test(p))).toHaveLength(1);
    for (const p of later) expect(p).toMatch(/^\/portal-[a-z-]+-[0-9a-f]+\.wasm$/);
    expect(new Set(later).size).toBe(later.length);

    // Another signed-in page is routed, with the code already there.
    wasm.length = 0;
    await page.getByRole("link", { name: "Orders and invoices" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Orders and invoices" })).toBeVisible();
    expect(wasm).toEqual([]);

    // A new visit (signed in from this browser) loads the portal's module and the signed-in
    // pages' once each.
    wasm.length = 0;
    await page.goto("/account");
    await expect(page.locator("article.acct-card")).toHaveCount(2);
    expect(wasm.filter((p) => /^\/portal-signed-in-page-/.test(p))).toHaveLength(1);
    expect(wasm.filter((p) => /_bg\.wasm$/.test(p))).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });

  test("when the signed-in pages' code cannot be loaded, the page says so, and reloading it loads it", async ({
    page,
    consoleErrors,
  }) => {
    // As after a deployment that no longer serves the module this page was built with.
    const module = /\/portal-signed-in-page-[0-9a-f]+\.wasm$/;
    await page.route(module, (r) => r.fulfill({ status: 404, body: "" }));
    await signIn(page, BEN);
    const alert = page.getByRole("alert").filter({ hasText: "could not be loaded" });
    await expect(alert).toHaveText(/This part of the portal could not be loaded .* Reload the page to try again\./);
    await page.unroute(module);
    await alert.getByRole("button", { name: "Reload the page" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
    await expect(page.locator("article.acct-card")).toHaveCount(2);
    // The browser reports the 404 and the loader what failed; nothing else.
    const expected = (e: string) => /404|WebAssembly|wasm/i.test(e);
    expect(consoleErrors.filter(expected).length).toBeGreaterThan(0);
    expect(consoleErrors.filter((e) => !expected(e))).toEqual([]);
    consoleErrors.length = 0;
  });

  test("the page speaks German too", async ({ page }) => {
    await page.goto("/account");
    await page.evaluate(() => localStorage.setItem("sma.lang", "de"));
    await page.reload();
    await expect(page.getByLabel("E-Mail")).toBeVisible();
    await expect(page.getByLabel("Passwort")).toBeVisible();
    await expect(page.getByRole("button", { name: "Anmelden" })).toBeVisible();
  });
});
