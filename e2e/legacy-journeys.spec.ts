import { test, expect } from "./fixtures";
import { origin, signInPage as signIn } from "./customer-api";

// The portal's journeys of issue 16: clara (two legacy Maintenance Contracts) extends the one
// ending soon and, after comparing, switches the other to the SMA; a prospect asks sales from
// the calculator in German and the confirmation arrives in German.

const CLARA = { email: "clara@demo.example", password: "demo-clara-2026" };

test.describe("legacy Maintenance Contracts in the portal", () => {
  test("clara extends the contract that ends soon, then compares and switches the other to the SMA", async ({ page }) => {
    await signIn(page, CLARA);

    const munich = page.getByRole("article", { name: "Store Munich" });
    const contract = munich.getByRole("region", { name: "Maintenance Contract" });
    await expect(contract).toContainText("2,200.00\u00a0EUR");
    await expect(contract).toContainText("440.00\u00a0EUR");
    await expect(contract).toContainText("it never renews by itself");
    const until = contract.locator("dt", { hasText: /^Covered until$/ }).locator("xpath=following-sibling::dd");
    const before = await until.innerText();
    await munich.getByRole("button", { name: "Extend the contract" }).click();
    await munich.getByRole("form", { name: "Extend the contract" }).getByRole("button", { name: "Show price" }).click();
    const quote = munich.getByRole("region", { name: "Quote" });
    await expect(quote).toContainText("20 % of 2200.00 = 440.00");
    await quote.getByRole("button", { name: /^Confirm order/ }).click();
    await expect(munich.getByRole("status").filter({ hasText: "Order placed:" })).toBeVisible();
    await expect(until).not.toHaveText(before);

    const augsburg = page.getByRole("article", { name: "Warehouse Augsburg" });
    const compare = augsburg.getByRole("table", { name: /Extend the contract or switch to the SMA/ });
    await expect(compare.getByRole("row")).toHaveCount(7);
    await expect(compare).toContainText("20 % of 6100.00 = 1220.00");
    await expect(augsburg).toContainText("Switch to the SMA: it starts on");
    await augsburg.getByRole("button", { name: "Switch to the SMA" }).click();
    const form = augsburg.getByRole("form", { name: "Switch to the SMA" });
    await form.getByLabel("1 year").check();
    await form.getByRole("button", { name: "Show price" }).click();
    const switchQuote = augsburg.getByRole("region", { name: "Quote" });
    await expect(switchQuote).toContainText(/\d+ % of \d+\.\d\d = \d+\.\d\d/);
    await expect(switchQuote).not.toContainText("Back-pay");
    await switchQuote.getByRole("button", { name: /^Confirm order/ }).click();
    await expect(augsburg.getByRole("status").filter({ hasText: "Order placed:" })).toBeVisible();
    await expect(augsburg.getByRole("region", { name: "Maintenance Contract" })).toContainText("Switched to the SMA");
    await expect(augsburg.locator(".acct-status .badge")).toHaveText(/Active/);
  });
});

test.describe("asking sales", () => {
  test("a prospect asks sales from the calculator in German and the confirmation arrives in German", async ({ page }) => {
    await page.goto("/?ed=probox&cam=12&m=client:1&ld=2026-03-10&sma=with&term=1&y=5");
    await page.getByLabel("Language").selectOption("de");
    await page.getByText("Vertrieb dazu fragen").click();
    const form = page.getByRole("form", { name: "Vertrieb dazu fragen" });
    const email = `eva-${Date.now()}@prospect.example`;
    await form.getByLabel("Name").fill("Eva Berger");
    await form.getByLabel("Firma").fill("Berger Bau GmbH");
    await form.getByLabel("E-Mail").fill(email);
    await form.getByLabel("Ihre Frage").fill("Bitte ein Angebot für zwei Standorte.");
    await form.getByLabel("Der Vertrieb darf mich zu dieser Anfrage kontaktieren.").check();
    await form.getByRole("button", { name: "An den Vertrieb senden" }).click();
    const done = page.getByRole("status").filter({ hasText: "Vielen Dank. Ihre Anfrage" });
    await expect(done).toBeVisible();
    const id = /sr_[0-9a-f]{16}/.exec(await done.innerText())![0];

    let messages: { kind: string; lang: string; subject: string; text: string }[] = [];
    for (let i = 0; i < 40 && messages.length === 0; i++) {
      messages = (await (await fetch(`${origin()}/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json()).messages;
      if (messages.length === 0) await page.waitForTimeout(250);
    }
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: "sales_confirmation", lang: "de", subject: `Ihre Anfrage ${id} an unseren Vertrieb` });
    expect(messages[0].text).toContain("Lizenzen 2.071,00\u00a0EUR netto");
  });
});
