import { test, expect } from "./fixtures";
import type { APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { d1 } from "./d1";
import { LAB, order, quoted, signIn } from "./customer-api";

// Faults mid-write leave nothing half done (api.md: every multi-row write is one D1 batch).
// D1 itself is made to fail a statement inside the batch of an order or of a renewal run: a
// trigger on one table raises an error for this test's installation only, once per statement
// the batch writes. Each failure must leave exactly what was there before (installation,
// coverage, orders, lines, audit, e-mails, idempotency key), and the retry with the same key
// places exactly one order. The installations are written into D1 for the test and removed.

test.describe.configure({ timeout: 180_000 });

const FAULT = "e2e_fault";

/** Everything an order or a renewal run may write for installation `id` (and key `key`). */
function snapshot(id: string, key = "") {
  const [installation, coverage, orders, lines, audit, emails, keys] = d1(
    `SELECT version, edition, cameras, modules FROM installations WHERE id = '${id}';
     SELECT start, term_years, term_from, auto_renew, cancelled_on, ends_on, renews_on, lapsed, reminded_deadline
       FROM sma_coverage WHERE installation_id = '${id}';
     SELECT id, kind, net, term_start FROM orders WHERE installation_id = '${id}' ORDER BY seq;
     SELECT COUNT(*) AS n FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE installation_id = '${id}');
     SELECT action FROM audit_log WHERE subject = 'installation:${id}' ORDER BY id;
     SELECT dedupe_key FROM email_outbox WHERE installation_id = '${id}' ORDER BY id;
     SELECT order_id FROM idempotency_keys WHERE customer_id = 'cus_lab' AND key = '${key}'`,
  );
  return { installation, coverage, orders, lines: lines[0].n, audit, emails, keys };
}

/** Removes what was written for `id`. Its delivered messages go with its outbox rows: the
 * ids of deleted rows are given again, and the mailbox keeps one message per outbox id. */
function remove(id: string) {
  d1(`DROP TRIGGER IF EXISTS ${FAULT};
      DELETE FROM audit_log WHERE subject = 'installation:${id}';
      DELETE FROM dev_mailbox WHERE outbox_id IN (SELECT id FROM email_outbox WHERE installation_id = '${id}');
      DELETE FROM email_outbox WHERE installation_id = '${id}';
      DELETE FROM idempotency_keys WHERE order_id IN (SELECT id FROM orders WHERE installation_id = '${id}');
      DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE installation_id = '${id}');
      DELETE FROM orders WHERE installation_id = '${id}';
      DELETE FROM sma_coverage WHERE installation_id = '${id}';
      DELETE FROM installations WHERE id = '${id}'`);
}

/** A trigger that fails `event` on `table` when `when` holds (one at a time). */
function fail(event: string, table: string, when: string) {
  d1(`CREATE TRIGGER ${FAULT} BEFORE ${event} ON ${table} WHEN ${when}
      BEGIN SELECT RAISE(ABORT, 'fault injected by the e2e suite'); END`);
}

/** The statements of a batch that writes for installation `id`, one trigger each. */
function batchFaults(id: string, key: string): [string, string, string][] {
  return [
    ["UPDATE", "installations", `OLD.id = '${id}'`],
    ["INSERT", "sma_coverage", `NEW.installation_id = '${id}'`],
    ["INSERT", "orders", `NEW.installation_id = '${id}'`],
    ["INSERT", "order_lines", `EXISTS (SELECT 1 FROM orders o WHERE o.id = NEW.order_id AND o.installation_id = '${id}')`],
    ["INSERT", "audit_log", `NEW.subject = 'installation:${id}'`],
    ["INSERT", "email_outbox", `NEW.installation_id = '${id}'`],
    ["UPDATE", "idempotency_keys", `NEW.key = '${key}'`],
  ];
}

test.describe("an order", () => {
  const ID = "inst_e2e_fault_order";
  test.afterEach(() => remove(ID));

  test("a D1 error at any statement of its batch writes nothing; the retry with the same key orders once", async ({ request }) => {
    const licence = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    d1(`INSERT INTO installations (id, customer_id, name, edition, cameras, modules, licence_date, initial_value)
          VALUES ('${ID}', 'cus_lab', 'Lab Faults', 'probox', 6, '[]', '${licence}', '1448.00')`);
    const cookie = await signIn(request, LAB);
    const key = `fault-${Date.now()}`;
    const body = await quoted(request, cookie, { installation_id: ID, kind: "sma", term_years: 1 });
    const before = snapshot(ID, key);
    expect(before.orders).toEqual([]);

    // Every statement of an SMA order's batch (it writes no e-mail).
    for (const [event, table, when] of batchFaults(ID, key).filter(([, t]) => t !== "email_outbox")) {
      fail(event, table, when);
      const res = await order(request, cookie, key, body);
      const after = snapshot(ID, key);
      d1(`DROP TRIGGER ${FAULT}`);
      expect(res.status(), `${event} ${table}`).toBe(500);
      expect((await res.json()).error.code).toBe("internal");
      expect(after, `after a failing ${event} on ${table}`).toEqual(before);
    }

    const placed = await order(request, cookie, key, body);
    expect(placed.status()).toBe(201);
    const replay = await order(request, cookie, key, body);
    expect(replay.headers()["idempotent-replayed"]).toBe("true");
    expect((await replay.json()).id).toBe((await placed.json()).id);
    const done = snapshot(ID, key);
    expect(done.orders).toHaveLength(1);
    expect(done.keys).toEqual([{ order_id: done.orders[0].id }]);
    expect(done.audit).toEqual([{ action: "order.sma" }]);
    expect(done.coverage).toHaveLength(1);
    expect(done.installation[0].version).toBe(Number(before.installation[0].version) + 1);
  });

  test("a request that dies between its claim and its batch leaves only the claim; the retry with the same key orders once", async ({ request }) => {
    d1(`INSERT INTO installations (id, customer_id, name, edition, cameras, modules, licence_date, initial_value)
          VALUES ('${ID}', 'cus_lab', 'Lab Faults', 'probox', 6, '[]', '2026-01-15', '1448.00')`);
    const cookie = await signIn(request, LAB);
    const key = `crash-${Date.now()}`;
    const body = await quoted(request, cookie, { installation_id: ID, kind: "expansion", add_cameras: 1 });
    const before = snapshot(ID);
    // As if the Worker were killed after the claim: its batch fails and so does freeing the claim.
    d1(`CREATE TRIGGER ${FAULT} BEFORE INSERT ON orders WHEN NEW.installation_id = '${ID}'
          BEGIN SELECT RAISE(ABORT, 'fault injected by the e2e suite'); END;
        CREATE TRIGGER ${FAULT}_release BEFORE DELETE ON idempotency_keys WHEN OLD.key = '${key}'
          BEGIN SELECT RAISE(ABORT, 'fault injected by the e2e suite'); END`);
    try {
      expect((await order(request, cookie, key, body)).status()).toBe(500);
    } finally {
      d1(`DROP TRIGGER ${FAULT}; DROP TRIGGER ${FAULT}_release`);
    }
    const crashed = snapshot(ID, key);
    expect({ ...crashed, keys: [] }).toEqual({ ...before, keys: [] });
    expect(crashed.keys).toEqual([{ order_id: null }]);

    // Within 30 s the claim may still be in flight: the retry is told to wait, and writes nothing.
    const early = await order(request, cookie, key, body);
    expect(early.status()).toBe(409);
    expect((await early.json()).error).toMatchObject({ code: "conflict", field: "Idempotency-Key" });
    expect(snapshot(ID, key)).toEqual(crashed);

    // Once abandoned (its claim 31 s old), the retry with the same key takes it over and orders once.
    const abandoned = new Date(Date.now() - 31_000).toISOString();
    d1(`UPDATE idempotency_keys SET created_at = '${abandoned}' WHERE customer_id = 'cus_lab' AND key = '${key}'`);
    const placed = await order(request, cookie, key, body);
    expect(placed.status()).toBe(201);
    const again = await order(request, cookie, key, body);
    expect((await again.json()).id).toBe((await placed.json()).id);
    const done = snapshot(ID, key);
    expect(done.orders).toHaveLength(1);
    expect(done.installation[0].cameras).toBe(7);
    expect(done.audit).toEqual([{ action: "order.expansion" }]);
  });
});

function adminToken(): string {
  const vars = readFileSync(join(__dirname, "..", ".dev.vars"), "utf8");
  return /^ADMIN_TOKEN=(.*)$/m.exec(vars)![1].trim();
}

/** A lab installation with a yearly SMA from `start` whose renewal at `anniversary` is due. */
function renewing(id: string, start: string, anniversary: string) {
  d1(`INSERT INTO installations (id, customer_id, name, edition, cameras, modules, licence_date, initial_value)
        VALUES ('${id}', 'cus_lab', '${id}', 'probox', 6, '[]', '${start}', '1448.00');
      INSERT INTO sma_coverage (installation_id, start, term_years, auto_renew, term_from, renews_on, lapsed)
        VALUES ('${id}', '${start}', 1, 1, 1, '${anniversary}', 0)`);
}

function run(request: APIRequestContext, date: string, ids: string[]) {
  return request.post("/api/admin/renewals/run", {
    data: { date, installation_ids: ids },
    headers: { authorization: `Bearer ${adminToken()}`, "Content-Type": "application/json" },
  });
}

test.describe("a renewal run", () => {
  const IDS = ["inst_e2e_fault_r1", "inst_e2e_fault_r2"];
  const ANNIVERSARY = "2027-01-20";
  test.afterEach(() => IDS.forEach(remove));

  test("a D1 error at any statement of one installation's batch leaves it untouched and the others renewed; the next run renews it once", async ({ request }) => {
    IDS.forEach((id) => renewing(id, "2026-01-20", ANNIVERSARY));
    const [first, second] = IDS;
    const before = snapshot(second);
    for (const [event, table, when] of batchFaults(second, "")) {
      if (table === "idempotency_keys") continue; // a run claims no key
      fail(event, table, when);
      const res = await run(request, ANNIVERSARY, IDS);
      const after = snapshot(second);
      d1(`DROP TRIGGER ${FAULT}`);
      expect(res.status(), `${event} ${table}`).toBe(200);
      const report = await res.json();
      expect(report.failed, `${event} ${table}`).toEqual([second]);
      expect(after, `after a failing ${event} on ${table}`).toEqual(before);
    }
    // The first one renewed once, in the first run; the runs after it found nothing to do.
    expect(snapshot(first).orders.map((o) => o.term_start)).toEqual([ANNIVERSARY]);

    const rerun = await (await run(request, ANNIVERSARY, IDS)).json();
    expect(rerun.failed).toEqual([]);
    expect(rerun.actions).toEqual([expect.objectContaining({ installation_id: second, action: "renew", date: ANNIVERSARY })]);
    for (const id of IDS) {
      const done = snapshot(id);
      expect(done.orders.map((o) => o.term_start), id).toEqual([ANNIVERSARY]);
      expect(done.audit, id).toEqual([{ action: "engine.renew" }]);
      expect(done.emails.length, id).toBeGreaterThan(0);
      expect(done.coverage[0].renews_on, id).toBe("2028-01-20");
    }
    expect((await (await run(request, ANNIVERSARY, IDS)).json()).actions).toEqual([]);
  });
});

test.describe("the renewal queue", () => {
  const IDS = ["inst_e2e_queue_twice", "inst_e2e_queue_marker"];
  const ANNIVERSARY = "2027-02-11";
  test.afterEach(() => IDS.forEach(remove));

  test("the same batch delivered twice renews once", async ({ request }) => {
    IDS.forEach((id) => renewing(id, "2026-02-11", ANNIVERSARY));
    const send = (ids: string[]) =>
      request.post("/api/dev/renewals/enqueue", { data: { date: ANNIVERSARY, installation_ids: ids } });
    // The batch twice (a retried delivery), then a marker batch: once the marker is renewed,
    // both deliveries before it were worked.
    expect((await send([IDS[0]])).status()).toBe(202);
    expect((await send([IDS[0]])).status()).toBe(202);
    expect((await send([IDS[1]])).status()).toBe(202);
    await expect.poll(() => snapshot(IDS[1]).orders.length, { timeout: 60_000 }).toBe(1);
    const twice = snapshot(IDS[0]);
    expect(twice.orders.map((o) => o.term_start)).toEqual([ANNIVERSARY]);
    expect(twice.audit).toEqual([{ action: "engine.renew" }]);
    expect(twice.coverage[0].renews_on).toBe("2028-02-11");
  });
});
