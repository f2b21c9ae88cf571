// Routes tables: gaps, overlaps, shadowed, masked, duplicate and subsumed rows, and rows that never match, each version within its period in force.

use super::cells::{decompose, Budget, GAP_LIMIT, ROWS_BUDGET, ROW_BUDGET, TABLE, WORK_BUDGET};
use super::lower::{Lowerer, Outside, BOX_LIMIT};
use super::space::{and, meets, minus, Cube, Dnf};
use super::{found, show, show_boxes, undecided, Lint, LintKind, Shown};
use crate::ir::{Program, Routes};
use crate::report::Report;
use crate::vocab::HitPolicy;

/// Decisions in a report for this table id.
fn decisions<'r>(
    report: &'r Report,
    id: &str,
) -> impl Iterator<Item = &'r crate::report::RouteDecision> {
    let id = id.to_string();
    report.routes.iter().filter(move |d| d.table == id)
}

fn has_finding(report: &Report, rule: &str) -> bool {
    report.findings.iter().any(|f| f.rule == rule)
}

fn list(rows: &[usize]) -> String {
    let words: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => format!("row {one}"),
        _ => format!("rows {}", super::text::listed(&words)),
    }
}

/// Tables of at least this many rows look for a first gap with the `EARLY` budget before the
/// whole decomposition (a smaller table's whole decomposition is as quick).
const EARLY_ROWS: usize = 64;
const EARLY: Budget = Budget {
    work: 100_000,
    gaps: 1,
};
/// Most pairs of rows tried for a first overlap before the whole decomposition.
const EARLY_PAIRS: usize = 20_000;

/// How far to take a table: the whole analysis, or only what is there at once (a large
/// table's early searches; a small table is analysed whole either way).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Whole,
    First,
}

pub fn table(program: &Program, t: &Routes, out: &mut Lint) {
    table_within(program, t, out, TABLE, ROWS_BUDGET, Stage::Whole);
}

/// The table's first findings (`Lint::first`): a large table's early searches only, the
/// whole analysis of a smaller one. Whether the table was analysed whole.
pub fn first(program: &Program, t: &Routes, out: &mut Lint) -> bool {
    table_within(program, t, out, TABLE, ROWS_BUDGET, Stage::First)
}

