import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * SQL against the e2e server's local D1, through `wrangler d1 execute` on its state folder
 * (scripts/e2e-server.sh writes where it is): for states the API cannot create (an installation
 * whose edition left the price book), faults injected into D1 itself (a trigger that fails a
 * statement of a batch) and reconciling what was written. About 2 s a call: one call may carry
 * several statements separated by `;`. Answers the rows of each statement.
 */
export function d1(sql: string): Record<string, unknown>[][] {
  const port = Number(process.env.E2E_PORT ?? 8788);
  const state = readFileSync(`/tmp/sma-e2e-state-${port}`, "utf8").trim();
  const root = join(__dirname, "..");
  const out = execFileSync(
    join(root, "node_modules", ".bin", "wrangler"),
    ["d1", "execute", "DB", "--local", "--persist-to", state, "--json", "--command", sql],
    { cwd: root, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  return (JSON.parse(out) as { results: Record<string, unknown>[] }[]).map((r) => r.results);
}

/** A text as an SQL string literal. */
export const sql = (text: string) => `'${text.replace(/'/g, "''")}'`;
