// Mixed traffic against a local Worker for SECONDS, then a reconciliation through its D1.
// Usage: node scripts/soak.mjs BASE_URL SECONDS STATE_DIR REPORT_FILE (see scripts/soak.sh).
//
// Traffic, in parallel loops until the time is up: orders by the lab customer on three of its
// installations (each confirming a fresh quote; a fresh key each, a share of them replayed with
// the same key and body, some sent twice at once; a refused quote is confirmed again with the
// quote the 409 carries), auto-renew cancelled and resumed on one of them meanwhile, sign-ins
// (a share with a wrong password for an unknown address, from other sources), public quotes,
// the catalog, releases, installation quotes of the other customers, download links and
// ranged downloads.
//
// The reconciliation, from D1 after the traffic: every order answered 201 exists once, with its
// lines and one audit entry; D1 has no order that was not answered 201; every key of the run
// points to its order (no claim left behind); each installation changed exactly once per order
// or auto-renew switch in its audit log (its version), its cameras and modules by exactly what
// its orders added, and its coverage is what its last switch says; and no answer was a 5xx. (A request that
// `wrangler dev`'s local proxy lost on its way to the Worker, a 503 that is not the Worker's, is
// sent again and listed apart in the report: see `lostByDevProxy`.)
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [base, secondsText, stateDir, reportFile] = process.argv.slice(2);
if (!base || !secondsText || !stateDir || !reportFile) {
  console.error("usage: node scripts/soak.mjs BASE_URL SECONDS STATE_DIR REPORT_FILE");
  process.exit(2);
}
const root = join(import.meta.dirname, "..");
const deadline = Date.now() + Number(secondsText) * 1000;
const LAB = { email: "lab@demo.example", password: "demo-lab-2026" };
const ANNA = { email: "anna@demo.example", password: "demo-anna-2026" };
const BEN = { email: "ben@demo.example", password: "demo-ben-2026" };

// ----- HTTP, with every answer counted ------------------------------------------------------

const counts = {}; // "op status" → n
const serverErrors = []; // 5xx and transport failures
const proxyLosses = []; // requests `wrangler dev`'s proxy lost on its way to the Worker (retried)
const count = (op, status) => (counts[`${op} ${status}`] = (counts[`${op} ${status}`] ?? 0) + 1);

/** Whether an answer is the 503 of `wrangler dev`'s local proxy rather than the Worker's: it
 * says "Your worker restarted mid-request" whenever its connection to the runtime behind it
 * was lost ("Network connection lost."), and it has no `x-request-id` (every answer of the
 * Worker has one). It happens when the runtime's event loop was blocked (PBKDF2 of a sign-in)
 * while a kept-alive connection expired; docs/hardening.md has the evidence. The request did
 * not reach the Worker, or its answer was lost with the connection. */
const lostByDevProxy = (res, text) =>
  res.status === 503 && !res.headers.get("x-request-id") && text.startsWith("Your worker restarted mid-request");

async function http(op, method, path, { cookie, body, headers = {} } = {}) {
  const h = { ...headers };
  if (cookie) h.cookie = cookie;
  if (body !== undefined) Object.assign(h, { "content-type": "application/json", origin: base });
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await fetch(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    } catch (e) {
      count(op, "error");
      serverErrors.push({ op, method, path, error: `${e}${e.cause ? ` (${e.cause.code ?? e.cause})` : ""}` });
      return { status: 0, json: undefined, headers: new Headers() };
    }
    const text = await res.text();
    // Sent again as any client would after a lost connection: the same request (an order
    // with the same Idempotency-Key), up to 3 times; the reconciliation then checks that
    // nothing happened twice.
    if (lostByDevProxy(res, text) && attempt <= 3) {
      proxyLosses.push({ op, method, path, attempt, at: new Date().toISOString() });
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    count(op, res.status);
    if (res.status >= 500) serverErrors.push({ op, method, path, status: res.status, body: text.slice(0, 300) });
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, headers: res.headers, bytes: text.length };
  }
}

async function signIn(creds) {
  const res = await http("sign-in", "POST", "/api/session", { body: creds });
  if (res.status !== 200) throw new Error(`sign-in of ${creds.email}: ${res.status}`);
  return res.headers.get("set-cookie").split(";")[0];
}

// ----- D1 -----------------------------------------------------------------------------------

