import { expect, test } from "./fixtures";
import type { APIRequestContext, Page } from "@playwright/test";

// Helpers of the order tests (orders-api, legacy-api, the portal's order journeys): same-origin
// write headers, signing in (over the API, or in the portal), an installation by name, quotes
// and orders with an Idempotency-Key.

export function origin(): string {
  return new URL(String(test.info().project.use.baseURL)).origin;
}

export function writeHeaders(cookie: string, extra: Record<string, string> = {}) {
  return { Origin: origin(), "Content-Type": "application/json", cookie, ...extra };
}

export async function signIn(request: APIRequestContext, creds: { email: string; password: string }) {
  const res = await request.post("/api/session", {
    data: creds,
    headers: { Origin: origin(), "Content-Type": "application/json" },
  });
  expect(res.status()).toBe(200);
  return (res.headers()["set-cookie"] ?? "").split(";")[0];
}

export async function installation(request: APIRequestContext, cookie: string, name: string) {
  const res = await request.get("/api/installations", { headers: { cookie } });
  const found = (await res.json()).installations.find((i: { name: string }) => i.name === name);
  expect(found, name).toBeTruthy();
  return found;
}

export function order(request: APIRequestContext, cookie: string, key: string, body: unknown) {
  return request.post("/api/orders", { data: body, headers: writeHeaders(cookie, { "Idempotency-Key": key }) });
}

export function quote(request: APIRequestContext, cookie: string, id: string, kind: string, body: unknown = {}) {
  return request.post(`/api/installations/${id}/quotes/${kind}`, { data: body, headers: writeHeaders(cookie) });
}

/** Signs in on the portal's sign-in page. */
export async function signInPage(page: Page, creds: { email: string; password: string }) {
  await page.goto("/account");
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
