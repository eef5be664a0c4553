import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./fixtures";

/** The results line (an aria-live status region). */
const status = (page: Page) => page.getByRole("status");

/** The cell of `table` in the row whose header is `rowName` and the column headed `colName`. */
async function cell(table: Locator, rowName: string, colName: string): Promise<Locator> {
  const headers = await table.getByRole("columnheader").allTextContents();
  const col = headers.findIndex((h) => h.trim() === colName);
  expect(col, `column ${colName} in ${headers.join(" | ")}`).toBeGreaterThan(0);
  const row = table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name: rowName, exact: true }) });
  // The row header is the first column; the data cells follow.
  return row.getByRole("cell").nth(col - 1);
}

test.describe("the release browser", () => {
  test("shows the timeline with highlights, the views and the Atom feed", async ({ page, consoleErrors }) => {
    await page.goto("/releases");
    await expect(page.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible();
    await expect(status(page)).toContainText(/20 releases · \d+ changes/);
    const newest = page.getByRole("article").first();
    await expect(newest.getByRole("heading", { level: 2 })).toContainText("6.2.0-beta.1");
    await expect(newest.getByRole("heading", { level: 3, name: "Highlights" })).toBeVisible();
    await expect(page.getByRole("link", { name: /6\.1\.2/ }).first()).toHaveAttribute("href", "/releases/6.1.2");
    const views = page.getByRole("navigation", { name: "Release views" });
    await expect(views.getByRole("link", { name: "All releases" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("main").getByRole("link", { name: "Subscribe to the release feed (Atom)" })).toHaveAttribute(
      "href",
      "/releases.atom",
    );
    await expect(page.getByRole("search", { name: "Filter releases" })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("search for VoIP highlights the matches and shows the count", async ({ page, consoleErrors }) => {
    await page.goto("/releases");
    await expect(status(page)).toContainText("20 releases");
    await page.getByLabel("Search the release notes").fill("VoIP");
    await page.getByLabel("Search the release notes").press("Enter");
    await expect(page).toHaveURL(/[?&]q=VoIP/);
    await expect(status(page)).toContainText(/^\d+ releases? match(es)? “VoIP” · \d+ matching changes?$/);
    const n = Number((await status(page).textContent())!.match(/^(\d+)/)![1]);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(20);
    await expect(page.getByRole("article")).toHaveCount(n);
    const marks = page.getByRole("main").locator("mark");
    await expect(marks.first()).toBeVisible();
    for (const text of await marks.allTextContents()) expect(text.toLowerCase()).toMatch(/^voip/);
    // Every release found mentions VoIP somewhere visible.
    for (const article of await page.getByRole("article").all()) {
      await expect(article.locator("mark").first()).toBeAttached();
    }
    expect(consoleErrors).toEqual([]);
  });

  test("a search without results says so and the filters clear", async ({ page, consoleErrors }) => {
    await page.goto("/releases?q=zzzzqqq");
    await expect(status(page)).toContainText("0 releases match “zzzzqqq”");
    await expect(page.getByText("No release matches these filters.")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/releases$/);
    await expect(status(page)).toContainText("20 releases");
    await expect(page.getByLabel("Search the release notes")).toHaveValue("");
    expect(consoleErrors).toEqual([]);
  });

  test("the module filter shows only notes tagged with that module", async ({ page, consoleErrors }) => {
    await page.goto("/releases");
    await expect(status(page)).toContainText("20 releases");
    await page.getByLabel("Module").selectOption("analytics");
    await expect(page).toHaveURL(/[?&]module=analytics/);
    await expect(status(page)).not.toContainText("20 releases");
    // The filtered answers are in (until then the page keeps the previous cards, marked busy).
    await expect(status(page)).toHaveText(/^\d+ releases? · /);
    const tagLists = page.getByRole("list", { name: "Tags" });
    await expect(tagLists.first()).toBeVisible();
    const count = await tagLists.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      await expect(tagLists.nth(i).getByRole("listitem").filter({ hasText: /^analytics$/ })).toHaveCount(1);
    }
    expect(consoleErrors).toEqual([]);
  });

  test("the URL keeps the filters, also after a reload", async ({ page, consoleErrors }) => {
    await page.goto("/releases");
    await expect(status(page)).toContainText("20 releases");
    await page.getByLabel("Category").selectOption("security");
    await expect(page).toHaveURL(/category=security/);
    await page.getByLabel("Channel").selectOption("stable");
    await expect(page).toHaveURL(/channel=stable/);
    await page.getByLabel("Newer than").selectOption("5.4.0");
    await expect(page).toHaveURL(/since=5\.4\.0/);
    await page.getByLabel("Up to and including").selectOption("6.0.1");
    await expect(page).toHaveURL(/until=6\.0\.1/);
    // The list of the last filter's answer (retried: the previous answer shows until it is in),
    // then its summary.
    const versions = page.getByRole("article").getByRole("heading", { level: 2 });
    await expect(versions.filter({ hasText: /^(5\.[0-4]\.|6\.1|6\.2|.*beta)/ })).toHaveCount(0);
    await expect(versions).not.toHaveCount(0);
    await expect(status(page)).toContainText(/^\d+ releases? · \d+ changes?$/);
    const summary = await status(page).textContent();
    await expect(page.getByRole("heading", { level: 3, name: /^Fixed/ })).toHaveCount(0);

    await page.reload();
    await expect(page.getByLabel("Category")).toHaveValue("security");
    await expect(page.getByLabel("Channel")).toHaveValue("stable");
    await expect(page.getByLabel("Newer than")).toHaveValue("5.4.0");
    await expect(page.getByLabel("Up to and including")).toHaveValue("6.0.1");
    await expect(status(page)).toHaveText(summary!);

    // Back in history undoes the last filter.
    await page.goBack();
    await expect(page).not.toHaveURL(/until=/);
    await expect(page.getByLabel("Up to and including")).toHaveValue("");
    expect(consoleErrors).toEqual([]);
  });

  test("what's new since my version: 5.9.2 excluded, 5.10.0 included, breaking and OS changes first", async ({
    page,
    consoleErrors,
  }) => {
    await page.goto("/releases");
    await page.getByRole("navigation", { name: "Release views" }).getByRole("link", { name: "What's new since my version" }).click();
    await expect(page).toHaveURL(/view=mine/);
    await expect(status(page)).toContainText("Choose your installed version");
    await page.getByLabel("Installed version").selectOption("5.9.2");
    await expect(page).toHaveURL(/mine=5\.9\.2/);
    await expect(page.getByRole("heading", { level: 2, name: "What's new since 5.9.2" })).toBeVisible();
    await expect(status(page)).toContainText(/\d+ changes in \d+ releases since 5\.9\.2/);

    const range = page.getByRole("list", { name: "Releases in this range:" });
    await expect(range.getByRole("link", { name: "5.10.0", exact: true })).toBeVisible();
    await expect(range.getByRole("link", { name: "5.9.2", exact: true })).toHaveCount(0);
    await expect(range.getByRole("link", { name: "5.9.0", exact: true })).toHaveCount(0);
    const results = page.locator(".rel-results");
    await expect(results.getByRole("link", { name: "5.9.2", exact: true })).toHaveCount(0);
    await expect(results.getByRole("link", { name: "5.10.0", exact: true }).first()).toBeVisible();

    // The call-outs come before the categories.
    const breaking = page.getByRole("heading", { level: 3, name: /^\d+ breaking changes$/ });
    await expect(breaking).toBeVisible();
    await expect(page.getByRole("region", { name: /breaking changes/ })).toContainText("Archive index format v3");
    const os = page.getByRole("region", { name: "Operating system changes required" });
    await expect(os).toBeVisible();
    await expect(os).toContainText("Windows 10 is no longer supported");
    await expect(os).toContainText(/No longer supported by 6\.1\.2:.*Windows 10 22H2/);
    const headings = await results.getByRole("heading", { level: 3 }).allTextContents();
    expect(headings[0]).toMatch(/breaking changes/);
    expect(headings.indexOf("Operating system changes required")).toBeLessThan(headings.findIndex((h) => h.startsWith("Added")));
    for (const cat of ["Added", "Changed", "Fixed", "Security", "Removed"]) {
      await expect(results.getByRole("heading", { level: 3, name: new RegExp(`^${cat} \\(\\d+\\)$`) })).toBeVisible();
    }
    await expect(page.getByText("6.1.2 upgrades your 5.9.2 in place.")).toBeVisible();

    // Reload keeps the pick.
    await page.reload();
    await expect(page.getByLabel("Installed version")).toHaveValue("5.9.2");
    await expect(page.getByRole("heading", { level: 2, name: "What's new since 5.9.2" })).toBeVisible();

    // The views switch back and forth and keep the pick.
    const views = page.getByRole("navigation", { name: "Release views" });
    await views.getByRole("link", { name: "All releases" }).click();
    await expect(status(page)).toContainText("20 releases");
    await expect(views.getByRole("link", { name: "All releases" })).toHaveAttribute("aria-current", "page");
    await views.getByRole("link", { name: "What's new since my version" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "What's new since 5.9.2" })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("an old installation is told to upgrade in steps", async ({ page, consoleErrors }) => {
    await page.goto("/releases?view=mine&mine=5.4.0");
    const steps = page.getByRole("region", { name: "Upgrade in steps" });
    await expect(steps).toContainText("Install 6.0.1 first: 5.4.0 → 6.0.1 → 6.1.2.");
    await page.getByLabel("Upgrading to").selectOption("5.10.0");
    await expect(page).toHaveURL(/until=5\.10\.0/);
    await expect(page.getByText("5.10.0 upgrades your 5.4.0 in place.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Releases in this range:" }).getByRole("link", { name: "6.0.0" })).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  });

  test("the compatibility matrix shows Windows Server 2025 for recent versions", async ({ page, consoleErrors }) => {
    await page.goto("/releases");
    await page.getByRole("navigation", { name: "Release views" }).getByRole("link", { name: "Compatibility" }).click();
    await expect(page).toHaveURL(/view=compat/);
    await expect(status(page)).toContainText("20 versions compared");
    const table = page.getByRole("table", { name: "Operating systems supported by each version" });
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Windows Server 2025" })).toBeVisible();
    for (const v of ["6.1.2", "6.0.0", "5.10.0"]) {
      await expect(await cell(table, v, "Windows Server 2025")).toContainText("Supported");
    }
    await expect(await cell(table, "5.0.0", "Windows Server 2025")).toContainText("Not supported");
    await expect(await cell(table, "6.1.2", "Windows Server 2016")).toContainText("Not supported");
    const scanners = page.getByRole("table", { name: "Virus scanners tested with each version" });
    await expect(await cell(scanners, "6.1.2", "CrowdStrike Falcon")).toContainText("7.37");

    // The range filter narrows the rows and survives a reload.
    await page.getByLabel("Newer than").selectOption("6.0.1");
    await expect(status(page)).toContainText("4 versions compared");
    await page.reload();
    await expect(page.getByRole("table", { name: "Operating systems supported by each version" }).getByRole("rowheader")).toHaveCount(4);
    expect(consoleErrors).toEqual([]);
  });

  test("a timeline with more matches than a page shows the newest and links to the older ones", async ({ page, consoleErrors }) => {
    // The demo has 20 releases, one page; the answers say 120 match and the page's last release
    // is left out, as the page of a longer list would be.
    let older = "";
    await page.route(/\/api\/releases\?limit=(8|42&offset=8)$/, async (route) => {
      const body = await (await route.fetch()).json();
      if (route.request().url().includes("offset")) older = body.releases.pop().version;
      await route.fulfill({ json: { ...body, total: 120 } });
    });
    await page.goto("/releases");
    await expect(status(page)).toHaveText("120 releases · the newest 19 shown");
    const link = page.getByRole("link", { name: /^Releases older than / });
    await expect(link).toHaveAttribute("href", `/releases?until=${older}`);
    await page.unrouteAll();
    await link.click();
    await expect(page).toHaveURL(`/releases?until=${older}`);
    await expect(status(page)).toContainText(/^1 release · \d+ changes$/);
    expect(consoleErrors).toEqual([]);
  });

  test("the language switch changes the UI chrome", async ({ page, consoleErrors }) => {
    await page.goto("/releases?view=mine&mine=5.9.2");
    await expect(page.getByRole("heading", { level: 2, name: "What's new since 5.9.2" })).toBeVisible();
    await page.getByLabel("Language").selectOption("Deutsch");
    await expect(page.getByRole("heading", { level: 1, name: "Versionen" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Neu seit 5.9.2" })).toBeVisible();
    await expect(page.getByLabel("Installierte Version")).toHaveValue("5.9.2");
    await expect(page.getByLabel("Kategorie")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Ansichten" }).getByRole("link", { name: "Kompatibilität" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "Änderungen am Betriebssystem erforderlich" })).toBeVisible();
    await expect(status(page)).toContainText(/Änderungen in \d+ Versionen seit 5\.9\.2/);
    await page.getByLabel("Sprache").selectOption("English");
    await expect(page.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("keyboard: search from the keyboard and open a release", async ({ page, consoleErrors }) => {
    await page.goto("/releases");
    await expect(status(page)).toContainText("20 releases");
    await page.getByLabel("Search the release notes").focus();
    await page.keyboard.type("Server 2025");
    await page.keyboard.press("Enter");
    await expect(status(page)).toContainText("match “Server 2025”");
    const link = page.getByRole("article").first().getByRole("heading", { level: 2 }).getByRole("link");
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/releases\/\d+\.\d+\.\d+/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Version");
    await expect(page).toHaveTitle(/^\d+\.\d+\.\d+ · Releases · SMA Portal$/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calculator" }).click();
    await expect(page).toHaveTitle("SMA Portal");
    expect(consoleErrors).toEqual([]);
  });

  test("typing searches after a pause without losing keystrokes", async ({ page, consoleErrors }) => {
    await page.goto("/releases");
    await expect(status(page)).toContainText("20 releases");
    const box = page.getByLabel("Search the release notes");
    await box.pressSequentially("voi", { delay: 30 });
    await expect(page).toHaveURL(/[?&]q=voi(&|$)/);
    await box.pressSequentially("p", { delay: 30 });
    await expect(page).toHaveURL(/[?&]q=voip(&|$)/);
    await expect(box).toHaveValue("voip");
    await expect(status(page)).toContainText("match “voip”");
    // Back restores the previous search text in the box.
    await page.goBack();
    await expect(box).toHaveValue("");
    await expect(status(page)).toContainText("20 releases");
    expect(consoleErrors).toEqual([]);
  });

  test("an invalid filter in the URL shows the API's message", async ({ page }) => {
    // The 422 answer is logged by the browser; that is expected here.
    await page.goto("/releases?category=features");
    await expect(page.getByRole("alert")).toContainText("Unknown category `features`");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(status(page)).toContainText("20 releases");
  });
});

test.describe("one release", () => {
  test("a deep link loads directly and after a reload", async ({ page, consoleErrors }) => {
    await page.goto("/releases/5.10.0");
    const h1 = page.getByRole("heading", { level: 1 });
    await expect(h1).toContainText("Version 5.10.0");
    await expect(h1).toContainText("Line-crossing detection and archive index v3");
    await expect(page.getByText("14 Apr 2026")).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "2 breaking changes" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Operating system changes required" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Highlights" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "Added (3)" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Compatibility" })).toBeVisible();
    await expect(page.getByText("Windows Server 2025 (CU 2026-03 or later)")).toBeVisible();

    const files = page.getByRole("table", { name: "Files of version 5.10.0" });
    const server = files.getByRole("row").filter({ hasText: "vms-server-5.10.0-x64.exe" });
    await expect(server).toContainText("39.1 MB");
    await expect(server.locator("code")).toHaveText(/^[0-9a-f]{64}$/);
    await expect(page.getByText("Get-FileHash .\\vms-server-5.10.0-x64.exe -Algorithm SHA256")).toBeVisible();
    await expect(page.getByText("sha256sum vms-server-5.10.0-x64.exe")).toBeVisible();
    await expect(page.getByText(/Downloads are for customers whose Software Maintenance Agreement covers this release/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in to download." })).toHaveAttribute("href", "/account");
    await expect(page.getByRole("button", { name: /download/i })).toHaveCount(0);

    const other = page.getByRole("navigation", { name: "Other versions" });
    await expect(other.getByRole("link", { name: /Older version.*5\.9\.2/ })).toHaveAttribute("href", "/releases/5.9.2");
    await expect(other.getByRole("link", { name: /Newer version.*6\.0\.0-beta\.1/ })).toBeVisible();

    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Version 5.10.0");
    await other.getByRole("link", { name: /Older version/ }).click();
    await expect(page).toHaveURL(/\/releases\/5\.9\.2$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Version 5.9.2");
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Releases" }).click();
    await expect(page).toHaveURL(/\/releases$/);
    expect(consoleErrors).toEqual([]);
  });

  test("sizes use 40.0 MB style and German formats in German", async ({ page, consoleErrors }) => {
    await page.goto("/releases/6.1.2");
    const files = page.getByRole("table", { name: "Files of version 6.1.2" });
    await expect(files.getByRole("row").filter({ hasText: "vms-server-6.1.2-x64.exe" })).toContainText("40.0 MB");
    await page.getByLabel("Language").selectOption("Deutsch");
    await expect(page.getByRole("table", { name: "Dateien der Version 6.1.2" }).getByRole("row").filter({ hasText: "vms-server" })).toContainText(
      "40,0 MB",
    );
    await expect(page.getByText("20.04.2027")).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Änderungen" })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("an unknown version says so and links back", async ({ page }) => {
    // The 404 answer of the API is logged by the browser; that is expected here.
    await page.goto("/releases/9.9.9");
    await expect(page.getByRole("heading", { level: 1, name: "No release 9.9.9" })).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "All releases" }).click();
    await expect(page).toHaveURL(/\/releases$/);
    await expect(page.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible();
  });

  test("is usable on a 360 px phone", async ({ page, consoleErrors }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/releases/6.1.2");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("6.1.2");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.goto("/releases?view=compat");
    await expect(page.getByRole("table", { name: "Operating systems supported by each version" })).toBeVisible();
    const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(pageOverflow).toBeLessThanOrEqual(0);
    await page.goto("/releases");
    await expect(status(page)).toContainText("20 releases");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(consoleErrors).toEqual([]);
  });
});
