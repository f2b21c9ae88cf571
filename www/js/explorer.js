// The combination explorer (clerk): for the order draft the checker keeps in this browser, what
// could still be added and how far each number may go, the smallest fixes (each applied to the
// draft with one button), which requirements may be combined (a grid), the week laid out from the
// times the order holds, and every combination of requirements counted. All answers come from the
// WASM face (src/wasm_explore.rs, in the explorer module, loaded when this view opens); this file only
// draws them.
import * as engine from "./engine.js";
import { h, put, human, clear } from "./dom.js";
import * as render from "./render.js";
import { loadDraft, saveDraft, draftProblem } from "./store.js";
import { replaceDraft } from "./undo.js";
import { t as tx, tn } from "./i18n.js";

const BOOK = "community_orders";
const DRAFT = "check";
const EXAMPLE = "lawful_order";

// Rules by their titles (in the page's language; set when the view opens), not links: the grid
// alone would otherwise put hundreds of links in the tab order. The id stays for authors, on hover.
let ruleTitles = new Map();
const ruleLink = (id) => h("span", { class: "app-rule", "data-rule": id, title: id }, ruleTitles.get(id) || id);
const rules = (ids) => ids.map((id, i) => [i ? ", " : "", ruleLink(id)]);
const section = (id, title, ...body) => h("section", { class: "app-explore", id, "aria-labelledby": `${id}-h` },
  h("h2", { class: "govuk-heading-m", id: `${id}-h` }, title), ...body);
const table = (attrs, caption, head, rows) => h("table", { class: "govuk-table", ...attrs },
  h("caption", { class: "govuk-table__caption govuk-table__caption--s" }, caption),
  head ? h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
    head.map((t) => h("th", { class: "govuk-table__header", scope: "col" }, t)))) : null,
  h("tbody", { class: "govuk-table__body" }, rows));
const cell = (...c) => h("td", { class: "govuk-table__cell" }, ...c);
// Each kind of requirement by the rulebook's label for it, in the page's language (set when the
// view opens); its name made readable where the rulebook gives none.
let caseLabels = new Map();
let fieldLabels = new Map(); // "case.field" -> label
const caseName = (c) => caseLabels.get(c) || human(c);
// A label inside a sentence: its first letter only lower-cased ("1 February 2015" keeps its capital).
const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);
const fieldName = (c, f) => fieldLabels.get(`${c}.${f}`) || human(f);

/** Each rule's title. A rule with several versions (one per era) takes the title of the version
 *  in force for the draft, where the date that chooses it is a field of the draft (its own
 *  findings, read after, name the version applied); otherwise its id. */
function titlesFor(rulebook, doc) {
  const versions = new Map();
  for (const r of rulebook.rules()) versions.set(r.id, [...(versions.get(r.id) || []), r]);
  const dateOf = (by) => by.split(".").slice(1).reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), doc);
  const inForce = (r) => {
    const d = r.by ? dateOf(r.by) : undefined;
    return typeof d === "string" && (!r.in_force.from || r.in_force.from <= d) && (!r.in_force.until || d <= r.in_force.until);
  };
  const titles = new Map();
  for (const [id, vs] of versions) {
    const v = vs.length === 1 ? vs[0] : vs.find(inForce);
    if (v) titles.set(id, v.title);
  }
  return titles;
}

/** Why the explorer gave no answer, in words (its diagnostics' messages, each at its place). */
function refusal(out) {
  const diags = (out && out.diagnostics) || [];
  if (!diags.length) return tx("xp.noAnswer");
  return diags.map((d) => (d.location && d.location.type === "document" ? `${d.location.path}: ${d.message}` : d.message)).join("\n");
}

/** An explorer entry point's answer, timed: { value, ms } or { error, ms }. */
function outcome(out, ms) {
  if (out && out.internal) return { error: tx("xp.failed", { what: out.internal }), ms };
  if (!out || !out.ok) return { error: refusal(out), ms };
  return { value: out.value, ms };
}

