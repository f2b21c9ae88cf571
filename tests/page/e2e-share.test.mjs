// Share and keep (issue 20, "Expected and missing"): a link carrying the order in the URL fragment
// (never sent to a server), and export/import of the order as a file, beside the form (before its
// first field, not at its foot).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { suite, byId, ORIGIN } from "./harness.mjs";

const { session } = suite();
const hours = (page) => byId(page, "check-requirements[2].hours_per_day");

test("a link carries the order in its fragment and opens it in another browser", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  // The share tools come before the form's first field.
  const before = await page.evaluate(() => {
    const keep = document.getElementById("keep");
    const first = document.querySelector("#check-form input, #check-form select");
    return Boolean(keep.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(before, "share and keep is above the form");
  await hours(page).fill("21");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  await page.click("#keep summary");
  await page.click("#share-link");
  const link = await page.locator("#share-url").inputValue();
  assert.ok(link.startsWith(`${ORIGIN}/#/check?order=`), link);
  assert.equal(new URL(link).search, "", "nothing of the order is in the part sent to a server");
  await context.close();

  // Someone else opens the link: their own draft is kept, with an undo.
  const other = await session("#/check");
  await other.page.waitForSelector("#verdict");
  await hours(other.page).fill("9");
  await other.page.waitForTimeout(300);
  const served = [];
  other.page.on("request", (r) => served.push(r.url()));
  await other.page.goto(link);
  await other.page.waitForSelector('#findings li[data-rule^="curfew"]');
  assert.equal(await hours(other.page).inputValue(), "21");
  assert.ok(served.every((u) => !u.includes("order=")), "the order never went to the server");
  assert.equal(await other.page.evaluate(() => location.hash), "#/check", "the order leaves the address once opened");
  await other.page.locator("#undo-banner").waitFor();
  await other.page.click("#undo-button");
  assert.equal(await hours(other.page).inputValue(), "9");
  await other.context.close();
});

test("the order is saved as a file and opened from one", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  await hours(page).fill("21");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  await page.click("#keep summary");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const saved = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(saved.requirements[2].hours_per_day, 21);
  await hours(page).fill("10");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  await page.setInputFiles("#import-file", { name: "order.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(saved)) });
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  assert.equal(await hours(page).inputValue(), "21");
  await page.locator("#undo-banner").waitFor();
  await context.close();
});
