// A 390 px phone (issue 20): the findings summary at the top (and no "on the right"), no view wider
// than the screen, a compact menu, and a searchable explainer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, byId } from "./harness.mjs";

const { session } = suite();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test("on a phone the findings summary comes first and says what is wrong", async () => {
  const { context, page } = await session("#/check", PHONE);
  await page.waitForSelector("#verdict");
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  await page.waitForSelector('#summary-top:has-text("error")');
  const top = await page.locator("#summary-top").boundingBox();
  const form = await page.locator("#check-form").boundingBox();
  assert.ok(top.y < form.y, "the summary is above the form");
  assert.ok(top.y < 844 * 1.5, `the summary is near the top (${top.y} px)`);
  assert.doesNotMatch(await page.locator("main").innerText(), /on the right/i);
  await page.click("#summary-top a");
  assert.equal(await page.evaluate(() => document.activeElement.id), "findings-region");
  await context.close();
});

test("on a phone the menu is one button, and it opens the list", async () => {
  const { context, page } = await session("#/check", PHONE);
  const nav = await page.locator(".govuk-service-navigation").boundingBox();
  assert.ok(nav.height < 120, `the menu takes ${nav.height} px`);
  assert.equal(await page.locator("#nav").isVisible(), false);
  await page.click("#nav-toggle");
  assert.equal(await page.locator("#nav-toggle").getAttribute("aria-expanded"), "true");
  await page.click('#nav a[data-route="rules"]');
  await page.waitForSelector("#rule-filter");
  assert.equal(await page.locator("#nav").isVisible(), false, "the menu closes once a part is chosen");
  await context.close();
});

test("no view is wider than a 390 px screen", async () => {
  const { context, page } = await session("#/check", PHONE);
  const wide = [];
  for (const part of ["check", "routing", "tiering", "contracts", "rules", "editor", "print", "explore"]) {
    await page.evaluate((p) => { location.hash = `#/${p}`; }, part);
    await page.waitForSelector("main h1");
    if (part === "explore") await page.waitForSelector("main[data-explore-done=true]", { timeout: 60_000 });
    await page.waitForTimeout(200);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) wide.push(`#/${part}: ${width} px`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});

test("the explainer can be searched: a filter shows only the rules that mention a word", async () => {
  const { context, page } = await session("#/rules", PHONE);
  // Folded by rulebook, the explainer is a few screens long (it was over 250,000 px).
  const all = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(all < 844 * 12, `the explainer is ${all} px tall`);
  await page.fill("#rule-filter", "curfew");
  const shown = await page.locator("article.app-rule:visible").count();
  assert.ok(shown > 0);
  assert.match(await page.locator("#rule-filter-count").innerText(), new RegExp(`^${shown} of \\d+ rules shown$`));
  // A rulebook chosen from the list opens its rules.
  await page.fill("#rule-filter", "");
  assert.equal(await page.locator("article.app-rule:visible").count(), 0);
  await page.locator(".app-contents a").first().click();
  assert.ok(await page.locator("article.app-rule:visible").count() > 10);
  await context.close();
});
