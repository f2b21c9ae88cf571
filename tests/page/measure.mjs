// Measures the page (issue 23's figures), as medians over several cold loads in headless Chromium
// from the local static server, after `PROBITY_BENCH_MODULE=1 .ci/serve --build-only`:
//   cd tests/page && node measure.mjs [loads] [--json FILE] [--cold | --per-check]
//   (--cold: the cold loads only; --per-check: one warm page's per-check figures, crossings and
//   keystroke only, no cold or traced loads: about 17 s, for quick A/B runs of the check path)
// - sizes: the gzipped .wasm modules and everything `#/check` loads before its first findings;
// - cold-load phases, in ms from navigation: HTML received, CSS and fonts received, the first
//   contentful paint (the shell), the last JS
//   module received, the .wasm received, the .wasm compiled (`probity:compiled`, js/boot.js), the
//   module instantiated (`probity:instantiated`), the rule
//   files received (`probity:rules-fetched`), the order checker's rulebook loaded
//   (`probity:rulebook-loaded`), the first check done (`probity:first-findings`), the first render
//   painted (the next frame after it), the form interactive (`html[data-ready]`);
// - every request before the first findings as Chromium's network stack saw it (asked for,
//   headers in, last byte, priority), and the start-up modules' import levels;
// - per-check cost in the page: `Rulebook.check(object)`, `checkText(text)` and
//   `checkWithTimeline(object)` on the shipped example orders, against the engine's own
//   read-and-check of the same JSON text inside WASM (`checkLines(bytes, describe)`, the bench
//   module, `probity_bench.js`, or the tools module of builds before the split: read, check and
//   write the report, nothing converted for JS), and the steps between the two, each in the bench
//   module: the page's path in WASM with the plan and with the page's reference evaluator, the
//   outcome written as JSON, handed to JS as a string, and parsed;
// - keystroke to findings on the largest shipped rulebook (community orders): the time the page's
//   recheck takes (`probity:recheck`), the time from the keystroke to the findings updated, and to
//   the end of the frame that shows them;
// - counts that do not depend on the machine's load, for A/B runs on a shared machine: the files
//   and bytes fetched before the first findings, the main thread's CPU time, the style and layout
//   passes and the DOM nodes when the form is interactive (Chromium's `Performance.getMetrics`,
//   read at the end of the task that makes it so), and the JS <-> WASM crossings
//   of one check (every import and export of the start-up module counted, in a page of its own),
//   and the main thread's work before the first findings by kind (tasks, the page's JS, module
//   evaluation, HTML, CSS, style, layout, paint), in CPU time from Chromium's trace events.
import { gzipSync } from "node:zlib";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startServer, launch, ORIGIN, ROOT } from "./harness.mjs";

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
// `--cold`: the cold loads only (phases, requests, counts), for quick A/B runs of start-up changes.
const coldAt = args.indexOf("--cold");
const coldOnly = coldAt >= 0 && Boolean(args.splice(coldAt, 1));
const perCheckAt = args.indexOf("--per-check");
const perCheckOnly = perCheckAt >= 0 && Boolean(args.splice(perCheckAt, 1));
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
// interactive) and the frame after the first findings (first render painted). Once both are,
// "measure:done" on the console tells measure.mjs, which waits for that rather than with
// playwright's selectors: those inject playwright's own script into the page (26-30 ms of the
// main thread at load 6-10), which then ran in the middle of the load being measured.
const INIT = () => {
  const rec = (name) => {
    if (!performance.getEntriesByName(name).length) performance.mark(name);
    if (performance.getEntriesByName("measure:first-render").length && performance.getEntriesByName("measure:interactive").length
      && !window.measureDone) {
      window.measureDone = true;
      console.debug("measure:done");
    }
  };
  const mark = performance.mark.bind(performance);
  performance.mark = (name, opts) => {
    const m = mark(name, opts);
    if (name === "probity:first-findings") requestAnimationFrame(() => setTimeout(() => rec("measure:first-render"), 0));
    return m;
  };
  // The browser's first contentful paint (the shell, "Loading the rules…"): how soon anything is
  // on screen, whatever the engine does after.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") window.measureFirstPaint = e.startTime;
  }).observe({ type: "paint", buffered: true });
  // Chromium's own counters are read by measure.mjs (over CDP) when the form is interactive: the
  // read is answered once the page's current task is done, so it is taken at the end of that task.
  new MutationObserver(() => {
    if (document.documentElement.dataset.ready !== "true") return;
    rec("measure:interactive");
    if (window.measureCounters) window.measureCounters();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
};

// Chromium's counters (`Performance.getMetrics`) kept: CPU time of the page's main thread and of
// its whole renderer process, style recalculations, layouts, DOM nodes, JS heap.
const COUNTERS = { ThreadTime: "main_thread_cpu_ms", ProcessTime: "renderer_cpu_ms", RecalcStyleCount: "style_recalcs",
  LayoutCount: "layouts", Nodes: "dom_nodes", JSHeapUsedSize: "js_heap_bytes" };

const PHASES = ["html", "css_fonts", "first_paint", "js_modules", "wasm_fetched", "compiled", "dom_content_loaded", "instantiated", "rules_fetched",
  "rulebook_loaded", "first_findings", "first_render", "interactive"];

async function coldLoad(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(INIT);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  let counters = null;
  await page.exposeFunction("measureCounters", async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    counters = Object.fromEntries(metrics.filter((m) => COUNTERS[m.name]).map((m) => [COUNTERS[m.name],
      /Time$/.test(m.name) ? m.value * 1000 : m.value]));
  });
  const urls = new Set();
  page.on("requestfinished", (r) => urls.add(r.url()));
  const net = await waterfall(cdp);
  const done = page.waitForEvent("console", { predicate: (m) => m.text() === "measure:done", timeout: 60_000 });
  await page.goto(`${ORIGIN}/#/check`, { waitUntil: "commit" });
  await done;
  await page.waitForSelector("#verdict");
  for (let i = 0; i < 50 && !counters; i++) await new Promise((r) => setTimeout(r, 20));
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
      compiled: at("probity:compiled"),
      instantiated: at("probity:instantiated"),
      rules_fetched: at("probity:rules-fetched"),
      rulebook_loaded: at("probity:rulebook-loaded"),
      rulebook_load_ms: performance.getEntriesByName("probity:rulebook-load")[0]?.duration ?? null,
      first_paint: window.measureFirstPaint ?? null,
      first_findings: first,
      first_render: at("measure:first-render"),
      interactive: at("measure:interactive"),
      files_before_findings: early.length,
      bytes_before_findings: early.reduce((n, r) => n + (r.encodedBodySize || 0), 0),
    };
  });
  Object.assign(p, counters || {});
  const requests = net.rows(p.first_findings);
  const files = [...urls].filter((u) => u.startsWith(ORIGIN)).map((u) => new URL(u).pathname.replace(/\/$/, "/index.html"));
  await context.close();
  return { phases: p, files, requests };
}

