// End-to-end tests of the page's data safety in Debian's Chromium: drafts are versioned and an
// older (v0) draft opens after the upgrade; a draft from a newer page or a broken one is kept
// aside, not lost; export then import gives the same document back; hostile drafts and files
// (script tags in strings, huge numbers, deep JSON, not JSON) are refused with an error and leave
// the page working, with no script run; the CSP refuses eval and inline script; the contract
// specs are also checked across each other; the checker starts on the start-up module alone (under
// its size budget) and the tools module follows; and no request leaves the origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { suite, ready, byId, ORIGIN, ROOT } from "./harness.mjs";

const { session, allRequests } = suite();

const KEY = "probity.draft.check";
const example = () => JSON.parse(readFileSync(path.join(ROOT, "tests/examples/order_lawful.json"), "utf8"));
const XSS = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">";

/** Put `text` in local storage as the checker's draft (from another view), then open the checker. */
async function seed(page, text, hash = "#/check") {
  await page.evaluate(([k, t]) => localStorage.setItem(k, t), [KEY, text]);
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForSelector("main h1");
}

const stored = (page, key = KEY) => page.evaluate((k) => localStorage.getItem(k), key);

test("a v0 draft (the bare document) opens after the upgrade and is saved back as version 1", async () => {
  const { context, page, problems } = await session("#/rules");
  const v0 = example();
  v0.requirements[2].hours_per_day = 13;
  await seed(page, JSON.stringify(v0));
  await page.waitForSelector("#verdict");
  assert.equal(await byId(page, "check-requirements[2].hours_per_day").inputValue(), "13");
  assert.equal(await byId(page, "check-home_local_justice_area").inputValue(), "Leeds");
  const saved = JSON.parse(await stored(page));
  assert.equal(saved.format, "probity-draft");
  assert.equal(saved.version, 1);
  assert.equal(saved.key, "check");
  assert.match(saved.saved, /^\d{4}-\d\d-\d\dT/);
  assert.equal(saved.value.requirements[2].hours_per_day, 13);
  // The migration itself, as a function: v0 -> v1 keeps the value; a newer version is refused.
  const m = await page.evaluate(async () => {
    const s = await import("./js/store.js");
    return [s.migrateDraft({ a: 1 }, "k"), s.migrateDraft({ format: "probity-draft", version: 1, value: [2] }, "k"),
      s.migrateDraft({ format: "probity-draft", version: 7, value: 3 }, "k").error];
  });
  assert.deepEqual(m[0], { value: { a: 1 } });
  assert.deepEqual(m[1], { value: [2] });
  assert.match(m[2], /newer version of this page \(draft version 7/);
  // A draft saved from its JSON text (what the checker does on every change) is the draft
  // `saveDraft` writes, field for field, and reads back as the same value.
  const both = await page.evaluate(async (doc) => {
    const s = await import("./js/store.js");
    s.saveDraft('a "quoted" key', doc);
    const a = JSON.parse(localStorage.getItem('probity.draft.a "quoted" key'));
    s.saveDraftText('a "quoted" key', JSON.stringify(doc));
    const b = JSON.parse(localStorage.getItem('probity.draft.a "quoted" key'));
    return { a, b, read: s.loadDraft('a "quoted" key') };
  }, v0);
  assert.deepEqual(Object.keys(both.b), Object.keys(both.a));
  assert.deepEqual({ ...both.b, saved: null }, { ...both.a, saved: null });
  assert.deepEqual(both.read, v0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a draft from a newer page is kept aside, not overwritten, and the explorer says why", async () => {
  const { context, page, problems } = await session("#/rules");
  const newer = JSON.stringify({ format: "probity-draft", version: 99, key: "check", value: { future: true } });
  await seed(page, newer, "#/explore");
  await page.waitForSelector("#draft-problem");
  assert.match(await page.locator("#draft-problem").innerText(), /saved by a newer version of this page \(draft version 99/);
  assert.equal(await stored(page, `${KEY}.unreadable`), newer);
  // The page still works: the checker opens the example and checks it.
  await page.evaluate(() => { location.hash = "#/check"; });
  await page.waitForSelector('#verdict:has-text("No problems found")');
  assert.equal(await stored(page, `${KEY}.unreadable`), newer);
  assert.deepEqual(problems, []);
  await context.close();
});

test("hostile drafts in storage are refused or shown as text; no script runs and the page keeps working", async () => {
  const { context, page, problems, requests } = await session("#/rules");
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  const hostile = [
    ["not JSON", "<script>window.__pwned = 3</script>", /not valid JSON/],
    ["deep JSON", deep, /nested more than 64 levels deep/],
    ["a huge number", `{"format":"probity-draft","version":1,"value":{"length":1e999}}`, /number too large/],
  ];
  for (const [what, text, why] of hostile) {
    await page.evaluate((k) => localStorage.removeItem(`${k}.unreadable`), KEY);
    await seed(page, text, "#/explore");
    await page.waitForSelector("#draft-problem");
    assert.match(await page.locator("#draft-problem").innerText(), why, what);
    await page.evaluate(() => { location.hash = "#/check"; });
    await page.waitForSelector('#verdict:has-text("No problems found")');
    await page.evaluate(() => { location.hash = "#/rules"; });
    await page.waitForSelector("article.app-rule");
  }
  // Script tags in strings of a well-formed draft: loaded, shown as text, never run.
  const doc = example();
  doc.home_local_justice_area = XSS;
  doc.requirements.push({ kind: XSS, punitive: false });
  await seed(page, JSON.stringify(doc));
  // The unknown kind is refused by the schema, at its path; the rest of the form is filled in.
  await page.waitForSelector("#incomplete");
  assert.match(await page.locator("#incomplete").innerText(), /Requirement 5: unknown kind: "<script>/);
  assert.equal(await byId(page, "check-home_local_justice_area").inputValue(), XSS);
  assert.match(await page.locator("main").innerText(), /unknown kind/);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator("main script, main img").count(), 0);
  assert.deepEqual(requests.filter((u) => /\/x$/.test(u)), []);
  await byId(page, "check-requirements[4]").getByRole("button", { name: /Remove/ }).click();
  await page.waitForSelector('#verdict:has-text("No problems found")');
  await byId(page, "check-offender.age").fill("17");
  await page.waitForSelector("#findings");
  assert.deepEqual(problems, []);
  await context.close();
});

test("export then import gives the same document back", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  await byId(page, "check-requirements[2].hours_per_day").fill("13");
  await byId(page, "check-home_local_justice_area").fill("Bradford");
  await page.waitForSelector('#draft-status:has-text("saved")');
  await page.click("#keep summary"); // share and keep: export, import and start again are there
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "probity-")), "order.json");
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(exported.requirements[2].hours_per_day, 13);
  assert.equal(exported.home_local_justice_area, "Bradford");
  // Start again from a blank form, then import the file: the same document.
  await page.selectOption("#example-select", "");
  await page.click("#start-again");
  await page.waitForSelector("#incomplete");
  await page.setInputFiles("#import-file", file);
  await page.waitForSelector("#verdict");
  assert.equal(await byId(page, "check-requirements[2].hours_per_day").inputValue(), "13");
  assert.equal(await byId(page, "check-home_local_justice_area").inputValue(), "Bradford");
  const draft = JSON.parse(await stored(page));
  assert.deepEqual(draft.value, exported);
  await context.close();
});

