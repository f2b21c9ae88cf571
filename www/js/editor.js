// The rule editor (rule authors): CodeMirror 6 with the probity language highlighted, the
// compiler's diagnostics as squiggles at their spans (code, message, notes, help) with one-click
// quick fixes, the static analysis (`probity lint`) as warnings with witness documents that open
// in the checker, and the rulebook's own tests run on every version that compiles. The draft and
// the last version that compiled are both kept, so a broken edit never loses the last good
// rulebook. CodeMirror is loaded on demand (www/vendor/codemirror.js, bundled by .ci/serve); if it
// cannot load (offline before it was ever fetched), a plain text area does the same job.
import * as engine from "./engine.js";
import { h, put, clear, debounce, human } from "./dom.js";
import { loadDraft, saveDraft, download, readFiles } from "./store.js";
import { t as tx } from "./i18n.js";
import { keepEarlier, undo, undoBanner } from "./undo.js";
import { openWitness } from "./checker.js";
import { probityMode } from "./probity-mode.js";

let codeMirror = null;

/** Load the CodeMirror bundle (once; a failed load is retried next time). */
export function loadCodeMirror() {
  if (!codeMirror) {
    codeMirror = import("../vendor/codemirror.js").catch((e) => {
      codeMirror = null;
      throw e;
    });
  }
  return codeMirror;
}

// ---------------------------------------------------------------- positions
// The compiler gives every place it reports in UTF-16 code units too (`utf16`), as CodeMirror
// counts, so nothing here converts offsets.

/** The end of the name (or else the character) that starts at `from`, for a squiggle. */
function tokenEnd(text, from) {
  const m = /^[A-Za-z0-9_-]+/.exec(text.slice(from, from + 200));
  if (m) return from + m[0].length;
  return Math.min(text.length, from + 1);
}

// ---------------------------------------------------------------- hover, completion, definition
// From the library's editor door through the tools module (`hoverAt`, `completeAt`,
// `definitionAt`): the same code that answers `probity lsp`, with UTF-16 places as CodeMirror
// counts. Until the tools module has loaded they offer nothing.

function askTools(fn) {
  const t = engine.tools();
  if (!t) return null;
  const out = t.guard(() => fn(t.probity));
  return out && out.internal ? null : out;
}

const COMPLETION_TYPES = {
  keyword: "keyword", field: "property", value: "enum", case: "enum", unit: "constant",
  function: "function", rule: "class", type: "type", example: "variable", name: "variable",
};

/** The door's Markdown as paragraphs of plain text, code spans kept as <code>. */
function hoverBody(markdown) {
  return h("div", { class: "app-cm-hover", id: "editor-hover" }, markdown.split(/\n\n(?:---\n\n)?/).map((para) =>
    h("p", { class: "govuk-body-s" }, para.replace(/\*\*/g, "").split("`").map((part, i) => (i % 2 ? h("code", {}, part) : part)))));
}

function goToDefinition(view, pos) {
  const found = askTools((p) => p.definitionAt(view.state.doc.toString(), pos));
  if (!found || !found.length) return false;
  const { start, end } = found[0].utf16;
  view.dispatch({ selection: { anchor: start, head: end }, scrollIntoView: true });
  return true;
}

function editorSmarts(cm) {
  if (!cm.hoverTooltip || !cm.autocompletion || !cm.forEachDiagnostic) return [];
  return [
    cm.hoverTooltip((view, pos) => {
      // On a squiggle the diagnostic's own tooltip (with its fix) speaks instead.
      let onDiagnostic = false;
      cm.forEachDiagnostic(view.state, (d, from, to) => { if (from <= pos && pos <= to) onDiagnostic = true; });
      if (onDiagnostic) return null;
      const found = askTools((p) => p.hoverAt(view.state.doc.toString(), pos));
      if (!found) return null;
      return { pos: found.range.utf16.start, end: found.range.utf16.end, above: true, create: () => ({ dom: hoverBody(found.text) }) };
    }),
    cm.autocompletion({
      override: [(context) => {
        const items = askTools((p) => p.completeAt(context.state.doc.toString(), context.pos));
        if (!items || !items.length) return null;
        return {
          from: items[0].replace.utf16.start,
          options: items.map((c) => ({ label: c.label, type: COMPLETION_TYPES[c.kind] || "text", detail: c.detail })),
        };
      }],
    }),
    // F12, or Ctrl/Cmd-click: go to the declaration.
    cm.keymap.of([{ key: "F12", run: (view) => goToDefinition(view, view.state.selection.main.head) }]),
    cm.EditorView.domEventHandlers({
      mousedown(e, view) {
        if (!(e.ctrlKey || e.metaKey)) return false;
        const pos = view.posAtCoords({ x: e.clientX, y: e.clientY });
        return pos != null && goToDefinition(view, pos);
      },
    }),
  ];
}

