import { test, expect } from "./fixtures";
import type { APIRequestContext } from "@playwright/test";
import { d1, sql } from "./d1";
import { adminToken, licenceNumber } from "./accounts-helpers";

// The customer import (api.md "Operating"): a file with every state the vendor's order data
// holds (active, cancelled and lapsed SMAs, a Maintenance Contract, no coverage) is written
// whole, and the same file again changes nothing; a file with bad rows is refused naming each
// row and nothing of it is written; a file of 10 000 rows goes in parts and is written whole,
// while one with a bad row at row 9 999 writes nothing. The rows written are removed again.

test.describe.configure({ timeout: 600_000 });

const HEADER =
  "customer_ref,customer_name,country,vat_id,contact_email,licence_number,installation_name,edition,cameras,modules,licence_date,initial_value,coverage,coverage_start,term_years,auto_renew,legacy_fee_basis,installed_version,sma_state,cancelled_on,term_end";
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PART_BYTES = 60 * 1024;

/** A prefix of three characters no other run uses: its licence numbers and references. */
const RUN = Array.from({ length: 3 }, () => ALPHABET[Math.floor(Math.random() * 32)]).join("");

/** The licence number of row `n` of this run (n < 32⁴). */
function licence(n: number, kind = "Q"): string {
  const digits = Array.from({ length: 4 }, (_, i) => ALPHABET[Math.floor(n / 32 ** (3 - i)) % 32]).join("");
  return licenceNumber(`${kind}${RUN}${digits}`);
}

