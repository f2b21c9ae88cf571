// The page's one door to the WASM face: loads the start-up module and the shipped rulebooks
// (each compiled at build time, with its text), loads a tool module when a view needs it, and
// turns a trap (a panic, which should never happen) into an error value for the views.
//
// The modules, built by .ci/serve from the same crate (Cargo.toml's features): pkg/probity.js
// (load a compiled rulebook, check, list rules, tables, schema and examples, run rule tests,
// describe a rule: all the checker and the explainer need; no parser, no checker) at start-up;
// pkg/probity_editor.js (compiling rule text with its diagnostics and writing the compiled form,
// hover, completion, go to definition; no evaluator: what it compiles is checked and tested by
// the start-up module, `compileText` below) on this thread when a view asks for `loadTools()`;
// pkg/probity_lint.js (the static analysis) and pkg/probity_explore.js (the explorer) in the Web
// Worker, each imported there by the first task that needs it (the explorer's module also on
// this thread, `loadExplore()`, for applying a fix and the commissioning plan).
// Each carries only the calls it needs (Cargo.toml's features). They have separate memories: a
// rulebook loaded by one cannot be passed to another, so each face loads its own copies
// (`tools().book(name)`): from the compiled form where the module can load it, else from the text.
//
// Each shipped rulebook arrives as two files fetched while the module streams in: its text
// (`pkg/rules/x.rules`, the source, which explanations quote) and its compiled form
// (`x.rules.bin`, `probity compile --binary`), which the module loads without parsing or checking
// and refuses, with a message, when it was not built from that very text (SHA-256: the text's
// digest is taken here, by the browser's `crypto.subtle`, as soon as the text arrives and beside
// the module's compile, and handed to the module: hashing inside the cold module was a quarter
// of the rulebook's load, docs/PERFORMANCE.md).
import init, * as probity from "../pkg/probity.js";
import { startupModule } from "./boot.js";

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
let instantiated = null; // the start-up module's init
const arriving = new Map(); // name -> promise of { name, file, text, sha256?, binary | binaryProblem }
const arrived = new Map(); // name -> the same, once in
// The tool modules loaded on this thread: kind ("editor", "explore") -> promise of its face, face.
const toolLoads = {};
const toolFaces = {};

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
    : toolFaces.editor ? toolFaces.editor.compileText(name, text)
      : { internal: "the rule compiler (the tools module) has not loaded: check the connection and open this again" });
  // A module that can load a rulebook compiled at build time does (the start-up module, the
  // explorer's); one that carries the compiler compiles the text instead (the editor's, the lint's).
  const open = (b) => {
    if (b.binary) {
      if (b.sha256 && mod.loadCompiledWithSha256) return guard(() => opened(mod.loadCompiledWithSha256(b.binary, [b.file], [b.text], [b.sha256])));
      if (mod.loadCompiled) return guard(() => opened(mod.loadCompiled(b.binary, [b.file], [b.text])));
    }
    if (mod.compileText) return compileText(b.file, b.text);
    return { diagnostics: [{ message: `the compiled form of ${b.file} (${b.file}.bin) could not be fetched: ${b.binaryProblem || "unknown"}` }] };
  };
  return {
    probity: mod,
    guard,
    compileText,
    /** Rule text with its compiled form (`{ file, text, binary }`, the editor's for the lint
     *  module, which has no compiler), loaded without compiling: { rulebook, diagnostics }. */
    loadCompiled: (b) => open(b),
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

/** The SHA-256 of a text's UTF-8 bytes (the bytes the module is given), as lower-case hex; null
 *  where the browser has no `crypto.subtle` (a page not served over HTTPS or from localhost),
 *  and the module hashes the text itself. */
async function sha256(text) {
  try {
    if (!globalThis.crypto || !crypto.subtle) return null;
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (x) => x.toString(16).padStart(2, "0")).join("");
  } catch {
    return null;
  }
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

/** One shipped rulebook's two files, fetched once. */
function fetchBook(b) {
  if (!arriving.has(b.name)) {
    const text = fetchText(b.file);
    const p = Promise.all([text, text.then(sha256), fetchBinary(b.file)])
      .then(([text, digest, bin]) => {
        const entry = { ...b, text, sha256: digest, ...bin };
        arrived.set(b.name, entry);
        return entry;
      });
    p.catch(() => arriving.delete(b.name)); // tried again by the next load
    arriving.set(b.name, p);
  }
  return arriving.get(b.name);
}

/** Load and instantiate the start-up module (streamed: compiled while it downloads) and fetch
 *  the shipped rulebooks' text and compiled form at the same time. `names` (the rulebooks the
 *  first view needs): only those are fetched, so the first findings share the connections with
 *  two files rather than twelve (the others, about 1 MB, were fetched at low priority alongside
 *  and still arrived before the first findings: issue 23); without `names`, every rulebook (the
 *  page asks for them once the first findings are painted). */
export function load(names) {
  if (!instantiated) instantiated = startupModule.then((m) => init({ module_or_path: m })).then(() => { performance.mark("probity:instantiated"); });
  const wanted = names ? SHIPPED.filter((b) => names.includes(b.name)) : SHIPPED;
  const files = Promise.all(wanted.map((b) => fetchBook(b)));
  return (async () => {
    await files;
    if (!performance.getEntriesByName("probity:rules-fetched").length) performance.mark("probity:rules-fetched");
    await instantiated;
    if (!core) core = face(probity);
    // A check against the rule editor's edited rules needs the compiler: wait for it.
    if (/[?&]rules=edited/.test(location.hash)) await importTool("editor").catch(() => {});
    return probity;
  })();
}

/** True when the files of the rulebooks named (of every shipped one, without names) are in. */
export function loaded(names) {
  return (names || SHIPPED.map((b) => b.name)).every((n) => arrived.has(n));
}

/** Call into the start-up module; a trap comes back as `{ internal: message }`. */
export function guard(fn) {
  return core ? core.guard(fn) : safe(fn);
}

/** The shipped rulebooks whose files are in (all of them once `load()` has resolved):
 *  [{ name, file, text, binary }]. */
export function shipped() {
  return SHIPPED.filter((b) => arrived.has(b.name)).map((b) => arrived.get(b.name));
}

/** A shipped rulebook, compiled once: { rulebook, diagnostics } (rulebook undefined on error). */
export function book(name) {
  return core.book(name);
}

/** Compile rule text into a rulebook of the start-up module: { rulebook?, diagnostics, binary? }
 *  or { internal }. The editor module compiles it (its diagnostics are the answer's) and writes
 *  the program in its compiled form (`binary`, also what the worker's lint module loads), which
 *  the start-up module loads with the text: the editor module carries the compiler and no
 *  evaluator, the start-up module the evaluator and no compiler (issue 23). The rulebook checks,
 *  lists and runs its tests as a shipped one does. The caller frees an old rulebook it replaces. */
export function compileText(name, text) {
  const editor = toolFaces.editor;
  if (!editor) return { internal: "the rule compiler (the editor module) has not loaded: check the connection and open this again" };
  const out = formOf(editor, name, text);
  if (out.internal || !out.binary) return out;
  const loaded = core.loadCompiled({ file: name, text, binary: out.binary });
  if (loaded.internal) return loaded;
  if (!loaded.rulebook) return { internal: loaded.diagnostics.map((d) => d.message).join("; ") };
  // In the page's language from the start: a view draws an edited rulebook again after a switch.
  speak(loaded.rulebook);
  return { rulebook: loaded.rulebook, diagnostics: out.diagnostics, binary: out.binary };
}

/** Rule text compiled by the editor module (`editor`, its face) and written in its compiled
 *  form: { binary, diagnostics }, { diagnostics } when it does not compile, or { internal }. */
function formOf(editor, name, text) {
  const out = editor.compileText(name, text);
  if (out.internal) return out;
  if (!out.rulebook) return { diagnostics: out.diagnostics };
  const binary = editor.guard(() => out.rulebook.compiledForm());
  out.rulebook.free();
  if (!(binary instanceof Uint8Array)) return { internal: (binary && binary.internal) || "the compiled rules could not be written" };
  return { binary, diagnostics: out.diagnostics };
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

/** The editor module's face once it has loaded ({ probity, guard, compileText, book, check }),
 *  else null. */
export function tools() {
  return toolFaces.editor || null;
}

/** The explorer module's face on this thread once it has loaded, else null. */
export function explore() {
  return toolFaces.explore || null;
}

// Literal specifiers, so each module is fetched only when its kind is asked for.
const TOOL_IMPORTS = {
  editor: () => import("../pkg/probity_editor.js"),
  explore: () => import("../pkg/probity_explore.js"),
  lint: () => import("../pkg/probity_lint.js"),
};

function importTool(kind) {
  if (!toolLoads[kind]) {
    toolLoads[kind] = (async () => {
      const mod = await TOOL_IMPORTS[kind]();
      await mod.default();
      toolFaces[kind] = face(mod);
      // Start the worker now, while the network is here, so its files are in when it is needed.
      if (!worker) startWorker();
      return toolFaces[kind];
    })();
    toolLoads[kind].catch(() => { toolLoads[kind] = null; });
  }
  return toolLoads[kind];
}

/** Load the editor module (compiling rule text, the editor's hover, completion and go to
 *  definition): a promise of its face. A failure (the network gone
 *  before it arrived) is not kept, so the next call tries again. */
export function loadTools() {
  return load().then(() => importTool("editor"));
}

/** Load the explorer module on this thread (its long parts run in the worker; the commissioning
 *  plan runs here): a promise of its face. */
export function loadExplore() {
  return load().then(() => importTool("explore"));
}

/** Have the Web Worker fetch and instantiate its modules now (while the network is here), so
 *  the analysis and the explorer also work after it goes: a promise that resolves when both are
 *  in (rejects if either could not be fetched). */
export function warmWorker() {
  if (!worker) startWorker();
  const id = ++taskSeq;
  const promise = new Promise((resolve) => pending.set(id, { resolve, task: null }));
  worker.postMessage({ id, warm: true });
  return promise.then((d) => (d.value ? true : Promise.reject(new Error(d.internal || "the worker's modules did not load"))));
}

/** The files the Web Worker loads (its script and the lint and explorer modules), for the
 *  service worker to keep: the page itself never fetches them. */
export function workerFiles() {
  return [new URL("./worker.js", import.meta.url),
    ...["probity_lint", "probity_explore"].flatMap((m) => [new URL(`${m}.js`, PKG), new URL(`${m}_bg.wasm`, PKG)])];
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

/** The lint module's calls, each a method of the rulebook: the analysis, and a document for each
 *  box of a routes table's gaps (`gapWitnesses(table)`). */
const LINT_CALLS = new Set(["lint", "gapWitnesses"]);

/** The module a worker call needs: "lint" for the analysis, "explore" for the explorer's calls. */
function kindOf(call) {
  return LINT_CALLS.has(call) ? "lint" : "explore";
}

/** A task done on this thread, with its tool module loaded here, when the worker cannot start
 *  (its files could not be fetched: the network gone after the page loaded). */
async function onThisThread({ source, call, args, language: lang }) {
  const t = await importTool(kindOf(call)).catch(() => null);
  if (!t) return { internal: "the analysis and the explorer could not be loaded" };
  return t.guard(() => {
    const edited = !source.name;
    const opened = edited ? t.loadCompiled(source) : t.book(source.name);
    if (!opened.rulebook) return { internal: `the rules did not compile: ${(opened.diagnostics || []).map((d) => d.message).join("; ")}` };
    if (lang && typeof opened.rulebook.setLanguage === "function") opened.rulebook.setLanguage(lang);
    try {
      return { value: LINT_CALLS.has(call) ? opened.rulebook[call](...args) : t.probity[call](opened.rulebook, ...args) };
    } finally {
      if (edited) opened.rulebook.free();
    }
  });
}

/** A worker's answer given as JSON text (the analysis), as the other answers come. */
function parsed(json) {
  try {
    return { value: JSON.parse(json) };
  } catch (e) {
    return { internal: `the analysis's answer did not read: ${e.message}` };
  }
}

function startWorker() {
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker.onmessage = (e) => {
    const p = pending.get(e.data.id);
    if (e.data.first !== undefined) {
      // The analysis's first findings, before its whole answer: the task goes on.
      const first = parsed(e.data.first);
      if (p && p.onFirst && first.value) p.onFirst(first.value);
      return;
    }
    pending.delete(e.data.id);
    if (p && e.data.unavailable && p.task) onThisThread(p.task).then(p.resolve);
    else if (p && e.data.json !== undefined) p.resolve(parsed(e.data.json));
    else if (p) p.resolve(e.data);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    // The worker could not start (or failed): its tasks are done here instead.
    const tasks = [...pending.values()];
    pending.clear();
    if (worker) worker.terminate();
    worker = null;
    for (const { resolve, task } of tasks) {
      setTimeout(() => (task ? onThisThread(task).then(resolve) : resolve({ internal: "the worker could not start" })), 0);
    }
  };
}

/** The compiled form of rule text, made by the editor module on this thread (the worker's
 *  modules have no compiler): a promise of `{ binary }` or `{ internal }`. */
async function compiledForm(file, text) {
  const t = await loadTools().catch(() => null);
  if (!t) return { internal: "the rule compiler (the tools module) could not be loaded" };
  const out = formOf(t, file, text);
  if (out.internal || out.binary) return out.internal ? { internal: out.internal } : { binary: out.binary };
  return { internal: `the rules did not compile: ${(out.diagnostics || []).map((d) => d.message).join("; ")}` };
}

/** Run a long tools call in the Web Worker, so the page stays responsive: `call` is "lint" or
 *  "gapWitnesses" (the lint module's, `args` then `[table]`) or the name of an explorer function of the explorer module (`exploreSweep`, ...)
 *  called as `fn(rulebook, ...args)`; `source` is a shipped rulebook (`{ book: name }`) or rule
 *  text (`{ file, text, binary? }`), which the worker loads in its compiled form: `binary`, the
 *  editor module's `Rulebook.compiledForm()` of that text (the editor has it compiled already),
 *  else compiled here first. Returns
 *  `{ promise, cancel }`: the promise resolves to the call's answer, to `{ internal: message }`
 *  on a failure, or to `{ cancelled: true }`. `cancel()` stops the work at once (it ends the
 *  worker; the next task starts a new one). For "lint", `onFirst` is given the first findings
 *  (each table's first of each kind, as a LintView) as soon as they exist, before the promise
 *  resolves to the whole answer. */
export function inWorker(call, source, args = [], { onFirst } = {}) {
  const b = source.book ? shipped().find((x) => x.name === source.book) : null;
  if (source.book && !b) return { promise: Promise.resolve({ internal: `no shipped rulebook is called ${source.book}` }), cancel() {} };
  const src = b
    ? { key: `shipped:${b.name}`, name: b.name, file: b.file, text: b.text, sha256: b.sha256, binary: b.binary }
    : { key: `text:${source.file}\n${source.text}`, file: source.file, text: source.text, binary: source.binary };
  if (!worker) startWorker();
  const id = ++taskSeq;
  // The explorer's sentences come from the engine: in the page's language (issue 20).
  const task = { source: src, call, args, kind: kindOf(call), language, staged: Boolean(onFirst) };
  const promise = new Promise((resolve) => pending.set(id, { resolve, task, onFirst }))
    .then((d) => (d.cancelled || d.internal !== undefined ? d : d.value));
  const send = () => {
    if (!pending.has(id)) return; // cancelled meanwhile
    if (!worker) startWorker();
    worker.postMessage({ id, ...task });
  };
  if (b || src.binary) {
    send();
  } else {
    compiledForm(src.file, src.text).then((made) => {
      if (made.binary) {
        src.binary = made.binary;
        send();
      } else if (pending.has(id)) {
        const { resolve } = pending.get(id);
        pending.delete(id);
        resolve({ internal: made.internal });
      }
    });
  }
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
