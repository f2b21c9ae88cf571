// The "imposed as punishment" box (issue 20, item 5): a requirement whose nature is to restrict
// or punish (unpaid work, curfew, exclusion) starts ticked when added, with the law's reason beside
// the box; a treatment or rehabilitative requirement starts unticked; the clerk can untick, and the
// order's findings follow what the clerk records. Fails on the page before the change (every
// added requirement started unticked and nothing said why).
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, byId } from "./harness.mjs";

const { session } = suite();

async function add(page, kind) {
  const before = await page.locator("[id^='g-check-requirements['].app-item").count();
  await byId(page, "check-requirements-kind").selectOption(kind);
  await byId(page, "check-requirements-add").click();
  return before; // the new item's index
}

test("unpaid work, curfew and exclusion start punitive with the law's reason; treatment does not", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector("#verdict");
  // Start from no requirements, so the punitive element depends on what is added.
  for (;;) {
    const remove = page.locator("[id^='g-check-requirements['].app-item button", { hasText: "Remove" }).first();
    if (!(await remove.count())) break;
    await remove.click();
  }
  for (const [kind, ticked] of [["mental_health_treatment", false], ["unpaid_work", true], ["curfew", true], ["exclusion", true], ["rehabilitation_activity", false]]) {
    const i = await add(page, kind);
    const box = byId(page, `check-requirements[${i}].punitive`);
    await box.waitFor();
    assert.equal(await box.isChecked(), ticked, `${kind} starts ${ticked ? "ticked" : "unticked"}`);
    const reason = byId(page, `check-requirements[${i}].punitive-suggested`);
    if (ticked) {
      const text = await reason.innerText();
      assert.match(text, /Sentencing Code s\.208\(10\)/, text);
      assert.match(text, /untick/, text);
      const described = await box.getAttribute("aria-describedby");
      assert.ok(described.split(" ").includes(`check-requirements[${i}].punitive-suggested`), described);
    } else {
      assert.equal(await reason.count(), 0, `${kind} has no suggestion`);
    }
  }
  await context.close();
  assert.deepEqual(problems, []);
});

test("the clerk can untick it, and the punitive-element finding follows what is recorded", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector("#verdict");
  for (;;) {
    const remove = page.locator("[id^='g-check-requirements['].app-item button", { hasText: "Remove" }).first();
    if (!(await remove.count())) break;
    await remove.click();
  }
  await add(page, "curfew");
  const box = byId(page, "check-requirements[0].punitive");
  await box.waitFor();
  assert.equal(await box.isChecked(), true);
  // A whole curfew, so the order can be checked: ticked, it is the punitive element.
  await byId(page, "check-requirements[0].hours_per_day").fill("8");
  await byId(page, "check-requirements[0].period").fill("4");
  await byId(page, "check-requirements[0].em").check();
  await page.waitForSelector('#verdict:has-text("No problems found")');
  await box.uncheck();
  await page.waitForSelector('#findings li[data-rule="punitive-element"]');
  await context.close();
  assert.deepEqual(problems, []);
});
