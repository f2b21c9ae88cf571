// End-to-end tests of what a court relies on (issue 20, the engine's side), in Debian's Chromium:
// fixes a court would make, said in court words; a blank free-text fact that narrows the
// explorer's answers instead of voiding them; impossible facts as errors at their fields; a
// finding shown under the field it is about; the routing answer with its reason; the caveats
// a clean verdict rests on; and a finding's "why" and links in the rulebook's words (labels, not
// field names), English and Welsh. Tests are numbered by the items where they have one.
// Each test fails on the page as it was before these changes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, byId } from "./harness.mjs";

const { session } = suite();

/** From the checker to the explorer, fully drawn. */
async function explore(page) {
  await page.click("#explore-link");
  await page.waitForURL(/#\/explore$/);
  await page.waitForSelector("main[data-explore-done=true]", { timeout: 60_000 });
}

const group = (page, path) => byId(page, `g-check-${path}`);
const isError = async (page, path) => /govuk-form-group--error/.test((await group(page, path).getAttribute("class")) || "");

test("1. 320 hours of unpaid work and a 21-hour curfew: the court's fix lowers both to the limit, in court words", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  await byId(page, "check-requirements[0].hours").fill("320");
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  await page.waitForSelector('#findings li[data-rule="unpaid-work-hours"]');
  await page.waitForSelector('#findings li[data-rule="curfew-weekly-maximum"]');
  await explore(page);
  const fixes = page.locator("#fix-list > li");
  // First: change the numbers to the nearest lawful values (16 hours a day keeps a uniform
  // curfew within 112 hours a week), not remove the curfew.
  assert.match(await fixes.nth(0).innerText(),
    /^Fix 1: 2 changes\nUnpaid work: reduce hours of unpaid work from 320 hours to 300 hours\nCurfew: reduce curfew hours a day from 21 hours to 16 hours\n/);
  const all = await fixes.allInnerTexts();
  // No fix adds a requirement, and none gives a weekly total below the longest day.
  assert.ok(all.every((t) => !/\bAdd /.test(t)), all.join("\n---\n"));
  assert.ok(all.every((t) => !/in any 7 days as 1 hour/.test(t)), all.join("\n---\n"));
  // Removing a requirement comes after every fix that only changes values.
  const firstRemoval = all.findIndex((t) => /Remove the /.test(t));
  assert.ok(firstRemoval === -1 || all.slice(firstRemoval).every((t) => /Remove the /.test(t)), all.join("\n---\n"));
  await page.click("#fix-apply-1");
  await page.waitForURL(/#\/check$/);
  await page.waitForSelector('#verdict:has-text("No problems found")');
  assert.equal(await byId(page, "check-requirements[0].hours").inputValue(), "300");
  assert.equal(await byId(page, "check-requirements[2].hours_per_day").inputValue(), "16");
  assert.deepEqual(problems, []);
  await context.close();
});

test("2. a blank home local justice area narrows the explorer's answers and says what is missing", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  await byId(page, "check-home_local_justice_area").fill("");
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  await page.waitForSelector('#findings li[data-rule="home-local-justice-area"]');
  await explore(page);
  // Fixes are still offered, and the missing fact is named in words.
  assert.ok(await page.locator("#fix-list > li").count() > 0);
  assert.match(await page.locator("#fixes-missing").innerText(), /Not known until “Home local justice area” is given/);
  assert.match(await page.locator("#fix-list > li").first().innerText(), /Curfew: reduce curfew hours a day from 21 hours to 16 hours/);
  // The grid answers too: many pairs may still be combined.
  assert.match(await page.locator("#matrix-missing").innerText(), /Not known until “Home local justice area” is given/);
  assert.ok(await page.locator('#matrix-table td[data-lawful="true"]').count() > 10);
  assert.deepEqual(problems, []);
  await context.close();
});

