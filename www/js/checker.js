// The checker view (clerk): a schema-built form for one document, findings that update as you
// type, each linked to its field; for orders, the end date and a timeline of the requirements.
// The draft is saved on every change. Used for orders (#/check) and case routing (#/routing).
import * as engine from "./engine.js";
import { h, put, human, longDate, clear, s } from "./dom.js";
import { createForm } from "./form.js";
import * as render from "./render.js";
import { loadDraft, saveDraft, download, readFiles, parseJson } from "./store.js";

export const PARTS = {
  check: {
    book: "community_orders",
    title: "Check a community order or suspended sentence order",
    lead: "Enter the offender's details and the requirements the court is considering. The findings on the right update as you type, each with the law it comes from.",
    example: "lawful_order",
  },
  routing: {
    book: "routing",
    title: "Who does the work on a probation case",
    lead: "Enter the facts of the case and the kind of work. The routing table for the law in force on the allocation date decides who does it.",
    example: null,
  },
  tiering: {
    book: "tiering",
    title: "Tier a case",
    lead: "Enter the case as the Probation Service's tier calculation sees it: registrations, scores and assessment answers, and the date to tier it on. The tier and how each part of it was reached appear on the right, each with the rule of the service it comes from.",
    example: "base",
  },
};

/** Which view an example from a rulebook opens in, and how to hand it over. */
export function openExample(bookName, doc) {
  const part = Object.entries(PARTS).find(([, p]) => p.book === bookName);
  if (part) {
    saveDraft(part[0], doc);
    location.hash = `#/${part[0]}`;
    return;
  }
  const specs = loadDraft("contracts") || [];
  specs.push(doc);
  saveDraft("contracts", specs);
  location.hash = `#/contracts?spec=${specs.length}`;
}

/** Open a lint witness from the rule editor: checked against the editor's last version that
 *  compiled (`?rules=edited`), in the view for the rulebook the edit started from (the order
 *  checker for any other). Kept in its own draft, so the clerk's draft is not replaced. */
export function openWitness(bookName, doc) {
  const partName = Object.entries(PARTS).find(([, p]) => p.book === bookName)?.[0] || "check";
  saveDraft(`${partName}.edited`, doc);
  location.hash = `#/${partName}?rules=edited`;
}

/** The rule editor's last version that compiled: { rulebook, base } or { error }. */
function editedRulebook() {
  const draft = loadDraft("editor");
  if (!draft || !draft.good) return { error: "The rule editor has no version of the rules that compiles yet." };
  const out = engine.compileText(`${draft.base}.rules (edited)`, draft.good);
  if (out.internal) return { error: out.internal };
  if (!out.rulebook) return { error: "The edited rules no longer compile." };
  return { rulebook: out.rulebook, base: draft.base };
}

