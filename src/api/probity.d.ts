// Generated from the library's wire types by src/api/typescript.rs (ts-rs); do not edit.
// `BLESS=1 cargo test --lib typescript` writes it again.

/**
 * A check either reads the document and reports, or refuses it with diagnostics at JSON paths.
 */
export type CheckOutcome = { ok: boolean, report: Report | null, diagnostics: Array<Diagnostic>, 
/**
 * The rules this document's verdict depends on (they applied to it) whose law was not
 * checked against its source: what "No problems found" rests on.
 */
caveats: Array<Caveat>, };

/**
 * A rule the verdict depends on whose law is not verified.
 */
export type Caveat = { rule: string, title: string, 
/**
 * What was not read, as the rule says it.
 */
note: string, 
/**
 * For people: `Applied, but its law is unverified: "Curfew: at most 20 hours a day"`.
 */
sentence: string, };

/**
 * An answer, or the diagnostics that say why there is none.
 */
export type Answer<T> = { ok: boolean, value?: T, diagnostics?: Array<Diagnostic>, };

/**
 * A shipped rulebook: its name, and the path of its text (`rules/...`).
 */
export type ShippedRulebook = { name: string, file: string, };

/**
 * One rule file to compile: its name (a path, or a label such as `<editor>`) and text.
 */
export type SourceFile = { name: string, text: string, };

/**
 * A byte range of rule text counted in UTF-16 code units.
 */
export type Utf16Span = { start: number, end: number, };

/**
 * A compile diagnostic with its place (and its fix's place) also in UTF-16 code units.
 */
export type EditorDiagnostic = { 
/**
 * Where it points, for an editor; `null` when it points into no rule text.
 */
utf16: Utf16Span | null, 
/**
 * Where its fix applies, for an editor; `null` without a fix.
 */
fix_utf16: Utf16Span | null, 
/**
 * Stable code, e.g. `E0201`. Listed in docs/DIAGNOSTICS.md.
 */
code: string, severity: Severity, message: string, location: Location, notes: Array<string>, hint: string | null, 
/**
 * A replacement an editor can apply with one action (e.g. the name it probably meant).
 */
fix: SourceFix | null, };

/**
 * One declaration's words, law and period.
 */
export type DeclInfo = { id: string, kind: RuleKind, title: string, cite: string, explain: string, severity: Severity, in_force: Period, 
/**
 * The path of the date that chooses this version, as written; empty for the law date.
 */
by: string, 
/**
 * How this version's law was checked, when the rulebook says.
 */
verification: Verification | null, };

/**
 * A named example document.
 */
export type Example = { name: string, document: JsonValue, };

/**
 * One declaration as the explainer shows it, with a lawful and an unlawful example when the
 * rulebook's own tests provide them.
 */
export type RuleEntry = { lawful: Example | null, unlawful: Example | null, id: string, kind: RuleKind, title: string, cite: string, explain: string, severity: Severity, in_force: Period, 
/**
 * The path of the date that chooses this version, as written; empty for the law date.
 */
by: string, 
/**
 * How this version's law was checked, when the rulebook says.
 */
verification: Verification | null, };

export type RouteRow = { 
/**
 * The row's condition as written.
 */
when: string, output: string, cite: string | null, };

/**
 * A routes table, row by row, for drawing.
 */
export type RoutesTable = { id: string, title: string, cite: string, explain: string, in_force: Period, by: string, policy: HitPolicy, 
/**
 * The enum the table decides.
 */
decides: string, outputs: Array<string>, rows: Array<RouteRow>, };

/**
 * A field's type as a form needs it: a base type by name (`bool`, `months`, an enum, record or
 * variant name), a list of a shape, either possibly optional.
 */
export type Shape = { 
/**
 * The named type, when this is not a list.
 */
name: string | null, 
/**
 * The item shape, when this is a list.
 */
list: Shape | null, 
/**
 * Whether the value may be left out.
 */
optional: boolean, };