test("4. impossible facts are errors at their fields: offence after conviction, sentence before it, a week shorter than a day", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  // The example's conviction is on 2 March 2023.
  await byId(page, "check-offence_date").fill("2023-03-03");
  await page.waitForSelector('#findings li[data-rule="facts-offence-before-conviction"]');
  assert.ok(await isError(page, "offence_date"));
  await byId(page, "check-offence_date").fill("2023-01-14");
  await byId(page, "check-sentence_date").fill("2023-03-01");
  await page.waitForSelector('#findings li[data-rule="facts-sentence-after-conviction"]');
  assert.ok(await isError(page, "sentence_date"));
  await byId(page, "check-sentence_date").fill("2023-04-06");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  // An 8-hour curfew cannot total 7 hours in a week.
  await byId(page, "check-requirements[2].hours_per_week").fill("7");
  await page.waitForSelector('#findings li[data-rule="facts-curfew-week-and-day"]');
  assert.ok(await isError(page, "requirements[2].hours_per_week"));
  assert.match(await page.locator("#verdict").innerText(), /breaks the rules/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("6. the local justice area finding shows under that field, not under the order's kind", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  await byId(page, "check-home_local_justice_area").fill("");
  const finding = page.locator('#findings li[data-rule="home-local-justice-area"]');
  await finding.waitFor();
  assert.ok(await isError(page, "home_local_justice_area"));
  assert.ok(!(await isError(page, "kind")));
  // Its first link to a field goes to the field itself (the fix link comes before it).
  await finding.locator("a:not(.app-fix-link)").first().click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "check-home_local_justice_area");
  assert.deepEqual(problems, []);
  await context.close();
});

test("routing: the routing answer says why its row applies, in words", async () => {
  const { context, page, problems } = await session("#/routing");
  await page.waitForSelector("#routing-form");
  await page.click("#keep summary");
  await page.selectOption("#example-select", "low_risk_2016");
  await page.click("#start-again");
  const reason = page.locator("#routes .app-route-reason").first();
  await reason.waitFor();
  assert.match(await reason.innerText(), /^Community rehabilitation company \(row 9\), because .*“Risk of serious harm” is one of: low, medium/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("caveats: 'No problems found' says which unverified rules it rests on", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  assert.match(await page.locator("#verdict").innerText(), /not verified against the law/);
  const caveats = page.locator("#caveats");
  await caveats.locator("summary").click();
  assert.ok(await caveats.locator('li[data-rule="curfew-daily-maximum"]').count() === 1);
  assert.match(await caveats.innerText(), /Curfew: at most 20 hours a day/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("words: a finding's 'why' and the fields it concerns are named by the rulebook's labels, in English and Welsh", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  const finding = page.locator('#findings li[data-rule="curfew-daily-maximum"]');
  await finding.waitFor();
  await finding.locator("summary").click();
  const en = await finding.innerText();
  assert.match(en, /“Curfew hours a day” is at most 20 hours: no, since “Curfew hours a day” is 21 hours/, en);
  assert.match(en, /Concerns: Curfew hours a day \(Requirement 3: Curfew\)/, en);
  // No field name, path or rule syntax anywhere in the finding.
  assert.doesNotMatch(en, /\b[a-z]+_[a-z_]+\b|\[\d+\]|\?\?|\br\./, en);
  await page.click("#lang-switch");
  await page.waitForSelector('#verdict:has-text("Dim problemau"), #verdict:not(:has-text("No problems"))');
  await finding.waitFor();
  if (!(await finding.locator("details[open]").count())) await finding.locator("summary").click();
  const cy = await finding.innerText();
  assert.match(cy, /oriau cyrffyw y dydd: dim mwy na 20 awr: nac ydy, gan fod oriau cyrffyw y dydd yw 21 awr/i, cy);
  assert.doesNotMatch(cy, /\b[a-z]+_[a-z_]+\b|\[\d+\]|\?\?|\br\./, cy);
  assert.deepEqual(problems, []);
  await context.close();
});
