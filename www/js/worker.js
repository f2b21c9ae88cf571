// The page's Web Worker: runs the tools module's long calls (the static analysis and the
// explorer's parts, its sweep above all) off the page's main thread, so the page never freezes
// while they work. www/js/engine.js starts it and sends it tasks ({ id, source, call, args }); it
// answers each with { id, value } or { id, internal }. A task is cancelled by ending the worker
// (a running WASM call cannot be interrupted otherwise); engine.js starts a new one for the next.
import init, * as tools from "../pkg/probity_tools.js";

const ready = init();
const books = new Map(); // source key -> Rulebook (shipped ones kept; one edited text at a time)
let editedKey = null;

/** The rulebook a task names: a shipped one from its compiled form and text ({ key, file, text,
 *  binary }), or rule text from the editor ({ key, file, text }), compiled once per text. */
function rulebook(source) {
  if (books.has(source.key)) return { book: books.get(source.key) };
  const compiled = source.binary
    ? tools.loadCompiled(source.binary, [source.file], [source.text])
    : tools.compileText(source.file, source.text);
  const book = compiled.rulebook();
  const diagnostics = compiled.diagnostics();
  compiled.free();
  if (!book) return { diagnostics };
  if (!source.binary) {
    if (editedKey && books.has(editedKey)) {
      books.get(editedKey).free();
      books.delete(editedKey);
    }
    editedKey = source.key;
  }
  books.set(source.key, book);
  return { book };
}

self.onmessage = async (event) => {
  const { id, source, call, args, language } = event.data;
  try {
    await ready;
    const { book, diagnostics } = rulebook(source);
    if (!book) {
      self.postMessage({ id, internal: `the rules did not compile: ${diagnostics.map((d) => d.message).join("; ")}` });
      return;
    }
    // The engine's own sentences (fixes, reasons) in the page's language (issue 20).
    if (language && typeof book.setLanguage === "function") book.setLanguage(language);
    const value = call === "lint" ? book.lint() : tools[call](book, ...(args || []));
    self.postMessage({ id, value });
  } catch (e) {
    let panic = null;
    try { panic = tools.lastPanic(); } catch { /* the module never loaded */ }
    self.postMessage({ id, internal: panic || String(e && e.message ? e.message : e) });
  }
};