export function checkerView(main, params, partName) {
  const part = PARTS[partName];
  const edited = params.get("rules") === "edited" ? editedRulebook() : null;
  if (edited && edited.error) {
    put(main, h("h1", { class: "govuk-heading-l" }, part.title),
      render.internalError(edited.error),
      h("p", { class: "govuk-body" }, h("a", { class: "govuk-link", href: "#/editor" }, "Back to the rule editor")));
    return null;
  }
  const { rulebook, diagnostics } = edited ? { rulebook: edited.rulebook, diagnostics: [] } : engine.book(part.book);
  const sameSchema = !edited || edited.base === part.book;
  const draftKey = edited ? `${partName}.edited` : partName;
  put(main, h("h1", { class: "govuk-heading-l" }, sameSchema ? part.title : "Check a document against your edited rules"));
  if (!rulebook) {
    put(main, render.internalError(`The shipped rulebook did not compile: ${diagnostics.map((d) => d.message).join("; ")}`));
    return null;
  }
  if (edited) {
    put(main, h("div", { class: "govuk-inset-text", id: "edited-rules" },
      "Checked against your edited rules from the rule editor (the last version that compiled), not the shipped rulebook. ",
      h("a", { class: "govuk-link", href: "#/editor" }, "Back to the rule editor"), " or ",
      h("a", { class: "govuk-link", href: `#/${partName}` }, "check with the shipped rules"), "."));
  }
  const schema = rulebook.schema();
  const examples = rulebook.examples();
  const results = h("div", { id: "results" });
  const status = h("p", { class: "govuk-body govuk-!-font-weight-bold", id: "status", role: "status", "aria-live": "polite" });
  const extra = h("div", { id: "timeline-panel" });
  const saved = h("p", { class: "govuk-body-s app-saved", id: "draft-status" });

  const form = createForm(schema, { prefix: `${partName}-`, onChange: () => update() });

  const linkFor = (path) => h("a", {
    class: "govuk-link", href: `#/${partName}?field=${encodeURIComponent(path)}`,
    onclick: (e) => { e.preventDefault(); focusField(path); },
  }, path || "the document");

  function focusField(path) {
    const el = form.focusTarget(path);
    if (!el) return;
    el.scrollIntoView({ block: "center" });
    el.focus();
  }

  const recheck = () => {
    const t0 = performance.now();
    try { recheckNow(); } finally { performance.measure("probity:recheck", { start: t0 }); }
  };
  const recheckNow = () => {
    const doc = form.model;
    saveDraft(draftKey, doc);
    saved.textContent = "Draft saved in this browser.";
    // One call checks the document and lays out its timeline (one read, one check).
    const checked = engine.guard(() => rulebook.checkWithTimeline(doc));
    const out = checked && checked.outcome ? checked.outcome : checked || { internal: "no answer" };
    clear(results);
    clear(extra);
    if (out.internal) {
      put(results, render.internalError(out.internal));
      status.textContent = "The checker failed.";
      return;
    }
    if (!out.ok) {
      form.mark(out.diagnostics.map((d) => ({
        path: d.location.type === "document" ? d.location.path : "",
        severity: "error",
        text: d.message,
      })).filter((m) => m.path && !m.path.startsWith("(")));
      status.textContent = `Not checked yet: ${out.diagnostics.length} thing${out.diagnostics.length === 1 ? "" : "s"} to fill in or correct.`;
      put(results, render.refused(out.diagnostics, linkFor));
      return;
    }
    const report = out.report;
    if (!performance.getEntriesByName("probity:first-findings").length) performance.mark("probity:first-findings");
    form.mark(report.findings.flatMap((f) => f.paths.map((p) => ({ path: p, severity: f.severity, text: f.message }))));
    const errors = report.findings.filter((f) => f.severity === "error").length;
    status.textContent = report.verdict === "clean" ? "Checked: no findings."
      : `${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}, ${errors} error${errors === 1 ? "" : "s"}.`;
    put(results, 
      render.verdictBanner(report),
      render.findings(report, linkFor),
      report.routes.length ? [h("h3", { class: "govuk-heading-s" }, "Decision"), render.routes(report)] : null,
      report.values.length ? [h("h3", { class: "govuk-heading-s" }, "Derived dates and values"), render.values(report)] : null,
      report.errors.length ? render.refused(report.errors, null) : null,
      h("p", { class: "govuk-body-s" }, "Rules: ", render.provenance(report)));
    if (sameSchema) {
      const drawn = timeline(checked.timeline, linkFor);
      if (drawn) extra.append(drawn);
    }
  };
  // A keystroke's findings in the next frame: the recheck takes a few milliseconds on the largest
  // rulebook (tests/page/measure.mjs), so it need not wait for typing to pause; keystrokes within
  // one frame are checked once.
  let frame = 0;
  const update = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; recheck(); });
  };

  const start = loadDraft(draftKey)
    ?? examples.find((e) => e.name === part.example)?.document
    ?? form.newDocument();
  form.set(structuredClone(start));

  const exampleSelect = h("select", { class: "govuk-select", id: "example-select" },
    h("option", { value: "" }, "A blank form"),
    examples.map((e) => h("option", { value: e.name }, human(e.name))));
  const importInput = h("input", {
    class: "govuk-file-upload", type: "file", id: "import-file", accept: "application/json,.json",
    onchange: async () => {
      const [file] = await readFiles(importInput);
      if (!file) return;
      const v = parseJson(file.text, file.name); // refuses not-JSON, too big, too deep
      if (v.error) {
        clear(results).append(render.refused([{ message: v.error, location: { type: "none" } }], null));
        return;
      }
      form.set(v.value);
      recheck();
    },
  });

  put(main, 
    h("p", { class: "govuk-body-l" }, part.lead),
    h("div", { class: "govuk-grid-row" },
      h("div", { class: "govuk-grid-column-one-half" },
        h("form", { class: "app-doc-form", id: `${partName}-form`, onsubmit: (e) => e.preventDefault(), novalidate: true },
          form.element),
        saved,
        h("details", { class: "govuk-details app-no-print" },
          h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, "Start again, import or export")),
          h("div", { class: "govuk-details__text" },
            h("div", { class: "govuk-form-group" },
              h("label", { class: "govuk-label", for: "example-select" }, "Start again from"),
              exampleSelect, " ",
              h("button", {
                type: "button", class: "govuk-button govuk-button--secondary", id: "start-again",
                onclick: () => {
                  const ex = examples.find((e) => e.name === exampleSelect.value);
                  form.set(structuredClone(ex ? ex.document : form.newDocument()));
                  recheck();
                },
              }, "Start again")),
            h("div", { class: "govuk-form-group" },
              h("label", { class: "govuk-label", for: "import-file" }, "Import a document (JSON)"), importInput),
            h("button", {
              type: "button", class: "govuk-button govuk-button--secondary", id: "export",
              onclick: () => download(`${part.book}-draft.json`, form.model),
            }, "Export this document as JSON")))),
      // The results scroll on their own beside the form: focusable, so a keyboard can scroll them.
      h("div", { class: "govuk-grid-column-one-half app-results", tabindex: "0", role: "region", "aria-label": "Findings" },
        h("h2", { class: "govuk-heading-m" }, "Findings"),
        status,
        results,
        extra,
        partName === "check" && !edited
          ? h("p", { class: "govuk-body app-no-print" }, h("a", { class: "govuk-link", href: "#/print", id: "print-link" }, "Open a printable report of this check"))
          : null,
        partName === "check" && !edited
          ? h("p", { class: "govuk-body app-no-print" }, h("a", {
            class: "govuk-link", href: "#/explore", id: "explore-link",
            onclick: () => saveDraft(draftKey, form.model), // the explorer opens the draft as it is now
          }, "What can I add? How do I fix this?"))
          : null)));
  recheck();

  const dispose = edited ? () => rulebook.free() : null;
  const field = params.get("field");
  if (field !== null) {
    focusField(field);
    return { focused: true, dispose };
  }
  return dispose ? { dispose } : null;
}

