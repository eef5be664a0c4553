import { test, expect } from "./fixtures";
import type { APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { as, freshVersion, json, publish, release, sha256, today, withdraw } from "./admin-api";

// The operator's endpoints over HTTP (api.md "Operating"): artifacts stored once and checked
// against their SHA-256 (whole or in parts), release records, withdrawal, the audit log with
// the operator's name, the renewal run's dry run and limits, and health. Every release a test
// records gets a version of its own and is withdrawn again, so the demo releases the other
// tests count stay as seeded.

const ANNA = { email: "anna@demo.example", password: "demo-anna-2026" };
const LAB = { email: "lab@demo.example", password: "demo-lab-2026" };
const MIB = 1024 * 1024;

function origin(): string {
  return new URL(String(test.info().project.use.baseURL)).origin;
}

async function signIn(request: APIRequestContext, creds: { email: string; password: string }) {
  const res = await request.post("/api/session", {
    data: creds,
    headers: { Origin: origin(), "Content-Type": "application/json" },
  });
  expect(res.status()).toBe(200);
  return (res.headers()["set-cookie"] ?? "").split(";")[0];
}

function putFile(request: APIRequestContext, version: string, name: string, bytes: Buffer, sum = sha256(bytes), who = "ops") {
  return request.put(`/api/admin/artifacts/${version}/${name}`, {
    data: bytes,
    headers: as(who, { "x-sha256": sum, "Content-Type": "application/octet-stream" }),
  });
}

async function newestAudit(request: APIRequestContext) {
  const res = await request.get("/api/admin/audit?limit=1", { headers: as("auditor") });
  expect(res.status()).toBe(200);
  return (await res.json()).entries[0];
}

test.describe("artifacts", () => {
  test("a file is stored once, checked against its SHA-256, and never replaced by other bytes", async ({ request }) => {
    const version = freshVersion();
    const bytes = randomBytes(4096);
    const created = await putFile(request, version, "server.exe", bytes);
    expect(created.status()).toBe(201);
    expect(await created.json()).toEqual({ key: `releases/${version}/server.exe`, size: 4096, sha256: sha256(bytes) });
    const audited = await newestAudit(request);
    expect(audited).toMatchObject({ actor: "admin:ops", action: "artifact.store", subject: `artifact:releases/${version}/server.exe` });

    const again = await putFile(request, version, "server.exe", bytes);
    expect(again.status()).toBe(200);
    const other = await putFile(request, version, "server.exe", randomBytes(4096));
    expect(other.status()).toBe(409);
    expect((await other.json()).error.message).toContain("new file name");
    const stored = await request.get(`/api/admin/artifacts/${version}/server.exe`, { headers: as("ops") });
    expect((await stored.json()).sha256).toBe(sha256(bytes));

    const tampered = await putFile(request, version, "client.msi", randomBytes(100), sha256(Buffer.from("something else")));
    expect(tampered.status()).toBe(422);
    expect((await tampered.json()).error.code).toBe("checksum_mismatch");
    expect((await request.get(`/api/admin/artifacts/${version}/client.msi`, { headers: as("ops") })).status()).toBe(404);
  });

  test("an upload needs the token, its checksum header and a valid file name", async ({ request }) => {
    const version = freshVersion();
    const anonymous = await request.put(`/api/admin/artifacts/${version}/a.exe`, { data: Buffer.from("x"), headers: { "x-sha256": sha256(Buffer.from("x")) } });
    expect(anonymous.status()).toBe(401);
    const wrong = await request.get(`/api/admin/artifacts/${version}/a.exe`, { headers: { authorization: "Bearer not-a-token-of-this-worker-at-all" } });
    expect(wrong.status()).toBe(401);
    const unsummed = await request.put(`/api/admin/artifacts/${version}/a.exe`, { data: Buffer.from("x"), headers: as("ops") });
    expect(unsummed.status()).toBe(400);
    expect((await unsummed.json()).error.field).toBe("x-sha256");
    const hidden = await putFile(request, version, ".htaccess", Buffer.from("x"));
    expect(hidden.status()).toBe(400);
    expect((await hidden.json()).error.field).toBe("name");
  });

  test("a large file goes up in parts and is checked when they are joined", async ({ request }) => {
    const version = freshVersion();
    const bytes = randomBytes(5 * MIB + 1000);
    const base = `/api/admin/artifacts/${version}/server.exe`;
    const start = async (sum: string) => {
      const res = await request.post(`${base}/uploads`, { data: { sha256: sum, size: bytes.length }, headers: json() });
      expect(res.status()).toBe(201);
      const started = await res.json();
      expect(started).toMatchObject({ key: `releases/${version}/server.exe`, min_part_size: 5 * MIB });
      return started.upload_id as string;
    };
    const parts = async (uploadId: string) => {
      const out = [];
      for (const [i, chunk] of [bytes.subarray(0, 5 * MIB), bytes.subarray(5 * MIB)].entries()) {
        const res = await request.put(`${base}/uploads/${i + 1}?upload_id=${encodeURIComponent(uploadId)}`, {
          data: chunk,
          headers: as("ops", { "Content-Type": "application/octet-stream" }),
        });
        expect(res.status()).toBe(200);
        out.push(await res.json());
      }
      return out;
    };

    // Declared with another checksum: joined, read back, refused and removed.
    const wrongId = await start(sha256(Buffer.from("another file")));
    const wrongParts = await parts(wrongId);
    const refused = await request.post(`${base}/complete`, { data: { upload_id: wrongId, parts: wrongParts }, headers: json() });
    expect(refused.status()).toBe(422);
    expect((await refused.json()).error.code).toBe("checksum_mismatch");
    expect((await request.get(base, { headers: as("ops") })).status()).toBe(404);

    const uploadId = await start(sha256(bytes));
    const done = await request.post(`${base}/complete`, { data: { upload_id: uploadId, parts: await parts(uploadId) }, headers: json() });
    expect(done.status()).toBe(201);
    expect(await done.json()).toEqual({ key: `releases/${version}/server.exe`, size: bytes.length, sha256: sha256(bytes) });
    const taken = await request.post(`${base}/uploads`, { data: { sha256: sha256(bytes), size: bytes.length }, headers: json() });
    expect(taken.status()).toBe(409);

    const unknown = await request.put(`/api/admin/artifacts/${version}/other.exe/uploads/1?upload_id=${encodeURIComponent(uploadId)}`, {
      data: Buffer.from("x"),
      headers: as("ops"),
    });
    expect(unknown.status()).toBe(404);
    const spare = await request.post(`/api/admin/artifacts/${version}/spare.exe/uploads`, { data: { sha256: sha256(bytes), size: 10 }, headers: json() });
    const spareId = (await spare.json()).upload_id;
    const aborted = await request.delete(`/api/admin/artifacts/${version}/spare.exe/uploads?upload_id=${encodeURIComponent(spareId)}`, { headers: as("ops") });
    expect(aborted.status()).toBe(204);
  });
});

test.describe("release records", () => {
  test("a release is recorded once its files are stored as recorded, and the same release again changes nothing", async ({ request }) => {
    const version = freshVersion();
    const files = [{ name: "server.exe", bytes: randomBytes(2048) }];
    const body = release(version, files);
    try {
      const dry = await publish(request, body, true);
      expect(dry.status()).toBe(200);
      expect(await dry.json()).toEqual({ version, outcome: "created", withdrawn: false, dry_run: true });
      expect((await request.get(`/api/releases/${version}`)).status()).toBe(404);

      const missing = await publish(request, body);
      expect(missing.status()).toBe(422);
      expect(await missing.json()).toMatchObject({ error: { code: "artifact_missing", field: "release.artifacts[0]" } });

      expect((await putFile(request, version, "server.exe", files[0].bytes)).status()).toBe(201);
      const created = await publish(request, body);
      expect(created.status()).toBe(201);
      expect((await created.json()).outcome).toBe("created");
      expect(await newestAudit(request)).toMatchObject({ actor: "admin:ops", action: "release.publish", subject: `release:${version}`, before: null });
      const shown = await (await request.get(`/api/releases/${version}`)).json();
      expect(shown.artifacts).toEqual([{ id: `${version}-0`, name: "server.exe", platform: "windows-x64", kind: "installer", size: 2048, sha256: sha256(files[0].bytes) }]);

      const again = await publish(request, body);
      expect(again.status()).toBe(200);
      expect((await again.json()).outcome).toBe("unchanged");
      expect((await publish(request, body, true)).status()).toBe(200);

      const retitled = await publish(request, release(version, files, "A better title"));
      expect((await retitled.json()).outcome).toBe("updated");
      expect((await (await request.get(`/api/releases/${version}`)).json()).title).toBe("A better title");
    } finally {
      await withdraw(request, version);
    }
  });

  test("a recorded release is found by the words of its notes, after an update by the new words only, and not once withdrawn", async ({ request }) => {
    const version = freshVersion();
    const files = [{ name: "server.exe", bytes: randomBytes(1000) }];
    const word = () => `zq${randomBytes(6).toString("hex")}`;
    const [first, second] = [word(), word()];
    const withNote = (text: string) => {
      const body = release(version, files);
      body.notes = [{ ...body.notes[0], text }];
      return body;
    };
    const found = async (q: string) => {
      const body = await (await request.get(`/api/releases?q=${q}`)).json();
      return body.releases.map((r: { version: string }) => r.version);
    };
    expect((await putFile(request, version, "server.exe", files[0].bytes)).status()).toBe(201);
    try {
      expect((await publish(request, withNote(`Playback of ${first} streams.`))).status()).toBe(201);
      expect(await found(first)).toEqual([version]);
      expect(await found(`${first.slice(0, 8)}`)).toEqual([version]);
      expect((await (await publish(request, withNote(`Export of ${second} streams.`))).json()).outcome).toBe("updated");
      expect(await found(first)).toEqual([]);
      expect(await found(second)).toEqual([version]);
    } finally {
      await withdraw(request, version);
    }
    expect(await found(second)).toEqual([]);
  });

  test("a release that breaks a rule is refused naming the field, and nothing is recorded", async ({ request }) => {
    const version = freshVersion();
    const body = release(version, [{ name: "server.exe", bytes: randomBytes(10) }]);
    const mismatch = await request.put(`/api/admin/releases/${freshVersion()}`, { data: { release: body }, headers: json() });
    expect(mismatch.status()).toBe(422);
    expect((await mismatch.json()).error.code).toBe("version_mismatch");
    const badSum = structuredClone(body);
    badSum.artifacts[0].sha256 = "ABC";
    const invalid = await publish(request, badSum);
    expect(invalid.status()).toBe(422);
    expect(await invalid.json()).toMatchObject({ error: { code: "invalid_release", field: "release.artifacts[0].sha256" } });
    const extra = await request.put(`/api/admin/releases/${version}`, { data: { release: { ...body, price: "0.00" } }, headers: json() });
    expect(extra.status()).toBe(400);
    const stored = (await (await request.get("/api/admin/releases", { headers: as("ops") })).json()).releases;
    expect(stored.some((r: { version: string }) => r.version === version)).toBe(false);
  });

  test("withdrawing hides a release, its downloads and its links; restoring brings it back; both audited by name", async ({ request }) => {
    const version = freshVersion();
    const files = [{ name: "server.exe", bytes: randomBytes(3000) }];
    expect((await putFile(request, version, "server.exe", files[0].bytes)).status()).toBe(201);
    expect((await publish(request, release(version, files))).status()).toBe(201);

    const anna = await signIn(request, ANNA);
    const probox = (await (await request.get("/api/installations", { headers: { cookie: anna } })).json()).installations.find(
      (i: { edition: string }) => i.edition === "probox",
    );
    const ask = () =>
      request.post("/api/downloads", {
        data: { installation_id: probox.id, artifact_id: `${version}-0` },
        headers: { Origin: origin(), "Content-Type": "application/json", cookie: anna },
      });
    const link = await ask();
    expect(link.status()).toBe(200);
    const url = (await link.json()).url as string;
    expect((await request.get(url)).status()).toBe(200);

    const withdrawn = await withdraw(request, version, "The installer fails to start.");
    expect(withdrawn.status()).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ version, changed: true, withdrawn: { by: "admin:ops", reason: "The installer fails to start." } });
    expect(await newestAudit(request)).toMatchObject({ actor: "admin:ops", action: "release.withdraw", subject: `release:${version}` });

    expect((await request.get(`/api/releases/${version}`)).status()).toBe(404);
    const listed = (await (await request.get("/api/releases")).json()).releases.map((r: { version: string }) => r.version);
    expect(listed).not.toContain(version);
    expect(await (await request.get("/releases.atom")).text()).not.toContain(version);
    expect((await ask()).status()).toBe(404);
    expect((await request.get(url)).status()).toBe(404);
    const twice = await withdraw(request, version, "Again.");
    expect((await twice.json()).changed).toBe(false);
    const stored = (await (await request.get("/api/admin/releases", { headers: as("auditor") })).json()).releases;
    expect(stored.find((r: { version: string }) => r.version === version).withdrawn.reason).toBe("The installer fails to start.");
    // Publishing the same release again does not bring it back.
    expect(await (await publish(request, release(version, files))).json()).toMatchObject({ outcome: "unchanged", withdrawn: true });

    const restored = await request.delete(`/api/admin/releases/${version}/withdrawal`, { headers: as("auditor") });
    expect(await restored.json()).toEqual({ version, withdrawn: null, changed: true });
    expect(await newestAudit(request)).toMatchObject({ actor: "admin:auditor", action: "release.restore" });
    expect((await request.get(`/api/releases/${version}`)).status()).toBe(200);
    expect((await request.get(url)).status()).toBe(200);

    await withdraw(request, version);
    expect((await request.put(`/api/admin/releases/${freshVersion()}/withdrawal`, { data: { reason: "x" }, headers: json() })).status()).toBe(404);
    const empty = await withdraw(request, version, " ");
    expect(empty.status()).toBe(422);
    expect((await empty.json()).error.code).toBe("invalid_reason");
  });
});

