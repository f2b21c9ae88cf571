// Undo and earlier drafts (issue 20, item 3): opening an example, starting again, applying a fix
// and removing a spec each keep the draft they replace and offer an undo.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, byId } from "./harness.mjs";

const { session } = suite();
const hours = (page) => byId(page, "check-requirements[2].hours_per_day");

test("an explainer example does not overwrite the clerk's draft without an undo", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector("#verdict");
  await hours(page).fill("21");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  await page.evaluate(() => { location.hash = "#/rules"; });
  await page.locator('#book-community_orders button[data-example="unlawful"]').first().click();
  await page.waitForURL(/#\/check$/);
  const banner = page.locator("#undo-banner");
  await banner.waitFor();
  assert.match(await banner.innerText(), /opened an example/);
  assert.notEqual(await hours(page).count() && await hours(page).inputValue(), "21");
  await page.click("#undo-button");
  assert.equal(await hours(page).inputValue(), "21");
  assert.match(await banner.innerText(), /earlier draft is back/);
  // The draft (not only the form) is back: it survives a reload.
  await page.reload();
  await page.waitForSelector("#verdict");
  assert.equal(await hours(page).inputValue(), "21");
  assert.deepEqual(problems, []);
  await context.close();
});

test("start again keeps the order in the earlier drafts, and undo brings it back", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  await hours(page).fill("15");
  await page.waitForTimeout(300);
  await page.click("#keep summary");
  await page.selectOption("#example-select", "");
  await page.click("#start-again");
  await page.locator("#undo-banner").waitFor();
  assert.equal(await hours(page).count(), 0, "a blank form has no curfew");
  assert.match(await page.locator("#earlier-drafts").innerText(), /started again/);
  await page.click("#undo-button");
  assert.equal(await hours(page).inputValue(), "15");
  // Restoring from the list works as well (the blank form is kept in turn).
  await page.click("#start-again");
  assert.equal(await hours(page).count(), 0);
  await page.locator("#earlier-drafts button").first().click();
  assert.equal(await hours(page).inputValue(), "15");
  assert.match(await page.locator("#earlier-drafts").innerText(), /earlier draft is back/);
  await context.close();
});

test("applying a fix from the explorer can be undone in the checker", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  await hours(page).fill("21");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  await page.click("#explore-link");
  await page.waitForSelector("#fix-apply-1", { timeout: 60_000 });
  await page.click("#fix-apply-1");
  await page.waitForURL(/#\/check$/);
  await page.locator("#undo-banner").waitFor();
  assert.match(await page.locator("#undo-banner").innerText(), /fix was applied/);
  await page.click("#undo-button");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  assert.equal(await hours(page).inputValue(), "21");
  await context.close();
});

test("removing a contract spec can be undone", async () => {
  const { context, page } = await session("#/contracts");
  await page.waitForSelector("#spec-2");
  await page.click("#spec2-remove");
  await page.locator("#undo-banner").waitFor();
  assert.equal(await page.locator("#spec-2").count(), 0);
  await page.click("#undo-button");
  await page.waitForSelector("#spec-2");
  await context.close();
});

test("loading a shipped rulebook over the rule editor's text can be undone", async () => {
  const { context, page } = await session("#/editor");
  await page.waitForSelector("#editor-host[data-editor=codemirror]");
  await page.waitForSelector("#compile-ok");
  await page.click("#editor-text");
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText("\n// my own note\n");
  await page.waitForTimeout(400);
  await page.selectOption("#editor-base", "routing");
  await page.click("#editor-reset");
  await page.locator("#undo-banner").waitFor();
  const text = () => page.evaluate(() => JSON.parse(localStorage.getItem("probity.draft.editor")).value.text);
  assert.doesNotMatch(await text(), /my own note/);
  await page.click("#undo-button");
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("probity.draft.editor")).value.text.includes("my own note"));
  await context.close();
});
