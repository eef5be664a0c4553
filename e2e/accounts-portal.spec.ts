import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";
import { addDays, adminToken, freshEmail } from "./accounts-helpers";
import { expectAxeClean } from "./axe";

// Getting in through the portal's pages (issue 12's journeys), as a new customer would: the
// brand-new customer Alpenblick (README, demo data) registers with its licence number, follows
// the links of the dev mailbox, forgets and resets the password, invites a colleague who joins
// as a viewer, decides a request for access, and receives the renewal reminder in German. Every
// page on the way is checked with axe.

const ALPENBLICK = {
  licence: "SMA-1A0H-G5ER-F",
  contact: "it@alpenblick.example",
  customer: "Alpenblick Hotels GmbH",
  installation: "Alpenblick Lobby",
};
const FIRST = "alpenblick-first-pass";
const SECOND = "alpenblick-second-pass";

/** Opens the newest message of `kind` to `to` on the dev mailbox page and follows its link. */
async function followMail(page: Page, to: string, kind: string) {
  await expect
    .poll(
      async () => {
        await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
        return page.getByRole("article").filter({ has: page.getByText(kind, { exact: true }) }).count();
      },
      { message: `a ${kind} message to ${to}`, timeout: 10_000 },
    )
    .toBeGreaterThan(0);
  const mail = page.getByRole("article").filter({ has: page.getByText(kind, { exact: true }) }).first();
  await mail.getByRole("link", { name: /\/account\/token\?token=/ }).first().click();
}

async function setPassword(page: Page, password: string) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/account");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
}

