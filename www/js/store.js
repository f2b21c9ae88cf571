// Drafts kept in this browser (localStorage) and JSON export/import through files. Nothing here
// talks to a network: a download is a local blob, an import is a file the user picks.
const PREFIX = "probity.draft.";

// Drafts are versioned. What is stored (since version 1) is an envelope:
//   { format: "probity-draft", version: 1, key, saved: ISO time, value }
// Version 0 is the bare value, as the page stored drafts before versioning. `migrateDraft` brings
// any older shape up to DRAFT_VERSION, one step at a time, so a draft saved before an upgrade
// still opens after it. A draft from a newer page, or one that is not sound (too big, too deep,
// not JSON), is set aside under `<key>.unreadable` (never overwritten silently) and not loaded.
export const DRAFT_FORMAT = "probity-draft";
export const DRAFT_VERSION = 1;
/** Limits on what a draft or an imported file may be (the WASM side has its own, stricter). */
export const LIMITS = { bytes: 8 * 1024 * 1024, depth: 64 };

const MIGRATIONS = {
  // 0 -> 1: wrap the bare value in the envelope.
  0: (stored, key) => ({ format: DRAFT_FORMAT, version: 1, key, saved: null, value: stored }),
};

const problems = new Map();

/** The version of a stored draft: its envelope's, or 0 for a bare value. */
export function draftVersion(stored) {
  return stored && typeof stored === "object" && !Array.isArray(stored) && stored.format === DRAFT_FORMAT
    ? stored.version : 0;
}

/** Bring a stored draft (parsed JSON) up to the current version: { value } or { error }. */
export function migrateDraft(stored, key) {
  let env = stored;
  let v = draftVersion(env);
  if (!Number.isInteger(v) || v < 0) return { error: `the draft has an unknown version (${JSON.stringify(v)})` };
  if (v > DRAFT_VERSION) return { error: `the draft was saved by a newer version of this page (draft version ${v}, this page reads up to ${DRAFT_VERSION})` };
  while (v < DRAFT_VERSION) {
    env = MIGRATIONS[v](env, key);
    v = draftVersion(env);
  }
  if (!("value" in env)) return { error: "the draft has no value" };
  return { value: env.value };
}

/** Whether a parsed JSON value is within the limits: null when it is, else the reason. Walks
 *  without recursion, so a hostile nesting depth cannot overflow the stack. */
export function jsonProblem(value) {
  const stack = [[value, 0]];
  let nodes = 0;
  while (stack.length) {
    const [v, d] = stack.pop();
    if (++nodes > 1_000_000) return "it has more than a million values";
    if (typeof v === "number" && !Number.isFinite(v)) return "it holds a number too large to be exact";
    if (v === null || typeof v !== "object") continue;
    if (d >= LIMITS.depth) return `it is nested more than ${LIMITS.depth} levels deep`;
    for (const c of Array.isArray(v) ? v : Object.values(v)) stack.push([c, d + 1]);
  }
  return null;
}

/** Parse JSON text from a file or storage: { value } or { error } (never throws). */
export function parseJson(text, what = "the file") {
  if (typeof text !== "string") return { error: `${what} is not text` };
  if (text.length > LIMITS.bytes) return { error: `${what} is too large (more than ${LIMITS.bytes / 1024 / 1024} MiB)` };
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `${what} is not valid JSON: ${e && e.message ? e.message : e}` };
  }
  const p = jsonProblem(value);
  return p ? { error: `${what} cannot be used: ${p}` } : { value };
}

/** Why the last attempt to load this draft failed (null when it did not). */
export function draftProblem(key) {
  return problems.get(key) || null;
}

export function loadDraft(key) {
  problems.delete(key);
  let text;
  try {
    text = localStorage.getItem(PREFIX + key);
  } catch {
    return null; // storage disabled
  }
  if (text === null) return null;
  const parsed = parseJson(text, "the saved draft");
  const out = parsed.error ? parsed : migrateDraft(parsed.value, key);
  if (out.error) {
    problems.set(key, out.error);
    try {
      // Keep what could not be read, so nothing typed is lost; the next save writes a fresh draft.
      if (localStorage.getItem(`${PREFIX}${key}.unreadable`) === null) localStorage.setItem(`${PREFIX}${key}.unreadable`, text);
    } catch { /* storage full */ }
    return null;
  }
  return out.value;
}

export function saveDraft(key, value) {
  try {
    return saveDraftText(key, JSON.stringify(value));
  } catch {
    return false; // a value JSON cannot write: the draft is not kept
  }
}

/** `saveDraft` of a value already written as JSON text (`JSON.stringify(value)`): the order
 *  checker hands the same text to the engine, so the draft is not turned into text twice. The
 *  envelope's value is spliced in as text after its other fields. */
export function saveDraftText(key, text) {
  if (typeof text !== "string") return false;
  try {
    const head = JSON.stringify({ format: DRAFT_FORMAT, version: DRAFT_VERSION, key, saved: new Date().toISOString() });
    localStorage.setItem(PREFIX + key, `${head.slice(0, -1)},"value":${text}}`);
    return true;
  } catch {
    return false; // storage full or disabled: the page still works, the draft is not kept
  }
}

export function clearDraft(key) {
  try { localStorage.removeItem(PREFIX + key); } catch { /* nothing kept */ }
}

// Earlier drafts (www/js/undo.js): for each draft, a list of { saved, what, value }, oldest
// first, kept under its own key. Read with the same limits as a draft; unreadable means none.
const EARLIER = "probity.earlier.";

/** The earlier drafts kept for `key` (an empty list when none or unreadable). */
export function loadEarlier(key) {
  let text;
  try {
    text = localStorage.getItem(EARLIER + key);
  } catch {
    return [];
  }
  if (text === null) return [];
  const parsed = parseJson(text, "the earlier drafts");
  const list = parsed.error ? [] : parsed.value;
  return Array.isArray(list) ? list.filter((e) => e && typeof e === "object" && "value" in e) : [];
}

/** Keep `list` as the earlier drafts of `key`: true if kept (false when storage is full). */
export function saveEarlier(key, list) {
  try {
    localStorage.setItem(EARLIER + key, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
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
