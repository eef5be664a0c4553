import type { APIRequestContext } from "@playwright/test";
import { createHash, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

// The operator's endpoints as the API tests call them: admin tokens, release records,
// withdrawal.

/** The named admin tokens of .dev.vars (`ADMIN_TOKENS=name:token,...`). */
export function tokens(): Record<string, string> {
  const vars = readFileSync(join(__dirname, "..", ".dev.vars"), "utf8");
  const list = /^ADMIN_TOKENS=(.*)$/m.exec(vars)![1].trim();
  return Object.fromEntries(list.split(",").map((entry) => entry.trim().split(":") as [string, string]));
}

export function as(name: string, extra: Record<string, string> = {}) {
  return { authorization: `Bearer ${tokens()[name]}`, ...extra };
}

export const json = (name = "ops") => as(name, { "Content-Type": "application/json" });
export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
export const today = () => new Date().toISOString().slice(0, 10);
/** A version no other test (or retry) uses. */
export const freshVersion = () => `9.${randomInt(1, 1_000_000_000)}.0`;

export function release(version: string, files: { name: string; bytes: Buffer }[], title = `Release ${version}`) {
  return {
    version,
    date: today(),
    channel: "stable",
    title,
    summary: "A release of the operating tests.",
    highlights: [],
    notes: [{ category: "fixed", text: "A fix.", modules: [], areas: ["server"], breaking: false, os_change: false }],
    compatibility: { os: ["Windows 11 24H2"], virus_scanners: [], driver_pack: "DP 2027.06" },
    artifacts: files.map((f, i) => ({
      id: `${version}-${i}`,
      name: f.name,
      platform: "windows-x64",
      kind: "installer",
      size: f.bytes.length,
      sha256: sha256(f.bytes),
    })),
  };
}

export function publish(request: APIRequestContext, body: ReturnType<typeof release>, dryRun = false, who = "ops") {
  return request.put(`/api/admin/releases/${body.version}`, { data: { release: body, dry_run: dryRun }, headers: json(who) });
}

export function withdraw(request: APIRequestContext, version: string, reason = "Withdrawn by the operating tests.", who = "ops") {
  return request.put(`/api/admin/releases/${version}/withdrawal`, { data: { reason }, headers: json(who) });
}
