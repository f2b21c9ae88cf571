// The page editor's highlighting knows every hit policy: the words after `hit policy`
// (`collect sum`, `rule order`, `output order`, ...) are constants, and the same words elsewhere
// (`order.kind`, a rule named `rule`) are not. Runs the tokenizer alone, without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const { probityMode } = await import(pathToFileURL(path.join(ROOT, "www/js/probity-mode.js")).href);

/** A minimal CodeMirror StringStream over one line. */
function stream(line) {
  return {
    string: line, pos: 0, start: 0,
    eol() { return this.pos >= this.string.length; },
    eatSpace() { const s = this.pos; while (/\s/.test(this.string[this.pos] ?? "")) this.pos++; return this.pos > s; },
    match(p, consume = true) {
      const rest = this.string.slice(this.pos);
      if (typeof p === "string") {
        if (!rest.startsWith(p)) return null;
        if (consume) this.pos += p.length;
        return [p];
      }
      const m = rest.match(p);
      if (!m || m.index !== 0) return null;
      if (consume) this.pos += m[0].length;
      return m;
    },
    eat(c) { if (this.string[this.pos] === c) { this.pos++; return c; } return undefined; },
    next() { return this.string[this.pos++]; },
    skipToEnd() { this.pos = this.string.length; },
    skipTo(s) { const i = this.string.indexOf(s, this.pos); if (i < 0) return false; this.pos = i; return true; },
  };
}

/** Each word of the lines with its token type. */
function tokens(lines) {
  const state = probityMode.startState();
  const out = [];
  for (const line of lines) {
    const s = stream(line);
    while (!s.eol()) {
      s.start = s.pos;
      const type = probityMode.token(s, state);
      const word = line.slice(s.start, s.pos).trim();
      if (word) out.push([word, type]);
    }
  }
  return out;
}

test("every hit policy is highlighted as a constant after `hit policy`", () => {
  for (const policy of ["unique", "any", "first", "priority", "collect", "collect sum", "collect min",
    "collect max", "collect count", "rule order", "output order"]) {
    const got = tokens([`  hit policy ${policy}`]).slice(2);
    assert.deepEqual(got, policy.split(" ").map((w) => [w, "atom"]), policy);
  }
});

test("the same words elsewhere keep their own colour", () => {
  const got = tokens(["  hit policy rule order", "  when order.count > 1 => output"]);
  assert.deepEqual(got.find(([w]) => w === "when"), ["when", "keyword"]);
  const names = got.filter(([w]) => w === "order" || w === "output" || w === "count");
  assert.deepEqual(names.slice(1), [["order", "variableName"], ["count", "variableName"], ["output", "variableName"]]);
  assert.deepEqual(tokens(["rule order-check"])[0], ["rule", "keyword"]);
});
