//! Static analysis of a checked program (`probity lint`): gaps, overlaps, shadowed, masked and
//! redundant rows of routes tables; rules that never apply, never fire or always fire;
//! contradictory and redundant rules; dead periods in force. Exact over the decidable fragment
//! (finite enums, booleans, integer, decimal, date and time intervals read at document paths);
//! anything else is listed as undecided, never guessed. Every satisfiable finding carries a
//! witness document, and the witness is run through `eval` to show it reproduces the finding.

mod cells;
mod flow;
mod hull;
mod lower;
mod merge;
mod months;
mod order;
mod relations;
mod routes;
mod rules;
mod search;
pub mod space;
/// The generated tables the integration tests and the bench use, for the unit tests here.
#[cfg(test)]
#[path = "../../tests/support/tables.rs"]
mod test_tables;
mod text;
mod witness;

pub use text::render_text;

use crate::diag::Span;
use crate::ir::{Period, Program};
use serde::Serialize;
use space::{Constraint, Cube, Domain, Space};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum LintKind {
    /// Cases that no row of a routes table takes.
    Gap,
    /// Cases that two rows take, where the hit policy forbids it.
    Overlap,
    /// A row under `first` whose every case an earlier row takes.
    Shadowed,
    /// A row under `priority` whose every case a row with a higher-priority output takes.
    Masked,
    /// A row that decides some of its cases, while an earlier row (`first`) or a row with a
    /// stronger output (`priority`, `collect max`, `collect min`) takes the rest: the finding's
    /// cases are the part hidden. A row that matches every case (a catch-all) is left out.
    PartlyMasked,
    /// A row with the same cases and output as an earlier row.
    Duplicate,
    /// A row whose cases all lie in another row with the same output.
    Subsumed,
    /// Two rows with the same output whose cases together make one box: one row would do (the
    /// finding carries the merged row as a fix).
    Mergeable,
    /// A row that matches no case within its table's period in force.
    RowNeverMatches,
    /// A rule or conflict whose `when` can never hold (within its period in force).
    NeverApplies,
    /// A rule whose `require` no document can meet.
    RequireUnsatisfiable,
    /// A rule whose `require` fails whenever its `when` holds.
    AlwaysFails,
    /// A rule whose `require` holds whenever its `when` holds: it can never give a finding.
    NeverFires,
    /// Two rules that, where both apply, no document can satisfy together.
    Contradiction,
    /// A rule whose every finding another rule of the same severity also gives.
    Redundant,
    /// A version whose period in force is empty or wholly covered by another version.
    DeadPeriod,
    /// A condition on a named value (`let`) that tests for an output the value never gives,
    /// across every document: it never holds.
    ValueNeverGiven,
    /// A condition on a named value (`let`) that holds for every output the value gives.
    AlwaysHolds,
    /// An output a named value (`let`) gives that a routes table reading the value routes
    /// nowhere: a gap across the two.
    UnhandledValue,
    /// A routes table row whose output differs from what a named value (`let`) deciding the
    /// same enum gives, in the cases listed.
    Disagrees,
}

/// One box of the case space, as conditions a person can read (`case.rosh in {low, medium}`).
pub type BoxText = Vec<String>;

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LintFinding {
    pub kind: LintKind,
    /// The declaration (rule, conflict or routes table) id.
    pub id: String,
    /// Rows concerned, 1-based, in table order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub rows: Vec<usize>,
    /// Other declarations concerned (for contradictions and redundancy).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub others: Vec<String>,
    pub in_force: Period,
    pub message: String,
    /// The exact cases concerned, as disjoint boxes (empty when the finding is about no case).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub boxes: Vec<BoxText>,
    /// A document that shows the finding when checked; `None` when no document can.
    pub witness: Option<serde_json::Value>,
    /// Whether checking the witness reproduced the finding (`None` without a witness).
    pub reproduces: Option<bool>,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The same place as an offset in UTF-16 code units, as a JavaScript editor counts.
    pub utf16: u32,
    /// A change to the rule text that resolves the finding in one action (merging rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub fix: Option<LintFix>,
    /// An overlap's further rows: an overlap finding is one row (the last of `rows`) with every
    /// earlier row it shares cases with; `boxes` and `witness` are for the first of them, and
    /// each further one is here with its own shared cases (one finding per row, not per pair,
    /// keeps a table with thousands of overlapping pairs small to write and read).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub partners: Vec<Partner>,
}

