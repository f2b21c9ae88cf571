// Bundles www/vendor-src/codemirror.js into www/vendor/codemirror.js with esbuild (run by
// .ci/serve). One change to CodeMirror on the way: style-mod, which injects CodeMirror's own CSS,
// writes a <style> element when the editor lives in a document (only shadow roots get a
// constructed stylesheet), and the page's CSP (`style-src 'self'`) rightly refuses inline <style>.
// Constructed stylesheets (document.adoptedStyleSheets) are CSSOM, which the CSP does not
// govern, so the patch makes style-mod use them for documents too. The build fails if the code
// it patches ever changes.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const FROM = "if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet) {";
const TO = "if (root.adoptedStyleSheets && win.CSSStyleSheet) {";

const adoptStyles = {
  name: "style-mod-adopted-sheets",
  setup(b) {
    b.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes(FROM)) throw new Error(`style-mod changed: cannot find \`${FROM}\` in ${args.path}`);
      return { contents: text.replace(FROM, TO), loader: "js" };
    });
  },
};

const result = await build({
  entryPoints: [path.join(here, "codemirror.js")],
  outfile: path.join(here, "../vendor/codemirror.js"),
  bundle: true, format: "esm", minify: true, target: "es2020", legalComments: "none",
  logLevel: "warning", plugins: [adoptStyles], metafile: true,
});
if (!Object.keys(result.metafile.inputs).some((p) => /style-mod/.test(p))) throw new Error("style-mod was not bundled");
