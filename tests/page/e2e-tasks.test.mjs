// The task-based suite (issue 20, "Done when"): each task a court legal adviser, a commissioner or
// a member of the public does, through the page only, with axe-core (any impact, colour contrast
// on) on every view it passes through; and screenshots of each view in English and Welsh, on a
// desktop and a 390 px phone, into docs/screenshots/views/ (viewport-sized PNGs, kept small).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { suite, byId, ROOT } from "./harness.mjs";
import { axeViolations } from "./e2e-support.mjs";
import { keyboardTask } from "./e2e-keyboard.mjs";

const { session } = suite();
const SHOTS = path.join(ROOT, "docs/screenshots/views");
mkdirSync(SHOTS, { recursive: true });
const DESKTOP = { bypassCSP: true, viewport: { width: 1024, height: 700 } };
const PHONE = { bypassCSP: true, viewport: { width: 390, height: 700 }, isMobile: true, hasTouch: true };

/** axe on the view as it is now: no violation of any impact. */
async function accessible(page, where) {
  await page.waitForTimeout(100);
  assert.deepEqual(await axeViolations(page), [], `axe on ${where}`);
}

const go = (page, hash) => page.evaluate((x) => { location.hash = x; }, hash);

test("fix an unlawful order: 320 hours of unpaid work and a 21-hour curfew, fixed as the court would, printed", async () => {
  const { context, page } = await session("#/check", DESKTOP);
  await page.waitForSelector("#verdict");
  await byId(page, "check-requirements[0].hours").fill("320");
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  const curfew = page.locator('#findings li[data-rule^="curfew"][data-severity="error"]').first();
  await curfew.waitFor();
  assert.match(await curfew.innerText(), /Sch\. 9/);
  await accessible(page, "the checker with findings");
  await curfew.locator(".app-fix-link").click();
  await page.waitForSelector("#fix-apply-1", { timeout: 60_000 });
  await accessible(page, "the explorer");
  await page.click("#fix-apply-1");
  await page.waitForSelector("#undo-banner");
  await page.waitForSelector("#verdict");
  assert.doesNotMatch(await page.locator("#verdict").innerText(), /breaks the rules/);
  await accessible(page, "the checker after the fix");
  await page.click("#jump-print");
  await page.waitForSelector("#print-requirements");
  await accessible(page, "the print view");
  await context.close();
});

test("check a suspended sentence order", async () => {
  const { context, page } = await session("#/check", DESKTOP);
  await page.waitForSelector("#verdict");
  await page.click("#keep summary");
  await page.selectOption("#example-select", "lawful_sso");
  await page.click("#start-again");
  await page.waitForSelector('#verdict:has-text("No problems found")');
  assert.equal(await page.locator('[id="check-kind-suspended_sentence_order"], [id="check-kind"]').first().count(), 1);
  await accessible(page, "the checker with an SSO");
  await context.close();
});

test("explore what can be added to an order", async () => {
  const { context, page } = await session("#/explore", DESKTOP);
  await page.waitForSelector("main[data-explore-done=true]", { timeout: 60_000 });
  assert.ok(await page.locator("#options-table tbody tr").count() > 5);
  await accessible(page, "the explorer");
  await context.close();
});

test("lint two contract specs", async () => {
  const { context, page } = await session("#/contracts", DESKTOP);
  await page.waitForSelector("#spec-2");
  assert.match(await page.locator("#contracts-summary").innerText(), /2 specs/);
  await page.waitForSelector("#across-result");
  await accessible(page, "the contract specs");
  await context.close();
});

test("read a rule's history", async () => {
  const { context, page } = await session("#/rules", DESKTOP);
  await page.fill("#rule-filter", "curfew");
  const article = page.locator('#book-community_orders article[data-rule="curfew-daily-maximum"]').first();
  await article.locator("details.app-versions summary").click();
  await article.locator("li.app-version").nth(1).waitFor();
  assert.match(await article.innerText(), /In force from 28 June 2022/);
  await accessible(page, "the explainer with a rule's history open");
  await context.close();
});

test("route a case", async () => {
  const { context, page } = await session("#/routing", DESKTOP);
  await page.waitForSelector("#routing-form");
  await page.waitForSelector("#routes, #incomplete");
  await accessible(page, "case routing");
  await go(page, "#/tiering");
  await page.waitForSelector("#values");
  await accessible(page, "tiering");
  await context.close();
});

test("edit a rule", async () => {
  const { context, page } = await session("#/editor", DESKTOP);
  await page.waitForSelector("#compile-ok");
  await page.waitForSelector('#lint-status:has-text("declarations")', { timeout: 60_000 });
  await accessible(page, "the rule editor");
  await context.close();
});

test("reload offline", async () => {
  const { context, page } = await session("#/check", DESKTOP);
  await page.waitForSelector("html[data-offline=ready]", { timeout: 30_000 });
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("#verdict", { timeout: 15_000 });
  await accessible(page, "the checker reloaded offline");
  await context.setOffline(false);
  await context.close();
});

test("keyboard only", async () => {
  const { context, page } = await session("#/check", DESKTOP);
  await page.addInitScript(() => { window.print = () => {}; });
  const out = await keyboardTask(page);
  assert.ok(out.tabs <= 40, `${out.tabs} Tab presses`);
  await accessible(page, "the print view reached by keyboard");
  await context.close();
});

test("phone width: every view fits and passes axe", async () => {
  const { context, page } = await session("#/check", PHONE);
  for (const part of ["check", "routing", "tiering", "contracts", "rules", "editor", "print", "explore"]) {
    await go(page, `#/${part}`);
    await page.waitForSelector("main h1");
    if (part === "explore") await page.waitForSelector("main[data-explore-done=true]", { timeout: 60_000 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390, `#/${part} fits`);
    await accessible(page, `#/${part} at 390 px`);
  }
  await context.close();
});

const VIEWS = ["check", "explore", "routing", "tiering", "contracts", "rules", "editor", "print"];
test("screenshots of each view, English and Welsh, desktop and phone (with axe on each)", async () => {
  for (const [device, options] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    for (const lang of ["en", "cy"]) {
      const { context, page } = await session("#/check", options);
      await page.evaluate((l) => localStorage.setItem("probity.lang", l), lang);
      await page.reload();
      await page.waitForSelector("#verdict");
      await byId(page, "check-requirements[2].hours_per_day").fill("21");
      await page.waitForSelector('#findings li[data-rule^="curfew"]');
      for (const view of VIEWS) {
        await go(page, `#/${view}`);
        await page.waitForSelector("main h1");
        if (view === "explore") await page.waitForSelector("main[data-explore-done=true]", { timeout: 60_000 });
        if (view === "editor") await page.waitForSelector("#compile-ok", { timeout: 30_000 });
        assert.equal(await page.getAttribute("html", "lang"), lang === "cy" ? "cy" : "en-GB");
        await accessible(page, `#/${view} (${lang}, ${device})`);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: path.join(SHOTS, `${view}-${lang}-${device}.png`) });
      }
      await context.close();
    }
  }
});
