import { test, expect, type Page, type APIRequestContext, type Request } from "@playwright/test";
import { expectAxeClean } from "./axe";
import { ANNA, LAB, installation, orders, quoted, signIn as apiSignIn, signInPage as signIn, writeHeaders } from "./customer-api";

// axe (WCAG 2.1 A and AA) on every page of the app, signed out and signed in, and on the
// dev mailbox: no violation.

/** Opens `path`, waits until it has rendered and the network is quiet, and runs axe on it. */
async function expectNoViolations(page: Page, path: string) {
  const quiet = networkQuiet(page);
  await page.goto(path);
  await expect(page.locator("h1").first(), `the heading of ${path}`).toBeVisible();
  await quiet();
  await expectAxeClean(page);
}

/** Playwright's "networkidle" (no request in flight for half a second) for the requests the page
 *  itself makes: not the browser's own favicon request, which the local assets server once left
 *  unanswered for the whole test on a release's page (the trace of that run: every other request
 *  answered within 325 ms), as it most likely did the one time before that this test timed out. */
function networkQuiet(page: Page): () => Promise<void> {
  const inFlight = new Set<Request>();
  let since = Date.now();
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/favicon")) return;
    inFlight.add(r);
    since = Date.now();
  });
  const done = (r: Request) => {
    if (inFlight.delete(r)) since = Date.now();
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return () => expect.poll(() => inFlight.size === 0 && Date.now() - since >= 500, { timeout: 25_000 }).toBe(true);
}

/** The id of one of lab's orders, placing an expansion on an installation no other test
 * counts when lab has none yet. */
async function someOrder(request: APIRequestContext): Promise<string> {
  const cookie = await apiSignIn(request, LAB);
  const existing = await orders(request, cookie);
  if (existing.length > 0) return existing[0].id;
  const target = await installation(request, cookie, "Lab Cancelled");
  const body = await quoted(request, cookie, { installation_id: target.id, kind: "expansion", add_cameras: 1 });
  const placed = await request.post("/api/orders", {
    data: body,
    headers: writeHeaders(cookie, { "Idempotency-Key": `axe-${Date.now()}` }),
  });
  expect(placed.status()).toBe(201);
  return (await placed.json()).id;
}

test.describe("accessibility (axe, WCAG 2.1 AA)", () => {
  for (const path of ["/", "/releases", "/releases/6.1.2", "/account", "/account/orders", "/account/installations/inst_none", "/dev/mailbox"]) {
    test(`signed out, ${path} has no violation`, async ({ page }) => {
      await expectNoViolations(page, path);
    });
  }

  test("signed in, the account, an installation, the releases with their entitlement and the calculator have no violation", async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, ANNA);
    const list = await page.evaluate(async () => (await fetch("/api/installations")).json());
    const paths = ["/account", "/account/orders", "/releases", "/releases/6.1.2", "/releases/6.0.0", "/"];
    for (const i of list.installations) paths.push(`/account/installations/${i.id}`);
    for (const path of paths) await expectNoViolations(page, path);
  });

  test("signed in, the orders and an invoice have no violation", async ({ page, request }) => {
    const id = await someOrder(request);
    await signIn(page, LAB);
    await expectNoViolations(page, "/account/orders");
    await expectNoViolations(page, `/account/orders/${id}`);
  });
});
