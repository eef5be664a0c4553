// Writes a page of the portal bundle for each frame in app/frames/ (`releases.html` →
// <dist>/releases.html, which Workers assets serve at `/releases`): the built portal.html (its
// loader, preloads and style sheets, with their integrity) with the frame as its body, so the
// page paints its layout and largest text before the Wasm arrives. Run after minify-assets.mjs
// (the integrity values are final) and before csp-headers.mjs (which hashes every page's loader).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2] ?? "app/dist";
const frames = process.argv[3] ?? "app/frames";
const portal = readFileSync(join(dist, "portal.html"), "utf8");
if (!/<body>\s*<\/body>/.test(portal)) throw new Error(`${dist}/portal.html has no empty <body>`);
for (const name of readdirSync(frames).filter((f) => f.endsWith(".html"))) {
  const frame = readFileSync(join(frames, name), "utf8");
  writeFileSync(join(dist, name), portal.replace(/<body>\s*<\/body>/, () => `<body>\n${frame}  </body>`));
  console.log(`${dist}/${name}: portal.html with the frame of ${frames}/${name}`);
}