impl LintFinding {
    /// Whether this finding of the whole answer is the whole form of `first`, a first finding
    /// (`lint_staged`): the same kind, declaration and rows; an overlap's first form names the
    /// first earlier row its row meets, the whole form every one (that row first).
    pub fn restates(&self, first: &LintFinding) -> bool {
        let same_rows = match (self.kind, first.rows.as_slice()) {
            (LintKind::Overlap, [partner, row]) => {
                self.rows.last() == Some(row) && self.rows.first() == Some(partner)
            }
            _ => self.rows == first.rows,
        };
        self.kind == first.kind && self.id == first.id && same_rows
    }
}

/// A further row an overlap's row shares cases with, and those cases (disjoint boxes).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Partner {
    pub row: usize,
    pub boxes: Vec<BoxText>,
}

/// Replace the text of the finding's file from `start` to `end` (bytes; `utf16_start` to
/// `utf16_end` as a JavaScript editor counts) with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LintFix {
    /// The action in words ("Merge rows 2 and 3 into one").
    pub title: String,
    pub replacement: String,
    pub start: u32,
    pub end: u32,
    pub utf16_start: u32,
    pub utf16_end: u32,
}

/// A declaration, or part of one, that the analysis could not decide, and why.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Undecided {
    pub id: String,
    /// What was not decided (`row 3`, `when`, `contradictions with other rules`).
    pub what: String,
    pub reason: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The same place as an offset in UTF-16 code units, as a JavaScript editor counts.
    pub utf16: u32,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Lint {
    pub findings: Vec<LintFinding>,
    pub undecided: Vec<Undecided>,
    /// Declarations (versions counted separately) that were analysed.
    pub declarations: usize,
    /// The largest case space decided: the product, over the dimensions of one analysis, of the
    /// number of classes of values its conditions tell apart.
    pub largest_case_space: u128,
    /// When the first finding of each kind with a witness was found, in seconds after the
    /// analysis began, where the caller gave a clock (`lint_timed`, for the bench); not part of
    /// the result.
    #[serde(skip)]
    pub first_found: Vec<(LintKind, f64)>,
    #[serde(skip)]
    clock: Option<Clock>,
    /// The first findings only (`lint_first`, `lint_staged`'s first answer): the whole
    /// analysis may find more.
    #[serde(skip)]
    pub first_only: bool,
    /// The routes table whose every gap box gets its own witness (`gap_witnesses`), and those.
    #[serde(skip)]
    every_box: Option<String>,
    #[serde(skip)]
    box_witnesses: Vec<BoxWitness>,
}

/// One box of a routes table's gap with a witness of its own (`gap_witnesses`).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BoxWitness {
    pub table: String,
    /// Where the table version is (its `routes` line).
    pub file: String,
    pub line: u32,
    /// The box, as in the gap finding's `boxes`.
    pub cases: BoxText,
    /// A document in this box (`None` when none could be built), and whether checking it shows
    /// that the table routes nothing.
    pub witness: Option<serde_json::Value>,
    pub reproduces: Option<bool>,
}

/// Every box of the gaps of routes table `table` (every version), each with its own witness
/// re-checked through eval: the boxes the gap finding lists, on request (a finding carries one
/// witness, for its first box). Only the gaps are worked out (no overlaps or row checks).
pub fn gap_witnesses(program: &Program, table: &str) -> Vec<BoxWitness> {
    let mut out = Lint {
        every_box: Some(table.to_string()),
        ..Lint::default()
    };
    for t in program.routes.iter().filter(|t| t.meta.id == table) {
        routes::table(program, t, &mut out);
    }
    out.box_witnesses
}

/// The caller's clock (seconds), when the analysis began by it, and how many findings `mark`
/// has looked at.
type Clock = (fn() -> f64, f64, usize);

impl Lint {
    /// Take in the findings of a part of the analysis (one table's).
    fn absorb(&mut self, part: Lint) {
        self.findings.extend(part.findings);
        self.undecided.extend(part.undecided);
        self.declarations += part.declarations;
        self.largest_case_space = self.largest_case_space.max(part.largest_case_space);
    }

