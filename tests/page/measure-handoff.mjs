// The editor's hand-over of edited rules to the lint worker (issue 23; docs/PERFORMANCE.md, "The
// lint module without the compiler"): for three shipped rulebooks, the size of the compiled form
// the editor module writes (`Rulebook.compiledForm()`, on the page's main thread, once per text
// analysed) and the median time of writing it and of the lint module loading it
// (`loadCompiled`, in the worker), seven times each, in Node on the modules .ci/serve built.
// After `.ci/serve --build-only`:  node tests/page/measure-handoff.mjs
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const pkg = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../www/pkg");
const instantiated = async (name) => {
  const mod = await import(pathToFileURL(path.join(pkg, `${name}.js`)).href);
  await mod.default({ module_or_path: readFileSync(path.join(pkg, `${name}_bg.wasm`)) });
  return mod;
};
const editor = await instantiated("probity_editor");
const lint = await instantiated("probity_lint");
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1].toFixed(2);
const timed = (fn) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
for (const name of ["community_orders", "tiering", "post_sentence_supervision"]) {
  const file = `rules/${name}.rules`;
  const text = readFileSync(path.join(pkg, file), "utf8");
  const compiled = editor.compileText(file, text);
  const book = compiled.rulebook();
  let binary = null;
  const writes = Array.from({ length: 7 }, () => timed(() => { binary = book.compiledForm(); }));
  const loads = Array.from({ length: 7 }, () => timed(() => {
    const loaded = lint.loadCompiled(binary, [file], [text]);
    loaded.rulebook().free();
    loaded.free();
  }));
  console.log(`${name}: compiled form ${binary.length} B; written in ${median(writes)} ms (median); loaded by the lint module in ${median(loads)} ms`);
  book.free();
  compiled.free();
}
