// The explainer view (public): every shipped rule read as a document, with its citation, dates in
// force and examples that open in the checker; routes tables drawn as tables. All words come from
// the rulebooks themselves through the WASM face.
import * as engine from "./engine.js";
import { h, put, human, period, paragraphs } from "./dom.js";
import { openExample } from "./checker.js";
import { t, t as tx } from "./i18n.js";

const KIND = { rule: "kind.rule", conflict: "kind.conflict", routes: "kind.routes", derive: "kind.derive" };

export function explainerView(main, params) {
  put(main, 
    h("h1", { class: "govuk-heading-l" }, t("nav.rules")),
    h("p", { class: "govuk-body-l" }, t("rules.lead")));
  const books = engine.shipped().map((b) => ({ ...b, ...engine.book(b.name) })).filter((b) => b.rulebook);
  const filter = h("input", { class: "govuk-input govuk-!-width-one-half", id: "rule-filter", type: "search", autocomplete: "off", "aria-describedby": "rule-filter-count" });
  const filterCount = h("p", { class: "govuk-hint", id: "rule-filter-count", role: "status" });
  put(main, 
    h("nav", { class: "app-contents", "aria-label": t("rules.books") },
      h("h2", { class: "govuk-heading-s" }, t("rules.books")),
      h("ul", { class: "govuk-list" }, books.map((b) => h("li", {},
        h("a", { class: "govuk-link", href: `#/rules?at=book-${b.name}`, onclick: (e) => { e.preventDefault(); jump(`book-${b.name}`); } },
          b.rulebook.info()[0]?.title || b.name))))),
    h("div", { class: "govuk-form-group" },
      h("label", { class: "govuk-label", for: "rule-filter" }, t("filter.label")),
      filter, filterCount));
  const entries = [];
  const compact = window.matchMedia("(max-width: 40.0525em)").matches;
  const folds = [];
  for (const b of books) {
    const info = b.rulebook.info()[0] || { title: b.name, version: "" };
    const tables = new Map(b.rulebook.routes().map((t) => [`${t.id}|${t.in_force.from}|${t.in_force.until}`, t]));
    const section = h("section", { class: "app-book", id: `book-${b.name}`, tabindex: "-1", "aria-labelledby": `book-${b.name}-h` },
      h("h2", { class: "govuk-heading-l", id: `book-${b.name}-h` }, info.title),
      h("p", { class: "govuk-body-s" }, t("rules.bookLine", { name: info.name, version: info.version, file: b.file })));
    const rules = b.rulebook.rules();
    const counts = new Map();
    for (const r of rules) counts.set(r.id, (counts.get(r.id) || 0) + 1);
    // On a phone a rulebook's rules start folded (the whole explainer would be hundreds of
    // screens long): a filter, or choosing the rulebook, opens them.
    const holder = compact
      ? h("details", { class: "govuk-details app-book__rules", id: `book-${b.name}-rules` },
        h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, t("rules.count", { n: rules.length }))))
      : section;
    if (compact) folds.push(holder);
    for (const r of rules) {
      const el = entry(b.name, r, tables.get(`${r.id}|${r.in_force.from}|${r.in_force.until}`));
      el.append(versions(b.name, r, counts.get(r.id)));
      entries.push({ el, text: `${r.id} ${r.title} ${r.cite} ${r.explain}`.toLowerCase() });
      put(holder, el);
    }
    if (compact) put(section, holder);
    put(main, section);
  }
  filter.addEventListener("input", () => {
    const q = filter.value.trim().toLowerCase();
    for (const fold of folds) fold.open = q !== "";
    for (const e of entries) e.el.hidden = q !== "" && !e.text.includes(q);
    filterCount.textContent = q ? t("filter.count", { shown: entries.filter((e) => !e.el.hidden).length, total: entries.length }) : "";
  });
  const at = params.get("at");
  if (at) {
    jump(at);
    return { focused: true };
  }
  return null;
}

function jump(id) {
  const el = document.getElementById(id);
  if (!el) return;
  const fold = el.querySelector("details.app-book__rules") || el.closest("details.app-book__rules");
  if (fold) fold.open = true;
  el.scrollIntoView();
  el.focus();
}

/** How a rule version's law was checked, in words for the public. */
function checked(v) {
  if (!v) return t("rules.notStated");
  return v.verified ? t("rules.verified", { note: v.note }) : t("rules.unverified", { note: v.note });
}

