// End-to-end tests of the static page in Debian's Chromium: a clerk's unlawful order found and
// fixed, drafts surviving a reload, explainer examples opening in the checker, the rule editor's
// line:column diagnostics, several contract specs, the print view, no request leaving the origin,
// working offline after load (and the editor still compiling when the tools module never came),
// and no axe-core violation of any impact (colour contrast on). The rule editor:
// highlighting, squiggles with quick fixes, lint findings whose witnesses open in the checker, and
// the explainer's versions of a rule over time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { suite, ready, byId, editorFrom, ORIGIN, ROOT } from "./harness.mjs";
import { axeViolations } from "./e2e-support.mjs";

const SHOTS = path.join(ROOT, "docs/screenshots");
mkdirSync(SHOTS, { recursive: true });

const { session, allRequests } = suite();

const hours = (page) => byId(page, "check-requirements[2].hours_per_day");

test("an unlawful curfew shows its finding and citation, clears when fixed, and the draft survives a reload", async () => {
  const { context, page, problems } = await session("#/check");
  // The checker opens on the rulebook's lawful example (a 2023 conviction): no findings.
  await page.waitForSelector("#verdict");
  assert.match(await page.locator("#verdict").innerText(), /No problems found/);
  assert.equal(await byId(page, "check-conviction_date").inputValue(), "2023-03-02");

  await hours(page).fill("21");
  const finding = page.locator('#findings li[data-rule^="curfew"]').first();
  await finding.waitFor();
  const text = await finding.innerText();
  assert.match(text, /21 hours/);
  assert.match(text, /Sentencing Act 2020, Sch\. 9/);
  assert.match(await page.locator("#verdict").innerText(), /breaks the rules/);
  // The field itself is marked, and the finding links to it.
  assert.equal(await byId(page, "g-check-requirements[2].hours_per_day").getAttribute("class"), "govuk-form-group govuk-form-group--error");
  await finding.locator("a", { hasText: "Curfew hours a day" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "check-requirements[2].hours_per_day");
  await page.screenshot({ path: path.join(SHOTS, "order-checker.png") });

  await hours(page).fill("12");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  assert.equal(await page.locator('#findings li[data-rule^="curfew"]').count(), 0);
  assert.match(await page.locator("#end-date").innerText(), /6 April 2023 to 6 April 2025/);

  await page.reload();
  await ready(page);
  await page.waitForSelector("#verdict");
  assert.equal(await hours(page).inputValue(), "12");
  assert.deepEqual(problems, []);
  await context.close();
});

test("an incomplete order says what to fill in, linked to the field", async () => {
  const { context, page } = await session("#/check");
  await byId(page, "check-offender.age").fill("");
  const incomplete = page.locator("#incomplete");
  await incomplete.waitFor();
  // Said by the field's label, which links to the field (never the path `offender.age`).
  assert.match(await incomplete.innerText(), /^Age at conviction is missing$/m);
  await incomplete.locator("a", { hasText: "Age at conviction" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "check-offender.age");
  await context.close();
});

test("requirements can be added and removed with the keyboard", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  await byId(page, "check-requirements-kind").selectOption("alcohol_treatment");
  await byId(page, "check-requirements-add").focus();
  await page.keyboard.press("Enter");
  const added = byId(page, "check-requirements[3]");
  await added.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "check-requirements[3]");
  assert.match(await added.innerText(), /Alcohol treatment/);
  // Not willing and not dependent: the alcohol treatment rules fire against this requirement.
  await page.waitForSelector('#findings a:has-text("Requirement 4: Alcohol treatment")');
  await added.getByRole("button", { name: /Remove/ }).press("Enter");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  await context.close();
});

