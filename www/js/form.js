// A form built from a rulebook's schema (as the WASM face lists it): one GOV.UK control per field,
// editing a plain JSON document in place. It knows types and units, never a rule: whether a value
// is lawful comes only from the Report, which `mark` lays onto the fields.
import { h, human, clear } from "./dom.js";
import { suggestedValues, suggestionReason } from "./suggest.js";
import { t } from "./i18n.js";

const INT_UNITS = new Set(["int", "hours", "days", "weeks", "months", "years"]);
const DECIMALS = { decimal: "", money: "£", percent: "%" };

/** Paths as the Report writes them: `requirements[2].hours_per_day`. */
export function pathString(parts) {
  let out = "";
  for (const p of parts) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}

/** `requirements[2].hours_per_day` -> `requirements[2]` -> `requirements` -> `` */
export function parentPath(path) {
  const m = /^(.*?)(\[\d+\]|\.[^.[\]]+)$/.exec(path);
  if (m) return m[1];
  return "";
}

export function createForm(schema, { prefix, onChange }) {
  const enums = new Map(schema.enums.map((e) => [e.name, e]));
  const records = new Map(schema.records.map((r) => [r.name, r]));
  const variants = new Map(schema.variants.map((v) => [v.name, v]));
  // Laid out in full only once the view's first frame is painted (www/css/app.css, issue 23).
  const root = h("div", { class: "app-form app-form--later" });
  requestAnimationFrame(() => setTimeout(() => root.classList.remove("app-form--later"), 0));
  let model = {};
  let groups = new Map(); // path -> form group element (where findings are shown)

  const idOf = (path) => `${prefix}${path}`;

  function defaults(ty) {
    if (ty.optional) return undefined;
    if (ty.list) return [];
    if (ty.name === "bool") return false;
    if (records.has(ty.name)) return recordDefaults(records.get(ty.name).fields);
    return undefined;
  }

  function recordDefaults(fields) {
    const out = {};
    for (const f of fields) {
      const v = defaults(f.shape);
      if (v !== undefined) out[f.name] = v;
    }
    return out;
  }

  function caseFields(variant, kind) {
    const c = variant.cases.find((c) => c.name === kind);
    return c ? c.fields : [];
  }

  function changed() {
    onChange(model);
  }

  function structural(focusId) {
    render();
    changed();
    const el = focusId && document.getElementById(focusId);
    if (el) el.focus();
  }

  function setValue(obj, key, value) {
    if (value === undefined) delete obj[key];
    else obj[key] = value;
    changed();
  }

  function group(path, ...children) {
    const g = h("div", { class: "govuk-form-group", id: `g-${idOf(path)}` }, ...children);
    groups.set(path, g);
    return g;
  }

  /** An enum value's words from the rulebook (its label), else the value as words. */
  function valueText(enumName, v) {
    const e = enums.get(enumName);
    const i = e && e.values ? e.values.indexOf(v) : -1;
    return (e && e.labels && e.labels[i]) || human(v);
  }

  /** A case's words from the rulebook (its label), else its name as words. */
  function caseText(variant, kind) {
    const c = variant.cases.find((c) => c.name === kind);
    return (c && c.label) || human(kind);
  }

  /** The field's hint from the rulebook, shown under its label, or nothing. */
  function hintFor(id, field, extra = "") {
    return field && field.hint ? h("div", { class: `govuk-hint ${extra}`.trim(), id: `${id}-hint` }, field.hint) : null;
  }

  function control(obj, key, ty, label, path, field) {
    const id = idOf(path);
    const current = obj[key];
    const hint = hintFor(id, field);
    const described = hint ? { "aria-describedby": `${id}-hint`, "data-hint": `${id}-hint` } : {};
    if (ty.list) return listControl(obj, key, ty.list, label, path, hint);
    if (ty.name === "bool" && !ty.optional) {
      return group(path, h("div", { class: "govuk-checkboxes govuk-checkboxes--small" },
        h("div", { class: "govuk-checkboxes__item" },
          h("input", {
            class: "govuk-checkboxes__input", id, type: "checkbox", checked: current === true,
            onchange: (e) => setValue(obj, key, e.target.checked), ...described,
          }),
          h("label", { class: "govuk-label govuk-checkboxes__label", for: id }, label),
          hintFor(id, field, "govuk-checkboxes__hint"))));
    }
    if (ty.name === "bool" || enums.has(ty.name)) {
      const values = ty.name === "bool" ? ["true", "false"] : enums.get(ty.name).values;
      const names = ty.name === "bool" ? { true: t("yes"), false: t("no") } : {};
      const shown = current === undefined || current === null ? "" : String(current);
      const parse = (v) => (v === "" ? (ty.optional ? null : undefined)
        : ty.name === "bool" ? v === "true" : v);
      if (values.length <= 3) {
        const opts = values.map((v) => ({ v, text: names[v] || valueText(ty.name, v) }));
        if (ty.optional) opts.push({ v: "", text: t("notRecorded") });
        return group(path, h("fieldset", { class: "govuk-fieldset", id: `fs-${id}` },
          h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, label),
          hint,
          h("div", { class: "govuk-radios govuk-radios--small govuk-radios--inline" },
            opts.map((o, i) => {
              const rid = i === 0 ? id : `${id}-${o.v || "none"}`;
              return h("div", { class: "govuk-radios__item" },
                h("input", {
                  class: "govuk-radios__input", id: rid, type: "radio", name: id, value: o.v,
                  checked: shown === o.v,
                  onchange: () => setValue(obj, key, parse(o.v)),
                }),
                h("label", { class: "govuk-label govuk-radios__label", for: rid }, o.text));
            }))));
      }
      return group(path,
        h("label", { class: "govuk-label", for: id }, label),
        hint,
        h("select", { class: "govuk-select", id, ...described, onchange: (e) => setValue(obj, key, parse(e.target.value)) },
          h("option", { value: "", selected: shown === "" }, ty.optional ? t("notRecorded") : t("form.choose")),
          values.map((v) => h("option", { value: v, selected: shown === v }, valueText(ty.name, v)))));
    }
    if (records.has(ty.name) && !ty.optional) {
      if (!obj[key] || typeof obj[key] !== "object") obj[key] = recordDefaults(records.get(ty.name).fields);
      return group(path, h("fieldset", { class: "govuk-fieldset app-record", id: `fs-${id}` },
        h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" }, label),
        hint,
        fields(obj[key], records.get(ty.name).fields, path)));
    }
    if (INT_UNITS.has(ty.name) || ty.name in DECIMALS) {
      const isInt = INT_UNITS.has(ty.name);
      // The unit comes from the rulebook (in the session's language) where the schema gives it.
      const unit = field && field.unit;
      const suffix = unit && unit !== "£" ? unit
        : isInt ? (ty.name === "int" ? "" : ty.name) : ty.name === "percent" ? "%" : "";
      const prefixText = ty.name === "money" ? "£" : "";
      const input = h("input", {
        class: "govuk-input govuk-input--width-5", id, type: "text", ...described,
        inputmode: isInt ? "numeric" : "decimal", spellcheck: "false", autocomplete: "off",
        value: current === undefined || current === null ? "" : String(current),
        oninput: (e) => {
          const raw = e.target.value.trim();
          let v;
          if (raw === "") v = ty.optional ? null : undefined;
          else if (isInt && /^-?\d+$/.test(raw)) v = Number(raw);
          else if (!isInt && /^-?\d+(\.\d+)?$/.test(raw)) v = raw;
          else v = raw; // the document reader says what is wrong with it, at this path
          setValue(obj, key, v);
        },
      });
      return group(path,
        h("label", { class: "govuk-label", for: id }, label),
        hint,
        h("div", { class: "govuk-input__wrapper" },
          prefixText && h("div", { class: "govuk-input__prefix", "aria-hidden": "true" }, prefixText),
          input,
          suffix && h("div", { class: "govuk-input__suffix", "aria-hidden": "true" }, suffix)));
    }
    if (ty.name === "date" || ty.name === "time" || ty.name === "string") {
      const type = ty.name === "string" ? "text" : ty.name;
      return group(path,
        h("label", { class: "govuk-label", for: id }, label),
        hint,
        h("input", {
          class: `govuk-input ${ty.name === "string" ? "govuk-!-width-two-thirds" : "govuk-input--width-10"}`,
          id, type, value: current ?? "", ...described,
          oninput: (e) => {
            const raw = e.target.value;
            setValue(obj, key, raw === "" && ty.name !== "string" ? (ty.optional ? null : undefined) : raw);
          },
        }));
    }
    return jsonControl(obj, key, label, path);
  }

  /** Anything the form has no control for: edit it as JSON. */
  function jsonControl(obj, key, label, path) {
    const id = idOf(path);
    return group(path,
      h("label", { class: "govuk-label", for: id }, `${label} (JSON)`),
      h("textarea", {
        class: "govuk-textarea app-code", id, rows: "3", spellcheck: "false",
        oninput: (e) => {
          try { setValue(obj, key, e.target.value.trim() === "" ? undefined : JSON.parse(e.target.value)); }
          catch { /* keep the last parsable value until the JSON is whole */ }
        },
      }, obj[key] === undefined ? "" : JSON.stringify(obj[key])));
  }

  function listControl(obj, key, item, label, path, hint = null) {
    if (!Array.isArray(obj[key])) obj[key] = [];
    const list = obj[key];
    const id = idOf(path);
    if (enums.has(item.name)) {
      const values = enums.get(item.name).values;
      return group(path, h("fieldset", { class: "govuk-fieldset", id: `fs-${id}` },
        h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, label),
        hint,
        h("div", { class: "govuk-checkboxes govuk-checkboxes--small" },
          values.map((v) => {
            const cid = `${id}-${v}`;
            return h("div", { class: "govuk-checkboxes__item" },
              h("input", {
                class: "govuk-checkboxes__input", id: cid, type: "checkbox", value: v,
                checked: list.includes(v),
                onchange: (e) => {
                  const at = list.indexOf(v);
                  if (e.target.checked && at < 0) list.push(v);
                  if (!e.target.checked && at >= 0) list.splice(at, 1);
                  changed();
                },
              }),
              h("label", { class: "govuk-label govuk-checkboxes__label", for: cid }, valueText(item.name, v)));
          }))));
    }
    if (!variants.has(item.name)) return jsonControl(obj, key, label, path);
    const variant = variants.get(item.name);
    const addId = `${id}-add`;
    const items = list.map((it, i) => {
      const ipath = pathString([...pathOf(path), i]);
      const kind = it && typeof it === "object" ? it.kind : undefined;
      const known = variant.cases.some((c) => c.name === kind);
      const heading = `${human(item.name)} ${i + 1}: ${known ? caseText(variant, kind) : t("form.unknownKind")}`;
      const g = h("div", { class: "govuk-form-group app-item", id: `g-${idOf(ipath)}` },
        h("fieldset", { class: "govuk-fieldset", id: idOf(ipath), tabindex: "-1" },
          h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, heading),
          known ? fields(it, caseFields(variant, kind), ipath, (f) => suggestionReason(variant.name, kind, f.name)) : jsonControl(list, i, "Item", ipath),
          h("button", {
            type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0",
            "aria-label": t("form.removeLabel", { what: heading }),
            onclick: () => { list.splice(i, 1); structural(addId); },
          }, t("form.remove"))));
      groups.set(ipath, g);
      return g;
    });
    const select = h("select", { class: "govuk-select", id: `${id}-kind` },
      variant.cases.map((c) => h("option", { value: c.name }, c.label || human(c.name))));
    return group(path, h("fieldset", { class: "govuk-fieldset", id: `fs-${id}` },
      h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" }, label),
      hint,
      items.length === 0 ? h("p", { class: "govuk-body", id }, t("form.noneYet", { what: label.toLowerCase() })) : items,
      h("div", { class: "app-add" },
        h("label", { class: "govuk-label", for: `${id}-kind` }, t("form.addA", { what: human(item.name).toLowerCase() })),
        select,
        h("button", {
          type: "button", class: "govuk-button govuk-button--secondary", id: addId,
          onclick: () => {
            const kind = select.value;
            const own = caseFields(variant, kind);
            list.push({ kind, ...recordDefaults(own), ...suggestedValues(variant.name, kind, own.map((f) => f.name)) });
            structural(`${idOf(pathString([...pathOf(path), list.length - 1]))}`);
          },
        }, t("form.add")))));
  }

  function pathOf(path) {
    const parts = [];
    for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    return parts;
  }

  function fields(obj, list, base, reasonFor = () => null) {
    return list.map((f) => {
      const path = pathString([...pathOf(base), f.name]);
      const g = control(obj, f.name, f.shape, f.label || human(f.name), path, f);
      const reason = reasonFor(f);
      if (reason && g) {
        // Why the box started as it did: under the control, tied to it for screen readers.
        const id = `${idOf(path)}-suggested`;
        const note = h("div", { class: "govuk-hint govuk-checkboxes__hint app-suggested", id }, reason);
        const item = g.querySelector(".govuk-checkboxes__item") || g;
        item.append(note);
        const input = g.querySelector("input");
        if (input) input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), id].filter(Boolean).join(" "));
      }
      return g;
    });
  }

  function render() {
    groups = new Map();
    clear(root);
    const rec = records.get(schema.root);
    if (!model || typeof model !== "object" || Array.isArray(model)) model = {};
    root.append(...fields(model, rec ? rec.fields : [], ""));
  }

  /** The nearest element for a Report path (walking up to the item or record that holds it). */
  function groupFor(path) {
    let p = path;
    for (;;) {
      if (groups.has(p)) return groups.get(p);
      if (!p) return null;
      p = parentPath(p);
    }
  }

  return {
    element: root,
    get model() { return model; },
    set(doc) { model = doc; render(); },
    newDocument() { return recordDefaults(records.get(schema.root)?.fields || []); },
    groupFor,
    /** The element to focus for a path: the field's control, or its item's fieldset. */
    /** A place in the document in the form's own words: the field's label, and the item it is in
     *  (`Curfew hours a day (Requirement 3: Curfew)`); the path itself only when the form has no
     *  field for it. */
    nameOf(path) {
      const g = groupFor(path);
      if (!g) return path;
      const own = g.querySelector(":scope > label, :scope > fieldset > legend, :scope .govuk-checkboxes__label");
      const label = own ? own.textContent.trim() : "";
      const item = g.classList.contains("app-item") ? null : g.parentElement && g.parentElement.closest(".app-item");
      const legend = item && item.querySelector(":scope > fieldset > legend");
      const within = legend ? legend.textContent.trim() : "";
      if (label && within) return `${label} (${within})`;
      return label || within || path;
    },
    focusTarget(path) {
      let p = path;
      for (;;) {
        const el = document.getElementById(idOf(p)) || document.getElementById(`fs-${idOf(p)}`);
        if (el && el.tagName === "FIELDSET" && !el.hasAttribute("tabindex")) {
          return el.querySelector("input, select, textarea, button") || el;
        }
        if (el) return el;
        if (!p) return null;
        p = parentPath(p);
      }
    },
    /** Show each finding beside the field it concerns; `marks` is [{ path, severity, text }]. */
    mark(marks) {
      for (const el of root.querySelectorAll(".app-field-message")) el.remove();
      for (const el of root.querySelectorAll(".govuk-form-group--error, .app-form-group--warning")) {
        el.classList.remove("govuk-form-group--error", "app-form-group--warning");
      }
      for (const el of root.querySelectorAll("[data-described]")) {
        // Back to the field's own hint (if any): the findings' messages are gone.
        if (el.dataset.hint) el.setAttribute("aria-describedby", el.dataset.hint);
        else el.removeAttribute("aria-describedby");
        el.removeAttribute("data-described");
      }
      let n = 0;
      for (const m of marks) {
        const g = groupFor(m.path);
        if (!g) continue;
        const msgId = `msg-${prefix}${n++}`;
        g.classList.add(m.severity === "error" ? "govuk-form-group--error" : "app-form-group--warning");
        const control = g.querySelector("input, select, textarea");
        if (control) {
          const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
          control.setAttribute("aria-describedby", [...ids, msgId].join(" "));
          control.setAttribute("data-described", "");
        }
        const msg = h("p", { id: msgId, class: `app-field-message ${m.severity === "error" ? "govuk-error-message" : "app-warning-message"}` },
          h("span", { class: "govuk-visually-hidden" }, `${m.severity === "error" ? t("form.error") : t("form.note")}: `), m.text,
          m.action ? [" ", m.action] : null); // a link the view gives (to the finding and its law)
        const first = g.querySelector(":scope > fieldset > legend, :scope > label, :scope > .govuk-checkboxes, :scope > fieldset");
        if (first && first.tagName === "LEGEND") first.after(msg);
        else if (first && first.tagName === "LABEL") {
          const next = first.nextElementSibling;
          (next && next.classList.contains("govuk-hint") ? next : first).after(msg);
        }
        else g.prepend(msg);
      }
    },
  };
}
