// The rule editor (rule authors): rule text in, diagnostics with line and column out, and the
// rulebook's own tests run on every version that compiles. The draft and the last version that
// compiled are both kept, so a broken edit never loses the last good rulebook.
import * as engine from "./engine.js";
import { h, put, clear, debounce } from "./dom.js";
import { loadDraft, saveDraft, download, readFiles } from "./store.js";

export function editorView(main) {
  const shipped = engine.shipped();
  const draft = loadDraft("editor") || { base: shipped[0].name, text: shipped[0].text, good: shipped[0].text, goodAt: null };
  const fileName = () => `${draft.base}.rules (edited)`;

  put(main, 
    h("h1", { class: "govuk-heading-l" }, "Rule editor"),
    h("p", { class: "govuk-body-l" }, "Change a rulebook and see at once whether it still compiles and whether its own tests still pass. Nothing you type leaves this browser."));

  const baseSelect = h("select", { class: "govuk-select", id: "editor-base" },
    shipped.map((b) => h("option", { value: b.name, selected: b.name === draft.base }, b.file)));
  const text = h("textarea", {
    class: "govuk-textarea app-code app-editor", id: "editor-text", rows: "28", spellcheck: "false",
    autocapitalize: "off", autocomplete: "off", "aria-describedby": "editor-status",
  });
  text.value = draft.text;
  const status = h("div", { id: "editor-status", role: "status", "aria-live": "polite" });
  const diagList = h("div", { id: "diagnostics" });
  const tests = h("div", { id: "editor-tests" });
  let goodBook = null;

  function compile() {
    draft.text = text.value;
    const out = engine.compileText(fileName(), text.value);
    clear(status);
    clear(diagList);
    clear(tests);
    if (out.internal) {
      put(status, h("p", { class: "govuk-error-message" }, `The compiler failed: ${out.internal}`));
      saveDraft("editor", draft);
      return;
    }
    const errors = out.diagnostics.filter((d) => d.severity === "error");
    if (out.rulebook) {
      if (goodBook) goodBook.free();
      goodBook = out.rulebook;
      draft.good = text.value;
      draft.goodAt = new Date().toISOString();
      const run = goodBook.runTests();
      const n = goodBook.rules().length;
      put(status, h("p", { class: "govuk-body app-ok", id: "compile-ok" },
        h("strong", { class: "govuk-tag govuk-tag--green" }, "Compiles"),
        ` ${n} declarations. Tests: ${run.passed} passed, ${run.failed} failed.`));
      const failed = run.results.filter((r) => !r.passed);
      if (failed.length) {
        put(tests, h("h2", { class: "govuk-heading-s" }, "Failing tests"),
          h("ul", { class: "govuk-list govuk-list--bullet", id: "failing-tests" }, failed.map((r) => h("li", {},
            button(`line ${r.line}`, r.line, 1), `: ${r.name}`,
            h("ul", { class: "govuk-list govuk-body-s" }, r.failures.map((f) => h("li", {}, f)))))));
      }
    } else {
      put(status, h("p", { class: "govuk-body", id: "compile-failed" },
        h("strong", { class: "govuk-tag govuk-tag--red" }, "Does not compile"),
        ` ${errors.length} error${errors.length === 1 ? "" : "s"}. `,
        draft.good ? "The last version that compiled is kept; " : "",
        draft.good ? h("button", {
          type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0", id: "restore-good",
          onclick: () => { text.value = draft.good; compile(); text.focus(); },
        }, "Go back to the last version that compiled") : null));
    }
    if (out.diagnostics.length) {
      put(diagList, h("h2", { class: "govuk-heading-s" }, "Diagnostics"),
        h("ul", { class: "govuk-list app-diagnostics" }, out.diagnostics.map(diagnostic)));
    }
    saveDraft("editor", draft);
  }

  function button(label, line, column) {
    return h("button", {
      type: "button", class: "app-link-button govuk-link",
      onclick: () => goTo(line, column),
    }, label);
  }

  function goTo(line, column) {
    const lines = text.value.split("\n");
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, column - 1);
    text.focus();
    text.setSelectionRange(offset, offset + 1);
    const lineHeight = text.scrollHeight / Math.max(1, lines.length);
    text.scrollTop = Math.max(0, (line - 5) * lineHeight);
  }

  function diagnostic(d) {
    const loc = d.location;
    const where = loc.type === "source" ? `${loc.file_name}:${loc.line}:${loc.column}` : "";
    return h("li", { class: `app-diagnostic app-diagnostic--${d.severity}` },
      h("strong", { class: `govuk-tag ${d.severity === "error" ? "govuk-tag--red" : "govuk-tag--orange"}` }, `${d.severity} ${d.code}`), " ",
      loc.type === "source" ? button(`line ${loc.line}, column ${loc.column}`, loc.line, loc.column) : null,
      loc.type === "source" ? h("span", { class: "app-where" }, ` (${where})`) : null,
      h("p", { class: "govuk-body govuk-!-margin-bottom-1" }, d.message),
      d.notes.map((n) => h("p", { class: "govuk-body-s govuk-!-margin-bottom-1" }, `Note: ${n}`)),
      d.hint ? h("p", { class: "govuk-body-s" }, `Hint: ${d.hint}`) : null);
  }

  const run = debounce(compile, 200);
  text.addEventListener("input", () => { draft.text = text.value; saveDraft("editor", draft); run(); });

  const importInput = h("input", {
    class: "govuk-file-upload", type: "file", id: "editor-import", accept: ".rules,text/plain",
    onchange: async () => {
      const [file] = await readFiles(importInput);
      if (file) { text.value = file.text; compile(); }
    },
  });

  put(main, 
    h("div", { class: "govuk-form-group app-no-print" },
      h("label", { class: "govuk-label", for: "editor-base" }, "Start from a shipped rulebook"),
      baseSelect, " ",
      h("button", {
        type: "button", class: "govuk-button govuk-button--secondary", id: "editor-reset",
        onclick: () => {
          const b = shipped.find((x) => x.name === baseSelect.value);
          draft.base = b.name;
          text.value = b.text;
          compile();
        },
      }, "Load it (replaces your text)")),
    h("div", { class: "govuk-grid-row" },
      h("div", { class: "govuk-grid-column-two-thirds" },
        h("div", { class: "govuk-form-group" },
          h("label", { class: "govuk-label govuk-label--s", for: "editor-text" }, "Rule text"),
          text)),
      h("div", { class: "govuk-grid-column-one-third" },
        h("h2", { class: "govuk-heading-m" }, "Result"),
        status, diagList, tests,
        h("h2", { class: "govuk-heading-s" }, "Files"),
        h("div", { class: "govuk-form-group" },
          h("label", { class: "govuk-label", for: "editor-import" }, "Open a .rules file"), importInput),
        h("button", {
          type: "button", class: "govuk-button govuk-button--secondary",
          onclick: () => download(`${draft.base}-draft.json`, { file: fileName(), text: text.value }),
        }, "Export as JSON"))));
  compile();
  return { dispose: () => { if (goodBook) goodBook.free(); goodBook = null; } };
}