function d1(sql) {
  const out = execFileSync(
    join(root, "node_modules", ".bin", "wrangler"),
    ["d1", "execute", "DB", "--local", "--persist-to", stateDir, "--json", "--command", sql],
    { cwd: root, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 },
  );
  return JSON.parse(out).map((r) => r.results);
}

// ----- Traffic ------------------------------------------------------------------------------

const placed = new Map(); // order id → { key, installation_id, kind, add }
const keys = new Map(); // key → order id
const tally = { orders: 0, replays: 0, twiceAtOnce: 0, requoted: 0, expansionsRefused: 0, switches: 0, downloads: 0, ranged: 0 };
const problems = [];
const pick = (items) => items[Math.floor(Math.random() * items.length)];
let serial = 0;

/** Places one order of `inputs` on installation `id` confirming a fresh quote; on a 409
 * quote_changed, confirms the quote it carries with the same key (up to 5 times). */
async function placeOrder(cookie, id, inputs) {
  const key = `soak-${process.pid}-${++serial}`;
  const q = await http("quote", "POST", `/api/installations/${id}/quotes/expansion`, { cookie, body: inputs });
  if (q.status !== 200) {
    tally.expansionsRefused++;
    return;
  }
  let body = { installation_id: id, kind: "expansion", ...inputs, quote_token: q.json.quote_token };
  for (let attempt = 0; attempt < 6; attempt++) {
    const twice = Math.random() < 0.1;
    const send = () => http("order", "POST", "/api/orders", { cookie, body, headers: { "idempotency-key": key } });
    const answers = twice ? await Promise.all([send(), send()]) : [await send()];
    if (twice) tally.twiceAtOnce++;
    const created = answers.filter((a) => a.status === 201);
    const ids = new Set(created.map((a) => a.json.id));
    if (ids.size > 1) problems.push(`key ${key} placed two orders: ${[...ids]}`);
    if (created.length > 0) {
      const order = created[0].json;
      if (!placed.has(order.id)) tally.orders++;
      placed.set(order.id, { key, installation_id: id, kind: "expansion", add: inputs });
      keys.set(key, order.id);
      if (Math.random() < 0.25) {
        const again = await send();
        tally.replays++;
        if (again.status !== 201 || again.json.id !== order.id || again.headers.get("idempotent-replayed") !== "true") {
          problems.push(`replay of ${key}: ${again.status} ${again.json?.id} instead of ${order.id}`);
        }
      }
      return;
    }
    const refused = answers.find((a) => a.json?.error?.code === "quote_changed" || a.json?.error?.code === "quote_expired");
    if (refused) {
      tally.requoted++;
      body = { ...body, quote_token: refused.json.quote.quote_token };
      continue;
    }
    // 409 in flight (sent twice at once), or the installation changed while it was placed.
    await new Promise((r) => setTimeout(r, 50));
    if (answers.some((a) => a.json?.error?.field === "Idempotency-Key")) continue;
    const fresh = await http("quote", "POST", `/api/installations/${id}/quotes/expansion`, { cookie, body: inputs });
    if (fresh.status !== 200) return;
    body = { ...body, quote_token: fresh.json.quote_token };
  }
}

