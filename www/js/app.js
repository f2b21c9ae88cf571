// The page's entry point: loads the WASM engine (the start-up module; the tools module later),
// routes `#/part?params` to a view, and moves focus to each new view's heading. Views own their
// part of <main>; this file owns navigation, the skip links, the compact menu on a phone, the
// language switch and the footer's list of rulebook versions. Offline: www/js/offline.js.
// Only the checkers' module runs with the page: every other view's module is imported once the
// first findings are painted (or when the view is shown first), never before them (issue 23,
// docs/PERFORMANCE.md); all are in before the service worker is asked to keep the page. The page
// loads these modules bundled into one file (www/page-build.mjs), a view's code included but run
// only when it is imported; engine.js stays a file of its own.
import * as engine from "./engine.js";
import { h, clear } from "./dom.js";
import { internalError } from "./render.js";
import * as checker from "./checker.js";
import { t, language, setLanguage, applyShell } from "./i18n.js";
import { registerWorker, keepLoaded, watchForUpdates } from "./offline.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
applyShell();

// `books`: the shipped rulebooks a view draws from (without it, every one): the first view waits
// only for its own rulebooks' files (engine.load).
// `module`: how the view's module is had; `render(module, main, params)` draws the view.
const CHECKER = () => checker;
const VIEWS = {
  check: { title: "Order checker", books: ["community_orders"], module: CHECKER, render: (m, main, params) => m.checkerView(main, params, "check") },
  routing: { title: "Case routing", books: ["routing"], module: CHECKER, render: (m, main, params) => m.checkerView(main, params, "routing") },
  tiering: { title: "Tier a case", books: ["tiering"], module: CHECKER, render: (m, main, params) => m.checkerView(main, params, "tiering") },
  contracts: { title: "Contract specs", books: ["contracts"], module: () => import("./contracts.js"), render: (m, main, params) => m.contractsView(main, params) },
  rules: { title: "How the rules work", module: () => import("./explainer.js"), render: (m, main, params) => m.explainerView(main, params) },
  editor: { title: "Rule editor", module: () => import("./editor.js"), render: (m, main, params) => m.editorView(main, params) },
  print: { title: "The order in court words", module: () => import("./print.js"), render: (m, main, params) => m.printView(main, params) },
  explore: { title: "What can I add? How do I fix this?", books: ["community_orders"], module: () => import("./explorer.js"), render: (m, main, params) => m.explorerView(main, params) },
};
// Each view's module once it is in (a view is drawn only then).
const modules = new Map();
function viewModule(name) {
  return Promise.resolve(VIEWS[name].module()).then((m) => { modules.set(name, m); return m; });
}
// The views whose title is a menu item's words (translated with the menu).
const NAV_TITLE = { check: "nav.check", routing: "nav.routing", tiering: "nav.tiering", contracts: "nav.contracts", rules: "nav.rules", editor: "nav.editor", explore: "explore.link", print: "print.title" };

let current = null;

export function parseHash(hash = location.hash) {
  const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  const name = m && VIEWS[m[1]] ? m[1] : "check";
  return { name, params: new URLSearchParams(m ? m[2] || "" : "") };
}

/** Draw the view the address names; a promise when it waits for its files first. */
function route() {
  const { name, params } = parseHash();
  // A view whose rulebooks' files or whose module are still on their way (the first view
  // fetched its own first) is drawn when they are in.
  if (!engine.loaded(VIEWS[name].books)) {
    return engine.load(VIEWS[name].books).then(() => (parseHash().name === name ? route() : null), startFailed);
  }
  if (!modules.has(name)) {
    return viewModule(name).then(() => (parseHash().name === name ? route() : null), (e) => viewBroken(name, e));
  }
  const main = document.getElementById("main-content");
  if (current && current.dispose) current.dispose();
  clear(main);
  for (const a of document.querySelectorAll("#nav a")) {
    const on = a.dataset.route === name || (name === "print" && a.dataset.route === "check");
    a.parentElement.classList.toggle("govuk-service-navigation__item--active", on);
    if (on) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = `${NAV_TITLE[name] ? t(NAV_TITLE[name]) : VIEWS[name].title}: probity`;
  try {
    current = VIEWS[name].render(modules.get(name), main, params) || null;
  } catch (e) {
    current = null;
    main.append(internalError(String(e && e.message ? e.message : e)));
  }
  // The form views have two more skip links: to the form and to the findings.
  const formView = Boolean(main.querySelector("#findings-region"));
  for (const id of ["skip-form", "skip-findings"]) document.getElementById(id).hidden = !formView;
  closeMenu();
  const heading = main.querySelector("h1");
  if (heading && !(current && current.focused)) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: false });
  }
}

// Skip links move focus without changing the address (the address is the view).
document.getElementById("skip-links").addEventListener("click", (e) => {
  const a = e.target.closest("a[data-skip]");
  if (!a) return;
  e.preventDefault();
  const which = a.dataset.skip;
  const target = which === "form"
    ? document.querySelector("#main-content form input, #main-content form select, #main-content form textarea")
    : document.getElementById(which);
  if (!target) return;
  if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) target.setAttribute("tabindex", "-1");
  target.focus();
});

