import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

// Cancelling and resuming auto-renew (pricing.md section 5), through the page and the API.
// Every sign-in here uses the right password. Anna's ProBox is resumed after each cancellation,
// so later spec files see the seeded state; ben's Enterprise (already cancelled) is not changed.

const ANNA = { email: "anna@demo.example", password: "demo-anna-2026" };
const BEN = { email: "ben@demo.example", password: "demo-ben-2026" };

type Answer = { status: number; body: any };

/** Chromium logs every non-2xx response the page receives as a console error; drops the
 * `expected` ones of `status`, so any other error still fails the test. */
function allowExpected(errors: string[], status: number, expected: number) {
  const hit = (e: string) =>
    e.includes(`Failed to load resource: the server responded with a status of ${status}`);
  expect(errors.filter(hit), `the expected ${status} responses`).toHaveLength(expected);
  const rest = errors.filter((e) => !hit(e));
  errors.splice(0, errors.length, ...rest);
}

/** A same-origin JSON call from the page (with its session cookie). */
async function call(page: Page, method: string, path: string, body?: unknown): Promise<Answer> {
  return page.evaluate(
    async ([method, path, body]) => {
      const init: RequestInit = { method: method as string };
      if (body !== undefined) {
        init.headers = { "content-type": "application/json" };
        init.body = JSON.stringify(body);
      }
      const resp = await fetch(path as string, init);
      const text = await resp.text();
      return { status: resp.status, body: text ? JSON.parse(text) : null };
    },
    [method, path, body] as const,
  );
}

async function apiSignIn(page: Page, creds: { email: string; password: string }) {
  const answer = await call(page, "POST", "/api/session", creds);
  expect(answer.status).toBe(200);
}

async function installation(page: Page, name: string) {
  const list = await call(page, "GET", "/api/installations");
  expect(list.status).toBe(200);
  const found = list.body.installations.find((i: { name: string }) => i.name === name);
  expect(found, name).toBeTruthy();
  return found;
}

/** "28 Jan 2027" for "2027-01-28", as the English page shows dates. */
function englishDate(iso: string): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${months[m - 1]} ${y}`;
}

test.describe("cancelling and resuming auto-renew", () => {
  test("anna cancels auto-renew of her ProBox on the page, sees when coverage ends, and resumes it", async ({
    page,
  }) => {
    await page.goto("/account");
    await page.getByLabel("Email").fill(ANNA.email);
    await page.getByLabel("Password").fill(ANNA.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const card = page.getByRole("article", { name: "Store Berlin Mitte" });
    await expect(card.locator(".badge")).toHaveText("Active");

    const probox = await installation(page, "Store Berlin Mitte");
    const termEnd = englishDate(probox.sma.term_end);
    await expect(card).toContainText(`If you cancel today, coverage ends on ${termEnd}; you can resume until then.`);

    await card.getByRole("button", { name: "Cancel auto-renew" }).click();
    const status = card.locator(".acct-renew").getByRole("status");
    await expect(status).toHaveText(
      `Auto-renew is cancelled. Coverage ends on ${termEnd}; you can resume until ${termEnd}.`,
    );
    await expect(card.locator(".badge")).toHaveText(`Cancelled — ends on ${termEnd}`);
    await expect(card).not.toContainText("Next renewal");
    await expect(card).toContainText(`If you resume auto-renew today, coverage no longer ends on ${termEnd}`);

    await card.getByRole("button", { name: "Resume auto-renew" }).click();
    await expect(status).toContainText("Auto-renew is on again.");
    await expect(status).toContainText(`To end coverage on ${termEnd}, cancel by ${englishDate(probox.sma.cancellation_deadline)}.`);
    await expect(card.locator(".badge")).toHaveText("Active");
    await expect(card.getByRole("button", { name: "Cancel auto-renew" })).toBeVisible();

    const after = await installation(page, "Store Berlin Mitte");
    expect(after.sma).toEqual(probox.sma);
  });

  test("the API answers the dates, and refuses cancelling twice and resuming an active SMA with 409", async ({
    page,
    consoleErrors,
  }) => {
    await page.goto("/");
    await apiSignIn(page, ANNA);
    const probox = await installation(page, "Store Berlin Mitte");
    expect(probox.sma.status).toBe("active");
    const path = `/api/installations/${probox.id}/sma`;

    const cancelled = await call(page, "POST", `${path}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.id).toBe(probox.id);
    expect(cancelled.body.name).toBe("Store Berlin Mitte");
    expect(cancelled.body.sma.status).toBe("cancelled");
    expect(cancelled.body.sma.auto_renew).toBe(false);
    // Cancelled before the deadline: coverage ends with the current term, and it can be
    // resumed until then.
    expect(cancelled.body.coverage_ends).toBe(probox.sma.term_end);
    expect(cancelled.body.sma.term_end).toBe(probox.sma.term_end);
    expect(cancelled.body.decision_deadline).toBe(probox.sma.term_end);

    const again = await call(page, "POST", `${path}/cancel`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    expect(again.body.error.message).toMatch(/already cancelled/);

    const resumed = await call(page, "POST", `${path}/resume`, {});
    expect(resumed.status).toBe(200);
    expect(resumed.body.sma.status).toBe("active");
    expect(resumed.body.sma.auto_renew).toBe(true);
    expect(resumed.body.coverage_ends).toBe(probox.sma.term_end);
    expect(resumed.body.decision_deadline).toBe(probox.sma.cancellation_deadline);

    const active = await call(page, "POST", `${path}/resume`, {});
    expect(active.status).toBe(409);
    expect(active.body.error.code).toBe("conflict");
    expect(active.body.error.message).toMatch(/already renews automatically/);

    const unknownField = await call(page, "POST", `${path}/cancel`, { when: "now" });
    expect(unknownField.status).toBe(400);
    expect((await installation(page, "Store Berlin Mitte")).sma).toEqual(probox.sma);
    allowExpected(consoleErrors, 409, 2);
    allowExpected(consoleErrors, 400, 1);
  });

  test("a lapsed SMA cannot be cancelled or resumed, and another customer's installation is not found", async ({
    page,
    consoleErrors,
  }) => {
    await page.goto("/");
    await apiSignIn(page, BEN);
    const enterprise = await installation(page, "Logistics Centre Linz");
    expect((await call(page, "DELETE", "/api/session")).status).toBe(204);

    await apiSignIn(page, ANNA);
    const professional = await installation(page, "Warehouse Hamburg");
    expect(professional.sma.status).toBe("lapsed");
    for (const action of ["cancel", "resume"]) {
      const answer = await call(page, "POST", `/api/installations/${professional.id}/sma/${action}`, {});
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe("conflict");
      expect(answer.body.error.message).toContain(`nothing to ${action}`);
    }
    const foreign = await call(page, "POST", `/api/installations/${enterprise.id}/sma/resume`, {});
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    allowExpected(consoleErrors, 409, 2);
    allowExpected(consoleErrors, 404, 1);
  });

  test("a cross-origin or non-JSON POST is refused with 403", async ({ request }) => {
    for (const action of ["cancel", "resume"]) {
      const crossOrigin = await request.post(`/api/installations/any/sma/${action}`, {
        headers: { origin: "https://evil.example", "content-type": "application/json" },
        data: "{}",
      });
      expect(crossOrigin.status()).toBe(403);
      expect((await crossOrigin.json()).error.code).toBe("forbidden");
    }
    const form = await request.post("/api/installations/any/sma/cancel", {
      headers: { "content-type": "text/plain" },
      data: "{}",
    });
    expect(form.status()).toBe(403);
  });
});
