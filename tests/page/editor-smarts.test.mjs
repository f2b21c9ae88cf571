// End-to-end tests of the rule editor's hover, completion and go-to-definition (issue 21), in
// Debian's Chromium: the answers come from the library's editor door through the tools module,
// the same code that answers `probity lsp`. Screenshots of the hover and the completion list go
// to docs/screenshots/.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { suite, ROOT } from "./harness.mjs";

const { session } = suite();
const SHOTS = path.join(ROOT, "docs/screenshots");

const RULES = `rulebook small version "0.1.0"
  title "Curfews"

variant Requirement {
  punitive: bool label "Punitive"
  curfew label "Curfew" { hours_per_day: hours label "Curfew hours a day" }
}
record Order { requirements: list of Requirement label "Requirements" }
document order: Order

rule curfew-daily-max
  title "Curfew hours in any one day"
  cite "Sentencing Act 2020, Sch. 9, para 9(4)(b)"
  explain "A curfew may confine the offender for at most 20 hours in a day."
  for each curfew r in order.requirements
  require r.hours_per_day <= 20 hours
  message "A curfew may last at most 20 hours a day; this one lasts {r.hours_per_day}."
`;

async function setEditorText(page, text) {
  await page.click("#editor-text");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

/** The screen point of the `nth` character of the first editor line holding `text`. */
async function pointIn(page, text, nth) {
  const line = page.locator("#editor-host .cm-line", { hasText: text });
  await line.waitFor();
  return line.evaluate((el, [text, nth]) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let seen = 0;
    const at = el.textContent.indexOf(text) + nth;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (seen + node.length > at) {
        const range = document.createRange();
        range.setStart(node, at - seen);
        range.setEnd(node, at - seen + 1);
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      seen += node.length;
    }
    return null;
  }, [text, nth]);
}

test("hovering a field in the rule editor shows its type and label, from the library's editor door", async () => {
  const { context, page, problems } = await session("#/editor");
  await page.waitForSelector("#editor-host[data-editor=codemirror]");
  await setEditorText(page, RULES);
  await page.waitForSelector("#compile-ok");
  // The screenshot shows the page at rest: the analysis of these rules finished.
  await page.waitForSelector("#lint-status[data-stage=whole]", { timeout: 60_000 });
  await page.keyboard.press("Escape"); // the completion list typing opened
  const p = await pointIn(page, "require r.hours_per_day", "require r.".length + 3);
  assert.ok(p, "the field is on screen");
  await page.mouse.move(p.x, p.y);
  const tip = page.locator(".cm-tooltip-hover");
  await tip.waitFor({ timeout: 10_000 });
  const text = await tip.innerText();
  assert.match(text, /hours_per_day/);
  assert.match(text, /label: Curfew hours a day/);
  assert.match(text, /unit: hours/);
  await page.screenshot({ path: path.join(SHOTS, "editor-hover.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

test("typing in the rule editor offers the fields of the record in scope, through a for-each binding", async () => {
  const { context, page, problems } = await session("#/editor");
  await page.waitForSelector("#editor-host[data-editor=codemirror]");
  await setEditorText(page, RULES);
  await page.waitForSelector("#compile-ok");
  await page.waitForSelector("#lint-status[data-stage=whole]", { timeout: 60_000 });
  // A new line at the end: `require r.` asks for the curfew's fields.
  await page.click("#editor-text");
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("\nrule curfew-weekly\n  title \"t\"\n  cite \"c\"\n  for each curfew r in order.requirements\n  require r.");
  const list = page.locator(".cm-tooltip-autocomplete");
  await list.waitFor({ timeout: 10_000 });
  const options = await list.locator("li").allInnerTexts();
  assert.ok(options.some((o) => /hours_per_day/.test(o)), options.join(" | "));
  assert.ok(options.some((o) => /punitive/.test(o)), options.join(" | "));
  // The unfinished line does not compile: the screenshot waits for the page to say so.
  await page.waitForSelector("#compile-failed", { timeout: 10_000 });
  await list.waitFor();
  await page.screenshot({ path: path.join(SHOTS, "editor-completion.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

test("F12 on a field's use in the rule editor goes to its declaration", async () => {
  const { context, page, problems } = await session("#/editor");
  await page.waitForSelector("#editor-host[data-editor=codemirror]");
  await setEditorText(page, RULES);
  await page.waitForSelector("#compile-ok");
  await page.keyboard.press("Escape");
  const p = await pointIn(page, "require r.hours_per_day", "require r.".length + 3);
  await page.mouse.click(p.x, p.y);
  await page.keyboard.press("F12");
  const selected = await page.evaluate(() => String(window.getSelection()));
  assert.equal(selected, "hours_per_day");
  const line = await page.locator("#editor-host .cm-activeLine").innerText();
  assert.match(line, /\{ hours_per_day: hours label/);
  assert.deepEqual(problems, []);
  await context.close();
});