export type FieldView = { name: string, 
/**
 * What people call the field (the rulebook's `label`, else its name as words).
 */
label: string, 
/**
 * A hint to show under the field, if the rulebook gives one.
 */
hint: string | null, 
/**
 * The unit a number is entered in (`hours`, `months`, `£`, `%`), from the field's type.
 */
unit: string | null, 
/**
 * The type as a rule author writes it (`optional months`).
 */
type_name: string, shape: Shape, };

export type EnumView = { name: string, values: Array<string>, 
/**
 * What people call each value, parallel to `values`.
 */
labels: Array<string>, 
/**
 * A hint for each value, parallel to `values`.
 */
hints: Array<string | null>, };

export type RecordView = { name: string, fields: Array<FieldView>, };

export type CaseView = { name: string, 
/**
 * What people call the case (`Unpaid work`).
 */
label: string, hint: string | null, 
/**
 * Shared fields first, then the case's own.
 */
fields: Array<FieldView>, };

export type VariantView = { name: string, 
/**
 * How many of each case's fields are shared by every case.
 */
shared: number, cases: Array<CaseView>, };

/**
 * The document schema, for building forms.
 */
export type SchemaView = { 
/**
 * The document's name in rules (`order`).
 */
document: string, 
/**
 * The document's record type (`Order`).
 */
root: string, enums: Array<EnumView>, records: Array<RecordView>, variants: Array<VariantView>, };

/**
 * The static analysis as the page takes it.
 */
export type LintView = { findings: Array<LintFinding>, undecided: Array<Undecided>, declarations: number, 
/**
 * The largest case space decided, as a float: a u128 cannot cross into JSON or JavaScript
 * numbers exactly (above 2^53 it loses precision).
 */
largest_case_space: number, };

/**
 * A document's period and its items, for drawing.
 */
export type Timeline = { 
/**
 * The field the period starts on (`sentence_date`), if the rulebook marks one.
 */
start_field: string | null, start: string | null, 
/**
 * The field that says how long the period lasts (`length`), if the rulebook marks one.
 */
length_field: string | null, length: Length | null, 
/**
 * Start plus length, by the library's calendar (a month on from 31 January is the last
 * day of February).
 */
end: string | null, 
/**
 * Days from start to end, for drawing to scale.
 */
days: bigint | null, items: Array<TimelineItem>, 
/**
 * The dated events of every list the rulebook orders by a date, in date order.
 */
events: Array<TimelineEvent>, };

/**
 * A check and its document's timeline (`None` when the document was refused).
 */
export type CheckedWithTimeline = { outcome: CheckOutcome, timeline: Timeline | null, };

/**
 * One item of the document's list on the timeline.
 */
export type TimelineItem = { 
/**
 * Where it is in the document (`requirements[2]`).
 */
path: string, 
/**
 * Its case (`curfew`).
 */
case: string, 
/**
 * How long it lasts, when its case has a field `as duration` and the document fills it;
 * otherwise it lasts as long as the whole period.
 */
lasts: Length | null, 
/**
 * The day it ends (start plus its length), when the start is known.
 */
until: string | null, 
/**
 * Days from the start to `until`, for drawing to scale.
 */
days: bigint | null, 
/**
 * Whether a finding points at this item or inside it.
 */
flagged: boolean, };

/**
 * A dated event of the document (an item of a list `ordered by` a date), in document order.
 */
export type TimelineEvent = { 
/**
 * Where it is in the document (`events[0]`).
 */
path: string, 
/**
 * Its case (`breach`), or the list's record type for a list of records.
 */
case: string, date: string, 
/**
 * Whether a finding points at this event or inside it.
 */
flagged: boolean, };

/**
 * How long something lasts, as the document gives it.
 */
export type Length = { amount: bigint, 
/**
 * `days`, `weeks`, `months` or `years`.
 */
unit: Unit, 
/**
 * For people: `12 months`, `1 day`.
 */
display: string, };

export type Unit = "plain" | "hours" | "days" | "weeks" | "months" | "years";

/**
 * The plan built from the specs, and its check.
 */