/// `table`, with the whole table's decomposition held to `budget`, and the row checks that
/// follow a decomposition stopped at it to `rows_work` in all; under `Stage::First` a large
/// table stops before its decomposition. Whether the table was analysed whole.
fn table_within(
    program: &Program,
    t: &Routes,
    out: &mut Lint,
    budget: Budget,
    rows_work: u64,
    stage: Stage,
) -> bool {
    out.declarations += 1;
    let id = t.meta.id.as_str();
    let mut low = Lowerer::new(program);
    low.relations = false;
    let period: Dnf = match &t.by {
        Some(by) => match low.period(by, t.meta.in_force.from, t.meta.in_force.until) {
            Ok(p) => p,
            Err(why) => {
                out.undecided
                    .push(undecided(program, id, "the whole table", &why));
                return true;
            }
        },
        None => vec![Cube::universe()],
    };
    // A table that `applies when` C decides only cases where C holds: analyse within C.
    let period: Dnf = match &t.applies {
        Some(a) => match low.condition(a, true).and_then(|d| {
            and(&period, &d, &low.space, BOX_LIMIT).ok_or(Outside {
                reason: "too many cases to expand".into(),
                span: a.span,
            })
        }) {
            Ok(p) => p,
            Err(why) => {
                out.undecided
                    .push(undecided(program, id, "the whole table", &why));
                return true;
            }
        },
        None => period,
    };
    let mut rows: Vec<Result<Dnf, Outside>> = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        let lowered = low.condition(&row.condition, true).and_then(|d| {
            and(&d, &period, &low.space, BOX_LIMIT).ok_or(Outside {
                reason: "too many cases to expand".into(),
                span: row.span,
            })
        });
        if let Err(why) = &lowered {
            out.undecided
                .push(undecided(program, id, &format!("row {}", i + 1), why));
        }
        rows.push(lowered);
    }
    let space = &low.space;
    let out_name = |o: u32| t.output_name(&program.schema, o).unwrap_or_default();
    let all: Vec<&Cube> = rows
        .iter()
        .flatten()
        .flatten()
        .chain(period.iter())
        .collect();
    out.largest_case_space = out.largest_case_space.max(super::case_space(&all, space));
    let no_items: &[super::space::Root] = &[];

    // Rows that match nothing within the period.
    for (i, (row, lowered)) in t.rows.iter().zip(&rows).enumerate() {
        if let Ok(d) = lowered {
            if d.is_empty() {
                let mut f = found(
                    program,
                    LintKind::RowNeverMatches,
                    &t.meta,
                    row.span,
                    format!(
                        "Row {} of \"{}\" matches no case{}.",
                        i + 1,
                        t.meta.title,
                        if t.by.is_some() {
                            " within the table's period in force"
                        } else {
                            ""
                        }
                    ),
                    None,
                );
                f.rows = vec![i + 1];
                out.findings.push(f);
                out.mark();
            }
        }
    }

    // One decomposition of the period by every lowered row gives gaps (cells no row takes),
    // which rows meet (overlaps, takers), which rows decide somewhere (shadowing, masking) and
    // which rows always match together (duplicates, subsumption).
    let n = t.rows.len();
    let ok = |i: usize| rows.get(i).and_then(|r| r.as_ref().ok());
    let output = |i: usize| t.rows.get(i).map(|r| r.output);
    let row_span = |i: usize| t.rows.get(i).map_or(t.meta.span, |r| r.span);
    let mut seen = Seen::new(n);
    let regions = disjoint(&period, space);
    // Asked for the gap boxes alone (`gap_witnesses`): no early findings, no cells to read, no
    // overlaps or row checks.
    let gaps_only = out.every_box.as_deref() == Some(id);
    // A large table's first gap, found by a short decomposition before the whole one: its finding
    // (exact, with a witness) is there at once, and the whole gap set replaces it below.
    let early = if !gaps_only && n >= EARLY_ROWS && rows.iter().all(Result::is_ok) {
        let mut first: Dnf = Vec::new();
        for region in &regions {
            let boxes: Vec<(usize, Cube)> = (0..n)
                .filter_map(|i| ok(i).map(|d| (i, d)))
                .flat_map(|(i, d)| {
                    d.iter()
                        .filter_map(|c| c.intersect(region, space))
                        .map(move |c| (i, c))
                        .collect::<Vec<_>>()
                })
                .collect();
            first.extend(decompose(space, region, &boxes, EARLY, &mut |_| {}).gaps);
            if !first.is_empty() {
                break;
            }
        }
        (!first.is_empty()).then(|| {
            let no_route = format!("{id}/no-route");
            let shown = show(program, space, &first, no_items, &|r: &Report| {
                has_finding(r, &no_route) && decisions(r, id).any(|d| d.matched_rows.is_empty())
            });
            out.findings.push(found(
                program,
                LintKind::Gap,
                &t.meta,
                t.meta.span,
                format!("No row of \"{}\" takes these cases.", t.meta.title),
                Some(shown),
            ));
            out.mark();
            out.findings.len() - 1
        })
    } else {
        None
    };
    // Overlaps: two rows both match, where the policy forbids it.
    let overlaps = matches!(t.policy, HitPolicy::Unique | HitPolicy::Any);
    // One finding per row `j` that shares cases with earlier rows (`partners`, ascending): the
    // first partner's shared cases carry the witness, each further one is listed with its own.
    let overlap_finding = |partners: &[usize],
                           j: usize,
                           witnessed: usize|
     -> Option<super::LintFinding> {
        let b = ok(j)?;
        let shared: Vec<(usize, Dnf)> = partners
            .iter()
            .filter_map(|&i| Some((i, and(ok(i)?, b, space, BOX_LIMIT)?)))
            .collect();
        let ((i, both), rest) = shared.split_first()?;
        let i = *i;
        let overlap = format!("{id}/overlap");
        let shown = if witnessed > WITNESSED {
            show_boxes(space, both)
        } else {
            show(program, space, both, no_items, &|r| {
                has_finding(r, &overlap)
                    && decisions(r, id).any(|d| {
                        d.matched_rows.contains(&(i + 1)) && d.matched_rows.contains(&(j + 1))
                    })
            })
        };
        let named = |i: usize| {
            format!(
                "{} ({})",
                i + 1,
                output(i).map(out_name).unwrap_or_default()
            )
        };
        let policy = t.policy.as_str();
        let message = if rest.is_empty() {
            format!(
                "Rows {} and {} of \"{}\" both take these cases, but the hit policy is {policy}.",
                named(i),
                named(j),
                t.meta.title,
            )
        } else {
            let earlier: Vec<String> = shared.iter().map(|(i, _)| named(*i)).collect();
            format!(
                "Row {} of \"{}\" takes cases that rows {} also take, but the hit policy is {policy}. The cases listed are those row {} shares with row {}; the cases it shares with each other row are listed with that row.",
                named(j),
                t.meta.title,
                super::text::listed(&earlier),
                j + 1,
                i + 1,
            )
        };
        let mut f = found(
            program,
            LintKind::Overlap,
            &t.meta,
            row_span(j),
            format!("{message}{}", unwitnessed(witnessed)),
            Some(shown),
        );
        f.rows = shared.iter().map(|(i, _)| i + 1).chain([j + 1]).collect();
        f.partners = rest
            .iter()
            .map(|(i, d)| super::Partner {
                row: i + 1,
                boxes: show_boxes(space, d).boxes,
            })
            .collect();
        Some(f)
    };
    // `collect max` and `collect min` answer with one row's output as `priority` does (the
    // highest, or the lowest): a row whose output never wins adds nothing, and is masked too.
    let ranked = matches!(
        t.policy,
        HitPolicy::First | HitPolicy::Priority | HitPolicy::CollectMax | HitPolicy::CollectMin
    );
    let stronger_than = |i: usize, j: usize| match t.policy {
        HitPolicy::First => i < j,
        HitPolicy::CollectMin => output(i) > output(j),
        _ => output(i) < output(j),
    };
    // A row that matches every case of the period is beaten by design: never partly masked.
    // When the period less the row is too many boxes to write out, the row's boxes alone
    // decompose the period, stopping at the first case they leave (`None`: out of work).
    let catch_all = |mine: &Dnf| -> Option<bool> {
        if let Some(rest) = minus(&period, mine, space, BOX_LIMIT) {
            return Some(rest.is_empty());
        }
        // A catch-all: with the row as the only taker, no case of the period is left over.
        let mut left = ROW_BUDGET;
        decides_somewhere(space, &regions, &[0], &|_| Some(mine), &mut left).map(|gap| !gap)
    };
    // The cases of row `mine` that stronger rows `takers` (0-based) take (`None`: too many
    // boxes to write out; a part of them listed as the whole would mislead).
    let hidden_part = |mine: &Dnf, takers: &[usize]| -> Option<Dnf> {
        let mut hidden: Dnf = Vec::new();
        for i in takers {
            hidden.extend(and(mine, ok(*i)?, space, BOX_LIMIT)?);
        }
        Some(if hidden.len() <= MERGE_FIRST {
            disjoint(&hidden, space)
        } else {
            hidden
        })
    };
    let first = t.policy == HitPolicy::First;
    // Whether a report shows row `j` matching and beaten (by an earlier row, or a stronger output).
    let beaten = |r: &Report, j: usize, row_output: &str| {
        decisions(r, id).any(|d| {
            d.matched_rows.contains(&(j + 1))
                && if first {
                    d.matched_rows.first().is_some_and(|f| *f < j + 1)
                } else {
                    d.output.as_deref() != Some(row_output)
                }
        })
    };
    // Row `j`, every case of which the stronger rows `takers` (0-based) take: shadowed under
    // `first`, masked otherwise; the `witnessed`th such finding of the table.
    let hidden_row = |j: usize, takers: &[usize], witnessed: usize| -> super::LintFinding {
        let mine = ok(j).cloned().unwrap_or_default();
        let takers: Vec<usize> = takers.iter().map(|i| i + 1).collect();
        let row_output = output(j).map(out_name).unwrap_or_default();
        let (kind, message) = if first {
            (
                LintKind::Shadowed,
                format!(
                    "Row {} of \"{}\" is never used: every case it matches is taken first by {}.",
                    j + 1,
                    t.meta.title,
                    list(&takers)
                ),
            )
        } else {
            let why = match t.policy {
                HitPolicy::CollectMin => "whose output is lower (the table collects the lowest)",
                HitPolicy::CollectMax => "whose output is higher (the table collects the highest)",
                _ => "whose output has higher priority",
            };
            (
                LintKind::Masked,
                format!(
                    "Row {} ({row_output}) of \"{}\" never decides: every case it matches is also matched by {}, {why}.",
                    j + 1,
                    t.meta.title,
                    list(&takers)
                ),
            )
        };
        let shown = if witnessed > WITNESSED {
            show_boxes(space, &mine)
        } else {
            show(program, space, &mine, no_items, &|r| {
                beaten(r, j, &row_output)
            })
        };
        let message = format!("{message}{}", unwitnessed(witnessed));
        let mut f = found(program, kind, &t.meta, row_span(j), message, Some(shown));
        f.rows = std::iter::once(j + 1).chain(takers).collect();
        f
    };
    // Row `j`, which decides some of its cases while the stronger rows `takers` (0-based) take
    // `cases` (`None`: not worked out); the `witnessed`th such finding of the table.
    let partly_row = |j: usize,
                      cases: Option<Dnf>,
                      takers: &[usize],
                      witnessed: usize|
     -> super::LintFinding {
        let takers: Vec<usize> = takers.iter().map(|i| i + 1).collect();
        let row_output = output(j).map(out_name).unwrap_or_default();
        let message = if first {
            format!(
                "Row {} of \"{}\" decides only part of its cases: {} before it take{} the cases below.",
                j + 1,
                t.meta.title,
                list(&takers),
                if takers.len() == 1 { "s" } else { "" }
            )
        } else {
            format!(
                "Row {} ({row_output}) of \"{}\" decides only part of its cases: in the cases below {} win{} over it.",
                j + 1,
                t.meta.title,
                list(&takers),
                if takers.len() == 1 { "s" } else { "" }
            )
        };
        let listed = cases.is_some();
        let shown = match cases {
            None => Shown {
                boxes: Vec::new(),
                witness: None,
                reproduces: None,
            },
            Some(cases) => show(program, space, &cases, no_items, &|r| {
                beaten(r, j, &row_output)
            }),
        };
        let message = if witnessed > WITNESSED {
            format!("{message} (Cases not listed: only the first {WITNESSED} partly masked rows of a table get their hidden cases and a witness; the rows named are exact.)")
        } else if !listed {
            format!("{message} (Cases not listed: they split into too many boxes to write out; the rows named are exact.)")
        } else {
            message
        };
        let mut f = found(
            program,
            LintKind::PartlyMasked,
            &t.meta,
            row_span(j),
            message,
            Some(shown),
        );
        f.rows = std::iter::once(j + 1).chain(takers).collect();
        f
    };
    // A large table's first shadowed (or masked) row and first partly masked row, found row by
    // row before the whole decomposition: each row against the stronger rows it meets (pair by
    // pair, exact), decomposed until a case none of them takes shows up. Exact, with a witness,
    // at once; the whole analysis's finding for the same row takes its place.
    let mut early_rows: Vec<usize> = Vec::new();
    let mut early_hidden: Option<usize> = None;
    if !gaps_only && ranked && n >= EARLY_ROWS && rows.iter().all(Result::is_ok) {
        let mut left = EARLY.work;
        let (mut hidden_seen, mut partly_seen) = (false, false);
        for j in 0..n {
            if left == 0 || (hidden_seen && partly_seen) {
                break;
            }
            let Some(mine) = ok(j).filter(|d| !d.is_empty()) else {
                continue;
            };
            left = left.saturating_sub(n as u64);
            let takers: Vec<usize> = (0..n)
                .filter(|&i| {
                    i != j && stronger_than(i, j) && ok(i).is_some_and(|a| meets(a, mine, space))
                })
                .collect();
            if takers.is_empty() {
                continue;
            }
            match decides_somewhere(space, mine, &takers, &ok, &mut left) {
                Some(false) if !hidden_seen => {
                    hidden_seen = true;
                    early_hidden = Some(j);
                    out.findings.push(hidden_row(j, &takers, 1));
                }
                Some(true) if !partly_seen && catch_all(mine) == Some(false) => {
                    partly_seen = true;
                    let cases = hidden_part(mine, &takers);
                    out.findings.push(partly_row(j, cases, &takers, 1));
                }
                _ => continue,
            }
            early_rows.push(out.findings.len() - 1);
            out.mark();
        }
    }
    // Duplicate and subsumed rows (same output): redundant except under `first`, where order
    // matters and shadowing says it instead, and under `collect count` and the list policies,
    // where every matching row adds to the answer (one more to count, one more in the list).
    let adds =
        t.policy.is_list() || matches!(t.policy, HitPolicy::CollectCount | HitPolicy::CollectSum);
    // Row `j`, every case of which row `i` (same output) matches too (and the other way when
    // `both_ways`: a duplicate); the `witnessed`th such finding of the table.
    let contained_row = |j: usize, i: usize, both_ways: bool, witnessed: usize| {
        let b = ok(j).cloned().unwrap_or_default();
        let (kind, message) = if both_ways {
            (
                LintKind::Duplicate,
                format!(
                    "Row {} of \"{}\" matches exactly the cases of row {}, with the same output.",
                    j + 1,
                    t.meta.title,
                    i + 1
                ),
            )
        } else {
            (
                LintKind::Subsumed,
                format!(
                    "Row {} of \"{}\" is redundant: row {} matches every case it does, with the same output.",
                    j + 1,
                    t.meta.title,
                    i + 1
                ),
            )
        };
        let shown = if witnessed > WITNESSED {
            show_boxes(space, &b)
        } else {
            show(program, space, &b, no_items, &|r| {
                decisions(r, id)
                    .any(|d| d.matched_rows.contains(&(i + 1)) && d.matched_rows.contains(&(j + 1)))
            })
        };
        let message = format!("{message}{}", unwitnessed(witnessed));
        let mut f = found(program, kind, &t.meta, row_span(j), message, Some(shown));
        f.rows = vec![j + 1, i + 1];
        f
    };
    // A large table's first subsumed or duplicate row, pair by pair before the whole
    // decomposition (at most `EARLY_PAIRS` pairs that meet): exact, with its witness, at once.
    if !gaps_only && t.policy != HitPolicy::First && !adds && n >= EARLY_ROWS {
        let inside = |j: usize, i: usize| match (ok(j), ok(i)) {
            (Some(b), Some(a)) => {
                meets(b, a, space) && minus(b, a, space, BOX_LIMIT).is_some_and(|d| d.is_empty())
            }
            _ => false,
        };
        let mut tried = 0;
        let pair = (0..n)
            .filter(|&j| ok(j).is_some_and(|b| !b.is_empty()))
            .find_map(|j| {
                (0..n)
                    .find(|&i| {
                        i != j
                            && output(i) == output(j)
                            && {
                                tried += 1;
                                tried <= EARLY_PAIRS
                            }
                            && inside(j, i)
                            && !(j < i && inside(i, j))
                    })
                    .map(|i| (j, i))
            });
        if let Some((j, i)) = pair {
            out.findings.push(contained_row(j, i, inside(i, j), 1));
            early_rows.push(out.findings.len() - 1);
            out.mark();
        }
    }
    // A large table's first overlap, found pair by pair before the whole decomposition (a pair
    // of rows that meet is an overlap, whatever else the table holds): its finding, with its
    // witness, is there at once; the later row's finding from the whole analysis replaces it
    // (the pair is that row's first, as the search goes in the same order).
    let early_overlap = if !gaps_only && overlaps && n >= EARLY_ROWS {
        let mut tried = 0;
        let first_pair = (1..n).find_map(|j| {
            (0..j)
                .find(|&i| {
                    tried += 1;
                    tried <= EARLY_PAIRS
                        && !(t.policy == HitPolicy::Any && output(i) == output(j))
                        && matches!((ok(i), ok(j)), (Some(a), Some(b)) if meets(a, b, space))
                })
                .map(|i| (i, j))
        });
        first_pair.and_then(|(i, j)| {
            let f = overlap_finding(&[i], j, 1)?;
            out.findings.push(f);
            out.mark();
            Some((j, out.findings.len() - 1))
        })
    } else {
        None
    };
    // A large table's first pair of rows that could be one, before the whole decomposition
    // (looking at no more than `EARLY_PAIRS` pairs with the same output).
    if !gaps_only && n >= EARLY_ROWS {
        let first = super::merge::rows(program, t, &rows, &period, space, (1, EARLY_PAIRS));
        for f in first {
            out.findings.push(f);
            early_rows.push(out.findings.len() - 1);
            out.mark();
        }
    }
    // The long part: a large table's first findings are all above.
    if stage == Stage::First && n >= EARLY_ROWS {
        return false;
    }
    let mut gaps: Dnf = Vec::new();
    let mut complete = true;
    for region in &regions {
        let boxes: Vec<(usize, Cube)> = (0..n)
            .filter_map(|i| ok(i).map(|d| (i, d)))
            .flat_map(|(i, d)| {
                d.iter()
                    .filter_map(|c| c.intersect(region, space))
                    .map(move |c| (i, c))
                    .collect::<Vec<_>>()
            })
            .collect();
        let cells = decompose(space, region, &boxes, budget, &mut |cell| {
            if !gaps_only {
                seen.cell(cell, t.policy, &output)
            }
        });
        complete &= cells.complete;
        gaps.extend(cells.gaps);
    }
    if !complete && !gaps_only {
        // Which rows meet is still exact pair by pair; the row checks below then go row by row.
        seen.met_pairwise(n, &ok, space);
    }
    if !complete {
        out.undecided.push(undecided(
            program,
            id,
            "the rest of the gaps (beyond those listed)",
            &Outside {
                reason: format!(
                    "the table's cases split into more cells than the work budget ({} steps, {} gap boxes) allows",
                    WORK_BUDGET, GAP_LIMIT
                ),
                span: t.meta.span,
            },
        ));
    }

    // Gaps: only exact when every row was lowered.
    if rows.iter().all(Result::is_ok) && !gaps.is_empty() {
        let no_route = format!("{id}/no-route");
        let routes_nothing = |r: &Report| {
            has_finding(r, &no_route) && decisions(r, id).any(|d| d.matched_rows.is_empty())
        };
        if gaps_only {
            let (file, line, ..) = super::locate(program, t.meta.span);
            let each = super::witness_each(program, space, &gaps, no_items, &routes_nothing);
            out.box_witnesses
                .extend(
                    each.into_iter()
                        .map(|(cases, witness, reproduces)| super::BoxWitness {
                            table: id.to_string(),
                            file: file.clone(),
                            line,
                            cases,
                            witness,
                            reproduces,
                        }),
                );
            return true;
        }
        let shown = show(program, space, &gaps, no_items, &routes_nothing);
        let message = if complete {
            format!("No row of \"{}\" takes these cases.", t.meta.title)
        } else {
            format!(
                "No row of \"{}\" takes these cases (the analysis stopped at its work budget: there may be more).",
                t.meta.title
            )
        };
        let whole = found(
            program,
            LintKind::Gap,
            &t.meta,
            t.meta.span,
            message,
            Some(shown),
        );
        match early.and_then(|i| out.findings.get_mut(i)) {
            Some(first) => *first = whole,
            None => out.findings.push(whole),
        }
        out.mark();
    }
    if gaps_only {
        return true;
    }

    if overlaps {
        let mut witnessed = 0;
        for j in 0..n {
            let partners: Vec<usize> = (0..j)
                .filter(|&i| {
                    seen.met(i, j) && !(t.policy == HitPolicy::Any && output(i) == output(j))
                })
                .collect();
            if partners.is_empty() {
                continue;
            }
            let Some(f) = overlap_finding(&partners, j, witnessed + 1) else {
                continue;
            };
            witnessed += 1;
            // The early overlap (above) is this row's finding: put in its place.
            match early_overlap.filter(|(row, ..)| *row == j) {
                Some((_, at)) => {
                    if let Some(slot) = out.findings.get_mut(at) {
                        *slot = f;
                    }
                }
                None => out.findings.push(f),
            }
            out.mark();
        }
    }
    // Row checks: from the cells when the decomposition was whole, else one row at a time
    // (`ROW_BUDGET` each, `rows_work` in all; a row whose check runs out is named undecided).
    let mut left = rows_work;
    let mut decides = |j: usize, mine: &Dnf, takers: &[usize]| -> Option<bool> {
        if complete {
            return Some(seen.decides(j));
        }
        if takers.is_empty() {
            return Some(true);
        }
        let mut row_left = left.min(ROW_BUDGET);
        let before = row_left;
        let verdict = decides_somewhere(space, mine, takers, &ok, &mut row_left);
        left = left.saturating_sub(before - row_left);
        verdict
    };
    let within = |j: usize, i: usize| -> bool {
        if complete {
            return seen.within(j, i);
        }
        match (ok(j), ok(i)) {
            (Some(b), Some(a)) => {
                seen.met(i, j) && minus(b, a, space, BOX_LIMIT).is_some_and(|d| d.is_empty())
            }
            _ => false,
        }
    };

    // Partly masked: a row that decides somewhere but is beaten elsewhere: wherever it meets a
    // stronger row (which rows meet is exact), that row wins. A catch-all row (every case) is
    // beaten by design and left out. The hidden boxes are built for the first `WITNESSED` rows.
    let mut partly: Vec<(usize, Option<Dnf>, Vec<usize>)> = Vec::new();
    // Shadowed (first) and masked (priority): rows that decide in no cell.
    let mut witnessed = 0;
    // Rows whose check ran out of work: neither hidden nor partly hidden is proven.
    let mut unsure: Vec<String> = Vec::new();
    if ranked {
        for j in 0..n {
            let Some(mine) = ok(j) else { continue };
            let stronger = |i: usize| stronger_than(i, j);
            if mine.is_empty() {
                continue;
            }
            let takers: Vec<usize> = (0..n)
                .filter(|i| *i != j && stronger(*i) && seen.met(*i, j))
                .collect();
            // A row found hidden early is (exactly), whatever a budgeted check below says.
            let verdict = if early_hidden == Some(j) {
                Some(false)
            } else {
                decides(j, mine, &takers)
            };
            match verdict {
                Some(false) => {
                    witnessed += 1;
                    put(out, hidden_row(j, &takers, witnessed), &early_rows);
                    out.mark();
                }
                // Deciding somewhere is proven only against every stronger row: one the
                // analysis could not read (named undecided already) might take the rest.
                Some(true) => {
                    let unread = (0..n).any(|i| i != j && stronger(i) && ok(i).is_none());
                    if takers.is_empty() || unread {
                        continue;
                    }
                    match catch_all(mine) {
                        Some(false) => {
                            let cases = (partly.len() < WITNESSED)
                                .then(|| hidden_part(mine, &takers))
                                .flatten();
                            partly.push((j, cases, takers));
                        }
                        Some(true) => {}
                        None => unsure.push((j + 1).to_string()),
                    }
                }
                None => unsure.push((j + 1).to_string()),
            }
        }
    }
    if !unsure.is_empty() {
        let hidden = if first { "shadowed" } else { "masked" };
        out.undecided.push(undecided(
            program,
            id,
            &format!(
                "whether {} {hidden} or partly {hidden}",
                match unsure.as_slice() {
                    [one] => format!("row {one} is"),
                    _ => format!("rows {} are", super::text::listed(&unsure)),
                }
            ),
            &Outside {
                reason: format!(
                    "checking rows one by one ran out of work ({ROW_BUDGET} steps a row, {rows_work} in all)"
                ),
                span: t.meta.span,
            },
        ));
    }

    for (at, (j, cases, takers)) in partly.into_iter().enumerate() {
        put(out, partly_row(j, cases, &takers, at + 1), &early_rows);
        out.mark();
    }

    // Duplicate and subsumed rows (same output): redundant except under `first`, where order
    // matters and shadowing says it instead, and under `collect count` and the list policies,
    // where every matching row adds to the answer (one more to count, one more in the list).
    if t.policy != HitPolicy::First && !adds {
        let mut witnessed = 0;
        for j in 0..n {
            let Some(b) = ok(j) else { continue };
            if b.is_empty() {
                continue;
            }
            for i in 0..n {
                if i == j || output(i) != output(j) || ok(i).is_none() || !within(j, i) {
                    continue;
                }
                let i_in_j = within(i, j);
                if i_in_j && j < i {
                    continue; // a duplicate pair is reported once, at the later row
                }
                witnessed += 1;
                put(out, contained_row(j, i, i_in_j, witnessed), &early_rows);
                out.mark();
            }
        }
    }

    // Rows that could be one (the early pair, if any, is the first of them: put in its place).
    let whole = (super::merge::MERGES, usize::MAX);
    for f in super::merge::rows(program, t, &rows, &period, space, whole) {
        put(out, f, &early_rows);
        out.mark();
    }
    true
}