    /// Note the kinds first found among the findings added since the last call.
    pub(crate) fn mark(&mut self) {
        let Some((clock, started, seen)) = self.clock else {
            return;
        };
        let fresh: Vec<LintKind> = self
            .findings
            .get(seen..)
            .unwrap_or_default()
            .iter()
            .filter(|f| f.witness.is_some())
            .map(|f| f.kind)
            .collect();
        for kind in fresh {
            if !self.first_found.iter().any(|(k, _)| *k == kind) {
                self.first_found.push((kind, clock() - started));
            }
        }
        self.clock = Some((clock, started, self.findings.len()));
    }
}

/// Analyse a checked program.
pub fn lint(program: &Program) -> Lint {
    analyse(program, Lint::default())
}

/// `lint`, noting when the first finding of each kind was found (`Lint::first_found`) by
/// `clock` (seconds; the library reads no clock itself, as WebAssembly has none).
pub fn lint_timed(program: &Program, clock: fn() -> f64) -> Lint {
    analyse(
        program,
        Lint {
            clock: Some((clock, clock(), 0)),
            ..Lint::default()
        },
    )
}

fn analyse(program: &Program, mut out: Lint) -> Lint {
    for t in &program.routes {
        routes::table(program, t, &mut out);
        out.mark();
    }
    across(program, out)
}

/// `lint`, handing `on_first` the first findings as soon as they exist, before the long part:
/// every routes table's early searches (a table of many rows: its first gap, overlap, shadowed,
/// masked, partly masked, subsumed or duplicate and mergeable rows, each exact with its witness
/// re-checked) and the whole analysis of the smaller tables. Then the whole answer, as `lint`
/// gives it: it makes every first finding again (the same searches, in the same order) and
/// replaces it (a table's gap finding lists the whole gap set where the first listed what the
/// early search found). A small table's analysis is not done twice; a large table's early
/// searches are (they are a few milliseconds beside its decomposition).
pub fn lint_staged(program: &Program, on_first: &mut dyn FnMut(&Lint)) -> Lint {
    staged(program, Lint::default(), on_first)
}

/// `lint_staged`, noting when the first finding of each kind was found (`lint_timed`).
pub fn lint_staged_timed(
    program: &Program,
    clock: fn() -> f64,
    on_first: &mut dyn FnMut(&Lint),
) -> Lint {
    let out = Lint {
        clock: Some((clock, clock(), 0)),
        ..Lint::default()
    };
    staged(program, out, on_first)
}

/// Only the first findings `lint_staged` hands over (`probity lint --first`): the whole
/// analysis may find more, and lists the gaps whole.
pub fn lint_first(program: &Program) -> Lint {
    first_stage(program, Lint::default()).0
}

/// The first findings, and each routes table's part of them where that is the table's whole
/// analysis (a small table).
fn first_stage(program: &Program, start: Lint) -> (Lint, Vec<Option<Lint>>) {
    let mut first = start;
    let mut whole: Vec<Option<Lint>> = Vec::new();
    for t in &program.routes {
        let mut part = Lint::default();
        let done = routes::first(program, t, &mut part);
        if done {
            first.absorb(part.clone());
            whole.push(Some(part));
        } else {
            first.absorb(part);
            whole.push(None);
        }
        first.mark();
    }
    sort(&mut first);
    first.first_only = true;
    (first, whole)
}

fn staged(program: &Program, start: Lint, on_first: &mut dyn FnMut(&Lint)) -> Lint {
    let (mut first, whole) = first_stage(program, start);
    on_first(&first);
    let mut out = Lint {
        clock: first.clock.map(|(clock, started, _)| (clock, started, 0)),
        first_found: std::mem::take(&mut first.first_found),
        ..Lint::default()
    };
    for (t, done) in program.routes.iter().zip(whole) {
        match done {
            Some(part) => out.absorb(part),
            None => routes::table(program, t, &mut out),
        }
        out.mark();
    }
    across(program, out)
}

/// The analyses across declarations (rules, the flow of values), after the routes tables; the
/// findings then in their one order.
fn across(program: &Program, mut out: Lint) -> Lint {
    rules::all(program, &mut out);
    out.mark();
    flow::all(program, &mut out);
    out.mark();
    sort(&mut out);
    out
}

fn sort(out: &mut Lint) {
    order::sort_by(&mut out.findings, |a, b| {
        (&a.file, a.line, a.column, a.kind, &a.rows, &a.others)
            .cmp(&(&b.file, b.line, b.column, b.kind, &b.rows, &b.others))
    });
}

