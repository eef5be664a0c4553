import { test, expect } from "./fixtures";
import type { APIRequestContext } from "@playwright/test";
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

// Signed downloads over HTTP (api.md `POST /api/downloads`, `GET /dl/...`; pricing.md section
// 7): who gets a link, and what a link streams. The e2e server's R2 holds only 6.1.2's files.
// Links are also signed here, independently, with the key of .dev.vars: an expired one must be
// refused, and a fresh one must be accepted (the canonical string is the same on both sides).

const ANNA = { email: "anna@demo.example", password: "demo-anna-2026" };
const BEN = { email: "ben@demo.example", password: "demo-ben-2026" };

function origin(): string {
  return new URL(String(test.info().project.use.baseURL)).origin;
}

function writeHeaders(cookie = "") {
  return { Origin: origin(), "Content-Type": "application/json", ...(cookie ? { cookie } : {}) };
}

async function signIn(request: APIRequestContext, creds: { email: string; password: string }) {
  const res = await request.post("/api/session", { data: creds, headers: writeHeaders() });
  expect(res.status()).toBe(200);
  return (res.headers()["set-cookie"] ?? "").split(";")[0];
}

type Installation = { id: string; name: string; edition: string; sma: { status: string; term_end: string | null } };
type Artifact = { id: string; name: string; size: number; sha256: string };
type Release = { version: string; date: string; artifacts: Artifact[] };

async function installations(request: APIRequestContext, cookie: string): Promise<Installation[]> {
  const res = await request.get("/api/installations", { headers: { cookie } });
  expect(res.status()).toBe(200);
  return (await res.json()).installations;
}

async function release(request: APIRequestContext, version: string): Promise<Release> {
  const res = await request.get(`/api/releases/${version}`);
  expect(res.status()).toBe(200);
  return res.json();
}

function askLink(request: APIRequestContext, cookie: string, installation_id: string, artifact_id: string) {
  return request.post("/api/downloads", { data: { installation_id, artifact_id }, headers: writeHeaders(cookie) });
}

/** Anna's ProBox (active, auto-renewing) and a fresh link to one of 6.1.2's files. */
async function annaLink(request: APIRequestContext, kind: "server" | "notes") {
  const cookie = await signIn(request, ANNA);
  const probox = (await installations(request, cookie)).find((i) => i.edition === "probox")!;
  const artifact = (await release(request, "6.1.2")).artifacts.find((a) => a.id === `6.1.2-${kind}`)!;
  const res = await askLink(request, cookie, probox.id, artifact.id);
  expect(res.status()).toBe(200);
  const { url, expires_at } = await res.json();
  return { url: url as string, expires_at: expires_at as string, artifact, probox };
}

/** The path of a link with its `i`-th part after `/dl/v1/` replaced. */
function withPart(url: string, i: number, value: string): string {
  const u = new URL(url);
  const parts = u.pathname.split("/");
  parts[3 + i] = value;
  return parts.join("/");
}

/** The keys of .dev.vars, as the Worker reads them. */
function devKeys(): { current: string; keys: Map<string, Buffer> } {
  const vars = readFileSync(join(__dirname, "..", ".dev.vars"), "utf8");
  const value = (name: string) => vars.match(new RegExp(`^${name}=(.*)$`, "m"))![1].trim();
  const keys = new Map<string, Buffer>();
  for (const entry of value("LINK_KEYS").split(",")) {
    const [id, b64] = entry.trim().split(":");
    keys.set(id, Buffer.from(b64, "base64"));
  }
  return { current: value("LINK_KEY_CURRENT"), keys };
}

/** A link signed here: HMAC-SHA256 over `v1\nGET\n{kid}\n{inst}\n{artifact}\n{exp}`. */
function signHere(installation: string, artifact: string, expires: number): string {
  const { current, keys } = devKeys();
  const canonical = ["v1", "GET", current, installation, artifact, String(expires)].join("\n");
  const mac = createHmac("sha256", keys.get(current)!).update(canonical).digest("base64url");
  return `/dl/v1/${current}/${installation}/${artifact}/${expires}/${mac}`;
}

async function expectRefused(request: APIRequestContext, path: string) {
  const res = await request.get(path);
  expect(res.status(), path).toBe(403);
  expect(await res.json()).toEqual({
    error: {
      code: "forbidden",
      message: "This download link is not valid or has expired. Request a new one on the release page.",
    },
  });
}

