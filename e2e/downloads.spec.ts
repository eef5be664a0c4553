import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { signInPage as signIn } from "./customer-api";

// Entitled downloads on the release page, through the browser (issue 7): per installation,
// covered with Download buttons, or needing an SMA with the reason, the price and the order;
// for a lapsed installation, what renewing gets it. The e2e server's R2 holds 6.1.2's files.
// Release dates are fixed while the demo coverage is seeded relative to today: anna's
// Professional (lapsed four months ago) needs an SMA for 6.1.2 (20 Apr 2027) until Aug 2027.

const ANNA = { email: "anna@demo.example", password: "demo-anna-2026" };
const BEN = { email: "ben@demo.example", password: "demo-ben-2026" };

/** "27 Jul 2026" for "2026-07-27", as the English page shows dates. */
function englishDate(iso: string): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${months[m - 1]} ${y}`;
}

async function installations(page: Page) {
  return (await (await page.request.get("/api/installations")).json()).installations as {
    id: string;
    name: string;
    sma: { status: string; term_end: string };
  }[];
}

test.describe("downloads on the release page", () => {
  test("a visitor is asked to sign in, and the page asks no session endpoint", async ({ page, consoleErrors }) => {
    const calls: string[] = [];
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (/^\/api\/(me|installations|downloads)/.test(path)) calls.push(path);
    });
    await page.goto("/releases/6.1.2");
    const downloads = page.getByRole("region", { name: "Downloads" });
    await expect(downloads.getByRole("link", { name: "Sign in to download." })).toHaveAttribute("href", "/account");
    await expect(downloads).toContainText("Get-FileHash");
    await expect(downloads).toContainText("sha256sum");
    await expect(page.getByRole("region", { name: "Your installations" })).toHaveCount(0);
    expect(calls).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  test("anna downloads 6.1.2 for her ProBox and sees that her lapsed Professional needs an SMA", async ({
    page,
    consoleErrors,
  }) => {
    await signIn(page, ANNA);
    const professionalData = (await installations(page)).find((i) => i.name === "Warehouse Hamburg")!;
    const release = await (await page.request.get("/api/releases/6.1.2")).json();
    const notes = release.artifacts.find((a: { id: string }) => a.id === "6.1.2-notes");

    await page.goto("/releases/6.1.2");
    const mine = page.getByRole("region", { name: "Your installations" });
    const probox = mine.getByRole("article", { name: "Store Berlin Mitte" });
    await expect(probox.locator(".rel-inst-head .badge")).toHaveText("Covered");
    await expect(probox).toContainText("Covered by the SMA, which renews automatically.");
    await expect(probox.getByRole("button", { name: /^Download / })).toHaveCount(release.artifacts.length);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      probox.getByRole("button", { name: `Download ${notes.name}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(notes.name);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.length).toBe(notes.size);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(notes.sha256);
    // The page stays where it was.
    await expect(page).toHaveURL(/\/releases\/6\.1\.2$/);

    const professional = mine.getByRole("article", { name: "Warehouse Hamburg" });
    await expect(professional.locator(".rel-inst-head .badge")).toHaveText("Needs an SMA");
    await expect(professional).toContainText(
      `This release came out on 20 Apr 2027 after the SMA coverage ended on ${englishDate(professionalData.sma.term_end)}; renew or reinstate the SMA to download it.`,
    );
    await expect(professional.getByRole("button", { name: /^Download/ })).toHaveCount(0);
    await expect(professional.locator(".rel-inst-price").first()).toContainText(
      /Reinstating the SMA for one year costs [\d,]+\.\d{2}\sEUR net of VAT \([\d,]+\.\d{2}\sEUR incl\. VAT\), back-pay and reinstatement fee included\./,
    );
    const reinstate = professional.getByRole("link", { name: "Reinstate SMA" });
    await expect(reinstate.first()).toHaveAttribute("href", `/account/installations/${professionalData.id}?action=sma`);

    // What renewing gets it: the releases since the SMA ended, limited to its modules.
    const gains = professional.getByRole("region", { name: "What renewing gets Warehouse Hamburg" });
    await expect(gains).toContainText(`since the SMA ended on ${englishDate(professionalData.sma.term_end)}`);
    await expect(gains.getByRole("link", { name: "6.1.2", exact: true })).toBeVisible();
    await expect(gains.getByRole("link", { name: "6.0.0", exact: true })).toBeVisible();
    await expect(gains.getByRole("link", { name: "5.10.0", exact: true })).toHaveCount(0);
    await gains.locator("summary", { hasText: "6.1.2" }).click();
    await expect(gains.getByText(/Door-release button stayed disabled/)).toBeVisible();
    await expect(gains.getByText(/Oracle Xstore POS with multiple currencies/)).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  });

  test("ben's cancelled Enterprise needs the next term for a release after its coverage, with its price", async ({
    page,
    consoleErrors,
  }) => {
    await signIn(page, BEN);
    const enterprise = (await installations(page))[0];
    const all: { version: string; date: string }[] = (await (await page.request.get("/api/releases")).json()).releases;
    // Releases have fixed dates and the demo coverage moves with the day of seeding: pick them.
    const after = all.find((r) => r.date > enterprise.sma.term_end);
    const covered = all.find((r) => r.date <= enterprise.sma.term_end)!;
    test.skip(!after, "no release is dated after ben's coverage any more");
    await page.goto(`/releases/${after!.version}`);
    const card = page.getByRole("region", { name: "Your installations" }).getByRole("article", { name: enterprise.name });
    await expect(card.locator(".rel-inst-head .badge")).toHaveText("Needs an SMA");
    await expect(card).toContainText(`after the SMA coverage ended on ${englishDate(enterprise.sma.term_end)}`);
    await expect(card.locator(".rel-inst-price")).toContainText(/Renewing the SMA for the next term costs [\d,]+\.\d{2}\sEUR net of VAT/);
    await expect(card.getByRole("link", { name: "Renew SMA" })).toHaveAttribute(
      "href",
      `/account/installations/${enterprise.id}?action=renewal`,
    );
    // Not lapsed: no "what renewing gets" block; a release from within its coverage is covered.
    await expect(card.getByRole("region")).toHaveCount(0);
    await page.goto(`/releases/${covered.version}`);
    await expect(page.getByRole("article", { name: enterprise.name }).locator(".rel-inst-head .badge")).toHaveText("Covered");
    expect(consoleErrors).toEqual([]);
  });

  test("the entitlement speaks German too", async ({ page }) => {
    await signIn(page, ANNA);
    await page.evaluate(() => localStorage.setItem("sma.lang", "de"));
    await page.goto("/releases/6.1.2");
    const mine = page.getByRole("region", { name: "Ihre Installationen" });
    await expect(mine.getByRole("article", { name: "Store Berlin Mitte" }).locator(".rel-inst-head .badge")).toHaveText("Abgedeckt");
    const professional = mine.getByRole("article", { name: "Warehouse Hamburg" });
    await expect(professional.locator(".rel-inst-head .badge")).toHaveText("SMA nötig");
    await expect(professional.getByRole("link", { name: "SMA wieder aufnehmen" }).first()).toBeVisible();
    await expect(professional.getByRole("button", { name: /Herunterladen/ })).toHaveCount(0);
  });
});
