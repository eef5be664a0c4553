import { test, expect } from "./fixtures";
import { expectAxeClean } from "./axe";

// Worked example L2 (pricing.md section 9): a ProBox with 12 cameras, 1 client and 1 storage
// under a Maintenance Contract since 2019-06-01, fee basis 2,200.00, compared on 2027-04-15.
const CONFIG = "/?ed=probox&cam=12&m=client:1,storage:1&y=5";

test.describe("the calculator's Maintenance Contract starting point", () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(new Date("2027-04-15T10:00:00Z"));
  });

  test("extending against switching is compared with every amount explained, in English and German", async ({ page }) => {
    await page.goto(CONFIG);
    await page.getByLabel("I have a Maintenance Contract").check();
    await expect(page.getByText("Enter the contract's start, fee basis")).toBeVisible();
    await page.getByLabel("Contract since").fill("2019-06-01");
    await page.getByLabel("Fee basis").fill("2,200.00");
    await page.getByLabel("Covered until").fill("2027-05-31");

    const card = page.getByRole("region", { name: "Extend the Maintenance Contract or switch to the SMA" });
    await expect(card.getByTestId("legacy-total")).toHaveText("2,200.00\u00a0EUR");
    await expect(card.getByTestId("sma-total")).toContainText("\u00a0EUR");
    await expect(card.getByText("20 % of 2200.00 = 440.00").first()).toBeVisible();
    await expect(card.getByText("SMA 9 · 15 % of 2541.00 = 381.15")).toBeVisible();
    await expect(card).toContainText("381.15\u00a0EUR");
    await expect(card.getByTestId("legacy-saving")).toContainText("2200.00 − ");
    await expect(card.getByText("the SMA starts on 1 Jun 2027", { exact: false })).toBeVisible();
    await expect(card.getByText("Switch to the SMA").first()).toBeVisible();
    await expect(page).toHaveURL(/from=legacy&ls=2019-06-01&fb=2%2C200.00&te=2027-05-31/);
    await expectAxeClean(page);

    await page.getByLabel("Language").selectOption("de");
    const karte = page.getByRole("region", { name: "Wartungsvertrag verlängern oder zum SMA wechseln" });
    await expect(karte.getByTestId("legacy-total")).toHaveText("2.200,00\u00a0EUR");
    await expect(karte).toContainText("381,15\u00a0EUR");
    await expect(karte.getByTestId("legacy-saving")).toContainText("Der Wechsel spart");
    await expect(karte.getByText("20 % von 2.200,00 = 440,00").first()).toBeVisible();
    await expect(karte.getByText("SMA 9 · 15 % von 2.541,00 = 381,15")).toBeVisible();
    await expect(karte.getByTestId("legacy-saving")).toContainText("2.200,00 − ");
    await expect(karte).toContainText("Jahr 9 = 1 + 8 volle Jahre Wartungsvertrag (01.06.2019 – 31.05.2027). Mit aktivem SMA (ab 01.06.2027)");
    await expect(karte.getByText("beginnt das SMA am 01.06.2027", { exact: false })).toBeVisible();
    await expect(page.getByLabel("Gebührenbasis")).toHaveValue("2,200.00");
    await expectAxeClean(page);
  });

  test("on a 360 px phone the comparison scrolls in its own region, in English and German", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${CONFIG}&from=legacy&ls=2019-06-01&fb=2200&te=2027-05-31`);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await expect(page.getByRole("region", { name: "Extend the contract or switch to the SMA: the next 5 years" })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByLabel("Language").selectOption("de");
    await expect(page.getByRole("region", { name: "Vertrag verlängern oder zum SMA wechseln: die nächsten 5 Jahre" })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAxeClean(page);
  });

  test("a fee basis that is no amount is announced and marks its field", async ({ page }) => {
    await page.goto(`${CONFIG}&from=legacy&ls=2019-06-01&te=2027-05-31`);
    await page.getByLabel("Fee basis").fill("a lot");
    await expect(page.getByRole("alert")).toContainText("This contract cannot be compared");
    await expect(page.getByLabel("Fee basis")).toHaveAttribute("aria-invalid", "true");
    await expectAxeClean(page);
    await page.getByLabel("Fee basis").fill("2200");
    await expect(page.getByTestId("legacy-total")).toHaveText("2,200.00\u00a0EUR");
    await expect(page.getByLabel("Fee basis")).not.toHaveAttribute("aria-invalid", "true");
  });
});
