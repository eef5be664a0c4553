import { test, expect } from "./fixtures";
import type { APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ANNA, BEN, LAB, installation, order, orders, origin, quote, quoted, signIn, uniqueKey, writeHeaders } from "./customer-api";

// Customer quotes, orders exactly once, invoices and the renewal engine over HTTP (api.md
// "Customer"). Orders are placed for the lab customer (a test fixture of the seed, CH, no VAT
// ID) so the demo logins keep their seeded state; anna and ben are only quoted.

const sum = (amounts: string[]) => amounts.reduce((a, b) => a + Math.round(Number(b) * 100), 0) / 100;

test.describe("customer quotes", () => {
  test("quotes need a session", async ({ request }) => {
    const res = await request.post("/api/installations/inst_x/quotes/renewal", {
      data: {},
      headers: { Origin: origin(), "Content-Type": "application/json" },
    });
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  });

  test("a late SMA for Lab Late is year 1 plus back-pay and the fee, with the export note and no VAT", async ({ request }) => {
    const cookie = await signIn(request, LAB);
    const late = await installation(request, cookie, "Lab Late");
    const res = await quote(request, cookie, late.id, "sma", { term_years: 1 });
    expect(res.status()).toBe(200);
    const q = await res.json();
    expect(q.lines.map((l: { kind: string }) => l.kind)).toEqual(["sma_year", "back_pay", "fee"]);
    expect(q.lines[1].explanation).toMatch(/^\d+\.\d\d × 19 % × \d+ \/ 365 = \d+\.\d\d$/);
    expect(q.lines[2].amount).toBe("100.00");
    expect(q.net).toBe(sum(q.lines.map((l: { amount: string }) => l.amount)).toFixed(2));
    expect(q).toMatchObject({ vat_rate: "0", vat: "0.00", gross: q.net, vat_treatment: "export" });
    expect(q.vat_note).toContain("Export");
    expect(q.after.sma).toMatchObject({ status: "active", year: 1, auto_renew: true });
  });

  test("anna's quotes carry 19 % German VAT; ben's carry the reverse charge", async ({ request }) => {
    const anna = await signIn(request, ANNA);
    const probox = await installation(request, anna, "Store Berlin Mitte");
    const q = await (await quote(request, anna, probox.id, "expansion", { add_cameras: 4 })).json();
    expect(q.lines[0]).toMatchObject({ kind: "licence", code: "camera", qty: 4, unit_price: "79.00", amount: "316.00" });
    expect(q.lines[1].kind).toBe("co_term");
    expect(q.vat_rate).toBe("19");
    expect(Math.round(Number(q.net) * 19) / 100).toBeCloseTo(Number(q.vat), 2);
    expect(q.gross).toBe((Number(q.net) + Number(q.vat)).toFixed(2));
    expect(q.after.cameras).toBe(probox.cameras + 4);

    const ben = await signIn(request, BEN);
    const enterprise = await installation(request, ben, "Logistics Centre Linz");
    const r = await (await quote(request, ben, enterprise.id, "renewal", {})).json();
    expect(r).toMatchObject({ vat_rate: "0", vat: "0.00", vat_treatment: "reverse_charge" });
    expect(r.vat_note).toContain("ATU12345678");
    expect(r.after.sma.auto_renew).toBe(false);
  });

  test("an upgrade with an active SMA credits the initial installation; without one it does not", async ({ request }) => {
    const anna = await signIn(request, ANNA);
    const probox = await installation(request, anna, "Store Berlin Mitte");
    const withSma = await (await quote(request, anna, probox.id, "upgrade", { to_edition: "enterprise" })).json();
    const credit = withSma.lines.find((l: { kind: string }) => l.kind === "credit");
    expect(Number(credit.amount)).toBeLessThan(0);
    expect(withSma.lines.some((l: { kind: string }) => l.kind === "co_term")).toBe(true);
    const lapsed = await installation(request, anna, "Warehouse Hamburg");
    const without = await (await quote(request, anna, lapsed.id, "upgrade", { to_edition: "enterprise" })).json();
    expect(without.lines.some((l: { kind: string }) => l.kind === "credit")).toBe(false);
    expect(without.notes[0]).toContain("no credit");
    const down = await quote(request, anna, probox.id, "upgrade", { to_edition: "probox" });
    expect(down.status()).toBe(422);
    expect((await down.json()).error).toMatchObject({ code: "not_an_upgrade", field: "to_edition" });
  });

  test("another customer's installation is not found, and a field of another kind is a 400", async ({ request }) => {
    const anna = await signIn(request, ANNA);
    const probox = await installation(request, anna, "Store Berlin Mitte");
    const ben = await signIn(request, BEN);
    const foreign = await quote(request, ben, probox.id, "renewal", {});
    expect(foreign.status()).toBe(404);
    expect((await foreign.json()).error.code).toBe("not_found");
    const wrong = await quote(request, anna, probox.id, "renewal", { term_years: 3 });
    expect(wrong.status()).toBe(400);
    expect((await wrong.json()).error).toMatchObject({ code: "malformed_request", field: "term_years" });
  });
});

