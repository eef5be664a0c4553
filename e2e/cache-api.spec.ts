import { test, expect } from "./fixtures";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Caching of public reads (ETag, 304, Cache-Control, the Worker's cache keyed by build and
// content generation) and of the SPA's hashed files.

const PUBLIC = "public, max-age=60, stale-while-revalidate=600";
const READS = ["/api/releases", "/api/releases?q=voip", "/api/releases/6.1.2", "/api/catalog", "/api/catalog?date=2026-03-10", "/releases.atom", "/api/openapi.json"];
const root = join(__dirname, "..");
const port = Number(process.env.E2E_PORT ?? 8788);

/** Imports `dir`'s release files into the running server's D1 as the setup does: the release
 * part of `sma-tools seed` (replace every release, then raise the content generation). */
function importReleases(dir: string) {
  const state = readFileSync(`/tmp/sma-e2e-state-${port}`, "utf8").trim();
  const out = mkdtempSync(join(tmpdir(), "sma-import-"));
  try {
    const today = new Date().toISOString().slice(0, 10);
    execFileSync("cargo", ["run", "-q", "-p", "sma-tools", "--", "seed", "--out", out, "--today", today, "--releases", dir], { cwd: root, stdio: "pipe" });
    const lines = readFileSync(join(out, "seed.sql"), "utf8").split("\n");
    const from = lines.indexOf("DELETE FROM release_search;");
    const to = lines.findIndex((l) => l.startsWith("INSERT INTO content_version"));
    expect(from).toBeGreaterThanOrEqual(0);
    expect(to).toBeGreaterThan(from);
    writeFileSync(join(out, "releases.sql"), lines.slice(from, to + 1).join("\n"));
    execFileSync("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", state, "--file", join(out, "releases.sql")], { cwd: root, stdio: "pipe" });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test.describe("cached public reads", () => {
  test("every public read carries a strong ETag and public caching with stale-while-revalidate", async ({ request }) => {
    for (const path of READS) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      const h = res.headers();
      expect(h["etag"], path).toMatch(/^"[0-9a-f]{32}"$/);
      expect(h["cache-control"], path).toBe(PUBLIC);
      const again = await request.get(path);
      expect(again.headers()["etag"], `${path} twice`).toBe(h["etag"]);
      expect(await again.body(), `${path} twice`).toEqual(await res.body());
    }
  });

  test("If-None-Match with the ETag answers 304 without a body, another ETag the whole answer", async ({ request }) => {
    for (const path of READS) {
      const etag = (await request.get(path)).headers()["etag"];
      const same = await request.get(path, { headers: { "If-None-Match": etag } });
      expect(same.status(), path).toBe(304);
      expect(same.headers()["etag"], path).toBe(etag);
      expect(same.headers()["cache-control"], path).toBe(PUBLIC);
      expect((await same.body()).length, path).toBe(0);
      const other = await request.get(path, { headers: { "If-None-Match": '"0000"' } });
      expect(other.status(), path).toBe(200);
    }
  });

  test("each answer has its own ETag, errors are not cached", async ({ request }) => {
    const all = (await request.get("/api/releases")).headers()["etag"];
    const voip = (await request.get("/api/releases?q=voip")).headers()["etag"];
    expect(all).not.toBe(voip);
    const bad = await request.get("/api/releases?channel=nightly");
    expect(bad.status()).toBe(422);
    expect(bad.headers()["cache-control"]).toBe("private, no-store");
    expect(bad.headers()["etag"]).toBeUndefined();
    const missing = await request.get("/api/releases/9.9.9");
    expect(missing.status()).toBe(404);
    expect(missing.headers()["cache-control"]).toBe("private, no-store");
  });

  test("signed-in answers stay private and are never stored", async ({ request }) => {
    const me = await request.get("/api/me");
    expect(me.headers()["cache-control"]).toBe("private, no-store");
    const quote = await request.post("/api/quotes/new", { data: { edition: "professional", cameras: 40 } });
    expect(quote.status()).toBe(200);
    expect(quote.headers()["cache-control"]).toBe("private, no-store");
  });

  test("a release import is visible in the next answer, and a repeated import keeps the content", async ({ request }) => {
    test.setTimeout(180_000);
    const before = await request.get("/api/releases/5.0.0");
    const { title } = await before.json();
    const listTag = (await request.get("/api/releases")).headers()["etag"];
    const feed = await (await request.get("/releases.atom")).text();

    const dir = mkdtempSync(join(tmpdir(), "sma-releases-"));
    try {
      for (const f of readdirSync(join(root, "releases"))) cpSync(join(root, "releases", f), join(dir, f));
      const file = join(dir, "5.0.0.md");
      writeFileSync(file, readFileSync(file, "utf8").replace(/^title = ".*"$/m, 'title = "Renamed by an import"'));
      importReleases(dir);
      const after = await request.get("/api/releases/5.0.0", { headers: { "If-None-Match": before.headers()["etag"] } });
      expect(after.status()).toBe(200);
      expect((await after.json()).title).toBe("Renamed by an import");
      const list = await request.get("/api/releases", { headers: { "If-None-Match": listTag } });
      expect(list.status()).toBe(200);
      expect((await list.json()).releases.find((r) => r.version === "5.0.0").title).toBe("Renamed by an import");
      expect(await (await request.get("/releases.atom")).text()).toContain("Renamed by an import");
    } finally {
      importReleases(join(root, "releases"));
      rmSync(dir, { recursive: true, force: true });
    }
    const restored = await request.get("/api/releases/5.0.0");
    expect((await restored.json()).title).toBe(title);
    // Same content under a new generation: the ETag is the content's, so clients keep their copy.
    expect(restored.headers()["etag"]).toBe(before.headers()["etag"]);
    expect((await request.get("/api/releases", { headers: { "If-None-Match": listTag } })).status()).toBe(304);
    expect(await (await request.get("/releases.atom")).text()).toBe(feed);
  });
});

test.describe("static files", () => {
  test("hashed files are immutable for a year, the HTML is revalidated", async ({ request }) => {
    for (const page of ["/", "/releases"]) {
      const res = await request.get(page);
      expect(res.headers()["cache-control"], page).not.toContain("immutable");
      const html = await res.text();
      const files = [...html.matchAll(/(?:href|src)="\/?([^"]+-[0-9a-f]{8,16}(?:_bg)?\.(?:js|wasm|css))"/g)].map((m) => m[1]);
      expect(files.length, page).toBeGreaterThan(0);
      for (const f of files) {
        const asset = await request.get(`/${f}`);
        expect(asset.status(), f).toBe(200);
        expect(asset.headers()["cache-control"], f).toBe("public, max-age=31536000, immutable");
      }
    }
  });
});
