// Measures the page (issue 23's figures), as medians over several cold loads in headless Chromium
// from the local static server, after `PROBITY_BENCH_MODULE=1 .ci/serve --build-only`:
//   cd tests/page && node measure.mjs [loads] [--json FILE]
// - sizes: the gzipped .wasm modules and everything `#/check` loads before its first findings;
// - cold-load phases, in ms from navigation: HTML received, CSS and fonts received, the last JS
//   module received, the .wasm received, the module instantiated (`probity:instantiated`), the rule
//   files received (`probity:rules-fetched`), the order checker's rulebook loaded
//   (`probity:rulebook-loaded`), the first check done (`probity:first-findings`), the first render
//   painted (the next frame after it), the form interactive (`html[data-ready]`);
// - per-check cost in the page: `Rulebook.check(object)`, `checkText(text)` and
//   `checkWithTimeline(object)` on the shipped example orders, against the engine's own
//   read-and-check of the same JSON text inside WASM (`checkLines(bytes, describe)`, the bench
//   module, `probity_bench.js`, or the tools module of builds before the split: read, check and
//   write the report, nothing converted for JS);
// - keystroke to findings on the largest shipped rulebook (community orders): the time the page's
//   recheck takes (`probity:recheck`), and the time from the keystroke to the findings updated.
import { gzipSync } from "node:zlib";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startServer, launch, ORIGIN, ROOT } from "./harness.mjs";

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
const loads = Number(args[0] || 9);

const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};
const range = (xs) => {
  const s = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? [s[0], s[s.length - 1]] : null;
};

// Recorded in the page before any of its scripts run: when `data-ready` is set (the form is
// interactive) and the frame after the first findings (first render painted).
const INIT = () => {
  const rec = (name) => { if (!performance.getEntriesByName(name).length) performance.mark(name); };
  const mark = performance.mark.bind(performance);
  performance.mark = (name, opts) => {
    const m = mark(name, opts);
    if (name === "probity:first-findings") requestAnimationFrame(() => setTimeout(() => rec("measure:first-render"), 0));
    return m;
  };
  new MutationObserver(() => {
    if (document.documentElement.dataset.ready === "true") rec("measure:interactive");
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
};

const PHASES = ["html", "css_fonts", "js_modules", "wasm_fetched", "instantiated", "rules_fetched",
  "rulebook_loaded", "first_findings", "first_render", "interactive"];

async function coldLoad(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(INIT);
  const urls = new Set();
  page.on("requestfinished", (r) => urls.add(r.url()));
  await page.goto(`${ORIGIN}/#/check`);
  await page.waitForSelector("#verdict");
  await page.waitForFunction(() => performance.getEntriesByName("measure:first-render").length > 0
    && performance.getEntriesByName("measure:interactive").length > 0);
  const p = await page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
    const nav = performance.getEntriesByType("navigation")[0];
    const res = performance.getEntriesByType("resource");
    const end = (re) => Math.max(0, ...res.filter((r) => re.test(new URL(r.name).pathname)).map((r) => r.responseEnd));
    const first = at("probity:first-findings");
    const early = res.filter((r) => r.responseEnd <= first);
    const lastJs = Math.max(0, ...early.filter((r) => /\.m?js$/.test(new URL(r.name).pathname)).map((r) => r.responseEnd));
    const rulesStart = Math.min(...res.filter((r) => /\.rules(\.bin)?$/.test(new URL(r.name).pathname)).map((r) => r.startTime));
    const wasm = res.find((r) => /probity_bg\.wasm$/.test(r.name));
    return {
      html: nav.responseEnd,
      dom_content_loaded: nav.domContentLoadedEventEnd,
      css_fonts: end(/\.(css|woff2?)$/),
      js_modules: lastJs,
      wasm_fetched: wasm ? wasm.responseEnd : null,
      wasm_fetch_start: wasm ? wasm.startTime : null,
      rules_fetch_start: Number.isFinite(rulesStart) ? rulesStart : null,
      instantiated: at("probity:instantiated"),
      rules_fetched: at("probity:rules-fetched"),
      rulebook_loaded: at("probity:rulebook-loaded"),
      rulebook_load_ms: performance.getEntriesByName("probity:rulebook-load")[0]?.duration ?? null,
      first_findings: first,
      first_render: at("measure:first-render"),
      interactive: at("measure:interactive"),
      files_before_findings: early.length,
    };
  });
  const files = [...urls].filter((u) => u.startsWith(ORIGIN)).map((u) => new URL(u).pathname.replace(/\/$/, "/index.html"));
  await context.close();
  return { phases: p, files };
}