export type CommissioningPlan = { 
/**
 * The plan document (the commissioning plan rulebook's `Plan`).
 */
plan: JsonValue, 
/**
 * For each planned contract, the spec it came from (0-based).
 */
from: Array<number>, skipped: Array<Skipped>, 
/**
 * The plan checked against the plan rulebook; `None` when no spec was complete enough to
 * plan.
 */
outcome: CheckOutcome | null, };

/**
 * A spec left out of the plan, and why in words.
 */
export type Skipped = { 
/**
 * The spec's place in the list given (0-based).
 */
spec: number, why: string, };

/**
 * The week laid out from the times a document holds, and what the schema can time at all.
 */
export type ExploredTimetable = { entries: Array<Entry>, report: TimetableReport, 
/**
 * Cases of the explored list with a `from`/`until` pair of times (e.g. `curfew`).
 */
timed_cases: Array<string>, 
/**
 * Cases with no times at all (no sessions or appointments).
 */
untimed_cases: Array<string>, 
/**
 * Paths of the time pairs outside the list (e.g. `offender.works_or_studies`).
 */
timed_records: Array<string>, 
/**
 * The same pairs in words, from their fields' labels (`Usual start/end of work or study`).
 */
timed_record_words: Array<string>, 
/**
 * Whether any enum of the schema names the days of the week (none do: every day).
 */
has_weekdays: boolean, };

export type EditorHover = { range: EditorRange, 
/**
 * Markdown.
 */
text: string, };

export type EditorCompletion = { label: string, 
/**
 * keyword, field, value, case, unit, name, rule, function, example, type
 */
kind: string, detail: string, 
/**
 * The text the completion replaces (the word being typed).
 */
replace: EditorRange, };

/**
 * A range of one file: bytes, UTF-16 offsets, and line/character pairs.
 */
export type EditorRange = { file: string, start: number, end: number, utf16: Utf16Span, from: LineChar, to: LineChar, };

/**
 * A 0-based line and a character counted in UTF-16 code units (as LSP counts by default).
 */
export type LineChar = { line: number, character: number, };

export type Report = { 
/**
 * The rulebooks that made this report, each with its version and a SHA-256 of its text.
 */
rulebooks: Array<RulebookInfo>, 
/**
 * The rulebook's law date as read from the document (chooses the law in force).
 */
law_date: string | null, verdict: Verdict, findings: Array<Finding>, routes: Array<RouteDecision>, values: Array<DerivedValue>, 
/**
 * How many declarations were in force for this document, and how many were not.
 */
in_force: number, not_in_force: number, 
/**
 * Problems met while evaluating (e.g. a date out of range); rare, never silent.
 */
errors: Array<Diagnostic>, };

export type Verdict = "clean" | "warnings" | "errors";

export type Finding = { 
/**
 * The rule id; for routes tables `<table>/no-route` or `<table>/overlap`.
 */
rule: string, kind: FindingKind, severity: Severity, title: string, message: string, 
/**
 * The rule's explanation in plain English: why the law says this, and what would satisfy it.
 */
explain: string, cite: string, in_force: Period, 
/**
 * JSON paths into the document that the finding concerns, e.g. `requirements[2].hours_per_day`.
 */
paths: Array<string>, 
/**
 * The facts that made the rule fire.
 */
trace: Array<Fact>, };

export type FindingKind = "rule" | "conflict" | "no_route" | "overlap";

/**
 * One condition as written in the rule, whether it held, and the values it read.
 */
export type Fact = { 
/**
 * The condition as written in the rule (for authors).
 */
text: string, 
/**
 * The same condition in words (for everyone else), in the session's language, fields by their
 * labels.
 */
words: string, holds: boolean, values: Array<FactValue>, };

export type FactValue = { 
/**
 * The expression as written, e.g. `r.hours_per_day`.
 */
text: string, 
/**
 * The same in words, by the field's label: `“Curfew hours a day”` (`the hours per day` where the
 * rulebook gives no label).
 */
words: string, 
/**
 * Where it was read in the document, when it was read from one.
 */
path: string | null, value: string, };

