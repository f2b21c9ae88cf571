// The page's one door to the WASM face: loads the start-up module and the shipped rulebooks' text,
// compiles each rulebook once, loads the tools module when a view needs it, and turns a trap (a
// panic, which should never happen) into an error value for the views.
//
// Two modules, built by .ci/serve from the same crate: pkg/probity.js (compile, check, list rules,
// tables, schema and examples: all the checker needs) at start-up, and pkg/probity_tools.js (the
// same plus lint, describe, rule tests and the explorer) fetched only when a view asks for
// `loadTools()`. They have separate memories: a rulebook compiled by one cannot be passed to the
// other, so the tools face compiles its own copies (`tools().book(name)`).
import init, * as probity from "../pkg/probity.js";

const PKG = new URL("../pkg/", import.meta.url);
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
  const guard = (fn) => {
    try {
      return fn();
    } catch (e) {
      const panic = safe(() => mod.lastPanic());
      return { internal: panic || message(e) };
    }
  };
  const compileText = (name, text) => guard(() => {
    const compiled = mod.compileText(name, text);
    const out = { rulebook: compiled.rulebook(), diagnostics: compiled.diagnostics() };
    compiled.free();
    return out;
  });
  return {
    probity: mod,
    guard,
    compileText,
    /** A shipped rulebook, compiled once: { rulebook, diagnostics } (rulebook undefined on error). */
    book(name) {
      if (!cache.has(name)) {
        const b = shipped().find((x) => x.name === name);
        const t0 = performance.now();
        const out = b ? compileText(b.file, b.text) : { diagnostics: [{ message: `no shipped rulebook is called ${name}` }] };
        if (!performance.getEntriesByName("probity:rulebook-loaded").length) {
          performance.measure("probity:rulebook-load", { start: t0 });
          performance.mark("probity:rulebook-loaded");
        }
        cache.set(name, out.internal ? { diagnostics: [{ message: out.internal }] } : out);
      }
      return cache.get(name);
    },
    check: (rulebook, doc) => guard(() => rulebook.check(doc)),
  };
}

let core = null;

/** Fetch one shipped rule file from this origin (copied into pkg/rules/ by .ci/serve). */
async function fetchText(file) {
  const res = await fetch(new URL(file, PKG));
  if (!res.ok) throw new Error(`${file}: ${res.status} ${res.statusText}`);
  return res.text();
}

/** Load and instantiate the start-up module and fetch the shipped rulebooks' text (once). */
export function load() {
  if (!ready) {
    ready = (async () => {
      const list = init().then(() => { performance.mark("probity:instantiated"); return probity.shippedRulebooks(); });
      // The rule text is fetched while the module compiles; the list of files is in the module.
      const books = await list;
      const bodies = await Promise.all(books.map((b) => fetchText(b.file)));
      performance.mark("probity:rules-fetched");
      texts = books.map((b, i) => ({ name: b.name, file: b.file, text: bodies[i] }));
      core = face(probity);
      return probity;
    })();
  }
  return ready;
}

/** Call into the start-up module; a trap comes back as `{ internal: message }`. */
export function guard(fn) {
  return core ? core.guard(fn) : safe(fn);
}

/** The shipped rulebooks: [{ name, file, text }]. */
export function shipped() {
  return texts || [];
}

/** A shipped rulebook, compiled once: { rulebook, diagnostics } (rulebook undefined on error). */
export function book(name) {
  return core.book(name);
}

/** Compile rule text: { rulebook?, diagnostics }. The caller frees an old rulebook it replaces. */
export function compileText(name, text) {
  return core.compileText(name, text);
}

/** Check a document against a rulebook: a CheckOutcome, or { internal } on a trap. */
export function check(rulebook, doc) {
  return core.check(rulebook, doc);
}

export function version() {
  return probity.version();
}

/** The tools module's face once it has loaded ({ probity, guard, compileText, book, check }),
 *  else null. */
export function tools() {
  return toolsFace;
}

/** Load the tools module (lint, describe, rule tests, the explorer): a promise of its face. A
 *  failure (the network gone before it arrived) is not kept, so the next call tries again. */
export function loadTools() {
  if (!toolsReady) {
    toolsReady = (async () => {
      await load();
      const mod = await import("../pkg/probity_tools.js");
      await mod.default();
      toolsFace = face(mod);
      return toolsFace;
    })();
    toolsReady.catch(() => { toolsReady = null; });
  }
  return toolsReady;
}

/** Why the tools could not be loaded, in words for the page. */
export function toolsProblem(e) {
  return `This part of the page could not be loaded (${message(e)}). Check the connection and open it again.`;
}