async function loop(fn) {
  while (Date.now() < deadline) {
    try {
      await fn();
    } catch (e) {
      problems.push(`traffic: ${e.stack ?? e}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function main() {
  const lab = await signIn(LAB);
  const anna = await signIn(ANNA);
  const ben = await signIn(BEN);
  const list = async (cookie) => (await http("installations", "GET", "/api/installations", { cookie })).json.installations;
  const labs = await list(lab);
  const byName = (name) => labs.find((i) => i.name === name);
  // Orders: cameras on the Enterprise (no camera limit), client workstations on the others.
  const targets = [
    [byName("Lab Cancelled"), { add_cameras: 1 }],
    [byName("Lab Auto-renew"), { add_modules: [{ sku: "client", qty: 1 }] }],
    [byName("Lab New"), { add_modules: [{ sku: "client", qty: 1 }] }],
  ];
  const switched = byName("Lab Auto-renew");
  const annas = await list(anna);
  const bens = await list(ben);
  const release = (await http("release", "GET", "/api/releases/6.1.2")).json;
  const before = d1(
    `SELECT id, version, cameras, modules FROM installations WHERE customer_id = 'cus_lab';
     SELECT COALESCE(MAX(seq), 0) AS seq FROM orders;
     SELECT COALESCE(MAX(id), 0) AS id FROM audit_log`,
  );
  const started = new Date().toISOString();

  const loops = targets.map(([inst, inputs]) => loop(() => placeOrder(lab, inst.id, inputs)));
  loops.push(
    loop(async () => {
      // Auto-renew off and on again, racing the orders on the same installation.
      for (const action of ["cancel", "resume"]) {
        const res = await http(`sma/${action}`, "POST", `/api/installations/${switched.id}/sma/${action}`, { cookie: lab, body: {} });
        if (res.status === 200) tally.switches++;
        await new Promise((r) => setTimeout(r, 200));
      }
    }),
    loop(async () => {
      // The public side and sign-ins.
      const r = Math.random();
      if (r < 0.15) await signIn(pick([LAB, ANNA, BEN]));
      else if (r < 0.25) {
        // From other sources (CF-Connecting-IP, as Cloudflare sets it), as a guesser would; the
        // sign-in limits answer some of them 429.
        const source = `203.0.113.${Math.floor(Math.random() * 32)}`;
        await http("sign-in (wrong)", "POST", "/api/session", { body: { email: `nobody-${serial % 7}@soak.example`, password: "not-the-password" }, headers: { "cf-connecting-ip": source } });
      }
      else if (r < 0.45) await http("quotes/new", "POST", "/api/quotes/new", { body: { edition: pick(["probox", "professional", "enterprise"]), cameras: 8 + Math.floor(Math.random() * 40), sma: { term_years: pick([1, 3]) } } });
      else if (r < 0.55) await http("quotes/upgrade", "POST", "/api/quotes/upgrade", { body: { edition: "probox", cameras: 12, licence_date: "2026-03-10", to_edition: "enterprise", sma_start: "2026-03-10" } });
      else if (r < 0.65) await http("catalog", "GET", "/api/catalog");
      else if (r < 0.8) await http("releases", "GET", `/api/releases?q=${pick(["voip", "security", "archive", "camera"])}`);
      else await http("me", "GET", "/api/me", { cookie: pick([lab, anna, ben]) });
    }),
    loop(async () => {
      // Other customers: quotes on their installations, download links and ranged downloads.
      if (Math.random() < 0.5) {
        const [cookie, insts] = pick([[anna, annas], [ben, bens]]);
        const inst = pick(insts);
        await http("installation quote", "POST", `/api/installations/${inst.id}/quotes/${pick(["renewal", "expansion", "sma"])}`, { cookie, body: {} });
        return;
      }
      const inst = pick(annas);
      const artifact = pick(release.artifacts);
      const link = await http("download link", "POST", "/api/downloads", { cookie: anna, body: { installation_id: inst.id, artifact_id: artifact.id } });
      if (link.status !== 200) return;
      tally.downloads++;
      const res = await fetch(link.json.url, { headers: { range: "bytes=0-65535" } });
      count("download", res.status);
      if (res.status >= 500) serverErrors.push({ op: "download", status: res.status });
      if (res.status === 206) tally.ranged++;
      await res.arrayBuffer();
    }),
  );
  await Promise.all(loops);
  return reconcile(before, started);
}

// ----- Reconciliation -----------------------------------------------------------------------

function reconcile([instBefore, [{ seq }], [{ id: auditId }]], started) {
  const fail = (text) => problems.push(text);
  const [orders, lines, audit, keyRows, instAfter, coverage] = d1(
    `SELECT id, installation_id, kind, created_at FROM orders WHERE seq > ${seq};
     SELECT order_id, COUNT(*) AS n FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE seq > ${seq}) GROUP BY order_id;
     SELECT subject, action, at, after FROM audit_log WHERE id > ${auditId} ORDER BY id;
     SELECT key, order_id FROM idempotency_keys WHERE customer_id = 'cus_lab' AND key LIKE 'soak-${process.pid}-%';
     SELECT id, version, cameras, modules FROM installations WHERE customer_id = 'cus_lab';
     SELECT c.installation_id, c.auto_renew, c.cancelled_on, c.ends_on FROM sma_coverage c JOIN installations i ON i.id = c.installation_id WHERE i.customer_id = 'cus_lab'`,
  );
  // Every order answered 201 exists once; no order without a 201.
  const inD1 = new Map(orders.map((o) => [o.id, o]));
  if (orders.length !== inD1.size) fail("an order id is stored twice");
  for (const id of placed.keys()) if (!inD1.has(id)) fail(`order ${id} was answered 201 but is not stored`);
  for (const o of orders) if (!placed.has(o.id)) fail(`order ${o.id} is stored but was never answered 201`);
  // Each with its lines and one audit entry.
  const lineCount = new Map(lines.map((l) => [l.order_id, l.n]));
  const orderAudit = audit.filter((a) => a.action.startsWith("order."));
  for (const o of orders) {
    if (!(lineCount.get(o.id) > 0)) fail(`order ${o.id} has no lines`);
    const entries = orderAudit.filter((a) => a.subject === `installation:${o.installation_id}` && a.at === o.created_at && a.action === `order.${o.kind}`);
    if (entries.length !== 1) fail(`order ${o.id} has ${entries.length} audit entries`);
  }
  if (orderAudit.length !== orders.length) fail(`${orderAudit.length} order audit entries for ${orders.length} orders`);
  // Every key of the run points to its order; no claim is left.
  for (const k of keyRows) {
    if (k.order_id === null) fail(`key ${k.key} is claimed without an order`);
    else if (keys.get(k.key) !== k.order_id) fail(`key ${k.key} points to ${k.order_id}, answered ${keys.get(k.key)}`);
  }
  if (keyRows.length !== keys.size) fail(`${keyRows.length} keys stored for ${keys.size} answered`);
  // Each installation changed once per order or switch, by what its orders added.
  const changes = audit.filter((a) => a.action.startsWith("order.") || a.action.startsWith("sma."));
  for (const after of instAfter) {
    const b = instBefore.find((i) => i.id === after.id);
    const entries = changes.filter((a) => a.subject === `installation:${after.id}`);
    if (after.version - b.version !== entries.length) fail(`${after.id}: version +${after.version - b.version} for ${entries.length} audited changes`);
    const mine = [...placed.values()].filter((p) => p.installation_id === after.id);
    const cameras = mine.reduce((n, p) => n + (p.add.add_cameras ?? 0), 0);
    if (after.cameras - b.cameras !== cameras) fail(`${after.id}: cameras +${after.cameras - b.cameras}, orders added ${cameras}`);
    const clients = (m) => JSON.parse(m).find((x) => x.sku === "client")?.qty ?? 0;
    const added = mine.reduce((n, p) => n + (p.add.add_modules?.[0]?.qty ?? 0), 0);
    if (clients(after.modules) - clients(b.modules) !== added) fail(`${after.id}: clients +${clients(after.modules) - clients(b.modules)}, orders added ${added}`);
    const switches = entries.filter((a) => a.action.startsWith("sma."));
    if (switches.length > 0) {
      const last = JSON.parse(switches[switches.length - 1].after);
      const c = coverage.find((x) => x.installation_id === after.id);
      const now = { auto_renew: c.auto_renew === 1, cancelled_on: c.cancelled_on, ends_on: c.ends_on };
      if (JSON.stringify(now) !== JSON.stringify(last)) fail(`${after.id}: coverage ${JSON.stringify(now)}, last switch ${JSON.stringify(last)}`);
    }
  }
  for (const e of serverErrors) fail(`server error: ${JSON.stringify(e)}`);
  const requests = Object.values(counts).reduce((a, b) => a + b, 0);
  const report = {
    started,
    ended: new Date().toISOString(),
    requests,
    answers: Object.fromEntries(Object.entries(counts).sort()),
    tally,
    reconciled: { orders_stored: orders.length, order_audit_entries: orderAudit.length, keys: keyRows.length, switch_audit_entries: changes.length - orderAudit.length },
    server_errors: serverErrors.length,
    dev_proxy_losses: proxyLosses,
    problems,
  };
  writeFileSync(reportFile, JSON.stringify(report, null, 2) + "\n");
  return report;
}

const report = await main();
console.log(
  `soak: ${report.requests} requests, ${report.tally.orders} orders (${report.tally.replays} replays, ${report.tally.twiceAtOnce} sent twice at once, ` +
    `${report.tally.requoted} re-confirmed after quote_changed), ${report.tally.switches} auto-renew switches, ${report.tally.downloads} links / ${report.tally.ranged} ranged downloads, ` +
    `${report.server_errors} server errors (${report.dev_proxy_losses.length} requests lost by wrangler dev's proxy, sent again); reconciled ${report.reconciled.orders_stored} stored orders, ${report.reconciled.keys} keys: ${report.problems.length} problems`,
);
for (const p of report.problems.slice(0, 20)) console.error(`  ${p}`);
process.exit(report.problems.length === 0 ? 0 : 1);