export type RouteDecision = { table: string, title: string, cite: string, policy: HitPolicy, 
/**
 * The decision, or `None` when no row (or, under unique/any, no single answer) applies.
 * Under `collect count` the number of rows that apply; under `collect`, `rule order` and
 * `output order` the outputs in the policy's order, joined by ", " (see `outputs`).
 */
output: string | null, 
/**
 * Under `collect`, `rule order` and `output order`: every matching row's output, in the
 * policy's order (repeats kept, as the standard keeps them). Empty under other policies.
 */
outputs?: Array<string>, 
/**
 * Why, in words: the output, the row's number and the conditions of the row that held.
 */
reason: string, 
/**
 * Every row whose condition held (1-based, in table order).
 */
matched_rows: Array<number>, trace: Array<Fact>, };

export type DerivedValue = { id: string, title: string, cite: string, 
/**
 * For people: `28 June 2025`, `300 hours`, `£250.00`.
 */
display: string, 
/**
 * For programs: the value as it would be written in a document.
 */
value: JsonValue, };

/**
 * The outcome of running a rulebook's own tests.
 */
export type TestRun = { passed: number, failed: number, results: Array<TestResult>, coverage: Coverage, };

export type TestResult = { name: string, file: string, line: number, 
/**
 * Where the test starts as an offset in UTF-16 code units, as a JavaScript editor counts.
 */
utf16: number, passed: boolean, failures: Array<string>, };

/**
 * What a rulebook's tests exercised.
 */
export type Coverage = { 
/**
 * Outcomes (true, false) seen across all atomic conditions, of the total possible.
 */
outcomes_seen: number, outcomes_total: number, declarations: Array<DeclCoverage>, atoms: Array<AtomCoverage>, };

export type DeclCoverage = { id: string, kind: RuleKind, in_force: Period, file: string, line: number, 
/**
 * Test documents in which it fired (rules, conflicts), decided (routes) or was derived.
 */
fired: number, 
/**
 * Test documents in which it was checked and held.
 */
passed: number, 
/**
 * For routes tables: how many test documents each row matched.
 */
rows_matched: Array<number>, };

export type AtomCoverage = { text: string, file: string, line: number, column: number, seen_true: boolean, seen_false: boolean, };

/**
 * Inclusive dates between which a rule is law; `None` is open-ended.
 */
export type Period = { from: string | null, until: string | null, };

export type RulebookInfo = { name: string, version: string, title: string, file: string, 
/**
 * SHA-256 of the file's text, so a report can be tied to the exact rules that made it.
 */
sha256: string, };

/**
 * How a routes table chooses among the rows that hold: the single-hit policies of the
 * decision-table standard (DMN) `unique`, `any`, `first`, `priority`, and its multiple-hit
 * policies `collect` (with `sum`, `min`, `max` or `count`), `rule order` and `output order`.
 */
export type HitPolicy = "unique" | "any" | "first" | "priority" | "collect" | "collect sum" | "collect min" | "collect max" | "collect count" | "rule order" | "output order";

/**
 * The kinds of declaration a rulebook holds.
 */
export type RuleKind = "rule" | "conflict" | "routes" | "derive";

/**
 * How the law of one declaration version was checked: `verified` with the source read (address
 * and version date), or `unverified` with why it could not be.
 */
export type Verification = { verified: boolean, 
/**
 * The source read, or the reason it was not read.
 */
note: string, };

export type Diagnostic = { 
/**
 * Stable code, e.g. `E0201`. Listed in docs/DIAGNOSTICS.md.
 */
code: string, severity: Severity, message: string, location: Location, notes: Array<string>, hint: string | null, 
/**
 * A replacement an editor can apply with one action (e.g. the name it probably meant).
 */
fix: SourceFix | null, };

export type Severity = "error" | "unsettled" | "warning" | "info";

/**
 * Where a diagnostic points: into rule text, into a JSON document, or nowhere in particular.
 */
export type Location = { "type": "source", file_name: string, line: number, column: number, file: number, start: number, end: number, } | { "type": "document", path: string, } | { "type": "none" };

/**
 * A byte range in one source file.
 */
export type SourceSpan = { file: number, start: number, end: number, };

