import { test, expect } from "./fixtures";

// RFC 9110: a 405 names the methods the path takes in `Allow`, and `OPTIONS` answers with the
// same list, for every path of the published contract (the fixture checks each answer against
// /api/openapi.json too: status, error shape, `Allow` equal to the documented methods).

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every documented path with a sample value for each parameter, and its methods. */
async function documentedPaths(request: import("@playwright/test").APIRequestContext) {
  const doc = await (await request.get("/api/openapi.json")).json();
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).map(([template, item]) => ({
    template,
    path: template.replace(/\{[^}]+\}/g, "x1"),
    methods: Object.keys(item).map((m) => m.toUpperCase()),
  }));
}

const allowOf = (header: string | undefined) =>
  (header ?? "")
    .split(",")
    .map((m) => m.trim())
    .filter((m) => m !== "")
    .sort();

test("OPTIONS on every documented path answers 204 with the path's methods in Allow", async ({ request }) => {
  const paths = await documentedPaths(request);
  expect(paths.length).toBeGreaterThan(20);
  for (const { template, path, methods } of paths) {
    const res = await request.fetch(path, { method: "OPTIONS" });
    expect(res.status(), template).toBe(204);
    expect(allowOf(res.headers()["allow"]), template).toEqual([...methods, "OPTIONS"].sort());
    expect((await res.body()).length, template).toBe(0);
  }
});

test("a method a documented path does not take is a 405 in the error shape with Allow", async ({ request }) => {
  for (const { template, path, methods } of await documentedPaths(request)) {
    const other = METHODS.find((m) => !methods.includes(m))!;
    const res = await request.fetch(path, { method: other, headers: { "content-type": "application/json" }, data: "{}" });
    expect(res.status(), `${other} ${template}`).toBe(405);
    expect((await res.json()).error.code).toBe("method_not_allowed");
    expect(allowOf(res.headers()["allow"]), `${other} ${template}`).toEqual([...methods, "OPTIONS"].sort());
  }
});

test("HEAD on an API path that only answers GET is a 405 naming GET", async ({ request }) => {
  const res = await request.head("/api/health");
  expect(res.status()).toBe(405);
  expect(allowOf(res.headers()["allow"])).toEqual(["GET", "OPTIONS"]);
});

test("OPTIONS on an unknown API path is a 404", async ({ request }) => {
  const res = await request.fetch("/api/nothing-here", { method: "OPTIONS" });
  expect(res.status()).toBe(404);
  expect((await res.json()).error.code).toBe("not_found");
});
