import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

// Helpers of the accounts API tests: headers of same-origin writes, a fresh caller address per
// test (the rate limits count per IP address; Cloudflare sets CF-Connecting-IP, and wrangler
// dev passes the test's value through), signing in, reading the dev mailbox, and valid licence
// numbers that no installation has.

export const ANNA = { email: "anna@demo.example", password: "demo-anna-2026" };
export const BEN = { email: "ben@demo.example", password: "demo-ben-2026" };
export const LAB = { email: "lab@demo.example", password: "demo-lab-2026" };

/** The brand-new customer of the API tests (README, demo data): no users yet. */
export const NORDLICHT = { licence: "SMA-ZGG1-6E4C-G", contact: "it@nordlicht.example" };

/** A password-reset token of lab@demo.example that expired the day before the seed. */
export const EXPIRED_TOKEN = "dead".repeat(16);

let ipCounter = 0;

/** A caller address no other test uses (TEST-NET-2 with a per-run prefix). */
export function freshIp(): string {
  ipCounter += 1;
  const run = (process.pid + Math.floor(Math.random() * 200)) % 250;
  return `198.51.${run}.${ipCounter % 250}`;
}

/** A unique address at `domain`. */
export function freshEmail(name: string, domain = "example.com"): string {
  return `${name}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}@${domain}`;
}

/** Headers of a same-origin JSON write, from `ip`. */
export function writeHeaders(baseURL: string, ip?: string, extra: Record<string, string> = {}) {
  const h: Record<string, string> = { Origin: new URL(baseURL).origin, "Content-Type": "application/json", ...extra };
  if (ip) h["CF-Connecting-IP"] = ip;
  return h;
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookie(res: APIResponse): string {
  const cookie = (res.headers()["set-cookie"] ?? "").split(";")[0];
  expect(cookie).toMatch(/^__Host-sma_session=[0-9a-f]{64}$/);
  return cookie;
}

/** Signs in and answers the session cookie. */
export async function signIn(request: APIRequestContext, baseURL: string, creds: { email: string; password: string }) {
  const res = await request.post("/api/session", { data: creds, headers: writeHeaders(baseURL) });
  expect(res.status(), `sign-in of ${creds.email}`).toBe(200);
  return sessionCookie(res);
}

export interface MailboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  lang: "en" | "de";
  kind: string;
  created_at: string;
}

/** The messages delivered to `to`, newest first. */
export async function mailbox(request: APIRequestContext, to: string): Promise<MailboxMessage[]> {
  const res = await request.get(`/api/dev/mailbox?to=${encodeURIComponent(to)}`);
  expect(res.status()).toBe(200);
  return (await res.json()).messages;
}

/**
 * Waits (up to 10 s) until `to` has `count` messages of `kind` (that `about` accepts, when
 * given); answers them, newest first.
 */
export async function waitForMail(
  request: APIRequestContext,
  to: string,
  kind: string,
  count = 1,
  about: (m: MailboxMessage) => boolean = () => true,
): Promise<MailboxMessage[]> {
  let found: MailboxMessage[] = [];
  await expect
    .poll(
      async () => {
        found = (await mailbox(request, to)).filter((m) => m.kind === kind && about(m));
        return found.length;
      },
      { message: `${count} ${kind} message(s) to ${to}`, timeout: 10_000 },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

/** The one-time token in a message's link (`/account/token?token=…`). */
export function tokenIn(message: MailboxMessage, decision?: "approve" | "decline"): string {
  const pattern = decision
    ? new RegExp(`/account/token\\?token=([0-9a-f]{64})&decision=${decision}`)
    : /\/account\/token\?token=([0-9a-f]{64})/;
  const match = pattern.exec(message.text);
  expect(match, `a token link in ${message.subject}`).not.toBeNull();
  return match![1];
}

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A valid licence number (Luhn mod 32 check character) for eight payload characters. */
export function licenceNumber(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (const ch of payload.split("").reverse()) {
    const addend = factor * ALPHABET.indexOf(ch);
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / 32) + (addend % 32);
  }
  const check = ALPHABET[(32 - (sum % 32)) % 32];
  return `SMA-${payload.slice(0, 4)}-${payload.slice(4)}-${check}`;
}

/** A valid licence number that no seeded installation has. */
export function unknownLicence(): string {
  const payload = Array.from({ length: 8 }, () => ALPHABET[Math.floor(Math.random() * 32)]).join("");
  return licenceNumber(`W${payload.slice(1)}`);
}

/** The admin token of `.dev.vars`. */
export function adminToken(): string {
  const vars = readFileSync(join(__dirname, "..", ".dev.vars"), "utf8");
  return /^ADMIN_TOKEN=(.*)$/m.exec(vars)![1].trim();
}

/** `iso` plus `days` (YYYY-MM-DD). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The q-quantile (0–1) of some numbers, nearest rank. */
export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export function base(): string {
  return String(test.info().project.use.baseURL);
}

export function post(request: APIRequestContext, path: string, data: unknown, ip = freshIp(), cookie?: string) {
  const headers = writeHeaders(base(), ip, cookie ? { cookie } : {});
  return request.post(path, { data, headers });
}

export async function redeem(request: APIRequestContext, token: string, password: string, ip = freshIp()) {
  return post(request, "/api/tokens/redeem", { token, password }, ip);
}

/** Invites `email` as `role` with the admin's session and lets them set `password`. */
export async function colleague(request: APIRequestContext, admin: string, email: string, role: string, password: string) {
  const invited = await post(request, "/api/users/invitations", { email, role }, undefined, admin);
  expect(invited.status()).toBe(202);
  const [mail] = await waitForMail(request, email, "invitation");
  const res = await redeem(request, tokenIn(mail), password);
  expect(res.status()).toBe(200);
  expect((await res.json()).user.role).toBe(role);
  return sessionCookie(res);
}
