// The engine's own words in Welsh on the page (issue 20): with the page in Welsh, the explorer's
// fixes (made by the engine, in the worker), its body text and the "why" of a finding are Welsh,
// with Welsh units after numbers (21 awr). Fails on the page as it was: the fixes and the
// explorer's text stayed English.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, byId, editorFrom } from "./harness.mjs";

const { session } = suite();

/** English words the explorer and the engine used to write; none may be left in Welsh. */
const ENGLISH = /\b(Reduce|Remove|Record|hours|from|Fix|change|changes|Clears|Apply|requirements?|lawful|could|added|Smallest|considered|searched|pairs|combined|Forbidden|Yes|No)\b/;

test("in Welsh, the explorer's fixes and its text are Welsh, from the rulebook's labels", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector("#verdict");
  await page.click("#lang-switch");
  await page.waitForSelector('#verdict:has-text("Dim problemau")');
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  await page.waitForSelector('#findings li[data-rule="curfew-daily-maximum"]');
  // The "why" of a finding, in Welsh with a Welsh unit after the number.
  const finding = await page.locator('#findings li[data-rule="curfew-daily-maximum"]').innerText();
  assert.doesNotMatch(finding, /\bhours\b/, finding);
  await page.click("#explore-link");
  await page.waitForURL(/#\/explore$/);
  await page.waitForSelector("main[data-explore-done=true]", { timeout: 60_000 });
  const first = await page.locator("#fix-list > li").first().innerText();
  assert.match(first, /^Cywiriad 1: 1 newid\nCyrffyw: lleihau oriau cyrffyw y dydd o 21 awr i 16 awr\n/, first);
  for (const id of ["#fixes-body", "#options-body", "#matrix-summary", "#explore-status"]) {
    const text = (await page.locator(id).innerText()).replace(/\b[a-z0-9]+(-[a-z0-9]+)+\b/g, ""); // rule ids stay as they are
    assert.doesNotMatch(text, ENGLISH, `${id}: ${text.slice(0, 400)}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("in Welsh, a check against edited rules gives the engine's words in Welsh too", async () => {
  const { context, page, problems } = await session("#/editor");
  await editorFrom(page, "community_orders");
  await page.click("#lang-switch");
  await page.evaluate(() => { location.hash = "#/check?rules=edited"; });
  await page.waitForSelector("#edited-rules");
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  const finding = page.locator('#findings li[data-rule="curfew-daily-maximum"]');
  await finding.waitFor();
  // The "why" of the finding, from the edited rulebook: a Welsh unit after the number.
  const text = await finding.innerText();
  assert.doesNotMatch(text, /\bhours\b/, text);
  assert.match(text, /\bawr\b/, text);
  assert.deepEqual(problems, []);
  await context.close();
});