test("an explainer example opens in the checker and shows that rule's finding", async () => {
  const { context, page } = await session("#/rules");
  const article = page.locator('#book-community_orders article:has(button[data-example="unlawful"])').first();
  const rule = await article.getAttribute("data-rule");
  await page.screenshot({ path: path.join(SHOTS, "explainer.png") });
  await article.locator('button[data-example="unlawful"]').click();
  await page.waitForURL(/#\/check$/);
  await page.waitForSelector("#verdict");
  assert.ok(await page.locator(`#findings li[data-rule="${rule}"], #findings li[data-rule^="${rule}/"]`).count() >= 1,
    `the example for ${rule} shows its finding`);
  await context.close();
});

test("the explainer lists every rule with its citation and draws the routing table", async () => {
  const { context, page } = await session("#/rules");
  const rules = page.locator("article.app-rule");
  assert.ok(await rules.count() > 30);
  const routes = page.locator("#book-routing table.app-routes").first();
  assert.match(await routes.innerText(), /Who/);
  assert.ok(await routes.locator("tbody tr").count() >= 2);
  await page.fill("#rule-filter", "curfew");
  const visible = await page.locator("article.app-rule:visible").count();
  assert.ok(visible > 0 && visible < await rules.count());
  await context.close();
});

// A small rulebook for the editor tests. The `£` signs before the curfew rule are two bytes each
// in UTF-8 and one unit in the editor: the squiggle must still land exactly on the misspelt name.
const SMALL = `// Fines of at most £2500, and curfews of at most 20 hours a day.
rulebook small version "0.1.0"
  title "Fines and curfews (£)"

variant Requirement {
  punitive: bool
  curfew { hours_per_day: hours }
}
record Order { fine: money, requirements: list of Requirement }
document order: Order

rule fine-maximum
  title "Fines: at most £2500"
  cite "An example"
  explain "A fine may be at most £2500."
  require order.fine <= £2500
  message "The fine is {order.fine}; it may be at most £2500."

rule curfew-daily-max
  title "Curfew hours in any one day"
  cite "Sentencing Act 2020, Sch. 9, para 9(4)(b)"
  explain "A curfew may confine the offender for at most 20 hours in a day."
  for each curfew r in order.requirements
  require r.hours_per_day <= 20 hours
  message "A curfew may last at most 20 hours a day; this one lasts {r.hours_per_day}."
`;

/** The editor's text, from the draft the page keeps (CodeMirror draws only the lines in view). */
const editorText = (page) => page.evaluate(() => {
  const stored = JSON.parse(localStorage.getItem("probity.draft.editor"));
  return (stored.format === "probity-draft" ? stored.value : stored).text;
});

/** Replace the editor's text as a user would: select all, then type (paste) the new text. */
async function setEditorText(page, text) {
  await page.click("#editor-text");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

test("the rule editor shows line:column for bad text and keeps the last good rulebook", async () => {
  const { context, page, problems } = await session("#/editor");
  await page.waitForSelector("#editor-host[data-editor=codemirror]");
  await page.waitForSelector("#compile-ok");
  // Highlighted: keywords, strings and rule names have their own classes.
  await page.waitForSelector("#editor-host .tok-keyword");
  await page.waitForSelector("#editor-host .tok-comment");
  await page.waitForSelector("#editor-host .tok-string");
  const bad = 'rulebook x version "1"\n\nrecord R { a: bool }\ndocument d: R\nrule r\n  title "T"\n  cite "C"\n  explain "E"\n  require d.b\n  message "M"\n';
  await setEditorText(page, bad);
  await page.waitForSelector("#compile-failed");
  const diags = await page.locator("#diagnostics").innerText();
  assert.match(diags, /line 9, column \d+/);
  assert.match(diags, /\(community_orders\.rules \(edited\):9:\d+\)/);
  // The error is underlined in the text, at `b`.
  assert.equal(await page.locator("#editor-host .cm-lintRange-error").first().innerText(), "b");
  // Jump to the place: the caret lands on line 9.
  await page.locator("#diagnostics button").first().click();
  assert.equal(await page.locator("#editor-host .cm-lineNumbers .cm-activeLineGutter").innerText(), "9");
  await page.screenshot({ path: path.join(SHOTS, "rule-editor.png") });
  // The broken edit survives a reload, and the last good version is one click away.
  await page.reload();
  await ready(page);
  await page.waitForSelector("#compile-failed");
  assert.equal(await editorText(page), bad);
  assert.match(await page.locator("#editor-host .cm-content").innerText(), /require d\.b/);
  await page.click("#restore-good");
  await page.waitForSelector("#compile-ok");
  assert.match(await page.locator("#compile-ok").innerText(), /0 failed/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a misspelt field is underlined with its did-you-mean, and one click fixes it", async () => {
  const { context, page, problems } = await session("#/editor");
  await page.waitForSelector("#editor-host[data-editor=codemirror]");
  await setEditorText(page, SMALL);
  await page.waitForSelector("#compile-ok");
  // Misspell the field as an author would: select the name and type over it.
  const line = page.locator("#editor-host .cm-line", { hasText: "require r.hours_per_day <= 20 hours" });
  const box = await line.boundingBox();
  await page.mouse.click(box.x + 2, box.y + box.height / 2);
  await page.keyboard.press("End");
  for (let i = 0; i < " <= 20 hours".length; i++) await page.keyboard.press("ArrowLeft");
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.type("dya");
  await page.waitForSelector("#compile-failed");
  const squiggle = page.locator("#editor-host .cm-lintRange-error");
  await squiggle.waitFor();
  // Exactly the misspelt name, although four `£` come before it (bytes are not UTF-16 units).
  assert.equal(await squiggle.innerText(), "hours_per_dya");
  const item = page.locator('#diagnostics li[data-code="E0205"]');
  assert.match(await item.innerText(), /has no field `hours_per_dya`/);
  assert.match(await item.innerText(), /did you mean `hours_per_day`\?/);
  // Hovering the squiggle shows the diagnostic with its code, help and the quick fix.
  await squiggle.hover();
  const tooltip = page.locator("#editor-host .cm-tooltip-lint");
  await tooltip.waitFor();
  assert.match(await tooltip.innerText(), /E0205/);
  assert.match(await tooltip.innerText(), /did you mean `hours_per_day`\?/);
  const fix = tooltip.getByRole("button", { name: "Replace with `hours_per_day`" });
  await fix.waitFor();
  await page.screenshot({ path: path.join(SHOTS, "editor-mistake.png") });
  await fix.click();
  await page.waitForSelector("#compile-ok");
  assert.equal(await page.locator("#editor-host .cm-lintRange-error").count(), 0);
  assert.equal(await page.locator('#diagnostics li[data-code="E0205"]').count(), 0);
  assert.match(await editorText(page), /require r\.hours_per_day <= 20 hours/);
  await page.mouse.move(0, 0);
  await page.waitForSelector('#lint-status:has-text("0 findings in 2 declarations")');
  await page.screenshot({ path: path.join(SHOTS, "editor-fixed.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a gap planted in a routes table shows a lint finding whose witness opens in the routing view", async () => {
  const { context, page, problems } = await session("#/editor");
  await editorFrom(page, "routing");
  const routing = readFileSync(path.join(ROOT, "rules/routing.rules"), "utf8");
  const row = '  when case.work == allocation => probation_service\n      cite "House of Commons Library CBP-9252"\n';
  assert.ok(routing.includes(row));
  await page.setInputFiles("#editor-import", { name: "routing.rules", mimeType: "text/plain", buffer: Buffer.from(routing.replace(row, "")) });
  const gap = page.locator('#lint-findings li[data-kind="gap"][data-id="case-manager"]');
  await gap.waitFor();
  assert.match(await gap.innerText(), /allocation/);
  assert.match(await gap.innerText(), /Checked: this document shows the finding/);
  // The gap is also a warning in the text, at the table: its line button goes there.
  const line = routing.slice(0, routing.lastIndexOf("routes case-manager\n", routing.indexOf(row))).split("\n").length;
  await gap.getByRole("button", { name: `line ${line}, column 8` }).click();
  assert.equal(await page.locator("#editor-host .cm-lintRange-warning").first().innerText(), "case-manager");
  await gap.getByRole("button", { name: /Open the witness/ }).click();
  await page.waitForURL(/#\/routing\?rules=edited$/);
  await page.waitForSelector("#edited-rules");
  await page.locator('#findings li[data-rule="case-manager/no-route"]').waitFor();
  assert.equal(await byId(page, "routing-work").inputValue(), "allocation");
  // The clerk's own routing draft is untouched: the shipped rules still route allocation.
  await page.evaluate(() => { location.hash = "#/routing"; });
  await page.waitForSelector("#routing-form");
  assert.equal(await page.locator("#edited-rules").count(), 0);
  assert.notEqual(await byId(page, "routing-work").inputValue(), "allocation");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the explainer shows every version of a rule over time, each as written", async () => {
  const { context, page } = await session("#/rules");
  const article = page.locator('#book-community_orders article[data-rule="curfew-daily-maximum"]').first();
  const details = article.locator("details.app-versions");
  // The 12-hour limit before LASPO is its own rule (chosen by another date): two versions here.
  assert.match(await details.locator("summary").innerText(), /2 versions over time/);
  await details.locator("summary").click();
  const versions = details.locator("li.app-version");
  await versions.first().waitFor();
  assert.equal(await versions.count(), 2);
  const texts = await versions.allInnerTexts();
  assert.match(texts[0], /In force from 3 December 2012/);
  assert.match(texts[0], /require r\.hours_per_day <= 16 hours/);
  assert.match(texts[1], /In force from 28 June 2022/);
  assert.match(texts[1], /rule curfew-daily-maximum/);
  assert.match(texts[1], /require r\.hours_per_day <= 20 hours/);
  await context.close();
});

test("several contract specs are linted at once, one uploaded", async () => {
  const { context, page } = await session("#/contracts");
  await page.waitForSelector("#spec-2");
  await page.setInputFiles("#spec-upload", path.join(ROOT, "tests/examples/contract_private_court_advice.json"));
  await page.waitForSelector("#spec-3");
  const summary = await page.locator("#contracts-summary").innerText();
  assert.match(summary, /3 specs/);
  assert.match(await page.locator('[data-result="2"]').innerText(), /\d+ findings?/);
  assert.match(await page.locator("#spec-3-results").innerText(), /court/i);
  // Edit spec 1 by form: a private provider giving court advice is flagged.
  await byId(page, "spec1-services-court_advice").check();
  await page.waitForSelector('[data-result="0"]:has-text("finding")');
  await page.screenshot({ path: path.join(SHOTS, "contracts.png") });
  await page.reload();
  await ready(page);
  await page.waitForSelector("#spec-3");
  assert.equal(await byId(page, "spec1-services-court_advice").isChecked(), true);
  await context.close();
});

test("the print view shows the findings, citations and rulebook version without the navigation", async () => {
  const { context, page } = await session("#/check");
  await hours(page).fill("21");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  await page.click("#print-link");
  await page.waitForSelector("#print-meta");
  const text = await page.locator("main").innerText();
  assert.match(text, /Community orders and suspended sentence orders \d+\.\d+\.\d+ \(sha256 [0-9a-f]{12}\)/);
  assert.match(text, /Sch\. 9/);
  assert.match(text, /21 hours/);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("#nav").isVisible(), false);
  assert.equal(await page.locator("#print-button").isVisible(), false);
  await context.close();
});

test("with the network cut after load, every part still works", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  // "After load": the tools module (editor tests and analysis, rule texts, explorer) is fetched
  // once the page is idle.
  await page.waitForSelector("html[data-tools=ready]", { timeout: 30_000 });
  await context.setOffline(true);
  await hours(page).fill("21");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  for (const part of ["rules", "contracts", "editor", "routing", "print", "explore"]) {
    await page.evaluate((p) => { location.hash = `#/${p}`; }, part);
    await page.waitForSelector("main h1");
    if (part === "editor") {
      await page.waitForSelector("#compile-ok");
      assert.match(await page.locator("#compile-ok").innerText(), /Tests: \d+ passed, 0 failed/);
      await page.waitForSelector('#lint-status:has-text("declarations")');
    }
    if (part === "rules") {
      await page.locator("details.app-versions summary").first().click();
      await page.locator("li.app-version").first().waitFor();
    }
    if (part === "explore") {
      await page.waitForSelector("main[data-explore-done=true]", { timeout: 30_000 });
      assert.equal(await page.locator('main [id$="-error"]').count(), 0);
    }
    assert.doesNotMatch(await page.locator("main").innerText(), /went wrong|could not be loaded/);
  }
  await context.setOffline(false);
  await context.close();
});

test("with the network cut before the tools module arrived, the editor says the compiler is missing", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector("#verdict");
  await context.setOffline(true); // before the idle fetch of the tools module
  await page.evaluate(() => { location.hash = "#/editor"; });
  // The start-up module carries no compiler (issue 23: the shipped rulebooks come compiled); the
  // editor's own code is in the page's bundle, so the editor is drawn and says what is missing.
  await page.waitForFunction(() => /The compiler failed: the rule compiler .*has not loaded/.test(document.getElementById("main-content").innerText));
  await page.evaluate(() => { location.hash = "#/explore"; });
  await page.waitForSelector("main[data-explore-done=true]");
  assert.match(await page.locator("main").innerText(), /could not be loaded/);
  // Back online, the next view that needs the tools loads them.
  await context.setOffline(false);
  await page.evaluate(() => { location.hash = "#/editor"; });
  await page.waitForSelector('#compile-ok:has-text("0 failed")', { timeout: 30_000 });
  assert.ok(problems.every((p) => /Failed to fetch|ERR_INTERNET_DISCONNECTED|ERR_FAILED|dynamically imported module/i.test(p)), problems.join("\n"));
  await context.close();
});

test("axe-core finds no accessibility violation of any impact (colour contrast on), desktop and phone", async () => {
  // axe is injected as an inline script, which the page's own CSP rightly refuses: bypass it here.
  const report = [];
  for (const viewport of [{ width: 1280, height: 1000 }, { width: 390, height: 844 }]) {
    const { context, page } = await session("#/check", { bypassCSP: true, viewport });
    for (const part of ["check", "routing", "tiering", "contracts", "rules", "editor", "print", "explore"]) {
      await page.evaluate((p) => { location.hash = `#/${p}`; }, part);
      await page.waitForSelector("main h1");
      if (part === "explore") await page.waitForSelector("main[data-explore-done=true]", { timeout: 60_000 });
      if (part === "editor") await page.waitForSelector('#lint-status:has-text("declarations")', { timeout: 60_000 });
      await page.waitForTimeout(150);
      for (const v of await axeViolations(page)) report.push(`${viewport.width} px #/${part}: ${v}`);
    }
    await context.close();
  }
  assert.deepEqual(report, []);
});

test("no request ever left the page's origin", () => {
  assert.ok(allRequests.length > 5);
  const outside = allRequests.filter((u) => !u.startsWith(`${ORIGIN}/`) && !u.startsWith("blob:") && !u.startsWith("data:"));
  assert.deepEqual(outside, []);
});

test("a breach added to the order is judged at once, with its law, and shows on the timeline", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  await byId(page, "check-events-kind").selectOption("breach");
  await byId(page, "check-events-add").press("Enter");
  await byId(page, "check-events[0]").waitFor();
  // The lawful example order ends on 6 April 2025; the court pushes it back 7 months on breach.
  await byId(page, "check-events[0].date").fill("2023-09-01");
  await byId(page, "check-events[0].failure_date").fill("2023-08-01");
  await byId(page, "check-events[0].response").selectOption("extend_end_date");
  await byId(page, "check-events[0].new_end_date").fill("2025-11-06");
  const extension = page.locator('#findings li[data-rule="history-extension"]');
  await extension.waitFor();
  assert.match(await extension.innerText(), /Sch\. 10, para 13/);
  assert.match(await page.locator("#timeline-events").innerText(), /1 September 2023/);
  await page.screenshot({ path: path.join(SHOTS, "order-history.png") });
  // Six months later is the most the court may give: the finding goes.
  await byId(page, "check-events[0].new_end_date").fill("2025-10-06");
  await extension.waitFor({ state: "detached" });
  await context.close();
});

test("a case is tiered with its breakdown", async () => {
  const { context, page } = await session("#/tiering");
  await page.waitForSelector("#verdict");
  const values = page.locator("#values");
  await values.waitFor();
  const text = await values.innerText();
  assert.match(text, /protect/i);
  assert.match(text, /change/i);
  assert.ok(await page.locator("#values .govuk-summary-list__row").count() >= 5, "each part of the tier is shown");
  await context.close();
});
