// Issue 19 in the page: a 1,000-row banded table lints in the Web Worker and the result is whole
// (the same findings, gap boxes and witnesses as the native analysis, every witness
// JavaScript-safe and reproducing), and a table over an unbounded integer lints without the
// result becoming null (its witness is the boundary, not the integer type's extreme); on the
// adversarial random 1,000-row table the first findings come before the whole answer, in the
// worker and in the editor.
// Timing is measured, not asserted here: tests/page/measure-lint.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { startServer, launch, open, ROOT } from "./harness.mjs";
import { rulebook, jsSafe } from "./lint-tables.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
});

/** Lint rule text in the page's worker; the result as the page receives it. */
async function lintInPage(page, file, text) {
  return page.evaluate(async ({ file, text }) => {
    const engine = await import("/js/engine.js");
    await engine.load();
    return engine.inWorker("lint", { file, text }).promise;
  }, { file, text });
}

/** The native analysis of the same text (`probity lint --format json`, the build's debug binary). */
function lintNative(file, text) {
  const dir = mkdtempSync(path.join(tmpdir(), "probity-lint-"));
  const at = path.join(dir, file);
  writeFileSync(at, text);
  // It exits 1 when there are findings, as a linter does; 2 or more is a failure.
  const run = spawnSync(path.join(ROOT, "target/debug/probity"), ["lint", "--format", "json", at], { maxBuffer: 1 << 28 });
  assert.ok(run.status === 0 || run.status === 1, `probity lint failed: ${run.stderr}`);
  return JSON.parse(run.stdout.toString());
}

const kinds = (result) => result.findings.reduce((m, f) => ({ ...m, [f.kind]: (m[f.kind] || 0) + 1 }), {});

function wholeAndSafe(result, what) {
  assert.ok(result && typeof result === "object", `${what}: no result (${result})`);
  assert.equal(result.internal, undefined, `${what}: ${result.internal}`);
  assert.ok(Array.isArray(result.findings), `${what}: no findings array`);
  assert.ok(jsSafe(result), `${what}: a number in the result is not JavaScript-safe`);
  // What JSON.parse(JSON.stringify(...)) gives back is the same: nothing lost on the way.
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
  for (const f of result.findings) {
    if (f.witness) assert.equal(f.reproduces, true, `${what}: ${f.kind} ${f.rows}: witness does not reproduce`);
  }
}