/// Put finding `f` in the place of the early finding (at one of the indices `early`) of the
/// same kind and rows, or after the others when there is none.
fn put(out: &mut Lint, f: super::LintFinding, early: &[usize]) {
    let slot = early.iter().copied().find(|&at| {
        out.findings
            .get(at)
            .is_some_and(|e| e.kind == f.kind && e.rows == f.rows)
    });
    match slot.and_then(|at| out.findings.get_mut(at)) {
        Some(e) => *e = f,
        None => out.findings.push(f),
    }
}

/// Whether row `mine` has a case that none of the rows `takers` takes (`Some(true)`), every case
/// is taken (`Some(false)`), or the work `left` ran out first (`None`; the work is taken off).
fn decides_somewhere<'d>(
    space: &super::space::Space,
    mine: &Dnf,
    takers: &[usize],
    ok: &dyn Fn(usize) -> Option<&'d Dnf>,
    left: &mut u64,
) -> Option<bool> {
    for region in mine {
        let clipped: Vec<(usize, Cube)> = takers
            .iter()
            .filter_map(|&i| ok(i).map(|d| (i, d)))
            .flat_map(|(i, d)| {
                d.iter()
                    .filter_map(move |c| c.intersect(region, space).map(|c| (i, c)))
            })
            .collect();
        let budget = Budget {
            work: *left,
            gaps: 0,
        };
        let cells = decompose(space, region, &clipped, budget, &mut |_| {});
        *left = left.saturating_sub(cells.work);
        if !cells.gaps.is_empty() {
            return Some(true);
        }
        if !cells.complete {
            return None;
        }
    }
    Some(false)
}

