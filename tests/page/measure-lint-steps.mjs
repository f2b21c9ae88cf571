// Where the page's lint time goes (issue 19; docs/PERFORMANCE.md, "Session 8"): the lint module
// loaded on the page's own thread, a 1,000-row banded table (tests/page/lint-tables.mjs) under
// `unique` and `first`, two runs each, timing compiling the text, `Rulebook.lint()` (the analysis,
// its JSON and the parse into objects), JSON.stringify and JSON.parse of the result, a structured
// clone of it, and posting it (as objects, and as JSON text then parsed) through a MessageChannel.
// After `.ci/serve --build-only`:  cd tests/page && PAGE_PORT=8953 node measure-lint-steps.mjs
import { startServer, launch, open } from "./harness.mjs";
import { rulebook } from "./lint-tables.mjs";
const server = await startServer();
const browser = await launch();
try {
  const { context, page } = await open(browser, "#/check");
  for (const spec of [{ shape: "banded", rows: 1000, inputs: 6, policy: "unique" }, { shape: "banded", rows: 1000, inputs: 6, policy: "first" }]) {
    for (let r = 0; r < 2; r++) {
      const text = `${rulebook(spec)}// run ${r}\n`;
      const out = await page.evaluate(async (text) => {
        const m = await import("/pkg/probity_lint.js");
        await m.default();
        const t0 = performance.now();
        const c = m.compileText("gen.rules", text);
        const book = c.rulebook();
        const t1 = performance.now();
        const res = book.lint();
        const t2 = performance.now();
        const s = JSON.stringify(res);
        const t3 = performance.now();
        JSON.parse(s);
        const t4 = performance.now();
        structuredClone(res);
        const t5 = performance.now();
        const ch = new MessageChannel();
        const got = new Promise((res) => { ch.port2.onmessage = (e) => res(e.data); });
        ch.port1.postMessage(res);
        await got;
        const t6 = performance.now();
        const ch2 = new MessageChannel();
        const got2 = new Promise((res) => { ch2.port2.onmessage = (e) => res(e.data); });
        ch2.port1.postMessage(s);
        const s2 = await got2; JSON.parse(s2);
        const t7 = performance.now();
        return { compile: t1 - t0, lintCall: t2 - t1, stringify: t3 - t2, bytes: s.length, parse: t4 - t3, clone: t5 - t4, post: t6 - t5, postStringParse: t7 - t6 };
      }, text);
      console.log(spec.policy, JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v)]))));
    }
  }
  await context.close();
} finally { await browser.close(); server.kill(); }
