// What one compile in the rule editor costs on the page's main thread (issue 23; docs/PERFORMANCE.md,
// "The editor module without the evaluator"): the editor module compiles the text and writes
// its compiled form, the start-up module loads that form with the text and runs the rule
// tests (www/js/engine.js `compileText`, then `runTests`). With BEFORE=<a www/pkg built
// before that change>, the same for its editor module, which compiled and ran the tests itself.
// Median of seven of each step after one to warm up, in Node, on the modules .ci/serve built.
// After `.ci/serve --build-only`:  node tests/page/measure-editor-compile.mjs
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const pkg = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../www/pkg");
const instantiated = async (dir, name) => {
  const mod = await import(pathToFileURL(path.join(dir, `${name}.js`)).href);
  await mod.default({ module_or_path: readFileSync(path.join(dir, `${name}_bg.wasm`)) });
  return mod;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x) => x.toFixed(1);
/** Runs `fn` once to warm up (V8 tiers WASM up as it runs), then seven times: the median time
 *  of each named step it reports through `step`. */
const steps = (fn) => {
  const times = {};
  fn((name, f) => f());
  for (let i = 0; i < 7; i++) {
    fn((name, f) => {
      const t0 = performance.now();
      const out = f();
      (times[name] ||= []).push(performance.now() - t0);
      return out;
    });
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
};

const editor = await instantiated(pkg, "probity_editor");
const startup = await instantiated(pkg, "probity");
const before = process.env.BEFORE ? await instantiated(process.env.BEFORE, "probity_editor") : null;

for (const name of ["community_orders", "tiering", "post_sentence_supervision"]) {
  const file = `rules/${name}.rules`;
  const text = readFileSync(path.join(pkg, file), "utf8");
  const after = steps((step) => {
    const compiled = step("compile", () => editor.compileText(file, text));
    const book = compiled.rulebook();
    const binary = step("write", () => book.compiledForm());
    book.free();
    compiled.free();
    const loaded = step("load", () => startup.loadCompiled(binary, [file], [text]));
    const checkable = loaded.rulebook();
    step("tests", () => checkable.runTests());
    checkable.free();
    loaded.free();
  });
  const total = after.compile + after.write + after.load + after.tests;
  let line = `${name}: compile ${ms(after.compile)} ms, write ${ms(after.write)}, load (start-up module) ${ms(after.load)}, tests ${ms(after.tests)}; ${ms(total)} ms`;
  if (before) {
    const old = steps((step) => {
      const compiled = step("compile", () => before.compileText(file, text));
      const book = compiled.rulebook();
      step("tests", () => book.runTests());
      book.free();
      compiled.free();
    });
    line += `; before: compile ${ms(old.compile)}, tests ${ms(old.tests)}; ${ms(old.compile + old.tests)} ms`;
  }
  console.log(line);
}
