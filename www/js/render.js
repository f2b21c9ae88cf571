// Renders a Report (and a refused document's diagnostics) as GOV.UK markup. The same functions
// draw the live panel and the print view; they only present what the Report says.
import { h, human, longDate, period } from "./dom.js";
import { t, tn } from "./i18n.js";

const VERDICT = {
  clean: { text: "verdict.clean", cls: "app-verdict--clean" },
  warnings: { text: "verdict.warnings", cls: "app-verdict--warnings" },
  errors: { text: "verdict.errors", cls: "app-verdict--errors" },
};

/** The rules the verdict rests on whose law is not verified (the door's caveats), or nothing. */
function caveatList(caveats) {
  if (!caveats || !caveats.length) return null;
  return h("details", { class: "govuk-details govuk-!-margin-bottom-0 govuk-!-margin-top-1", id: "caveats" },
    h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" },
      tn("verdict.caveats", caveats.length))),
    h("div", { class: "govuk-details__text" }, h("ul", { class: "govuk-list govuk-list--bullet" },
      caveats.map((c) => h("li", { "data-rule": c.rule }, c.sentence)))));
}

export function verdictBanner(report, caveats = []) {
  const v = VERDICT[report.verdict] || VERDICT.errors;
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const unsettled = report.findings.filter((f) => f.severity === "unsettled").length;
  const others = report.findings.length - errors - unsettled;
  const counts = [];
  if (errors) counts.push(tn("count.errors", errors));
  if (unsettled) counts.push(tn("count.unsettled", unsettled));
  if (others) counts.push(tn("count.notes", others));
  return h("div", { class: `app-verdict ${v.cls}`, id: "verdict" },
    h("p", { class: "govuk-heading-m govuk-!-margin-bottom-1" }, t(v.text)),
    h("p", { class: "govuk-body govuk-!-margin-bottom-0" },
      counts.length ? `${counts.join(", ")}.` : t("verdict.allChecked"),
      report.law_date ? ` ${t("verdict.lawOn", { date: longDate(report.law_date), apply: report.in_force, not: report.not_in_force })}` : "",
      caveats && caveats.length ? ` ${tn("verdict.unverified", caveats.length)}` : ""),
    caveatList(caveats));
}

// How each severity is tagged: a colour and words a clerk cannot mistake ("two readings" is
// neither "unlawful" nor "lawful").
const SEVERITY = {
  error: { cls: "govuk-tag--red", text: "tag.error" },
  warning: { cls: "govuk-tag--orange", text: "tag.warning" },
  unsettled: { cls: "govuk-tag--purple", text: "tag.unsettled" },
  info: { cls: "govuk-tag--blue", text: "tag.info" },
};

/** One finding: title, message, the rule's explanation, citation, period in force, links to the
 *  fields it concerns. */
export function finding(f, linkFor) {
  const tag = SEVERITY[f.severity] || SEVERITY.info;
  return h("li", { class: "app-finding", "data-rule": f.rule, "data-severity": f.severity },
    h("h3", { class: "govuk-heading-s govuk-!-margin-bottom-1" },
      h("strong", { class: `govuk-tag ${tag.cls} app-tag` }, t(tag.text)), " ", f.title),
    h("p", { class: "govuk-body govuk-!-margin-bottom-1 app-message" }, f.message),
    f.explain ? h("p", { class: "govuk-body-s govuk-!-margin-bottom-1 app-explain" }, f.explain) : null,
    h("p", { class: "govuk-body-s govuk-!-margin-bottom-1 app-cite" },
      h("span", { class: "app-label" }, t("finding.law")), f.cite, ". ", period(f.in_force), "."),
    f.paths.length && linkFor
      ? h("p", { class: "govuk-body-s govuk-!-margin-bottom-0" }, t("finding.concerns"),
        f.paths.map((p, i) => [i ? ", " : "", linkFor(p)]))
      : null,
    f.trace.length
      ? h("details", { class: "govuk-details govuk-!-margin-bottom-0 govuk-!-margin-top-1" },
        h("summary", { class: "govuk-details__summary" },
          h("span", { class: "govuk-details__summary-text" }, t("finding.why"))),
        h("div", { class: "govuk-details__text" }, h("ul", { class: "govuk-list govuk-list--bullet" },
          f.trace.map((fact) => h("li", {},
            fact.words, fact.holds ? t("finding.holds") : t("finding.fails"),
            fact.values.length ? t("finding.since") : "",
            fact.values.map((v, i) => [i ? ", " : "", t("finding.is", { words: v.words, value: v.value })]))))))
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
          : [h("strong", {}, r.output ? human(r.output) : t("route.none")), r.matched_rows.length ? ` ${t("route.row", { rows: r.matched_rows.join(", ") })}` : ""],
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

/** Diagnostics for a document the rulebook's schema refused (nothing was checked), or, with
 * the lead "unchecked.lead", a report's errors: rules that could not be decided on a document
 * that was read (the others were). */
export function refused(diags, linkFor, lead = "refused.lead") {
  return h("div", { class: "govuk-inset-text", id: "incomplete" },
    h("p", { class: "govuk-body" }, t(lead)),
    h("ul", { class: "govuk-list govuk-list--bullet" },
      diags.map((d) => {
        const path = d.location && d.location.type === "document" ? d.location.path : "";
        if (!path || !linkFor) return h("li", {}, d.message);
        // A message that opens with the field's own name ("Age at conviction is missing") links
        // that name; any other follows the link.
        const link = linkFor(path);
        const name = link.textContent;
        return h("li", {}, name && d.message.startsWith(name) ? [link, d.message.slice(name.length)] : [link, ": ", d.message]);
      })));
}

export function internalError(message) {
  return h("div", { class: "govuk-error-summary", role: "alert" },
    h("h2", { class: "govuk-error-summary__title" }, t("internal.title")),
    h("div", { class: "govuk-error-summary__body" },
      h("p", { class: "govuk-body" }, message),
      h("p", { class: "govuk-body" }, t("internal.reload"))));
}

/** Which rulebook made a report: name, version and the start of its SHA-256. */
export function provenance(report) {
  return report.rulebooks.map((b) => `${b.title || b.name} ${b.version} (sha256 ${b.sha256.slice(0, 12)})`).join("; ");
}