/// File name, line and column of a span, and its UTF-16 offset for editors.
pub(crate) fn locate(program: &Program, span: Span) -> (String, u32, u32, u32) {
    let at = program.sources.place(span);
    (at.file_name, at.line, at.column, at.utf16)
}

pub(crate) fn undecided(
    program: &Program,
    id: &str,
    what: &str,
    why: &lower::Outside,
) -> Undecided {
    let (file, line, column, utf16) = locate(program, why.span);
    Undecided {
        id: id.to_string(),
        what: what.to_string(),
        reason: why.reason.clone(),
        file,
        line,
        column,
        utf16,
    }
}

/// A box as readable conditions, one per constrained dimension.
pub(crate) fn describe(cube: &Cube, space: &Space) -> BoxText {
    let mut out = Vec::new();
    for (d, c) in &cube.parts {
        let Some(dim) = space.dim(*d) else { continue };
        if *c == space.full(*d) {
            continue;
        }
        if let (space::Facet::Kind, true, space::Root::Item { case: Some(_), .. }) =
            (dim.key.facet, dim.key.path.is_empty(), &dim.key.root)
        {
            // A `for each` item of a fixed case: say that the list holds one.
            let item = dim.label.strip_suffix(".kind").unwrap_or(&dim.label);
            let (list, case) = item.rsplit_once('[').unwrap_or((item, ""));
            let case = case.trim_end_matches(']');
            out.push(format!("{list} holds an item of kind {case}"));
            continue;
        }
        out.push(match (c, &dim.domain) {
            (Constraint::Set(bits), Domain::Finite(names)) if dim.ty == crate::ir::Type::Str => {
                strings(&dim.label, *bits, names, space.string_constants())
            }
            (Constraint::Set(bits), Domain::Finite(names)) => {
                let chosen = crate::analyze::space::set_names(*bits, names);
                match chosen.as_slice() {
                    [one] if dim.label.starts_with("present(") => {
                        if *one == "present" {
                            dim.label.clone()
                        } else {
                            format!("not {}", dim.label)
                        }
                    }
                    [one] => format!("{} = {one}", dim.label),
                    many => format!("{} in {{{}}}", dim.label, many.join(", ")),
                }
            }
            (Constraint::Range(r), Domain::Ordered { kind, lo, hi, .. }) => {
                text::interval(&dim.label, r, *kind, &dim.ty, (*lo, *hi))
            }
            _ => format!("{} (?)", dim.label),
        });
    }
    out
}

/// A set of string slots as a condition: the constants it takes, or those it leaves out when it
/// takes every string no condition names.
fn strings(label: &str, bits: u128, names: &[String], constants: usize) -> String {
    let has = |i: usize| space::set_has(bits, i);
    let quoted = |i: usize| format!("{:?}", names.get(i).map_or("", String::as_str));
    let stand_ins: Vec<usize> = (constants..names.len()).collect();
    if !stand_ins.is_empty() && stand_ins.iter().all(|i| has(*i)) {
        let left_out: Vec<String> = (0..constants).filter(|i| !has(*i)).map(quoted).collect();
        return match left_out.as_slice() {
            [] => format!("{label} (any)"),
            [one] => format!("{label} != {one}"),
            many => format!("{label} not in {{{}}}", many.join(", ")),
        };
    }
    let taken: Vec<String> = (0..names.len())
        .filter(|i| has(*i))
        .map(|i| {
            if i < constants {
                quoted(i)
            } else {
                names.get(i).cloned().unwrap_or_default()
            }
        })
        .collect();
    match taken.as_slice() {
        [one] => format!("{label} = {one}"),
        many => format!("{label} in {{{}}}", many.join(", ")),
    }
}

/// The number of classes of values the given boxes tell apart, over every dimension they use.
pub(crate) fn case_space(cubes: &[&Cube], space: &Space) -> u128 {
    let mut total: u128 = 1;
    for (id, dim) in space.dims.iter().enumerate() {
        let used = cubes.iter().any(|c| c.parts.contains_key(&id));
        if !used {
            continue;
        }
        let classes = match &dim.domain {
            Domain::Finite(names) => names.len() as u128,
            Domain::Ordered { .. } => {
                let mut cuts: Vec<rust_decimal::Decimal> = Vec::new();
                for c in cubes {
                    if let Some(Constraint::Range(r)) = c.parts.get(&id) {
                        cuts.extend(r.lo.map(|b| b.value));
                        cuts.extend(r.hi.map(|b| b.value));
                    }
                }
                order::sort_dedup(&mut cuts);
                2 * cuts.len() as u128 + 1
            }
        };
        total = total.saturating_mul(classes.max(1));
    }
    total
}