test("a 60-row banded table: the page's result carries every gap box the native analysis finds", async () => {
  const text = rulebook({ shape: "banded", rows: 60, inputs: 6, policy: "unique" });
  const { context, page, problems } = await open(browser, "#/check");
  const got = await lintInPage(page, "gen.rules", text);
  wholeAndSafe(got, "60 rows");
  const want = lintNative("gen.rules", text);
  assert.deepEqual(kinds(got), kinds(want));
  const gap = (r) => r.findings.find((f) => f.kind === "gap");
  assert.ok(gap(got).boxes.length > 24, `only ${gap(got).boxes.length} gap boxes`);
  assert.deepEqual(gap(got).boxes, gap(want).boxes);
  assert.deepEqual(gap(got).witness, gap(want).witness);
  // Overlaps, one finding per row with every earlier row it shares cases with, and those cases.
  const overlaps = (r) => r.findings.filter((f) => f.kind === "overlap").map((f) => [f.rows, f.boxes, f.partners || []]);
  assert.deepEqual(overlaps(got), overlaps(want));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a 1,000-row banded table lints whole in the worker: no undecided part, every witness safe and reproducing", async () => {
  const text = rulebook({ shape: "banded", rows: 1000, inputs: 6, policy: "unique" });
  const { context, page, problems } = await open(browser, "#/check");
  const got = await lintInPage(page, "gen.rules", text);
  wholeAndSafe(got, "1,000 rows");
  assert.equal(got.declarations, 1);
  assert.deepEqual(got.undecided, []);
  const found = kinds(got);
  assert.equal(found.gap, 1, JSON.stringify(found));
  // Every overlapping pair is carried: each overlap finding is one row with each earlier row it meets.
  const pairs = got.findings.filter((f) => f.kind === "overlap").reduce((n, f) => n + f.rows.length - 1, 0);
  assert.ok(pairs > 1000, `${pairs} overlapping pairs`);
  assert.ok(got.findings.filter((f) => f.kind === "overlap").every((f) => (f.partners || []).length === f.rows.length - 2));
  const gap = got.findings.find((f) => f.kind === "gap");
  assert.ok(gap.boxes.length >= 1 && gap.witness, "the gap has its boxes and a witness");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a table over an unbounded integer lints in the page: the result is not null and the witness is the boundary", async () => {
  const text = "rulebook u\n  version \"0.1.0\"\n  title \"u\"\nenum Out { x, y }\n"
    + "record Case {\n  n: int\n}\ndocument case: Case\n"
    + "routes t\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  decides Out\n  hit policy unique\n"
    + "  when case.n > 5 => x\n  when case.n < -9007199254740993 => y\n";
  const { context, page, problems } = await open(browser, "#/check");
  const got = await lintInPage(page, "u.rules", text);
  wholeAndSafe(got, "unbounded");
  const gap = got.findings.find((f) => f.kind === "gap");
  assert.ok(gap, JSON.stringify(got.findings.map((f) => f.kind)));
  // The gap is -9007199254740993 <= n <= 5: a person's pick, the boundary 5, not -2^63.
  assert.equal(gap.witness.n, 5);
  assert.equal(gap.reproduces, true);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Whether finding `w` of the whole answer is the whole form of first finding `f`: the same
 *  kind, declaration and rows (an overlap's first form names its row's first partner, the whole
 *  form every one). As `LintFinding::restates` in the library. */
function restates(w, f) {
  const rows = (x) => x.rows || [];
  const same = f.kind === "overlap" && rows(f).length === 2
    ? rows(w)[0] === rows(f)[0] && rows(w).at(-1) === rows(f)[1]
    : JSON.stringify(rows(w)) === JSON.stringify(rows(f));
  return w.kind === f.kind && w.id === f.id && same;
}

test("the random 1,000-row table: the worker posts the first findings before the whole answer, and the whole answer is the full one", async () => {
  const text = rulebook({ shape: "random", rows: 1000, inputs: 4, policy: "unique" });
  const { context, page, problems } = await open(browser, "#/check");
  const got = await page.evaluate(async (text) => {
    const engine = await import("/js/engine.js");
    await engine.load();
    const start = performance.now();
    let first = null;
    let firstAt = null;
    const whole = await engine.inWorker("lint", { file: "gen.rules", text }, [], {
      onFirst: (f) => { first = f; firstAt = performance.now() - start; },
    }).promise;
    const wholeAt = performance.now() - start;
    // The same text linted in one stage: the answer the staged run must end with.
    const plain = await engine.inWorker("lint", { file: "gen.rules", text }).promise;
    const named = (r) => r.findings.map((f) => ({ kind: f.kind, id: f.id, rows: f.rows }));
    return {
      first, firstAt, wholeAt, whole: { findings: named(whole) },
      same: JSON.stringify(whole) === JSON.stringify(plain), internal: whole.internal,
    };
  }, text);
  assert.ok(got.first, "no first findings were posted");
  assert.ok(got.firstAt < got.wholeAt, `first at ${got.firstAt} ms, whole at ${got.wholeAt} ms`);
  wholeAndSafe(got.first, "first findings");
  assert.equal(got.internal, undefined, got.internal);
  assert.ok(got.same, "the staged run's whole answer differs from the one-stage analysis");
  const kinds = new Set(got.first.findings.map((f) => f.kind));
  for (const k of ["gap", "overlap", "subsumed"]) assert.ok(kinds.has(k), `no first ${k}: ${[...kinds]}`);
  for (const f of got.first.findings) {
    assert.ok(got.whole.findings.some((w) => restates(w, f)), `${f.kind} ${f.rows}: not in the whole answer`);
  }
  assert.ok(got.whole.findings.length > 10 * got.first.findings.length);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the editor shows the first findings at once, saying the rest is being checked, then the full list; a new edit cancels the run", async () => {
  const text = rulebook({ shape: "random", rows: 1000, inputs: 4, policy: "unique" });
  const { context, page, problems } = await open(browser, "#/editor");
  await page.waitForSelector("#editor-host[data-editor=codemirror]");
  await page.setInputFiles("#editor-import", { name: "gen.rules", mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.waitForSelector("#lint-status[data-stage=first]", { timeout: 120_000 });
  const firstStatus = await page.locator("#lint-status").innerText();
  assert.match(firstStatus, /^First findings: \d+\. The rest of the analysis is still running/);
  const firstShown = await page.locator("#lint-findings > li").count();
  assert.equal(firstShown, Number(firstStatus.match(/\d+/)[0]));
  assert.ok(firstShown >= 3, `${firstShown} first findings listed`);
  // A new edit while the rest is worked out: that run is cancelled and the new text analysed.
  await page.locator("#editor-host .cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\n// edited\n");
  await page.waitForSelector("#lint-status[data-stage=whole]", { timeout: 120_000 });
  const whole = await page.locator("#lint-status").innerText();
  const n = Number(whole.match(/^(\d+) findings in 1 declarations/)[1]);
  assert.ok(n > 10 * firstShown, whole);
  // The full list: the first 200 listed, and a line saying how many there are.
  assert.equal(await page.locator("#lint-findings > li").count(), 200);
  assert.match(await page.locator("#lint-more").innerText(), new RegExp(`of ${n} findings`));
  assert.deepEqual(problems, []);
  await context.close();
});

/** `probity lint --gap-witnesses TABLE --format json` on a file of the repository. */
function gapWitnessesNative(file, table) {
  const run = spawnSync(path.join(ROOT, "target/debug/probity"), ["lint", "--format", "json", "--gap-witnesses", table, file], { cwd: ROOT });
  assert.ok(run.status === 0 || run.status === 1, `probity lint --gap-witnesses failed: ${run.stderr}`);
  return JSON.parse(run.stdout.toString());
}

test("every gap box has its own witness on request: in the worker, and in the editor's 'a document for each gap'", async () => {
  const file = "tests/lint/routes_gap.rules";
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const want = gapWitnessesNative(file, "team");
  assert.equal(want.length, 2);
  const { context, page, problems } = await open(browser, "#/editor");
  // The worker's call, as the page makes it: the same boxes and documents as the command line.
  const got = await page.evaluate(async (text) => {
    const engine = await import("/js/engine.js");
    await engine.load();
    const missing = await engine.inWorker("gapWitnesses", { file: "routes_gap.rules", text }, ["no-such-table"]).promise;
    return { boxes: await engine.inWorker("gapWitnesses", { file: "routes_gap.rules", text }, ["team"]).promise, missing };
  }, text);
  assert.equal(got.missing, null);
  assert.ok(jsSafe(got.boxes));
  assert.deepEqual(got.boxes.map((b) => [b.cases, b.witness, b.reproduces]), want.map((b) => [b.cases, b.witness, true]));
  // The editor: the gap finding offers a document for each of its boxes.
  await page.waitForSelector("#editor-host[data-editor=codemirror]");
  await page.setInputFiles("#editor-import", { name: "routes_gap.rules", mimeType: "text/plain", buffer: Buffer.from(text) });
  const gap = page.locator('#lint-findings li[data-kind="gap"][data-id="team"]');
  await gap.waitFor();
  await gap.getByRole("button", { name: /Show a document for each gap/ }).click();
  const boxes = gap.locator(".app-gap-boxes > li");
  await boxes.nth(1).waitFor();
  assert.equal(await boxes.count(), 2);
  assert.match(await gap.locator(".app-gap-each [role=status]").innerText(), /2 gaps, each with a document that no row takes/);
  for (let i = 0; i < 2; i += 1) {
    const item = boxes.nth(i);
    assert.match(await item.innerText(), new RegExp(want[i].cases.join(" and ").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    assert.deepEqual(JSON.parse(await item.locator("pre").innerText()), want[i].witness);
    assert.match(await item.innerText(), /Checked: this document shows the finding/);
  }
  // Each opens in the checker, as the finding's own witness does.
  await boxes.nth(1).getByRole("button", { name: /Open the witness/ }).click();
  await page.waitForURL(/rules=edited$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an overlap of one row with several earlier rows is drawn in the editor with the cases it shares with each", async () => {
  const file = "tests/lint/generated_banded_unique.rules";
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const want = lintNative("generated_banded_unique.rules", text).findings.find((f) => f.kind === "overlap" && f.partners && f.partners.length);
  assert.ok(want, "the corpus table has an overlap with more than one earlier row");
  const { context, page, problems } = await open(browser, "#/editor");
  await page.waitForSelector("#editor-host[data-editor=codemirror]");
  await page.setInputFiles("#editor-import", { name: "generated_banded_unique.rules", mimeType: "text/plain", buffer: Buffer.from(text) });
  const item = page.locator('#lint-findings li[data-kind="overlap"]').filter({ hasText: `rows ${want.rows.join(", ")})` });
  await item.waitFor();
  await item.locator(".app-shared-rows summary").click();
  const shared = await item.locator(".app-shared-rows").innerText();
  const partner = want.partners[0];
  assert.match(shared, new RegExp(`With row ${partner.row}:`));
  assert.ok(shared.includes(partner.boxes[0].join(" and ")), shared);
  assert.deepEqual(problems, []);
  await context.close();
});
