// End-to-end tests of the combination explorer (#/explore) in Debian's Chromium: it opens the
// checker's draft, and its answers are the explorer's exact ones for the rulebook's 2023 lawful
// example (the options, the compatibility grid, the week, the sweep); a fix applied from it makes
// the checker show no errors; every request stays on the page's origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { suite, ready, byId, ORIGIN, ROOT } from "./harness.mjs";

const { session, allRequests } = suite();

/** From the checker (whose draft starts as the lawful example) to the explorer, fully drawn. */
async function explore(page) {
  await page.click("#explore-link");
  await page.waitForURL(/#\/explore$/);
  await page.waitForSelector("main[data-explore-done=true]", { timeout: 30_000 });
}

const cell = (page, a, b) => page.locator(`#matrix-table td[data-a="${a}"][data-b="${b}"]`);

test("for the 2023 lawful example: options with their ranges, the grid, the week and the sweep", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  await explore(page);
  assert.equal(await page.locator("main h1").innerText(), "What can I add? How do I fix this order?");
  assert.match(await page.locator("#explore-status").innerText(), /lawful as it stands/);
  assert.match(await page.locator("#fixes-none").innerText(), /Nothing to fix/);

  // Options: 13 of the 22 kinds can be added; each number's lawful range given the rest.
  const options = page.locator("#options-table");
  assert.match(await page.locator("#options-body").innerText(), /^13 requirements of 22 could be added/);
  const curfew = options.locator('tr[data-case="curfew"]');
  assert.match(await curfew.locator('li[data-field="hours_per_day"]').innerText(), /^Curfew hours a day: 2 hours to 16 hours$/);
  assert.match(await curfew.locator('li[data-field="period"]').innerText(), /^Curfew period: at most 24 months$/);
  assert.match(await options.locator('tr[data-case="unpaid_work"] li[data-field="hours"]').innerText(), /^Hours of unpaid work: 40 hours to 180 hours/);
  assert.equal(await options.locator('tr[data-case="alcohol_treatment"] td').first().innerText(), "No: Alcohol treatment: offender must be dependent on alcohol");
  // The rule by its title; its id stays on hover, for authors.
  assert.equal(await options.locator('tr[data-case="alcohol_treatment"] td [data-rule]').first().getAttribute("title"), "alcohol-treatment-dependency");
  assert.equal(await options.locator('tr[data-case="attendance_centre"] td').first().innerText(), "No: Attendance centre: not available for convictions from 28 June 2022");

  // The grid: a real table with a header for every row and column.
  const grid = page.locator("#matrix-table");
  assert.equal(await grid.locator('thead th[scope="col"]').count(), 22);
  assert.equal(await grid.locator('tbody th[scope="row"]').count(), 22);
  assert.equal(await grid.locator("tbody td").count(), 22 * 22);
  // Alcohol treatment with alcohol abstinence monitoring is forbidden as a combination, by its rule.
  for (const [a, b] of [["alcohol_treatment", "alcohol_abstinence_monitoring"], ["alcohol_abstinence_monitoring", "alcohol_treatment"]]) {
    const c = cell(page, a, b);
    assert.equal(await c.getAttribute("data-lawful"), "false");
    assert.equal(await c.getAttribute("data-rules"), "aamr-with-alcohol-treatment");
    assert.equal(await c.innerText(), "No: Alcohol abstinence and monitoring with alcohol treatment");
  }
  assert.equal(await cell(page, "unpaid_work", "curfew").innerText(), "Yes");
  assert.equal(await cell(page, "curfew", "curfew").innerText(), "On its own: yes");
  assert.equal(await cell(page, "supervision", "supervision").innerText(), "Not on its own: Supervision requirement: not for offences on or after 1 February 2015");
  assert.equal(await cell(page, "unpaid_work", "activity").getAttribute("data-rules"), "activity-available");
  assert.match(await page.locator("#matrix-summary").innerText(),
    /^77 of 231 pairs may be combined\. Forbidden as combinations: Alcohol treatment with alcohol abstinence and monitoring \(Alcohol abstinence and monitoring with alcohol treatment\)/);

  // Nothing in the example is timed: the statement of what the schema lacks instead of a grid.
  assert.match(await page.locator("#timetable-none").innerText(), /Nothing in this order is timed/);
  const lacks = await page.locator("#timetable-lacks").innerText();
  assert.match(lacks, /Curfew \(a daily from and until\)/);
  assert.match(lacks, /the offender's usual start\/end of work or study \(daily\)[^]*activity \(offences before 1 February 2015\)/);
  assert.match(lacks, /No time says which day of the week/);
  assert.match(lacks, /s\.208\(5\)/);
  assert.equal(await page.locator("#week-grid").count(), 0);

  // The exhaustive sweep: 2^22 combinations, counted exactly, with the reasons.
  assert.match(await page.locator("#sweep-count").innerText(),
    /^Of 4,194,304 combinations of the 22 kinds of requirement .* 8,189 are lawful and 4,186,115 are not\.$/);
  const reasons = page.locator("#sweep-reasons");
  assert.equal(await reasons.locator('tr[data-rule="new-2026-requirements"] td').last().innerText(), "3,932,160");
  assert.equal(await reasons.locator('tr[data-rule="aamr-with-alcohol-treatment"] td').last().innerText(), "1,048,576");
  assert.equal(await reasons.locator('tr[data-rule="punitive-element"] td').last().innerText(), "1");
  const timings = JSON.parse(await page.evaluate(() => document.querySelector("main").dataset.exploreTimings));
  // The time is reported on the page (and measured by measure-explore.mjs), never asserted here.
  assert.equal(typeof timings.sweep, "number");
  await page.screenshot({ path: path.join(ROOT, "docs/screenshots/explorer.png"), fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test("an unlawful curfew: the fixes are the explorer's, and one applied leaves the checker with no errors", async () => {
  const { context, page, problems } = await session("#/check");
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  await explore(page);
  assert.match(await page.locator("#explore-status").innerText(), /breaks 2 rules: Curfew: at most 20 hours a day, Curfew: at most 112 hours in any week$/);
  const fixes = page.locator("#fix-list > li");
  assert.equal(await fixes.count(), 3);
  // Lowering the curfew to the limit comes first; removing it last (see tests/page/court.test.mjs).
  assert.match(await fixes.nth(0).innerText(), /^Fix 1: 1 change\nCurfew: reduce curfew hours a day from 21 hours to 16 hours\n+Clears: Curfew: at most 20 hours a day, Curfew: at most 112 hours in any week\n/);
  assert.match(await fixes.nth(1).innerText(), /^Fix 2: 2 changes\nCurfew: reduce curfew hours a day from 21 hours to 20 hours\nCurfew: record most curfew hours in any 7 days as 21 hours\n/);
  assert.match(await fixes.nth(2).innerText(), /^Fix 3: 1 change\nRemove the curfew\n/);
  await page.click("#fix-apply-2");
  await page.waitForURL(/#\/check$/);
  await page.waitForSelector("#verdict");
  assert.equal(await byId(page, "check-requirements[2].hours_per_day").inputValue(), "20");
  assert.equal(await byId(page, "check-requirements[2].hours_per_week").inputValue(), "21");
  assert.equal(await page.locator("#findings .govuk-tag--red").count(), 0);
  assert.doesNotMatch(await page.locator("#verdict").innerText(), /breaks the rules/);

  // And the last fix (drop the curfew), from the example made unlawful again.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page);
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  await explore(page);
  await page.click("#fix-apply-3");
  await page.waitForURL(/#\/check$/);
  await page.waitForSelector('#verdict:has-text("No problems found")');
  assert.equal(await byId(page, "check-requirements[2]").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a requirement added from the options returns to the checker, lawful", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  await explore(page);
  await page.click("#add-drug_testing");
  await page.waitForURL(/#\/check$/);
  await page.waitForSelector('#verdict:has-text("No problems found")');
  assert.match(await byId(page, "check-requirements[3]").innerText(), /Drug testing/);
  await context.close();
});

test("a timed curfew and the offender's working hours drawn on the week, with the clash", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  await byId(page, "check-requirements[2].from").fill("19:00");
  await byId(page, "check-requirements[2].until").fill("07:00");
  await byId(page, "check-offender.works_or_studies_from").fill("06:00");
  await byId(page, "check-offender.works_or_studies_until").fill("14:00");
  await page.waitForSelector('#findings li[data-rule="curfew-clashes-with-work"]');
  await explore(page);
  const week = page.locator("#week-grid");
  assert.equal(await week.locator('tbody th[scope="row"]').count(), 7);
  assert.equal(await week.locator('thead th[scope="col"]').count(), 24);
  const monday = week.locator('tr[data-day="mon"]');
  assert.equal(await monday.locator('td[data-hour="6"]').innerText(), "R1 C2 clash");
  assert.equal(await monday.locator('td[data-hour="20"]').innerText(), "R1");
  assert.equal(await monday.locator('td[data-hour="10"]').innerText(), "C2");
  assert.equal(await monday.locator('td[data-hour="16"]').innerText(), "");
  assert.equal(await week.locator("td.app-week__clash").count(), 7);
  assert.equal(await page.locator("#clashes li").count(), 1);
  assert.equal(await page.locator("#clashes").innerText(),
    "Curfew and Usual start/end of work or study: 06:00 to 07:00 every day (1 h each time).");
  assert.match(await page.locator("#timetable-body").innerText(), /Curfew 84 h a week; Usual start\/end of work or study 56 h a week/);
  assert.match(await page.locator("#timetable-lacks").innerText(), /the offender's usual start\/end of work or study \(daily\)/);
  await context.close();
});

test("axe-core finds no serious or critical accessibility violation in the explorer", async () => {
  const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  const { context, page } = await session("#/explore", { bypassCSP: true });
  await page.waitForSelector("main[data-explore-done=true]", { timeout: 30_000 });
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
  });
  assert.deepEqual(found, []);
  await context.close();
});

test("no request left the page's origin while the explorer ran", () => {
  assert.ok(allRequests.length > 5);
  const outside = allRequests.filter((u) => !u.startsWith(`${ORIGIN}/`) && !u.startsWith("blob:") && !u.startsWith("data:"));
  assert.deepEqual(outside, []);
});