test.describe("the audit log", () => {
  test("pages newest first and names the operator", async ({ request }) => {
    // At least two entries exist after this run of the renewal engine for no installation.
    for (let i = 0; i < 2; i++) {
      const run = await request.post("/api/admin/renewals/run", { data: { installation_ids: ["inst_none"] }, headers: json() });
      expect(run.status()).toBe(200);
    }
    const first = await (await request.get("/api/admin/audit?limit=2", { headers: as("auditor") })).json();
    expect(first.entries).toHaveLength(2);
    expect(first.entries[0]).toMatchObject({ actor: "admin:ops", action: "renewals.run", subject: `renewals:${today()}` });
    expect(first.entries[0].after).toMatchObject({ installation_ids: ["inst_none"], checked: 0, renewed: 0 });
    expect(first.entries[0].id).toBeGreaterThan(first.entries[1].id);
    expect(first.next_after).toBe(first.entries[1].id);
    const next = await (await request.get(`/api/admin/audit?limit=2&after=${first.next_after}`, { headers: as("auditor") })).json();
    expect(next.entries.every((e: { id: number }) => e.id < first.next_after)).toBe(true);

    const bad = await request.get("/api/admin/audit?limit=0", { headers: as("auditor") });
    expect(bad.status()).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_paging", field: "limit" } });
    expect((await request.get("/api/admin/audit")).status()).toBe(401);
  });
});