/** Every request of a load as Chromium's network stack saw it (CDP `Network.*` events): for each
 *  file, in ms from the page's own request, when it was asked for, when its answer's headers
 *  arrived and when its last byte did, and its priority. `rows(until)` keeps those asked for
 *  before `until` (the first findings), with the time from asked for to headers (the server's and
 *  the connection's wait) and from headers to the end (the transfer). */
async function waterfall(cdp) {
  await cdp.send("Network.enable");
  const byId = new Map();
  let zero = null;
  cdp.on("Network.requestWillBeSent", (e) => {
    if (zero === null && e.type === "Document") zero = e.timestamp;
    byId.set(e.requestId, { url: e.request.url, sent: e.timestamp, priority: e.request.initialPriority, type: e.type });
  });
  cdp.on("Network.responseReceived", (e) => {
    const r = byId.get(e.requestId);
    if (r) r.headers = e.response.timing ? e.response.timing.requestTime + e.response.timing.receiveHeadersEnd / 1000 : e.timestamp;
  });
  cdp.on("Network.loadingFinished", (e) => { const r = byId.get(e.requestId); if (r) r.end = e.timestamp; });
  const ms = (t) => (t === undefined || zero === null ? null : (t - zero) * 1000);
  return {
    rows(until) {
      return [...byId.values()].filter((r) => r.url.startsWith(ORIGIN) && ms(r.sent) !== null && ms(r.sent) <= until)
        .map((r) => ({ file: new URL(r.url).pathname.replace(/\/$/, "/index.html"), sent: ms(r.sent), headers: ms(r.headers), end: ms(r.end), priority: r.priority }));
    },
  };
}

