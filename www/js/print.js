// The print view: the order in court words, for a legal adviser to read out or put on the court
// file. The requirements with their units, periods and end dates, the result and findings with
// their law, the law applied, the exact rulebook (version and SHA-256), the date checked, and a case
// reference and court name the user may type (kept in this browser). Print CSS hides the rest.
import * as engine from "./engine.js";
import { h, put, human } from "./dom.js";
import * as render from "./render.js";
import { loadDraft, saveDraft } from "./store.js";
import { PARTS } from "./checker.js";
import { t, tn, longDateIn } from "./i18n.js";

/** "320 hours" / "320 awr": a number with its unit, in the language in use. */
const plural = (n, one) => tn(`unit.${one}`, Number(n));

/** "2023-04-06" plus `days` days, as ISO. */
function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** One requirement as a court would say it (the fields it holds, each with its unit). */
export function requirementWords(r) {
  const kind = String(r.kind || "");
  const em = r.em === true ? t("court.em") : r.em === false ? t("court.noEm") : "";
  switch (kind) {
    case "unpaid_work":
      return t("court.unpaidWork", { hours: plural(r.hours ?? 0, "hour"), within: plural(r.work_period ?? 12, "month") });
    case "curfew": {
      const times = r.from && r.until ? t("court.times", { from: r.from, until: r.until }) : "";
      const week = r.hours_per_week != null ? t("court.week", { hours: plural(r.hours_per_week, "hour") }) : "";
      return t("court.curfew", { hours: plural(r.hours_per_day ?? 0, "hour"), times, week, period: plural(r.period ?? 0, "month"), em });
    }
    case "rehabilitation_activity":
      return t("court.rar", { days: plural(r.max_days ?? 0, "day") });
    case "exclusion":
      return t("court.exclusion", { period: plural(r.period ?? 0, "month"), em });
    case "drug_rehabilitation":
      return t("court.drugRehab", { period: plural(r.period ?? 0, "month"), review: r.review ? t("court.reviews") : "" });
    case "alcohol_abstinence_monitoring":
      return t("court.aam", { days: plural(r.days ?? 0, "day") });
    case "attendance_centre":
      return t("court.attendance", { hours: plural(r.hours ?? 0, "hour") });
    default: {
      const parts = Object.entries(r).filter(([k, v]) => !["kind", "punitive", "locally_available"].includes(k) && v !== null && typeof v !== "object")
        .map(([k, v]) => `${human(k).toLowerCase()} ${v === true ? t("yes").toLowerCase() : v === false ? t("no").toLowerCase() : v}`);
      return t("court.other", { kind: human(kind), parts: parts.length ? ` (${parts.join(", ")})` : "" });
    }
  }
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function printView(main) {
  const part = PARTS.check;
  const { rulebook } = engine.book(part.book);
  const doc = loadDraft("check") ?? rulebook?.examples().find((e) => e.name === part.example)?.document;
  put(main, h("h1", { class: "govuk-heading-l" }, t("print.title")));
  if (!rulebook || !doc) {
    put(main, h("p", { class: "govuk-body" }, t("print.none"), " ", h("a", { class: "govuk-link", href: "#/check" }, t("print.goCheck"))));
    return null;
  }
  const header = loadDraft("print") || {};
  const caseText = h("span", { id: "print-case" }, header.caseRef || "");
  const courtText = h("span", { id: "print-court" }, header.court || "");
  const field = (id, label, name, shown) => h("div", { class: "govuk-form-group" },
    h("label", { class: "govuk-label", for: id }, label),
    h("input", {
      class: "govuk-input govuk-!-width-two-thirds", id, type: "text", value: header[name] || "", autocomplete: "off",
      oninput: (e) => {
        header[name] = e.target.value;
        saveDraft("print", header);
        shown.textContent = e.target.value;
      },
    }));
  const checkedOn = today();
  const checked = engine.guard(() => rulebook.checkWithTimeline(doc));
  const out = checked && checked.outcome ? checked.outcome : checked || { internal: "no answer" };
  const tl = checked && checked.timeline;
  const info = rulebook.info();
  put(main,
    h("div", { class: "app-no-print" },
      field("print-case-input", t("print.caseRef"), "caseRef", caseText),
      field("print-court-input", t("print.court"), "court", courtText),
      h("div", { class: "govuk-button-group" },
        h("button", { type: "button", class: "govuk-button", id: "print-button", onclick: () => window.print() }, t("print.button")),
        h("a", { class: "govuk-link", href: "#/check" }, t("print.back")))),
    h("dl", { class: "govuk-summary-list", id: "print-meta" },
      metaRow(t("print.courtName"), courtText),
      metaRow(t("print.case"), caseText),
      metaRow(t("print.checkedOn"), longDateIn(checkedOn)),
      metaRow(t("print.rules"), h("span", { id: "print-rulebook" },
        info.map((b) => `${b.title || b.name} ${b.version} (sha256 ${b.sha256.slice(0, 12)})`).join("; "))),
      out.ok && out.report.law_date ? metaRow(t("print.lawOn"), longDateIn(out.report.law_date)) : null),
    h("h2", { class: "govuk-heading-m" }, t("print.order")),
    orderWords(doc, tl));
  if (out.internal) {
    put(main, render.internalError(out.internal));
  } else if (!out.ok) {
    put(main, h("h2", { class: "govuk-heading-m" }, t("print.notChecked")), render.refused(out.diagnostics, null));
  } else {
    const report = out.report;
    const cites = [...new Set(report.findings.map((f) => f.cite))];
    put(main,
      h("h2", { class: "govuk-heading-m" }, t("print.result")),
      render.verdictBanner(report),
      report.findings.length ? [h("h2", { class: "govuk-heading-m" }, t("print.findings")), render.findings(report, null)] : null,
      report.values.length ? [h("h2", { class: "govuk-heading-m" }, t("print.dates")), render.values(report)] : null,
      h("h2", { class: "govuk-heading-m" }, t("print.law")),
      h("p", { class: "govuk-body", id: "print-law" },
        t("court.lawApplied", { date: longDateIn(report.law_date || checkedOn), in: report.in_force, out: report.not_in_force, from: render.provenance(report) })),
      cites.length ? h("ul", { class: "govuk-list govuk-list--bullet" }, cites.map((c) => h("li", {}, c))) : null);
  }
  put(main, h("p", { class: "govuk-body-s" }, t("print.foot")));
  return null;
}

function metaRow(k, v) {
  return h("div", { class: "govuk-summary-list__row" },
    h("dt", { class: "govuk-summary-list__key" }, k), h("dd", { class: "govuk-summary-list__value" }, v));
}

/** The order: its kind, dates and length, then each requirement in words with its end date. */
function orderWords(doc, tl) {
  const items = new Map((tl && tl.items ? tl.items : []).map((i) => [i.path, i]));
  const lines = [];
  const kind = doc.kind ? human(doc.kind) : t("court.order");
  const made = doc.sentence_date ? t("court.made", { date: longDateIn(doc.sentence_date) }) : "";
  const length = doc.length != null ? `, ${plural(doc.length, "month")}` : "";
  lines.push(h("p", { class: "govuk-body-l", id: "print-order-line" }, `${kind}${made}${length}.`));
  if (tl && tl.start && tl.end) {
    lines.push(h("p", { class: "govuk-body", id: "print-runs" },
      t("print.runs", { start: longDateIn(tl.start), end: longDateIn(tl.end), length: tl.length.display })));
  }
  const reqs = Array.isArray(doc.requirements) ? doc.requirements : [];
  if (reqs.length) {
    lines.push(h("h3", { class: "govuk-heading-s" }, t("print.requirements")),
      h("ol", { class: "govuk-list govuk-list--number", id: "print-requirements" }, reqs.map((r, i) => {
        const item = items.get(`requirements[${i}]`);
        let ends = "";
        // Unpaid work carries its own period in its words (the hours are done within it).
        if (item && tl && tl.start && !(r && r.kind === "unpaid_work" && !item.lasts)) {
          ends = item.lasts && item.days != null
            ? t("court.lasts", { lasts: item.lasts.display, date: longDateIn(addDays(tl.start, item.days)) })
            : t("court.whole");
        }
        return h("li", {}, `${requirementWords(r || {})}${ends}${r && r.punitive ? t("court.punitive") : ""}.`);
      })));
  }
  const facts = [];
  if (doc.offence_date) facts.push(t("court.offence", { date: longDateIn(doc.offence_date) }));
  if (doc.conviction_date) facts.push(t("court.convicted", { date: longDateIn(doc.conviction_date) }));
  if (doc.offender && doc.offender.age != null) facts.push(t("court.age", { age: doc.offender.age }));
  if (doc.home_local_justice_area) facts.push(t("court.lja", { area: doc.home_local_justice_area }));
  if (facts.length) lines.push(h("p", { class: "govuk-body", id: "print-facts" }, t("court.offender", { facts: facts.join("; ") })));
  return h("div", { id: "print-order" }, lines);
}


