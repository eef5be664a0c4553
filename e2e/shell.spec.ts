import { test, expect } from "./fixtures";

test.describe("the shell", () => {
  test("loads without console errors and shows the navigation", async ({ page, consoleErrors }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Calculator" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Releases" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "My account" })).toBeVisible();
    await expect(page.getByRole("contentinfo")).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("each navigation link routes and marks the current page", async ({ page, consoleErrors }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Releases" }).click();
    await expect(page).toHaveURL(/\/releases$/);
    await expect(page.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Releases" })).toHaveAttribute("aria-current", "page");
    await nav.getByRole("link", { name: "My account" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1, name: /account|sign in/i })).toBeVisible();
    await nav.getByRole("link", { name: "Calculator" }).click();
    await expect(page).toHaveURL(/\/$/);
    expect(consoleErrors).toEqual([]);
  });

  test("deep links load the right page, also after a reload", async ({ page, consoleErrors }) => {
    await page.goto("/releases");
    await expect(page.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible();
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("the calculator and the portal are separate bundles, linked by full page loads", async ({ page, consoleErrors }) => {
    const wasm: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(".wasm")) wasm.push(new URL(r.url()).pathname);
    });
    await page.goto("/");
    await expect(page.getByTestId("licence-total")).toBeVisible();
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/^\/calculator-[0-9a-f]+_bg\.wasm$/);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Calculator" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Releases" })).toHaveAttribute("rel", "external");
    for (const path of ["/releases", "/releases/6.1.2", "/account", "/account/orders"]) {
      wasm.length = 0;
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(wasm, path).toHaveLength(1);
      expect(wasm[0], path).toMatch(/^\/portal-[0-9a-f]+_bg\.wasm$/);
    }
    await expect(nav.getByRole("link", { name: "Calculator" })).toHaveAttribute("rel", "external");
    await expect(nav.getByRole("link", { name: "Releases" })).not.toHaveAttribute("rel", "external");
    // Inside the portal the router navigates without loading the page again.
    wasm.length = 0;
    await nav.getByRole("link", { name: "Releases" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible();
    expect(wasm).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  test("an unknown page shows the not-found page", async ({ page }) => {
    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  });

  test("static pages carry the security headers", async ({ request }) => {
    for (const path of ["/", "/releases", "/account/orders"]) {
      const res = await request.get(path);
      expect(res.status()).toBe(200);
      const h = res.headers();
      const csp = h["content-security-policy"];
      expect(csp).toContain("'wasm-unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBeTruthy();
      expect(h["strict-transport-security"]).toContain("max-age=");
    }
  });
});

test.describe("the API basics", () => {
  test("health answers ok with the version and a request id", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect(res.headers()["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
    const body = await res.json();
    expect(body.status).toBe("ok");
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test("an unknown API path answers 404 in the error shape", async ({ request }) => {
    const res = await request.get("/api/does-not-exist");
    expect(res.status()).toBe(404);
    expect(res.headers()["x-request-id"]).toBeTruthy();
    const body = await res.json();
    expect(body.error.code).toBe("not_found");
    expect(typeof body.error.message).toBe("string");
  });

  test("API responses carry the security headers", async ({ request }) => {
    const res = await request.get("/api/health");
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["strict-transport-security"]).toContain("max-age=");
    expect(h["referrer-policy"]).toBeTruthy();
  });

  test("a body above 64 KiB is refused with 413", async ({ request }) => {
    const res = await request.post("/api/quotes/new", {
      data: "x".repeat(70 * 1024),
      headers: { "content-type": "application/json" },
    });
    expect(res.status()).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });
});
