// Task 1 with the keyboard only (issue 20): enter an order with 320 hours of unpaid work and a
// 21-hour curfew, see its findings and their law, apply the court's fix, print. Counts the Tab
// presses and all key presses, step by step. Used by e2e-keyboard.test.mjs (which bounds the
// count) and runnable on its own against any served copy of the page:
//   cd tests/page && node e2e-keyboard.mjs [origin]     (default: a fresh .ci/serve --no-build)

/** Press Tab (or Shift+Tab) until `target` (a function run in the page) says the focus is where
 *  the task needs it; the count of presses, or throws after `limit`. */
async function tabTo(page, target, arg, { back = false, limit = 600 } = {}) {
  for (let n = 0; n <= limit; n++) {
    if (await page.evaluate(target, arg)) return n;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`focus never reached the target after ${limit} Tab presses`);
}

const focusIs = (id) => document.activeElement && document.activeElement.id === id;
const focusOn = (selector) => Boolean(document.activeElement && document.activeElement.matches(selector));
const inFindings = () => Boolean(document.activeElement && document.activeElement.closest(".app-results"));

/** Run the task in `page` (at #/check with no draft), the way a keyboard user would with what the
 *  page offers: its "Go to" links and the links from a field's message to its finding where they
 *  exist, else Tab. Returns { tabs, keys, steps }. */
export async function keyboardTask(page) {
  const steps = [];
  let tabs = 0;
  let keys = 0;
  const has = (selector) => page.locator(selector).count().then((n) => n > 0);
  const step = async (name, target, arg, typed = [], options = {}) => {
    const n = await tabTo(page, target, arg, options);
    for (const k of typed) await page.keyboard.press(k);
    tabs += n;
    keys += n + typed.length;
    steps.push({ name, tabs: n, keys: n + typed.length });
  };
  await page.waitForSelector("#verdict");
  if (await has("#jump-requirements")) await step("go to the requirements", focusIs, "jump-requirements", ["Enter"]);
  await step("unpaid work hours: 320", focusIs, "check-requirements[0].hours", ["ControlOrMeta+a", "3", "2", "0"]);
  await step("curfew hours a day: 21", focusIs, "check-requirements[2].hours_per_day", ["ControlOrMeta+a", "2", "1"]);
  await page.waitForSelector('#findings li[data-rule^="curfew"]');
  if (await has(".app-finding-link")) {
    await step("the finding and its law (from the field)", focusOn, ".app-finding-link", ["Enter"], { back: true });
  } else {
    await step("the findings", inFindings, null);
  }
  await step("how do I fix this?", focusOn, "#explore-link, .app-fix-link", ["Enter"]);
  await page.waitForSelector("#fix-apply-1", { timeout: 60_000 });
  await step("apply the first fix", focusIs, "fix-apply-1", ["Enter"]);
  await page.waitForSelector("#verdict");
  await step("print", focusOn, "#print-link, #jump-print", ["Enter"]);
  await page.waitForSelector("#print-button");
  await step("the print button", focusIs, "print-button", ["Enter"]);
  return { tabs, keys, steps };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startServer, launch, ORIGIN } = await import("./harness.mjs");
  const origin = process.argv[2] || ORIGIN;
  const server = process.argv[2] ? null : await startServer();
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.addInitScript(() => { window.print = () => {}; });
    await page.goto(`${origin}/#/check`);
    await page.waitForSelector("html[data-ready=true]");
    const out = await keyboardTask(page);
    for (const s of out.steps) console.log(`${s.name}: ${s.tabs} Tab, ${s.keys} keys`);
    console.log(`task 1: ${out.tabs} Tab presses, ${out.keys} key presses in all`);
  } finally {
    await browser.close();
    if (server) server.kill();
  }
}
