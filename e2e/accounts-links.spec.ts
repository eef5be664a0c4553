import type { APIRequestContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import { BEN, freshEmail, freshIp, sessionCookie, signIn, tokenIn, waitForMail, writeHeaders } from "./accounts-helpers";

// One-time links replaced by newer ones, used twice, and the limit on guessing one's current
// password (api.md "Getting in"); the journeys through the pages are in accounts-portal.spec.ts.

function base(): string {
  return String(test.info().project.use.baseURL);
}

function post(request: APIRequestContext, path: string, data: unknown, cookie?: string, ip = freshIp()) {
  return request.post(path, { data, headers: writeHeaders(base(), ip, cookie ? { cookie } : {}) });
}

test("a newer reset link replaces the earlier one, and a reset link works once", async ({ request }) => {
  const ben = await signIn(request, base(), BEN);
  const email = freshEmail("ida", "northwind.example");
  expect((await post(request, "/api/users/invitations", { email, role: "viewer" }, ben)).status()).toBe(202);
  const [invitation] = await waitForMail(request, email, "invitation");
  expect((await post(request, "/api/tokens/redeem", { token: tokenIn(invitation), password: "ida-first-pass" })).status()).toBe(200);

  expect((await post(request, "/api/password-resets", { email })).status()).toBe(202);
  const [first] = await waitForMail(request, email, "password_reset");
  expect((await post(request, "/api/password-resets", { email })).status()).toBe(202);
  const [second] = await waitForMail(request, email, "password_reset", 2);
  expect(tokenIn(second)).not.toBe(tokenIn(first));

  const stale = await post(request, "/api/tokens/redeem", { token: tokenIn(first), password: "ida-second-pass" });
  expect(stale.status()).toBe(410);
  expect((await stale.json()).error).toMatchObject({ code: "token_invalid", field: "token" });
  const used = await post(request, "/api/tokens/redeem", { token: tokenIn(second), password: "ida-second-pass" });
  expect(used.status()).toBe(200);
  sessionCookie(used);
  const twice = await post(request, "/api/tokens/redeem", { token: tokenIn(second), password: "ida-third-pass" });
  expect(twice.status()).toBe(410);
  expect((await post(request, "/api/tokens/inspect", { token: tokenIn(second) })).status()).toBe(410);
});

test("a new invitation to the same address replaces the earlier one, whose link stops working", async ({ request }) => {
  const ben = await signIn(request, base(), BEN);
  const email = freshEmail("jon", "northwind.example");
  expect((await post(request, "/api/users/invitations", { email, role: "viewer" }, ben)).status()).toBe(202);
  const [first] = await waitForMail(request, email, "invitation");
  expect((await post(request, "/api/users/invitations", { email, role: "admin" }, ben)).status()).toBe(202);
  const [second] = await waitForMail(request, email, "invitation", 2);

  const { invitations } = await (await request.get("/api/users", { headers: { cookie: ben } })).json();
  expect(invitations.filter((i: { email: string }) => i.email === email)).toEqual([expect.objectContaining({ email, role: "admin" })]);
  expect((await post(request, "/api/tokens/redeem", { token: tokenIn(first), password: "jon-first-pass" })).status()).toBe(410);
  const joined = await post(request, "/api/tokens/redeem", { token: tokenIn(second), password: "jon-first-pass" });
  expect(joined.status()).toBe(200);
  expect((await joined.json()).user.role).toBe("admin");
});

test("after five wrong current passwords within 15 minutes, changing the password is 429 with Retry-After", async ({ request }) => {
  const ben = await signIn(request, base(), BEN);
  const email = freshEmail("kim", "northwind.example");
  expect((await post(request, "/api/users/invitations", { email, role: "viewer" }, ben)).status()).toBe(202);
  const [invitation] = await waitForMail(request, email, "invitation");
  const kim = sessionCookie(await post(request, "/api/tokens/redeem", { token: tokenIn(invitation), password: "kim-first-pass" }));
  for (let i = 1; i <= 5; i++) {
    const wrong = await post(request, "/api/me/password", { current_password: `wrong-${i}-pass`, new_password: "kim-second-pass" }, kim);
    expect(wrong.status(), `attempt ${i}`).toBe(422);
  }
  const sixth = await post(request, "/api/me/password", { current_password: "wrong-6-pass", new_password: "kim-second-pass" }, kim);
  expect(sixth.status()).toBe(429);
  expect((await sixth.json()).error.code).toBe("rate_limited");
  expect(Number(sixth.headers()["retry-after"])).toBeGreaterThan(0);
  expect(Number(sixth.headers()["retry-after"])).toBeLessThanOrEqual(15 * 60);
});
