import { test, expect } from "@playwright/test";
import { ANNA, base, colleague, freshEmail, freshIp, median, post, signIn } from "./accounts-helpers";
import { d1 } from "./d1";

// Sign-in abuse (api.md "Customer"): every attempt is counted atomically before its password is
// checked, per address and source, per source, per source and minute (the PBKDF2 work), and
// per address from all sources, which never refuses a source without failures for the address.

/** A user of Demo Retail whose address no other test signs in with. */
async function freshUser(request: Parameters<typeof post>[0]) {
  const admin = await signIn(request, base(), ANNA);
  const user = { email: freshEmail("limits", "demo.example"), password: "a-long-enough-password" };
  await colleague(request, admin, user.email, "viewer", user.password);
  return user;
}

test.describe("sign-in limits", () => {
  test("50 parallel wrong sign-ins for one address check at most 5 passwords; the other answers are 429 with Retry-After", async ({ request }) => {
    const user = await freshUser(request);
    const attacker = freshIp();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(request, "/api/session", { email: user.email, password: `wrong-${i}` }, attacker)),
    );
    const statuses = answers.map((r) => r.status());
    const checked = statuses.filter((s) => s === 401).length;
    const limited = statuses.filter((s) => s === 429).length;
    console.log(`50 parallel wrong sign-ins: ${checked} checked (401), ${limited} refused (429)`);
    test.info().annotations.push({ type: "parallel wrong sign-ins", description: `${checked} × 401, ${limited} × 429` });
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked + limited).toBe(50);
    const refusal = answers.find((r) => r.status() === 429)!;
    expect((await refusal.json()).error.code).toBe("rate_limited");
    expect(Number(refusal.headers()["retry-after"])).toBeGreaterThan(0);

    // The right password is refused from the attacking source, but not from the owner's.
    expect((await post(request, "/api/session", user, attacker)).status()).toBe(429);
    expect((await post(request, "/api/session", user, freshIp())).status()).toBe(200);
  });

  test("one source trying many addresses is stopped after the checks it may cause per minute", async ({ request }) => {
    const source = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await post(request, "/api/session", { email: freshEmail("spray"), password: "guess" }, source)).status());
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another source is not affected.
    expect((await post(request, "/api/session", { email: freshEmail("spray"), password: "guess" }, freshIp())).status()).toBe(401);
  });

  test("right sign-ins are not counted: the owner signs in more often than the failure limit", async ({ request }) => {
    const user = await freshUser(request);
    const home = freshIp();
    for (let i = 0; i < 8; i++) expect((await post(request, "/api/session", user, home)).status(), `sign-in ${i + 1}`).toBe(200);
  });

  test("a known and an unknown address answer with the same status and body in a similar time", async ({ request }) => {
    const user = await freshUser(request);
    const times: Record<string, number[]> = { known: [], unknown: [] };
    const bodies = new Set<string>();
    for (let round = 0; round < 6; round++) {
      for (const [name, email] of [["known", user.email], ["unknown", freshEmail("nobody", "demo.example")]]) {
        const started = performance.now();
        const res = await post(request, "/api/session", { email, password: "not-the-password" }, freshIp());
        times[name].push(performance.now() - started);
        expect(res.status(), name).toBe(401);
        expect(res.headers()["set-cookie"], name).toBeUndefined();
        bodies.add(await res.text());
      }
    }
    expect(bodies.size).toBe(1);
    const medians = { known: Math.round(median(times.known)), unknown: Math.round(median(times.unknown)) };
    console.log(`wrong sign-in medians (ms): ${JSON.stringify(medians)}`);
    test.info().annotations.push({ type: "wrong sign-in medians (ms)", description: JSON.stringify(medians) });
    // Loose: the same PBKDF2 work either way (a dummy hash for an unknown address).
    expect(Math.max(medians.known, medians.unknown)).toBeLessThan(3 * Math.min(medians.known, medians.unknown) + 50);
  });

  test("the counters of past windows are pruned by the index on their start, and no failure log is left", async () => {
    const [plan, tables] = d1(
      `EXPLAIN QUERY PLAN DELETE FROM rate_limits WHERE window_start < 1;
       SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'login_failures'`,
    );
    expect(plan.map((r) => String(r.detail)).join(" ")).toMatch(/USING (COVERING )?INDEX rate_limits_window_start/);
    expect(tables).toEqual([]);
  });
});