/** Replace the checker's draft with `doc` and go back to the checker. */
function applyToDraft(doc, edits, where, what = "undo.fix") {
  const t = engine.explore(); // loaded: the fixes and options offering this came after it
  const out = t ? t.guard(() => t.probity.applyEdits(doc, edits)) : { internal: "the explorer is not loaded" };
  if (out.internal || !out.ok) {
    clear(where).append(render.internalError(out.internal || refusal(out)));
    return;
  }
  replaceDraft(DRAFT, out.value, what); // the order as it was is kept, with an undo
  location.hash = "#/check";
}

export function explorerView(main) {
  const { rulebook, diagnostics } = engine.book(BOOK);
  put(main, h("h1", { class: "govuk-heading-l" }, tx("explore.title")));
  if (!rulebook) {
    put(main, render.internalError(tx("xp.notCompiled", { what: diagnostics.map((d) => d.message).join("; ") })));
    return null;
  }
  caseLabels = new Map();
  fieldLabels = new Map();
  for (const v of rulebook.schema().variants || []) {
    for (const c of v.cases) {
      if (c.label) caseLabels.set(c.name, c.label);
      for (const f of c.fields || []) if (f.label) fieldLabels.set(`${c.name}.${f.name}`, f.label);
    }
  }
  const stored = loadDraft(DRAFT);
  const problem = draftProblem(DRAFT);
  const fromExample = stored === null;
  const doc = stored ?? rulebook.examples().find((e) => e.name === EXAMPLE)?.document ?? {};
  put(main,
    problem ? h("div", { class: "govuk-error-summary", role: "alert", id: "draft-problem" },
      h("h2", { class: "govuk-error-summary__title" }, tx("xp.draftProblem")),
      h("div", { class: "govuk-error-summary__body" }, h("p", { class: "govuk-body" },
        tx("xp.draftAside", { problem: `${problem[0].toUpperCase()}${problem.slice(1)}` })))) : null,
    h("p", { class: "govuk-body-l" }, fromExample
      ? tx("xp.fromExample")
      : tx("xp.fromDraft")),
    h("p", { class: "govuk-body" }, tx("xp.factsStay"),
      h("a", { class: "govuk-link", href: "#/check", id: "back-to-checker" }, tx("print.back"))));

  const checked = engine.check(rulebook, doc);
  if (checked.internal) {
    put(main, render.internalError(checked.internal));
    return null;
  }
  if (!checked.ok) {
    put(main, h("div", { id: "explore-refused" },
      h("p", { class: "govuk-body" }, tx("xp.needsComplete")),
      render.refused(checked.diagnostics, null)));
    return null;
  }
  ruleTitles = titlesFor(rulebook, doc);
  for (const f of checked.report.findings) if (f.title) ruleTitles.set(f.rule, f.title);
  const errors = checked.report.findings.filter((f) => f.severity === "error");
  put(main, h("div", { id: "explore-status", role: "status" },
    h("p", { class: "govuk-body govuk-!-font-weight-bold" }, errors.length
      ? tn("xp.breaks", new Set(errors.map((f) => f.rule)).size)
      : tx("xp.lawful"),
    errors.length ? rules([...new Set(errors.map((f) => f.rule))]) : null)));

  const parts = [
    ["fixes", tx("explore.fixes"), "exploreFixes", fixesView],
    ["options", tx("explore.options"), "exploreOptions", optionsView],
    ["matrix", tx("explore.matrix"), "exploreMatrix", matrixView],
    ["timetable", tx("explore.week"), "exploreTimetable", timetableView],
    ["sweep", tx("explore.sweep"), "exploreSweep", sweepView],
  ];
  const slots = parts.map(([id, title]) => {
    const body = h("div", { id: `${id}-body`, "aria-busy": "true" }, h("p", { class: "govuk-body" }, tx("explore.working")));
    put(main, section(id, title, body));
    return body;
  });
  const timings = {};
  main.dataset.exploreTimings = "";
  let cancelled = false;
  let task = null; // the part being worked out in the Web Worker
  const failAll = (text) => {
    parts.forEach(([id], k) => {
      clear(slots[k]).removeAttribute("aria-busy");
      put(slots[k], h("p", { class: "govuk-error-message", id: `${id}-error` }, text));
    });
    main.dataset.exploreDone = "true";
  };
  // The explorer is in its own module: each part is worked out in the Web Worker (engine.js),
  // so the page stays responsive; leaving the view cancels the part in progress. The fixes'
  // buttons apply their edits with the explorer module on this thread, loaded first.
  engine.loadExplore().then(() => {
    if (cancelled) return;
    let i = 0;
    const next = async () => {
      if (cancelled || i >= parts.length) {
        if (!cancelled) main.dataset.exploreDone = "true";
        return;
      }
      const [id, , call, view] = parts[i];
      const slot = slots[i];
      const t0 = performance.now();
      task = engine.inWorker(call, { book: BOOK }, [doc]);
      const answer = await task.promise;
      if (cancelled || (answer && answer.cancelled)) return;
      const out = outcome(answer, performance.now() - t0);
      timings[id] = Math.round(out.ms * 10) / 10;
      main.dataset.exploreTimings = JSON.stringify(timings);
      clear(slot).removeAttribute("aria-busy");
      if (out.error) put(slot, h("p", { class: "govuk-error-message", id: `${id}-error` }, out.error));
      else put(slot, view(out.value, { doc, slot, ms: out.ms }));
      i += 1;
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }, (e) => {
    if (!cancelled) failAll(engine.toolsProblem(e));
  });
  return { dispose: () => { cancelled = true; if (task) task.cancel(); } };
}

/** The empty facts an answer took as given (the door says each in words), or nothing. */
function missingView(missing, id) {
  if (!missing || !missing.length) return null;
  return h("div", { class: "govuk-inset-text", id },
    h("p", { class: "govuk-body" }, tx("xp.answeredAsIf")),
    h("ul", { class: "govuk-list govuk-list--bullet" }, missing.map((m) => h("li", { "data-path": m.path }, `${m.sentence} (`, rules(m.rules), ")."))));
}

function fixesView(f, { doc, slot }) {
  const missing = missingView(f.missing, "fixes-missing");
  if (f.lawful_now) {
    return [missing, h("p", { class: "govuk-body", id: "fixes-none" }, missing
      ? tx("xp.nothingElse") : tx("xp.nothingToFix"))];
  }
  if (!f.fixes.length) {
    return [missing, h("p", { class: "govuk-body", id: "fixes-none" },
      `${tx("xp.noFix", { n: f.searched_up_to })}${f.complete ? "" : tx("xp.searchStopped")}.`)];
  }
  return [missing,
    h("p", { class: "govuk-body" }, tx("xp.smallestFirst"),
      `${tn("xp.considered", f.candidates, { max: f.searched_up_to })}${f.complete ? "" : tx("xp.stoppedAtLimit")}.`),
    h("ol", { class: "govuk-list app-fixes", id: "fix-list" }, f.fixes.map((fix, n) => h("li", { class: "app-fix", "data-fix": n + 1 },
      h("h3", { class: "govuk-heading-s" }, tn("xp.fixHead", fix.size, { k: n + 1 })),
      h("ul", { class: "govuk-list govuk-list--bullet" }, fix.edits.map((e) => h("li", {}, e.sentence))),
      h("p", { class: "govuk-body-s" }, tx("xp.clears"), rules(fix.resolves)),
      h("button", {
        type: "button", class: "govuk-button govuk-!-margin-bottom-4", id: `fix-apply-${n + 1}`,
        onclick: () => applyToDraft(doc, fix.edits, slot),
      }, tx("xp.apply", { k: n + 1 }))))),
  ];
}

function spans(p) {
  if (!p.lawful.length) return tx("xp.noValue");
  const s = p.lawful.map((x) => x.display).join(tx("xp.or"));
  const extra = p.absent_lawful === true ? tx("xp.orEmpty") : "";
  const approx = p.exact ? "" : tx("xp.tested", { n: p.tested, what: p.outside_fragment.map((id) => ruleTitles.get(id) || id).join(", ") });
  return `${s}${extra}${approx}`;
}

function optionsView(o, { doc, slot }) {
  const list = o.list;
  const addable = o.cases.filter((c) => c.addable).length;
  return [
    h("p", { class: "govuk-body" }, tn("xp.addable", addable, { total: o.cases.length }),
      tx("xp.eachRange")),
    table({ id: "options-table" }, tx("xp.optCaption"), [tx("xp.hRequirement"), tx("xp.hCanAdd"), tx("xp.hLawful"), tx("xp.hAction")],
      o.cases.map((c) => h("tr", { class: "govuk-table__row", "data-case": c.case },
        h("th", { class: "govuk-table__header", scope: "row" }, caseName(c.case)),
        cell(c.addable ? (c.lawful_after ? tx("xp.yes") : tx("xp.yesOther")) : [tx("xp.noColon"), rules(c.blocked_by)]),
        cell(c.params.length
          ? h("ul", { class: "govuk-list govuk-!-margin-bottom-0" }, c.params.map((p) => h("li", { "data-field": p.field },
            h("span", { class: "govuk-!-font-weight-bold" }, `${fieldName(c.case, p.field)}: `), spans(p))))
          : c.addable ? tx("xp.noNumbers") : ""),
        cell(c.addable ? h("button", {
          type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0", id: `add-${c.case}`,
          "aria-label": tx("xp.addLabel", { what: caseName(c.case).toLowerCase() }),
          onclick: () => applyToDraft(doc, [{ op: "add", path: `/${list}/-`, value: c.item, describe: "" }], slot, "undo.added"),
        }, tx("form.add")) : "")))),
  ];
}

function matrixView(m) {
  const alone = new Map(m.alone.map((a) => [a.case, a]));
  const pair = new Map();
  for (const p of m.pairs) { pair.set(`${p.a}|${p.b}`, p); pair.set(`${p.b}|${p.a}`, p); }
  const ok = m.pairs.filter((p) => p.lawful).length;
  const forbidden = m.pairs.filter((p) => p.pair_rules.length);
  const grid = h("table", { class: "govuk-table app-matrix", id: "matrix-table" },
    h("caption", { class: "govuk-table__caption govuk-table__caption--s" },
      tx("xp.matrixCaption")),
    h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
      h("td", { class: "govuk-table__cell" }),
      m.cases.map((c) => h("th", { class: "govuk-table__header app-matrix__col", scope: "col", id: `mx-col-${c}` }, caseName(c))))),
    h("tbody", { class: "govuk-table__body" }, m.cases.map((a) => h("tr", { class: "govuk-table__row" },
      h("th", { class: "govuk-table__header", scope: "row", id: `mx-row-${a}` }, caseName(a)),
      m.cases.map((b) => {
        if (a === b) {
          const s = alone.get(a);
          return h("td", { class: "govuk-table__cell app-matrix__alone", "data-a": a, "data-b": b, "data-lawful": String(s.lawful), "data-rules": s.rules.join(" ") },
            s.lawful ? tx("xp.aloneYes") : [tx("xp.aloneNo"), rules(s.rules)]);
        }
        const p = pair.get(`${a}|${b}`);
        const own = p.pair_rules;
        return h("td", {
          class: `govuk-table__cell${p.lawful ? "" : " app-matrix__no"}`, "data-a": a, "data-b": b,
          "data-lawful": String(p.lawful), "data-rules": (own.length ? own : p.rules).join(" "),
        }, p.lawful ? tx("xp.yes") : [tx("xp.noColon"), rules(own.length ? own : p.rules)]);
      })))));
  const missing = missingView(m.missing, "matrix-missing");
  const scroller = h("div", { class: "app-matrix__scroll", tabindex: "0", role: "region", "aria-label": tx("xp.gridLabel") }, grid);
  // The CSP forbids inline style attributes; styles set through the CSSOM are allowed.
  scroller.style.overflowX = "auto";
  return [
    missing,
    h("p", { class: "govuk-body", id: "matrix-summary" }, tx("xp.pairsOk", { ok, total: m.pairs.length }),
      forbidden.length ? [tx("xp.forbidden"), forbidden.map((p, i) => [i ? "; " : "", tx("xp.pairWith", { a: caseName(p.a), b: caseName(p.b).toLowerCase() }), rules(p.pair_rules), ")"]), "."] : tx("xp.noneForbidden"),
      ok + forbidden.length < m.pairs.length ? tx("xp.otherPairs") : ""),
    scroller,
  ];
}