test.describe("issuing download links", () => {
  test("without a session the answer is 401 unauthenticated", async ({ request }) => {
    const res = await request.post("/api/downloads", {
      data: { installation_id: "inst_0000000000000000", artifact_id: "6.1.2-server" },
      headers: writeHeaders(),
    });
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  });

  test("from another origin or without JSON the answer is 403", async ({ request }) => {
    const cookie = await signIn(request, ANNA);
    const foreign = await request.post("/api/downloads", {
      data: { installation_id: "x", artifact_id: "y" },
      headers: { Origin: "https://evil.example", "Content-Type": "application/json", cookie },
    });
    expect(foreign.status()).toBe(403);
    expect((await foreign.json()).error.code).toBe("forbidden");
    const form = await request.post("/api/downloads", {
      form: { installation_id: "x", artifact_id: "y" },
      headers: { Origin: origin(), cookie },
    });
    expect(form.status()).toBe(403);
  });

  test("another customer's installation and an unknown artifact are 404 alike", async ({ request }) => {
    const ben = await signIn(request, BEN);
    const enterprise = (await installations(request, ben))[0];
    const anna = await signIn(request, ANNA);
    const foreign = await askLink(request, anna, enterprise.id, "6.1.2-server");
    expect(foreign.status()).toBe(404);
    const body = await foreign.json();
    expect(body.error.code).toBe("not_found");
    const probox = (await installations(request, anna)).find((i) => i.edition === "probox")!;
    const unknown = await askLink(request, anna, probox.id, "9.9.9-server");
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual(body);
  });

  test("a release after the lapsed Professional's coverage is 403 not_entitled, saying why and what to buy", async ({
    request,
  }) => {
    const cookie = await signIn(request, ANNA);
    const professional = (await installations(request, cookie)).find((i) => i.edition === "professional")!;
    expect(professional.sma.status).toBe("lapsed");
    const lastCovered = professional.sma.term_end!;
    const all: Release[] = (await (await request.get("/api/releases")).json()).releases;
    const after = all.find((r) => r.date > lastCovered && r.artifacts.length > 0)!;
    const before = all.find((r) => r.date <= lastCovered && r.artifacts.length > 0)!;

    const refused = await askLink(request, cookie, professional.id, after.artifacts[0].id);
    expect(refused.status()).toBe(403);
    const { error } = await refused.json();
    expect(error.code).toBe("not_entitled");
    expect(error.message).toContain(`Version ${after.version} is not covered for Warehouse Hamburg.`);
    expect(error.message).toContain(`after your SMA coverage ended on ${lastCovered}`);
    expect(error.message).toContain("renew or reinstate the SMA");

    // A release from while it was covered is still allowed.
    const allowed = await askLink(request, cookie, professional.id, before.artifacts[0].id);
    expect(allowed.status()).toBe(200);
  });

  test("the covered ProBox gets a link of the documented form, valid for 15 minutes", async ({ request }) => {
    const asked = Date.now();
    const { url, expires_at, probox } = await annaLink(request, "server");
    const u = new URL(url);
    expect(u.origin).toBe(origin());
    expect(u.pathname).toMatch(new RegExp(`^/dl/v1/[A-Za-z0-9_-]+/${probox.id}/6\\.1\\.2-server/\\d+/[A-Za-z0-9_-]{43}$`));
    expect(expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const expires = Date.parse(expires_at);
    expect(Number(u.pathname.split("/")[6])).toBe(expires / 1000);
    const ttl = (expires - asked) / 1000;
    expect(ttl).toBeGreaterThan(900 - 30);
    expect(ttl).toBeLessThanOrEqual(900 + 1);
  });
});

test.describe("streaming a signed link", () => {
  test("a full download has the recorded size and SHA-256, with the download headers", async ({ request }) => {
    for (const kind of ["notes", "server"] as const) {
      const { url, artifact } = await annaLink(request, kind);
      const res = await request.get(url);
      expect(res.status()).toBe(200);
      const h = res.headers();
      expect(h["content-length"]).toBe(String(artifact.size));
      expect(h["accept-ranges"]).toBe("bytes");
      expect(h["etag"]).toBe(`"${artifact.sha256}"`);
      expect(h["content-disposition"]).toBe(`attachment; filename="${artifact.name}"`);
      expect(h["x-checksum-sha256"]).toBe(artifact.sha256);
      expect(h["repr-digest"]).toBe(`sha-256=:${Buffer.from(artifact.sha256, "hex").toString("base64")}:`);
      expect(h["cache-control"]).toBe("private, no-store");
      const body = await res.body();
      expect(body.length).toBe(artifact.size);
      expect(createHash("sha256").update(body).digest("hex")).toBe(artifact.sha256);
    }
  });

  test("Range requests return exactly the bytes asked for, and 416 outside the file", async ({ request }) => {
    const { url, artifact } = await annaLink(request, "notes");
    const whole = await (await request.get(url)).body();
    const size = artifact.size;
    const cases: [string, number, number][] = [
      ["bytes=0-0", 0, 0],
      ["bytes=100-4195", 100, 4195],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      ["bytes=-321", size - 321, size - 1],
      [`bytes=${size - 5}-${size + 1000}`, size - 5, size - 1],
    ];
    for (const [range, first, last] of cases) {
      const res = await request.get(url, { headers: { Range: range } });
      expect(res.status(), range).toBe(206);
      expect(res.headers()["content-range"], range).toBe(`bytes ${first}-${last}/${size}`);
      expect(res.headers()["content-length"], range).toBe(String(last - first + 1));
      expect(Buffer.compare(await res.body(), whole.subarray(first, last + 1)), range).toBe(0);
    }
    const outside = await request.get(url, { headers: { Range: `bytes=${size}-` } });
    expect(outside.status()).toBe(416);
    expect(outside.headers()["content-range"]).toBe(`bytes */${size}`);
    expect((await outside.json()).error.code).toBe("range_not_satisfiable");
    // Several ranges are not served: the whole file comes instead.
    const several = await request.get(url, { headers: { Range: "bytes=0-1,5-6" } });
    expect(several.status()).toBe(200);
    expect((await several.body()).length).toBe(size);
    // A resumed download of another version of the file (If-Range) gets the whole file.
    const stale = await request.get(url, { headers: { Range: "bytes=0-9", "If-Range": '"0000"' } });
    expect(stale.status()).toBe(200);
    const fresh = await request.get(url, { headers: { Range: "bytes=0-9", "If-Range": `"${artifact.sha256}"` } });
    expect(fresh.status()).toBe(206);
  });

  test("HEAD answers the headers without a body", async ({ request }) => {
    const { url, artifact } = await annaLink(request, "server");
    const res = await request.head(url);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-length"]).toBe(String(artifact.size));
    expect(res.headers()["x-checksum-sha256"]).toBe(artifact.sha256);
    expect((await res.body()).length).toBe(0);
  });

  test("an altered link, another key and an expired link are refused with one generic 403", async ({ request }) => {
    const { url, probox } = await annaLink(request, "notes");
    const path = new URL(url).pathname;
    const mac = path.split("/")[7];
    const flipped = (mac[0] === "A" ? "B" : "A") + mac.slice(1);
    const expires = Number(path.split("/")[6]);
    for (const altered of [
      withPart(url, 0, "zz"),
      withPart(url, 1, "inst_0000000000000000"),
      withPart(url, 2, "6.1.2-server"),
      withPart(url, 3, String(expires + 60)),
      withPart(url, 4, flipped),
      `${path}?x=1`,
      "/dl/v1/",
    ]) {
      await expectRefused(request, altered);
    }
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(request, signHere(probox.id, "6.1.2-notes", now - 1));
    await expectRefused(request, signHere(probox.id, "6.1.2-notes", now + 2 * 3600));
    // Signed here with the same key and a fresh expiry, the link works: same canonical string.
    const own = await request.head(signHere(probox.id, "6.1.2-notes", now + 300));
    expect(own.status()).toBe(200);
  });

  test("a link answers only GET and HEAD, other methods get 405 in the error shape", async ({ request }) => {
    const { url } = await annaLink(request, "notes");
    const res = await request.post(url, { data: {}, headers: writeHeaders() });
    expect(res.status()).toBe(405);
    expect((await res.json()).error.code).toBe("method_not_allowed");
  });
});