/** Per-check cost and keystroke-to-findings, in one warm page. */
async function warm(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/#/check`);
  await page.waitForSelector("#verdict");
  const perCheck = await page.evaluate(async () => {
    const engine = await import("/js/engine.js");
    await engine.load();
    const { rulebook } = engine.book("community_orders");
    const docs = rulebook.examples().map((e) => e.document);
    const texts = docs.map((d) => JSON.stringify(d));
    // The measurement's own module (checkLines and the other hand-offs): the bench module, or in
    // builds before the tool modules were split, the one tools module.
    let own;
    try {
      const bench = await import("/pkg/probity_bench.js");
      await bench.default();
      const b = engine.shipped().find((x) => x.name === "community_orders");
      const compiled = bench.loadCompiled(b.binary, [b.file], [b.text]);
      own = compiled.rulebook();
    } catch {
      const tools = await engine.loadTools();
      own = tools.book("community_orders").rulebook;
    }
    // Every variant timed in turn, round after round (so a busy machine slows them alike); each
    // figure is the best of 40 rounds of ≥ 15 ms over every example, in µs per document (short
    // rounds, many of them: on a shared machine the best round is the one nobody else ran in).
    const variants = {
      check_object_us: (i) => rulebook.check(docs[i]),
      check_text_us: (i) => rulebook.checkText(texts[i]),
      check_with_timeline_us: (i) => rulebook.checkWithTimeline(docs[i]),
      // The ways a Report can reach JS, on the same rulebook in the bench module (issue 23):
      // `checkText` as shipped, value by value (serde-wasm-bindgen, as before issue 23), and the
      // JSON text returned for the caller to parse (absent from builds before issue 23).
      tools_check_text_us: (i) => own.checkText(texts[i]),
      ...(own.checkTextValues ? { tools_check_text_values_us: (i) => own.checkTextValues(texts[i]) } : {}),
      ...(own.checkTextJson ? { tools_check_text_json_parse_us: (i) => JSON.parse(own.checkTextJson(texts[i])) } : {}),
      // The page's own path without the hand-off (bench module): the whole check in WASM with
      // only a count returned, and the same with the outcome written as JSON text in WASM.
      ...(own.checkTextOnly ? { engine_check_text_only_us: (i) => own.checkTextOnly(texts[i]) } : {}),
      ...(own.checkTextWritten ? { engine_check_text_written_us: (i) => own.checkTextWritten(texts[i]) } : {}),
    };
    // The engine's own read-and-check of the same text, inside the same WASM: checkLines reads
    // each line, checks it and writes its report (describe = true), nothing converted for JS. The
    // examples repeated to 400 lines per call, so building its plan once per call is amortised.
    const reps = Math.ceil(400 / docs.length);
    const lines = new TextEncoder().encode(Array.from({ length: reps }, () => texts.join("\n")).join("\n"));
    const out = { documents: docs.length };
    for (let round = 0; round < 40; round++) {
      for (const [name, fn] of Object.entries(variants)) {
        const start = performance.now();
        let n = 0;
        while (performance.now() - start < 15) { for (let i = 0; i < docs.length; i++) fn(i); n += docs.length; }
        out[name] = Math.min(out[name] ?? Infinity, ((performance.now() - start) * 1000) / n);
      }
      for (const [name, describe] of [["engine_read_check_report_us", true], ["engine_read_decide_us", false]]) {
        const start = performance.now();
        const n = own.checkLines(lines, describe).documents;
        out[name] = Math.min(out[name] ?? Infinity, ((performance.now() - start) * 1000) / n);
      }
    }
    return out;
  });
  // Keystroke to findings: type a digit into the first number field of the order checker.
  const keys = [];
  const works = [];
  for (let i = 0; i < 15; i++) {
    const r = await page.evaluate(async (i) => {
      const input = document.querySelector("#main-content input[type=number], #main-content input[inputmode=numeric]");
      if (!input) return null;
      const status = document.getElementById("results");
      const before = performance.getEntriesByName("probity:recheck").length;
      const t0 = performance.now();
      const changed = new Promise((resolve) => {
        const mo = new MutationObserver(() => { mo.disconnect(); resolve(performance.now()); });
        mo.observe(status, { childList: true, subtree: true, characterData: true });
      });
      input.value = String(10 + (i % 5));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const t1 = await changed;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const m = performance.getEntriesByName("probity:recheck");
      return { keystroke_to_findings_ms: t1 - t0, recheck_ms: m.length > before ? m[m.length - 1].duration : null };
    }, i);
    if (!r) break;
    keys.push(r.keystroke_to_findings_ms);
    works.push(r.recheck_ms);
  }
  await context.close();
  return { perCheck, keystroke_to_findings_ms: median(keys), recheck_ms: median(works) };
}

