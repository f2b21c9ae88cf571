// Measures `probity lint` in the page (issue 19): generated routes tables (tests/page/lint-tables.mjs,
// the native bench's generator and seeds) linted by the tools module in the page's Web Worker,
// with the main thread's longest stall meanwhile. After `.ci/serve --build-only`:
//   cd tests/page && PAGE_PORT=8932 node measure-lint.mjs [runs]
// Prints a Markdown table: the median of the runs (each a fresh text, so it includes compiling
// the table in the worker), the fastest and slowest, the main thread's longest gap between 5 ms
// timer ticks, and the findings by kind.
import { startServer, launch, open } from "./harness.mjs";
import { rulebook } from "./lint-tables.mjs";

const runs = Number(process.argv[2] || 3);
const SPECS = [
  { shape: "banded", rows: 100, inputs: 6, policy: "unique" },
  { shape: "banded", rows: 1000, inputs: 6, policy: "unique" },
  { shape: "banded", rows: 1000, inputs: 6, policy: "first" },
  { shape: "banded", rows: 1000, inputs: 6, policy: "first", catchAll: true },
  { shape: "random", rows: 1000, inputs: 4, policy: "unique" },
];

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
  console.log("| shape | inputs | rows | policy | catch-all | lint in the page (median) | fastest / slowest | main thread's longest stall | findings |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const spec of SPECS) {
    const times = [];
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
        const result = await engine.inWorker("lint", { file: "gen.rules", text }).promise;
        const took = performance.now() - start;
        clearInterval(timer);
        const kinds = {};
        for (const f of (result && result.findings) || []) kinds[f.kind] = (kinds[f.kind] || 0) + 1;
        return { took, longest, kinds, internal: result && result.internal, undecided: result && result.undecided ? result.undecided.length : null };
      }, text);
      if (out.internal) throw new Error(`${spec.shape} ${spec.rows}: ${out.internal}`);
      times.push(out.took);
      stall = Math.max(stall, out.longest);
      found = `${Object.entries(out.kinds).map(([k, n]) => `${n} ${k}`).join(", ") || "none"}; ${out.undecided} undecided`;
    }
    times.sort((a, b) => a - b);
    const ms = (x) => `${Math.round(x)} ms`;
    console.log(`| ${spec.shape} | ${spec.inputs} | ${spec.rows} | ${spec.policy} | ${spec.catchAll ? "yes" : "no"} | ${ms(times[Math.floor(times.length / 2)])} | ${ms(times[0])} / ${ms(times[times.length - 1])} | ${ms(stall)} | ${found} |`);
  }
  await context.close();
} finally {
  await browser.close();
  server.kill();
}
