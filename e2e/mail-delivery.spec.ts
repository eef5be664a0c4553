import { test, expect, type APIRequestContext } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LAB, freshEmail, freshIp, quantile, writeHeaders } from "./accounts-helpers";

// E-mail delivery through the queue with the HTTP mailer (Resend's request shape): a second
// `wrangler dev` with MAILER=http sends to a provider played by this test, which answers as
// each test scripts it (per recipient) and, like the real one, answers a repeated
// Idempotency-Key with its first answer instead of sending again. Also measured here: messages
// delivered per second through the local queue and the time from outbox row to delivery.

const mainPort = Number(process.env.E2E_PORT ?? 8788);
const providerPort = mainPort + 1;
const mailPort = mainPort + 2;
const mailBase = `http://127.0.0.1:${mailPort}`;
const API_KEY = "re_test_key_of_the_e2e_provider";
const SENDER = "SMA Portal <no-reply@portal.example.com>";

interface Received {
  at: number;
  headers: IncomingHttpHeaders;
  body: { from: string; to: string[]; subject: string; text: string; html: string; tags: { name: string; value: string }[] };
  status: number;
  /** Whether this request made the provider send (not a replay of a key it knew). */
  sent: boolean;
}

/** What the provider answers a recipient, in turn: a status, or "lost" (sent, then 500). */
type Answer = number | "lost";

class Provider {
  received: Received[] = [];
  scripts = new Map<string, Answer[]>();
  private sentKeys = new Map<string, string>();
  private server: Server;
  private seq = 0;

  constructor() {
    this.server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        const body = JSON.parse(raw || "{}");
        const key = String(req.headers["idempotency-key"] ?? "");
        const reply = (status: number, json: unknown, headers: Record<string, string> = {}, sent = false) => {
          this.received.push({ at: Date.now(), headers: req.headers, body, status, sent });
          res.writeHead(status, { "content-type": "application/json", ...headers });
          res.end(JSON.stringify(json));
        };
        if (this.sentKeys.has(key)) return reply(200, { id: this.sentKeys.get(key) });
        const answer = this.scripts.get(body.to?.[0])?.shift() ?? 200;
        if (answer === 200 || answer === "lost") {
          const id = `prov-${++this.seq}`;
          this.sentKeys.set(key, id);
          if (answer === "lost") return reply(500, { statusCode: 500, name: "internal_server_error", message: "lost" }, {}, true);
          return reply(200, { id }, {}, true);
        }
        const names: Record<number, string> = { 429: "rate_limit_exceeded", 422: "invalid_from_address", 500: "internal_server_error" };
        const headers: Record<string, string> = answer === 429 ? { "retry-after": "1" } : {};
        reply(answer, { statusCode: answer, name: names[answer] ?? "error", message: `scripted ${answer}` }, headers);
      });
    });
  }

  listen(port: number) {
    return new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
  }

  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  to(address: string) {
    return this.received.filter((r) => r.body.to?.[0] === address);
  }
}

const provider = new Provider();
let server: ChildProcess | undefined;
let state = "";

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await provider.listen(providerPort);
  state = mkdtempSync(join(tmpdir(), "sma-e2e-mail-"));
  const ready = join(state, "ready");
  server = spawn("bash", ["scripts/serve.sh", join(state, "d1")], {
    cwd: join(__dirname, ".."),
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      PORT: String(mailPort),
      ARTIFACTS: "^$",
      WRANGLER_LOG: "warn",
      READY_FILE: ready,
      WRANGLER_ARGS: [
        "--var MAILER:http",
        `--var MAIL_API_URL:http://127.0.0.1:${providerPort}/emails`,
        `--var MAIL_API_KEY:${API_KEY}`,
        "--var MAIL_RETRY_BASE_SECONDS:1",
        "--var MAIL_MAX_ATTEMPTS:3",
      ].join(" "),
    },
  });
  const deadline = Date.now() + 220_000;
  while (!existsSync(ready)) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error("the mail e2e server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await provider.close();
  if (state) rmSync(state, { recursive: true, force: true });
});

interface OutboxRow {
  id: number;
  to: string;
  kind: string;
  status: string;
  attempts: number;
  created_at: string;
  sent_at: string | null;
  provider_id: string | null;
  last_error: string | null;
}