const server = await startServer();
const browser = await launch();
try {
  const runs = [];
  let files = [];
  for (let i = 0; i < loads; i++) {
    const r = await coldLoad(browser);
    runs.push(r.phases);
    files = r.files;
  }
  const w = await warm(browser);
  const gz = (p) => gzipSync(readFileSync(path.join(ROOT, "www", p)), { level: 9 }).length;
  const raw = (p) => readFileSync(path.join(ROOT, "www", p)).length;
  const total = files.reduce((n, f) => n + gz(f), 0);
  const totalRaw = files.reduce((n, f) => n + raw(f), 0);
  const result = {
    date: new Date().toISOString(),
    loads,
    sizes: {
      startup_wasm: raw("pkg/probity_bg.wasm"), startup_wasm_gz: gz("pkg/probity_bg.wasm"),
      ...Object.fromEntries(readdirSync(path.join(ROOT, "www/pkg")).filter((f) => f.endsWith("_bg.wasm") && f !== "probity_bg.wasm")
        .flatMap((f) => { const m = f.replace(/^probity_|_bg\.wasm$/g, ""); return [[`${m}_wasm`, raw(`pkg/${f}`)], [`${m}_wasm_gz`, gz(`pkg/${f}`)]]; })),
      check_files: files.length, check_bytes: totalRaw, check_bytes_gz: total,
    },
    phases_median_ms: Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))])),
    first_findings_range_ms: range(runs.map((r) => r.first_findings)),
    per_check: w.perCheck,
    keystroke_to_findings_ms: w.keystroke_to_findings_ms,
    recheck_ms: w.recheck_ms,
  };
  const f = (x) => (x == null ? "—" : x.toFixed(x < 10 ? 1 : 0));
  console.log(`wasm (start-up module): ${result.sizes.startup_wasm} bytes, ${result.sizes.startup_wasm_gz} gzipped`);
  for (const k of Object.keys(result.sizes).filter((k) => /_wasm$/.test(k) && k !== "startup_wasm")) {
    console.log(`wasm (${k.replace(/_wasm$/, "")} module, loaded later): ${result.sizes[k]} bytes, ${result.sizes[`${k}_gz`]} gzipped`);
  }
  console.log(`page (${files.length} files loaded by #/check): ${totalRaw} bytes, ${total} gzipped`);
  console.log(`cold loads: ${loads}; phases, median ms from navigation:`);
  for (const k of [...PHASES, "dom_content_loaded", "wasm_fetch_start", "rules_fetch_start", "rulebook_load_ms"]) {
    console.log(`  ${k.padEnd(20)} ${f(result.phases_median_ms[k])}`);
  }
  const [lo, hi] = result.first_findings_range_ms;
  console.log(`navigation to first findings: median ${f(result.phases_median_ms.first_findings)} ms (min ${f(lo)}, max ${f(hi)})`);
  console.log(`navigation to interactive form: median ${f(result.phases_median_ms.interactive)} ms`);
  const pc = result.per_check;
  console.log(`per check, community orders, ${pc.documents} example orders (µs, best of 40 rounds):`);
  console.log(`  check(object) ${f(pc.check_object_us)}, checkText ${f(pc.check_text_us)}, checkWithTimeline ${f(pc.check_with_timeline_us)}`);
  console.log(`  engine read + check + report in WASM (checkLines) ${f(pc.engine_read_check_report_us)}, read + decide ${f(pc.engine_read_decide_us)}`);
  console.log(`  check(object) ÷ engine: ${(pc.check_object_us / pc.engine_read_check_report_us).toFixed(2)}x`);
  console.log(`  the page's path in WASM, nothing handed to JS: check ${f(pc.engine_check_text_only_us)}, and the outcome written as JSON ${f(pc.engine_check_text_written_us)}`);
  console.log(`  the Report to JS, bench module: checkText ${f(pc.tools_check_text_us)}, value by value ${f(pc.tools_check_text_values_us)}, JSON text + JSON.parse in JS ${f(pc.tools_check_text_json_parse_us)}`);
  console.log(`keystroke to updated findings: median ${f(result.keystroke_to_findings_ms)} ms (the recheck itself ${f(result.recheck_ms)} ms)`);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(result, null, 2) + "\n");
} finally {
  await browser.close();
  server.kill();
}
