import { test, expect } from "./fixtures";
import type { Page, Response } from "@playwright/test";
import { freshEmail, freshIp, post } from "./accounts-helpers";

// The sign-in page over a sign-in limit says how long to wait: the wait of the window that
// refused the attempt (`Retry-After`, and `retry_after_seconds` in the error), never a fixed
// number. The limits are fixed windows (a minute, 15 minutes, an hour), so the tests trip one,
// then read the page against the answer the page received.

/** Drops the console errors of the `expected` refusals (Chromium logs each 401 and 429 the page
 * receives), so that any other error still fails the test. */
function allowRefusals(errors: string[], expected: number) {
  const refusal = (e: string) => /Failed to load resource: the server responded with a status of (401|429)/.test(e);
  expect(errors.filter(refusal), "the expected refusals").toHaveLength(expected);
  errors.splice(0, errors.length, ...errors.filter((e) => !refusal(e)));
}

/** Tries to sign in on the page (in its language) and answers the API's response. */
async function tryOnPage(page: Page, email: string, de = false): Promise<Response> {
  await page.getByLabel(de ? "E-Mail" : "Email").fill(email);
  await page.getByLabel(de ? "Passwort" : "Password").fill("not-the-password");
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/session");
  await page.getByRole("button", { name: de ? "Anmelden" : "Sign in" }).click();
  return answer;
}

/** The page's sign-in form, every request of it from `ip`, in English or German. */
async function signInPage(page: Page, ip: string, de = false) {
  await page.setExtraHTTPHeaders({ "CF-Connecting-IP": ip });
  await page.goto("/account");
  await page.evaluate((lang) => localStorage.setItem("sma.lang", lang), de ? "de" : "en");
  await page.reload();
}

/** The refusal's wait, from its header and its body alike. */
async function waitOf(res: Response): Promise<number> {
  expect(res.status()).toBe(429);
  const seconds = Number(res.headers()["retry-after"]);
  const body = await res.json();
  expect(body.error.code).toBe("rate_limited");
  expect(body.error.retry_after_seconds).toBe(seconds);
  return seconds;
}

/** Waits for the next window of `seconds` when this one ends within 15 seconds, so that the
 * counts a test makes now are still in their window when the page tries. */
async function earlyInWindow(page: Page, seconds: number) {
  const left = seconds - (Math.floor(Date.now() / 1000) % seconds);
  if (left < 15) await page.waitForTimeout((left + 1) * 1000);
}

test.describe("the sign-in page over a limit", () => {
  test("after the checks one source may cause in a minute, the page says to wait a minute", async ({ page, request, consoleErrors }) => {
    test.setTimeout(60_000);
    const source = freshIp();
    await signInPage(page, source);
    await earlyInWindow(page, 60);
    for (let i = 0; i < 10; i++) {
      expect((await post(request, "/api/session", { email: freshEmail("minute"), password: "guess" }, source)).status()).toBe(401);
    }
    const seconds = await waitOf(await tryOnPage(page, freshEmail("minute")));
    expect(seconds).toBeLessThanOrEqual(60);
    await expect(page.getByRole("alert")).toHaveText("Too many failed sign-ins. Please wait a minute and try again.");
    allowRefusals(consoleErrors, 1);
  });

  test("after five failures for an address from one source, the page says in German how many minutes are left of the 15", async ({ page, request, consoleErrors }) => {
    test.setTimeout(60_000);
    const [source, email] = [freshIp(), freshEmail("quarter")];
    await signInPage(page, source, true);
    await earlyInWindow(page, 15 * 60);
    for (let i = 0; i < 5; i++) {
      expect((await post(request, "/api/session", { email, password: `wrong-${i}` }, source)).status()).toBe(401);
    }
    const seconds = await waitOf(await tryOnPage(page, email, true));
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    const minutes = Math.ceil(seconds / 60);
    await expect(page.getByRole("alert")).toHaveText(
      minutes === 1
        ? "Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie eine Minute und versuchen Sie es dann erneut."
        : `Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie ${minutes} Minuten und versuchen Sie es dann erneut.`,
    );
    allowRefusals(consoleErrors, 1);
  });

  test("over the hourly limit of an address, a source that failed for it is told the rest of the hour", async ({ page, request, consoleErrors }) => {
    test.setTimeout(60_000);
    const [source, email] = [freshIp(), freshEmail("hour")];
    await signInPage(page, source);
    await earlyInWindow(page, 60 * 60);
    // 20 failures for the address from 20 sources fill its hour; one more from `source` is
    // still checked (a source without failures for it is never refused by this limit) …
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(request, "/api/session", { email, password: `wrong-${i}` }, freshIp())),
    );
    expect((await post(request, "/api/session", { email, password: "wrong" }, source)).status()).toBe(401);
    // … and its second is refused until the hour's window ends.
    const seconds = await waitOf(await tryOnPage(page, email));
    expect(seconds).toBeLessThanOrEqual(60 * 60);
    const minutes = Math.ceil(seconds / 60);
    await expect(page.getByRole("alert")).toHaveText(
      minutes === 1
        ? "Too many failed sign-ins. Please wait a minute and try again."
        : `Too many failed sign-ins. Please wait ${minutes} minutes and try again.`,
    );
    allowRefusals(consoleErrors, 1);
  });
});