// ---------------------------------------------------------------- editing surfaces
// Both surfaces offer: text(), setText(t), select(from, to), focus(), show(diagnostics).

function codeMirrorSurface(cm, parent, text, onChange) {
  const view = new cm.EditorView({
    parent,
    state: cm.EditorState.create({
      doc: text,
      extensions: [
        cm.lineNumbers(), cm.highlightActiveLineGutter(), cm.highlightSpecialChars(), cm.history(),
        cm.drawSelection(), cm.bracketMatching(), cm.highlightActiveLine(), cm.lintGutter(),
        cm.StreamLanguage.define(probityMode), cm.syntaxHighlighting(cm.classHighlighter),
        cm.indentUnit.of("  "), cm.EditorView.lineWrapping,
        ...editorSmarts(cm),
        // Tab is left alone, so keyboard users can move on from the editor.
        cm.keymap.of([...cm.lintKeymap, ...cm.defaultKeymap, ...cm.historyKeymap]),
        cm.EditorView.contentAttributes.of({
          id: "editor-text", "aria-labelledby": "editor-text-label", "aria-describedby": "editor-keys editor-status",
          spellcheck: "false", autocapitalize: "off", autocorrect: "off", tabindex: "0",
        }),
        cm.EditorView.updateListener.of((u) => { if (u.docChanged) onChange(); }),
      ],
    }),
  });
  return {
    kind: "codemirror",
    view,
    text: () => view.state.doc.toString(),
    doc: () => view.state.doc,
    setText(t) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
    },
    replace(from, to, insert) {
      view.dispatch({ changes: { from, to, insert }, selection: { anchor: from + insert.length }, scrollIntoView: true });
    },
    select(from, to) {
      view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
      view.focus();
    },
    focus: () => view.focus(),
    show(list) {
      view.dispatch(cm.setDiagnostics(view.state, list.map((d) => ({
        from: d.from, to: d.to, severity: d.severity, source: d.source,
        message: d.message, renderMessage: d.render,
        actions: d.actions.map((a) => ({ name: a.name, apply: () => a.apply() })),
      }))));
    },
    destroy: () => view.destroy(),
  };
}

function textAreaSurface(parent, text, onChange) {
  const area = h("textarea", {
    class: "govuk-textarea app-code app-editor", id: "editor-text", rows: "28", spellcheck: "false",
    autocapitalize: "off", autocomplete: "off", "aria-labelledby": "editor-text-label", "aria-describedby": "editor-status",
  });
  area.value = text;
  area.addEventListener("input", onChange);
  parent.append(area);
  let version = 0;
  area.addEventListener("input", () => { version++; });
  return {
    kind: "textarea",
    text: () => area.value,
    doc: () => version,
    setText(t) { area.value = t; version++; onChange(); },
    replace(from, to, insert) {
      area.value = area.value.slice(0, from) + insert + area.value.slice(to);
      version++;
      area.focus();
      area.setSelectionRange(from + insert.length, from + insert.length);
      onChange();
    },
    select(from, to) {
      area.focus();
      area.setSelectionRange(from, to);
      const line = area.value.slice(0, from).split("\n").length;
      const lineHeight = area.scrollHeight / Math.max(1, area.value.split("\n").length);
      area.scrollTop = Math.max(0, (line - 5) * lineHeight);
    },
    focus: () => area.focus(),
    show() { /* the list beside the editor says it all */ },
    destroy() {},
  };
}

// ---------------------------------------------------------------- the view

