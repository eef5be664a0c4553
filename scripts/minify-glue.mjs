// Minifies the wasm-bindgen glue (the JS file Trunk writes next to each bundle's Wasm) with
// esbuild, which Trunk's own JS minifier cannot parse, and writes the new files' integrity
// (SRI, sha384) into every HTML file of the dist that named the old one. Run after Trunk.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";

const dist = process.argv[2] ?? "app/dist";
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
const pages = readdirSync(dist).filter((f) => f.endsWith(".html"));
const glue = readdirSync(dist).filter((f) => /-[0-9a-f]{8,16}\.js$/.test(f));
let html = Object.fromEntries(pages.map((p) => [p, readFileSync(join(dist, p), "utf8")]));
for (const file of glue) {
  const source = readFileSync(join(dist, file));
  const { code } = transformSync(source.toString("utf8"), { minify: true, format: "esm", target: "es2020" });
  writeFileSync(join(dist, file), code);
  const [before, after] = [sri(source), sri(code)];
  for (const p of pages) html[p] = html[p].split(before).join(after);
  console.log(`${file}: ${source.length} -> ${Buffer.byteLength(code)} B`);
}
for (const p of pages) writeFileSync(join(dist, p), html[p]);