async function rows(request: APIRequestContext, base: string, to: string): Promise<OutboxRow[]> {
  return (await (await request.get(`${base}/api/dev/outbox?to=${encodeURIComponent(to)}`)).json()).rows;
}

/** Writes `count` test messages to `to` on the server at `base` (dev load endpoint). */
async function load(request: APIRequestContext, base: string, to: string, count = 1): Promise<number[]> {
  const res = await request.post(`${base}/api/dev/outbox`, { data: { count, to }, headers: writeHeaders(base) });
  expect(res.status()).toBe(201);
  return (await res.json()).ids;
}

/** Waits until the rows of `to` are all settled in `status`; answers them. */
async function settled(request: APIRequestContext, base: string, to: string, status: string, count = 1, timeout = 20_000) {
  let found: OutboxRow[] = [];
  await expect
    .poll(
      async () => {
        found = await rows(request, base, to);
        return found.filter((r) => r.status === status).length;
      },
      { timeout, message: `${count} ${status} row(s) to ${to}` },
    )
    .toBe(count);
  return found;
}

test.describe("the HTTP mailer", () => {
  test("posts the provider's request shape with the API key, the sender and the outbox row as Idempotency-Key", async ({ request }) => {
    const res = await request.post(`${mailBase}/api/password-resets`, {
      data: { email: LAB.email },
      headers: writeHeaders(mailBase, freshIp()),
    });
    expect(res.status()).toBe(202);
    const [row] = await settled(request, mailBase, LAB.email, "sent");
    const [got] = provider.to(LAB.email);
    expect(got.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(got.headers["content-type"]).toContain("application/json");
    expect(got.headers["idempotency-key"]).toBe(`sma-dev-outbox-${row.id}`);
    expect(got.body).toMatchObject({ from: SENDER, to: [LAB.email], tags: [{ name: "kind", value: "password_reset" }] });
    expect(got.body.subject).toBe("Reset your password for the SMA portal");
    expect(got.body.text).toMatch(new RegExp(`${mailBase}/account/token\\?token=[0-9a-f]{64}`));
    expect(got.body.html).toContain('<html lang="en">');
    expect(row).toMatchObject({ status: "sent", attempts: 1, last_error: null });
    expect(row.provider_id).toMatch(/^prov-\d+$/);
  });

  test("a 429 and a 500 are retried with backoff, then the message is delivered once", async ({ request }) => {
    const to = freshEmail("flaky");
    provider.scripts.set(to, [429, 500, 200]);
    await load(request, mailBase, to);
    const [row] = await settled(request, mailBase, to, "sent");
    expect(row.attempts).toBe(3);
    const got = provider.to(to);
    expect(got.map((r) => r.status)).toEqual([429, 500, 200]);
    expect(new Set(got.map((r) => r.headers["idempotency-key"])).size).toBe(1);
    expect(got.filter((r) => r.sent)).toHaveLength(1);
  });

  test("a permanent refusal is dead at once, with the provider's error in the row", async ({ request }) => {
    const to = freshEmail("refused");
    provider.scripts.set(to, [422]);
    await load(request, mailBase, to);
    const [row] = await settled(request, mailBase, to, "dead");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBe("HTTP 422 invalid_from_address: scripted 422");
    expect(provider.to(to)).toHaveLength(1);
  });

  test("repeated 500s are dead after the last attempt, the error in the row", async ({ request }) => {
    const to = freshEmail("down");
    provider.scripts.set(to, [500, 500, 500, 500]);
    await load(request, mailBase, to);
    const [row] = await settled(request, mailBase, to, "dead");
    expect(row.attempts).toBe(3);
    expect(row.last_error).toContain("gave up after 3 attempts");
    expect(provider.to(to)).toHaveLength(3);
  });

  test("a duplicate message, a retried batch and a lost answer never send twice", async ({ request }) => {
    // A lost answer: the provider sent, but the Worker saw a 500; the retry has the same key.
    const lost = freshEmail("lost");
    provider.scripts.set(lost, ["lost"]);
    const [lostId] = await load(request, mailBase, lost);
    await settled(request, mailBase, lost, "sent");
    expect(provider.to(lost).filter((r) => r.sent)).toHaveLength(1);

    // The same ids delivered again, twice and together (as a retried batch or a racing sweep).
    const to = freshEmail("twice");
    const ids = await load(request, mailBase, to, 3);
    await settled(request, mailBase, to, "sent", 3);
    for (let i = 0; i < 2; i++) {
      const again = await request.post(`${mailBase}/api/dev/outbox/enqueue`, {
        data: { ids: [...ids, ...ids, lostId] },
        headers: writeHeaders(mailBase),
      });
      expect(again.status()).toBe(202);
    }
    // The sweep runs too: nothing is left behind to send again.
    const swept = await request.post(`${mailBase}/api/dev/outbox/sweep`, { data: {}, headers: writeHeaders(mailBase) });
    expect(swept.status()).toBe(200);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(provider.to(to)).toHaveLength(3);
    expect(provider.to(lost).filter((r) => r.sent)).toHaveLength(1);
    expect((await rows(request, mailBase, to)).map((r) => r.attempts)).toEqual([1, 1, 1]);
  });
});

test.describe("the sweep", () => {
  test("sends the rows whose queue message was lost, once", async ({ request }) => {
    const to = freshEmail("behind");
    const res = await request.post(`${mailBase}/api/dev/outbox`, {
      data: { count: 2, to, left_behind_seconds: 120 },
      headers: writeHeaders(mailBase),
    });
    expect(res.status()).toBe(201);
    await new Promise((r) => setTimeout(r, 500));
    expect((await rows(request, mailBase, to)).map((r) => r.status)).toEqual(["pending", "pending"]);
    const sweep = () => request.post(`${mailBase}/api/dev/outbox/sweep`, { data: {}, headers: writeHeaders(mailBase) });
    expect((await (await sweep()).json()).swept).toBeGreaterThanOrEqual(2);
    await sweep();
    await settled(request, mailBase, to, "sent", 2);
    expect(provider.to(to)).toHaveLength(2);
  });
});

/** Loads `count` rows on `base`, waits until all are sent, and answers the figures. */
async function measure(request: APIRequestContext, base: string, count: number) {
  const to = freshEmail("load");
  const started = Date.now();
  await load(request, base, to, count);
  const sent = await settled(request, base, to, "sent", count, 60_000);
  const created = sent.map((r) => Date.parse(r.created_at));
  const delivered = sent.map((r) => Date.parse(r.sent_at!));
  const latency = sent.map((_, i) => delivered[i] - created[i]);
  const span = (Math.max(...delivered) - Math.min(...created)) / 1000;
  return {
    rows: count,
    per_second: Math.round(count / span),
    p50_ms: quantile(latency, 0.5),
    p95_ms: quantile(latency, 0.95),
    max_ms: Math.max(...latency),
    wall_s: (Date.now() - started) / 1000,
  };
}

/** Writes one row at a time, `count` times, each waited for: the delay a lone message sees. */
async function single(request: APIRequestContext, base: string, count: number) {
  const latency: number[] = [];
  for (let i = 0; i < count; i++) {
    const to = freshEmail("one");
    await load(request, base, to);
    const [row] = await settled(request, base, to, "sent");
    latency.push(Date.parse(row.sent_at!) - Date.parse(row.created_at));
  }
  return { rows: count, p50_ms: quantile(latency, 0.5), p95_ms: quantile(latency, 0.95), max_ms: Math.max(...latency) };
}

test.describe("delivery figures", () => {
  test("200 outbox rows through the local queue, to the dev mailbox and to the HTTP provider", async ({ request, baseURL }) => {
    test.setTimeout(180_000);
    const local = await measure(request, baseURL!, 200);
    const http = await measure(request, mailBase, 200);
    const lone = await single(request, baseURL!, 20);
    for (const [name, figures] of Object.entries({ local, http, "local, one at a time": lone })) {
      test.info().annotations.push({ type: `delivery (${name} mailer)`, description: JSON.stringify(figures) });
      console.log(`delivery (${name} mailer): ${JSON.stringify(figures)}`);
    }
  });
});
