// The contract spec linter (commissioner): several specs at once, each edited by form or as JSON
// (pasted or uploaded), each checked against the contracts rulebook, with a summary across them.
import * as engine from "./engine.js";
import { h, put, human, clear, debounce, longDate } from "./dom.js";
import { createForm } from "./form.js";
import * as render from "./render.js";
import { loadDraft, saveDraft, download, readFiles, parseJson } from "./store.js";
import { keepEarlier, undo, undoBanner } from "./undo.js";
import { t as tx, tn } from "./i18n.js";

const BOOK = "contracts";
const PLAN_BOOK = "commissioning_plan";

export function contractsView(main, params) {
  const { rulebook, diagnostics } = engine.book(BOOK);
  put(main, h("h1", { class: "govuk-heading-l" }, tx("contracts.title")));
  if (!rulebook) {
    put(main, render.internalError(tx("book.broken", { why: diagnostics.map((d) => d.message).join("; ") })));
    return null;
  }
  const schema = rulebook.schema();
  // A service by the rulebook's label for it (the plan carries the value as the spec writes it).
  const serviceWords = (v) => {
    const e = schema.enums.find((x) => x.values.includes(v));
    return e && e.labels ? e.labels[e.values.indexOf(v)] : v;
  };
  const examples = rulebook.examples();
  let specs = loadDraft("contracts");
  if (!Array.isArray(specs) || !specs.length) specs = examples.slice(0, 2).map((e) => structuredClone(e.document));
  const summary = h("div", { id: "contracts-summary" });
  const notices = h("div", { id: "notices" });
  const across = h("div", { id: "contracts-across" });
  const list = h("div", { id: "specs" });
  const outcomes = [];
  const save = () => saveDraft("contracts", specs);

  function drawSummary() {
    clear(summary).append(h("table", { class: "govuk-table" },
      h("caption", { class: "govuk-table__caption govuk-table__caption--m" }, tn("count.specs", specs.length)),
      h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
        ["spec", "provider", "cohort", "runs", "result"].map((k) => h("th", { class: "govuk-table__header", scope: "col" }, tx(`contracts.col.${k}`))))),
      h("tbody", { class: "govuk-table__body" }, specs.map((s, i) => {
        const o = outcomes[i];
        const result = !o ? "" : o.internal ? tx("contracts.failed") : !o.ok ? tx("contracts.incomplete")
          : o.report.verdict === "clean" ? tx("contracts.clean")
            : tn("count.findings", o.report.findings.length);
        return h("tr", { class: "govuk-table__row" },
          h("th", { class: "govuk-table__header", scope: "row" },
            h("a", { class: "govuk-link", href: `#/contracts?spec=${i + 1}`, onclick: (e) => { e.preventDefault(); focusSpec(i); } },
              `${i + 1}. ${s && s.name ? s.name : tx("contracts.unnamed")}`)),
          h("td", { class: "govuk-table__cell" }, s && s.provider_sector ? human(s.provider_sector) : ""),
          h("td", { class: "govuk-table__cell" }, s && s.cohort ? human(s.cohort) : ""),
          h("td", { class: "govuk-table__cell" }, s && s.start_date ? `${longDate(s.start_date)} to ${longDate(s.end_date || "")}` : ""),
          h("td", { class: "govuk-table__cell", "data-result": i }, result));
      }))));
    drawAcross();
  }

  // Across the specs: overlapping contracts and uncovered cohorts (rules/commissioning_plan.rules).
  // The plan is built in the explorer's module (it keeps the start-up module under its budget),
  // which loads its own copy of the plan rulebook, compiled at build time; the newest request wins.
  let acrossRequest = 0;
  function drawAcross() {
    clear(across).append(h("h2", { class: "govuk-heading-m" }, tx("contracts.across")));
    const request = ++acrossRequest;
    engine.loadExplore().then((t) => {
      if (request === acrossRequest) drawAcrossWith(t);
    }, (e) => {
      if (request === acrossRequest) put(across, h("p", { class: "govuk-body", id: "across-result" }, engine.toolsProblem(e)));
    });
  }

  function drawAcrossWith(t) {
    const { rulebook: planBook, diagnostics: planDiags } = t.book(PLAN_BOOK);
    if (!planBook) {
      put(across, render.internalError(`The commissioning plan rulebook did not compile: ${planDiags.map((d) => d.message).join("; ")}`));
      return;
    }
    // The library builds the plan from the specs and checks it (Rulebook.commissioningPlan).
    const built = t.guard(() => planBook.commissioningPlan(specs));
    if (!built || built.internal || !built.ok) {
      put(across, built && !built.internal && built.diagnostics ? render.refused(built.diagnostics, null)
        : render.internalError((built && built.internal) || "the plan could not be built"));
      return;
    }
    const { plan, from, skipped, outcome } = built.value;
    const specOf = (path) => {
      const m = /^contracts\[(\d+)\]/.exec(path);
      return m && from[Number(m[1])] !== undefined ? from[Number(m[1])] : null;
    };
    const linkFor = (path) => {
      const i = specOf(path);
      if (i === null) return h("span", {}, path);
      return h("a", { class: "govuk-link", href: `#/contracts?spec=${i + 1}`, onclick: (e) => { e.preventDefault(); focusSpec(i); } },
        tx("contracts.specWhy", { n: i + 1, why: serviceWords(plan.contracts[Number(/\[(\d+)\]/.exec(path)[1])].service) }));
    };
    put(across, h("p", { class: "govuk-body" },
      tx("contracts.plan", { lines: tn("count.lines", plan.contracts.length) })),
    skipped.length ? h("p", { class: "govuk-body-s", id: "across-skipped" }, tx("contracts.leftOut"),
      skipped.map((s, k) => [k ? "; " : "", tx("contracts.specWhy", { n: s.spec + 1, why: s.why })]), ".") : null);
    if (!plan.contracts.length) {
      put(across, h("p", { class: "govuk-body", id: "across-result" }, tx("contracts.noneComplete")));
      return;
    }
    const out = outcome;
    if (!out.ok) put(across, render.refused(out.diagnostics, null));
    else {
      // One link per contract line a finding concerns (not one per field of it).
      const report = { ...out.report, findings: out.report.findings.map((f) => ({
        ...f, paths: [...new Set(f.paths.map((p) => /^contracts\[\d+\]/.exec(p)?.[0] ?? p))],
      })) };
      const n = report.findings.length;
      put(across, h("p", { class: "govuk-body govuk-!-font-weight-bold", id: "across-result" },
        n ? tx("contracts.acrossN", { findings: tn("count.findings", n) }) : tx("contracts.acrossNone")),
      render.findings(report, linkFor));
    }
    put(across, h("details", { class: "govuk-details" },
      h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, tx("contracts.planJson"))),
      h("div", { class: "govuk-details__text" }, h("pre", { class: "app-code", id: "across-plan" }, JSON.stringify(plan, null, 2)))));
  }

  function focusSpec(i) {
    const el = document.getElementById(`spec-${i + 1}`);
    if (el) { el.scrollIntoView(); el.focus(); }
  }

  function card(i) {
    const results = h("div", { id: `spec-${i + 1}-results` });
    const prefix = `spec${i + 1}-`;
    const form = createForm(schema, { prefix, onChange: () => { specs[i] = form.model; save(); recheck(); } });
    const json = h("textarea", { class: "govuk-textarea app-code", id: `${prefix}json`, rows: "10", spellcheck: "false" });
    const jsonError = h("p", { class: "govuk-error-message", id: `${prefix}json-error`, hidden: true });
    const linkFor = (path) => h("a", {
      class: "govuk-link", href: `#/contracts?spec=${i + 1}`,
      onclick: (e) => { e.preventDefault(); const el = form.focusTarget(path); if (el) { el.scrollIntoView({ block: "center" }); el.focus(); } },
    }, path ? form.nameOf(path) : tx("contracts.theSpec"));
    function recheck() {
      const out = engine.check(rulebook, form.model);
      outcomes[i] = out;
      json.value = JSON.stringify(form.model, null, 2);
      clear(results);
      if (out.internal) put(results, render.internalError(out.internal));
      else if (!out.ok) {
        form.mark(out.diagnostics.filter((d) => d.location.type === "document").map((d) => ({ path: d.location.path, severity: "error", text: d.message })));
        put(results, render.refused(out.diagnostics, linkFor));
      } else {
        form.mark(out.report.findings.flatMap((f) => f.paths.map((p) => ({ path: p, severity: f.severity, text: f.message }))));
        put(results, render.verdictBanner(out.report), render.findings(out.report, linkFor));
      }
      drawSummary();
    }
    form.set(specs[i] && typeof specs[i] === "object" ? specs[i] : form.newDocument());
    specs[i] = form.model;
    const section = h("section", { class: "app-spec", id: `spec-${i + 1}`, tabindex: "-1", "aria-labelledby": `spec-${i + 1}-h` },
      h("h2", { class: "govuk-heading-m", id: `spec-${i + 1}-h` }, tx("contracts.specN", { n: i + 1 })),
      h("div", { class: "govuk-grid-row" },
        h("div", { class: "govuk-grid-column-one-half" }, h("form", { onsubmit: (e) => e.preventDefault(), novalidate: true }, form.element)),
        h("div", { class: "govuk-grid-column-one-half" },
          h("h3", { class: "govuk-heading-s" }, tx("findings.heading")), results,
          h("details", { class: "govuk-details" },
            h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, tx("contracts.editJson"))),
            h("div", { class: "govuk-details__text" },
              h("div", { class: "govuk-form-group" },
                h("label", { class: "govuk-label", for: `${prefix}json` }, tx("contracts.specJson", { n: i + 1 })), jsonError, json),
              h("button", {
                type: "button", class: "govuk-button govuk-button--secondary", id: `${prefix}apply`,
                onclick: () => {
                  const v = parseJson(json.value, "This");
                  if (v.error) {
                    jsonError.hidden = false;
                    jsonError.textContent = v.error;
                  } else {
                    specs[i] = v.value;
                    jsonError.hidden = true;
                    save();
                    draw();
                  }
                },
              }, tx("contracts.useJson")))),
          h("button", {
            type: "button", class: "govuk-button govuk-button--warning", id: `${prefix}remove`,
            onclick: () => {
              keepEarlier("contracts", specs, "undo.removeSpec"); // kept, with an undo
              specs.splice(i, 1);
              outcomes.splice(i, 1);
              save();
              draw();
              clear(notices).append(undoBanner("undo.removeSpec", () => {
                const back = undo("contracts");
                if (Array.isArray(back)) specs = back;
                draw();
              }, { n: i + 1 }));
              notices.querySelector("#undo-button").focus();
            },
          }, tx("contracts.remove", { n: i + 1 })))));
    recheck();
    return section;
  }

  function draw() {
    clear(list);
    outcomes.length = 0;
    specs.forEach((_, i) => put(list, card(i)));
    drawSummary();
  }

  const upload = h("input", {
    class: "govuk-file-upload", type: "file", id: "spec-upload", multiple: true, accept: "application/json,.json",
    onchange: async () => {
      uploadError.hidden = true;
      const bad = [];
      for (const f of await readFiles(upload)) {
        // Refused whole (and said so) when not JSON, too big or too deep: nothing half-loaded.
        const v = parseJson(f.text, f.name);
        if (v.error) bad.push(v.error);
        else for (const spec of Array.isArray(v.value) ? v.value : [v.value]) specs.push(spec);
      }
      if (bad.length) {
        uploadError.hidden = false;
        uploadError.textContent = bad.join(" ");
      }
      upload.value = "";
      save();
      draw();
    },
  });
  const uploadError = h("p", { class: "govuk-error-message", id: "spec-upload-error", role: "alert", hidden: true });
  const exampleSelect = h("select", { class: "govuk-select", id: "spec-example" },
    h("option", { value: "" }, tx("contracts.blank")), examples.map((e) => h("option", { value: e.name }, human(e.name))));

  put(main, 
    notices,
    h("p", { class: "govuk-body-l" }, tx("contracts.lead")),
    summary,
    across,
    h("div", { class: "govuk-grid-row app-no-print" },
      h("div", { class: "govuk-grid-column-one-half" },
        h("div", { class: "govuk-form-group" },
          h("label", { class: "govuk-label", for: "spec-upload" }, tx("contracts.upload")), uploadError, upload)),
      h("div", { class: "govuk-grid-column-one-half" },
        h("div", { class: "govuk-form-group" },
          h("label", { class: "govuk-label", for: "spec-example" }, tx("contracts.addFrom")), exampleSelect, " ",
          h("button", {
            type: "button", class: "govuk-button govuk-button--secondary", id: "add-spec",
            onclick: () => {
              const ex = examples.find((e) => e.name === exampleSelect.value);
              specs.push(ex ? structuredClone(ex.document) : null);
              save();
              draw();
              focusSpec(specs.length - 1);
            },
          }, tx("contracts.add")),
          " ",
          h("button", { type: "button", class: "govuk-button govuk-button--secondary", onclick: () => download("contract-specs.json", specs) }, tx("contracts.export"))))),
    list);
  draw();
  const at = Number(params.get("spec"));
  if (at) {
    focusSpec(at - 1);
    return { focused: true };
  }
  return null;
}
