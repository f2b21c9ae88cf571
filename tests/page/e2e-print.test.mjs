// The order in court words (issue 20, "Expected and missing"): the requirements with their units,
// periods and end dates, the law applied, the rulebook version and hash, the date checked, and a
// case reference and court name the user types; printable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, byId } from "./harness.mjs";

const { session } = suite();

test("the print view gives the order in court words with the user's case reference and court", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector("#verdict");
  await byId(page, "check-requirements[0].hours").fill("320");
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  await page.click("#print-link");
  await page.waitForSelector("#print-meta");
  await page.fill("#print-case-input", "T20267001");
  await page.fill("#print-court-input", "Cardiff Crown Court");
  const order = await page.locator("#print-requirements").innerText();
  assert.match(order, /320 hours of unpaid work, to be done within 12 months \(imposed as the punitive element\)\./);
  assert.match(order, /rehabilitation activity requirement of up to 20 days; for the whole order\./);
  assert.match(order, /A curfew of 21 hours a day, for 4 months, with electronic monitoring; lasts 4 months, ending on \d+ \w+ 2023/);
  assert.match(await page.locator("#print-runs").innerText(), /It runs from 6 April 2023 to 6 April 2025/);
  const meta = await page.locator("#print-meta").innerText();
  assert.match(meta, /T20267001/);
  assert.match(meta, /Cardiff Crown Court/);
  assert.match(meta, /Checked on\s+\d+ \w+ 20\d\d/);
  assert.match(meta, /version|\d+\.\d+\.\d+ \(sha256 [0-9a-f]{12}\)/);
  assert.match(await page.locator("#print-law").innerText(), /Every rule in force on 2 March 2023 was checked/);
  assert.match(await page.locator("main").innerText(), /Sch\. 9/);
  // Printed: no form fields, no navigation; the typed reference and court are on the paper.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("#print-case-input").isVisible(), false);
  assert.equal(await page.locator("#nav").isVisible(), false);
  assert.equal(await page.locator("#print-case").isVisible(), true);
  // The reference is kept for the next print.
  await page.reload();
  await page.waitForSelector("#print-meta");
  assert.equal(await page.locator("#print-case-input").inputValue(), "T20267001");
  assert.deepEqual(problems, []);
  await context.close();
});
