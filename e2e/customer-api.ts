import { expect, test } from "./fixtures";
import type { APIRequestContext, Page } from "@playwright/test";

// The customer API as the API tests call it: demo logins, signing in, installations, quotes
// and orders.

export const ANNA = { email: "anna@demo.example", password: "demo-anna-2026" };
export const BEN = { email: "ben@demo.example", password: "demo-ben-2026" };
/** A test fixture of the seed (CH, no VAT ID): orders are placed for it, so the demo logins
 * keep their seeded state. */
export const LAB = { email: "lab@demo.example", password: "demo-lab-2026" };

export function origin(): string {
  return new URL(String(test.info().project.use.baseURL)).origin;
}

export function writeHeaders(cookie: string, extra: Record<string, string> = {}) {
  return { Origin: origin(), "Content-Type": "application/json", cookie, ...extra };
}

/** Signs in and answers the session cookie (`name=value`). */
export async function signIn(request: APIRequestContext, creds: { email: string; password: string }) {
  const res = await request.post("/api/session", {
    data: creds,
    headers: { Origin: origin(), "Content-Type": "application/json" },
  });
  expect(res.status()).toBe(200);
  return (res.headers()["set-cookie"] ?? "").split(";")[0];
}

/** The installation of this name of the signed-in customer. */
export async function installation(request: APIRequestContext, cookie: string, name: string) {
  const res = await request.get("/api/installations", { headers: { cookie } });
  const found = (await res.json()).installations.find((i: { name: string }) => i.name === name);
  expect(found, name).toBeTruthy();
  return found;
}

/** The customer's orders, newest first. */
export async function orders(request: APIRequestContext, cookie: string): Promise<any[]> {
  const res = await request.get("/api/orders", { headers: { cookie } });
  expect(res.status()).toBe(200);
  return (await res.json()).orders;
}

export function quote(request: APIRequestContext, cookie: string, id: string, kind: string, body: unknown = {}) {
  return request.post(`/api/installations/${id}/quotes/${kind}`, { data: body, headers: writeHeaders(cookie) });
}

/**
 * The order request `body` with the token of its quote (`POST .../quotes/{kind}` with the
 * body's inputs), as the portal sends it once the customer confirmed the quote. A body that
 * has a `quote_token` is left as it is. When the quote is refused, a token no quote has: the
 * order is then refused for the same reason as its quote, before its token is looked at.
 */
export async function quoted(request: APIRequestContext, cookie: string, body: Record<string, unknown>) {
  if ("quote_token" in body) return body;
  const { installation_id, kind, ...inputs } = body;
  // The path names the kind with hyphens (`legacy-extension`), the body with underscores.
  const res = await quote(request, cookie, String(installation_id), String(kind).replace(/_/g, "-"), inputs);
  const token = res.status() === 200 ? (await res.json()).quote_token : "q1.unquoted.order";
  return { ...body, quote_token: token };
}

/** `POST /api/orders` with this key, confirming the quote of `body` (see `quoted`). */
export async function order(request: APIRequestContext, cookie: string, key: string, body: Record<string, unknown>) {
  return request.post("/api/orders", {
    data: await quoted(request, cookie, body),
    headers: writeHeaders(cookie, { "Idempotency-Key": key }),
  });
}

export function uniqueKey(): string {
  return `test-${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** Signs in through the portal's form and waits for the account page. */
export async function signInPage(page: Page, creds: { email: string; password: string }) {
  await page.goto("/account");
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
}
