import { test, expect } from "./fixtures";
import type { APIRequestContext } from "@playwright/test";
import { freshIp } from "./accounts-helpers";

// The customer API: sign-in, the session cookie, the CSRF rule and the installations of the
// demo customers (api.md "Customer" and "Demo data"). Every request passes its cookie header
// itself, so nothing depends on how Playwright's cookie jar treats Secure cookies on http.

const ANNA = { email: "anna@demo.example", password: "demo-anna-2026" };
const BEN = { email: "ben@demo.example", password: "demo-ben-2026" };

function origin(): string {
  return new URL(String(test.info().project.use.baseURL)).origin;
}

function writeHeaders(extra: Record<string, string> = {}) {
  return { Origin: origin(), "Content-Type": "application/json", ...extra };
}

/** Signs in (from the source `ip`, else the suite's shared one) and returns the response and
 * the `name=value` of the session cookie. A test that fails sign-ins on purpose uses a source of
 * its own, so that its failures never meet another test's under the per-source limits. */
async function signIn(request: APIRequestContext, creds: { email: string; password: string }, ip?: string) {
  const headers = writeHeaders(ip ? { "CF-Connecting-IP": ip } : {});
  const res = await request.post("/api/session", { data: creds, headers });
  const setCookie = res.headers()["set-cookie"] ?? "";
  const cookie = setCookie.split(";")[0];
  return { res, setCookie, cookie };
}

test.describe("customer session API", () => {
  test("anna signs in with an HttpOnly, Secure, SameSite=Strict cookie and sees herself", async ({ request }) => {
    const { res, setCookie, cookie } = await signIn(request, ANNA);
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({
      user: { email: "anna@demo.example", customer: { name: "Demo Retail GmbH", country: "DE" }, role: "admin" },
    });
    expect(cookie).toMatch(/^__Host-sma_session=[0-9a-f]{64}$/);
    const attributes = setCookie.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["httponly", "secure", "samesite=strict", "path=/"]));
    const me = await request.get("/api/me", { headers: { cookie } });
    expect(me.status()).toBe(200);
    expect((await me.json()).user.customer.name).toBe("Demo Retail GmbH");
  });

  test("/api/me without a session is 401 unauthenticated", async ({ request }) => {
    const res = await request.get("/api/me", { headers: { cookie: `__Host-sma_session=${"0".repeat(64)}` } });
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  });

  test("anna lists two installations: an active ProBox and a lapsed Professional", async ({ request }) => {
    const { cookie } = await signIn(request, ANNA);
    const res = await request.get("/api/installations", { headers: { cookie } });
    expect(res.status()).toBe(200);
    const { installations } = await res.json();
    expect(installations).toHaveLength(2);
    const byEdition = Object.fromEntries(installations.map((i) => [i.edition, i]));
    const probox = byEdition.probox;
    expect(probox).toMatchObject({
      cameras: 12,
      modules: [
        { sku: "client", qty: 1 },
        { sku: "storage", qty: 1 },
      ],
    });
    expect(Object.keys(probox).sort()).toEqual(
      // `legacy`: the legacy Maintenance Contract (api.md), null for anna's ProBox.
      ["cameras", "edition", "id", "installed_version", "licence_date", "licence_number", "legacy", "modules", "name", "pricing", "sma"].sort(),
    );
    expect(probox.legacy).toBeNull();
    expect(probox.sma).toMatchObject({ status: "active", year: 1, auto_renew: true });
    expect(probox.sma.renewal_price).toMatch(/^\d+\.\d{2}$/);
    expect(probox.sma.cancellation_deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(byEdition.professional.sma).toMatchObject({
      status: "lapsed",
      year: 2,
      auto_renew: false,
      cancellation_deadline: null,
      renewal_price: null,
    });
    const one = await request.get(`/api/installations/${probox.id}`, { headers: { cookie } });
    expect(one.status()).toBe(200);
    expect(await one.json()).toEqual(probox);
  });

  test("ben's cancelled Enterprise answers 404 to anna", async ({ request }) => {
    const ben = await signIn(request, BEN);
    const list = await (await request.get("/api/installations", { headers: { cookie: ben.cookie } })).json();
    // The Enterprise, and the Professional under a legacy Maintenance Contract.
    expect(list.installations).toHaveLength(2);
    const enterprise = list.installations.find((i: { name: string }) => i.name === "Logistics Centre Linz");
    expect(enterprise).toMatchObject({ edition: "enterprise", cameras: 40, modules: [{ sku: "analytics", qty: 8 }] });
    expect(enterprise.sma).toMatchObject({ status: "cancelled", auto_renew: false });

    const anna = await signIn(request, ANNA);
    const res = await request.get(`/api/installations/${enterprise.id}`, { headers: { cookie: anna.cookie } });
    expect(res.status()).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
    const unknown = await request.get("/api/installations/inst_0000000000000000", { headers: { cookie: anna.cookie } });
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual(await res.json());
  });

  test("an unknown email and a wrong password get the same 401", async ({ request }) => {
    const source = freshIp();
    const unknown = await signIn(request, { email: "nobody@demo.example", password: "demo-anna-2026" }, source);
    const wrong = await signIn(request, { email: ANNA.email, password: "not-the-password" }, source);
    expect(unknown.res.status()).toBe(401);
    expect(wrong.res.status()).toBe(401);
    const body = await wrong.res.json();
    expect(body.error.code).toBe("invalid_credentials");
    expect(await unknown.res.json()).toEqual(body);
    expect(unknown.setCookie).toBe("");
  });

  test("the sixth failed sign-in in a row for one email is 429", async ({ request }) => {
    const [email, source] = [`locked-${Date.now()}@demo.example`, freshIp()];
    for (let i = 1; i <= 5; i++) {
      const { res } = await signIn(request, { email, password: `wrong-${i}` }, source);
      expect(res.status(), `attempt ${i}`).toBe(401);
    }
    const sixth = await signIn(request, { email, password: "wrong-6" }, source);
    expect(sixth.res.status()).toBe(429);
    expect((await sixth.res.json()).error.code).toBe("rate_limited");
    // Other emails are not affected.
    expect((await signIn(request, ANNA, source)).res.status()).toBe(200);
  });

  test("sign-in from another origin or without JSON is 403", async ({ request }) => {
    const foreign = await request.post("/api/session", {
      data: ANNA,
      headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
    });
    expect(foreign.status()).toBe(403);
    expect((await foreign.json()).error.code).toBe("forbidden");
    expect(foreign.headers()["set-cookie"]).toBeUndefined();
    const form = await request.post("/api/session", {
      form: ANNA,
      headers: { Origin: origin() },
    });
    expect(form.status()).toBe(403);
    const sameSite = await request.post("/api/session", {
      data: ANNA,
      headers: { "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
    });
    expect(sameSite.status()).toBe(200);
  });

  test("signing out ends the session", async ({ request }) => {
    const { cookie } = await signIn(request, ANNA);
    expect((await request.get("/api/me", { headers: { cookie } })).status()).toBe(200);
    const crossSite = await request.delete("/api/session", { headers: { cookie, Origin: "https://evil.example" } });
    expect(crossSite.status()).toBe(403);
    expect((await request.get("/api/me", { headers: { cookie } })).status()).toBe(200);
    const out = await request.delete("/api/session", { headers: { cookie, Origin: origin() } });
    expect(out.status()).toBe(204);
    expect(out.headers()["set-cookie"]).toContain("Max-Age=0");
    const me = await request.get("/api/me", { headers: { cookie } });
    expect(me.status()).toBe(401);
    expect((await me.json()).error.code).toBe("unauthenticated");
  });
});
