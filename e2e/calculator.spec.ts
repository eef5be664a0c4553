import { test, expect } from "./fixtures";

const A = "/?ed=probox&cam=12&m=client:1,storage:1&ld=2026-03-10&sma=with&term=1&y=5";

test.describe("the cost calculator", () => {
  test("worked example A: licences and five SMA years on screen", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("ProBox").check();
    await page.getByRole("spinbutton", { name: "Cameras" }).fill("12");
    await page.getByRole("spinbutton", { name: "Client workstation" }).fill("1");
    await page.getByRole("spinbutton", { name: "NAS/SAN storage connector" }).fill("1");
    await page.getByLabel("Licence date").fill("2026-03-10");
    await page.getByLabel("With the software (no extra charge)").check();
    await page.getByLabel("Horizon").selectOption("5");
    await expect(page.getByTestId("licence-total")).toHaveText("2,461.00\u00a0EUR");
    const schedule = page.getByRole("table").filter({ hasText: "Rate" });
    for (const amount of ["467.59", "457.38", "431.97", "406.56", "381.15"]) {
      await expect(schedule).toContainText(`${amount}\u00a0EUR`);
    }
    await expect(page.getByTestId("total-over-years")).toHaveText("4,605.65\u00a0EUR");
    await expect(page).toHaveURL(/cam=12/);
  });

  test("once loaded it keeps recalculating without a network", async ({ page, context }) => {
    await page.goto(A);
    await expect(page.getByTestId("licence-total")).toHaveText("2,461.00\u00a0EUR");
    await context.setOffline(true);
    await page.getByRole("spinbutton", { name: "Cameras" }).fill("20");
    await expect(page.getByTestId("licence-total")).toHaveText("3,093.00\u00a0EUR");
    await page.getByLabel("Later, with back-pay and a reinstatement fee").check();
    await page.getByLabel("SMA order date").fill("2026-09-01");
    await expect(page.getByText("175 uncovered days", { exact: false })).toBeVisible();
    await context.setOffline(false);
  });

  test("every amount shows how it was computed", async ({ page }) => {
    await page.goto(A);
    await page.getByText("467.59\u00a0EUR").first().click();
    await expect(page.getByText("19 % of 2,461.00 = 467.59")).toBeVisible();
    await page.getByText("632.00\u00a0EUR", { exact: true }).click();
    await expect(page.getByText("8 × 79.00 = 632.00")).toBeVisible();
  });

  test("worked example B: back-pay and fee when the SMA is bought later", async ({ page }) => {
    await page.goto(A);
    await page.getByLabel("Later, with back-pay and a reinstatement fee").check();
    await page.getByLabel("SMA order date").fill("2026-09-01");
    await expect(page.getByText("224.19\u00a0EUR")).toBeVisible();
    await expect(page.getByText("175 uncovered days", { exact: false })).toBeVisible();
    await expect(page.getByText("100.00\u00a0EUR").first()).toBeVisible();
    await page.getByText("224.19\u00a0EUR").click();
    await expect(page.getByText("2,461.00 × 19 % × 175 / 365 = 224.19")).toBeVisible();
  });

  test("worked example C: a 3-year term with the discount", async ({ page }) => {
    await page.goto("/?ed=professional&cam=40&m=archive:1,voip:1,analytics:10&ld=2026-11-15&sma=with&term=3&y=3");
    await expect(page.getByTestId("licence-total")).toHaveText("11,978.00\u00a0EUR");
    for (const amount of ["2,162.03", "2,118.35", "2,000.66"]) {
      await expect(page.getByText(`${amount}\u00a0EUR`)).toBeVisible();
    }
    await expect(page.getByText("6,281.04\u00a0EUR").first()).toBeVisible();
  });

  test("the URL reproduces the quote exactly", async ({ page, context }) => {
    await page.goto(A);
    await page.getByRole("spinbutton", { name: "Retail POS connector" }).fill("2");
    await page.getByLabel("3 years prepaid (5 % off every year)").check();
    const total = await page.getByTestId("total-over-years").textContent();
    const url = page.url();
    expect(url).toContain("pos:2");
    const other = await context.newPage();
    await other.goto(url);
    await expect(other.getByTestId("total-over-years")).toHaveText(total!);
    await expect(other.getByRole("spinbutton", { name: "Retail POS connector" })).toHaveValue("2");
    await expect(other.getByLabel("3 years prepaid (5 % off every year)")).toBeChecked();
    await expect(page.getByLabel("Link to this quote")).toHaveValue(url);
  });

  test("German formats numbers, currency and dates, and is remembered", async ({ page }) => {
    await page.goto(A);
    await page.getByLabel("Language").selectOption("de");
    await expect(page.getByRole("heading", { level: 1, name: "SMA-Kostenrechner" })).toBeVisible();
    await expect(page.getByTestId("licence-total")).toHaveText("2.461,00\u00a0EUR");
    await expect(page.getByText("10.03.2026 – 09.03.2027")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("total-over-years")).toHaveText("4.605,65\u00a0EUR");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await page.getByLabel("Sprache").selectOption("en");
    await expect(page.getByTestId("licence-total")).toHaveText("2,461.00\u00a0EUR");
  });

  test("a module the edition cannot have is unavailable, with the edition that has it", async ({ page }) => {
    await page.goto(A);
    const voip = page.getByRole("spinbutton", { name: "VoIP / SIP integration" });
    await expect(voip).toBeDisabled();
    await expect(page.getByText("Not available in ProBox. Available in Professional, Enterprise.").first()).toBeVisible();
    await page.getByRole("button", { name: "Switch to Professional" }).first().click();
    await expect(page.getByLabel("Professional")).toBeChecked();
    await expect(voip).toBeEnabled();
  });

  test("too many cameras for ProBox explains the limit and switches in one click", async ({ page }) => {
    await page.goto(A);
    await page.getByRole("spinbutton", { name: "Cameras" }).fill("40");
    const alert = page.getByRole("alert").filter({ has: page.getByRole("button", { name: "Switch to Professional" }) });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("ProBox allows at most 32 cameras");
    await alert.getByRole("button", { name: "Switch to Professional" }).click();
    await expect(page.getByLabel("Professional")).toBeChecked();
    await expect(page.getByTestId("licence-total")).toHaveText("7,837.00\u00a0EUR");
  });

  test("the upgrade preview shows the credit an active SMA earns", async ({ page }) => {
    await page.goto(A + "&up=enterprise&uy=2");
    await expect(page.getByTestId("upgrade-with")).toBeVisible();
    await expect(page.getByText("− 2,461.00\u00a0EUR")).toBeVisible();
    await expect(page.getByTestId("upgrade-without")).toHaveText("9,735.00\u00a0EUR");
    await expect(page.getByTestId("verdict")).toContainText("pays for itself");
    await expect(page.getByRole("img", { name: "Cumulative cost by year" })).toBeVisible();
  });

  test("a binding quote from the server matches the figures on screen", async ({ page }) => {
    await page.goto(A);
    await page.getByRole("button", { name: "Get a binding quote" }).click();
    await expect(page.getByRole("status")).toContainText("the server computed exactly the same figures, price book 2026");
  });

  test("the server's answer is compared as JSON: key order does not matter, other figures are shown", async ({ page }) => {
    // The calculator bundle reads the answer with JSON.parse (no serde deserializer): check that
    // an equal answer with its keys in another order still matches, and that other figures win.
    const reorder = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reorder)
        : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)]))
        : v;
    let tamper = false;
    await page.route("**/api/quotes/new", async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      if (tamper) {
        body.licence_total = "2999.00";
        body.total_over_years = "5143.65";
      }
      await route.fulfill({ status: res.status(), json: reorder(body) });
    });
    await page.goto(A);
    const ask = page.getByRole("button", { name: "Get a binding quote" });
    await ask.click();
    await expect(page.getByRole("status")).toContainText("exactly the same figures, price book 2026");
    tamper = true;
    await ask.click();
    const alert = page.getByRole("alert").filter({ hasText: "figures differ" });
    await expect(alert).toContainText("licence total 2,999.00\u00a0EUR");
    await expect(alert).toContainText("total over the years 5,143.65\u00a0EUR");
  });

  test("an error answer of the server is shown with its message", async ({ page }) => {
    await page.route("**/api/quotes/new", (route) =>
      route.fulfill({ status: 503, json: { error: { code: "unavailable", message: "Pricing is paused for maintenance." } } }),
    );
    await page.goto(A);
    await page.getByRole("button", { name: "Get a binding quote" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Pricing is paused for maintenance." })).toBeVisible();
  });

  test("the print view is a clean one-page quote with date and price book", async ({ page }) => {
    await page.goto(A);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByText(/Quote of .* price book 2026/)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(page.getByRole("spinbutton", { name: "Cameras" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Get a binding quote" })).toBeHidden();
    await expect(page.getByTestId("licence-total")).toBeVisible();
  });

  test("works with the keyboard alone", async ({ page }) => {
    await page.goto(A);
    await page.getByRole("spinbutton", { name: "Cameras" }).focus();
    await page.keyboard.press("ArrowUp");
    await expect(page).toHaveURL(/cam=13/);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("spinbutton", { name: "Client workstation" })).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(page).toHaveURL(/client:2/);
    await page.getByLabel("No SMA").focus();
    await page.keyboard.press("ArrowUp");
    await expect(page.getByLabel("Later, with back-pay and a reinstatement fee")).toBeChecked();
    await page.getByRole("button", { name: "Get a binding quote" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toContainText("exactly the same figures");
  });

  test("recalculation time is measured in the browser", async ({ page }) => {
    await page.goto(A);
    const ms = Number(await page.locator("#calc-time").getAttribute("data-ms"));
    expect(ms).toBeGreaterThanOrEqual(0);
    console.log(`recalculation: ${ms} ms`);
  });

  test("fits a 360 px phone without horizontal scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(A);
    await expect(page.getByTestId("licence-total")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
