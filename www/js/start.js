// The page's parts by address (`#/part?params`) with the shipped rulebooks each draws from, and
// the first part's start. index.html loads this file `async`, so it runs as soon as it and the
// engine are in: the start-up module is instantiated, and the first part's rulebooks loaded, while
// the page's own code (pkg/page.js, a deferred module that waits for the whole document and its
// style sheets) is still on its way or waiting (issue 23, docs/PERFORMANCE.md). app.js routes
// with the same table; both import this one file (it is kept out of the bundle).
import * as engine from "./engine.js";

/** Each part of the page and the shipped rulebooks it draws from; null: every one, when it asks. */
export const PART_BOOKS = {
  check: ["community_orders"],
  routing: ["routing"],
  tiering: ["tiering"],
  contracts: ["contracts"],
  rules: null,
  editor: null,
  print: null,
  explore: ["community_orders"],
};

/** The part an address names (the order checker when it names none) and its parameters. */
export function parseHash(hash = location.hash) {
  const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  const name = m && Object.hasOwn(PART_BOOKS, m[1]) ? m[1] : "check";
  return { name, params: new URLSearchParams(m ? m[2] || "" : "") };
}

// The first part's rulebooks, loaded once their files and the module are in (engine.book keeps
// each, so the view finds it loaded). A failure is left to app.js, which loads them again and
// says what went wrong.
performance.mark("probity:start");
const first = PART_BOOKS[parseHash().name];
if (first) {
  engine.load(first).then(() => { for (const name of first) engine.book(name); }, () => {});
}
