import { test, expect } from "./fixtures";

const A = {
  edition: "probox",
  cameras: 12,
  modules: [
    { sku: "client", qty: 1 },
    { sku: "storage", qty: 1 },
  ],
  licence_date: "2026-03-10",
  sma: { order_date: "2026-03-10", term_years: 1 },
  years: 5,
};

async function quote(request, path: string, body: unknown) {
  const res = await request.post(path, { data: body });
  return { status: res.status(), body: await res.json(), headers: res.headers() };
}

test.describe("public quote API", () => {
  test("worked example A: licence lines and five SMA years to the cent", async ({ request }) => {
    const { status, body } = await quote(request, "/api/quotes/new", A);
    expect(status).toBe(200);
    expect(body.currency).toBe("EUR");
    expect(body.price_book).toBe("2026");
    expect(body.lines.map((l) => [l.sku, l.qty, l.amount])).toEqual([
      ["base", 1, "1290.00"],
      ["camera", 8, "632.00"],
      ["client", 1, "149.00"],
      ["storage", 1, "390.00"],
    ]);
    expect(body.licence_total).toBe("2461.00");
    expect(body.sma.late).toBe(false);
    expect(body.sma.schedule.map((y) => y.amount)).toEqual(["467.59", "457.38", "431.97", "406.56", "381.15"]);
    expect(body.sma.schedule[0]).toMatchObject({ year: 1, start: "2026-03-10", end: "2027-03-09", price_book: "2026", rate: "19" });
    expect(body.sma.schedule[1]).toMatchObject({ price_book: "2027", value: "2541.00", rate: "18" });
    expect(body.total_over_years).toBe("4605.65");
  });

  test("worked example B: a late SMA pays back-pay and the minimum fee", async ({ request }) => {
    const { body } = await quote(request, "/api/quotes/new", { ...A, sma: { order_date: "2026-09-01" } });
    expect(body.sma).toMatchObject({ start: "2026-09-01", late: true, back_pay: "224.19", reinstatement_fee: "100.00" });
    expect(body.sma.schedule[0].amount).toBe("467.59");
  });

  test("worked example C: a 3-year term carries the 5 % discount every year", async ({ request }) => {
    const { body } = await quote(request, "/api/quotes/new", {
      edition: "professional",
      cameras: 40,
      modules: [
        { sku: "analytics", qty: 10 },
        { sku: "voip", qty: 1 },
        { sku: "archive", qty: 1 },
      ],
      licence_date: "2026-11-15",
      sma: { term_years: 3 },
      years: 3,
    });
    expect(body.licence_total).toBe("11978.00");
    expect(body.sma.schedule.map((y) => y.amount)).toEqual(["2162.03", "2118.35", "2000.66"]);
    expect(body.sma.first_term).toBe("6281.04");
  });

  test("worked example E: an upgrade with an active SMA credits the first installation", async ({ request }) => {
    const base = { edition: "probox", cameras: 12, modules: [{ sku: "client", qty: 1 }, { sku: "storage", qty: 1 }], licence_date: "2026-03-10", to_edition: "enterprise", upgrade_date: "2027-05-01" };
    const { status, body } = await quote(request, "/api/quotes/upgrade", { ...base, sma_start: "2026-03-10" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ price_book: "2027", target_total: "9735.00", credit: "2461.00", licence_price: "7274.00", sma_adjustment: "1110.94", total_due: "8384.94", sma_active: true });
    const without = await quote(request, "/api/quotes/upgrade", { ...base, sma_start: null });
    expect(without.body).toMatchObject({ credit: "0.00", licence_price: "9735.00", total_due: "9735.00", sma_active: false });
  });

  test("worked example X: an expansion is co-termed with the SMA year", async ({ request }) => {
    const { body } = await quote(request, "/api/quotes/expansion", {
      edition: "probox", cameras: 12, modules: [{ sku: "client", qty: 1 }],
      add_cameras: 6, add_modules: [{ sku: "pos", qty: 2 }], date: "2026-09-10", sma_start: "2026-03-10",
    });
    expect(body).toMatchObject({ licence_price: "954.00", sma_adjustment: "89.89", total_due: "1043.89", sma_active: true });
  });

  test("the catalog lists the price book in force on a date", async ({ request }) => {
    const res = await request.get("/api/catalog?date=2027-02-01");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.price_book).toBe("2027");
    expect(body.editions.map((e) => e.code)).toEqual(["probox", "professional", "enterprise"]);
    const early = await request.get("/api/catalog?date=2025-06-01");
    expect(early.status()).toBe(422);
    expect((await early.json()).error.code).toBe("no_price_book");
  });

  const ruleErrors: [string, Record<string, unknown>, string, string?][] = [
    ["unknown_edition", { ...A, edition: "ultra" }, "edition"],
    ["unknown_module", { ...A, modules: [{ sku: "teleport", qty: 1 }] }, "modules[0].sku"],
    ["unknown_module", { ...A, modules: [{ sku: "camera", qty: 1 }] }, "modules[0].sku"],
    ["module_not_in_edition", { ...A, modules: [{ sku: "voip", qty: 1 }] }, "modules[0].sku"],
    ["duplicate_module", { ...A, modules: [{ sku: "client", qty: 1 }, { sku: "client", qty: 2 }] }, "modules[1].sku"],
    ["invalid_quantity", { ...A, modules: [{ sku: "client", qty: -1 }] }, "modules[0].qty"],
    ["invalid_quantity", { ...A, modules: [{ sku: "client", qty: 1.5 }] }, "modules[0].qty"],
    ["invalid_quantity", { ...A, modules: [{ sku: "client", qty: 10001 }] }, "modules[0].qty"],
    ["too_many_cameras", { ...A, cameras: 33 }, "cameras"],
    ["exceeds_cameras", { ...A, edition: "professional", cameras: 4, modules: [{ sku: "analytics", qty: 5 }] }, "modules[0].qty"],
    ["invalid_date", { ...A, licence_date: "2026-02-30" }, "licence_date"],
    ["no_price_book", { ...A, licence_date: "2025-12-31", sma: null }, "licence_date"],
    ["sma_before_licence", { ...A, sma: { order_date: "2026-03-09" } }, "sma.order_date"],
    ["invalid_years", { ...A, years: 11 }, "years"],
    ["invalid_term", { ...A, sma: { term_years: 2 } }, "sma.term_years"],
  ];
  for (const [i, [code, body, field]] of ruleErrors.entries()) {
    test(`a rule error answers 422 ${code} naming ${field} (case ${i + 1})`, async ({ request }) => {
      const res = await quote(request, "/api/quotes/new", body);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message.length).toBeGreaterThan(10);
      expect(res.headers["x-request-id"]).toBeTruthy();
    });
  }

  test("not_an_upgrade for a lower or equal edition", async ({ request }) => {
    const res = await quote(request, "/api/quotes/upgrade", { edition: "professional", cameras: 10, modules: [], licence_date: "2026-03-10", to_edition: "probox", upgrade_date: "2026-06-01", sma_start: null });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("not_an_upgrade");
  });

  test("malformed JSON, wrong types, missing and unknown fields answer 400", async ({ request }) => {
    for (const data of ["{not json", JSON.stringify({ ...A, cameras: "12" }), JSON.stringify({ cameras: 12 }), JSON.stringify({ ...A, price: "1.00" })]) {
      const res = await request.post("/api/quotes/new", { data, headers: { "content-type": "application/json" } });
      expect(res.status(), data).toBe(400);
      expect((await res.json()).error.code).toBe("malformed_request");
    }
  });

  test("an unknown field is named in the error", async ({ request }) => {
    const res = await quote(request, "/api/quotes/new", { ...A, unit_price: "1.00" });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("unit_price");
  });

  test("a body above 64 KiB answers 413 before it is parsed", async ({ request }) => {
    const modules = Array.from({ length: 4000 }, () => ({ sku: "client", qty: 1 }));
    const res = await quote(request, "/api/quotes/new", { ...A, modules });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  test("a wrong method on a known path answers 405 in the error shape", async ({ request }) => {
    const res = await request.get("/api/quotes/new");
    expect(res.status()).toBe(405);
    expect((await res.json()).error.code).toBe("method_not_allowed");
  });

  test("the OpenAPI document describes the quote endpoints", async ({ request }) => {
    const res = await request.get("/api/openapi.json");
    expect(res.status()).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ["/api/quotes/new", "/api/quotes/upgrade", "/api/quotes/expansion", "/api/catalog", "/api/releases"]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