const dayName = (d) => (["mon", "tue", "wed", "thu", "fri", "sat", "sun"].includes(d) ? tx(`xp.day.${d}`) : d);
const minutes = (t) => { const [a, b] = t.split(":").map(Number); return a * 60 + b; };
const hoursText = (m) => (m % 60 ? tx("xp.hm", { h: Math.floor(m / 60), m: m % 60 }) : tx("xp.h", { h: m / 60 }));

function timetableView(t) {
  const lacks = h("div", { class: "govuk-inset-text", id: "timetable-lacks" },
    h("p", { class: "govuk-body" }, tx("xp.canTime"),
      t.timed_cases.length ? `${t.timed_cases.map(caseName).join(", ")}${tx("xp.dailyFromUntil")}` : tx("xp.noRequirement"),
      t.timed_record_words.length ? tx("xp.offenderDaily", { what: t.timed_record_words.map(lowerFirst).join(", ") }) : "",
      ". ", t.has_weekdays ? "" : tx("xp.noWeekday")),
    h("p", { class: "govuk-body" }, tx("xp.wouldNeed"),
      t.untimed_cases.slice(0, 8).map((c) => lowerFirst(caseName(c))).join(", "), t.untimed_cases.length > 8 ? tx("xp.andTheRest") : "",
      tx("xp.commitments")));
  const reqs = t.entries.filter((e) => e.kind === "requirement");
  if (!reqs.length) {
    return [h("p", { class: "govuk-body", id: "timetable-none" }, tx("xp.nothingTimed")), lacks];
  }
  const codes = new Map(t.entries.map((e, i) => [e.label, `${e.kind === "requirement" ? "R" : "C"}${i + 1}`]));
  const clashCells = new Set();
  for (const c of t.report.clashes) {
    for (let m = minutes(c.from); m < (c.until === "24:00" ? 1440 : minutes(c.until)); m += 60) clashCells.add(`${c.day}|${Math.floor(m / 60)}`);
  }
  const grid = h("table", { class: "govuk-table app-week", id: "week-grid" },
    h("caption", { class: "govuk-table__caption govuk-table__caption--s" }, tx("xp.weekCaption")),
    h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
      h("td", { class: "govuk-table__cell" }),
      Array.from({ length: 24 }, (_, hr) => h("th", { class: "govuk-table__header", scope: "col" }, String(hr).padStart(2, "0"))))),
    h("tbody", { class: "govuk-table__body" }, t.report.grid.map((row) => h("tr", { class: "govuk-table__row", "data-day": row.day },
      h("th", { class: "govuk-table__header", scope: "row" }, dayName(row.day)),
      Array.from({ length: 24 }, (_, hr) => {
        const here = row.blocks.filter((b) => minutes(b.from) < (hr + 1) * 60 && (b.until === "24:00" ? 1440 : minutes(b.until)) > hr * 60);
        const clash = clashCells.has(`${row.day}|${hr}`);
        return h("td", { class: `govuk-table__cell app-week__cell${clash ? " app-week__clash" : ""}`, "data-hour": hr },
          here.map((b) => codes.get(b.label)).join(" "), clash ? tx("xp.clash") : "");
      })))));
  const scroller = h("div", { tabindex: "0", role: "region", "aria-label": tx("xp.weekLabel") }, grid);
  scroller.style.overflowX = "auto";
  // Clashes that happen on every day at the same time are said once.
  const grouped = new Map();
  for (const c of t.report.clashes) {
    const k = `${c.a}|${c.b}|${c.from}|${c.until}`;
    if (!grouped.has(k)) grouped.set(k, { ...c, days: [] });
    grouped.get(k).days.push(c.day);
  }
  return [
    h("dl", { class: "govuk-summary-list", id: "week-key" }, t.entries.map((e) => h("div", { class: "govuk-summary-list__row" },
      h("dt", { class: "govuk-summary-list__key" }, codes.get(e.label)),
      h("dd", { class: "govuk-summary-list__value" }, tx("xp.keyEntry", { label: e.label, who: tx(e.kind === "requirement" ? "xp.byOrder" : "xp.byOffender"), from: e.from, until: e.until }) + (e.days.length ? tx("xp.onDays", { days: e.days.map(dayName).join(", ") }) : tx("xp.everyDayComma")))))),
    scroller,
    h("h3", { class: "govuk-heading-s" }, tx("xp.clashes")),
    grouped.size
      ? h("ul", { class: "govuk-list govuk-list--bullet", id: "clashes" }, [...grouped.values()].map((c) => h("li", {},
        tx("xp.clashEntry", { a: c.a, b: c.b, from: c.from, until: c.until }), c.days.length === 7 ? tx("xp.everyDay") : tx("xp.onDaysPlain", { days: c.days.map(dayName).join(", ") }),
        tx("xp.eachTime", { hours: hoursText(c.minutes) }))))
      : h("p", { class: "govuk-body", id: "clashes" }, tx("xp.noClashes")),
    t.report.over_limits.length
      ? h("ul", { class: "govuk-list govuk-list--bullet", id: "over-limits" }, t.report.over_limits.map((l) => h("li", {},
        tx(l.limit === "per_week" ? "xp.overWeek" : "xp.overPeriod", { label: l.label, hours: hoursText(l.actual_minutes), limit: l.limit_hours, cite: l.cite }))))
      : null,
    h("p", { class: "govuk-body-s" }, tx("xp.totals"), t.report.totals.map((x, i) => [i ? "; " : "", tx("xp.aWeek", { label: x.label, hours: hoursText(x.week_minutes) })])),
    lacks,
  ];
}