function entry(bookName, r, table) {
  const id = `rule-${bookName}-${r.id}-${r.in_force.from || "start"}`;
  return h("article", { class: "app-rule", id, "data-rule": r.id },
    h("h3", { class: "govuk-heading-m govuk-!-margin-bottom-2" }, r.title),
    h("dl", { class: "govuk-summary-list govuk-summary-list--no-border app-rule__facts" },
      row(t("rules.kind"), `${KIND[r.kind] ? t(KIND[r.kind]) : r.kind}${r.kind === "rule" ? ` (${t(`tag.${r.severity === "unsettled" ? "unsettled" : r.severity}`)})` : ""}`),
      row(t("rules.law"), r.cite),
      row(t("rules.inForce"), period(r.in_force, r.by)),
      row(t("rules.howChecked"), checked(r.verification)),
      row(t("rules.id"), h("code", {}, r.id))),
    paragraphs(r.explain),
    table ? routesTable(table) : null,
    r.lawful || r.unlawful
      ? h("div", { class: "govuk-button-group app-no-print" },
        r.lawful ? exampleButton(bookName, r.lawful, "lawful", r.title) : null,
        r.unlawful ? exampleButton(bookName, r.unlawful, "unlawful", r.title) : null)
      : null);
}

/** The rule as written and its versions over time (`describe`, in the start-up module, on the
 *  rulebook the page has loaded: worked out when a rule is first opened). */
function versions(bookName, r, count) {
  const body = h("div", { class: "govuk-details__text" });
  const details = h("details", { class: "govuk-details app-versions", "data-versions": r.id },
    h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" },
      count > 1 ? t("rules.versions", { count }) : t("rules.asWritten"))),
    body);
  let asked = false;
  details.addEventListener("toggle", () => {
    if (!details.open || asked) return;
    asked = true;
    const { rulebook, diagnostics } = engine.book(bookName);
    const d = rulebook ? engine.guard(() => rulebook.describe(r.id)) : { internal: diagnostics.map((x) => x.message).join("; ") };
    describeInto(body, r, d);
  });
  return details;
}

function describeInto(body, r, d) {
  if (!d || d.internal) {
    put(body, h("p", { class: "govuk-body" }, d && d.internal ? t("rules.unreadable", { why: d.internal }) : t("rules.notFound")));
    return;
  }
  const same = (v) => v.in_force.from === r.in_force.from && v.in_force.until === r.in_force.until;
  put(body,
    d.versions.length > 1 ? h("p", { class: "govuk-body" }, t("rules.history", { n: d.versions.length })) : null,
    h("ol", { class: "govuk-list app-version-list" }, d.versions.map((v, i) => h("li", { class: `app-version${same(v) ? " app-version--this" : ""}` },
      h("h4", { class: "govuk-heading-s govuk-!-margin-bottom-1" },
        d.versions.length > 1 ? t("rules.versionN", { n: i + 1 }) : "", period(v.in_force, v.by), same(v) && d.versions.length > 1 ? t("rules.thisVersion") : ""),
      h("p", { class: "govuk-body-s govuk-!-margin-bottom-1" }, `${v.title}. ${v.cite}. `, h("span", { class: "app-where" }, `${v.file}:${v.line}`)),
      h("pre", { class: "app-code app-rule-text", tabindex: "0", "aria-label": t("rules.versionLabel", { n: i + 1, id: r.id }) }, v.text)))));
}

function row(key, value) {
  return h("div", { class: "govuk-summary-list__row" },
    h("dt", { class: "govuk-summary-list__key" }, key),
    h("dd", { class: "govuk-summary-list__value" }, value));
}

function exampleButton(bookName, ex, which, title) {
  const text = which === "lawful" ? t("rules.lawfulExample") : t("rules.unlawfulExample");
  return h("button", {
    type: "button",
    class: `govuk-button ${which === "lawful" ? "govuk-button--secondary" : "govuk-button--warning"}`,
    "aria-label": `${text}: ${title} (${ex.name})`,
    "data-example": which,
    onclick: () => openExample(bookName, structuredClone(ex.document)),
  }, text);
}

/** A routes table drawn as a table: row, condition, decision, law. */
export function routesTable(t) {
  return h("table", { class: "govuk-table app-routes" },
    h("caption", { class: "govuk-table__caption govuk-table__caption--s" },
      tx("routes.caption", { title: t.title, decides: human(t.decides).toLowerCase(), policy: t.policy, words: policyWords(t.policy) })),
    h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
      h("th", { class: "govuk-table__header", scope: "col" }, tx("routes.row")),
      h("th", { class: "govuk-table__header", scope: "col" }, tx("routes.when")),
      h("th", { class: "govuk-table__header", scope: "col" }, tx("routes.who")),
      h("th", { class: "govuk-table__header", scope: "col" }, tx("rules.law")))),
    h("tbody", { class: "govuk-table__body" }, t.rows.map((r, i) => h("tr", { class: "govuk-table__row" },
      h("th", { class: "govuk-table__header", scope: "row" }, String(i + 1)),
      h("td", { class: "govuk-table__cell" }, h("code", { class: "app-when" }, r.when.replace(/\s+/g, " "))),
      h("td", { class: "govuk-table__cell" }, h("strong", {}, human(r.output))),
      h("td", { class: "govuk-table__cell govuk-body-s" }, r.cite || t.cite)))));
}

function policyWords(p) {
  return {
    unique: "policy.unique",
    first: "policy.first",
    any: "policy.any",
    priority: "policy.priority",
  }[p] ? tx(`policy.${p}`) : p;
}