test.describe("orders exactly once", () => {
  test("an order needs an Idempotency-Key, the same origin and no price from the client", async ({ request }) => {
    const cookie = await signIn(request, LAB);
    const auto = await installation(request, cookie, "Lab Auto-renew");
    const before = (await orders(request, cookie)).length;
    const body = { installation_id: auto.id, kind: "expansion", add_cameras: 1 };

    const noKey = await request.post("/api/orders", { data: body, headers: writeHeaders(cookie) });
    expect(noKey.status()).toBe(400);
    expect((await noKey.json()).error.field).toBe("Idempotency-Key");

    const priced = await order(request, cookie, uniqueKey(), { ...body, net: "1.00" });
    expect(priced.status()).toBe(400);
    expect((await priced.json()).error).toMatchObject({ code: "malformed_request", field: "net" });

    const crossSite = await request.post("/api/orders", {
      data: body,
      headers: { cookie, "Content-Type": "application/json", Origin: "https://evil.example", "Idempotency-Key": uniqueKey() },
    });
    expect(crossSite.status()).toBe(403);

    expect(await orders(request, cookie)).toHaveLength(before);
    expect((await installation(request, cookie, "Lab Auto-renew")).cameras).toBe(auto.cameras);
  });

  test("the same key and body replays the order; another body is idempotency_mismatch", async ({ request }) => {
    const cookie = await signIn(request, LAB);
    const auto = await installation(request, cookie, "Lab Auto-renew");
    const key = uniqueKey();
    const body = await quoted(request, cookie, { installation_id: auto.id, kind: "expansion", add_cameras: 2 });
    const first = await order(request, cookie, key, body);
    expect(first.status()).toBe(201);
    const placed = await first.json();
    expect(placed).toMatchObject({ kind: "expansion", installation_id: auto.id, status: "open" });
    expect(placed.number).toMatch(/^SMA-\d{6}$/);
    expect(placed.net).toBe(sum(placed.lines.map((l: { amount: string }) => l.amount)).toFixed(2));

    const again = await order(request, cookie, key, body);
    expect(again.status()).toBe(201);
    expect(again.headers()["idempotent-replayed"]).toBe("true");
    expect((await again.json()).id).toBe(placed.id);

    const changed = await order(request, cookie, key, { ...body, add_cameras: 3 });
    expect(changed.status()).toBe(422);
    expect((await changed.json()).error.code).toBe("idempotency_mismatch");

    // The installation changed once, with the order, and the invoice is there.
    expect((await installation(request, cookie, "Lab Auto-renew")).cameras).toBe(auto.cameras + 2);
    const invoice = await request.get(`/api/orders/${placed.id}`, { headers: { cookie } });
    expect(invoice.status()).toBe(200);
    expect(await invoice.json()).toMatchObject({ id: placed.id, billing: { name: "Lab Test AG", country: "CH" } });
  });

  test("ten requests at once with one key place one order", async ({ request }) => {
    const cookie = await signIn(request, LAB);
    const auto = await installation(request, cookie, "Lab Auto-renew");
    const before = (await orders(request, cookie)).length;
    const key = uniqueKey();
    const body = await quoted(request, cookie, { installation_id: auto.id, kind: "expansion", add_cameras: 1 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => order(request, cookie, key, body)));
    const statuses = answers.map((a) => a.status());
    expect(statuses.every((s) => s === 201 || s === 409), statuses.join(",")).toBe(true);
    // A 409 says the first is still in flight and names the key (retry with it, not a new one).
    for (const a of answers.filter((a) => a.status() === 409)) {
      expect((await a.json()).error).toMatchObject({ code: "conflict", field: "Idempotency-Key" });
    }
    const ids = new Set(
      await Promise.all(answers.filter((a) => a.status() === 201).map(async (a) => (await a.json()).id)),
    );
    expect(ids.size).toBe(1);
    expect(await orders(request, cookie)).toHaveLength(before + 1);
    expect((await installation(request, cookie, "Lab Auto-renew")).cameras).toBe(auto.cameras + 1);
  });

  test("an order that breaks a rule writes nothing and its key can be used again", async ({ request }) => {
    const cookie = await signIn(request, LAB);
    const auto = await installation(request, cookie, "Lab Auto-renew");
    const before = (await orders(request, cookie)).length;
    const key = uniqueKey();
    const tooMany = await order(request, cookie, key, { installation_id: auto.id, kind: "expansion", add_cameras: 5000 });
    expect(tooMany.status()).toBe(422);
    expect((await tooMany.json()).error.code).toBe("too_many_cameras");
    expect(await orders(request, cookie)).toHaveLength(before);
    expect((await installation(request, cookie, "Lab Auto-renew")).cameras).toBe(auto.cameras);
    const ok = await order(request, cookie, key, { installation_id: auto.id, kind: "expansion", add_modules: [{ sku: "client", qty: 1 }] });
    expect(ok.status()).toBe(201);
  });

  test("buying the SMA for Lab New within 30 days starts it on the licence date; buying again is a conflict", async ({ request }) => {
    const cookie = await signIn(request, LAB);
    const fresh = await installation(request, cookie, "Lab New");
    expect(fresh.sma.status).toBe("none");
    const placed = await order(request, cookie, uniqueKey(), { installation_id: fresh.id, kind: "sma", term_years: 3 });
    expect(placed.status()).toBe(201);
    const o = await placed.json();
    expect(o.lines.map((l: { code: string }) => l.code)).toEqual(["sma_year_1", "sma_year_2", "sma_year_3"]);
    const after = await installation(request, cookie, "Lab New");
    expect(after.sma).toMatchObject({ status: "active", start: fresh.licence_date, year: 1, auto_renew: true });
    const again = await order(request, cookie, uniqueKey(), { installation_id: fresh.id, kind: "sma" });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.code).toBe("conflict");
  });

  test("cancel, resume and orders are in the installation's activity, newest first, and nowhere else", async ({ request }) => {
    const cookie = await signIn(request, LAB);
    const auto = await installation(request, cookie, "Lab Auto-renew");
    for (const action of ["cancel", "resume"]) {
      const res = await request.post(`/api/installations/${auto.id}/sma/${action}`, { data: {}, headers: writeHeaders(cookie) });
      expect(res.status()).toBe(200);
    }
    const res = await request.get(`/api/installations/${auto.id}/activity`, { headers: { cookie } });
    expect(res.status()).toBe(200);
    const { activity } = await res.json();
    expect(activity.slice(0, 2).map((a: { action: string }) => a.action)).toEqual(["sma.resume", "sma.cancel"]);
    expect(activity[0].by).toBe("lab@demo.example");
    expect(activity.filter((a: { action: string }) => a.action === "order.expansion").length).toBeGreaterThanOrEqual(3);
    const ben = await signIn(request, BEN);
    expect((await request.get(`/api/installations/${auto.id}/activity`, { headers: { cookie: ben } })).status()).toBe(404);
  });

  test("another customer's order and installation are not found", async ({ request }) => {
    const lab = await signIn(request, LAB);
    const mine = await orders(request, lab);
    expect(mine.length).toBeGreaterThan(0);
    const ben = await signIn(request, BEN);
    expect((await request.get(`/api/orders/${mine[0].id}`, { headers: { cookie: ben } })).status()).toBe(404);
    const anna = await signIn(request, ANNA);
    const probox = await installation(request, anna, "Store Berlin Mitte");
    const foreign = await order(request, lab, uniqueKey(), { installation_id: probox.id, kind: "renewal" });
    expect(foreign.status()).toBe(404);
  });
});

