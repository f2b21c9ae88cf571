// Keyboard only (issue 20): skip links to the main content, the form and the findings, and a focus
// order that follows task 1 (enter the order, see its findings and law, apply the fix, print) in
// at most 40 Tab presses (148 before this change; tests/page/e2e-keyboard.mjs counts them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite } from "./harness.mjs";
import { keyboardTask } from "./e2e-keyboard.mjs";

const { session } = suite();

test("task 1 with the keyboard only takes at most 40 Tab presses", async () => {
  const { context, page, problems } = await session("#/check");
  await page.addInitScript(() => { window.print = () => { document.documentElement.dataset.printed = "true"; }; });
  const out = await keyboardTask(page);
  assert.ok(out.tabs <= 40, `${out.tabs} Tab presses: ${JSON.stringify(out.steps)}`);
  // The fix was applied (and can be undone), and the print view is open with the fixed order.
  assert.match(await page.locator("main h1").innerText(), /court words/);
  assert.doesNotMatch(await page.locator("#print-requirements").innerText(), /21 hours a day/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("skip links reach the form and the findings without changing the view", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  // The skip links come first in the page.
  const first = await page.evaluate(() => [...document.querySelectorAll("a[href], button, input, select, textarea, summary")]
    .find((e) => !e.hidden && e.tabIndex >= 0).id);
  assert.equal(first, "skip-link");
  await page.focus("#skip-link");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "skip-form");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "check-kind");
  await page.focus("#skip-form");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "skip-findings");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "findings-region");
  assert.equal(await page.evaluate(() => location.hash), "#/check");
  // On another view the skip to main content keeps the view.
  await page.evaluate(() => { location.hash = "#/rules"; });
  await page.waitForSelector("#rule-filter");
  assert.equal(await page.locator("#skip-form").isHidden(), true);
  await page.focus("#skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => location.hash), "#/rules");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main-content");
  await context.close();
});