/** The first day of the month `offset` months from this one (YYYY-MM-DD, UTC). */
function month(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const auth = () => ({ authorization: `Bearer ${adminToken()}` });

function csv(rows: string[]): string {
  return `${HEADER}\n${rows.join("\n")}\n`;
}

function importFile(request: APIRequestContext, text: string) {
  return request.post("/api/admin/imports/customers", { data: text, headers: { ...auth(), "Content-Type": "text/csv" } });
}

/** A file in parts of at most 60 KiB (the header in each), as `sma-tools import` sends it. */
function parts(rows: string[]): { firstRow: number; text: string }[] {
  const out: { firstRow: number; text: string }[] = [];
  let current = { firstRow: 2, lines: [] as string[], bytes: HEADER.length + 1 };
  rows.forEach((row, i) => {
    if (current.lines.length > 0 && current.bytes + row.length + 1 > PART_BYTES) {
      out.push({ firstRow: current.firstRow, text: csv(current.lines) });
      current = { firstRow: i + 2, lines: [], bytes: HEADER.length + 1 };
    }
    current.lines.push(row);
    current.bytes += row.length + 1;
  });
  out.push({ firstRow: current.firstRow, text: csv(current.lines) });
  return out;
}

/** Begins an import, sends every part; answers its id and each part's answer. */
async function inParts(request: APIRequestContext, rows: string[]) {
  const begun = await request.post("/api/admin/imports", { data: {}, headers: auth() });
  expect(begun.status()).toBe(201);
  const { import_id: id } = await begun.json();
  const answers = [];
  for (const part of parts(rows)) {
    const res = await request.post(`/api/admin/imports/${id}/parts?first_row=${part.firstRow}`, {
      data: part.text,
      headers: { ...auth(), "Content-Type": "text/csv" },
    });
    answers.push({ status: res.status(), body: await res.json() });
  }
  return { id: id as string, answers };
}

function commit(request: APIRequestContext, id: string, rows: number) {
  return request.post(`/api/admin/imports/${id}/commit`, { data: { rows }, headers: auth() });
}

/** What is stored for this run's installations (by licence number prefix). */
function stored(kind = "Q") {
  const like = sql(`SMA-${kind}${RUN}%`);
  const [installations, coverage, legacy, customers] = d1(
    `SELECT licence_number, name, installed_version, initial_value, version FROM installations WHERE licence_number LIKE ${like} ORDER BY licence_number;
     SELECT i.licence_number, s.start, s.term_years, s.auto_renew, s.cancelled_on, s.ends_on, s.renews_on, s.lapsed
       FROM sma_coverage s JOIN installations i ON i.id = s.installation_id WHERE i.licence_number LIKE ${like} ORDER BY 1;
     SELECT i.licence_number, l.start, l.fee_basis, l.terms, l.closed
       FROM legacy_contracts l JOIN installations i ON i.id = l.installation_id WHERE i.licence_number LIKE ${like} ORDER BY 1;
     SELECT ref, name, country, vat_id, contact_email FROM customers WHERE ref LIKE ${sql(`E2E-${kind}${RUN}-%`)} ORDER BY ref`,
  );
  return { installations, coverage, legacy, customers };
}

/** Removes what this run imported. */
function removeRun(kind = "Q") {
  const like = sql(`SMA-${kind}${RUN}%`);
  d1(`DELETE FROM sma_coverage WHERE installation_id IN (SELECT id FROM installations WHERE licence_number LIKE ${like});
      DELETE FROM legacy_contracts WHERE installation_id IN (SELECT id FROM installations WHERE licence_number LIKE ${like});
      DELETE FROM installations WHERE licence_number LIKE ${like};
      DELETE FROM customers WHERE ref LIKE ${sql(`E2E-${kind}${RUN}-%`)}`);
}

const customer = (n: number, kind = "Q") => `E2E-${kind}${RUN}-${n},Importhandel ${n} GmbH,DE,DE81111111${n % 10},it${n}@import-${RUN.toLowerCase()}.example`;

/** One row of every state. */
function everyState(): string[] {
  const active = month(-5);
  const cancelled = month(-10);
  const lapsed = month(-28);
  const legacy = month(-60);
  return [
    `${customer(1)},${licence(1)},Filiale Köln,probox,12,client:1;storage:1,${active},,sma,${active},1,true,,6.1.2,active,,`,
    `${customer(1)},${licence(2)},"Lager Köln, Halle 2",professional,24,voip:1,${cancelled},,sma,${cancelled},1,false,,6.0.0,cancelled,${month(-2)},`,
    `${customer(1)},${licence(3)},Depot Bonn,professional,16,,${lapsed},,sma,${lapsed},1,false,,5.4.0,lapsed,,${dayBefore(month(-4))}`,
    `${customer(2)},${licence(4)},Talstation,probox,8,,${legacy},2200.00,legacy,${legacy},,,2200.00,5.2.1,,,${dayBefore(month(12))}`,
    `${customer(2)},${licence(5)},Bergstation,professional,16,,${month(-3)},,none,,,,,,,,`,
  ];
}

test.describe("the customer import", () => {
  test.afterAll(() => {
    removeRun("Q");
    removeRun("R");
    removeRun("S");
  });

  test("a file with every state is written whole, and the same file again changes nothing", async ({ request }) => {
    const file = csv(everyState());
    const first = await importFile(request, file);
    expect(first.status()).toBe(200);
    expect(await first.json()).toEqual({ customers: 2, installations: 5, unchanged: 0 });
    const after = stored();
    expect(after.installations.map((i) => [i.name, i.installed_version])).toEqual([
      ["Filiale Köln", "6.1.2"],
      ["Lager Köln, Halle 2", "6.0.0"],
      ["Depot Bonn", "5.4.0"],
      ["Talstation", "5.2.1"],
      ["Bergstation", null],
    ]);
    expect(after.coverage).toEqual([
      expect.objectContaining({ licence_number: licence(1), start: month(-5), auto_renew: 1, cancelled_on: null, ends_on: null, lapsed: 0 }),
      expect.objectContaining({ licence_number: licence(2), auto_renew: 0, cancelled_on: month(-2), ends_on: month(2), renews_on: month(2), lapsed: 0 }),
      expect.objectContaining({ licence_number: licence(3), auto_renew: 0, cancelled_on: null, ends_on: month(-4), lapsed: 1 }),
    ]);
    expect(after.legacy).toEqual([{ licence_number: licence(4), start: month(-60), fee_basis: "2200.00", terms: 6, closed: null }]);
    expect(after.customers.map((c) => c.ref)).toEqual([`E2E-Q${RUN}-1`, `E2E-Q${RUN}-2`]);

    const again = await importFile(request, file);
    expect(again.status()).toBe(200);
    expect(await again.json()).toEqual({ customers: 0, installations: 0, unchanged: 5 });
    expect(stored()).toEqual(after);

    // One change (an installed version) changes that installation alone.
    const upgraded = file.replace(",6.1.2,active,", ",6.2.0,active,");
    expect(await (await importFile(request, upgraded)).json()).toEqual({ customers: 0, installations: 1, unchanged: 4 });
  });

  test("a file with bad rows is refused naming each row, and nothing of it is written", async ({ request }) => {
    const good = everyState().map((r, i) => r.replace(licence(i + 1), licence(i + 1, "R")).replaceAll(`E2E-Q${RUN}-`, `E2E-R${RUN}-`));
    const bad = [
      good[0],
      good[1].replace(",professional,", ",platinum,"), // row 3: no such edition
      good[2],
      good[3].replace(`,${dayBefore(month(12))}`, `,${month(12)}`), // row 5: not the end of a term
      good[4],
      good[0].replace("Filiale Köln", "Filiale Kalk"), // row 7: the licence number of row 2
    ];
    const res = await importFile(request, csv(bad));
    expect(res.status()).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("import_rejected");
    expect(body.error.rows.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
      [3, "edition"],
      [5, "term_end"],
      [7, "licence_number"],
    ]);
    expect(body.error.rows[2].message).toContain("row 2");
    const nothing = stored("R");
    expect(nothing).toEqual({ installations: [], coverage: [], legacy: [], customers: [] });
  });

  test("10 000 rows go in parts and are written whole; a bad row at row 9 999 writes nothing", async ({ request }) => {
    const N = 10_000;
    const rows = Array.from({ length: N }, (_, i) => {
      const c = customer(Math.floor(i / 10), "S");
      return `${c},${licence(i, "S")},Standort ${i},probox,${4 + (i % 20)},,${month(-3)},,none,,,,,6.1.2,,,`;
    });
    // A bad row at row 9 999 (record 9 998): its part is refused naming it; the commit too.
    const broken = [...rows];
    broken[9997] = broken[9997].replace(",probox,", ",platinum,");
    const failed = await inParts(request, broken);
    const refused = failed.answers.filter((a) => a.status !== 200);
    expect(refused.length).toBe(1);
    expect(refused[0].body.error.rows).toEqual([expect.objectContaining({ row: 9999, field: "edition" })]);
    const refusedCommit = await commit(request, failed.id, N);
    expect(refusedCommit.status()).toBe(422);
    expect((await refusedCommit.json()).error.code).toBe("import_rejected");
    expect((await request.delete(`/api/admin/imports/${failed.id}`, { headers: auth() })).status()).toBe(204);
    expect(stored("S").installations.length).toBe(0);

    // The whole file: staged in parts, a part missing fails the commit, then written whole.
    const started = Date.now();
    const whole = await inParts(request, rows);
    expect(whole.answers.every((a) => a.status === 200)).toBe(true);
    expect((await commit(request, whole.id, N + 1)).status()).toBe(422);
    const done = await commit(request, whole.id, N);
    expect(done.status()).toBe(200);
    expect(await done.json()).toEqual({ customers: N / 10, installations: N, unchanged: 0 });
    console.log(`10 000 rows in ${whole.answers.length} parts: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(Number(d1(`SELECT count(*) AS n FROM installations WHERE licence_number LIKE ${sql(`SMA-S${RUN}%`)}`)[0][0].n)).toBe(N);
    expect(d1("SELECT count(*) AS n FROM import_rows")[0][0].n).toBe(0);

    // The same file again changes nothing.
    const again = await inParts(request, rows);
    expect(await (await commit(request, again.id, N)).json()).toEqual({ customers: 0, installations: 0, unchanged: N });
  });
});
