//! Rows of a routes table that could be one: two rows with the same output and citation, each one
//! box of cases, alike in every input but one where together they make one interval or set. The
//! finding carries the merged row as a one-action fix (`LintFix`), offered only when the merged
//! row compiles in its table and lowers back to exactly the union of the two rows (for the first
//! `FIXES` pairs of a table). The check compiles the file with the table cut down to the merged
//! row alone: rows are checked one by one, so the other rows (unchanged, and compiled already)
//! need not be compiled again, which kept a 1,000-row table compiling itself once per fix.

use super::lower::{Lowerer, Outside, BOX_LIMIT};
use super::space::{and, merge, Constraint, Cube, Dnf, Domain, Space};
use super::{describe, found, show, LintFinding, LintFix, LintKind};
use crate::ir::{Program, Routes};
use crate::vocab::HitPolicy;

/// Most mergeable pairs reported in one table.
pub(super) const MERGES: usize = 100;
/// Most of them that carry a fix (each fix is checked by compiling the whole fixed text).
const FIXES: usize = 5;

/// Two rows whose union is one box: a finding each (the first `most`, looking at no more than
/// `pairs` pairs of rows with the same output), with the merged row as its fix.
pub(super) fn rows(
    program: &Program,
    t: &Routes,
    rows: &[Result<Dnf, Outside>],
    period: &Dnf,
    space: &Space,
    (most, pairs): (usize, usize),
) -> Vec<LintFinding> {
    let mut out = Vec::new();
    let order_free = matches!(
        t.policy,
        HitPolicy::Unique
            | HitPolicy::Any
            | HitPolicy::Priority
            | HitPolicy::CollectMax
            | HitPolicy::CollectMin
    );
    // Each row as one box, when its boxes join into one (`x in { a, b }` lowers to two).
    let singles: Vec<Option<Cube>> = rows
        .iter()
        .map(|r| match r {
            Ok(d) if !d.is_empty() => match merge(d.clone(), space).as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let single = |i: usize| singles.get(i).and_then(Option::as_ref);
    let (mut reported, mut tried) = (0, 0);
    for j in 0..t.rows.len() {
        for i in 0..j {
            if reported >= most || tried >= pairs {
                return out;
            }
            let (Some(ri), Some(rj)) = (t.rows.get(i), t.rows.get(j)) else {
                continue;
            };
            // Under `first` only neighbours: the merged row takes the first one's place.
            let placeable = order_free || (t.policy == HitPolicy::First && j == i + 1);
            if !placeable || ri.output != rj.output || ri.cite != rj.cite {
                continue;
            }
            tried += 1;
            let (Some(a), Some(b)) = (single(i), single(j)) else {
                continue;
            };
            if a.is_within(b, space) || b.is_within(a, space) || differing(a, b, space) != 1 {
                continue;
            }
            let union = merge(vec![a.clone(), b.clone()], space);
            let [whole] = union.as_slice() else { continue };
            let fix = if reported < FIXES {
                fixed(program, t, i, j, whole, period, space)
            } else {
                None
            };
            reported += 1;
            let both = vec![a.clone(), b.clone()];
            let shown = show(program, space, &both, &[], &|r| {
                r.routes.iter().any(|d| {
                    d.table == t.meta.id
                        && (d.matched_rows.contains(&(i + 1)) || d.matched_rows.contains(&(j + 1)))
                })
            });
            let mut f = found(
                program,
                LintKind::Mergeable,
                &t.meta,
                rj.span,
                format!(
                    "Rows {} and {} of \"{}\" give the same output and together take one box of cases: they can be one row.",
                    i + 1,
                    j + 1,
                    t.meta.title
                ),
                Some(shown),
            );
            f.rows = vec![j + 1, i + 1];
            f.fix = fix;
            out.push(f);
        }
    }
    out
}

/// In how many inputs two boxes differ.
fn differing(a: &Cube, b: &Cube, space: &Space) -> usize {
    let mut dims: Vec<usize> = a.parts.keys().chain(b.parts.keys()).copied().collect();
    dims.sort_unstable();
    dims.dedup();
    dims.iter()
        .filter(|d| a.get(space, **d) != b.get(space, **d))
        .count()
}

/// A box as a condition in the rule language, or `None` when one of its inputs has no plain
/// spelling (the kind of a list item, a derived quantity the analysis names in its own words).
fn condition(cube: &Cube, space: &Space) -> Option<String> {
    let mut parts = Vec::new();
    for (d, c) in &cube.parts {
        let dim = space.dim(*d)?;
        if *c == space.full(*d) {
            continue;
        }
        if !dim.key.path.is_empty() && matches!(dim.key.facet, super::space::Facet::Kind) {
            return None;
        }
        let label = &dim.label;
        let plain = |s: &str| {
            s.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '.')
        };
        parts.push(match (c, &dim.domain) {
            (Constraint::Set(bits), Domain::Finite(names)) => {
                let chosen = crate::analyze::space::set_names(*bits, names);
                let boolean = matches!(names.as_slice(), [f, t] if f == "false" && t == "true");
                match chosen.as_slice() {
                    ["true"] if boolean && plain(label) => label.clone(),
                    ["false"] if boolean && plain(label) => format!("not {label}"),
                    _ if boolean || !plain(label) => return None,
                    [one] => format!("{label} == {one}"),
                    many => format!("{label} in {{ {} }}", many.join(", ")),
                }
            }
            (Constraint::Range(r), Domain::Ordered { kind, lo, hi, .. }) if plain(label) => {
                let words = super::text::interval(label, r, *kind, &dim.ty, (*lo, *hi));
                // The analysis writes `x = 3` for a single value; the language writes `==`.
                match words.split_once(" = ") {
                    Some((l, v)) => format!("{l} == {v}"),
                    None => words,
                }
            }
            _ => return None,
        });
    }
    Some(if parts.is_empty() {
        "true".to_string()
    } else {
        parts.join(" and ")
    })
}

/// The fix that puts the merged row in row `i`'s place and removes row `j`, when the fixed text
/// compiles and its row lowers back to exactly `whole`.
fn fixed(
    program: &Program,
    t: &Routes,
    i: usize,
    j: usize,
    whole: &Cube,
    period: &Dnf,
    space: &Space,
) -> Option<LintFix> {
    let (ri, rj) = (t.rows.get(i)?, t.rows.get(j)?);
    let file = program.sources.get(ri.span.file)?;
    let text = &file.text;
    let output = t.output_name(&program.schema, ri.output)?;
    let cite = ri
        .cite
        .as_ref()
        .map(|c| format!(" cite {}", serde_json::to_string(c).unwrap_or_default()))
        .unwrap_or_default();
    let merged_row = format!("when {} => {output}{cite}", condition(whole, space)?);
    // A row's span runs on over the blank after it: each ends at its last word here.
    let last_word = |span: crate::diag::Span| -> Option<usize> {
        let written = text.get(span.start as usize..span.end as usize)?;
        Some(span.start as usize + written.trim_end().len())
    };
    let (start, end) = (ri.span.start as usize, last_word(rj.span)?);
    // Keep what lies between the rows, less the line that held row j.
    let between = text.get(last_word(ri.span)?..rj.span.start as usize)?;
    let kept = between.rfind('\n').map_or(between, |n| &between[..n]);
    let replacement = format!("{merged_row}{kept}");
    // The file with the table's rows cut down to the merged row, in row i's place (every other
    // row's text removed, from its first to its last word: the lines stay, blank).
    let mut cut = String::with_capacity(text.len());
    let mut at = 0;
    for (k, row) in t.rows.iter().enumerate() {
        if row.span.file != ri.span.file {
            return None;
        }
        let (from, to) = (row.span.start as usize, last_word(row.span)?);
        cut.push_str(text.get(at..from)?);
        if k == i {
            cut.push_str(&merged_row);
        }
        at = to;
    }
    cut.push_str(text.get(at..)?);

    // It compiles, and its one row is exactly the union.
    let mut sources = program.sources.clone();
    let slot = sources.files.get_mut(ri.span.file as usize)?;
    *slot = crate::diag::SourceFile::new(slot.name.clone(), cut);
    let fixed_program = crate::check::compile(sources).program?;
    let table = fixed_program
        .routes
        .iter()
        .find(|x| x.meta.id == t.meta.id && x.meta.span.start == t.meta.span.start)?;
    let [row] = table.rows.as_slice() else {
        return None;
    };
    let mut low = Lowerer::new(&fixed_program);
    low.relations = false;
    let lowered = low.condition(&row.condition, true).ok()?;
    let new_period: Dnf = period_of(&mut low, table)?;
    let lowered = merge(
        and(&lowered, &new_period, &low.space, BOX_LIMIT)?,
        &low.space,
    );
    let wanted = merge(
        and(std::slice::from_ref(whole), period, space, BOX_LIMIT)?,
        space,
    );
    let words =
        |d: &Dnf, s: &Space| -> Vec<Vec<String>> { d.iter().map(|c| describe(c, s)).collect() };
    if words(&lowered, &low.space) != words(&wanted, space) {
        return None;
    }
    Some(LintFix {
        title: format!("Merge rows {} and {} into one", i + 1, j + 1),
        replacement,
        start: start as u32,
        end: end as u32,
        utf16_start: file.utf16(start),
        utf16_end: file.utf16(end),
    })
}

/// The cases a table decides (its period in force and `applies`), as the analysis lowers them.
fn period_of(low: &mut Lowerer, t: &Routes) -> Option<Dnf> {
    let period: Dnf = match &t.by {
        Some(by) => low
            .period(by, t.meta.in_force.from, t.meta.in_force.until)
            .ok()?,
        None => vec![Cube::universe()],
    };
    match &t.applies {
        Some(a) => {
            let d = low.condition(a, true).ok()?;
            and(&period, &d, &low.space, BOX_LIMIT)
        }
        None => Some(period),
    }
}