test.describe("the renewal run", () => {
  test("a dry run lists the renewal with its amounts and writes nothing", async ({ request }) => {
    const lab = await signIn(request, LAB);
    const installations = (await (await request.get("/api/installations", { headers: { cookie: lab } })).json()).installations;
    const auto = installations.find((i: { name: string }) => i.name === "Lab Auto-renew");
    const anniversary = new Date(`${auto.sma.term_end}T00:00:00Z`);
    anniversary.setUTCDate(anniversary.getUTCDate() + 1);
    const date = anniversary.toISOString().slice(0, 10);
    const ordersBefore = (await (await request.get("/api/orders", { headers: { cookie: lab } })).json()).orders.length;
    const auditBefore = await newestAudit(request);

    const dry = async () => {
      const res = await request.post("/api/admin/renewals/run", { data: { date, installation_ids: [auto.id], dry_run: true }, headers: json() });
      expect(res.status()).toBe(200);
      return res.json();
    };
    const report = await dry();
    expect(report).toMatchObject({ date, dry_run: true, checked: 1, skipped: [], failed: [] });
    expect(report.actions).toHaveLength(1);
    const [renewal] = report.actions;
    expect(renewal).toMatchObject({ installation_id: auto.id, action: "renew", date, amount: { currency: "EUR" } });
    expect(renewal.order_id).toBeUndefined();
    expect(Number(renewal.amount.gross)).toBeGreaterThan(0);
    expect(Math.round(Number(renewal.amount.net) * 100) + Math.round(Number(renewal.amount.vat) * 100)).toBe(Math.round(Number(renewal.amount.gross) * 100));

    // Nothing written: the same answer again, no order, the same installation, no audit entry.
    expect(await dry()).toEqual(report);
    expect((await (await request.get("/api/orders", { headers: { cookie: lab } })).json()).orders).toHaveLength(ordersBefore);
    const after = (await (await request.get(`/api/installations/${auto.id}`, { headers: { cookie: lab } })).json()).sma;
    expect(after).toEqual(auto.sma);
    expect(await newestAudit(request)).toEqual(auditBefore);
  });

  test("more installation ids than one statement binds are refused with a clear message", async ({ request }) => {
    const ids = Array.from({ length: 101 }, (_, i) => `inst_${i}`);
    const res = await request.post("/api/admin/renewals/run", { data: { installation_ids: ids, dry_run: true }, headers: json() });
    expect(res.status()).toBe(422);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: "too_many_installations", field: "installation_ids" });
    expect(error.message).toContain("at most 100");
    const hundred = await request.post("/api/admin/renewals/run", { data: { installation_ids: ids.slice(0, 100), dry_run: true }, headers: json() });
    expect(hundred.status()).toBe(200);
  });
});

test.describe("health", () => {
  test("reports the version, the commit and that D1 and R2 answer", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", checks: { d1: "ok", r2: "ok" } });
    expect(body.commit).toMatch(/^[0-9a-f]{7,}(-dirty)?$|^unknown$/);
  });
});
