// Splits the portal's Wasm after Trunk has built it: each entry of code loaded later
// (`later::entry!` in app/src: the signed-in pages' content, the getting-in pages, the changes,
// a release page's installation cards) becomes a module of its own, with the parts entries share
// in modules of their own, which the browser fetches on an entry's first call; the release
// browser and the sign-in form load the rest alone. Trunk cannot split, so this redoes its last
// steps on cargo's output:
// `wasm-split-cli` (the module per split point and the `__wasm_split.js` loader that fetches
// them), `wasm-bindgen --keep-lld-exports` on the main module (the parts import its memory,
// table and functions), `wasm-opt -Oz` on each module as Trunk's `data-wasm-opt="z"` does.
// Every file is named by its content's hash (served `immutable`), the references between them
// rewritten, and the page Trunk wrote (DIST/portal.html) names the new files with their
// integrity and preloads the loader beside the glue; the loader fetches each module with its
// integrity too.
//   node scripts/split-portal.mjs app/dist-portal TARGET/wasm32-unknown-unknown/release/portal.wasm
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const [dist, input] = process.argv.slice(2);
if (!dist || !input) throw new Error("usage: split-portal.mjs DIST CARGO_PORTAL_WASM");
const work = mkdtempSync(join(tmpdir(), "split-portal-"));
const hash = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
const replaceAll = (text, from, to) => {
  if (!text.includes(from)) throw new Error(`split-portal: "${from}" not found`);
  return text.split(from).join(to);
};

try {
  const split = join(work, "split");
  const bg = join(work, "bg");
  await run("wasm-split-cli", [input, split, "--out-name", "portal"]);
  await run("wasm-bindgen", ["--target=web", "--no-typescript", "--keep-lld-exports",
    "--out-name=portal", `--out-dir=${bg}`, join(split, "portal.wasm")]);
  const parts = readdirSync(split).filter((f) => f.endsWith(".wasm") && f !== "portal.wasm");
  if (parts.length === 0) throw new Error("split-portal: wasm-split-cli made no module to load later");
  const modules = [join(bg, "portal_bg.wasm"), ...parts.map((f) => join(split, f))];
  // WASM_NAMES=1 keeps the functions' names (a profile then names them; the modules are larger).
  const keepNames = process.env.WASM_NAMES === "1" ? ["-g"] : [];
  await Promise.all(modules.map((m) => run("wasm-opt", ["-Oz", ...keepNames, m, "-o", m])));

  // The loaded-later modules, named by their own content.
  let loader = readFileSync(join(split, "__wasm_split.js"), "utf8");
  const written = {};
  for (const part of parts) {
    const bytes = readFileSync(join(split, part));
    // split_signed_in_page.wasm, chunk_3.wasm → portal-signed-in-page-HASH.wasm, portal-chunk-HASH.wasm
    const stem = part.replace(/\.wasm$/, "").replace(/^split_/, "").replace(/_\d+$/, "").replace(/_/g, "-");
    const name = `portal-${stem}-${hash(bytes)}.wasm`;
    // Fetched with its integrity, as the page fetches the main module.
    loader = replaceAll(loader, `new URL("./${part}", import.meta.url))`,
      `new URL("./${name}", import.meta.url), { integrity: "${sri(bytes)}" })`);
    written[name] = bytes;
  }
  // The main module, its glue and the loader share one name: the hash of all three's content.
  const wasm = readFileSync(join(bg, "portal_bg.wasm"));
  const glue = readFileSync(join(bg, "portal.js"), "utf8");
  const id = hash(Buffer.concat([wasm, Buffer.from(glue), Buffer.from(loader)]));
  const names = { wasm: `portal-${id}_bg.wasm`, glue: `portal-${id}.js`, loader: `portal-split-${id}.js` };
  written[names.wasm] = wasm;
  written[names.glue] = replaceAll(glue, `from "./__wasm_split.js"`, `from "./${names.loader}"`);
  written[names.loader] = replaceAll(loader, `from "./portal.js"`, `from "./${names.glue}"`);

  // The page: Trunk's names and integrity replaced, the loader preloaded with the glue.
  const page = join(dist, "portal.html");
  let html = readFileSync(page, "utf8");
  const old = html.match(/\/(portal-[0-9a-f]+)\.js/)?.[1];
  if (!old) throw new Error("split-portal: portal.html names no portal-….js");
  const integrity = (file, value) => {
    const link = new RegExp(`(href="/${file.replace(/\./g, "\\.")}"[^>]*integrity=")[^"]+"`);
    if (!link.test(html)) throw new Error(`split-portal: portal.html has no integrity for ${file}`);
    html = html.replace(link, `$1${value}"`);
  };
  integrity(`${old}.js`, sri(written[names.glue]));
  integrity(`${old}_bg.wasm`, sri(wasm));
  html = replaceAll(html, `/${old}_bg.wasm`, `/${names.wasm}`);
  html = replaceAll(html, `/${old}.js`, `/${names.glue}`);
  const glueLink = html.match(new RegExp(`<link rel="modulepreload" href="/${names.glue}"[^>]*>`))?.[0];
  if (!glueLink) throw new Error("split-portal: portal.html does not preload the glue");
  const loaderLink = glueLink.replace(names.glue, names.loader).replace(/integrity="[^"]+"/, `integrity="${sri(written[names.loader])}"`);
  html = html.replace(glueLink, `${glueLink}\n${loaderLink}`);

  for (const f of readdirSync(dist).filter((f) => f.startsWith(`${old}`))) rmSync(join(dist, f));
  for (const [name, content] of Object.entries(written)) writeFileSync(join(dist, name), content);
  writeFileSync(page, html);
  for (const name of Object.keys(written)) {
    const bytes = Buffer.byteLength(written[name]);
    console.log(`split-portal: ${name} ${bytes} B`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