/** The start-up modules' static imports from js/app.js, level by level: each level is a round
 *  trip unless index.html preloads its modules. Returns [{ file, depth, preloaded }]. */
function moduleDepths() {
  const html = readFileSync(path.join(ROOT, "www/index.html"), "utf8");
  const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => `/${m[1]}`));
  const entry = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => `/${m[1]}`);
  const depth = new Map(entry.map((f) => [f, 0]));
  const queue = [...entry];
  while (queue.length) {
    const file = queue.shift();
    let text;
    try { text = readFileSync(path.join(ROOT, "www", file), "utf8"); } catch { continue; }
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/gm)) {
      const dep = new URL(m[1], `http://x${file}`).pathname;
      if (!depth.has(dep)) { depth.set(dep, depth.get(file) + 1); queue.push(dep); }
    }
  }
  return [...depth].map(([file, d]) => ({ file, depth: d, preloaded: preloaded.has(file) || entry.includes(file) }));
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
    if (typeof own.checkLines !== "function") return { missingBench: true };
    // Every variant timed in turn, round after round (so a busy machine slows them alike); each
    // figure is the best of 40 rounds of ≥ 15 ms over every example, in µs per document (short
    // rounds, many of them: on a shared machine the best round is the one nobody else ran in).
    const variants = {
      check_object_us: (i) => rulebook.check(docs[i]),
      check_text_us: (i) => rulebook.checkText(texts[i]),
      check_with_timeline_us: (i) => rulebook.checkWithTimeline(docs[i]),
      // The order checker's recheck, its check and the draft's text (the draft is saved on every
      // change; not written to storage here): before issue 23's last change, the draft
      // stringified in its envelope and the object handed to `checkWithTimeline` (which
      // stringifies it again); after, the text written once and handed to `checkTextWithTimeline`.
      checker_object_us: (i) => {
        JSON.stringify({ format: "probity-draft", version: 1, key: "check", saved: new Date().toISOString(), value: docs[i] });
        return rulebook.checkWithTimeline(docs[i]);
      },
      ...(rulebook.checkTextWithTimeline ? {
        check_text_with_timeline_us: (i) => rulebook.checkTextWithTimeline(texts[i]),
        checker_text_us: (i) => {
          const text = JSON.stringify(docs[i]);
          const head = JSON.stringify({ format: "probity-draft", version: 1, key: "check", saved: new Date().toISOString() });
          void `${head.slice(0, -1)},"value":${text}}`;
          return rulebook.checkTextWithTimeline(text);
        },
      } : {}),
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
      // The steps between the engine and the page's `checkText`, each adding one to the last: the
      // page's evaluator (the reference one: the start-up module carries no plan), the outcome's
      // JSON handed to JS as a string, and that string parsed.
      ...(own.checkTextReferenceOnly ? { engine_check_text_reference_only_us: (i) => own.checkTextReferenceOnly(texts[i]) } : {}),
      ...(own.checkTextWrittenString ? {
        engine_check_text_string_us: (i) => own.checkTextWrittenString(texts[i]),
        engine_check_text_string_parsed_us: (i) => JSON.parse(own.checkTextWrittenString(texts[i])),
      } : {}),
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
  const frames = [];
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
      // The end of the frame that shows them (the next frame's start, then its tasks).
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t2 = performance.now();
      const m = performance.getEntriesByName("probity:recheck");
      return { keystroke_to_findings_ms: t1 - t0, keystroke_to_frame_ms: t2 - t0, recheck_ms: m.length > before ? m[m.length - 1].duration : null };
    }, i);
    if (!r) break;
    keys.push(r.keystroke_to_findings_ms);
    frames.push(r.keystroke_to_frame_ms);
    works.push(r.recheck_ms);
  }
  await context.close();
  if (perCheck.missingBench) throw new Error(NO_BENCH);
  return { perCheck, keystroke_to_findings_ms: median(keys), keystroke_to_frame_ms: median(frames), recheck_ms: median(works) };
}

