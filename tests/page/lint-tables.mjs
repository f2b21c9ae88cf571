// Generated routes tables for the page's lint measurements and tests: the generator of
// tests/support/tables.rs written again in JavaScript, so that a seed gives the same table text as
// the native bench (benches/lint_scale.rs) and the two can be compared. Banded tables (each input
// cut into six shared bands, each row takes a run of bands or leaves the input open: the shape of
// real decision tables) and independent random boxes; inputs cycle int, decimal, date and enum.

const MASK = (1n << 64n) - 1n;
const MUL = 6364136223846793005n;
const ADD = 1442695040888963407n;

/** The Rust generator's linear congruential step, top bits kept. */
class Lcg {
  constructor(seed) { this.state = (BigInt(seed) * MUL + ADD) & MASK; }
  next() {
    this.state = (this.state * MUL + ADD) & MASK;
    return this.state >> 33n;
  }
  below(n) { return Number(this.next() % BigInt(Math.max(1, n))); }
}

const BANDS = 6;
const ENUM_VALUES = ["v0", "v1", "v2", "v3", "v4", "v5"];
const OUTPUTS = ["x", "y", "z"];
const inputType = (i) => ["int", "decimal", "date", "E"][i % 4];
const day = (n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function cut(i, b) {
  if (i % 4 === 0) return `${b * 10}`;
  if (i % 4 === 1) return `${b * 10}.5`;
  return day(b * 30);
}

function bandRun(i, lo, hi) {
  const name = `case.i${i}`;
  if (lo === 0 && hi === BANDS - 1) return null;
  if (i % 4 === 3) {
    const vals = [];
    for (let b = lo; b <= hi; b += 1) vals.push(ENUM_VALUES[b]);
    return `${name} in { ${vals.join(", ")} }`;
  }
  const parts = [];
  if (lo > 0) parts.push(`${name} >= ${cut(i, lo)}`);
  if (hi < BANDS - 1) parts.push(`${name} < ${cut(i, hi + 1)}`);
  return parts.join(" and ");
}

function randomBox(i, rng) {
  const name = `case.i${i}`;
  if (i % 4 === 3) {
    const vals = ENUM_VALUES.filter(() => rng.below(2) === 0);
    if (!vals.length) vals.push(ENUM_VALUES[rng.below(6)]);
    return `${name} in { ${vals.join(", ")} }`;
  }
  const a = rng.below(100);
  const b = a + 1 + rng.below(60);
  const show = (v) => (i % 4 === 0 ? `${v}` : i % 4 === 1 ? `${v}.5` : day(v));
  return `${name} >= ${show(a)} and ${name} < ${show(b)}`;
}

/** The rulebook text of a generated table: { shape: "banded" | "random", rows, inputs, policy,
 *  catchAll, seed } (the bench's seed is rows * 31 + inputs). */
export function rulebook({ shape, rows, inputs, policy, catchAll = false, seed = rows * 31 + inputs }) {
  const rng = new Lcg(seed);
  let text = "rulebook gen\n  version \"0.1.0\"\n  title \"Generated table\"\n\n"
    + "enum E { v0, v1, v2, v3, v4, v5 }\nenum Out { x, y, z }\n\nrecord Case {\n";
  for (let i = 0; i < inputs; i += 1) text += `  i${i}: ${inputType(i)}\n`;
  text += "}\n\ndocument case: Case\n\nroutes t\n  title \"t\"\n  cite \"generated\"\n";
  text += "  explain \"A generated table.\"\n  decides Out\n";
  text += `  hit policy ${policy}\n`;
  const bodyRows = catchAll ? Math.max(0, rows - 1) : rows;
  for (let r = 0; r < bodyRows; r += 1) {
    const conds = [];
    for (let i = 0; i < inputs; i += 1) {
      let c;
      if (shape === "banded") {
        if (rng.below(4) === 0) c = null;
        else {
          const lo = rng.below(BANDS);
          const hi = Math.min(lo + rng.below(2), BANDS - 1);
          c = bandRun(i, lo, hi);
        }
      } else {
        c = randomBox(i, rng);
      }
      if (c) conds.push(c);
    }
    const cond = conds.length ? conds.join(" and ") : "true";
    text += `  when ${cond} => ${OUTPUTS[rng.below(3)]}\n`;
  }
  if (catchAll) text += "  when true => z\n";
  return text;
}

/** Whether every number in a value is one JavaScript holds exactly (no BigInt, no unsafe integer). */
export function jsSafe(v) {
  if (typeof v === "bigint") return false;
  if (typeof v === "number") return Number.isFinite(v) && (!Number.isInteger(v) || Number.isSafeInteger(v));
  if (Array.isArray(v)) return v.every(jsSafe);
  if (v && typeof v === "object") return Object.values(v).every(jsSafe);
  return true;
}
