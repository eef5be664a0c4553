import { test, expect } from "./fixtures";
import type { APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

// "Ask sales about this" over HTTP (api.md "Asking sales"): the quote is priced again and
// stored, the sales team of the country and the sender both get their message, the honeypot,
// the limits, the same answer for anyone, and the operator's list and CSV export. Each test
// uses its own addresses and IP addresses (`CF-Connecting-IP`), so the limits of one test do
// not reach another.

const LAB = { email: "lab@demo.example", password: "demo-lab-2026" };

function origin(): string {
  return new URL(String(test.info().project.use.baseURL)).origin;
}

function headers(ip: string, cookie = "") {
  return { Origin: origin(), "Content-Type": "application/json", "CF-Connecting-IP": ip, ...(cookie ? { cookie } : {}) };
}

function adminToken(): string {
  const vars = readFileSync(join(__dirname, "..", ".dev.vars"), "utf8");
  return /^ADMIN_TOKEN=(.*)$/m.exec(vars)![1].trim();
}

function unique(): string {
  return `${Date.now()}${Math.random().toString(16).slice(2, 8)}`;
}

function randomIp(): string {
  const n = () => 1 + Math.floor(Math.random() * 250);
  return `198.51.${n()}.${n()}`;
}

const CONFIG = {
  edition: "probox",
  cameras: 12,
  modules: [{ sku: "client", qty: 1 }],
  licence_date: "2026-03-10",
  sma: { term_years: 1 },
  years: 5,
};

function ask(request: APIRequestContext, body: Record<string, unknown>, ip: string, cookie = "") {
  return request.post("/api/sales-requests", { data: body, headers: headers(ip, cookie) });
}

function form(email: string, extra: Record<string, unknown> = {}) {
  return { name: "Eva Berger", company: "Berger Bau GmbH", email, message: "Bitte ein Angebot.", consent: true, lang: "de", ...extra };
}

/** The dev mailbox of `to` (not part of the API's contract: read past the recording `request`). */
async function mailbox(to: string): Promise<{ kind: string; subject: string; text: string; lang: string }[]> {
  for (let i = 0; i < 20; i++) {
    const messages = (await (await fetch(`${origin()}/api/dev/mailbox?to=${encodeURIComponent(to)}`)).json()).messages;
    if (messages.length > 0) return messages;
    await new Promise((r) => setTimeout(r, 250));
  }
  return [];
}

async function listed(request: APIRequestContext, query = "") {
  const res = await request.get(`/api/admin/sales-requests${query}`, { headers: { authorization: `Bearer ${adminToken()}` } });
  expect(res.status()).toBe(200);
  return res;
}

test.describe("asking sales", () => {
  test("a prospect's request is priced again, stored with its link, sent to sales and confirmed in German", async ({ request }) => {
    const email = `eva-${unique()}@prospect.example`;
    const res = await ask(request, form(email, { country: "AT", config: CONFIG }), randomIp());
    expect(res.status()).toBe(202);
    const { id } = await res.json();
    expect(id).toMatch(/^sr_[0-9a-f]{16}$/);

    const page = await (await listed(request)).json();
    const stored = page.requests.find((r: { id: string }) => r.id === id);
    expect(stored).toMatchObject({ email, region: "AT", sales_email: "vertrieb-at@sales.example.com", lang: "de", customer_id: null });
    expect(stored.quote.licence_total).toBe("2071.00");
    expect(stored.quote.total_over_years).toBe((await (await request.post("/api/quotes/new", { data: CONFIG })).json()).total_over_years);
    expect(stored.share_link).toBe(`${origin()}/?ed=probox&cam=12&m=client:1&ld=2026-03-10&sma=with&term=1&y=5`);

    const confirmation = await mailbox(email);
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]).toMatchObject({ kind: "sales_confirmation", lang: "de", subject: `Ihre Anfrage ${id} an unseren Vertrieb` });
    expect(confirmation[0].text).toContain("2.071,00");
    expect(confirmation[0].text).not.toContain("Bitte ein Angebot.");
    const sales = (await mailbox("vertrieb-at@sales.example.com")).filter((m) => m.subject.includes(id));
    expect(sales).toHaveLength(1);
    expect(sales[0].text).toContain("Bitte ein Angebot.");
    expect(sales[0].text).toContain(email);
  });

  test("the page's figures are never taken: a price field is malformed", async ({ request }) => {
    const res = await ask(request, form(`p-${unique()}@prospect.example`, { config: { ...CONFIG, licence_total: "1.00" } }), randomIp());
    expect(res.status()).toBe(400);
    expect((await res.json()).error.code).toBe("malformed_request");
  });

  test("missing or invalid fields are 422 with the field, and nothing is echoed", async ({ request }) => {
    const ip = randomIp();
    const cases: [Record<string, unknown>, string, string][] = [
      [form("<b>x</b>"), "invalid_email", "email"],
      [form(`a-${unique()}@prospect.example`, { consent: false }), "consent_required", "consent"],
      [form(`a-${unique()}@prospect.example`, { name: "   " }), "invalid_field", "name"],
      [form(`a-${unique()}@prospect.example`, { message: "x".repeat(4001) }), "invalid_field", "message"],
      [form(`a-${unique()}@prospect.example`, { config: { ...CONFIG, edition: "platinum" } }), "unknown_edition", "config.edition"],
    ];
    for (const [body, code, field] of cases) {
      const res = await ask(request, body, ip);
      expect(res.status(), code).toBe(422);
      const e = (await res.json()).error;
      expect(e).toMatchObject({ code, field });
      expect(e.message).not.toContain("<b>");
    }
  });

  test("a filled honeypot gets the same 202 and nothing is stored or sent", async ({ request }) => {
    const email = `bot-${unique()}@prospect.example`;
    const res = await ask(request, form(email, { website: "http://spam.example" }), randomIp());
    expect(res.status()).toBe(202);
    expect((await res.json()).id).toMatch(/^sr_/);
    const page = await (await listed(request, "?limit=200")).json();
    expect(page.requests.some((r: { email: string }) => r.email === email)).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect((await (await fetch(`${origin()}/api/dev/mailbox?to=${email}`)).json()).messages).toHaveLength(0);
  });

  test("a customer's address gets the same answer as anyone's", async ({ request }) => {
    const known = await ask(request, form("lab@demo.example"), randomIp());
    const unknown = await ask(request, form(`nobody-${unique()}@prospect.example`), randomIp());
    expect([known.status(), unknown.status()]).toEqual([202, 202]);
    expect(Object.keys(await known.json())).toEqual(Object.keys(await unknown.json()));
  });

  test("one e-mail address may ask three times a day, one IP address five times an hour", async ({ request }) => {
    const email = `limit-${unique()}@prospect.example`;
    for (let i = 0; i < 3; i++) expect((await ask(request, form(email), randomIp())).status()).toBe(202);
    const fourth = await ask(request, form(email), randomIp());
    expect(fourth.status()).toBe(429);
    expect(Number(fourth.headers()["retry-after"])).toBeGreaterThan(0);
    const ip = randomIp();
    for (let i = 0; i < 5; i++) expect((await ask(request, form(`ip${i}-${unique()}@prospect.example`), ip)).status()).toBe(202);
    expect((await ask(request, form(`ip6-${unique()}@prospect.example`), ip)).status()).toBe(429);
  });

  test("a signed-in request carries the customer and the installation; another's installation is not found", async ({ request }) => {
    const signIn = await request.post("/api/session", { data: LAB, headers: { Origin: origin(), "Content-Type": "application/json" } });
    const cookie = (signIn.headers()["set-cookie"] ?? "").split(";")[0];
    const list = (await (await request.get("/api/installations", { headers: { cookie } })).json()).installations;
    const inst = list.find((i: { name: string }) => i.name === "Lab Auto-renew");
    const res = await ask(request, form(`lab-${unique()}@prospect.example`, { installation_id: inst.id, lang: "en" }), randomIp(), cookie);
    expect(res.status()).toBe(202);
    const { id } = await res.json();
    const stored = (await (await listed(request)).json()).requests.find((r: { id: string }) => r.id === id);
    // The lab customer is Swiss: the Swiss team answers, whatever the form said.
    expect(stored).toMatchObject({ customer_id: "cus_lab", customer_name: "Lab Test AG", installation_id: inst.id, region: "CH" });
    const foreign = await ask(request, form(`lab2-${unique()}@prospect.example`, { installation_id: "inst_0000000000000000" }), randomIp(), cookie);
    expect(foreign.status()).toBe(404);
  });

  test("the operator pages newest first and exports CSV", async ({ request }) => {
    const first = await (await listed(request, "?limit=2")).json();
    expect(first.requests).toHaveLength(2);
    expect(first.requests[0].created_at >= first.requests[1].created_at).toBe(true);
    const next = await (await listed(request, `?limit=2&after=${first.next_after}`)).json();
    expect(next.requests[0].id).not.toBe(first.requests[0].id);
    expect(next.requests[0].created_at <= first.requests[1].created_at).toBe(true);
    const csv = await listed(request, "?format=csv&limit=5");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe(
      '"id","created_at","name","company","email","phone","lang","region","sales_email","customer_id","customer_name","installation_id","licence_total","share_link","message"',
    );
    const unauthorised = await request.get("/api/admin/sales-requests", { headers: { authorization: "Bearer wrong-token-wrong-token" } });
    expect(unauthorised.status()).toBe(401);
  });
});
