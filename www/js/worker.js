// The page's Web Worker: runs the long calls of the tool modules (the static analysis, in
// pkg/probity_lint.js, and the explorer's parts, its sweep above all, in pkg/probity_explore.js)
// off the page's main thread, so the page never freezes while they work. Each module is imported
// by the first task that needs it. www/js/engine.js starts the worker and sends it tasks
// ({ id, source, call, args, kind, staged }); it answers each with { id, value }, { id, json } (the
// analysis as JSON text, parsed on arrival) or { id, internal }; a staged analysis first posts
// { id, first } (its first findings as JSON text, there before the long part). A
// task is cancelled by ending the worker (a running WASM call cannot be interrupted otherwise);
// engine.js starts a new one for the next. `{ id, warm: true }` loads both modules ahead of need
// (the page asks once it is idle, so they are in before the network might go).
// Neither module carries the compiler: the explorer's loads the shipped rulebooks compiled at
// build time (`.rules.bin`), the lint module the editor's program in its compiled form.
const IMPORTS = {
  lint: () => import("../pkg/probity_lint.js"),
  explore: () => import("../pkg/probity_explore.js"),
};
// The lint module's calls (`lint`, and `gapWitnesses`: a document for each box of a table's gaps).
const LINT_CALLS = new Set(["lint", "gapWitnesses"]);
const modules = {}; // kind -> promise of the instantiated module
const books = new Map(); // kind + source key -> Rulebook (shipped ones kept; one edited text at a time)
const editedKeys = {}; // kind -> key of the edited text's rulebook

function module(kind) {
  if (!modules[kind]) {
    modules[kind] = IMPORTS[kind]().then(async (mod) => { await mod.default(); return mod; });
    modules[kind].catch(() => { modules[kind] = null; });
  }
  return modules[kind];
}

/** The rulebook a task names ({ key, file, text, sha256?, binary }), loaded in `mod` once per text
 *  from its compiled form (a shipped rulebook's with the browser's hash of its text). */
function rulebook(kind, mod, source) {
  const key = `${kind}:${source.key}`;
  if (books.has(key)) return { book: books.get(key) };
  if (!source.binary) return { diagnostics: [{ message: `${source.file} came without its compiled form` }] };
  const compiled = source.sha256
    ? mod.loadCompiledWithSha256(source.binary, [source.file], [source.text], [source.sha256])
    : mod.loadCompiled(source.binary, [source.file], [source.text]);
  const book = compiled.rulebook();
  const diagnostics = compiled.diagnostics();
  compiled.free();
  if (!book) return { diagnostics };
  if (!source.name) {
    const old = editedKeys[kind];
    if (old && books.has(old)) {
      books.get(old).free();
      books.delete(old);
    }
    editedKeys[kind] = key;
  }
  books.set(key, book);
  return { book };
}

self.onmessage = async (event) => {
  if (event.data.warm) {
    const { id } = event.data;
    Promise.all(Object.keys(IMPORTS).map(module))
      .then(() => self.postMessage({ id, value: true }), (e) => self.postMessage({ id, internal: String(e && e.message ? e.message : e) }));
    return;
  }
  const { id, source, call, args, kind, language, staged } = event.data;
  let mod = null;
  try {
    mod = await module(kind);
  } catch {
    // Its files could not be fetched here (offline, not kept): engine.js does it on its thread.
    self.postMessage({ id, unavailable: true });
    return;
  }
  try {
    const { book, diagnostics } = rulebook(kind, mod, source);
    if (!book) {
      self.postMessage({ id, internal: `the rules did not compile: ${diagnostics.map((d) => d.message).join("; ")}` });
      return;
    }
    // The engine's own sentences (fixes, reasons) in the page's language (issue 20).
    if (language && typeof book.setLanguage === "function") book.setLanguage(language);
    // The analysis's calls are the rulebook's own methods; the explorer's are the module's.
    // The analysis crosses as its JSON text, parsed once on arrival (engine.js): a large result
    // is quicker to hand over as one string than as objects to clone.
    if (call === "lint") {
      // (A lint module from before the two stages has no `lintJsonStaged`: the whole answer alone.)
      const json = staged && typeof book.lintJsonStaged === "function"
        ? book.lintJsonStaged((first) => self.postMessage({ id, first }))
        : book.lintJson();
      self.postMessage({ id, json });
      return;
    }
    const value = LINT_CALLS.has(call) ? book[call](...(args || [])) : mod[call](book, ...(args || []));
    self.postMessage({ id, value });
  } catch (e) {
    let panic = null;
    try { panic = mod ? mod.lastPanic() : null; } catch { /* the module never loaded */ }
    self.postMessage({ id, internal: panic || String(e && e.message ? e.message : e) });
  }
};