/// Findings of one kind in one table that get a witness document checked through `eval`; the
/// rest carry their exact boxes only (a table with thousands of overlaps would otherwise spend
/// its time re-checking documents, not analysing).
const WITNESSED: usize = 100;

/// What the message of the `n`th finding of a kind adds when it has no witness.
fn unwitnessed(n: usize) -> String {
    if n > WITNESSED {
        format!(" (No witness built: only the first {WITNESSED} findings of this kind in a table get one; the cases listed are exact.)")
    } else {
        String::new()
    }
}

/// Hidden parts of up to this many boxes are made disjoint (the subtraction is quadratic).
const MERGE_FIRST: usize = 64;

/// The period as disjoint boxes, so each case is decomposed once.
fn disjoint(period: &[Cube], space: &super::space::Space) -> Vec<Cube> {
    let mut out: Vec<Cube> = Vec::new();
    for c in period {
        let fresh = minus(std::slice::from_ref(c), &out, space, BOX_LIMIT)
            .unwrap_or_else(|| vec![c.clone()]);
        out.extend(fresh);
    }
    out
}

/// What the cells of a decomposition say about each row, as bit sets over rows.
struct Seen {
    words: usize,
    /// Rows that match together with each row in some cell (itself included once it matches).
    met: Vec<Vec<u64>>,
    /// Rows that match in every cell where each row matches (`None`: the row matches nowhere).
    always: Vec<Option<Vec<u64>>>,
    /// Rows that decide the output in some cell under `first` or `priority`.
    decides: Vec<bool>,
}

