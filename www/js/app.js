// The page's entry point: loads the WASM engine (the start-up module; the tools module later),
// routes `#/part?params` to a view, and moves focus to each new view's heading. Views own their
// part of <main>; this file owns navigation.
import * as engine from "./engine.js";
import { h, clear } from "./dom.js";
import { internalError } from "./render.js";
import { checkerView } from "./checker.js";
import { contractsView } from "./contracts.js";
import { explainerView } from "./explainer.js";
import { editorView, loadCodeMirror } from "./editor.js";
import { printView } from "./print.js";
import { explorerView } from "./explorer.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");

const VIEWS = {
  check: { title: "Order checker", render: (main, params) => checkerView(main, params, "check") },
  routing: { title: "Case routing", render: (main, params) => checkerView(main, params, "routing") },
  tiering: { title: "Tier a case", render: (main, params) => checkerView(main, params, "tiering") },
  contracts: { title: "Contract specs", render: contractsView },
  rules: { title: "How the rules work", render: explainerView },
  editor: { title: "Rule editor", render: editorView },
  print: { title: "Check report for printing", render: printView },
  explore: { title: "What can I add? How do I fix this?", render: explorerView },
};

let current = null;

export function parseHash(hash = location.hash) {
  const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  const name = m && VIEWS[m[1]] ? m[1] : "check";
  return { name, params: new URLSearchParams(m ? m[2] || "" : "") };
}

function route() {
  const { name, params } = parseHash();
  const main = document.getElementById("main-content");
  if (current && current.dispose) current.dispose();
  clear(main);
  for (const a of document.querySelectorAll("#nav a")) {
    const on = a.dataset.route === name || (name === "print" && a.dataset.route === "check");
    a.parentElement.classList.toggle("govuk-service-navigation__item--active", on);
    if (on) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = `${VIEWS[name].title}: probity`;
  try {
    current = VIEWS[name].render(main, params) || null;
  } catch (e) {
    current = null;
    main.append(internalError(String(e && e.message ? e.message : e)));
  }
  const heading = main.querySelector("h1");
  if (heading && !(current && current.focused)) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: false });
  }
}

async function start() {
  try {
    await engine.load();
  } catch (e) {
    const main = document.getElementById("main-content");
    clear(main).append(h("h1", { class: "govuk-heading-l" }, "The checker could not start"),
      internalError(`This browser could not load the WebAssembly module: ${e && e.message ? e.message : e}`));
    return;
  }
  window.addEventListener("hashchange", route);
  route();
  document.documentElement.dataset.ready = "true";
  // The footer names every rulebook's version; compiling the ones this view did not need can wait.
  setTimeout(() => {
    const books = engine.shipped().map((b) => {
      const info = engine.book(b.name).rulebook?.info()?.[0];
      return info ? `${info.name} ${info.version}` : b.name;
    });
    clear(document.getElementById("footer-versions")).append(
      `probity ${engine.version()}; rulebooks: ${books.join(", ")}.`);
  }, 200);
  // The rule editor's CodeMirror bundle, fetched once the page is idle so the editor also works
  // after the network goes (it falls back to a plain text area if this never arrived).
  setTimeout(() => loadCodeMirror().catch(() => {}), 1500);
  // The tools module (the editor's tests and analysis, the explainer's rule texts, the explorer) is
  // not needed to check: the views that use it load it when they open, and it is also fetched once
  // the page is idle, for the same reason as CodeMirror. `data-tools` says when it is in.
  setTimeout(() => engine.loadTools().then(() => { document.documentElement.dataset.tools = "ready"; }, () => {}), 2000);
}

start();
