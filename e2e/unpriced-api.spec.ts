import { test, expect } from "./fixtures";
import { d1 } from "./d1";
import { LAB, quote, signIn, writeHeaders } from "./customer-api";

// An installation whose stored state no longer prices (its edition left the price book) is
// listed with pricing "unpriced" and why, instead of turning the customer's whole list into a
// 500; quotes on it are a 409. The row is written into D1 directly: the API cannot create it.

const ID = "inst_e2e_unpriced";

test.afterEach(() => {
  d1(`DELETE FROM sma_coverage WHERE installation_id = '${ID}'; DELETE FROM installations WHERE id = '${ID}'`);
});

test("an installation whose edition left the price book is listed as unpriced, with its coverage", async ({ request }) => {
  d1(
    `INSERT INTO installations (id, customer_id, name, edition, cameras, modules, licence_date, initial_value)
       VALUES ('${ID}', 'cus_lab', 'Lab Legacy Edition', 'legacy', 8, '[]', '2026-02-01', '1000.00');
     INSERT INTO sma_coverage (installation_id, start, term_years, auto_renew, term_from, renews_on)
       VALUES ('${ID}', '2026-02-01', 1, 1, 1, '2027-02-01')`,
  );
  const cookie = await signIn(request, LAB);
  const res = await request.get("/api/installations", { headers: { cookie } });
  expect(res.status()).toBe(200);
  const all = (await res.json()).installations;
  const legacy = all.find((i: { id: string }) => i.id === ID);
  expect(legacy.pricing.status).toBe("unpriced");
  expect(legacy.pricing.reason).toContain("legacy");
  expect(legacy.sma).toMatchObject({ status: "active", term_end: "2027-01-31", auto_renew: true, renewal_price: null });
  const others = all.filter((i: { id: string }) => i.id !== ID);
  expect(others.length).toBeGreaterThan(0);
  expect(others.every((i: { pricing: { status: string } }) => i.pricing.status === "priced")).toBe(true);

  const one = await request.get(`/api/installations/${ID}`, { headers: { cookie } });
  expect((await one.json()).pricing.status).toBe("unpriced");

  const renewal = await quote(request, cookie, ID, "renewal", {});
  expect(renewal.status()).toBe(409);
  expect((await renewal.json()).error.message).toContain("can no longer be priced");
  const expansion = await quote(request, cookie, ID, "expansion", { add_cameras: 1 });
  expect(expansion.status()).toBe(409);

  // Its activity and cancelling auto-renew do not need a price.
  expect((await request.get(`/api/installations/${ID}/activity`, { headers: { cookie } })).status()).toBe(200);
  const cancel = await request.post(`/api/installations/${ID}/sma/cancel`, { data: {}, headers: writeHeaders(cookie) });
  expect(cancel.status()).toBe(200);
  expect((await cancel.json()).pricing.status).toBe("unpriced");
});
