// The page in Welsh (issue 20): every interface string has English and Welsh (a key without its
// Welsh fails here), every key the page uses exists, and the language switch sets `lang`, redraws
// the view and is remembered.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { suite, byId, ROOT } from "./harness.mjs";

const { CATALOGUE } = await import(path.join(ROOT, "www/js/i18n.js"));
const { session } = suite();

test("every interface string has its Welsh, and every key the page uses is in the catalogue", () => {
  const en = CATALOGUE.en;
  const cy = CATALOGUE.cy;
  const noWelsh = Object.keys(en).filter((k) => typeof cy[k] !== "string" || !cy[k].trim());
  assert.deepEqual(noWelsh, [], "keys without a Welsh string");
  assert.deepEqual(Object.keys(cy).filter((k) => !(k in en)), [], "Welsh keys without English");
  // The same {placeholders} in both languages.
  const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");
  assert.deepEqual(Object.keys(en).filter((k) => names(en[k]) !== names(cy[k])), [], "placeholders differ");
  const used = new Set();
  const dir = path.join(ROOT, "www/js");
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".js"))) {
    const text = readFileSync(path.join(dir, f), "utf8");
    for (const m of text.matchAll(/\b(t|tx)\("([a-zA-Z.]+)"/g)) used.add(m[2]);
    for (const m of text.matchAll(/\btn\("([a-zA-Z.]+)"/g)) { used.add(`${m[1]}.one`); used.add(`${m[1]}.other`); }
    for (const m of text.matchAll(/"(undo\.[a-zA-Z]+)"/g)) used.add(m[1]);
  }
  for (const m of readFileSync(path.join(ROOT, "www/index.html"), "utf8").matchAll(/data-i18n(?:-label)?="([a-zA-Z.]+)"/g)) used.add(m[1]);
  assert.deepEqual([...used].filter((k) => !(k in en)).sort(), [], "keys used but not in the catalogue");
});

test("the language switch puts the page in Welsh, sets lang, and is remembered", async () => {
  const { context, page, problems } = await session("#/check");
  await page.waitForSelector("#verdict");
  assert.equal(await page.getAttribute("html", "lang"), "en-GB");
  assert.equal(await page.getAttribute("#lang-switch", "lang"), "cy");
  await page.click("#lang-switch");
  await page.waitForSelector('#verdict:has-text("Dim problemau")');
  assert.equal(await page.getAttribute("html", "lang"), "cy");
  assert.match(await page.locator("main h1").innerText(), /Gwirio gorchymyn cymunedol/);
  assert.match(await page.locator("#nav").innerText(), /Gwirio gorchymyn/);
  assert.match(await page.locator("#skip-link").textContent(), /Neidio i'r prif gynnwys/);
  assert.equal(await page.locator("#lang-switch").innerText(), "English");
  await byId(page, "check-requirements[2].hours_per_day").fill("21");
  await page.waitForSelector('#verdict:has-text("torri\'r rheolau")');
  assert.match(await page.locator("#status").innerText(), /canfyddiad/);
  await page.reload();
  await page.waitForSelector("#verdict");
  assert.equal(await page.getAttribute("html", "lang"), "cy");
  assert.match(await page.title(), /Gwirio gorchymyn/);
  await page.click("#lang-switch");
  await page.waitForSelector('#verdict:has-text("This breaks the rules")');
  assert.equal(await page.getAttribute("html", "lang"), "en-GB");
  assert.deepEqual(problems, []);
  await context.close();
});
