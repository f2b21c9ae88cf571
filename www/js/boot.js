// Starts compiling the start-up WASM module as soon as this tiny file arrives, before the page's
// other modules are in: the module compiles on the browser's background threads while they
// download and run, and engine.js only instantiates it (issue 23, docs/PERFORMANCE.md). No
// imports, so nothing waits for it. index.html loads it first, `async`.
const WASM = new URL("../pkg/probity_bg.wasm", import.meta.url);

/** A promise of the compiled start-up module; on any failure (no streaming compile, a wrong
 *  content type, the network) the URL instead, which wasm-bindgen's init fetches itself. */
export const startupModule = (typeof WebAssembly.compileStreaming === "function"
  ? WebAssembly.compileStreaming(fetch(WASM)).catch(() => WASM)
  : Promise.resolve(WASM)).then((m) => { performance.mark("probity:compiled"); return m; });