function sweepView(s, { ms }) {
  return [
    h("p", { class: "govuk-body", id: "sweep-count" },
      tn("xp.sweepOf", s.combinations, { k: s.cases.length }),
      h("strong", {}, tn("xp.lawfulCount", s.lawful)),
      tx("xp.andNot", { n: s.unlawful.toLocaleString("en-GB") })),
    h("p", { class: "govuk-body-s", id: "sweep-time" }, tn("xp.decided", s.checks, { ms: ms.toFixed(0), method: s.method })),
    table({ id: "sweep-reasons" }, tx("xp.whyCaption"), [tx("xp.hRule"), tx("xp.hSays"), tx("xp.hRulesOut")],
      s.reasons.map((r) => h("tr", { class: "govuk-table__row", "data-rule": r.rule },
        h("th", { class: "govuk-table__header", scope: "row" }, ruleLink(r.rule)), cell(r.title),
        h("td", { class: "govuk-table__cell govuk-table__cell--numeric" }, r.combinations.toLocaleString("en-GB"))))),
    s.unavailable.length
      ? h("p", { class: "govuk-body", id: "sweep-unavailable" }, tx("xp.neverLawful"),
        s.unavailable.map((u, i) => [i ? "; " : "", `${caseName(u.case)} (`, rules(u.rules), ")"]), ".")
      : null,
  ];
}
