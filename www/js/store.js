// Drafts kept in this browser (localStorage) and JSON export/import through files. Nothing here
// talks to a network: a download is a local blob, an import is a file the user picks.
const PREFIX = "probity.draft.";

export function loadDraft(key) {
  try {
    const text = localStorage.getItem(PREFIX + key);
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

export function saveDraft(key, value) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false; // storage full or disabled: the page still works, the draft is not kept
  }
}

export function clearDraft(key) {
  try { localStorage.removeItem(PREFIX + key); } catch { /* nothing kept */ }
}

/** Offer `value` as a JSON file download. */
export function download(filename, value) {
  const blob = new Blob([JSON.stringify(value, null, 2) + "\n"], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The text of every file chosen in an <input type=file>. */
export function readFiles(input) {
  return Promise.all([...input.files].map(async (f) => ({ name: f.name, text: await f.text() })));
}
