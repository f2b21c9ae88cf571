// Routes tables: gaps, overlaps, shadowed, masked, duplicate and subsumed rows, and rows that never match, each version within its period in force.

use super::lower::{Lowerer, Outside, BOX_LIMIT};
use super::space::{and, meets, minus, Cube, Dnf};
use super::{found, show, undecided, Lint, LintKind};
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
        [init @ .., last] => format!("rows {} and {last}", init.join(", ")),
    }
}

pub fn table(program: &Program, t: &Routes, out: &mut Lint) {
    out.declarations += 1;
    let id = t.meta.id.as_str();
    let mut low = Lowerer::new(program);
    let period: Dnf = match &t.by {
        Some(by) => match low.period(by, t.meta.in_force.from, t.meta.in_force.until) {
            Ok(p) => p,
            Err(why) => {
                out.undecided
                    .push(undecided(program, id, "the whole table", &why));
                return;
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
                return;
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
    let out_name = |o: u32| {
        program
            .schema
            .enum_def(t.output)
            .and_then(|d| d.values.get(o as usize))
            .cloned()
            .unwrap_or_default()
    };
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
            }
        }
    }

    // Gaps: the period without every row. Only exact when every row was lowered.
    if rows.iter().all(Result::is_ok) && !period.is_empty() {
        let taken: Dnf = rows.iter().flatten().flatten().cloned().collect();
        match minus(&period, &taken, space, BOX_LIMIT) {
            Some(gaps) if !gaps.is_empty() => {
                let no_route = format!("{id}/no-route");
                let shown = show(program, space, &gaps, no_items, &|r| {
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
            }
            Some(_) => {}
            None => out.undecided.push(undecided(
                program,
                id,
                "gaps",
                &Outside {
                    reason: "too many cases to expand".into(),
                    span: t.meta.span,
                },
            )),
        }
    }

    let ok = |i: usize| rows.get(i).and_then(|r| r.as_ref().ok());
    let output = |i: usize| t.rows.get(i).map(|r| r.output);
    let row_span = |i: usize| t.rows.get(i).map_or(t.meta.span, |r| r.span);

    // Overlaps: two rows both match, where the policy forbids it.
    if matches!(t.policy, HitPolicy::Unique | HitPolicy::Any) {
        for j in 0..t.rows.len() {
            for i in 0..j {
                let (Some(a), Some(b)) = (ok(i), ok(j)) else {
                    continue;
                };
                if t.policy == HitPolicy::Any && output(i) == output(j) {
                    continue;
                }
                let Some(both) = and(a, b, space, BOX_LIMIT) else {
                    continue;
                };
                if both.is_empty() {
                    continue;
                }
                let overlap = format!("{id}/overlap");
                let shown = show(program, space, &both, no_items, &|r| {
                    has_finding(r, &overlap)
                        && decisions(r, id).any(|d| {
                            d.matched_rows.contains(&(i + 1)) && d.matched_rows.contains(&(j + 1))
                        })
                });
                let (oi, oj) = (
                    output(i).map(out_name).unwrap_or_default(),
                    output(j).map(out_name).unwrap_or_default(),
                );
                let policy = if t.policy == HitPolicy::Unique {
                    "unique"
                } else {
                    "any"
                };
                let mut f = found(
                    program,
                    LintKind::Overlap,
                    &t.meta,
                    row_span(j),
                    format!(
                        "Rows {} ({oi}) and {} ({oj}) of \"{}\" both take these cases, but the hit policy is {policy}.",
                        i + 1,
                        j + 1,
                        t.meta.title
                    ),
                    Some(shown),
                );
                f.rows = vec![i + 1, j + 1];
                out.findings.push(f);
            }
        }
    }

    // Shadowed (first) and masked (priority): rows whose cases earlier or stronger rows take.
    for j in 0..t.rows.len() {
        let Some(mine) = ok(j) else { continue };
        if mine.is_empty() {
            continue;
        }
        let stronger: Vec<usize> = match t.policy {
            HitPolicy::First => (0..j).collect(),
            HitPolicy::Priority => (0..t.rows.len())
                .filter(|i| output(*i) < output(j))
                .collect(),
            _ => continue,
        };
        let cover: Dnf = stronger
            .iter()
            .filter_map(|i| ok(*i))
            .flatten()
            .cloned()
            .collect();
        let Some(rest) = minus(mine, &cover, space, BOX_LIMIT) else {
            continue;
        };
        if !rest.is_empty() {
            continue;
        }
        // Every case of row j is taken; if a stronger row could not be lowered, that part of
        // the cover is simply not used, so the finding still holds.
        let takers: Vec<usize> = stronger
            .iter()
            .filter(|i| ok(**i).is_some_and(|d| meets(d, mine, space)))
            .map(|i| i + 1)
            .collect();
        let row_output = output(j).map(out_name).unwrap_or_default();
        let (kind, message) = if t.policy == HitPolicy::First {
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
            (
                LintKind::Masked,
                format!(
                    "Row {} ({row_output}) of \"{}\" never decides: every case it matches is also matched by {}, whose output has higher priority.",
                    j + 1,
                    t.meta.title,
                    list(&takers)
                ),
            )
        };
        let first = t.policy == HitPolicy::First;
        let row_output_name = row_output.clone();
        let shown = show(program, space, mine, no_items, &|r| {
            decisions(r, id).any(|d| {
                d.matched_rows.contains(&(j + 1))
                    && if first {
                        d.matched_rows.first().is_some_and(|f| *f < j + 1)
                    } else {
                        d.output.as_deref() != Some(row_output_name.as_str())
                    }
            })
        });
        let mut f = found(program, kind, &t.meta, row_span(j), message, Some(shown));
        f.rows = std::iter::once(j + 1).chain(takers).collect();
        out.findings.push(f);
    }

    // Duplicate and subsumed rows (same output): redundant except under `first`, where order
    // matters and shadowing says it instead.
    if t.policy != HitPolicy::First {
        for j in 0..t.rows.len() {
            for i in 0..t.rows.len() {
                if i == j || output(i) != output(j) {
                    continue;
                }
                let (Some(a), Some(b)) = (ok(i), ok(j)) else {
                    continue;
                };
                if b.is_empty() {
                    continue;
                }
                let j_in_i = minus(b, a, space, BOX_LIMIT).is_some_and(|d| d.is_empty());
                if !j_in_i {
                    continue;
                }
                let i_in_j = minus(a, b, space, BOX_LIMIT).is_some_and(|d| d.is_empty());
                if i_in_j && j < i {
                    continue; // a duplicate pair is reported once, at the later row
                }
                let kind = if i_in_j {
                    LintKind::Duplicate
                } else {
                    LintKind::Subsumed
                };
                let message = if i_in_j {
                    format!(
                        "Row {} of \"{}\" matches exactly the cases of row {}, with the same output.",
                        j + 1,
                        t.meta.title,
                        i + 1
                    )
                } else {
                    format!(
                        "Row {} of \"{}\" is redundant: row {} matches every case it does, with the same output.",
                        j + 1,
                        t.meta.title,
                        i + 1
                    )
                };
                let shown = show(program, space, b, no_items, &|r| {
                    decisions(r, id).any(|d| {
                        d.matched_rows.contains(&(i + 1)) && d.matched_rows.contains(&(j + 1))
                    })
                });
                let mut f = found(program, kind, &t.meta, row_span(j), message, Some(shown));
                f.rows = vec![j + 1, i + 1];
                out.findings.push(f);
            }
        }
    }
}