/**
 * Replace the text of `span` with `replacement`.
 */
export type SourceFix = { replacement: string, file: number, start: number, end: number, };

/**
 * What a run over many documents found.
 */
export type Summary = { 
/**
 * Non-blank lines read.
 */
documents: number, clean: number, warnings: number, errors: number, 
/**
 * Lines that are not a document of this rulebook (bad JSON or wrong shape).
 */
rejected: number, 
/**
 * Findings over all documents.
 */
findings: number, 
/**
 * The first rejected line (1-based), to look at first.
 */
first_rejected_line: number | null, };

export type LintFinding = { kind: LintKind, 
/**
 * The declaration (rule, conflict or routes table) id.
 */
id: string, 
/**
 * Rows concerned, 1-based, in table order.
 */
rows?: Array<number>, 
/**
 * Other declarations concerned (for contradictions and redundancy).
 */
others?: Array<string>, in_force: Period, message: string, 
/**
 * The exact cases concerned, as disjoint boxes (empty when the finding is about no case).
 */
boxes?: Array<Array<string>>, 
/**
 * A document that shows the finding when checked; `None` when no document can.
 */
witness: JsonValue | null, 
/**
 * Whether checking the witness reproduced the finding (`None` without a witness).
 */
reproduces: boolean | null, file: string, line: number, column: number, 
/**
 * The same place as an offset in UTF-16 code units, as a JavaScript editor counts.
 */
utf16: number, 
/**
 * A change to the rule text that resolves the finding in one action (merging rows).
 */
fix?: LintFix, 
/**
 * An overlap's further rows: an overlap finding is one row (the last of `rows`) with every
 * earlier row it shares cases with; `boxes` and `witness` are for the first of them, and
 * each further one is here with its own shared cases (one finding per row, not per pair,
 * keeps a table with thousands of overlapping pairs small to write and read).
 */
partners?: Array<Partner>, };

export type LintKind = "gap" | "overlap" | "shadowed" | "masked" | "partly-masked" | "duplicate" | "subsumed" | "mergeable" | "row-never-matches" | "never-applies" | "require-unsatisfiable" | "always-fails" | "never-fires" | "contradiction" | "redundant" | "dead-period" | "value-never-given" | "always-holds" | "unhandled-value" | "disagrees";

/**
 * Replace the text of the finding's file from `start` to `end` (bytes; `utf16_start` to
 * `utf16_end` as a JavaScript editor counts) with `replacement`.
 */
export type LintFix = { 
/**
 * The action in words ("Merge rows 2 and 3 into one").
 */
title: string, replacement: string, start: number, end: number, utf16_start: number, utf16_end: number, };

/**
 * A further row an overlap's row shares cases with, and those cases (disjoint boxes).
 */
export type Partner = { row: number, boxes: Array<Array<string>>, };

/**
 * One box of a routes table's gap with a witness of its own (`gap_witnesses`).
 */
export type BoxWitness = { table: string, 
/**
 * Where the table version is (its `routes` line).
 */
file: string, line: number, 
/**
 * The box, as in the gap finding's `boxes`.
 */
cases: Array<string>, 
/**
 * A document in this box (`None` when none could be built), and whether checking it shows
 * that the table routes nothing.
 */
witness: JsonValue | null, reproduces: boolean | null, };

/**
 * A declaration, or part of one, that the analysis could not decide, and why.
 */
export type Undecided = { id: string, 
/**
 * What was not decided (`row 3`, `when`, `contradictions with other rules`).
 */
what: string, reason: string, file: string, line: number, column: number, 
/**
 * The same place as an offset in UTF-16 code units, as a JavaScript editor counts.
 */
utf16: number, };

export type Description = { id: string, kind: RuleKind, 
/**
 * Oldest first.
 */
versions: Array<Version>, examples: Array<WorkedExample>, };

export type Version = { title: string, cite: string, explain: string, severity: Severity, 
/**
 * How this version's law was checked (`None`: the declaration does not say).
 */
verification: Verification | null, in_force: Period, by: string, file: string, line: number, 
/**
 * The declaration as written.
 */
text: string, };