function adminToken(): string {
  const vars = readFileSync(join(__dirname, "..", ".dev.vars"), "utf8");
  return /^ADMIN_TOKEN=(.*)$/m.exec(vars)![1].trim();
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test.describe("the renewal engine", () => {
  function run(request: APIRequestContext, date: string, ids: string[], token = adminToken()) {
    return request.post("/api/admin/renewals/run", {
      data: { date, installation_ids: ids },
      headers: { authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    });
  }

  test("needs the admin token", async ({ request }) => {
    const res = await run(request, "2030-01-01", ["inst_none"], "wrong-token-wrong-token");
    expect(res.status()).toBe(401);
  });

  test("renews at the anniversary once, even when run twice that day, then reminds before the next deadline once", async ({ request }) => {
    const cookie = await signIn(request, LAB);
    const auto = await installation(request, cookie, "Lab Auto-renew");
    const anniversary = addDays(auto.sma.term_end, 1);
    const before = (await orders(request, cookie)).length;

    const first = await (await run(request, anniversary, [auto.id])).json();
    expect(first.actions).toEqual([
      expect.objectContaining({ installation_id: auto.id, action: "renew", date: anniversary }),
    ]);
    const second = await (await run(request, anniversary, [auto.id])).json();
    expect(second.actions).toEqual([]);
    const list = await orders(request, cookie);
    expect(list).toHaveLength(before + 1);
    expect(list[0]).toMatchObject({ kind: "renewal", source: "renewal_engine", order_date: anniversary });
    expect(list[0].lines[0].code).toBe(`sma_year_${auto.sma.year + 1}`);

    const renewed = await installation(request, cookie, "Lab Auto-renew");
    const deadline = renewed.sma.cancellation_deadline;
    const remind = await (await run(request, addDays(deadline, -30), [auto.id])).json();
    expect(remind.actions).toEqual([expect.objectContaining({ action: "remind", date: deadline })]);
    expect((await (await run(request, addDays(deadline, -29), [auto.id])).json()).actions).toEqual([]);
  });

  test("lapses a cancelled SMA at its end once", async ({ request }) => {
    const cookie = await signIn(request, LAB);
    const cancelled = await installation(request, cookie, "Lab Cancelled");
    expect(cancelled.sma.status).toBe("cancelled");
    const end = addDays(cancelled.sma.term_end, 1);
    expect((await (await run(request, addDays(end, -1), [cancelled.id])).json()).actions).toEqual([]);
    const lapse = await (await run(request, end, [cancelled.id])).json();
    expect(lapse.actions).toEqual([expect.objectContaining({ action: "lapse", date: end })]);
    expect((await (await run(request, end, [cancelled.id])).json()).actions).toEqual([]);
  });
});
