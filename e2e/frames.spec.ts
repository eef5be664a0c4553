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
      title: document.title,
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

/** The accessible names the frame gives its landmarks and forms, each with a selector of its element. */
async function ariaLabels(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("[aria-label]")].map((e) => {
      const tag = e.tagName.toLowerCase();
      return [e.classList.length ? `${tag}.${e.classList[0]}` : `${tag}:not([class])`, e.getAttribute("aria-label")];
    }),
  );
}

/** The accessible name of the first element each selector matches. */
async function labelsAt(page: Page, selectors: string[]) {
  return page.evaluate((all) => all.map((s) => document.querySelector(s)?.getAttribute("aria-label") ?? null), selectors);
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

/** The page with its frame's scripts run but its app never started (the Wasm never arrives), in
 *  a new context with the browser's language `locale` and these items in localStorage. */
async function frameWithScripts(browser: Browser, path: string, locale: string, storage: Record<string, string> = {}) {
  const context = await browser.newContext({ locale });
  await context.addInitScript((items) => Object.entries(items).forEach(([k, v]) => localStorage.setItem(k, v)), storage);
  const page = await context.newPage();
  await page.route("**/*.wasm", () => {});
  await page.goto(path);
  return page;
}

/** Loads `path` in `page` with its app and expects the app to render what `frame` painted. */
async function expectAppToRenderFrame(page: Page, path: string, frame: Awaited<ReturnType<typeof outline>>) {
  await page.goto(path);
  // The app has replaced the frame once the language switch works (the frame's is disabled),
  // and has rendered the page once its heading is back (a release's page loads it first).
  await expect(page.locator("#lang-select")).toBeEnabled();
  await expect(page.locator("main h1")).toBeVisible();
  const app = await outline(page);
  await expect(page).toHaveTitle(frame.title);
  expect(frame.skip).toBe(app.skip);
  expect(frame.header).toEqual(app.header);
  expect(frame.h1).toBe(app.h1);
  expect(frame.lead).toBe(app.lead);
  // The frame's cards are the app's first ones (the app adds results and lists).
  expect(app.h2.slice(0, frame.h2.length)).toEqual(frame.h2);
  expect(frame.footer).toEqual(app.footer);
  expect(frame.footerLinks).toEqual(app.footerLinks);
}

test.describe("the frame a page paints before its Wasm", () => {
  for (const path of FRAMED) {
    test(`${path} paints the header, headings and footer the app then renders`, async ({ browser, page, consoleErrors }) => {
      const frame = await frameOf(browser, path);
      expect(frame.h1).toBeTruthy();
      await expectAppToRenderFrame(page, path, frame);
      expect(consoleErrors).toEqual([]);
    });
  }

  for (const path of FRAMED) {
    test(`${path} paints its frame in German for a German visitor, as the app renders it`, async ({ browser }) => {
      const framePage = await frameWithScripts(browser, path, "de-DE");
      const context = framePage.context();
      const frame = await outline(framePage);
      const frameLabels = await ariaLabels(framePage);
      expect(await framePage.evaluate(() => document.documentElement.lang)).toBe("de");
      await expect(framePage.locator("#lang-select")).toHaveValue("de");
      expect(frame.skip).toBe("Zum Inhalt springen");
      const page = await context.newPage();
      await expectAppToRenderFrame(page, path, frame);
      expect(await labelsAt(page, frameLabels.map(([selector]) => selector!))).toEqual(frameLabels.map(([, label]) => label));
      await context.close();
    });
  }

  for (const path of FRAMED) {
    test(`${path} does not shift on a phone from its frame to the app's page`, async ({ browser }) => {
      // Lighthouse's phone: the frame paints, the app replaces it, the first answers render.
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
      await context.addInitScript(() => {
        const w = window as unknown as { shifts: string[] };
        w.shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; sources: { node?: Node }[] }[]) {
            w.shifts.push(`${e.value.toFixed(4)} ${e.sources.map((s) => (s.node as Element | undefined)?.className ?? "?").join(", ")}`);
          }
        }).observe({ type: "layout-shift", buffered: true });
      });
      const page = await context.newPage();
      await page.goto(path);
      await expect(page.locator("#lang-select")).toBeEnabled();
      await expect(page.locator("main h1")).toBeVisible();
      await page.waitForTimeout(1500);
      expect(await page.evaluate(() => (window as unknown as { shifts: string[] }).shifts)).toEqual([]);
      await context.close();
    });
  }

  for (const path of FRAMED) {
    test(`${path} never paints a half-built page: from its frame to the app, every frame has the header, the heading and the footer`, async ({ page }) => {
      // The app is built off the page over several tasks and replaces the frame in one step.
      await page.addInitScript(() => {
        const w = window as unknown as { painted: string[] };
        w.painted = [];
        const look = () => {
          const parts = [".site-header", "main h1", ".site-footer"].map((s) => (document.querySelector(s) ? "1" : "0")).join("");
          if (w.painted.at(-1) !== parts) w.painted.push(parts);
          requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      });
      await page.goto(path);
      await expect(page.locator("#lang-select")).toBeEnabled();
      await expect(page.locator("main h1")).toBeVisible();
      await page.waitForTimeout(500);
      const painted = await page.evaluate(() => (window as unknown as { painted: string[] }).painted);
      expect(painted).toContain("111");
      expect(painted.slice(painted.indexOf("111"))).toEqual(["111"]);
    });
  }

  for (const path of ["/account/orders", "/account/token?token=0"]) {
    test(`${path} paints the header and footer before its Wasm, and says it is loading`, async ({ browser, page }) => {
      const frame = await frameOf(browser, path);
      await page.goto(path);
      await expect(page.locator("#lang-select")).toBeEnabled();
      await expect(page.locator("main h1")).toBeVisible();
      const app = await outline(page);
      expect(frame.skip).toBe(app.skip);
      expect(frame.header).toEqual(app.header);
      expect(frame.footer).toEqual(app.footer);
      expect(frame.footerLinks).toEqual(app.footerLinks);
      const german = await frameWithScripts(browser, path, "de-DE");
      await expect(german.getByRole("status")).toHaveText("Wird geladen …");
      await german.context().close();
    });
  }

  test("a remembered language wins over the browser's in the frame too", async ({ browser }) => {
    const page = await frameWithScripts(browser, "/releases", "de-DE", { "sma.lang": "en" });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Releases");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.context().close();
  });

  test("a German visitor who signed in from this browser sees the gate's German frame", async ({ browser }) => {
    const page = await frameWithScripts(browser, "/account", "de-DE", { "sma-signed-in": "1" });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mein Konto");
    await expect(page.getByRole("status")).toHaveText("Anmeldung wird geprüft …");
    await page.context().close();
  });

  test("a visitor who signed in from this browser is not shown the sign-in frame", async ({ browser }) => {
    const page = await frameWithScripts(browser, "/account", "en-US", { "sma-signed-in": "1" });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My account");
    await expect(page.getByRole("status")).toHaveText("Checking your sign-in…");
    await expect(page.getByText("Sign in to your account")).toHaveCount(0);
    await page.context().close();
  });

  test("a release's page fetches its answers while the Wasm loads, and the app asks the network for each once", async ({ page, request }) => {
    const html = await (await request.get("/releases/6.1.2")).text();
    expect(html).toContain('<link rel="preload" href="/api/releases/6.1.2" as="fetch" crossorigin="anonymous">');
    expect(html).toContain('<link rel="preload" href="/api/releases/versions" as="fetch" crossorigin="anonymous">');
    const asked: string[] = [];
    page.on("requestfinished", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/releases")) asked.push(url.pathname + url.search);
    });
    await page.goto("/releases/6.1.2");
    await expect(page.getByRole("region", { name: "Downloads" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Other versions" })).toBeVisible();
    expect(asked.sort()).toEqual(["/api/releases/6.1.2", "/api/releases/versions"]);
  });

  test("the release browser's frame fetches its first answers while the Wasm loads, and the app asks the network for each once, never for every release with its notes", async ({ page, request }) => {
    const html = await (await request.get("/releases")).text();
    const preloaded = [...html.matchAll(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous">/g)].map((m) => m[1]);
    expect(preloaded.sort()).toEqual(["/api/releases/versions", "/api/releases?limit=8"]);
    const asked: string[] = [];
    page.on("requestfinished", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/releases")) asked.push(url.pathname + url.search);
    });
    await page.goto("/releases");
    await expect(page.getByRole("status").filter({ hasText: /\d+ releases · \d+ changes/ })).toBeVisible();
    await expect(page.locator('#rel-since option[value="5.0.0"]')).toHaveCount(1);
    expect(asked.sort()).toEqual(["/api/releases/versions", "/api/releases?limit=42&offset=8", "/api/releases?limit=8"]);
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
