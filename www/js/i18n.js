// The page's own words (not the rulebooks'): one catalogue per language, English and Welsh, the
// chosen language remembered in this browser, and `t(key, vars)` to look a string up. Strings in
// index.html carry `data-i18n="key"` and are filled from here. Every key has both languages
// (tests/page/e2e-i18n.test.mjs fails on a key without its Welsh).
const STORE = "probity.lang";
export const LANGUAGES = { en: "en-GB", cy: "cy" };

export const CATALOGUE = {
  en: {
    "skip.main": "Skip to main content",
    "skip.form": "Skip to the form",
    "skip.findings": "Skip to the findings",
    "nav.label": "Menu",
    "nav.menu": "Menu",
    "nav.check": "Order checker",
    "nav.explore": "Combinations and fixes",
    "nav.routing": "Case routing",
    "nav.tiering": "Tier a case",
    "nav.contracts": "Contract specs",
    "nav.rules": "How the rules work",
    "nav.editor": "Rule editor",
    "service.name": "Probation rules checker",
    "service.info": "Service information",
    "status.label": "Service status",
    "phase.tag": "Alpha",
    "phase.text": "Everything you type stays in this browser: nothing is sent anywhere. This is a checking aid, not legal advice.",
    "footer.privacy": "No cookies, no analytics. Drafts are kept in this browser's local storage until you clear them.",
    "footer.versions": "Rulebooks in use",
    "lang.switch": "Cymraeg",
    "loading": "Loading the rules…",
    "start.failed": "The checker could not start",
    "start.offline": "The checker needs to load once with a connection. This browser is offline and has no saved copy of the page yet. Connect to the internet and reload the page.",
    "start.failedText": "This browser could not load the checker's engine. Reload the page; if it fails again, try another browser.",
    "undo.title": "Your earlier draft is kept",
    "undo.button": "Undo",
    "undo.example": "You opened an example, so the order you were working on was replaced.",
    "undo.startAgain": "You started again, so the order you were working on was cleared.",
    "undo.fix": "A fix was applied to the order.",
    "undo.removeSpec": "Spec {n} was removed.",
    "undo.import": "An imported order replaced the one you were working on.",
    "undo.shared": "An order from a shared link replaced the one you were working on.",
    "undo.restored": "The earlier draft is back.",
    "earlier.title": "Earlier drafts kept in this browser",
    "earlier.restore": "Restore",
    "earlier.none": "No earlier drafts yet.",
    "earlier.item": "{what} ({when})",
    "offline.updated": "Updated rules are available.",
    "offline.reload": "Reload to use them",
    "offline.ready": "The checker is saved in this browser and works without a connection.",
    "offline.notice": "You are offline. The checker keeps working with the rules it has.",
    "version.label": "Rules in use",
    "version.line": "{title} version {version} ({hash})",
    "share.title": "Share and keep this order",
    "share.link": "Copy a link to this order",
    "share.linkHint": "The order is in the part of the link after #, which browsers never send to a server.",
    "share.copied": "Link copied. Anyone who opens it sees this order in their own browser.",
    "share.copyFailed": "Copy this link:",
    "share.export": "Save the order as a file",
    "share.import": "Open an order from a file",
    "share.startFrom": "Start again from",
    "share.blank": "A blank form",
    "share.startAgain": "Start again",
    "share.badLink": "The order in this link could not be read: {why}. Your own draft is unchanged.",
    "print.link": "Print the order in court words",
    "print.title": "The order in court words",
    "print.button": "Print",
    "print.back": "Back to the order checker",
    "print.caseRef": "Case reference (optional)",
    "print.court": "Court name (optional)",
    "print.checkedOn": "Checked on",
    "print.rules": "Rules used",
    "print.lawOn": "Law in force on",
    "print.case": "Case reference",
    "print.courtName": "Court",
    "print.order": "The order",
    "print.requirements": "Requirements",
    "print.result": "Result",
    "print.findings": "Findings",
    "print.dates": "Derived dates",
    "print.law": "Law applied",
    "print.none": "There is no order to report on.",
    "print.goCheck": "Go to the order checker",
    "print.foot": "This summary was produced in the browser by probity. It is a checking aid: the court decides.",
    "print.notChecked": "Not checked",
    "print.runs": "It runs from {start} to {end} ({length}).",
    "print.lasts": "lasts {lasts}",
    "print.wholePeriod": "for the whole order",
    "print.endsOn": "ends on {date}",
    "findings.heading": "Findings",
    "findings.below": "The findings below update as you type, each with the law it comes from.",
    "findings.summaryTop": "Findings summary",
    "findings.jump": "See the findings",
    "findings.law": "See the law and how to fix it",
    "findings.fix": "How do I fix this?",
    "jump.label": "Go to",
    "filter.label": "Show only rules mentioning",
    "filter.count": "{shown} of {total} rules shown",
    "yes": "Yes",
    "no": "No",
    "notRecorded": "Not recorded",
  },
  cy: {
    "skip.main": "Neidio i'r prif gynnwys",
    "skip.form": "Neidio i'r ffurflen",
    "skip.findings": "Neidio i'r canfyddiadau",
    "nav.label": "Dewislen",
    "nav.menu": "Dewislen",
    "nav.check": "Gwirio gorchymyn",
    "nav.explore": "Cyfuniadau a chywiriadau",
    "nav.routing": "Llwybro achos",
    "nav.tiering": "Haenu achos",
    "nav.contracts": "Manylebau contract",
    "nav.rules": "Sut mae'r rheolau'n gweithio",
    "nav.editor": "Golygydd rheolau",
    "service.name": "Gwirio rheolau prawf",
    "service.info": "Gwybodaeth am y gwasanaeth",
    "status.label": "Statws y gwasanaeth",
    "phase.tag": "Alffa",
    "phase.text": "Mae popeth rydych yn ei deipio yn aros yn y porwr hwn: nid oes dim yn cael ei anfon i unman. Cymorth i wirio yw hwn, nid cyngor cyfreithiol.",
    "footer.privacy": "Dim cwcis, dim dadansoddeg. Caiff drafftiau eu cadw yn storfa leol y porwr hwn nes i chi eu clirio.",
    "footer.versions": "Llyfrau rheolau sy'n cael eu defnyddio",
    "lang.switch": "English",
    "loading": "Wrthi'n llwytho'r rheolau…",
    "start.failed": "Nid oedd modd dechrau'r gwiriwr",
    "start.offline": "Mae angen i'r gwiriwr lwytho unwaith gyda chysylltiad. Mae'r porwr hwn all-lein ac nid oes ganddo gopi o'r dudalen wedi'i gadw eto. Cysylltwch â'r rhyngrwyd ac ail-lwythwch y dudalen.",
    "start.failedText": "Nid oedd modd i'r porwr hwn lwytho peiriant y gwiriwr. Ail-lwythwch y dudalen; os yw'n methu eto, rhowch gynnig ar borwr arall.",
    "undo.title": "Mae eich drafft cynharach wedi'i gadw",
    "undo.button": "Dadwneud",
    "undo.example": "Rydych wedi agor enghraifft, felly disodlwyd y gorchymyn roeddech yn gweithio arno.",
    "undo.startAgain": "Rydych wedi dechrau eto, felly cliriwyd y gorchymyn roeddech yn gweithio arno.",
    "undo.fix": "Mae cywiriad wedi'i wneud i'r gorchymyn.",
    "undo.removeSpec": "Mae manyleb {n} wedi'i dileu.",
    "undo.import": "Mae gorchymyn a fewnforiwyd wedi disodli'r un roeddech yn gweithio arno.",
    "undo.shared": "Mae gorchymyn o ddolen a rannwyd wedi disodli'r un roeddech yn gweithio arno.",
    "undo.restored": "Mae'r drafft cynharach yn ôl.",
    "earlier.title": "Drafftiau cynharach wedi'u cadw yn y porwr hwn",
    "earlier.restore": "Adfer",
    "earlier.none": "Dim drafftiau cynharach eto.",
    "earlier.item": "{what} ({when})",
    "offline.updated": "Mae rheolau wedi'u diweddaru ar gael.",
    "offline.reload": "Ail-lwythwch i'w defnyddio",
    "offline.ready": "Mae'r gwiriwr wedi'i gadw yn y porwr hwn ac mae'n gweithio heb gysylltiad.",
    "offline.notice": "Rydych all-lein. Mae'r gwiriwr yn dal i weithio gyda'r rheolau sydd ganddo.",
    "version.label": "Rheolau sy'n cael eu defnyddio",
    "version.line": "{title} fersiwn {version} ({hash})",
    "share.title": "Rhannu a chadw'r gorchymyn hwn",
    "share.link": "Copïo dolen i'r gorchymyn hwn",
    "share.linkHint": "Mae'r gorchymyn yn y rhan o'r ddolen ar ôl #, nad yw porwyr byth yn ei hanfon at weinydd.",
    "share.copied": "Mae'r ddolen wedi'i chopïo. Bydd unrhyw un sy'n ei hagor yn gweld y gorchymyn hwn yn eu porwr eu hunain.",
    "share.copyFailed": "Copïwch y ddolen hon:",
    "share.export": "Cadw'r gorchymyn fel ffeil",
    "share.import": "Agor gorchymyn o ffeil",
    "share.startFrom": "Dechrau eto o",
    "share.blank": "Ffurflen wag",
    "share.startAgain": "Dechrau eto",
    "share.badLink": "Nid oedd modd darllen y gorchymyn yn y ddolen hon: {why}. Nid yw eich drafft eich hun wedi newid.",
    "print.link": "Argraffu'r gorchymyn yn iaith y llys",
    "print.title": "Y gorchymyn yn iaith y llys",
    "print.button": "Argraffu",
    "print.back": "Yn ôl i wirio gorchymyn",
    "print.caseRef": "Cyfeirnod yr achos (dewisol)",
    "print.court": "Enw'r llys (dewisol)",
    "print.checkedOn": "Dyddiad gwirio",
    "print.rules": "Rheolau a ddefnyddiwyd",
    "print.lawOn": "Y gyfraith mewn grym ar",
    "print.case": "Cyfeirnod yr achos",
    "print.courtName": "Llys",
    "print.order": "Y gorchymyn",
    "print.requirements": "Gofynion",
    "print.result": "Canlyniad",
    "print.findings": "Canfyddiadau",
    "print.dates": "Dyddiadau sy'n deillio",
    "print.law": "Y gyfraith a gymhwyswyd",
    "print.none": "Nid oes gorchymyn i adrodd arno.",
    "print.goCheck": "Ewch i wirio gorchymyn",
    "print.foot": "Cynhyrchwyd y crynodeb hwn yn y porwr gan probity. Cymorth i wirio ydyw: y llys sy'n penderfynu.",
    "print.notChecked": "Heb ei wirio",
    "print.runs": "Mae'n rhedeg o {start} i {end} ({length}).",
    "print.lasts": "yn para {lasts}",
    "print.wholePeriod": "am y gorchymyn cyfan",
    "print.endsOn": "yn dod i ben ar {date}",
    "findings.heading": "Canfyddiadau",
    "findings.below": "Mae'r canfyddiadau isod yn diweddaru wrth i chi deipio, pob un gyda'r gyfraith y daw ohoni.",
    "findings.summaryTop": "Crynodeb o'r canfyddiadau",
    "findings.jump": "Gweld y canfyddiadau",
    "findings.law": "Gweld y gyfraith a sut i'w gywiro",
    "findings.fix": "Sut mae cywiro hyn?",
    "jump.label": "Ewch i",
    "filter.label": "Dangos dim ond rheolau sy'n sôn am",
    "filter.count": "Yn dangos {shown} o {total} rheol",
    "yes": "Ie",
    "no": "Na",
    "notRecorded": "Heb ei gofnodi",
  },
};