const files = {
  "not-json.json": "<script>window.__pwned = 4</script>",
  "deep.json": "[".repeat(200_000) + "]".repeat(200_000),
  "huge.json": `{"length": 1e400, "offender": {"age": 1e400}}`,
  "empty.json": "",
};
const file = (name) => ({ name, mimeType: "application/json", buffer: Buffer.from(files[name]) });

test("hostile files imported into the checker show an error and leave it working", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector("#verdict");
  await page.click("#keep summary"); // share and keep: import is there
  const expected = { "not-json.json": /not valid JSON/, "deep.json": /nested more than 64 levels/, "huge.json": /number too large/, "empty.json": /not valid JSON/ };
  for (const [name, why] of Object.entries(expected)) {
    await page.setInputFiles("#import-file", file(name));
    await page.waitForSelector(`#incomplete:has-text("${name}")`);
    assert.match(await page.locator("#incomplete").innerText(), why, name);
    // The form still holds the order, and checking still works.
    assert.equal(await byId(page, "check-requirements[2].hours_per_day").inputValue(), "8");
    await byId(page, "check-requirements[2].hours_per_day").fill("21");
    await page.waitForSelector('#findings li[data-rule^="curfew"]');
    await byId(page, "check-requirements[2].hours_per_day").fill("8");
    await page.waitForSelector('#verdict:has-text("No problems found")');
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test("hostile spec files are refused with an error; a spec with script tags is shown as text", async () => {
  const { context, page, problems } = await session("#/contracts");
  await page.waitForSelector("#spec-2");
  for (const name of ["not-json.json", "deep.json", "huge.json"]) {
    await page.setInputFiles("#spec-upload", file(name));
    await page.waitForSelector(`#spec-upload-error:has-text("${name}")`);
    assert.equal(await page.locator("section.app-spec").count(), 2);
  }
  const spec = { name: XSS, area: XSS, cohort: "high_rosh", services: ["accommodation"], start_date: "2016-01-01", end_date: "2017-01-01" };
  await page.setInputFiles("#spec-upload", { name: "xss.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(spec)) });
  await page.waitForSelector("#spec-3");
  assert.match(await page.locator("#contracts-summary").innerText(), /3 specs/);
  assert.match(await page.locator("#contracts-summary").innerText(), /<script>window\.__pwned = 1<\/script>/);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator("main script, main img").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the contract specs are checked across each other: overlaps and uncovered cohorts", async () => {
  const { context, page, problems } = await session("#/contracts");
  await page.waitForSelector("#spec-2");
  // The two example specs: a CRC (Example CPA, 2015 to 2021) and accommodation (North West, 2021 to 2024).
  const across = page.locator("#contracts-across");
  await page.waitForSelector("#across-result");
  assert.match(await across.innerText(), /4 contract lines/);
  const rulesOf = async () => (await across.locator("#findings > li").evaluateAll((ls) => ls.map((l) => l.dataset.rule))).sort();
  assert.deepEqual(await rulesOf(), [
    "need-covered-at-start", "need-covered-at-start",
    "need-covered-without-gaps", "need-covered-without-gaps", "need-covered-without-gaps"]);
  assert.match(await across.innerText(), /No contract covers accommodation for high risk of serious harm in "North West" on 1 February 2015, when the plan starts\./);
  // A third spec paying again for offender management in Example CPA for all risk levels: overlap.
  const overlap = {
    name: "Overlapping OM", area: "Example CPA", provider_sector: "public", services: ["offender_management", "court_advice"],
    cohort: "all_rosh_levels", agreed_date: "2015-12-01", start_date: "2016-01-01", end_date: "2016-12-31",
  };
  await page.setInputFiles("#spec-upload", { name: "om.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(overlap)) });
  await page.waitForSelector("#spec-3");
  assert.match(await across.innerText(), /5 contract lines/);
  const finding = across.locator('#findings li[data-rule="contracts-overlap"]');
  assert.equal(await finding.count(), 1);
  assert.match(await finding.innerText(),
    /Contracts 1 \("Community Rehabilitation Company: Example area \(spec 1\)"\) and 5 \("Overlapping OM \(spec 3\)"\) both pay for offender management for all levels of risk of serious harm in "Example CPA" at the same time\.\n[^]*Concerns: spec 1 \(Offender management\), spec 3 \(Offender management\)\n/);
  await finding.locator("a", { hasText: "spec 3 (Offender management)" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "spec-3");
  // The plan checked is shown as data.
  const plan = JSON.parse(await page.locator("#across-plan").textContent());
  assert.equal(plan.period_start, "2015-02-01");
  assert.equal(plan.period_end, "2024-06-25");
  assert.deepEqual(plan.contracts.map((c) => c.service), ["offender_management", "unpaid_work", "accredited_programmes", "accommodation", "offender_management"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the CSP refuses eval and inline script, and the page's own code uses neither", async () => {
  const { context, page, problems } = await session("#/explore");
  await page.waitForSelector("main[data-explore-done=true]", { timeout: 30_000 });
  const outcome = await page.evaluate(async () => {
    // (Code run by the test driver itself may eval; code the page runs may not: a string timer is
    // compiled by the page, under its CSP.)
    const out = {};
    const next = () => new Promise((r) => document.addEventListener("securitypolicyviolation",
      (e) => r(`${e.violatedDirective} ${e.blockedURI}`), { once: true }));
    let violated = next();
    setTimeout("window.__timer = 1", 0);
    out.evalViolation = await violated;
    violated = next();
    const s = document.createElement("script");
    s.textContent = "window.__inline = 1";
    document.head.append(s);
    out.inlineViolation = await violated;
    await new Promise((r) => setTimeout(r, 100));
    out.timer = window.__timer;
    out.inline = window.__inline;
    return out;
  });
  assert.match(outcome.evalViolation, /^script-src(-elem)? eval$/);
  assert.match(outcome.inlineViolation, /^script-src(-elem)? inline$/);
  assert.equal(outcome.timer, undefined);
  assert.equal(outcome.inline, undefined);
  // The source: no inline script in the shell, no eval, Function, innerHTML or string timers.
  const html = readFileSync(path.join(ROOT, "www/index.html"), "utf8");
  assert.deepEqual(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g), null);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1];
  assert.match(csp, /(^|; )script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(csp, /(^|; )default-src 'none'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'|\*|https?:/);
  for (const f of ["app.js", "checker.js", "contracts.js", "explorer.js", "store.js", "dom.js", "render.js", "form.js",
    "engine.js", "editor.js", "explainer.js"]) {
    const src = readFileSync(path.join(ROOT, "www/js", f), "utf8");
    assert.doesNotMatch(src, /\beval\(|new Function\(|\.innerHTML\s*=|insertAdjacentHTML|setTimeout\(\s*["'`]/, f);
  }
  // Problems from the deliberate violations above are expected: only those.
  assert.ok(problems.every((p) => /Content.Security.Policy|EvalError|unsafe-eval|inline/i.test(p)), problems.join("\n"));
  await context.close();
});

test("the checker starts on the start-up module alone, under its budget, and the tools module follows", async () => {
  // The budget is `gzip -9 -c www/pkg/probity_bg.wasm | wc -c` (GNU gzip; Node's zlib at level 9
  // comes out about 4 KB larger on this module).
  const gz = execFileSync("gzip", ["-9", "-c", path.join(ROOT, "www/pkg/probity_bg.wasm")], { maxBuffer: 1 << 26 }).length;
  assert.ok(gz <= 200_000, `www/pkg/probity_bg.wasm is ${gz} bytes gzipped, over the 200,000 budget (docs/PERFORMANCE.md)`);
  const { context, page, requests, problems } = await session("#/check");
  await page.waitForSelector("#verdict");
  const paths = () => requests.map((u) => new URL(u).pathname);
  assert.ok(paths().includes("/pkg/probity_bg.wasm"), paths().join("\n"));
  assert.ok(paths().includes("/pkg/rules/community_orders.rules"), paths().join("\n"));
  assert.ok(!paths().some((p) => /probity_(editor|lint|explore|bench)/.test(p)), `a tool module came before the first check:\n${paths().join("\n")}`);
  // Once the page is idle, the editor module (so the editor also works offline).
  await page.waitForSelector("html[data-tools=ready]", { timeout: 30_000 });
  assert.ok(paths().includes("/pkg/probity_editor_bg.wasm"), paths().join("\n"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("no request left the page's origin", () => {
  assert.ok(allRequests.length > 5);
  const outside = allRequests.filter((u) => !u.startsWith(`${ORIGIN}/`) && !u.startsWith("blob:") && !u.startsWith("data:"));
  assert.deepEqual(outside, []);
});