/** The document's period and a picture of each item against it, as the library lays them out
 *  (`Rulebook.checkWithTimeline`: the fields the rulebook marks as a start and a duration).
 *  Nothing when the rulebook marks no period. */
function timeline(t, linkFor) {
  if (!t || (!t.start_field && !t.length_field)) return null;
  const out = h("div", { class: "app-timeline", id: "timeline" }, h("h2", { class: "govuk-heading-m" }, "Timeline"));
  if (t.start && t.end) {
    put(out, h("p", { class: "govuk-body", id: "end-date" },
      "It runs from ", h("strong", {}, longDate(t.start)), " to ", h("strong", {}, longDate(t.end)),
      ` (${t.length.display}; the day it ends depends on how the court words the order).`));
  } else {
    put(out, h("p", { class: "govuk-body" },
      `Enter the ${human(t.start_field || "start date")} and the ${human(t.length_field || "length")} to see the end date.`));
  }
  if (t.events.length) {
    put(out, h("h3", { class: "govuk-heading-s" }, "What has happened since the order was made"),
      h("ol", { class: "govuk-list govuk-list--number", id: "timeline-events" }, t.events.map((e) => h("li", { "data-flagged": String(e.flagged) },
        h("strong", {}, longDate(e.date)), `: ${human(e.case || "event")} `, linkFor(e.path),
        e.flagged ? h("strong", { class: "govuk-tag govuk-tag--red app-tag" }, "see the findings") : null))));
  }
  if (!t.items.length || !t.days) return out;
  const scale = Math.max(t.days, ...t.items.map((r) => r.days || 0));
  const W = 480, L = 170, R = 10, rowH = 26, top = 24;
  const x = (d) => L + (d / scale) * (W - L - R);
  const n = t.items.length;
  const svg = s("svg", {
    viewBox: `0 0 ${W} ${top + n * rowH + 30}`, class: "app-timeline__svg", role: "img",
    "aria-labelledby": "timeline-title", focusable: "false",
  }, s("title", { id: "timeline-title" }, `Timeline of ${n} items against a period of ${t.length.display}`));
  svg.append(s("line", { x1: x(0), x2: x(0), y1: 10, y2: top + n * rowH, class: "app-axis" }));
  svg.append(s("line", { x1: x(t.days), x2: x(t.days), y1: 10, y2: top + n * rowH, class: "app-axis app-axis--end" }));
  svg.append(s("text", { x: x(t.days), y: 12, class: "app-axis-label", "text-anchor": "end" }, `ends: ${t.length.display}`));
  for (const [k, r] of t.items.entries()) {
    const y = top + k * rowH;
    svg.append(s("text", { x: 0, y: y + 16, class: "app-bar-label" }, `${k + 1}. ${human(r.case || "?")}`));
    const w = Math.max(2, x(r.days ?? t.days) - x(0));
    svg.append(s("rect", {
      x: x(0), y: y + 4, width: w, height: rowH - 10, rx: 2,
      class: `app-bar${r.lasts === null ? " app-bar--whole" : ""}${r.flagged ? " app-bar--flagged" : ""}`,
    }));
  }
  svg.append(s("text", { x: x(0), y: top + n * rowH + 18, class: "app-axis-label" }, longDate(t.start)));
  put(out, svg,
    h("table", { class: "govuk-table app-timeline__table" },
      h("caption", { class: "govuk-table__caption govuk-table__caption--s" }, "What it holds and how long each lasts"),
      h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
        h("th", { class: "govuk-table__header", scope: "col" }, "Item"),
        h("th", { class: "govuk-table__header", scope: "col" }, "Lasts"),
        h("th", { class: "govuk-table__header", scope: "col" }, "Findings"))),
      h("tbody", { class: "govuk-table__body" }, t.items.map((r) => h("tr", { class: "govuk-table__row" },
        h("td", { class: "govuk-table__cell" }, linkFor(r.path), " ", human(r.case || "?")),
        h("td", { class: "govuk-table__cell" }, r.lasts ? r.lasts.display : "the whole period"),
        h("td", { class: "govuk-table__cell" }, r.flagged ? "Yes" : "None"))))));
  return out;
}
