// The page's one door to the WASM face: loads the start-up module and the shipped rulebooks
// (each compiled at build time, with its text), loads the tools module when a view needs it, and
// turns a trap (a panic, which should never happen) into an error value for the views.
//
// Two modules, built by .ci/serve from the same crate: pkg/probity.js (load a compiled rulebook,
// check, list rules, tables, schema and examples: all the checker needs; no parser, no checker)
// at start-up, and pkg/probity_tools.js (the same plus compiling rule text, lint, describe, rule
// tests and the explorer) fetched only when a view asks for `loadTools()`. They have separate
// memories: a rulebook loaded by one cannot be passed to the other, so the tools face loads its
// own copies (`tools().book(name)`).
//
// Each shipped rulebook arrives as two files fetched while the module streams in: its text
// (`pkg/rules/x.rules`, the source, which explanations quote) and its compiled form
// (`x.rules.bin`, `probity compile --binary`), which the module loads without parsing or checking
// and refuses, with a message, when it was not built from that very text (SHA-256).
import init, * as probity from "../pkg/probity.js";

const PKG = new URL("../pkg/", import.meta.url);
// The shipped rulebooks (the library's `api::SHIPPED`, which `shippedRulebooks()` returns; a page
// test checks the two agree), known here so their files are fetched while the module loads.
const SHIPPED = [
  { name: "community_orders", file: "rules/community_orders.rules" },
  { name: "routing", file: "rules/routing.rules" },
  { name: "contracts", file: "rules/contracts.rules" },
  { name: "commissioning_plan", file: "rules/commissioning_plan.rules" },
  { name: "post_sentence_supervision", file: "rules/post_sentence_supervision.rules" },
  { name: "tiering", file: "rules/tiering.rules" },
];
let ready = null;
let texts = null;
let toolsReady = null;
let toolsFace = null;

function message(e) {
  return String(e && e.message ? e.message : e);
}

function safe(fn) {
  try { return fn(); } catch { return null; }
}

/** The calls the views make, over one instantiated module (the start-up one or the tools one). */
function face(mod) {
  const cache = new Map();
  faces.push(cache);
  const guard = (fn) => {
    try {
      return fn();
    } catch (e) {
      const panic = safe(() => mod.lastPanic());
      return { internal: panic || message(e) };
    }
  };
  const opened = (compiled) => {
    const out = { rulebook: compiled.rulebook(), diagnostics: compiled.diagnostics() };
    compiled.free();
    return out;
  };
  // The start-up module cannot compile text: the tools module does, once it has loaded.
  const compileText = (name, text) => (mod.compileText
    ? guard(() => opened(mod.compileText(name, text)))
    : toolsFace ? toolsFace.compileText(name, text)
      : { internal: "the rule compiler (the tools module) has not loaded: check the connection and open this again" });
  const open = (b) => {
    if (b.binary) return guard(() => opened(mod.loadCompiled(b.binary, [b.file], [b.text])));
    if (mod.compileText) return compileText(b.file, b.text);
    return { diagnostics: [{ message: `the compiled form of ${b.file} (${b.file}.bin) could not be fetched: ${b.binaryProblem || "unknown"}` }] };
  };
  return {
    probity: mod,
    guard,
    compileText,
    /** A shipped rulebook, loaded once: { rulebook, diagnostics } (rulebook undefined on error). */
    book(name) {
      if (!cache.has(name)) {
        const b = shipped().find((x) => x.name === name);
        const t0 = performance.now();
        const out = b ? open(b) : { diagnostics: [{ message: `no shipped rulebook is called ${name}` }] };
        if (!performance.getEntriesByName("probity:rulebook-loaded").length) {
          performance.measure("probity:rulebook-load", { start: t0 });
          performance.mark("probity:rulebook-loaded");
        }
        cache.set(name, out.internal ? { diagnostics: [{ message: out.internal }] } : out);
        speak(out.rulebook);
      }
      return cache.get(name);
    },
    check: (rulebook, doc) => guard(() => rulebook.check(doc)),
  };
}

let core = null;

// The language of the rulebooks' own text ("en" or "cy"), for the engines that can give it
// (`Rulebook.setLanguage`); set on every rulebook compiled so far and on each compiled later.
let language = "en";
const faces = [];
function speak(rulebook) {
  if (rulebook && typeof rulebook.setLanguage === "function") safe(() => rulebook.setLanguage(language));
}

/** Choose the language of the rulebooks' text (where the engine supports it). */
export function setLanguage(lang) {
  language = lang;
  for (const cache of faces) for (const b of cache.values()) speak(b.rulebook);
}

/** Fetch one shipped rule file from this origin (copied into pkg/rules/ by .ci/serve). */
async function fetchText(file) {
  const res = await fetch(new URL(file, PKG));
  if (!res.ok) throw new Error(`${file}: ${res.status} ${res.statusText}`);
  return res.text();
}

/** Fetch a shipped rulebook's compiled form: { binary } or { binaryProblem } (never throws: the
 *  tools module can still compile the text). */
async function fetchBinary(file) {
  try {
    const res = await fetch(new URL(`${file}.bin`, PKG));
    if (!res.ok) return { binaryProblem: `${res.status} ${res.statusText}` };
    return { binary: new Uint8Array(await res.arrayBuffer()) };
  } catch (e) {
    return { binaryProblem: message(e) };
  }
}

/** Load and instantiate the start-up module (streamed: compiled while it downloads) and fetch
 *  the shipped rulebooks' text and compiled form at the same time (once). */
