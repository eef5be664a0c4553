// A repeat visit of a page with everything in the browser cache: loads the page once, then
// opens it again in a new tab of the same browser profile (a navigation, not a reload, which
// would revalidate everything) and counts the requests of the second visit that went to the
// server (not served from the memory or disk cache). Prints `requests: N (paths)`.
//   node scripts/repeat-visit.mjs http://127.0.0.1:8787/
import { chromium } from "@playwright/test";

const url = process.argv[2] ?? "http://127.0.0.1:8787/";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const context = await browser.newContext();
const first = await context.newPage();
await first.goto(url, { waitUntil: "networkidle" });
await first.close();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Network.enable");
const network = new Map();
cdp.on("Network.requestWillBeSent", (e) => network.set(e.requestId, new URL(e.request.url).pathname));
cdp.on("Network.requestServedFromCache", (e) => network.delete(e.requestId));
cdp.on("Network.responseReceived", (e) => {
  if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) network.delete(e.requestId);
});
await page.goto(url, { waitUntil: "networkidle" });
await browser.close();
const paths = [...network.values()];
console.log(`requests: ${paths.length} (${paths.join(" ")})`);
