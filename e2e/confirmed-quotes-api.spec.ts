import { test, expect } from "./fixtures";
import { d1 } from "./d1";
import { LAB, installation, order, orders, quote, signIn, uniqueKey, writeHeaders } from "./customer-api";

// The price a customer confirmed is the price charged (api.md `POST /api/orders`): an order
// names the token of the quote it confirms and is placed only at its amounts; when the order
// would cost something else now or the installation changed, it is refused with 409 and the
// quote as it stands now, never charged at another amount.

test("an order without the token of a quote is a 400 naming quote_token", async ({ request }) => {
  const cookie = await signIn(request, LAB);
  const auto = await installation(request, cookie, "Lab Auto-renew");
  const res = await request.post("/api/orders", {
    data: { installation_id: auto.id, kind: "expansion", add_cameras: 1 },
    headers: writeHeaders(cookie, { "Idempotency-Key": uniqueKey() }),
  });
  expect(res.status()).toBe(400);
  expect((await res.json()).error).toMatchObject({ code: "malformed_request", field: "quote_token" });
});

test("the quote's token orders exactly what was quoted, at its amounts", async ({ request }) => {
  const cookie = await signIn(request, LAB);
  const auto = await installation(request, cookie, "Lab Auto-renew");
  const q = await (await quote(request, cookie, auto.id, "expansion", { add_cameras: 1 })).json();
  expect(q.quote_token).toMatch(/^q1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  expect(Date.parse(q.quote_expires_at) - Date.now()).toBeGreaterThan(29 * 60_000);

  const other = await order(request, cookie, uniqueKey(), {
    installation_id: auto.id,
    kind: "expansion",
    add_cameras: 2,
    quote_token: q.quote_token,
  });
  expect(other.status()).toBe(422);
  expect((await other.json()).error).toMatchObject({ code: "invalid_quote", field: "quote_token" });

  const placed = await order(request, cookie, uniqueKey(), {
    installation_id: auto.id,
    kind: "expansion",
    add_cameras: 1,
    quote_token: q.quote_token,
  });
  expect(placed.status()).toBe(201);
  expect(await placed.json()).toMatchObject({ net: q.net, gross: q.gross, lines: q.lines });
});

test("a quote of the installation before it changed is refused with the new quote, which then orders", async ({ request }) => {
  const cookie = await signIn(request, LAB);
  const auto = await installation(request, cookie, "Lab Auto-renew");
  const before = (await orders(request, cookie)).length;
  const body = { installation_id: auto.id, kind: "expansion", add_modules: [{ sku: "client", qty: 1 }] };
  const q = await (await quote(request, cookie, auto.id, "expansion", { add_modules: body.add_modules })).json();
  // Cancelling and resuming auto-renew changes the installation (and nothing of the price).
  for (const action of ["cancel", "resume"]) {
    const res = await request.post(`/api/installations/${auto.id}/sma/${action}`, { data: {}, headers: writeHeaders(cookie) });
    expect(res.status()).toBe(200);
  }
  const key = uniqueKey();
  const stale = await order(request, cookie, key, { ...body, quote_token: q.quote_token });
  expect(stale.status()).toBe(409);
  const refused = await stale.json();
  expect(refused.error).toMatchObject({ code: "quote_changed", field: "quote_token" });
  expect(refused.quote).toMatchObject({ installation_id: auto.id, kind: "expansion", net: q.net });
  expect(refused.quote.quote_token).not.toBe(q.quote_token);
  expect(await orders(request, cookie)).toHaveLength(before);

  // Confirming the new quote orders it, with the same key (the refusal freed it).
  const placed = await order(request, cookie, key, { ...body, quote_token: refused.quote.quote_token });
  expect(placed.status()).toBe(201);
  expect((await placed.json()).net).toBe(refused.quote.net);
  expect(await orders(request, cookie)).toHaveLength(before + 1);
});

test("a quote whose amounts changed (the customer's VAT) is refused with the new amounts", async ({ request }) => {
  const cookie = await signIn(request, LAB);
  const auto = await installation(request, cookie, "Lab Auto-renew");
  const before = (await orders(request, cookie)).length;
  const body = { installation_id: auto.id, kind: "expansion", add_cameras: 1 };
  const q = await (await quote(request, cookie, auto.id, "expansion", { add_cameras: 1 })).json();
  expect(q.vat).toBe("0.00");
  d1("UPDATE customers SET country = 'DE' WHERE id = 'cus_lab'");
  try {
    const stale = await order(request, cookie, uniqueKey(), { ...body, quote_token: q.quote_token });
    expect(stale.status()).toBe(409);
    const refused = await stale.json();
    expect(refused.error.code).toBe("quote_changed");
    expect(refused.quote.net).toBe(q.net);
    expect(Number(refused.quote.gross)).toBeGreaterThan(Number(q.gross));
    expect(await orders(request, cookie)).toHaveLength(before);
  } finally {
    d1("UPDATE customers SET country = 'CH' WHERE id = 'cus_lab'");
  }
});

test.describe("an expansion within the included cameras", () => {
  const ID = "inst_e2e_small";
  test.afterEach(() => {
    d1(`DELETE FROM audit_log WHERE subject = 'installation:${ID}';
        DELETE FROM idempotency_keys WHERE order_id IN (SELECT id FROM orders WHERE installation_id = '${ID}');
        DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE installation_id = '${ID}');
        DELETE FROM orders WHERE installation_id = '${ID}';
        DELETE FROM installations WHERE id = '${ID}'`);
  });

  test("records the new camera count at no charge", async ({ request }) => {
    d1(`INSERT INTO installations (id, customer_id, name, edition, cameras, modules, licence_date, initial_value)
          VALUES ('${ID}', 'cus_lab', 'Lab Small', 'probox', 2, '[]', '2026-02-01', '1290.00')`);
    const cookie = await signIn(request, LAB);
    const res = await order(request, cookie, uniqueKey(), { installation_id: ID, kind: "expansion", add_cameras: 2 });
    expect(res.status()).toBe(201);
    const placed = await res.json();
    expect(placed).toMatchObject({ net: "0.00", gross: "0.00", after: { cameras: 4 } });
    expect(placed.lines[0]).toMatchObject({ kind: "licence", code: "camera", qty: 2, amount: "0.00" });
    expect((await installation(request, cookie, "Lab Small")).cameras).toBe(4);
  });
});