impl Seen {
    fn new(n: usize) -> Seen {
        let words = n.div_ceil(64);
        Seen {
            words,
            met: vec![vec![0; words]; n],
            always: vec![None; n],
            decides: vec![false; n],
        }
    }

    fn cell(&mut self, rows: &[usize], policy: HitPolicy, output: &dyn Fn(usize) -> Option<u32>) {
        let mut bits = vec![0u64; self.words];
        for r in rows {
            if let Some(w) = bits.get_mut(r / 64) {
                *w |= 1 << (r % 64);
            }
        }
        for r in rows {
            if let Some(m) = self.met.get_mut(*r) {
                m.iter_mut().zip(&bits).for_each(|(m, b)| *m |= b);
            }
            if let Some(a) = self.always.get_mut(*r) {
                match a {
                    Some(a) => a.iter_mut().zip(&bits).for_each(|(a, b)| *a &= b),
                    None => *a = Some(bits.clone()),
                }
            }
        }
        let winners: Vec<usize> = match policy {
            HitPolicy::First => rows.first().copied().into_iter().collect(),
            HitPolicy::CollectMin => {
                let best = rows.iter().filter_map(|r| output(*r)).max();
                rows.iter()
                    .copied()
                    .filter(|r| output(*r) == best)
                    .collect()
            }
            _ => {
                let best = rows.iter().filter_map(|r| output(*r)).min();
                rows.iter()
                    .copied()
                    .filter(|r| output(*r) == best)
                    .collect()
            }
        };
        for w in winners {
            if let Some(d) = self.decides.get_mut(w) {
                *d = true;
            }
        }
    }

