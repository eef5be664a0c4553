// What a page of the portal loads later, brotli -q 11: each module the split loader
// (portal-split-….js, scripts/split-portal.mjs) fetches for one entry (`later::entry!`), with the
// shared parts it needs. The signed-in pages' content is `signed-in-page`; its figure plus the
// page's first load is what a signed-in customer's first visit of `/account` loads.
//   node scripts/later-weight.mjs app/dist
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "app/dist";
const loaderFile = readdirSync(dist).find((f) => /^portal-split-[0-9a-f]+\.js$/.test(f));
if (!loaderFile) throw new Error(`later-weight: no portal-split-….js in ${dist}`);
const loader = readFileSync(join(dist, loaderFile), "utf8");
const brotli = (f) => brotliCompressSync(readFileSync(join(dist, f)), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
}).length;
// A shared part is `NAME = makeLoad(() => { … fetch(new URL("./portal-chunk-….wasm", …)) … }, [])`,
// an entry's module `… makeLoad(() => { … fetch(new URL("./FILE", …)) … }, [NAMES of its parts])`.
const file = Object.fromEntries([...loader.matchAll(
  /([\w$]+)\s*=\s*[\w$]+\(\s*\(\)\s*=>\s*\{\s*const\s+[\w$]+\s*=\s*fetch\(new URL\("\.\/(portal-chunk-[^"]+)"/g,
)].map(([, name, f]) => [name, f]));
const entries = [...loader.matchAll(/fetch\(new URL\("\.\/((?!portal-chunk-)[^"]+)"[\s\S]*?\},\s*\[([\w$,\s]*)\]\)/g)]
  .map(([, f, deps]) => [f, deps]);
if (entries.length === 0) throw new Error(`later-weight: no module to load later in ${loaderFile}`);
for (const [f, deps] of entries) {
  const parts = [f, ...deps.split(",").map((d) => d.trim()).filter(Boolean).map((d) => file[d])];
  if (parts.includes(undefined)) throw new Error(`later-weight: a part of ${f} is not in ${loaderFile}`);
  const total = parts.reduce((sum, p) => sum + brotli(p), 0);
  const entry = f.replace(/^portal-/, "").replace(/-[0-9a-f]+\.wasm$/, "");
  console.log(`${entry.padEnd(24)} ${String(parts.length).padStart(2)} file(s) ${String(total).padStart(8)} B`);
}
