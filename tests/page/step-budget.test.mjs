// The step budget in the page (issue 22, item 4): an order whose rule would search one long list
// once for every item of another (3,300 electronic compliance monitoring requirements, each
// looking for another requirement: about 11 million steps, over the limit of 10 million) is not
// left hanging or killed: the rule is not evaluated, the page says so beside the findings, and
// the rest of the order is still checked; the alcohol conflict, with no alcohol requirement to
// pair, is decided. The same library code answers natively
// (tests/step_budget.rs); this is the WASM build, drawn.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { suite, ROOT } from "./harness.mjs";

const { session } = suite();

test("a rule nested over a long list is not evaluated, and the page says so with the other findings", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector("#verdict");
  const order = JSON.parse(readFileSync(path.join(ROOT, "tests/examples/order_lawful.json"), "utf8"));
  order.requirements = Array.from({ length: 3300 }, () => ({ kind: "electronic_compliance_monitoring", punitive: false, third_party_consent: null }));
  await page.setInputFiles("#import-file", {
    name: "long-order.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(order)),
  });
  const limit = page.locator("#incomplete li", { hasText: "was not evaluated" });
  await limit.first().waitFor({ timeout: 60_000 });
  const text = await limit.first().innerText();
  assert.match(text, /10000000/, text);
  assert.match(text, /nested over long lists/, text);
  // Only that rule: the conflict between alcohol abstinence and alcohol treatment has no pair
  // to look at in this order (no alcohol requirement), so it is decided, not refused.
  assert.equal(await limit.count(), 1, await page.locator("#incomplete").innerText());
  assert.match(text, /Electronic compliance monitoring needs another requirement/, text);
  // Named by the rule's title, under a lead that says the other rules were checked (not the
  // "fill in or correct" of a document the rules could not read).
  assert.doesNotMatch(text, /`[a-z-]+`/, text);
  const lead = await page.locator("#incomplete p").first().innerText();
  assert.match(lead, /could not be checked \(every other rule was\)/, lead);
  // The other rules were decided: the order's findings are listed beside the limit.
  assert.ok(await page.locator("#findings > li").count() > 0, "the other findings are shown");
  await context.close();
  assert.deepEqual(problems, []);
});
