// Tiny DOM helpers shared by the views: build elements without innerHTML (so no markup from data
// is ever parsed) and small text formatting. No rule logic.
import { t, longDateIn } from "./i18n.js";

/** h("p", { class: "x", onclick: fn }, "text", child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  append(el, children);
  return el;
}

/** Append children (nested arrays flattened; null/false skipped). */
export function put(el, ...children) {
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

const SVG = "http://www.w3.org/2000/svg";
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, v);
  append(el, children);
  return el;
}

/** "hours_per_day" -> "Hours per day" */
export function human(name) {
  const t = String(name).replace(/_/g, " ");
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** "2022-06-28" -> "28 June 2022" */
export function longDate(iso) {
  return longDateIn(iso); // in the language in use (i18n.js)
}

/** A period in force, in words. */
export function period(p, by) {
  if (!p) return "";
  const byText = by ? ` ${t("period.by", { by: by.replace(/^[a-z_]+\./, "").replace(/_/g, " ") })}` : "";
  if (!p.from && !p.until) return t("period.always");
  if (p.from && !p.until) return `${t("period.from", { from: longDate(p.from) })}${byText}`;
  if (!p.from && p.until) return `${t("period.until", { until: longDate(p.until) })}${byText}`;
  return `${t("period.fromUntil", { from: longDate(p.from), until: longDate(p.until) })}${byText}`;
}

/** Split explanation text into paragraphs at blank lines; fold the rule file's line breaks. */
export function paragraphs(text, cls = "govuk-body") {
  return String(text || "")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((p) => h("p", { class: cls }, p));
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function debounce(fn, ms) {
  let t = null;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}