// Counts every call across the start-up module's boundary: each of its imports (WASM calling JS)
// and exports (JS calling WASM, string copies' allocations included), by wrapping what
// `WebAssembly.instantiateStreaming` hands wasm-bindgen's glue, or, since the page compiles the
// module first (js/boot.js), what `WebAssembly.instantiate` does with that compiled module. Only
// in a page of its own: the wrappers cost time.
const COUNT_CROSSINGS = () => {
  const counts = { imports: 0, exports: 0 };
  window.measureCrossings = counts;
  const streaming = WebAssembly.instantiateStreaming;
  const compileStreaming = WebAssembly.compileStreaming;
  const instantiate = WebAssembly.instantiate;
  const startup = new WeakSet(); // compiled start-up modules
  const isStartup = async (source) => /\/probity_bg\.wasm$/.test((await source).url || "");
  const wrap = (fn, key) => function counted(...a) { counts[key]++; return fn.apply(this, a); };
  const countedImports = (imports) => Object.fromEntries(Object.entries(imports).map(([ns, fns]) => [ns,
    Object.fromEntries(Object.entries(fns).map(([k, v]) => [k, typeof v === "function" ? wrap(v, "imports") : v]))]));
  // An Instance by its prototype, as wasm-bindgen's glue checks (`instanceof WebAssembly.Instance`).
  const countedInstance = (instance) => Object.create(WebAssembly.Instance.prototype, { exports: {
    value: Object.fromEntries(Object.entries(instance.exports).map(([k, v]) => [k, typeof v === "function" ? wrap(v, "exports") : v])) } });
  WebAssembly.instantiateStreaming = async (source, imports) => {
    if (!(await isStartup(source))) return streaming(source, imports);
    const { instance, module } = await streaming(source, countedImports(imports));
    return { instance: countedInstance(instance), module };
  };
  WebAssembly.compileStreaming = async (source) => {
    const module = await compileStreaming(source);
    if (await isStartup(source)) startup.add(module);
    return module;
  };
  WebAssembly.instantiate = async (source, imports) => {
    if (!startup.has(source)) return instantiate(source, imports);
    return countedInstance(await instantiate(source, countedImports(imports)));
  };
};

// The main thread's work from navigation to the first findings drawn, by kind, in thread time
// (CPU time, which the machine's load changes little): Chromium's trace events on the page's main
// thread that start before the first findings are marked (so the task that draws them counts
// whole), each kind's events summed (they nest: a task holds its microtasks, which hold module
// evaluation, ...).
const WORK = { RunTask: "tasks", RunMicrotasks: "microtasks (the page's JS after its awaits)",
  "v8.evaluateModule": "evaluating modules", ParseHTML: "parsing HTML", ParseAuthorStyleSheet: "parsing CSS",
  UpdateLayoutTree: "style", Layout: "layout", Paint: "paint", "v8.wasm.compileConsume": "WASM compiling on the main thread" };

/** Work before the first findings by kind (ms of main-thread CPU, median of `loads` traced loads). */
async function workBeforeFindings(browser, loads) {
  const runs = [];
  for (let k = 0; k < loads; k++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing", "v8"] });
    await page.goto(`${ORIGIN}/#/check`);
    await page.waitForSelector("#verdict");
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
    const ff = traceEvents.find((e) => e.name === "probity:first-findings");
    const main = ff && traceEvents.find((e) => e.name === "thread_name" && e.pid === ff.pid && e.args?.name === "CrRendererMain");
    const run = Object.fromEntries(Object.values(WORK).map((k) => [k, 0]));
    for (const e of traceEvents) {
      if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== "X" || !WORK[e.name] || e.tdur === undefined) continue;
      if (e.ts <= ff.ts) run[WORK[e.name]] += e.tdur / 1000;
    }
    runs.push(run);
    await context.close();
  }
  return Object.fromEntries(Object.values(WORK).map((k) => [k, median(runs.map((r) => r[k]))]));
}

