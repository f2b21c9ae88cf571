// The print view: the current order draft's check as a report for the court file: the facts, the
// findings with their citations, derived dates, the date checked and the exact rulebook version.
import * as engine from "./engine.js";
import { h, put, human, longDate } from "./dom.js";
import * as render from "./render.js";
import { loadDraft } from "./store.js";
import { PARTS } from "./checker.js";

export function printView(main) {
  const part = PARTS.check;
  const { rulebook } = engine.book(part.book);
  const doc = loadDraft("check") ?? rulebook?.examples().find((e) => e.name === part.example)?.document;
  put(main, h("h1", { class: "govuk-heading-l" }, "Check of a proposed order"));
  if (!rulebook || !doc) {
    put(main, h("p", { class: "govuk-body" }, "There is no order to report on. ", h("a", { class: "govuk-link", href: "#/check" }, "Go to the order checker")));
    return null;
  }
  const today = new Date();
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  const out = engine.check(rulebook, doc);
  put(main, 
    h("div", { class: "govuk-button-group app-no-print" },
      h("button", { type: "button", class: "govuk-button", id: "print-button", onclick: () => window.print() }, "Print this report"),
      h("a", { class: "govuk-link", href: "#/check" }, "Back to the order checker")),
    h("dl", { class: "govuk-summary-list", id: "print-meta" },
      metaRow("Checked on", longDate(iso)),
      metaRow("Rules used", out.ok ? render.provenance(out.report) : rulebook.info().map((b) => `${b.name} ${b.version}`).join("; ")),
      out.ok && out.report.law_date ? metaRow("Law in force on", longDate(out.report.law_date)) : null),
    h("h2", { class: "govuk-heading-m" }, "The order"),
    facts(doc));
  if (out.internal) {
    put(main, render.internalError(out.internal));
  } else if (!out.ok) {
    put(main, h("h2", { class: "govuk-heading-m" }, "Not checked"), render.refused(out.diagnostics, null));
  } else {
    put(main, 
      h("h2", { class: "govuk-heading-m" }, "Result"),
      render.verdictBanner(out.report),
      h("h2", { class: "govuk-heading-m" }, "Findings"),
      render.findings(out.report, (p) => h("code", {}, p)),
      out.report.values.length ? [h("h2", { class: "govuk-heading-m" }, "Derived dates"), render.values(out.report)] : null);
  }
  put(main, h("p", { class: "govuk-body-s" }, "This report was produced in the browser by probity. It is a checking aid: the court decides."));
  return null;
}

function metaRow(k, v) {
  return h("div", { class: "govuk-summary-list__row" },
    h("dt", { class: "govuk-summary-list__key" }, k), h("dd", { class: "govuk-summary-list__value" }, v));
}

function show(v) {
  if (v === true) return "Yes";
  if (v === false) return "No";
  if (v === null || v === undefined) return "Not recorded";
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return longDate(v);
  if (typeof v === "string") return human(v);
  return String(v);
}

/** The document's facts as summary lists; requirements one per row. */
function facts(doc) {
  const rows = [];
  for (const [k, v] of Object.entries(doc)) {
    if (Array.isArray(v)) {
      rows.push(metaRow(human(k), h("ol", { class: "govuk-list govuk-list--number" }, v.map((item) => h("li", {},
        item && typeof item === "object"
          ? `${human(item.kind || "")}: ${Object.entries(item).filter(([f]) => f !== "kind").map(([f, x]) => `${human(f).toLowerCase()} ${show(x)}`).join(", ")}`
          : show(item))))));
    } else if (v && typeof v === "object") {
      rows.push(metaRow(human(k), Object.entries(v).map(([f, x]) => `${human(f)}: ${show(x)}`).join("; ")));
    } else {
      rows.push(metaRow(human(k), show(v)));
    }
  }
  return h("dl", { class: "govuk-summary-list", id: "print-facts" }, rows);
}