export function load() {
  if (!ready) {
    ready = (async () => {
      const module = init().then(() => { performance.mark("probity:instantiated"); });
      const files = SHIPPED.map((b) => Promise.all([fetchText(b.file), fetchBinary(b.file)])
        .then(([text, bin]) => ({ ...b, text, ...bin })));
      const all = await Promise.all(files);
      performance.mark("probity:rules-fetched");
      await module;
      texts = all;
      core = face(probity);
      // A check against the rule editor's edited rules needs the compiler: wait for it.
      if (/[?&]rules=edited/.test(location.hash)) await importTools().catch(() => {});
      return probity;
    })();
  }
  return ready;
}

/** Call into the start-up module; a trap comes back as `{ internal: message }`. */
export function guard(fn) {
  return core ? core.guard(fn) : safe(fn);
}

/** The shipped rulebooks: [{ name, file, text, binary }]. */
export function shipped() {
  return texts || [];
}

/** A shipped rulebook, compiled once: { rulebook, diagnostics } (rulebook undefined on error). */
export function book(name) {
  return core.book(name);
}

/** Compile rule text: { rulebook?, diagnostics } (in the tools module, which the start-up face
 *  hands it to). The caller frees an old rulebook it replaces. */
export function compileText(name, text) {
  return (toolsFace || core).compileText(name, text);
}

/** Check a document against a rulebook: a CheckOutcome, or { internal } on a trap. */
export function check(rulebook, doc) {
  return core.check(rulebook, doc);
}

/** Where the shipped rule files are served from (for fetching them again). */
export function rulesBase() {
  return PKG;
}

export function version() {
  return probity.version();
}

/** The tools module's face once it has loaded ({ probity, guard, compileText, book, check }),
 *  else null. */
export function tools() {
  return toolsFace;
}

function importTools() {
  if (!toolsReady) {
    toolsReady = (async () => {
      const mod = await import("../pkg/probity_tools.js");
      await mod.default();
      toolsFace = face(mod);
      // Start the worker now, while the network is here, so its files are in when it is needed.
      if (!worker) startWorker();
      return toolsFace;
    })();
    toolsReady.catch(() => { toolsReady = null; });
  }
  return toolsReady;
}

/** Load the tools module (lint, describe, rule tests, the explorer): a promise of its face. A
 *  failure (the network gone before it arrived) is not kept, so the next call tries again. */
export function loadTools() {
  return load().then(importTools);
}

// ---- the Web Worker (www/js/worker.js): long calls off the main thread, cancellable

let worker = null;
let taskSeq = 0;
const pending = new Map(); // task id -> { resolve, task }

function endWorker(why) {
  if (worker) worker.terminate();
  worker = null;
  for (const { resolve } of pending.values()) resolve(why);
  pending.clear();
}

/** A task done on this thread with the tools module, when the worker cannot start (its files
 *  could not be fetched: the network gone after the page loaded). */
function onThisThread({ source, call, args, language: lang }) {
  const t = toolsFace;
  if (!t) return { internal: "the analysis and the explorer could not be loaded" };
  return t.guard(() => {
    const edited = !source.name;
    const opened = edited ? t.compileText(source.file, source.text) : t.book(source.name);
    if (!opened.rulebook) return { internal: `the rules did not compile: ${(opened.diagnostics || []).map((d) => d.message).join("; ")}` };
    if (lang && typeof opened.rulebook.setLanguage === "function") opened.rulebook.setLanguage(lang);
    try {
      return { value: call === "lint" ? opened.rulebook.lint() : t.probity[call](opened.rulebook, ...args) };
    } finally {
      if (edited) opened.rulebook.free();
    }
  });
}

function startWorker() {
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker.onmessage = (e) => {
    const p = pending.get(e.data.id);
    pending.delete(e.data.id);
    if (p) p.resolve(e.data);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    // The worker could not start (or failed): its tasks are done here instead.
    const tasks = [...pending.values()];
    pending.clear();
    if (worker) worker.terminate();
    worker = null;
    for (const { resolve, task } of tasks) setTimeout(() => resolve(onThisThread(task)), 0);
  };
}

/** Run a long tools call in the Web Worker, so the page stays responsive: `call` is "lint" or
 *  the name of an explorer function of the tools module (`exploreSweep`, ...) called as
 *  `fn(rulebook, ...args)`; `source` is a shipped rulebook (`{ book: name }`) or rule text from
 *  the editor (`{ file, text }`). Returns `{ promise, cancel }`: the promise resolves to the
 *  call's answer, to `{ internal: message }` on a failure, or to `{ cancelled: true }`.
 *  `cancel()` stops the work at once (it ends the worker; the next task starts a new one). */
export function inWorker(call, source, args = []) {
  const b = source.book ? shipped().find((x) => x.name === source.book) : null;
  if (source.book && !b) return { promise: Promise.resolve({ internal: `no shipped rulebook is called ${source.book}` }), cancel() {} };
  const src = b
    ? (b.binary ? { key: `shipped:${b.name}`, name: b.name, file: b.file, text: b.text, binary: b.binary }
      : { key: `text:${b.file}\n${b.text}`, name: b.name, file: b.file, text: b.text })
    : { key: `text:${source.file}\n${source.text}`, file: source.file, text: source.text };
  if (!worker) startWorker();
  const id = ++taskSeq;
  // The explorer's sentences come from the engine: in the page's language (issue 20).
  const task = { source: src, call, args, language };
  const promise = new Promise((resolve) => pending.set(id, { resolve, task }))
    .then((d) => (d.cancelled || d.internal !== undefined ? d : d.value));
  worker.postMessage({ id, ...task });
  return {
    promise,
    cancel() {
      if (pending.has(id)) endWorker({ cancelled: true });
    },
  };
}

/** Why the tools could not be loaded, in words for the page. */
export function toolsProblem(e) {
  // Not the browser's message: it names an internal module URL, which tells a clerk nothing.
  void e;
  return "This part of the page could not be loaded: the connection went before it had downloaded. Connect to the internet and open it again.";
}
