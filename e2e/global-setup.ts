import { existsSync } from "node:fs";

/** Waits until the e2e server has uploaded the demo artifacts (it touches a ready file). */
export default async function globalSetup() {
  const port = Number(process.env.E2E_PORT ?? 8788);
  const ready = `/tmp/sma-e2e-ready-${port}`;
  const deadline = Date.now() + 300_000;
  while (!existsSync(ready)) {
    if (Date.now() > deadline) throw new Error(`the e2e server never became ready (${ready})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
