// Share and keep an order: a link carrying the order in the URL fragment (`#/check?order=...`,
// base64url of its JSON: the part after # is never sent to a server), and opening such a link
// (the draft it replaces is kept, with an undo).
import { h, clear } from "./dom.js";
import { parseJson } from "./store.js";
import { replaceDraft } from "./undo.js";
import { t } from "./i18n.js";

/** base64url of the UTF-8 of `text`. */
function encode(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decode(code) {
  const bin = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The link that opens `doc` in the view `partName`. */
export function shareLink(partName, doc) {
  const base = `${location.origin}${location.pathname}`;
  return `${base}#/${partName}?order=${encode(JSON.stringify(doc))}`;
}

/** If `params` carry an order, make it the draft `key` (keeping the one it replaces) and drop it
 *  from the address (a reload then keeps any edits): null, { ok }, or { error } in words. */
export function takeSharedOrder(params, key) {
  const code = params.get("order");
  if (code === null) return null;
  const rest = new URLSearchParams(params);
  rest.delete("order");
  const clean = `${location.pathname}#/${key}${rest.size ? `?${rest}` : ""}`;
  history.replaceState(null, "", clean);
  let text;
  try {
    text = decode(code);
  } catch {
    return { error: "the link is cut short or was changed" };
  }
  const v = parseJson(text, "the order");
  if (v.error) return { error: v.error };
  if (!v.value || typeof v.value !== "object" || Array.isArray(v.value)) return { error: "it does not hold an order" };
  replaceDraft(key, v.value, "undo.shared");
  return { ok: true };
}

/** The "copy a link" button and where the link shows (for copying by hand if the clipboard is
 *  not available). */
export function shareTools(partName, model) {
  const out = h("div", { id: "share-output", role: "status" });
  return h("div", { class: "govuk-form-group" },
    h("button", {
      type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-2", id: "share-link",
      "aria-describedby": "share-hint",
      onclick: async () => {
        const link = shareLink(partName, model());
        let copied = false;
        try {
          await navigator.clipboard.writeText(link);
          copied = true;
        } catch { /* no clipboard: the link is shown to copy */ }
        clear(out).append(
          h("p", { class: "govuk-body-s govuk-!-margin-bottom-1" }, copied ? t("share.copied") : t("share.copyFailed")),
          h("label", { class: "govuk-visually-hidden", for: "share-url" }, t("share.link")),
          h("input", { class: "govuk-input", id: "share-url", type: "text", readonly: true, value: link, spellcheck: "false" }));
      },
    }, t("share.link")),
    h("p", { class: "govuk-hint", id: "share-hint" }, t("share.linkHint")),
    out);
}