test.describe.serial("a new customer in the portal", () => {
  const colleague = freshEmail("reception", "alpenblick.example");

  test("registers with the licence number of a seeded installation, opens the verification link from the dev mailbox, sets a password and sees the installation", async ({ page, consoleErrors }) => {
    const registrations: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/registrations") registrations.push(r.method());
    });
    await page.goto("/account");
    await page.getByRole("link", { name: "New here? Register with your licence number" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Register with your licence number" })).toBeVisible();
    await expectAxeClean(page);

    // A mistyped check character is caught in the page, before anything is sent.
    await page.getByLabel("Licence number").fill("SMA-1A0H-G5ER-G");
    await page.getByLabel("Your e-mail address").fill(ALPENBLICK.contact);
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByLabel("Licence number")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Licence number")).toBeFocused();
    await expect(page.getByText("“SMA-1A0H-G5ER-G” is not a valid licence number")).toBeVisible();
    await expectAxeClean(page);
    expect(registrations).toEqual([]);

    // Typed as a person might: lower case, spaces instead of hyphens.
    await page.getByLabel("Licence number").fill("sma 1a0h g5er f");
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("status")).toContainText(`If ${ALPENBLICK.contact} is your company's registered contact`);
    expect(registrations).toEqual(["POST"]);

    await followMail(page, ALPENBLICK.contact, "verification");
    await expect(page.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();
    await expect(page.getByText(`Set a password for ${ALPENBLICK.contact} to sign in to ${ALPENBLICK.customer}'s account as administrator.`)).toBeVisible();
    await expectAxeClean(page);
    // The rule of shared, in the page: too short, then not repeated alike.
    await setPassword(page, "short");
    await expect(page.getByText("A password needs at least 8 characters; this one has 5.")).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill(FIRST);
    await page.getByLabel("Repeat the new password").fill(`${FIRST}x`);
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
    await expect(page.getByLabel("Repeat the new password")).toBeFocused();
    await setPassword(page, FIRST);

    await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
    await expect(page.getByText(ALPENBLICK.customer)).toBeVisible();
    const lobby = page.getByRole("article", { name: ALPENBLICK.installation });
    await expect(lobby).toBeVisible();
    await expect(lobby.getByRole("button", { name: "Cancel auto-renew" })).toBeVisible();
    await expectAxeClean(page);

    // The link worked once.
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1, name: "This link no longer works" })).toBeVisible();
    await expectAxeClean(page);
    // Asking for the used link answered 410 (logged by Chromium as a console error).
    expect(consoleErrors.filter((e) => /status of 410/.test(e))).toHaveLength(1);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !/status of 410/.test(e)));
  });

  test("forgets the password, resets it from the link, and signs in with the new one", async ({ page }) => {
    await page.goto("/account");
    await page.getByRole("link", { name: "Forgotten your password?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Forgotten password" })).toBeVisible();
    await expectAxeClean(page);
    await page.getByLabel("E-mail address").fill(ALPENBLICK.contact);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toContainText(`If ${ALPENBLICK.contact} belongs to an account`);

    await followMail(page, ALPENBLICK.contact, "password_reset");
    await expect(page.getByRole("heading", { level: 1, name: "Set a new password" })).toBeVisible();
    await setPassword(page, SECOND);
    await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to your account" })).toBeVisible();
    await signIn(page, ALPENBLICK.contact, SECOND);
  });

  test("an administrator invites a colleague, who signs in as a viewer and is not offered what a viewer cannot do", async ({ page }) => {
    await signIn(page, ALPENBLICK.contact, SECOND);
    await page.getByRole("link", { name: "Colleagues" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Colleagues" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: ALPENBLICK.contact })).toContainText("(you)");
    await expectAxeClean(page);
    await page.getByLabel("Their e-mail address").fill(colleague);
    await expect(page.getByRole("radio", { name: /^viewer/ })).toBeChecked();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toContainText(`Invitation sent to ${colleague}`);
    await expect(page.getByRole("heading", { name: "Open invitations" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: colleague })).toContainText("invited as viewer");
    await expectAxeClean(page);
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to your account" })).toBeVisible();

    await followMail(page, colleague, "invitation");
    await expect(page.getByRole("heading", { level: 1, name: "Join your colleagues" })).toBeVisible();
    await expect(page.getByText(`to sign in to ${ALPENBLICK.customer}'s account as viewer.`)).toBeVisible();
    await setPassword(page, "reception-viewer-pass");
    await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
    const lobby = page.getByRole("article", { name: ALPENBLICK.installation });
    await expect(lobby).toBeVisible();
    await expect(lobby.getByText("An administrator of your company orders and changes auto-renew.")).toBeVisible();
    await expect(lobby.getByRole("button")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Colleagues" })).toHaveCount(0);
    await expectAxeClean(page);

    // The colleagues page shows a viewer the people, without inviting or removing.
    await page.goto("/account/colleagues");
    await expect(page.getByRole("listitem").filter({ hasText: colleague })).toContainText("(you)");
    await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  });

  test("an administrator confirms a request for access from the approval link; nothing is decided by opening it", async ({ page }) => {
    const requester = freshEmail("frontdesk", "alpenblick.example");
    await page.goto("/account/register");
    await page.getByLabel("Licence number").fill(ALPENBLICK.licence);
    await page.getByLabel("Your e-mail address").fill(requester);
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("status")).toContainText("administrators are asked to let you in");

    await followMail(page, ALPENBLICK.contact, "approval_request");
    await expect(page.getByRole("heading", { level: 1, name: "A request for access" })).toBeVisible();
    await expect(page.getByText(`${requester} asks for access to ${ALPENBLICK.customer}'s account as viewer.`)).toBeVisible();
    await expectAxeClean(page);
    await page.getByRole("button", { name: "Approve access" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Approved" })).toHaveText(
      `Approved: ${requester} receives a link to set a password and joins as a viewer.`,
    );
    await expect(page.getByRole("button", { name: "Decline" })).toHaveCount(0);
    await followMail(page, requester, "verification");
    await expect(page.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();
  });

  test("the renewal engine run 30 days before the cancellation deadline puts the reminder in the mailbox, in German for a German user", async ({ page }) => {
    await signIn(page, ALPENBLICK.contact, SECOND);
    await page.getByRole("link", { name: "Sign-in and notifications" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sign-in and notifications" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "this browser" })).toHaveCount(1);
    await expectAxeClean(page);
    await page.getByRole("radio", { name: "Deutsch" }).check();
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    const { installations } = await (await page.request.get("/api/installations")).json();
    const lobby = installations.find((i: { name: string }) => i.name === ALPENBLICK.installation);
    const deadline: string = lobby.sma.cancellation_deadline;
    const run = await page.request.post("/api/admin/renewals/run", {
      data: { date: addDays(deadline, -30), installation_ids: [lobby.id] },
      headers: { authorization: `Bearer ${adminToken()}`, "Content-Type": "application/json" },
    });
    expect((await run.json()).actions).toEqual([expect.objectContaining({ action: "remind", date: deadline })]);

    await expect
      .poll(async () => {
        await page.goto(`/dev/mailbox?to=${encodeURIComponent(ALPENBLICK.contact)}`);
        return page.getByRole("article").filter({ has: page.getByText("renewal_reminder", { exact: true }) }).count();
      }, { timeout: 10_000 })
      .toBe(1);
    const reminder = page.getByRole("article").filter({ has: page.getByText("renewal_reminder", { exact: true }) });
    await expect(reminder.getByRole("heading", { level: 2 })).toContainText(`Ihr SMA für ${ALPENBLICK.installation} verlängert sich am`);
    await expect(reminder.getByRole("definition").nth(2)).toHaveText("de");
    await expect(reminder).toContainText("Kündigung spätestens am");
    await expect(reminder).toContainText(`/account/installations/${lobby.id}`);
    await expectAxeClean(page);
  });
});