export type WorkedExample = { test: string, 
/**
 * Whether the test expects this declaration to fire.
 */
expects_finding: boolean, 
/**
 * The document the test checks.
 */
document: JsonValue, 
/**
 * What this declaration found in it (none when it held or was not in force).
 */
findings: Array<Finding>, };

/**
 * A list of variant items in the document's root record (e.g. `order.requirements`).
 */
export type ListInfo = { 
/**
 * The field's name in the root record (`requirements`).
 */
field: string, 
/**
 * The field's place in the root record.
 */
index: number, 
/**
 * The variant's name (`Requirement`).
 */
variant: string, 
/**
 * Its cases, in schema order.
 */
cases: Array<string>, };

/**
 * What could be added to a document.
 */
export type Options = { 
/**
 * The list explored (`requirements`).
 */
list: string, 
/**
 * Whether the document is lawful as it stands.
 */
lawful_now: boolean, 
/**
 * The rules with error findings as it stands.
 */
errors_now: Array<string>, cases: Array<CaseOption>, };

/**
 * One case of the variant: can an item of it be added, with what, and how far each number goes.
 */
export type CaseOption = { case: string, 
/**
 * An item of this case can be added without any new error finding.
 */
addable: boolean, 
/**
 * Adding `item` leaves the whole document lawful.
 */
lawful_after: boolean, 
/**
 * The item suggested (the lawful parameters found; the closest to lawful when not addable).
 */
item: JsonValue, 
/**
 * The rules that still give a new error finding with the best parameters found.
 */
blocked_by: Array<string>, 
/**
 * The lawful range of each int, decimal, money, percent or date parameter (addable only).
 */
params: Array<ParamRange>, };

/**
 * The values of one parameter that keep the document free of new error findings, the other
 * parameters staying as in `item`.
 */
export type ParamRange = { field: string, type_name: string, 
/**
 * Disjoint spans, in order; empty when no value is lawful.
 */
lawful: Array<Span>, 
/**
 * For an optional parameter: whether leaving it empty is lawful.
 */
absent_lawful: boolean | null, 
/**
 * True when every rule that mentions the field compares it with constants or with values
 * fixed by the rest of the document: the spans are then exact.
 */
exact: boolean, 
/**
 * Rules that use the field in some other way (a sum over items, say); the spans were
 * tested at the candidate values but may miss a boundary these rules draw.
 */
outside_fragment: Array<string>, 
/**
 * How many values were tried.
 */
tested: number, };

/**
 * A run of lawful values; `None` means no bound on that side from the rules.
 */
export type Span = { min: JsonValue | null, max: JsonValue | null, 
/**
 * For people: `2 to 16 hours`, `at most 24 months`.
 */
display: string, };

/**
 * The fixes found for a document.
 */
export type Fixes = { lawful_now: boolean, errors_now: Array<string>, 
/**
 * Minimal fixes (no proper subset is a fix), smallest first; each verified.
 */
fixes: Array<Fix>, 
/**
 * How many single edits were considered.
 */
candidates: number, 
/**
 * Fixes of up to this many edits were searched.
 */
searched_up_to: number, 
/**
 * False when the search stopped at its limit before trying every set of that size.
 */
complete: boolean, 
/**
 * Empty facts taken as given: the rules waiting on them are in no answer above.
 */
missing: Array<MissingFact>, };

export type Fix = { size: number, 
/**
 * Apply in order (`apply_edits`): sets first, then removals from the highest index, then
 * additions at the end of the list.
 */
edits: Array<Edit>, 
/**
 * The rules whose error findings the fix removes (all of them).
 */
resolves: Array<string>, };

/**
 * One change, ready to apply in order with the others of its fix.
 */
export type Edit = { op: EditOp, 
/**
 * A JSON Pointer: `/requirements/0/hours_per_day`, `/requirements/-`, `/fine`.
 */
path: string, value?: JsonValue | null, 
/**
 * For rule authors (the CLI shows it beside the sentence): `set requirements[0].hours_per_day
 * to 16`, by paths and in English only; faces show `sentence`.
 */
describe: string, 
/**
 * The change as a court would say it: `Reduce the curfew requirement's hours per day from
 * 21 hours to 16 hours`, `Remove the curfew requirement`.
 */
sentence: string, };

