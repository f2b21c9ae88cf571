// Working offline: registers the service worker (www/sw.js), hands it the list of everything the
// page loaded so a reload works without a connection (`data-offline="ready"` on <html> once it is
// kept), and, when the connection comes back, says if the rule files on the server differ from the
// ones in use ("Updated rules are available", with a reload link).
import { h, clear } from "./dom.js";
import { t } from "./i18n.js";

/** Register the worker; resolves once it controls the page (or at once without one). */
export async function registerWorker() {
  if (!("serviceWorker" in navigator)) return null;
  try {
    const reg = await navigator.serviceWorker.register("sw.js", { scope: "./" });
    await navigator.serviceWorker.ready;
    return reg;
  } catch {
    return null; // no worker (a private window, say): the page works, a reload offline does not
  }
}

/** Ask the worker to keep every same-origin file the page has loaded so far, and `extra` (files
 *  the page has not loaded itself: the Web Worker's modules). */
export async function keepLoaded(extra = []) {
  const reg = await navigator.serviceWorker?.ready;
  const worker = reg && reg.active;
  if (!worker) return;
  const urls = [location.href.split("#")[0], ...performance.getEntriesByType("resource").map((e) => e.name), ...extra.map(String)]
    .filter((u) => u.startsWith(location.origin));
  const done = new Promise((resolve) => {
    const on = (e) => {
      if (e.data && e.data.type === "kept") {
        navigator.serviceWorker.removeEventListener("message", on);
        resolve(e.data);
      }
    };
    navigator.serviceWorker.addEventListener("message", on);
    navigator.serviceWorker.startMessages();
  });
  worker.postMessage({ type: "keep", urls });
  const kept = await done;
  if (kept.count === kept.of) document.documentElement.dataset.offline = "ready";
}

/** When the connection comes back, fetch the rule files again and compare them with `books`
 *  ([{ file, text }] in use); if any changed, show the notice in `slot`. */
export function watchForUpdates(books, slot, base) {
  const show = (text, withReload) => {
    clear(slot).append(h("div", { class: "govuk-notification-banner app-no-print", role: "region", "aria-labelledby": "updates-title", id: "updates-banner" },
      h("div", { class: "govuk-notification-banner__header" },
        h("h2", { class: "govuk-notification-banner__title", id: "updates-title" }, t("version.label"))),
      h("div", { class: "govuk-notification-banner__content", role: "status" },
        h("p", { class: "govuk-notification-banner__heading" }, text,
          withReload ? [" ", h("a", { class: "govuk-notification-banner__link", href: location.href.split("#")[0] + location.hash, id: "updates-reload", onclick: (e) => { e.preventDefault(); location.reload(); } }, t("offline.reload")), "."] : null))));
  };
  window.addEventListener("offline", () => show(t("offline.notice"), false));
  window.addEventListener("online", async () => {
    clear(slot);
    let changed = false;
    for (const b of books()) {
      try {
        const res = await fetch(new URL(b.file, base), { cache: "no-store" });
        if (res.ok && (await res.text()) !== b.text) changed = true;
      } catch { return; /* not really back yet */ }
    }
    if (changed) show(t("offline.updated"), true);
  });
}
