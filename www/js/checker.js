// The checker view (clerk): a schema-built form for one document, findings that update as you
// type, each linked to its field; for orders, the end date and a timeline of the requirements.
// The draft is saved on every change. Used for orders (#/check) and case routing (#/routing).
import * as engine from "./engine.js";
import { h, put, human, longDate, clear, s } from "./dom.js";
import { createForm } from "./form.js";
import * as render from "./render.js";
import { loadDraft, saveDraft, saveDraftText, download, readFiles, parseJson } from "./store.js";
import { replaceDraft, keepEarlier, takeNotice, undo, undoBanner, earlierList, restore } from "./undo.js";
import { shareTools, takeSharedOrder } from "./share.js";
import { t, tn, t as tx } from "./i18n.js";

export const PARTS = {
  check: {
    book: "community_orders",
    title: "part.check.title",
    lead: "part.check.lead",
    example: "lawful_order",
  },
  routing: {
    book: "routing",
    title: "part.routing.title",
    lead: "part.routing.lead",
    example: null,
  },
  tiering: {
    book: "tiering",
    title: "part.tiering.title",
    lead: "part.tiering.lead",
    example: "base",
  },
};

/** Which view an example from a rulebook opens in, and how to hand it over. */
export function openExample(bookName, doc) {
  const part = Object.entries(PARTS).find(([, p]) => p.book === bookName);
  if (part) {
    replaceDraft(part[0], doc, "undo.example"); // the clerk's draft is kept, with an undo

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
  if (!draft || !draft.good) return { error: t("edited.none") };
  const out = engine.compileText(`${draft.base}.rules (edited)`, draft.good);
  if (out.internal) return { error: out.internal };
  if (!out.rulebook) return { error: t("edited.broken") };
  return { rulebook: out.rulebook, base: draft.base };
}

export function checkerView(main, params, partName) {
  const part = PARTS[partName];
  const edited = params.get("rules") === "edited" ? editedRulebook() : null;
  if (edited && edited.error) {
    put(main, h("h1", { class: "govuk-heading-l" }, t(part.title)),
      render.internalError(edited.error),
      h("p", { class: "govuk-body" }, h("a", { class: "govuk-link", href: "#/editor" }, t("edited.back"))));
    return null;
  }
  const { rulebook, diagnostics } = edited ? { rulebook: edited.rulebook, diagnostics: [] } : engine.book(part.book);
  const sameSchema = !edited || edited.base === part.book;
  const draftKey = edited ? `${partName}.edited` : partName;
  put(main, h("h1", { class: "govuk-heading-l" }, sameSchema ? t(part.title) : t("edited.title")));
  if (!rulebook) {
    put(main, render.internalError(`The shipped rulebook did not compile: ${diagnostics.map((d) => d.message).join("; ")}`));
    return null;
  }
  if (edited) {
    put(main, h("div", { class: "govuk-inset-text", id: "edited-rules" },
      t("edited.note"), " ",
      h("a", { class: "govuk-link", href: "#/editor" }, t("edited.back")), ` ${t("or")} `,
      h("a", { class: "govuk-link", href: `#/${partName}` }, t("edited.shipped")), "."));
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
  }, path ? form.nameOf(path) : t("the.document"));

  function focusFinding(i) {
    const li = document.getElementById(`finding-${i + 1}`);
    if (!li) return;
    li.scrollIntoView({ block: "start" });
    li.focus();
  }

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
    // The draft's JSON text, written once: saved, and read by the engine on its fast path.
    const text = JSON.stringify(form.model);
    saveDraftText(draftKey, text);
    saved.textContent = t("draft.saved");
    // One call checks the document and lays out its timeline (one read, one check).
    const checked = engine.guard(() => rulebook.checkTextWithTimeline(text));
    const out = checked && checked.outcome ? checked.outcome : checked || { internal: "no answer" };
    clear(results);
    clear(extra);
    if (out.internal) {
      put(results, render.internalError(out.internal));
      status.textContent = t("status.failed");
      return;
    }
    if (!out.ok) {
      form.mark(out.diagnostics.map((d) => ({
        path: d.location.type === "document" ? d.location.path : "",
        severity: "error",
        text: d.message,
      })).filter((m) => m.path && !m.path.startsWith("(")));
      status.textContent = tn("status.incomplete", out.diagnostics.length);
      clear(summaryTop).append(h("p", { class: "govuk-body govuk-!-font-weight-bold" }, status.textContent));
      put(results, render.refused(out.diagnostics, linkFor));
      return;
    }
    const report = out.report;
    if (!performance.getEntriesByName("probity:first-findings").length) performance.mark("probity:first-findings");
    // Each field's message links to its finding (the law, and how to fix it): one key away.
    // A finding shows under the field it is about: its first path (the field to correct).
    form.mark(report.findings.flatMap((f, i) => f.paths.slice(0, 1).map((p) => ({
      path: p, severity: f.severity, text: f.message,
      action: h("a", {
        class: "govuk-link app-finding-link", href: `#/${partName}`,
        onclick: (e) => { e.preventDefault(); focusFinding(i); },
      }, t("findings.law")),
    }))));
    const errors = report.findings.filter((f) => f.severity === "error").length;
    status.textContent = report.verdict === "clean" ? t("status.clean")
      : `${tn("count.findings", report.findings.length)}, ${tn("count.errors", errors)}.`;
    clear(summaryTop).append(h("p", { class: "govuk-body govuk-!-margin-bottom-1 govuk-!-font-weight-bold" }, status.textContent),
      h("a", { class: "govuk-link", href: "#findings-region", onclick: (e) => { e.preventDefault(); document.getElementById("findings-region").focus(); } }, t("findings.jump")));
    put(results, 
      render.verdictBanner(report, out.caveats),
      render.findings(report, linkFor),
      report.routes.length ? [h("h3", { class: "govuk-heading-s" }, t("results.decision")), render.routes(report)] : null,
      report.values.length ? [h("h3", { class: "govuk-heading-s" }, t("results.values")), render.values(report)] : null,
      report.errors.length ? render.refused(report.errors, null, "unchecked.lead") : null,
      h("p", { class: "govuk-body-s" }, t("results.rules"), render.provenance(report)));
    // The findings can be reached from their fields; an error finding offers its fixes first.
    for (const [i, li] of [...results.querySelectorAll("#findings > li")].entries()) {
      li.id = `finding-${i + 1}`;
      li.setAttribute("tabindex", "-1");
      if (partName === "check" && !edited && li.dataset.severity === "error") {
        li.firstElementChild.after(h("p", { class: "govuk-body-s govuk-!-margin-bottom-1 app-no-print" }, h("a", {
          class: "govuk-link app-fix-link", href: "#/explore",
          onclick: () => saveDraft(draftKey, form.model),
        }, t("findings.fix"))));
      }
    }
    if (sameSchema) {
      const drawn = timeline(checked.timeline, linkFor);
      if (drawn) extra.append(drawn);
    }
  };
  // A keystroke's findings at once: the recheck takes a few milliseconds on the largest rulebook
  // (tests/page/measure.mjs), so it need not wait for typing to pause, nor for the next frame (a
  // wait of up to one frame: issue 23). The keystrokes that follow within the same frame are
  // checked once, in the next frame, and so on while they keep coming: one check per frame.
  let frame = 0;
  let dirty = false;
  const nextFrame = () => {
    frame = 0;
    if (!dirty) return;
    dirty = false;
    recheck();
    frame = requestAnimationFrame(nextFrame);
  };
  const update = () => {
    if (frame) {
      dirty = true;
      return;
    }
    recheck();
    frame = requestAnimationFrame(nextFrame);
  };

  // An order from a shared link (`#/check?order=...`) replaces the draft, keeping it for undo.
  const shared = edited ? null : takeSharedOrder(params, draftKey);
  const start = loadDraft(draftKey)
    ?? examples.find((e) => e.name === part.example)?.document
    ?? form.newDocument();
  form.set(structuredClone(start));

  // Undo: a banner after any action that replaced the draft; the earlier drafts, kept.
  const notices = h("div", { id: "notices" });
  const earlier = h("div", { id: "earlier" });
  const drawEarlier = () => clear(earlier).append(earlierList(draftKey, (i) => {
    form.set(structuredClone(restore(draftKey, i, form.model)));
    recheck();
    drawEarlier();
  }));
  const showUndo = (what) => {
    clear(notices).append(undoBanner(what, () => {
      const back = undo(draftKey);
      if (back !== null) form.set(structuredClone(back));
      recheck();
      drawEarlier();
    }));
    drawEarlier();
  };
  /** Replace the order on the form with `doc` by an action (`what`), keeping the one it replaces. */
  const replaceWith = (doc, what) => {
    const kept = keepEarlier(draftKey, form.model, what); // false only when storage is full
    form.set(structuredClone(doc));
    recheck();
    if (kept) showUndo(what);
  };

  const exampleSelect = h("select", { class: "govuk-select", id: "example-select" },
    h("option", { value: "" }, t("share.blank")),
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
      replaceWith(v.value, "undo.import");
    },
  });

  const startAgain = h("div", { class: "govuk-form-group govuk-!-margin-bottom-2" },
    h("label", { class: "govuk-label", for: "example-select" }, t("share.startFrom")),
    exampleSelect, " ",
    h("button", {
      type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0", id: "start-again",
      onclick: () => {
        const ex = examples.find((e) => e.name === exampleSelect.value);
        replaceWith(ex ? ex.document : form.newDocument(), "undo.startAgain");
      },
    }, t("share.startAgain")));
  // Share and keep: beside the form, before its first field (one tab stop while closed).
  const keep = h("details", { class: "govuk-details app-no-print app-keep", id: "keep" },
    h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, t("share.title"))),
    h("div", { class: "govuk-details__text" },
      edited ? null : shareTools(partName, () => form.model),
      h("div", { class: "govuk-form-group" },
        h("label", { class: "govuk-label", for: "import-file" }, t("share.import")), importInput),
      h("button", {
        type: "button", class: "govuk-button govuk-button--secondary", id: "export",
        onclick: () => download(`${part.book}-order.json`, form.model),
      }, t("share.export")),
      startAgain,
      h("h3", { class: "govuk-heading-s" }, t("earlier.title")),
      earlier));
  const actions = partName === "check" && !edited
    ? h("ul", { class: "govuk-list app-no-print app-actions", id: "check-actions" },
      h("li", {}, h("a", {
        class: "govuk-link", href: "#/explore", id: "explore-link",
        onclick: () => saveDraft(draftKey, form.model), // the explorer opens the draft as it is now
      }, t("explore.link"))),
      h("li", {}, h("a", { class: "govuk-link", href: "#/print", id: "print-link" }, t("print.link"))))
    : null;
  // "Go to": the parts of a long form a task needs (its lists of items), the findings, and for an
  // order its fixes and its printable summary, before the form (each one Tab and Enter away).
  const rootRecord = schema.records.find((r) => r.name === schema.root);
  const lists = (rootRecord ? rootRecord.fields : []).filter((f) => f.shape && f.shape.list && schema.variants.some((v) => v.name === f.shape.list.name));
  const jumpLink = (id, text, onclick, href = `#/${partName}`) => h("li", { class: "app-jump__item" },
    h("a", { class: "govuk-link", id, href, onclick }, text));
  const jump = h("nav", { class: "app-jump app-no-print", id: "jump", "aria-label": t("jump.label") },
    h("h2", { class: "govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1" }, t("jump.label")),
    h("ul", { class: "app-jump__list" },
      lists.map((f) => jumpLink(`jump-${f.name}`, f.label || human(f.name), (e) => { e.preventDefault(); focusField(f.name); })),
      jumpLink("jump-findings", t("findings.heading"), (e) => { e.preventDefault(); document.getElementById("findings-region").focus(); }),
      partName === "check" && !edited ? [
        jumpLink("jump-fixes", t("findings.fix"), () => saveDraft(draftKey, form.model), "#/explore"),
        jumpLink("jump-print", t("print.link"), null, "#/print")] : null));

  // On a phone the findings come after a long form: a summary of them goes first (CSS shows it
  // only on small screens), linked to the full findings.
  const summaryTop = h("div", { class: "app-summary-top", id: "summary-top", role: "status" });

  put(main,
    notices,
    h("p", { class: "govuk-body-l" }, t(part.lead)),
    summaryTop,
    h("div", { class: "govuk-grid-row" },
      h("div", { class: "govuk-grid-column-one-half", id: "form-column" },
        jump,
        keep,
        h("form", { class: "app-doc-form", id: `${partName}-form`, onsubmit: (e) => e.preventDefault(), novalidate: true },
          form.element),
        saved),
      // The results scroll on their own beside the form: focusable, so a keyboard can scroll them.
      h("div", { class: "govuk-grid-column-one-half app-results", id: "findings-region", tabindex: "0", role: "region", "aria-label": t("findings.heading") },
        h("h2", { class: "govuk-heading-m" }, t("findings.heading")),
        status,
        actions,
        results,
        extra)));
  drawEarlier();
  const notice = takeNotice(draftKey);
  if (notice) showUndo(notice.what);
  if (shared && shared.error) {
    put(notices, h("div", { class: "govuk-error-summary", role: "alert", id: "share-problem" },
      h("div", { class: "govuk-error-summary__body" }, h("p", { class: "govuk-body" }, t("share.badLink", { why: shared.error })))));
  }
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
  const out = h("div", { class: "app-timeline", id: "timeline" }, h("h2", { class: "govuk-heading-m" }, tx("timeline.title")));
  if (t.start && t.end) {
    put(out, h("p", { class: "govuk-body", id: "end-date" },
      tx("timeline.from"), h("strong", {}, longDate(t.start)), tx("timeline.to"), h("strong", {}, longDate(t.end)),
      tx("timeline.length", { length: t.length.display })));
  } else {
    put(out, h("p", { class: "govuk-body" },
      tx("timeline.enter", { start: human(t.start_field || "start date"), length: human(t.length_field || "length") })));
  }
  if (t.events.length) {
    put(out, h("h3", { class: "govuk-heading-s" }, tx("timeline.events")),
      h("ol", { class: "govuk-list govuk-list--number", id: "timeline-events" }, t.events.map((e) => h("li", { "data-flagged": String(e.flagged) },
        h("strong", {}, longDate(e.date)), `: ${human(e.case || "event")} `, linkFor(e.path),
        e.flagged ? h("strong", { class: "govuk-tag govuk-tag--red app-tag" }, tx("timeline.seeFindings")) : null))));
  }
  if (!t.items.length || !t.days) return out;
  const scale = Math.max(t.days, ...t.items.map((r) => r.days || 0));
  const W = 480, L = 170, R = 10, rowH = 26, top = 24;
  const x = (d) => L + (d / scale) * (W - L - R);
  const n = t.items.length;
  const svg = s("svg", {
    viewBox: `0 0 ${W} ${top + n * rowH + 30}`, class: "app-timeline__svg", role: "img",
    "aria-labelledby": "timeline-title", focusable: "false",
  }, s("title", { id: "timeline-title" }, tx("timeline.svg", { n, length: t.length.display })));
  svg.append(s("line", { x1: x(0), x2: x(0), y1: 10, y2: top + n * rowH, class: "app-axis" }));
  svg.append(s("line", { x1: x(t.days), x2: x(t.days), y1: 10, y2: top + n * rowH, class: "app-axis app-axis--end" }));
  svg.append(s("text", { x: x(t.days), y: 12, class: "app-axis-label", "text-anchor": "end" }, tx("timeline.ends", { length: t.length.display })));
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
      h("caption", { class: "govuk-table__caption govuk-table__caption--s" }, tx("timeline.caption")),
      h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
        h("th", { class: "govuk-table__header", scope: "col" }, tx("timeline.item")),
        h("th", { class: "govuk-table__header", scope: "col" }, tx("timeline.lasts")),
        h("th", { class: "govuk-table__header", scope: "col" }, tx("findings.heading")))),
      h("tbody", { class: "govuk-table__body" }, t.items.map((r) => h("tr", { class: "govuk-table__row" },
        h("td", { class: "govuk-table__cell" }, linkFor(r.path), " ", human(r.case || "?")),
        h("td", { class: "govuk-table__cell" }, r.lasts ? r.lasts.display : tx("timeline.whole")),
        h("td", { class: "govuk-table__cell" }, r.flagged ? tx("yes") : tx("timeline.none")))))));
  return out;
}