export function editorView(main) {
  const shipped = engine.shipped();
  const draft = loadDraft("editor") || { base: shipped[0].name, text: shipped[0].text, good: shipped[0].text, goodAt: null };
  const fileName = () => `${draft.base}.rules (edited)`;
  let disposed = false;
  let surface = null;
  let goodBook = null; // the last version that compiled, in the start-up module
  let goodBinary = null; // its compiled form
  let compileDiags = [];
  let lintDiags = [];
  let compiledDoc = null;

  put(main,
    h("h1", { class: "govuk-heading-l" }, tx("nav.editor")),
    h("p", { class: "govuk-body-l" }, tx("editor.lead")));

  const baseSelect = h("select", { class: "govuk-select", id: "editor-base" },
    shipped.map((b) => h("option", { value: b.name, selected: b.name === draft.base }, b.file)));
  const host = h("div", { class: "app-cm", id: "editor-host" });
  const status = h("div", { id: "editor-status", role: "status", "aria-live": "polite" });
  const diagList = h("div", { id: "diagnostics" });
  const tests = h("div", { id: "editor-tests" });
  const lintBox = h("div", { id: "lint" });
  const lintStatus = h("p", { class: "govuk-body-s", id: "lint-status", role: "status", "aria-live": "polite" });

  // ---- diagnostics -> the editor's marks and the list beside it

  function fromCompiler(d, text) {
    if (!d.utf16) return null;
    const from = Math.min(d.utf16.start, text.length);
    let to = Math.min(d.utf16.end, text.length);
    if (to <= from) to = Math.min(text.length, from + 1);
    const actions = [];
    if (d.fix && d.fix_utf16) {
      const fixFrom = d.fix_utf16.start;
      const fixTo = d.fix_utf16.end;
      actions.push({ name: `Replace with \`${d.fix.replacement}\``, apply: () => applyFix(fixFrom, fixTo, d.fix.replacement) });
    }
    return {
      from, to, severity: d.severity === "info" ? "info" : d.severity, source: `probity ${d.code}`,
      message: [d.message, ...d.notes.map((n) => `Note: ${n}`), d.hint ? `Help: ${d.hint}` : ""].filter(Boolean).join("\n"),
      render: () => diagnosticBody(d), actions,
    };
  }

  function applyFix(from, to, replacement) {
    if (!surface || surface.doc() !== compiledDoc) return; // the text moved on: the next compile offers it again
    surface.replace(from, to, replacement);
    surface.focus();
  }

  function diagnosticBody(d) {
    return h("div", { class: "app-cm-diagnostic" },
      h("strong", {}, `${d.severity} ${d.code}: `), d.message,
      d.notes.map((n) => h("div", { class: "app-cm-note" }, `Note: ${n}`)),
      d.hint ? h("div", { class: "app-cm-help" }, `Help: ${d.hint}`) : null);
  }

  function showMarks() {
    if (surface) surface.show([...compileDiags, ...lintDiags].filter(Boolean));
  }

  // ---- compiling

  // The editor module compiles (loaded when the editor first needs it); the start-up module
  // loads what it compiled and runs the rule tests (engine.compileText). If the editor module
  // cannot load (the network gone), the status says why nothing compiles.
  let toolsProblem = null;
  let waitingForTools = false;

  function compile() {
    if (disposed || !surface) return;
    const t = engine.tools();
    if (!t && !toolsProblem) {
      if (!waitingForTools) {
        waitingForTools = true;
        put(clear(status), h("p", { class: "govuk-body", id: "compile-loading" }, tx("editor.loading")));
        engine.loadTools().then(() => {}, (e) => { toolsProblem = engine.toolsProblem(e); })
          .finally(() => { waitingForTools = false; compile(); });
      }
      return;
    }
    const text = surface.text();
    draft.text = text;
    compiledDoc = surface.doc();
    const out = engine.compileText(fileName(), text);
    clear(status);
    clear(diagList);
    clear(tests);
    if (out.internal) {
      put(status, h("p", { class: "govuk-error-message" }, tx("editor.compilerFailed", { why: out.internal })));
      saveDraft("editor", draft);
      return;
    }
    compileDiags = out.diagnostics.map((d) => fromCompiler(d, text));
    lintDiags = [];
    const errors = out.diagnostics.filter((d) => d.severity === "error");
    if (out.rulebook) {
      if (goodBook) goodBook.free();
      goodBook = out.rulebook;
      goodBinary = out.binary;
      draft.good = text;
      draft.goodAt = new Date().toISOString();
      const run = engine.guard(() => goodBook.runTests());
      const n = goodBook.rules().length;
      put(status, h("p", { class: "govuk-body app-ok", id: "compile-ok" },
        h("strong", { class: "govuk-tag govuk-tag--green" }, tx("editor.compiles")),
        run.internal ? ` ${tx("editor.testsNotRun", { n, why: run.internal })}`
          : ` ${tx("editor.tests", { n, passed: run.passed, failed: run.failed })}`));
      const failed = run.internal ? [] : run.results.filter((r) => !r.passed);
      if (failed.length) {
        put(tests, h("h2", { class: "govuk-heading-s" }, tx("editor.failing")),
          h("ul", { class: "govuk-list govuk-list--bullet", id: "failing-tests" }, failed.map((r) => h("li", {},
            goButton(`line ${r.line}`, r.utf16), `: ${r.name}`,
            h("ul", { class: "govuk-list govuk-body-s" }, r.failures.map((f) => h("li", {}, f)))))));
      }
      if (t) {
        lintStatus.textContent = tx("editor.analysing");
        lintSoon();
      } else {
        clear(lintBox);
        lintStatus.textContent = tx("editor.noAnalysis", { why: toolsProblem });
      }
    } else {
      clear(lintBox);
      lintStatus.textContent = tx("editor.analysisWhen");
      put(status, h("p", { class: "govuk-body", id: "compile-failed" },
        h("strong", { class: "govuk-tag govuk-tag--red" }, tx("editor.broken")),
        ` ${errors.length} error${errors.length === 1 ? "" : "s"}. `,
        draft.good ? tx("editor.goodKept") : "",
        draft.good ? h("button", {
          type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0", id: "restore-good",
          onclick: () => { surface.setText(draft.good); compile(); surface.focus(); },
        }, tx("editor.restoreGood")) : null));
    }
    if (out.diagnostics.length) {
      put(diagList, h("h2", { class: "govuk-heading-s" }, tx("editor.diagnostics")),
        h("ul", { class: "govuk-list app-diagnostics" }, out.diagnostics.map((d, i) => diagnosticItem(d, compileDiags[i]))));
    }
    showMarks();
    saveDraft("editor", draft);
  }

  /** A button that selects the character at `at` (a UTF-16 offset) in the editor. */
  function goButton(label, at) {
    return h("button", {
      type: "button", class: "app-link-button govuk-link",
      onclick: () => {
        const text = surface.text();
        const from = Math.min(at, text.length);
        surface.select(from, Math.min(text.length, from + 1));
      },
    }, label);
  }

  function diagnosticItem(d, mark) {
    const loc = d.location;
    const where = loc.type === "source" ? `${loc.file_name}:${loc.line}:${loc.column}` : "";
    const fix = mark && mark.actions[0];
    return h("li", { class: `app-diagnostic app-diagnostic--${d.severity}`, "data-code": d.code },
      h("strong", { class: `govuk-tag ${d.severity === "error" ? "govuk-tag--red" : "govuk-tag--orange"}` }, `${d.severity} ${d.code}`), " ",
      loc.type === "source" && d.utf16 ? goButton(`line ${loc.line}, column ${loc.column}`, d.utf16.start) : null,
      loc.type === "source" ? h("span", { class: "app-where" }, ` (${where})`) : null,
      h("p", { class: "govuk-body govuk-!-margin-bottom-1" }, d.message),
      d.notes.map((n) => h("p", { class: "govuk-body-s govuk-!-margin-bottom-1" }, `Note: ${n}`)),
      d.hint ? h("p", { class: "govuk-body-s govuk-!-margin-bottom-1" }, `Help: ${d.hint}`) : null,
      fix ? h("button", {
        type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-1 app-fix",
        onclick: () => fix.apply(),
      }, fix.name) : null);
  }

  // ---- the static analysis, a little after compiling (it takes longer)

  const lintSoon = debounce(lint, 400);

  // The analysis runs in the Web Worker (engine.js): the editor stays responsive while it
  // works, and a newer text (or leaving the editor) cancels the run in progress.
  let linting = null;
  const LISTED = 200;
  // The worker's lint module has no compiler: it loads the program compiled here, handed over in
  // its compiled form (written once per compile, engine.compileText) with its text; for an older
  // text the worker is handed none and engine.inWorker has it written.
  let analysed = null;
  function forAnalysis(text) {
    if (!analysed || analysed.text !== text) analysed = { file: fileName(), text, binary: draft.good === text ? goodBinary : undefined };
    return analysed;
  }
  async function lint() {
    if (disposed || !goodBook || !surface || surface.doc() !== compiledDoc || draft.good !== surface.text()) return;
    const text = surface.text();
    const doc = compiledDoc;
    if (linting) linting.cancel();
    // The first findings (each table's first of each kind) come at once and are drawn while
    // the rest is worked out; the whole answer then replaces them.
    const current = () => linting === task && !disposed && surface && surface.doc() === doc;
    const task = engine.inWorker("lint", forAnalysis(text), [], {
      onFirst: (first) => { if (current()) showLint(first, text, true); },
    });
    linting = task;
    const result = await task.promise;
    if (linting === task) linting = null;
    if (disposed || result.cancelled || !surface || surface.doc() !== doc) return;
    showLint(result, text, false);
  }

  /** Draw an analysis: the first findings (`first`, the rest still being worked out) or the
   *  whole answer. */
  function showLint(result, text, first) {
    clear(lintBox);
    if (result.internal) {
      lintStatus.textContent = tx("editor.analysisFailed", { why: result.internal });
      return;
    }
    const mine = result.findings.filter((f) => f.file === fileName());
    lintDiags = mine.map((f) => {
      const from = Math.min(f.utf16, text.length);
      const actions = f.witness ? [{ name: tx("editor.openWitness"), apply: () => openWitness(draft.base, f.witness) }] : [];
      if (f.fix) actions.unshift({ name: f.fix.title, apply: () => applyFix(f.fix.utf16_start, f.fix.utf16_end, f.fix.replacement) });
      return {
        from, to: tokenEnd(text, from), severity: "warning", source: `probity lint ${f.kind}`,
        message: lintWords(f), render: () => h("div", { class: "app-cm-diagnostic" }, h("strong", {}, `lint ${f.kind}: `), lintWords(f)),
        actions,
      };
    });
    showMarks();
    lintStatus.textContent = first ? tx("editor.firstFindings", { n: result.findings.length })
      : `${result.findings.length} finding${result.findings.length === 1 ? "" : "s"} in ${result.declarations} declarations`
      + `${result.undecided.length ? `; ${result.undecided.length} not decided (outside the decidable fragment)` : ""}.`;
    lintStatus.dataset.stage = first ? "first" : "whole";
    if (result.findings.length) {
      // A large table can have thousands of overlaps: the first LISTED are drawn here (each is
      // marked in the text all the same), so drawing never takes longer than the analysis.
      const listed = result.findings.slice(0, LISTED);
      put(lintBox, h("ul", { class: "govuk-list app-diagnostics", id: "lint-findings" }, listed.map((f) => lintItem(f, text))));
      if (result.findings.length > LISTED) {
        put(lintBox, h("p", { class: "govuk-body-s", id: "lint-more" }, tx("editor.findingsShown", { shown: LISTED, n: result.findings.length })));
      }
    }
    if (result.undecided.length) {
      put(lintBox, h("details", { class: "govuk-details" },
        h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, `Not decided (${result.undecided.length})`)),
        h("ul", { class: "govuk-list govuk-body-s govuk-details__text" }, result.undecided.map((u) => h("li", {},
          goButton(`line ${u.line}`, u.utf16), ` ${u.id} (${u.what}): ${u.reason}`)))));
    }
  }

  function lintWords(f) {
    return `${f.message}${f.rows && f.rows.length ? ` (row${f.rows.length === 1 ? "" : "s"} ${f.rows.join(", ")})` : ""}`;
  }

  // A document for each box of a table's gaps, on request: worked out in the Web Worker from the
  // text that was analysed (the finding itself carries one document, for its first box).
  const EACH_SHOWN = 100;
  function gapEach(f, text) {
    const box = h("div", { class: "app-gap-each" });
    const button = h("button", {
      type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-1 app-gap-each-button",
      "aria-label": `${tx("editor.gapEach")} (${f.id})`,
      onclick: async () => {
        button.disabled = true;
        put(clear(box), h("p", { class: "govuk-body-s", role: "status" }, tx("editor.gapEachWorking")));
        const answer = await engine.inWorker("gapWitnesses", forAnalysis(text), [f.id]).promise;
        button.disabled = false;
        if (answer && answer.cancelled) { clear(box); return; }
        if (!Array.isArray(answer)) {
          put(clear(box), h("p", { class: "govuk-body-s", role: "status" }, tx("editor.analysisFailed", { why: (answer && answer.internal) || "no such table" })));
          return;
        }
        put(clear(box),
          h("p", { class: "govuk-body-s", role: "status" }, answer.length > EACH_SHOWN
            ? tx("editor.gapEachSome", { n: answer.length, shown: EACH_SHOWN })
            : tx("editor.gapEachAll", { n: answer.length })),
          h("ol", { class: "govuk-list govuk-list--number govuk-body-s app-gap-boxes" }, answer.slice(0, EACH_SHOWN).map((b) => h("li", {},
            h("p", { class: "govuk-body-s govuk-!-margin-bottom-1" }, b.cases.length ? b.cases.join(" and ") : tx("editor.everyCase")),
            b.witness ? [
              h("pre", { class: "app-code app-witness", tabindex: "0" }, JSON.stringify(b.witness, null, 2)),
              h("p", { class: "govuk-body-s govuk-!-margin-bottom-1" }, tx(b.reproduces ? "editor.reproduces" : "editor.notReproduced")),
              h("button", {
                type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-1 app-open-witness",
                onclick: () => openWitness(draft.base, b.witness),
              }, tx("editor.openWitness"))]
              : h("p", { class: "govuk-body-s" }, tx("editor.noDocument"))))));
      },
    }, tx("editor.gapEach"));
    return [button, box];
  }

  // An overlap names every earlier row its row shares cases with: the first with the finding's
  // own cases, the others here, each with the cases it shares (the first few of them).
  const PARTNERS_SHOWN = 20;
  function sharedWith(partners) {
    const cases = (boxes) => boxes.slice(0, 3).map((b) => (b.length ? b.join(" and ") : tx("editor.everyCase"))).join("; or ")
      + (boxes.length > 3 ? "; …" : "");
    return h("details", { class: "govuk-details govuk-!-margin-bottom-2 app-shared-rows" },
      h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, tx("editor.sharedRows", { n: partners.length }))),
      h("div", { class: "govuk-details__text" },
        h("ul", { class: "govuk-list govuk-body-s" }, partners.slice(0, PARTNERS_SHOWN).map((p) => h("li", {}, `${tx("editor.sharedWith", { row: p.row })} ${cases(p.boxes)}`))),
        partners.length > PARTNERS_SHOWN ? h("p", { class: "govuk-body-s" }, tx("editor.sharedMore", { n: partners.length - PARTNERS_SHOWN })) : null));
  }

  function lintItem(f, text) {
    const witnessId = `witness-${f.kind}-${f.id}-${f.line}`;
    return h("li", { class: "app-diagnostic app-lint", "data-kind": f.kind, "data-id": f.id },
      h("strong", { class: "govuk-tag govuk-tag--orange" }, human(f.kind.replace(/-/g, " "))), " ",
      goButton(`line ${f.line}, column ${f.column}`, f.utf16),
      h("span", { class: "app-where" }, ` (${f.id})`),
      h("p", { class: "govuk-body govuk-!-margin-bottom-1" }, lintWords(f)),
      f.boxes && f.boxes.length ? h("ul", { class: "govuk-list govuk-list--bullet govuk-body-s" },
        f.boxes.slice(0, 6).map((b) => h("li", {}, b.length ? b.join(" and ") : "every case"))) : null,
      f.partners && f.partners.length ? sharedWith(f.partners) : null,
      f.witness ? [
        h("details", { class: "govuk-details govuk-!-margin-bottom-2" },
          h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, tx("editor.witness"))),
          h("div", { class: "govuk-details__text" },
            h("pre", { class: "app-code app-witness", id: witnessId, tabindex: "0" }, JSON.stringify(f.witness, null, 2)))),
        h("p", { class: "govuk-body-s govuk-!-margin-bottom-1" }, tx(f.reproduces ? "editor.reproduces" : "editor.notReproduced")),
        h("button", {
          type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-1 app-open-witness",
          "aria-label": `${tx("editor.openWitness")} (${f.kind}: ${f.id})`, // starts with its visible text
          onclick: () => openWitness(draft.base, f.witness),
        }, tx("editor.openWitness"))] : null,
      f.kind === "gap" && f.boxes && f.boxes.length > 1 ? gapEach(f, text) : null);
  }

  // ---- the page around the editor

  // Replacing the text (a shipped rulebook, a file) keeps the text it replaces, with an undo.
  const notices = h("div", { id: "notices" });
  function keepText(what) {
    if (!surface || !keepEarlier("editor", { ...draft, text: surface.text() }, what)) return;
    clear(notices).append(undoBanner(what, () => {
      const back = undo("editor");
      if (!back || !surface) return;
      draft.base = back.base;
      surface.setText(back.text);
      compile();
    }));
  }

  const importInput = h("input", {
    class: "govuk-file-upload", type: "file", id: "editor-import", accept: ".rules,text/plain",
    onchange: async () => {
      const [file] = await readFiles(importInput);
      if (file && surface) { keepText("undo.editorOpen"); surface.setText(file.text); compile(); }
    },
  });

  put(main,
    notices,
    h("div", { class: "govuk-form-group app-no-print" },
      h("label", { class: "govuk-label", for: "editor-base" }, tx("editor.base")),
      baseSelect, " ",
      h("button", {
        type: "button", class: "govuk-button govuk-button--secondary", id: "editor-reset",
        onclick: () => {
          const b = shipped.find((x) => x.name === baseSelect.value);
          keepText("undo.editorLoad");
          draft.base = b.name;
          surface.setText(b.text);
          compile();
        },
      }, tx("editor.load"))),
    h("div", { class: "govuk-grid-row" },
      h("div", { class: "govuk-grid-column-two-thirds" },
        h("div", { class: "govuk-form-group" },
          h("p", { class: "govuk-label govuk-label--s", id: "editor-text-label", onclick: () => surface && surface.focus() }, tx("editor.text")),
          h("p", { class: "govuk-hint", id: "editor-keys" },
            tx("editor.keys")),
          host)),
      h("div", { class: "govuk-grid-column-one-third" },
        h("h2", { class: "govuk-heading-m" }, tx("print.result")),
        status, diagList, tests,
        h("h2", { class: "govuk-heading-s" }, tx("editor.lint")),
        lintStatus, lintBox,
        h("h2", { class: "govuk-heading-s" }, tx("editor.files")),
        h("div", { class: "govuk-form-group" },
          h("label", { class: "govuk-label", for: "editor-import" }, tx("editor.open")), importInput),
        h("button", {
          type: "button", class: "govuk-button govuk-button--secondary",
          onclick: () => download(`${draft.base}-draft.json`, { file: fileName(), text: surface ? surface.text() : draft.text }),
        }, tx("editor.export")))));

  const run = debounce(compile, 250);
  const changed = () => {
    if (!surface) return;
    draft.text = surface.text();
    saveDraft("editor", draft);
    run();
  };
  const ready = (s) => {
    if (disposed) { s.destroy(); return; }
    surface = s;
    host.dataset.editor = s.kind;
    compile();
  };
  loadCodeMirror().then(
    (cm) => ready(codeMirrorSurface(cm, host, draft.text, changed)),
    () => ready(textAreaSurface(host, draft.text, changed)));

  return {
    dispose: () => {
      disposed = true;
      if (linting) linting.cancel();
      if (surface) surface.destroy();
      if (goodBook) goodBook.free();
      goodBook = null;
    },
  };
}
