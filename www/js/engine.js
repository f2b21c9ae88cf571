// The page's one door to the WASM face: loads the module, compiles the shipped rulebooks once,
// and turns a trap (a panic, which should never happen) into an error value for the views.
import init, * as probity from "../pkg/probity.js";

let ready = null;
const cache = new Map();

/** Load and instantiate the WASM module (once). */
export function load() {
  if (!ready) ready = init().then(() => probity);
  return ready;
}

/** Call into WASM; a trap comes back as `{ internal: message }` instead of an exception. */
export function guard(fn) {
  try {
    return fn();
  } catch (e) {
    const panic = safe(() => probity.lastPanic());
    return { internal: panic || String(e && e.message ? e.message : e) };
  }
}

function safe(fn) {
  try { return fn(); } catch { return null; }
}

/** The shipped rulebooks: [{ name, file, text }]. */
export function shipped() {
  return probity.shippedRulebooks();
}

/** A shipped rulebook, compiled once: { rulebook, diagnostics } (rulebook undefined on error). */
export function book(name) {
  if (!cache.has(name)) {
    const compiled = probity.loadShipped(name);
    const entry = { rulebook: compiled.rulebook(), diagnostics: compiled.diagnostics() };
    compiled.free();
    cache.set(name, entry);
  }
  return cache.get(name);
}

/** Compile rule text: { rulebook?, diagnostics }. The caller frees an old rulebook it replaces. */
export function compileText(name, text) {
  return guard(() => {
    const compiled = probity.compileText(name, text);
    const out = { rulebook: compiled.rulebook(), diagnostics: compiled.diagnostics() };
    compiled.free();
    return out;
  });
}

/** Check a document against a rulebook: a CheckOutcome, or { internal } on a trap. */
export function check(rulebook, doc) {
  return guard(() => rulebook.check(doc));
}

export function addMonths(date, months) {
  return guard(() => probity.addMonths(date, months));
}

export function version() {
  return probity.version();
}
