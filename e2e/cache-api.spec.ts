import { test, expect } from "./fixtures";
import { as, freshVersion, publish, release, withdraw } from "./admin-api";

// Caching of public reads (ETag, 304, Cache-Control, the Worker's cache keyed by build and
// content generation) and of the SPA's hashed files.

const PUBLIC = "public, max-age=60, stale-while-revalidate=600";
const READS = ["/api/releases", "/api/releases?q=voip", "/api/releases/6.1.2", "/api/catalog", "/api/catalog?date=2026-03-10", "/releases.atom", "/api/openapi.json"];

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

  test("the versions list is a cached public read like the list, and a publication is in its next answer", async ({ request }) => {
    const res = await request.get("/api/releases/versions");
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe(PUBLIC);
    const etag = res.headers()["etag"];
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(etag).not.toBe((await request.get("/api/releases")).headers()["etag"]);
    const same = await request.get("/api/releases/versions", { headers: { "If-None-Match": etag } });
    expect(same.status()).toBe(304);
    expect((await same.body()).length).toBe(0);
    const listed = async () => (await (await request.get("/api/releases/versions")).json()).releases.map((r: { version: string }) => r.version);
    const version = freshVersion();
    try {
      expect((await publish(request, release(version, []))).status()).toBe(201);
      const after = await request.get("/api/releases/versions", { headers: { "If-None-Match": etag } });
      expect(after.status()).toBe(200);
      expect(await listed()).toContain(version);
    } finally {
      await withdraw(request, version);
    }
    expect(await listed()).not.toContain(version);
  });

  test("signed-in answers stay private and are never stored", async ({ request }) => {
    const me = await request.get("/api/me");
    expect(me.headers()["cache-control"]).toBe("private, no-store");
    const quote = await request.post("/api/quotes/new", { data: { edition: "professional", cameras: 40 } });
    expect(quote.status()).toBe(200);
    expect(quote.headers()["cache-control"]).toBe("private, no-store");
  });

  test("a publication, a withdrawal and a restoration are in the next answer; the same content keeps its ETag", async ({ request }) => {
    const listTag = (await request.get("/api/releases")).headers()["etag"];
    const feed = await (await request.get("/releases.atom")).text();
    const version = freshVersion();
    const titles = (list: { releases: { version: string; title: string }[] }) =>
      Object.fromEntries(list.releases.map((r) => [r.version, r.title]));
    try {
      expect((await request.get(`/api/releases/${version}`)).status()).toBe(404);
      expect((await publish(request, release(version, []))).status()).toBe(201);
      const list = await request.get("/api/releases", { headers: { "If-None-Match": listTag } });
      expect(list.status()).toBe(200);
      expect(titles(await list.json())[version]).toBe(`Release ${version}`);
      expect(await (await request.get("/releases.atom")).text()).toContain(version);
      const one = await request.get(`/api/releases/${version}`);
      expect(one.status()).toBe(200);

      const retitled = await publish(request, release(version, [], "Renamed by a publication"));
      expect((await retitled.json()).outcome).toBe("updated");
      const after = await request.get(`/api/releases/${version}`, { headers: { "If-None-Match": one.headers()["etag"] } });
      expect(after.status()).toBe(200);
      expect((await after.json()).title).toBe("Renamed by a publication");
      expect(titles(await (await request.get("/api/releases")).json())[version]).toBe("Renamed by a publication");
      expect(await (await request.get("/releases.atom")).text()).toContain("Renamed by a publication");

      expect((await withdraw(request, version)).status()).toBe(200);
      expect((await request.get(`/api/releases/${version}`)).status()).toBe(404);
      expect(titles(await (await request.get("/api/releases")).json())[version]).toBeUndefined();
      expect(await (await request.get("/releases.atom")).text()).not.toContain(version);

      const restored = await request.delete(`/api/admin/releases/${version}/withdrawal`, { headers: as("ops") });
      expect((await restored.json()).changed).toBe(true);
      const back = await request.get(`/api/releases/${version}`);
      expect(back.status()).toBe(200);
      // Same content under a newer generation: the ETag is the content's, so clients keep their copy.
      expect(back.headers()["etag"]).toBe(after.headers()["etag"]);
    } finally {
      await withdraw(request, version);
    }
    // Withdrawn again, the list is the one from before: the client's copy is current.
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