const MONTHS = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  cy: ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"],
};

function stored() {
  try { return localStorage.getItem(STORE); } catch { return null; }
}

let current = CATALOGUE[stored()] ? stored() : "en";

/** The language in use: "en" or "cy". */
export function language() {
  return current;
}

/** A string of the page in the language in use, with `{name}` filled from `vars`. A key missing
 *  from a catalogue falls back to English (the test suite makes sure none is missing). */
export function t(key, vars = {}) {
  const text = CATALOGUE[current][key] ?? CATALOGUE.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** "2022-06-28" -> "28 June 2022" / "28 Mehefin 2022". */
export function longDateIn(iso, lang = current) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return iso || "";
  return `${Number(m[3])} ${MONTHS[lang][Number(m[2]) - 1]} ${m[1]}`;
}

/** Choose the language (remembered in this browser), set `lang` on <html> and translate the
 *  shell's marked strings. Views re-render themselves (app.js routes again). */
export function setLanguage(lang) {
  if (!CATALOGUE[lang]) return;
  current = lang;
  try { localStorage.setItem(STORE, lang); } catch { /* not remembered */ }
  applyShell();
}

/** Fill every `data-i18n` element's text and `data-i18n-label` element's aria-label. */
export function applyShell(root = document) {
  document.documentElement.lang = LANGUAGES[current];
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
}
