// Earlier drafts and undo: before an action replaces a draft (opening an example, starting again,
// removing a spec, applying a fix, importing, opening a shared link) the draft as it was is kept
// in this browser (the last ten for each draft), and the view shows a banner with an Undo button.
// An action that also changes view (an example opens in the checker) leaves the banner for the
// view it opens.
import { loadDraft, saveDraft, loadEarlier, saveEarlier } from "./store.js";
import { h } from "./dom.js";
import { t, longDateIn } from "./i18n.js";

const KEEP = 10;
let pending = null;

/** The earlier drafts kept for `key`, oldest first: [{ saved, what, value }]. */
export function earlierDrafts(key) {
  return loadEarlier(key);
}

function store(key, list) {
  return saveEarlier(key, list.slice(-KEEP)); // false when storage is full: the action still happens
}

/** Keep `value` (the draft about to be replaced) as the newest earlier draft of `key`; `what` is
 *  the i18n key of the action that replaces it. */
export function keepEarlier(key, value, what) {
  if (value === null || value === undefined) return false;
  const list = earlierDrafts(key);
  list.push({ saved: new Date().toISOString(), what, value: structuredClone(value) });
  return store(key, list);
}

/** Replace the draft `key` with `value`, keeping the one it replaces; the next view that asks
 *  `takeNotice(key)` shows the undo banner. */
export function replaceDraft(key, value, what) {
  const before = loadDraft(key);
  const kept = before !== null && JSON.stringify(before) !== JSON.stringify(value) && keepEarlier(key, before, what);
  saveDraft(key, value);
  pending = kept ? { key, what } : null;
}

/** The notice left for `key` by `replaceDraft` (once), or null. */
export function takeNotice(key) {
  if (!pending || pending.key !== key) return null;
  const p = pending;
  pending = null;
  return p;
}

/** Put back the newest earlier draft of `key` (it becomes the draft; the list loses it): the
 *  value, or null when there is none. */
export function undo(key) {
  const list = earlierDrafts(key);
  const last = list.pop();
  if (!last) return null;
  store(key, list);
  saveDraft(key, last.value);
  return last.value;
}

/** Put back the earlier draft at `index` (the draft it replaces is kept in turn). */
export function restore(key, index, current) {
  const list = earlierDrafts(key);
  const [chosen] = list.splice(index, 1);
  if (!chosen) return null;
  store(key, list);
  keepEarlier(key, current, "undo.restored");
  saveDraft(key, chosen.value);
  return chosen.value;
}

/** The banner after a replacing action: what happened, and an Undo button that calls `onUndo`
 *  (the view puts the draft back and redraws) and then says the draft is back. */
export function undoBanner(what, onUndo, vars = {}) {
  const text = h("p", { class: "govuk-notification-banner__heading", id: "undo-text" }, t(what, vars));
  const button = h("button", {
    type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0", id: "undo-button",
    onclick: () => {
      onUndo();
      text.textContent = t("undo.restored");
      button.remove();
      text.focus();
    },
  }, t("undo.button"));
  text.setAttribute("tabindex", "-1");
  return h("div", { class: "govuk-notification-banner app-no-print", role: "region", "aria-labelledby": "undo-title", id: "undo-banner" },
    h("div", { class: "govuk-notification-banner__header" },
      h("h2", { class: "govuk-notification-banner__title", id: "undo-title" }, t("undo.title"))),
    h("div", { class: "govuk-notification-banner__content", role: "status" }, text, button));
}

/** A list of the earlier drafts of `key`, newest first, each with a Restore button. */
export function earlierList(key, onRestore) {
  const list = earlierDrafts(key);
  if (!list.length) return h("p", { class: "govuk-body-s", id: "earlier-none" }, t("earlier.none"));
  return h("ul", { class: "govuk-list app-earlier", id: "earlier-drafts" }, list.map((e, i) => ({ e, i })).reverse().map(({ e, i }) =>
    h("li", {},
      t("earlier.item", { what: t(e.what).replace(/[.]$/, ""), when: when(e.saved) }), " ",
      h("button", { type: "button", class: "app-link-button", "data-earlier": String(i), onclick: () => onRestore(i) },
        t("earlier.restore")))));
}

function when(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  return `${longDateIn(day)} ${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}
