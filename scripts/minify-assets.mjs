// Minifies the hashed JS and CSS of the dist with esbuild after Trunk (the wasm-bindgen glue,
// which Trunk's own JS minifier cannot parse, and the style sheets) and writes the new files'
// integrity (SRI, sha384) into every HTML file that named the old one, and the style sheets
// inlined into the pages. The HTML itself is left
// as Trunk writes it (quoted attributes, which the tests and page-weight.sh read).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";

const dist = process.argv[2] ?? "app/dist";
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
const pages = readdirSync(dist).filter((f) => f.endsWith(".html"));
const assets = readdirSync(dist).filter((f) => /-[0-9a-f]{8,16}\.(js|css)$/.test(f));
const html = Object.fromEntries(pages.map((p) => [p, readFileSync(join(dist, p), "utf8")]));
for (const file of assets) {
  const source = readFileSync(join(dist, file));
  const options = file.endsWith(".css") ? { loader: "css" } : { format: "esm", target: "es2020" };
  const { code } = transformSync(source.toString("utf8"), { minify: true, ...options });
  writeFileSync(join(dist, file), code);
  const [before, after] = [sri(source), sri(code)];
  for (const p of pages) html[p] = html[p].split(before).join(after);
  console.log(`${file}: ${source.length} -> ${Buffer.byteLength(code)} B`);
}
// The style sheets Trunk inlines into the pages (`data-inline`: the first paint waits for no
// request but the HTML's own), minified the same way; csp-headers.mjs allows them by hash.
for (const p of pages) {
  html[p] = html[p].replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/g, (_, open, css, close) =>
    open + transformSync(css, { loader: "css", minify: true }).code.trim() + close);
}
for (const p of pages) writeFileSync(join(dist, p), html[p]);
