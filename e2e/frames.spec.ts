import { test, expect } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

// The pages that paint a frame before their Wasm arrives (app/frames/, scripts/page-frames.mjs;
// a release's page is written by the Worker).
const FRAMED = ["/", "/releases", "/account", "/releases/6.1.2"];

/** What a visitor reads of the frame: skip link, header links, the main's headings and lead, footer. */
async function outline(page: Page) {
  return page.evaluate(() => {
    const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, " ").trim() ?? null;
    const link = (a: Element) => [text(a), a.getAttribute("href"), a.getAttribute("aria-current"), a.getAttribute("rel")];
    const main = document.querySelector("main");
    return {
      skip: text(document.querySelector(".skip-link")),
      header: [...document.querySelectorAll(".site-header a")].map(link),
      h1: text(main?.querySelector("h1")),
      lead: text(main?.querySelector(".lead")),
      h2: [...(main?.querySelectorAll("h2") ?? [])].map(text),
      footer: [...document.querySelectorAll(".site-footer p")].map(text),
      footerLinks: [...document.querySelectorAll(".site-footer a")].map(link),
    };
  });
}

/** The page as it paints before any script runs: only its frame. */
async function frameOf(browser: Browser, path: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(path);
  const seen = await outline(page);
  await context.close();
  return seen;
}

test.describe("the frame a page paints before its Wasm", () => {
  for (const path of FRAMED) {
    test(`${path} paints the header, headings and footer the app then renders`, async ({ browser, page, consoleErrors }) => {
      const frame = await frameOf(browser, path);
      expect(frame.h1).toBeTruthy();
      await page.goto(path);
      // The app has replaced the frame once the language switch works (the frame's is disabled).
      await expect(page.locator("#lang-select")).toBeEnabled();
      const app = await outline(page);
      expect(frame.skip).toBe(app.skip);
      expect(frame.header).toEqual(app.header);
      expect(frame.h1).toBe(app.h1);
      expect(frame.lead).toBe(app.lead);
      // The frame's cards are the app's first ones (the app adds results and lists).
      expect(app.h2.slice(0, frame.h2.length)).toEqual(frame.h2);
      expect(frame.footer).toEqual(app.footer);
      expect(frame.footerLinks).toEqual(app.footerLinks);
      expect(consoleErrors).toEqual([]);
    });
  }

  test("a visitor who signed in from this browser is not shown the sign-in frame", async ({ browser }) => {
    const context = await browser.newContext();
    await context.addInitScript(() => localStorage.setItem("sma-signed-in", "1"));
    const page = await context.newPage();
    await page.route("**/*.wasm", () => {}); // the app never starts: only the frame is seen
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My account");
    await expect(page.getByRole("status")).toHaveText("Checking your sign-in…");
    await expect(page.getByText("Sign in to your account")).toHaveCount(0);
    await context.close();
  });

  test("a release that does not exist gets the page without a release in its frame", async ({ browser, page }) => {
    for (const path of ["/releases/9.9.9", "/releases/6.1.2/more"]) {
      const frame = await frameOf(browser, path);
      expect(frame.h1).toBeNull();
      expect(frame.header.find(([name]) => name === "Releases")?.[2]).toBe("page");
    }
    await page.goto("/releases/9.9.9");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("9.9.9");
  });

  test("the frame's styles and loader are allowed by the page's policy, and its Wasm is fetched after the paint with its integrity", async ({ request }) => {
    for (const path of FRAMED) {
      const res = await request.get(path);
      // The Wasm is fetched after the first paint, its integrity checked by that fetch.
      expect(res.headers()["cache-control"]).toBe("public, max-age=0, must-revalidate");
      const csp = res.headers()["content-security-policy"];
      expect(csp).toMatch(/style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      expect(csp).not.toContain("unsafe-inline");
      const html = await res.text();
      expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).not.toMatch(/rel="preload"[^>]*\.wasm/);
      expect(html).toMatch(/fetch\('\/[\w-]+_bg\.wasm', \{ integrity: 'sha384-[\w+/=]+' \}\)/);
    }
  });
});
