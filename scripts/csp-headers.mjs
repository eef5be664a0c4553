// Writes <dist>/_headers: the security headers that `wrangler dev` and Cloudflare apply to the
// static assets, and a year's `immutable` caching for the files whose names carry their content
// hash (Trunk's JS, Wasm, CSS and favicon): a new build has new names, so a browser never asks
// for them again. The HTML keeps the assets' default (`public, max-age=0, must-revalidate`). Trunk's loader is an inline module script whose text changes with every build's
// file names, so the CSP allows it by its SHA-256 hash (computed here) instead of 'unsafe-inline'.
// Every HTML file of the dist (index.html: the calculator bundle, portal.html: the portal bundle)
// has its own loader; one policy for all paths lists the hashes of all of them.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2] ?? "app/dist";
const pages = readdirSync(dist).filter((f) => f.endsWith(".html")).sort();
if (!pages.includes("index.html")) throw new Error(`${dist}/index.html is missing`);
// The SHA-256 sources of every page's inline elements matched by `pattern` (text in group 1).
const inlineHashes = (pattern) => [
  ...new Set(
    pages.flatMap((page) =>
      [...readFileSync(join(dist, page), "utf8").matchAll(pattern)]
        .map((m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`),
    ),
  ),
];
const hashes = inlineHashes(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g);
// The style sheets are inlined into the pages (Trunk's `data-inline`), allowed by their hashes
// too: no 'unsafe-inline', so a style attribute or an injected <style> is still refused.
const styleHashes = inlineHashes(/<style\b[^>]*>([\s\S]*?)<\/style>/g);

const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  `style-src 'self' ${styleHashes.join(" ")}`.trim(),
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const headers = `/*
  Content-Security-Policy: ${csp}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Strict-Transport-Security: max-age=63072000; includeSubDomains
  X-Frame-Options: DENY
  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()
  Cross-Origin-Opener-Policy: same-origin
`;
const hashed = readdirSync(dist).filter((f) => /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css|svg)$/.test(f)).sort();
const immutable = hashed.map((f) => `/${f}\n  Cache-Control: public, max-age=31536000, immutable\n`).join("");
writeFileSync(join(dist, "_headers"), headers + immutable);
console.log(`_headers written with ${hashes.length} inline script and ${styleHashes.length} style hash(es) of ${pages.join(", ")}; ${hashed.length} hashed file(s) immutable`);
