// Measures `probity lint` in the page (issue 19): generated routes tables (tests/page/lint-tables.mjs,
// the native bench's generator and seeds) linted by the tools module in the page's Web Worker,
// with the main thread's longest stall meanwhile. After `.ci/serve --build-only`:
//   cd tests/page && PAGE_PORT=8932 node measure-lint.mjs [runs]
// Prints a Markdown table: when the first findings arrived (the worker posts them before the
// long part) and when the whole answer did, medians of the runs (each a fresh text, so both
// include compiling the table in the worker), the whole answer's fastest and slowest, the main
// thread's longest gap between 5 ms timer ticks, and the findings by kind (first, then whole).
// LINT_ROWS=10,100,1000 chooses the sizes.
import { startServer, launch, open } from "./harness.mjs";
import { rulebook } from "./lint-tables.mjs";

const runs = Number(process.argv[2] || 3);
const ROWS = (process.env.LINT_ROWS || "10,100,1000").split(",").map(Number);
const SPECS = [];
for (const [shape, inputs] of [["banded", 6], ["random", 4]]) {
  for (const [policy, catchAll] of [["unique", false], ["first", false], ["first", true]]) {
    for (const rows of ROWS) SPECS.push({ shape, rows, inputs, policy, catchAll });
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const browser = await launch();
try {
  const { context, page } = await open(browser, "#/check");
  // Load the tools module in the worker first (a small table), so the runs time the lint alone.
  const warm = rulebook({ shape: "banded", rows: 5, inputs: 2, policy: "unique" });
  await page.evaluate(async (text) => {
    const engine = await import("/js/engine.js");
    await engine.load();
    await engine.inWorker("lint", { file: "warm.rules", text }).promise;
  }, warm);
  console.log("| shape | inputs | rows | policy | catch-all | first findings (median) | whole answer (median) | whole: fastest / slowest | main thread's longest stall | findings: first; whole |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const spec of SPECS) {
    const times = [];
    const firsts = [];
    let stall = 0;
    let found = "";
    for (let r = 0; r < runs; r += 1) {
      // A comment makes each run's text new: the worker compiles it again, as after an edit.
      const text = `${rulebook(spec)}// run ${r}\n`;
      const out = await page.evaluate(async (text) => {
        const engine = await import("/js/engine.js");
        let longest = 0;
        let last = performance.now();
        const timer = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; }, 5);
        const start = performance.now();
        let first = null;
        let firstAt = null;
        const result = await engine.inWorker("lint", { file: "gen.rules", text }, [], {
          onFirst: (f) => { first = f; firstAt = performance.now() - start; },
        }).promise;
        const took = performance.now() - start;
        clearInterval(timer);
        const count = (r) => {
          const kinds = {};
          for (const f of (r && r.findings) || []) kinds[f.kind] = (kinds[f.kind] || 0) + 1;
          return Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ") || "none";
        };
        return { took, firstAt, longest, first: count(first), whole: count(result), internal: result && result.internal, undecided: result && result.undecided ? result.undecided.length : null };
      }, text);
      if (out.internal) throw new Error(`${spec.shape} ${spec.rows}: ${out.internal}`);
      if (out.firstAt === null) throw new Error(`${spec.shape} ${spec.rows}: no first findings posted`);
      times.push(out.took);
      firsts.push(out.firstAt);
      stall = Math.max(stall, out.longest);
      found = `${out.first}; ${out.whole}, ${out.undecided} undecided`;
    }
    times.sort((a, b) => a - b);
    const ms = (x) => `${Math.round(x)} ms`;
    console.log(`| ${spec.shape} | ${spec.inputs} | ${spec.rows} | ${spec.policy} | ${spec.catchAll ? "yes" : "no"} | ${ms(median(firsts))} | ${ms(median(times))} | ${ms(times[0])} / ${ms(times[times.length - 1])} | ${ms(stall)} | ${found} |`);
  }
  await context.close();
} finally {
  await browser.close();
  server.kill();
}