/** JS <-> WASM crossings of one check of each example order, by way of calling. */
async function crossings(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(COUNT_CROSSINGS);
  await page.goto(`${ORIGIN}/#/check`);
  await page.waitForSelector("#verdict");
  const out = await page.evaluate(async () => {
    const engine = await import("/js/engine.js");
    const { rulebook } = engine.book("community_orders");
    const docs = rulebook.examples().map((e) => e.document);
    const texts = docs.map((d) => JSON.stringify(d));
    const c = window.measureCrossings;
    const ways = {
      check_object: (i) => rulebook.check(docs[i]),
      check_text: (i) => rulebook.checkText(texts[i]),
      check_with_timeline: (i) => rulebook.checkWithTimeline(docs[i]),
      ...(rulebook.checkTextWithTimeline ? { check_text_with_timeline: (i) => rulebook.checkTextWithTimeline(texts[i]) } : {}),
    };
    const res = {};
    for (const [name, fn] of Object.entries(ways)) {
      for (let i = 0; i < docs.length; i++) fn(i); // caveats converted once, before counting
      const before = c.imports + c.exports;
      for (let i = 0; i < docs.length; i++) fn(i);
      res[name] = (c.imports + c.exports - before) / docs.length;
    }
    return res;
  });
  await context.close();
  return out;
}

/** The per-check figures, crossings and keystroke, as printed. */
function printPerCheck(result) {
  const f = (x) => (x == null ? "—" : x.toFixed(x < 10 ? 1 : 0));
  const pc = result.per_check;
  console.log(`per check, community orders, ${pc.documents} example orders (µs, best of 40 rounds):`);
  console.log(`  check(object) ${f(pc.check_object_us)}, checkText ${f(pc.check_text_us)}, checkWithTimeline ${f(pc.check_with_timeline_us)}`);
  console.log(`  engine read + check + report in WASM (checkLines) ${f(pc.engine_read_check_report_us)}, read + decide ${f(pc.engine_read_decide_us)}`);
  console.log(`  check(object) ÷ engine: ${(pc.check_object_us / pc.engine_read_check_report_us).toFixed(2)}x`);
  console.log(`  the page's path in WASM, nothing handed to JS: check ${f(pc.engine_check_text_only_us)}, and the outcome written as JSON ${f(pc.engine_check_text_written_us)}`);
  console.log(`  the same deciding with the page's evaluator (no plan) ${f(pc.engine_check_text_reference_only_us)}; the outcome's JSON handed to JS as a string ${f(pc.engine_check_text_string_us)}, and parsed ${f(pc.engine_check_text_string_parsed_us)}`);
  console.log(`  the Report to JS, bench module: checkText ${f(pc.tools_check_text_us)}, value by value ${f(pc.tools_check_text_values_us)}, JSON text + JSON.parse in JS ${f(pc.tools_check_text_json_parse_us)}`);
  console.log(`  the order checker's check and draft text: object in (before) ${f(pc.checker_object_us)}, text in (after) ${f(pc.checker_text_us)}; checkTextWithTimeline ${f(pc.check_text_with_timeline_us)}`);
  console.log(`  checkText ÷ engine: ${(pc.check_text_us / pc.engine_read_check_report_us).toFixed(2)}x`);
  console.log(`JS <-> WASM crossings per check: ${Object.entries(result.crossings_per_check).map(([k, v]) => `${k} ${f(v)}`).join(", ")}`);
  console.log(`keystroke to updated findings: median ${f(result.keystroke_to_findings_ms)} ms, to the end of the frame showing them ${f(result.keystroke_to_frame_ms)} ms (the recheck itself ${f(result.recheck_ms)} ms)`);
}

const NO_BENCH = "measure.mjs needs the bench module (www/pkg/probity_bench.js, with `checkLines`), which .ci/serve builds only when asked: "
  + "run `PROBITY_BENCH_MODULE=1 .ci/serve --build-only` first";
// The cold loads alone (--cold) need only what the page loads.
if (!coldOnly && existsSync(path.join(ROOT, "www/pkg/probity_editor.js")) && !existsSync(path.join(ROOT, "www/pkg/probity_bench.js"))) {
  console.error(NO_BENCH);
  process.exit(2);
}

