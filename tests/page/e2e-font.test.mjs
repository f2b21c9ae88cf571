// The font (issue 20): GDS Transport is licensed for GOV.UK services only, so the page uses the
// system font stack (GOV.UK Frontend's $govuk-font-family) and ships no font file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { suite, ROOT } from "./harness.mjs";

const { session } = suite();

test("no GDS Transport: the system font, and no font file requested or shipped", async () => {
  const { context, page, requests } = await session("#/check");
  await page.waitForSelector("#verdict");
  const family = await page.evaluate(() => getComputedStyle(document.querySelector("main h1")).fontFamily);
  assert.doesNotMatch(family, /GDS Transport/);
  assert.match(family, /system-ui/);
  const faces = await page.evaluate(() => [...document.fonts].map((f) => f.family));
  assert.deepEqual(faces.filter((f) => /GDS/.test(f)), []);
  assert.deepEqual(requests.filter((u) => /\.woff2?$/.test(u)), []);
  assert.equal(existsSync(path.join(ROOT, "www/assets/fonts")), false);
  await context.close();
});
