// Renders a Report (and a refused document's diagnostics) as GOV.UK markup. The same functions
// draw the live panel and the print view; they only present what the Report says.
import { h, human, longDate, period } from "./dom.js";

const VERDICT = {
  clean: { text: "No problems found", cls: "app-verdict--clean" },
  warnings: { text: "No errors: read the notes", cls: "app-verdict--warnings" },
  errors: { text: "This breaks the rules", cls: "app-verdict--errors" },
};

/** The rules the verdict rests on whose law is not verified (the door's caveats), or nothing. */
function caveatList(caveats) {
  if (!caveats || !caveats.length) return null;
  return h("details", { class: "govuk-details govuk-!-margin-bottom-0 govuk-!-margin-top-1", id: "caveats" },
    h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" },
      `This rests on ${caveats.length} rule${caveats.length === 1 ? "" : "s"} whose law is not verified`)),
    h("div", { class: "govuk-details__text" }, h("ul", { class: "govuk-list govuk-list--bullet" },
      caveats.map((c) => h("li", { "data-rule": c.rule }, c.sentence)))));
}

export function verdictBanner(report, caveats = []) {
  const v = VERDICT[report.verdict] || VERDICT.errors;
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const unsettled = report.findings.filter((f) => f.severity === "unsettled").length;
  const others = report.findings.length - errors - unsettled;
  const counts = [];
  if (errors) counts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (unsettled) counts.push(`${unsettled} point${unsettled === 1 ? "" : "s"} where the law can be read two ways`);
  if (others) counts.push(`${others} note${others === 1 ? "" : "s"}`);
  return h("div", { class: `app-verdict ${v.cls}`, id: "verdict" },
    h("p", { class: "govuk-heading-m govuk-!-margin-bottom-1" }, v.text),
    h("p", { class: "govuk-body govuk-!-margin-bottom-0" },
      counts.length ? `${counts.join(", ")}.` : "Every rule in force was checked.",
      report.law_date ? ` Law in force on ${longDate(report.law_date)}: ${report.in_force} rules apply, ${report.not_in_force} do not.` : "",
      caveats && caveats.length ? ` ${caveats.length} of the rules applied ${caveats.length === 1 ? "is" : "are"} not verified against the law.` : ""),
    caveatList(caveats));
}

// How each severity is tagged: a colour and words a clerk cannot mistake ("two readings" is
// neither "unlawful" nor "lawful").
const SEVERITY = {
  error: { cls: "govuk-tag--red", text: "error" },
  warning: { cls: "govuk-tag--orange", text: "warning" },
  unsettled: { cls: "govuk-tag--purple", text: "two readings" },
  info: { cls: "govuk-tag--blue", text: "note" },
};

/** One finding: title, message, the rule's explanation, citation, period in force, links to the
 *  fields it concerns. */
export function finding(f, linkFor) {
  const tag = SEVERITY[f.severity] || SEVERITY.info;
  return h("li", { class: "app-finding", "data-rule": f.rule, "data-severity": f.severity },
    h("h3", { class: "govuk-heading-s govuk-!-margin-bottom-1" },
      h("strong", { class: `govuk-tag ${tag.cls} app-tag` }, tag.text), " ", f.title),
    h("p", { class: "govuk-body govuk-!-margin-bottom-1 app-message" }, f.message),
    f.explain ? h("p", { class: "govuk-body-s govuk-!-margin-bottom-1 app-explain" }, f.explain) : null,
    h("p", { class: "govuk-body-s govuk-!-margin-bottom-1 app-cite" },
      h("span", { class: "app-label" }, "Law: "), f.cite, ". ", period(f.in_force), "."),
    f.paths.length && linkFor
      ? h("p", { class: "govuk-body-s govuk-!-margin-bottom-0" }, "Concerns: ",
        f.paths.map((p, i) => [i ? ", " : "", linkFor(p)]))
      : null,
    f.trace.length
      ? h("details", { class: "govuk-details govuk-!-margin-bottom-0 govuk-!-margin-top-1" },
        h("summary", { class: "govuk-details__summary" },
          h("span", { class: "govuk-details__summary-text" }, "Why: the facts that made this rule fire")),
        h("div", { class: "govuk-details__text" }, h("ul", { class: "govuk-list govuk-list--bullet" },
          f.trace.map((fact) => h("li", {},
            fact.words, fact.holds ? ": yes" : ": no",
            fact.values.length ? ", since " : "",
            fact.values.map((v, i) => [i ? ", " : "", `${v.words} is ${v.value}`]))))))
      : null);
}

export function findings(report, linkFor) {
  if (!report.findings.length) return null;
  return h("ol", { class: "app-findings", id: "findings" }, report.findings.map((f) => finding(f, linkFor)));
}

export function routes(report) {
  if (!report.routes.length) return null;
  return h("dl", { class: "govuk-summary-list", id: "routes" },
    report.routes.map((r) => h("div", { class: "govuk-summary-list__row" },
      h("dt", { class: "govuk-summary-list__key" }, r.title),
      h("dd", { class: "govuk-summary-list__value" },
        // The door's reason says the output, the row and why it applies, in words.
        r.reason ? h("span", { class: "app-route-reason" }, r.reason)
          : [h("strong", {}, r.output ? human(r.output) : "No decision"), r.matched_rows.length ? ` (row ${r.matched_rows.join(", ")})` : ""],
        h("br"), h("span", { class: "govuk-body-s" }, r.cite)))));
}

export function values(report) {
  if (!report.values.length) return null;
  return h("dl", { class: "govuk-summary-list", id: "values" },
    report.values.map((v) => h("div", { class: "govuk-summary-list__row" },
      h("dt", { class: "govuk-summary-list__key" }, v.title),
      h("dd", { class: "govuk-summary-list__value" },
        h("strong", {}, v.display), h("br"), h("span", { class: "govuk-body-s" }, v.cite)))));
}

/** Diagnostics for a document the rulebook's schema refused (nothing was checked). */
export function refused(diags, linkFor) {
  return h("div", { class: "govuk-inset-text", id: "incomplete" },
    h("p", { class: "govuk-body" }, "Fill in or correct these before the rules can be checked:"),
    h("ul", { class: "govuk-list govuk-list--bullet" },
      diags.map((d) => {
        const path = d.location && d.location.type === "document" ? d.location.path : "";
        return h("li", {}, path && linkFor ? [linkFor(path), ": "] : "", d.message);
      })));
}

export function internalError(message) {
  return h("div", { class: "govuk-error-summary", role: "alert" },
    h("h2", { class: "govuk-error-summary__title" }, "Something went wrong inside the checker"),
    h("div", { class: "govuk-error-summary__body" },
      h("p", { class: "govuk-body" }, message),
      h("p", { class: "govuk-body" }, "Reload the page. Your draft is kept.")));
}

/** Which rulebook made a report: name, version and the start of its SHA-256. */
export function provenance(report) {
  return report.rulebooks.map((b) => `${b.title || b.name} ${b.version} (sha256 ${b.sha256.slice(0, 12)})`).join("; ");
}