const server = await startServer();
const browser = await launch();
try {
  if (perCheckOnly) {
    const w = await warm(browser);
    const result = { date: new Date().toISOString(), per_check: w.perCheck, crossings_per_check: await crossings(browser),
      keystroke_to_findings_ms: w.keystroke_to_findings_ms, keystroke_to_frame_ms: w.keystroke_to_frame_ms, recheck_ms: w.recheck_ms };
    printPerCheck(result);
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify(result, null, 2) + "\n");
    await browser.close();
    server.kill();
    process.exit(0);
  }
  const runs = [];
  const requestRuns = [];
  let files = [];
  for (let i = 0; i < loads; i++) {
    const r = await coldLoad(browser);
    runs.push(r.phases);
    requestRuns.push(r.requests);
    files = r.files;
  }
  // Each file's median times over the loads that asked for it before their first findings.
  const names = [...new Set(requestRuns.flat().map((r) => r.file))];
  const requests = names.map((file) => {
    const rows = requestRuns.flatMap((rs) => rs.filter((r) => r.file === file));
    return { file, sent: median(rows.map((r) => r.sent)), headers: median(rows.map((r) => r.headers)),
      end: median(rows.map((r) => r.end)), priority: rows[0].priority, loads: rows.length };
  }).sort((a, b) => a.sent - b.sent);
  const depths = moduleDepths();
  const w = coldOnly ? { perCheck: null } : await warm(browser);
  const perCheckCrossings = coldOnly ? null : await crossings(browser);
  const work = coldOnly ? null : await workBeforeFindings(browser, Math.min(loads, 5));
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
    requests_median_ms: requests,
    module_depths: depths,
    per_check: w.perCheck,
    crossings_per_check: perCheckCrossings,
    work_before_findings_cpu_ms: work,
    keystroke_to_findings_ms: w.keystroke_to_findings_ms,
    keystroke_to_frame_ms: w.keystroke_to_frame_ms,
    recheck_ms: w.recheck_ms,
  };
  const f = (x) => (x == null ? "—" : x.toFixed(x < 10 ? 1 : 0));
  console.log(`wasm (start-up module): ${result.sizes.startup_wasm} bytes, ${result.sizes.startup_wasm_gz} gzipped`);
  for (const k of Object.keys(result.sizes).filter((k) => /_wasm$/.test(k) && k !== "startup_wasm")) {
    console.log(`wasm (${k.replace(/_wasm$/, "")} module, loaded later): ${result.sizes[k]} bytes, ${result.sizes[`${k}_gz`]} gzipped`);
  }
  console.log(`page (${files.length} files loaded by #/check): ${totalRaw} bytes, ${total} gzipped`);
  console.log(`cold loads: ${loads}; phases, median ms from navigation:`);
  for (const k of [...PHASES, "wasm_fetch_start", "rules_fetch_start", "rulebook_load_ms"]) {
    console.log(`  ${k.padEnd(20)} ${f(result.phases_median_ms[k])}`);
  }
  console.log("requests before the first findings (median ms from the page's request: asked, headers in, last byte; priority):");
  for (const r of requests) {
    console.log(`  ${r.file.padEnd(40)} ${f(r.sent).padStart(4)} ${f(r.headers).padStart(4)} ${f(r.end).padStart(4)}  ${r.priority}${r.loads < loads ? ` (${r.loads} of ${loads} loads)` : ""}`);
  }
  const levels = Math.max(...depths.map((d) => d.depth));
  const unpreloaded = depths.filter((d) => !d.preloaded).map((d) => `${d.file} (level ${d.depth})`);
  console.log(`start-up modules: ${depths.length}, ${levels + 1} import levels from the entry; not preloaded: ${unpreloaded.join(", ") || "none"}`);
  console.log("counts (median; they depend little on the machine's load): files and bytes before the first findings; the rest at the interactive form:");
  for (const k of ["files_before_findings", "bytes_before_findings", ...Object.values(COUNTERS)]) {
    console.log(`  ${k.padEnd(22)} ${f(result.phases_median_ms[k])}`);
  }
  if (work) {
    console.log("main-thread work to the first findings drawn (CPU ms, median of up to 5 traced loads; kinds nest):");
    for (const [k, v] of Object.entries(work)) console.log(`  ${k.padEnd(40)} ${f(v)}`);
  }
  const [lo, hi] = result.first_findings_range_ms;
  console.log(`navigation to first findings: median ${f(result.phases_median_ms.first_findings)} ms (min ${f(lo)}, max ${f(hi)})`);
  console.log(`navigation to interactive form: median ${f(result.phases_median_ms.interactive)} ms`);
  if (!coldOnly) printPerCheck(result);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(result, null, 2) + "\n");
} finally {
  await browser.close();
  server.kill();
}