/// Boxes up to this many are merged pairwise for reading (the merge is quadratic; larger sets
/// come from the cell decomposition already merged along each dimension).
const MERGE_UP_TO: usize = 64;

/// What a finding shows: all its boxes (merged, for reading), a witness from the first box that
/// yields a document, and whether checking that witness gives what `reproduces` looks for.
pub(crate) struct Shown {
    pub boxes: Vec<BoxText>,
    pub witness: Option<serde_json::Value>,
    pub reproduces: Option<bool>,
}

pub(crate) fn show(
    program: &Program,
    space: &Space,
    cubes: &[Cube],
    items: &[space::Root],
    reproduces: &dyn Fn(&crate::report::Report) -> bool,
) -> Shown {
    let merged = if cubes.len() <= MERGE_UP_TO {
        space::merge(cubes.to_vec(), space)
    } else {
        cubes.to_vec()
    };
    let witness = first_witness(program, space, &merged, items);
    let reproduces = witness.as_ref().map(|w| {
        crate::eval::check_json_without_words(program, w).is_ok_and(|report| reproduces(&report))
    });
    Shown {
        boxes: merged.iter().map(|c| describe(c, space)).collect(),
        witness,
        reproduces,
    }
}

/// Each of a finding's boxes (merged as `show` merges them) with its own witness, and whether
/// checking it gives what `reproduces` looks for.
pub(crate) fn witness_each(
    program: &Program,
    space: &Space,
    cubes: &[Cube],
    items: &[space::Root],
    reproduces: &dyn Fn(&crate::report::Report) -> bool,
) -> Vec<(BoxText, Option<serde_json::Value>, Option<bool>)> {
    let merged = if cubes.len() <= MERGE_UP_TO {
        space::merge(cubes.to_vec(), space)
    } else {
        cubes.to_vec()
    };
    merged
        .iter()
        .map(|c| {
            let witness = witness::point_of(c, space)
                .and_then(|p| witness::document(program, space, &p, items));
            let checked = witness.as_ref().map(|w| {
                crate::eval::check_json_without_words(program, w)
                    .is_ok_and(|report| reproduces(&report))
            });
            (describe(c, space), witness, checked)
        })
        .collect()
}

/// A finding's boxes without a witness (when a table has more findings than are worth checking
/// one by one: the message says so).
pub(crate) fn show_boxes(space: &Space, cubes: &[Cube]) -> Shown {
    let merged = if cubes.len() <= MERGE_UP_TO {
        space::merge(cubes.to_vec(), space)
    } else {
        cubes.to_vec()
    };
    Shown {
        boxes: merged.iter().map(|c| describe(c, space)).collect(),
        witness: None,
        reproduces: None,
    }
}

/// A document for the first box that yields one.
fn first_witness(
    program: &Program,
    space: &Space,
    cubes: &[Cube],
    items: &[space::Root],
) -> Option<serde_json::Value> {
    cubes.iter().find_map(|c| {
        witness::point_of(c, space).and_then(|p| witness::document(program, space, &p, items))
    })
}

/// The words every finding shares, located at `span`.
pub(crate) fn found(
    program: &Program,
    kind: LintKind,
    meta: &crate::ir::Meta,
    span: Span,
    message: String,
    shown: Option<Shown>,
) -> LintFinding {
    let (file, line, column, utf16) = locate(program, span);
    let (boxes, witness, reproduces, message) = match shown {
        Some(s) => (s.boxes, s.witness, s.reproduces, message),
        None => (Vec::new(), None, None, message),
    };
    LintFinding {
        kind,
        id: meta.id.clone(),
        rows: Vec::new(),
        others: Vec::new(),
        in_force: meta.in_force,
        message,
        boxes,
        witness,
        reproduces,
        file,
        line,
        column,
        utf16,
        fix: None,
        partners: Vec::new(),
    }
}
