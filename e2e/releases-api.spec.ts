import { test, expect } from "./fixtures";

const versions = (body) => body.releases.map((r) => r.version);

test.describe("release API", () => {
  test("lists every release newest first in semver order (5.10.0 after 5.9.2)", async ({ request }) => {
    const res = await request.get("/api/releases");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(body.releases.length);
    expect(body.total).toBeGreaterThanOrEqual(15);
    const v = versions(body);
    expect(v.indexOf("5.10.0")).toBeLessThan(v.indexOf("5.9.2"));
    expect(v.indexOf("6.0.0")).toBeLessThan(v.indexOf("6.0.0-beta.1"));
    expect(v[v.length - 1]).toBe("5.0.0");
    const r = body.releases.find((x) => x.version === "6.1.2");
    expect(r.artifacts[0]).toMatchObject({ id: "6.1.2-server", size: 41943040 });
    expect(r.artifacts[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.compatibility.os.length).toBeGreaterThan(0);
  });

  test("full-text search finds VoIP notes", async ({ request }) => {
    const body = await (await request.get("/api/releases?q=VoIP")).json();
    expect(body.total).toBeGreaterThanOrEqual(3);
    for (const r of body.releases) {
      const text = [r.title, r.summary, ...r.highlights, ...r.notes.map((n) => n.text)].join(" ");
      expect(text.toLowerCase()).toContain("voip");
    }
    const none = await (await request.get("/api/releases?q=zzzyyyxxx")).json();
    expect(none).toEqual({ releases: [], total: 0 });
  });

  test("filters by category, module and channel, notes included", async ({ request }) => {
    const sec = await (await request.get("/api/releases?category=security")).json();
    expect(sec.total).toBeGreaterThan(0);
    expect(sec.releases.flatMap((r) => r.notes).every((n) => n.category === "security")).toBe(true);
    const an = await (await request.get("/api/releases?module=analytics")).json();
    expect(an.releases.flatMap((r) => r.notes).every((n) => n.modules.includes("analytics"))).toBe(true);
    const lts = await (await request.get("/api/releases?channel=lts")).json();
    expect(lts.releases.every((r) => r.channel === "lts")).toBe(true);
    expect(versions(lts)).toContain("5.4.0");
  });

  test("since is exclusive and until inclusive, in semver order", async ({ request }) => {
    const body = await (await request.get("/api/releases?since=5.9.2&until=6.0.0")).json();
    expect(versions(body)).toEqual(["6.0.0", "6.0.0-beta.1", "5.10.0"]);
  });

  test("limit and offset page the matching releases, total still counts them all", async ({ request }) => {
    const all = await (await request.get("/api/releases")).json();
    const first = await (await request.get("/api/releases?limit=8")).json();
    expect(first.total).toBe(all.total);
    expect(versions(first)).toEqual(versions(all).slice(0, 8));
    const rest = await (await request.get("/api/releases?offset=8")).json();
    expect(rest.total).toBe(all.total);
    expect(versions(rest)).toEqual(versions(all).slice(8));
    const middle = await (await request.get("/api/releases?limit=3&offset=2&channel=stable")).json();
    const stable = await (await request.get("/api/releases?channel=stable")).json();
    expect(middle.total).toBe(stable.total);
    expect(versions(middle)).toEqual(versions(stable).slice(2, 5));
    for (const q of ["limit=0", "limit=101", "limit=ten", "offset=-1"]) {
      const res = await request.get(`/api/releases?${q}`);
      expect(res.status(), q).toBe(422);
      expect((await res.json()).error).toMatchObject({ code: "invalid_page", field: q.split("=")[0] });
    }
  });

  test("a search in pages answers the unpaged search's releases in its order, with every note and the same total", async ({ request }) => {
    for (const filter of ["q=voip", "q=VoIP%20calls", "q=voi", "q=analytics", "q=6.1", "q=voip&category=fixed", "q=server&module=analytics", "q=voip&since=5.2.0"]) {
      const all = await (await request.get(`/api/releases?${filter}`)).json();
      expect(all.total, filter).toBe(all.releases.length);
      for (const page of ["limit=8", "limit=2&offset=1", "limit=1&offset=2", `offset=${all.total}`]) {
        const paged = await (await request.get(`/api/releases?${filter}&${page}`)).json();
        const [limit, offset] = [Number(/limit=(\d+)/.exec(page)?.[1] ?? all.total), Number(/offset=(\d+)/.exec(page)?.[1] ?? 0)];
        expect(paged, `${filter}&${page}`).toEqual({ total: all.total, releases: all.releases.slice(offset, offset + limit) });
      }
    }
  });

  test("the versions list has every release of the full list, in its order, with its date, channel and compatibility and no texts", async ({ request }) => {
    for (const range of ["", "?channel=lts", "?since=5.9.2&until=6.0.0", "?channel=stable&since=5.4.0"]) {
      const full = await (await request.get(`/api/releases${range}`)).json();
      const res = await request.get(`/api/releases/versions${range}`);
      expect(res.status(), range).toBe(200);
      const brief = await res.json();
      expect(brief, range).toEqual({
        total: full.total,
        releases: full.releases.map((r) => ({ version: r.version, date: r.date, channel: r.channel, compatibility: r.compatibility })),
      });
    }
    const all = await (await request.get("/api/releases")).text();
    const lean = await (await request.get("/api/releases/versions")).text();
    expect(lean.length).toBeLessThan(all.length / 3);
  });

  test("the versions list answers 422 for a bad range value and ignores the content filters it does not take", async ({ request }) => {
    for (const [q, code, field] of [
      ["channel=nightly", "invalid_channel", "channel"],
      ["since=latest", "invalid_version", "since"],
      ["until=5.1", "invalid_version", "until"],
    ]) {
      const res = await request.get(`/api/releases/versions?${q}`);
      expect(res.status(), q).toBe(422);
      expect((await res.json()).error, q).toMatchObject({ code, field });
    }
    const every = await (await request.get("/api/releases/versions")).json();
    const searched = await (await request.get("/api/releases/versions?q=voip&module=analytics")).json();
    expect(searched).toEqual(every);
  });

  test("bad filter values answer 422 naming the parameter", async ({ request }) => {
    for (const [q, code, field] of [
      ["category=features", "invalid_category", "category"],
      ["module=teleport", "invalid_module", "module"],
      ["channel=nightly", "invalid_channel", "channel"],
      ["since=latest", "invalid_version", "since"],
      ["until=5.1", "invalid_version", "until"],
    ]) {
      const res = await request.get(`/api/releases?${q}`);
      expect(res.status(), q).toBe(422);
      const { error } = await res.json();
      expect(error).toMatchObject({ code, field });
      expect(error.message.length).toBeGreaterThan(10);
    }
  });

  test("one release by version, 404 in the error shape when absent", async ({ request }) => {
    const ok = await request.get("/api/releases/5.10.0");
    expect(ok.status()).toBe(200);
    expect((await ok.json()).version).toBe("5.10.0");
    for (const v of ["9.9.9", "not-a-version"]) {
      const res = await request.get(`/api/releases/${v}`);
      expect(res.status()).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
  });

  test("the Atom feed parses and lists the releases newest first", async ({ page, request }) => {
    const res = await request.get("/releases.atom");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/atom+xml");
    const xml = await res.text();
    await page.goto("/api/health");
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      if (doc.getElementsByTagName("parsererror").length) return { error: true };
      const ns = "http://www.w3.org/2005/Atom";
      const feed = doc.documentElement;
      const entries = [...doc.getElementsByTagNameNS(ns, "entry")];
      return {
        root: feed.localName,
        ns: feed.namespaceURI,
        id: doc.getElementsByTagNameNS(ns, "id")[0]?.textContent,
        updated: doc.getElementsByTagNameNS(ns, "updated")[0]?.textContent,
        titles: entries.map((e) => e.getElementsByTagNameNS(ns, "title")[0].textContent),
        everyEntryComplete: entries.every((e) => ["id", "title", "updated", "link"].every((t) => e.getElementsByTagNameNS(ns, t).length > 0)),
      };
    }, xml);
    expect(parsed).toMatchObject({ root: "feed", ns: "http://www.w3.org/2005/Atom", everyEntryComplete: true });
    expect(parsed.updated).toMatch(/^\d{4}-\d\d-\d\dT00:00:00Z$/);
    expect(parsed.titles[0]).toMatch(/^6\.2\.0-beta\.1/);
    expect(parsed.titles.length).toBeGreaterThanOrEqual(15);
  });

  test("the footer's feed link serves the feed, not the app", async ({ page }) => {
    await page.goto("/");
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/releases.atom")),
      page.getByRole("contentinfo").getByRole("link", { name: "Release feed (Atom)" }).click(),
    ]);
    expect(resp.status()).toBe(200);
  });
});
