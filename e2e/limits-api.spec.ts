import { test, expect } from "./fixtures";
import { Miniflare } from "miniflare";
import { request as httpRequest } from "node:http";
import { join } from "node:path";

// Request bodies are limited to 64 KiB on every route but the artifact upload (api.md
// "Errors"): also a body without Content-Length, which the Worker reads as a stream and stops
// reading at the limit.
//
// These requests go to the built Worker in workerd directly (Miniflare), not through `wrangler
// dev`: its local proxy in front of the Worker stalls or fails (503 "Your worker restarted
// mid-request") the requests after one whose body the Worker stopped reading, which is the
// proxy's doing (workerd itself answers them at once) and would disturb the other tests.

let mf: Miniflare;
let worker: URL;

test.beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    scriptPath: join(__dirname, "..", "worker", "build", "index.js"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-10-01",
    host: "127.0.0.1",
    port: 0,
  });
  worker = await mf.ready;
  // The first request compiles the Wasm: not part of what is measured.
  await mf.dispatchFetch(new URL("/api/health", worker));
});

test.afterAll(async () => {
  await mf?.dispose();
});

const MiB = 1024 * 1024;

type Answer = { status: number; contentType: string; requestId: string; body: Buffer; sentAtAnswer: number; ms: number };

/** Sends `total` bytes of JSON whitespace chunked (no Content-Length), 16 KiB every 5 ms, and
 * stops sending once the answer is there; resolves with the answer and the bytes sent by then.*/
function sendChunked(url: URL, total: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json" } });
    req.on("response", (res) => {
      answered = true;
      const sentAtAnswer = sent;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers["content-type"] ?? ""),
          requestId: String(res.headers["x-request-id"] ?? ""),
          body: Buffer.concat(chunks),
          sentAtAnswer,
          ms: Date.now() - started,
        }),
      );
    });
    // Once answered, the rest is not sent and the Worker's reset of the connection is expected.
    req.on("error", (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    (async () => {
      while (sent < total && !answered) {
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
        sent += chunk.length;
        await new Promise((r) => setTimeout(r, 5));
      }
      if (answered) req.destroy();
      else req.end();
    })().catch((e) => (answered ? undefined : reject(e)));
  });
}

test("a chunked 1 MiB body without Content-Length is refused with 413 before the client has sent it all", async ({ apiResponses }) => {
  const url = new URL("/api/quotes/new", worker);
  const answer = await sendChunked(url, MiB);
  apiResponses.push({ method: "POST", url: url.href, status: answer.status, contentType: answer.contentType, body: answer.body });
  const measured = `${answer.status} after ${answer.ms} ms, ${answer.sentAtAnswer} of ${MiB} bytes sent: ${answer.body.toString()}`;
  test.info().annotations.push({ type: "measured", description: measured });
  console.log(`chunked 1 MiB body: ${measured}`);
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body.toString()).error.code).toBe("payload_too_large");
  expect(answer.requestId).toMatch(/^[0-9a-f]{32}$/);
  // The Worker stopped reading at the limit: the answer came while the body was still coming.
  expect(answer.sentAtAnswer).toBeLessThan(MiB / 2);
});

test("a chunked body within the limit is read whole", async () => {
  const body = JSON.stringify({ edition: "probox", cameras: 4 }) + " ".repeat(40 * 1024);
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(new URL("/api/quotes/new", worker), { method: "POST", headers: { "content-type": "application/json" } });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    for (let i = 0; i < body.length; i += 8192) req.write(body.slice(i, i + 8192));
    req.end();
  });
  expect(answer.status, answer.text).toBe(200);
  expect(JSON.parse(answer.text).licence_total).toBe("1290.00");
});
