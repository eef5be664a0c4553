// Writes the frame each page paints before its Wasm arrives into the built pages: for each
// app/frames/NAME.html (a page's <main>) the shell app/frames/_shell.html around it, as the
// <body> of <dist>/NAME.html. `index.html` is the calculator's own page (`/`); any other name
// is a copy of the built portal.html (its loader, preloads and style sheets, with their
// integrity) served by Workers assets at `/NAME` (releases.html at `/releases`). Run after
// minify-assets.mjs (the integrity values are final) and before csp-headers.mjs.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2] ?? "app/dist";
const frames = process.argv[3] ?? "app/frames";
// The frames' comments and line breaks are for whoever edits them, not sent with every page
// (the app renders no white space between elements either); the release page's slot
// (`<!--release-frame-->`, which the Worker fills) stays.
const uncommented = (html) =>
  html.replace(/[ \t]*<!--(?!release-frame-->)[\s\S]*?-->\n?/g, "").replace(/>\s*\n\s*</g, "><").trim();
const shell = uncommented(readFileSync(join(frames, "_shell.html"), "utf8"));
const emptyBody = /<body>\s*<\/body>/;

// A header link's attributes on the page at `path`, as the app's header renders them: the
// page's own link is current, links into the other bundle are full page loads.
const calculatorOwns = (href) => href === "/";
function navAttributes(href, path) {
  const own = calculatorOwns(path);
  if (href === "/brand") return own ? "" : ' rel="external"';
  if (href === path) return ' aria-current="page"';
  return calculatorOwns(href) === own ? "" : ' rel="external"';
}

// release.html is the page of every release (`/releases/{version}`): the Worker writes the
// release's breadcrumb, heading and lead into its slot (`sma_shared::releases::release_frame`).
// portal.html is every other page of the account (`/account/*`, app/_redirects): the header
// marks "My account" current there.
const pathOf = (name) =>
  ({ "index.html": "/", "release.html": "/releases", "portal.html": "/account" })[name] ?? `/${name.replace(/\.html$/, "")}`;

// A framed page fetches its Wasm once the frame has painted (the task after its first
// animation frame), the integrity Trunk gave the preload checked by that fetch, instead of
// preloading it from the head: the first paint never waits behind the Wasm, even where the Wasm
// arrives at once. The styles are inline, so that costs the Wasm only the time to lay out and
// paint the frame.
function fetchWasmAfterPaint(html, page) {
  const preload = html.match(/<link rel="preload" href="(\/[\w-]+_bg\.wasm)" crossorigin="anonymous" integrity="(sha384-[\w+/=]+)" as="fetch" type="application\/wasm">/);
  const call = preload && `init({ module_or_path: '${preload[1]}' })`;
  if (!preload || !html.includes(call)) throw new Error(`${page}: Trunk's Wasm preload or loader has changed`);
  const [tag, url, integrity] = preload;
  const painted = "new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)))";
  return html
    .replace(tag, "")
    .replace(call, () => `init({ module_or_path: ${painted}.then(() => fetch('${url}', { integrity: '${integrity}' })) })`);
}

// The built pages, read before any is written (portal.html is a template and a framed page).
const builtPages = Object.fromEntries(["index.html", "portal.html"].map((f) => [f, readFileSync(join(dist, f), "utf8")]));
for (const name of readdirSync(frames).filter((f) => f.endsWith(".html") && !f.startsWith("_"))) {
  const path = pathOf(name);
  const built = builtPages[path === "/" ? "index.html" : "portal.html"];
  if (!emptyBody.test(built)) throw new Error(`the built page for ${path} has no empty <body>`);
  // A frame may begin with its page's <title> (as the app sets it; its German in `data-de`).
  const [, title, main] = uncommented(readFileSync(join(frames, name), "utf8")).match(/^(<title[^>]*>[^<]*<\/title>)?([\s\S]*)$/);
  const body = shell
    .replace(/\{\{nav ([^}]+)\}\}/g, (_, href) => navAttributes(href, path))
    .replace("{{main}}", () => main);
  // The first paint waits until the whole frame is parsed (#frame-end, the shell's last
  // element): no paint of a half-built header that then moves.
  if (!built.includes("</head>")) throw new Error(`the built page for ${path} has no </head>`);
  let titled = built
    .replace("</head>", () => `  <link rel="expect" href="#frame-end" blocking="render">\n  </head>`)
    .replace(emptyBody, () => `<body>\n    ${body}  </body>`);
  if (title) {
    if (!titled.includes("<title>SMA Portal</title>")) throw new Error(`${name}: the built page has no <title>SMA Portal</title>`);
    titled = titled.replace("<title>SMA Portal</title>", () => title.trim());
  }
  const page = fetchWasmAfterPaint(titled, name);
  writeFileSync(join(dist, name), page);
  console.log(`${dist}/${name}: the frame of ${path}`);
}