export type EditOp = "add" | "replace" | "remove";

export type Matrix = { list: string, cases: Array<string>, 
/**
 * The default item of each case (the parameters that suit the facts best).
 */
defaults: Array<JsonValue>, 
/**
 * Each case on its own, in case order.
 */
alone: Array<SingleCell>, 
/**
 * Every pair of different cases (`a` before `b` in case order).
 */
pairs: Array<PairCell>, 
/**
 * Empty facts taken as given: the rules waiting on them are in no cell above.
 */
missing: Array<MissingFact>, };

/**
 * A fact the document leaves empty on which some rule's answer waits.
 */
export type MissingFact = { 
/**
 * Its JSON path: `home_local_justice_area`.
 */
path: string, 
/**
 * For people: `Not known until “Home local justice area” is given`.
 */
sentence: string, 
/**
 * The rules whose error findings wait on it (they are left out of every answer).
 */
rules: Array<string>, };

export type SingleCell = { case: string, lawful: boolean, 
/**
 * Rules with error findings for the facts with this item alone.
 */
rules: Array<string>, };

export type PairCell = { a: string, b: string, 
/**
 * Both items together leave the document free of error findings.
 */
lawful: boolean, 
/**
 * Rules with error findings for the pair.
 */
rules: Array<string>, 
/**
 * Those of `rules` that neither item gives on its own: what forbids the combination as such.
 */
pair_rules: Array<string>, };

export type Sweep = { list: string, 
/**
 * The cases swept, in schema order.
 */
cases: Array<string>, 
/**
 * The item used for each case: the parameters that suit the facts best on their own.
 */
defaults: Array<JsonValue>, 
/**
 * 2^N.
 */
combinations: bigint, lawful: bigint, unlawful: bigint, 
/**
 * For each rule with an error finding in some combination: in how many (a combination
 * may have several), most first.
 */
reasons: Array<Reason>, 
/**
 * Cases that no lawful combination holds: an item of that case gives an error on its own.
 */
unavailable: Array<CaseStatus>, 
/**
 * Pairs of available cases that may not be combined, with the rules that forbid them.
 */
forbidden_pairs: Array<ForbiddenPair>, 
/**
 * `decomposed` (the default) or `direct` (every combination checked in full).
 */
method: string, 
/**
 * How many documents were checked.
 */
checks: bigint, };

export type Reason = { rule: string, title: string, combinations: bigint, };

export type CaseStatus = { case: string, rules: Array<string>, };

export type ForbiddenPair = { a: string, b: string, rules: Array<string>, };

/**
 * One repeating period: on each of `days`, from `from` until `until` (`HH:MM`; an `until`
 * not after `from` runs past midnight into the next day).
 */
export type Entry = { label: string, kind: EntryKind, 
/**
 * `mon` .. `sun`; empty means every day.
 */
days: Array<string>, from: string, until: string, };

export type EntryKind = "requirement" | "commitment";

export type TimetableReport = { clashes: Array<Clash>, totals: Array<Total>, over_limits: Array<OverLimit>, 
/**
 * The week as a grid: for each day, the blocks on it (split at midnight).
 */
grid: Array<DayRow>, };

/**
 * Two entries at the same time on one day.
 */
export type Clash = { a: string, b: string, day: string, from: string, until: string, minutes: number, };

export type Total = { label: string, 
/**
 * Longest single period, in minutes.
 */
longest_minutes: number, 
/**
 * Minutes in the week (overlapping periods of one label counted once).
 */
week_minutes: number, };

export type OverLimit = { label: string, 
/**
 * `per_day` or `per_week`.
 */
limit: string, limit_hours: number, actual_minutes: number, cite: string, };

export type DayRow = { day: string, blocks: Array<Block>, };

export type Block = { label: string, kind: EntryKind, from: string, 
/**
 * `24:00` for a block that runs to midnight.
 */
until: string, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;
