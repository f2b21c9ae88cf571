// Bundles the page's own modules (www/js/app.js, every module it imports and every view's module)
// into one file, www/pkg/page.js, with esbuild (run by .ci/serve in every mode). The page then
// asks for one file where it asked for eleven, over the browser's six connections to the server,
// before its first findings (issue 23, docs/PERFORMANCE.md). A view's module imported with
// `import()` is in the file but its top-level code still runs only when it is imported.
// js/engine.js (and the WASM glue and js/boot.js it imports) stays a file of its own, imported by
// the bundle: one engine per page, the same one a test or the Web Worker's caller imports as
// /js/engine.js. The CodeMirror bundle (www/vendor) stays a file of its own, fetched when needed.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
// Kept out of the bundle, and addressed from www/pkg/ where the bundle lives.
const OWN_FILES = /^\.\/(engine|boot)\.js$/;
const VENDOR = /^\.\.\/vendor\//;

const separate = {
  name: "separate-files",
  setup(b) {
    b.onResolve({ filter: OWN_FILES }, (args) => ({ path: `../js/${args.path.slice(2)}`, external: true }));
    b.onResolve({ filter: VENDOR }, (args) => ({ path: args.path, external: true }));
  },
};

const result = await build({
  entryPoints: [path.join(here, "js/app.js")],
  outfile: path.join(here, "pkg/page.js"),
  bundle: true, format: "esm", logLevel: "warning", plugins: [separate], metafile: true,
  banner: { js: "// Built by www/page-build.mjs from www/js/ (.ci/serve): edit those files, not this one." },
});
const bundled = Object.keys(result.metafile.inputs);
if (bundled.some((p) => /(^|\/)(engine|boot)\.js$/.test(p))) throw new Error(`engine.js must stay a file of its own: ${bundled.join(", ")}`);