// A table wider than a phone's screen scrolls inside its own box; such a box takes focus (so a
// keyboard can scroll it), and only while it overflows (no extra tab stops on a desktop).
function fitTables() {
  for (const table of document.querySelectorAll("#main-content table")) {
    const overflows = table.scrollWidth > table.clientWidth + 1;
    if (overflows && !table.hasAttribute("tabindex")) table.setAttribute("tabindex", "0");
    else if (!overflows && table.getAttribute("tabindex") === "0") table.removeAttribute("tabindex");
  }
}
let fitting = null;
const refit = () => { clearTimeout(fitting); fitting = setTimeout(fitTables, 50); };
new MutationObserver(refit).observe(document.getElementById("main-content"), { childList: true, subtree: true });
window.addEventListener("resize", refit);

// The compact menu: on a small screen the menu is one "Menu" button that opens the list.
const narrow = window.matchMedia("(max-width: 40.0525em)");
const toggle = document.getElementById("nav-toggle");
const navList = document.getElementById("nav");
function closeMenu() {
  toggle.setAttribute("aria-expanded", "false");
  navList.hidden = narrow.matches;
}
function layoutMenu() {
  toggle.hidden = !narrow.matches;
  closeMenu();
}
toggle.addEventListener("click", () => {
  const open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  navList.hidden = !open;
});
narrow.addEventListener("change", layoutMenu);
layoutMenu();

// The language switch: English or Welsh, remembered; the view is drawn again in it. The rulebooks'
// own text follows when the engine can give it (`Rulebook.setLanguage`).
function applyLanguage() {
  engine.setLanguage(language()); // each rulebook's `setLanguage`, where the engine has it
  const sw = document.getElementById("lang-switch");
  sw.setAttribute("lang", language() === "cy" ? "en-GB" : "cy");
}
document.getElementById("lang-switch").addEventListener("click", () => {
  setLanguage(language() === "cy" ? "en" : "cy");
  applyLanguage();
  footer();
  route();
});

/** The footer's list: every rulebook's title, version and the start of its SHA-256. */
function footer() {
  const list = clear(document.getElementById("footer-versions"));
  list.append(h("li", {}, `probity ${engine.version()}`));
  for (const b of engine.shipped()) {
    const info = engine.book(b.name).rulebook?.info()?.[0];
    list.append(h("li", { "data-book": b.name }, info
      ? t("version.line", { title: info.title || info.name, version: info.version, hash: `sha256 ${info.sha256.slice(0, 12)}` })
      : b.name));
  }
}

/** A view whose module failed as it was imported: a bug in its top-level code, never the
 *  connection (every view's module is in the page's one bundle, www/page-build.mjs, so its
 *  import fetches nothing). */
function viewBroken(name, e) {
  if (parseHash().name !== name) return;
  clear(document.getElementById("main-content")).append(internalError(String(e && e.message ? e.message : e)));
}

/** Why the page could not start, in words: offline with nothing kept, or the engine failed. */
function startFailed() {
  const main = document.getElementById("main-content");
  clear(main).append(h("h1", { class: "govuk-heading-l", tabindex: "-1" }, t("start.failed")),
    h("p", { class: "govuk-body", id: "start-problem" }, navigator.onLine === false ? t("start.offline") : t("start.failedText")));
}

async function start() {
  const first = parseHash().name;
  try {
    await Promise.all([engine.load(VIEWS[first].books), viewModule(first)]);
  } catch {
    startFailed();
    return;
  }
  applyLanguage();
  window.addEventListener("hashchange", route);
  await route();
  document.documentElement.dataset.ready = "true";
  // The other views' modules and the other rulebooks' files, once the first findings are painted
  // (not before them, and soon, so a connection lost early still leaves every view drawable). The
  // footer names every rulebook's version; loading the ones this view did not need can wait.
  const views = () => Promise.all(Object.keys(VIEWS).map(viewModule));
  const painted = new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  painted.then(() => {
    views().catch(() => {});
    engine.load().then(() => setTimeout(footer, 200), () => {});
  });
  // The service worker is registered once the first findings are painted, so it never competes
  // with start-up.
  const worker = painted.then(registerWorker);
  watchForUpdates(() => engine.shipped(), document.getElementById("page-notices"), engine.rulesBase());
  // The rule editor's CodeMirror bundle, fetched once the page is idle so the editor also works
  // after the network goes (it falls back to a plain text area if this never arrived).
  setTimeout(() => import("./editor.js").then((m) => m.loadCodeMirror()).catch(() => {}), 1500);
  // The tool modules (the editor's, the analysis', the explorer's) are not needed to check: the
  // views that use them load them when they open, and they are also fetched once the page is
  // idle, for the same reason as CodeMirror (the analysis' and the explorer's in the Web Worker).
  // `data-tools` says when they are in (and the views' modules). Then everything loaded, and the
  // Web Worker's modules, are handed to the service worker to keep for a reload offline.
  setTimeout(() => Promise.all([engine.loadTools(), engine.loadExplore(), engine.warmWorker(), views()]).then(() => {
    document.documentElement.dataset.tools = "ready";
    return worker;
  }, () => worker).then((reg) => (reg ? keepLoaded(engine.workerFiles()) : null)).catch(() => {}), 2000);
}

start();