    /// Which rows meet, pair by pair (when the cells were not all seen).
    fn met_pairwise<'d>(
        &mut self,
        n: usize,
        ok: &dyn Fn(usize) -> Option<&'d Dnf>,
        space: &super::space::Space,
    ) {
        for j in 0..n {
            for i in 0..j {
                let (Some(a), Some(b)) = (ok(i), ok(j)) else {
                    continue;
                };
                if meets(a, b, space) {
                    for (x, y) in [(i, j), (j, i)] {
                        if let Some(w) = self.met.get_mut(x).and_then(|m| m.get_mut(y / 64)) {
                            *w |= 1 << (y % 64);
                        }
                    }
                }
            }
        }
    }

    fn has(bits: &[u64], r: usize) -> bool {
        bits.get(r / 64).is_some_and(|w| w & (1 << (r % 64)) != 0)
    }

    /// Rows `i` and `j` both match some case.
    fn met(&self, i: usize, j: usize) -> bool {
        self.met.get(j).is_some_and(|m| Seen::has(m, i))
    }

    /// Every case row `j` matches, row `i` matches too.
    fn within(&self, j: usize, i: usize) -> bool {
        self.always
            .get(j)
            .is_some_and(|a| a.as_ref().is_some_and(|a| Seen::has(a, i)))
    }

    fn decides(&self, j: usize) -> bool {
        self.decides.get(j).copied().unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    //! The path taken when a table's decomposition stops at its budget (overlaps pair by pair,
    //! rows one by one) gives the same findings as the whole decomposition, on generated tables.

    use super::super::cells::Budget;
    use super::super::test_tables as tables;
    use super::super::{Lint, LintKind};
    use std::collections::BTreeSet;

    /// The whole analysis of every routes table of `program` within `budget` and `rows_work`.
    fn whole_lint(program: &crate::ir::Program, budget: Budget, rows_work: u64) -> Lint {
        let mut out = Lint::default();
        for t in &program.routes {
            super::table_within(program, t, &mut out, budget, rows_work, super::Stage::Whole);
        }
        out
    }

    fn findings(
        program: &crate::ir::Program,
        budget: Budget,
        rows_work: u64,
    ) -> BTreeSet<(LintKind, Vec<usize>)> {
        whole_lint(program, budget, rows_work)
            .findings
            .iter()
            .map(|f| (f.kind, f.rows.clone()))
            .collect()
    }

    #[test]
    fn stopping_at_the_budget_keeps_every_row_finding() {
        let tiny = Budget { work: 20, gaps: 0 };
        let whole = super::TABLE;
        let mut compared = 0;
        for seed in 0..24u64 {
            for policy in [
                "unique",
                "any",
                "first",
                "priority",
                "collect max",
                "collect min",
                "collect count",
                "output order",
            ] {
                let program = generated(seed, policy);
                let full = findings(&program, whole, super::ROWS_BUDGET);
                let cut = findings(&program, tiny, super::ROWS_BUDGET);
                let rows_only =
                    |s: &BTreeSet<(LintKind, Vec<usize>)>| -> BTreeSet<(LintKind, Vec<usize>)> {
                        s.iter()
                            .filter(|(k, _)| *k != LintKind::Gap)
                            .cloned()
                            .collect()
                    };
                assert_eq!(rows_only(&cut), rows_only(&full), "{policy} seed {seed}");
                // A gap found before the budget is a gap.
                if cut.iter().any(|(k, _)| *k == LintKind::Gap) {
                    assert!(full.iter().any(|(k, _)| *k == LintKind::Gap));
                }
                compared += 1;
            }
        }
        assert_eq!(compared, 192);
    }

    /// Whether checking a finding's witness through `eval` shows what the finding says.
    fn shows(program: &crate::ir::Program, f: &super::super::LintFinding) -> bool {
        let Some(w) = &f.witness else { return true };
        let Ok(r) = crate::eval::check_json(program, w) else {
            return false;
        };
        let Some(t) = program.routes.iter().find(|t| t.meta.id == f.id) else {
            return false;
        };
        let row = f.rows.first().copied().unwrap_or(0);
        let last = f.rows.last().copied().unwrap_or(0);
        let output = t
            .rows
            .get(row.wrapping_sub(1))
            .and_then(|x| t.output_name(&program.schema, x.output));
        let first = t.policy == crate::vocab::HitPolicy::First;
        r.routes.iter().filter(|d| d.table == f.id).any(|d| {
            let has = |x: usize| d.matched_rows.contains(&x);
            match f.kind {
                LintKind::Gap => d.matched_rows.is_empty(),
                LintKind::Overlap => has(row) && has(last),
                LintKind::Shadowed | LintKind::Masked | LintKind::PartlyMasked if first => {
                    has(row) && d.matched_rows.first().is_some_and(|x| *x < row)
                }
                LintKind::Shadowed | LintKind::Masked | LintKind::PartlyMasked => {
                    has(row) && d.output != output
                }
                LintKind::Duplicate | LintKind::Subsumed => has(row) && has(last),
                LintKind::Mergeable => f.rows.iter().any(|x| has(*x)),
                _ => false,
            }
        })
    }

    /// A generated 12-row, 4-input table under `policy`: banded for even seeds, random for odd,
    /// with a catch-all row for every third.
    fn generated(seed: u64, policy: &'static str) -> crate::ir::Program {
        generated_rows(seed, policy, 12)
    }

    /// `generated`, of `rows` rows.
    fn generated_rows(seed: u64, policy: &'static str, rows: usize) -> crate::ir::Program {
        let spec = tables::Spec {
            shape: if seed % 2 == 0 {
                tables::Shape::Banded
            } else {
                tables::Shape::Random
            },
            rows,
            inputs: 4,
            policy,
            catch_all: seed % 3 == 0,
            seed,
        };
        let mut sources = crate::diag::Sources::default();
        sources.add("gen.rules", tables::rulebook(&spec));
        let Some(program) = crate::check::compile(sources).program else {
            panic!("generated table does not compile");
        };
        program
    }

    /// A large table's first findings (its early searches, `Stage::First`) are findings the
    /// whole analysis makes too, whether that analysis has its normal budget or runs out at
    /// once, and each witness shows its finding through `eval`.
    #[test]
    fn first_findings_are_in_the_whole_answer_under_any_budget() {
        let tiny = Budget { work: 20, gaps: 0 };
        let (mut firsts, mut witnessed) = (0, 0);
        for seed in 0..6u64 {
            for policy in ["unique", "any", "first", "priority", "collect max"] {
                let program = generated_rows(seed, policy, super::EARLY_ROWS + seed as usize);
                let mut first = Lint::default();
                for t in &program.routes {
                    let whole = super::table_within(
                        &program,
                        t,
                        &mut first,
                        super::TABLE,
                        super::ROWS_BUDGET,
                        super::Stage::First,
                    );
                    assert!(!whole, "a large table stops before its decomposition");
                }
                for (budget, rows_work) in [(super::TABLE, super::ROWS_BUDGET), (tiny, 0)] {
                    let whole = whole_lint(&program, budget, rows_work);
                    for f in &first.findings {
                        assert!(
                            whole.findings.iter().any(|w| w.restates(f)),
                            "{policy} seed {seed}: {:?} {:?} not in the whole answer",
                            f.kind,
                            f.rows
                        );
                    }
                }
                for f in &first.findings {
                    assert!(shows(&program, f), "{policy} seed {seed}: {f:?}");
                    witnessed += usize::from(f.reproduces == Some(true));
                }
                firsts += first.findings.len();
            }
        }
        assert!(firsts > 30 && witnessed > 30, "{firsts} {witnessed}");
    }

    /// With the row checks out of work too (none at all, or a little), no finding appears that
    /// the whole analysis does not make, each witness shows its finding through `eval`, and a
    /// row finding left out is named undecided.
    #[test]
    fn running_out_of_work_claims_nothing_unproven() {
        let tiny = Budget { work: 20, gaps: 0 };
        let (mut named, mut found) = (0, 0);
        for seed in 0..16u64 {
            for policy in ["first", "priority", "collect max", "unique"] {
                let program = generated(seed, policy);
                let full = findings(&program, super::TABLE, super::ROWS_BUDGET);
                for rows_work in [0, 30, 300] {
                    let out = whole_lint(&program, tiny, rows_work);
                    let unsure = out
                        .undecided
                        .iter()
                        .any(|u| u.what.starts_with("whether row"));
                    named += usize::from(unsure);
                    for f in &out.findings {
                        let key = (f.kind, f.rows.clone());
                        let proven = f.kind == LintKind::Gap || full.contains(&key);
                        assert!(
                            proven,
                            "{policy} seed {seed} work {rows_work}: unproven {key:?}"
                        );
                        assert!(
                            shows(&program, f),
                            "{policy} seed {seed}: {key:?} {:?}",
                            f.witness
                        );
                        found += usize::from(f.witness.is_some());
                    }
                    let cut: BTreeSet<_> = out
                        .findings
                        .iter()
                        .map(|f| (f.kind, f.rows.clone()))
                        .collect();
                    let row_kinds = [LintKind::Shadowed, LintKind::Masked, LintKind::PartlyMasked];
                    let missing = full
                        .iter()
                        .any(|k| row_kinds.contains(&k.0) && !cut.contains(k));
                    assert!(
                        !missing || unsure,
                        "{policy} seed {seed}: a row finding left out unnamed"
                    );
                }
            }
        }
        // The budgets did run out, and findings with witnesses were checked.
        assert!(named > 0 && found > 0, "{named} {found}");
    }
}
