// Offline (issue 20, item 7): a service worker keeps the page, so a reload without a connection
// works; the rulebook versions and hashes are on the page; going offline before the tools module
// arrived says so in words (no internal module URL); changed rule files are announced on reconnect.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { suite, byId, ROOT } from "./harness.mjs";

const { session } = suite();

test("after one visit, a reload with no connection opens the checker and it still checks", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("html[data-offline=ready]", { timeout: 30_000 });
  // The footer names each rulebook with its version and the start of its hash.
  assert.match(await page.locator("#footer-versions").innerText(), /version \d+\.\d+\.\d+ \(sha256 [0-9a-f]{12}\)/);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("html[data-ready=true]", { timeout: 15_000 });
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  // The explainer and the explorer (the tools module) work from the kept copy too.
  await page.evaluate(() => { location.hash = "#/explore"; });
  await page.waitForSelector("main[data-explore-done=true]", { timeout: 60_000 });
  assert.equal(await page.locator('main [id$="-error"]').count(), 0);
  await context.setOffline(false);
  await context.close();
});

test("offline in the first two seconds: a clear message, not a module URL", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("#verdict");
  await context.setOffline(true);
  await page.evaluate(() => { location.hash = "#/explore"; });
  // The explorer's own message when its tools module did not arrive (the view's own code is in
  // the page's bundle, so it is always drawn).
  await page.waitForSelector("main[data-explore-done=true]");
  const text = await page.locator("main").innerText();
  assert.match(text, /connection went before it had downloaded/);
  assert.doesNotMatch(text, /https?:\/\/|\.js\b|dynamically imported/);
  await context.setOffline(false);
  await context.close();
});

test("when the connection comes back and a rule file has changed, the page says updated rules are available", async () => {
  const { context, page } = await session("#/check");
  await page.waitForSelector("html[data-offline=ready]", { timeout: 30_000 });
  await context.setOffline(true);
  await page.waitForSelector("#updates-banner");
  assert.match(await page.locator("#updates-banner").innerText(), /offline/);
  // The server now has a changed rule file (served from a route, the file on disk untouched).
  const file = readFileSync(path.join(ROOT, "rules/routing.rules"), "utf8");
  await context.route("**/pkg/rules/routing.rules", (r) => r.fulfill({ status: 200, contentType: "text/plain", body: `${file}\n// changed\n` }));
  await context.setOffline(false);
  await page.waitForSelector('#updates-banner:has-text("Updated rules are available")');
  assert.equal(await page.locator("#updates-reload").count(), 1);
  await context.close();
});

test("when the engine cannot be fetched at start, the page says so in words (no module URL)", async () => {
  // No service worker here (a first visit whose engine never arrives).
  const { context, page } = await session("#/check", { serviceWorkers: "block" });
  await context.route("**/probity_bg.wasm", (r) => r.abort("internetdisconnected"));
  await page.reload();
  await page.waitForSelector("#start-problem");
  const text = await page.locator("main").innerText();
  assert.match(text, /The checker could not start/);
  assert.doesNotMatch(text, /https?:\/\/|\.wasm|\.js\b/);
  await context.close();
});

test("the page is installable: a manifest of this origin, with a start page and an icon", async () => {
  const { context, page } = await session("#/check");
  const href = await page.getAttribute('link[rel="manifest"]', "href");
  const manifest = await page.evaluate(async (u) => (await fetch(u)).json(), href);
  assert.equal(manifest.start_url, "./#/check");
  assert.equal(manifest.display, "standalone");
  assert.ok(manifest.icons.length >= 1);
  // The page's CSP is as strict as it was: no inline script or style, this origin only.
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/);
  await context.close();
});
