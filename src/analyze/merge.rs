//! Rows of a routes table that could be one: two rows with the same output and citation, each one
//! box of cases, alike in every input but one where together they make one interval or set. The
//! finding carries the merged row as a one-action fix (`LintFix`), offered only when the merged
//! row, in its table's period, lowers back to exactly the union of the two rows (for the first
//! `FIXES` pairs of a table). The merged row's text and its condition as the checker builds it
//! from that text are made side by side, and the condition is lowered: no text is compiled, so
//! the analysis needs neither the parser nor the checker (the page's lint module carries
//! neither; issue 23). tests/lint.rs compiles every fix it offers and checks the fixed table.

use super::lower::{Lowerer, Outside, BOX_LIMIT};
use super::space::{
    and, merge, Bound, Constraint, Cube, DimKey, Dnf, Domain, Facet, Interval, OrderedKind, Root,
    Space,
};
use super::{describe, found, show, LintFinding, LintFix, LintKind};
use crate::ir::{Cmp, Node, NodeKind, Program, Routes, Type, Value};
use crate::vocab::HitPolicy;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Most mergeable pairs reported in one table.
pub(super) const MERGES: usize = 100;
/// Most of them that carry a fix (each fix's condition is lowered again).
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
    a.dims_with(b)
        .filter(|d| a.get(space, *d) != b.get(space, *d))
        .count()
}

/// A box as a condition in the rule language, with the same condition as the checker builds it
/// from that text (each input read by the node the rows themselves read it with), made side by
/// side so the two say the same; `None` when one of its inputs has no plain spelling (the kind of
/// a list item, a derived quantity the analysis names in its own words, an input the two rows do
/// not read from the document itself).
fn condition(cube: &Cube, space: &Space, readers: &Readers) -> Option<(String, Node)> {
    let mut parts = Vec::new();
    let mut nodes = Vec::new();
    for (d, c) in &cube.parts {
        let dim = space.dim(*d)?;
        if *c == space.full(*d) {
            continue;
        }
        if !dim.key.path.is_empty() && matches!(dim.key.facet, Facet::Kind) {
            return None;
        }
        let label = &dim.label;
        let plain = |s: &str| {
            s.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '.')
        };
        let reader = readers.of(&dim.key)?;
        let (text, node) = match (c, &dim.domain) {
            (Constraint::Set(bits), Domain::Finite(names)) => {
                let chosen = crate::analyze::space::set_names(*bits, names);
                let boolean = matches!(names.as_slice(), [f, t] if f == "false" && t == "true");
                let ordinals: Vec<Value> = (0..names.len() as u32)
                    .filter(|i| crate::analyze::space::set_has(*bits, *i as usize))
                    .map(Value::Enum)
                    .collect();
                match chosen.as_slice() {
                    ["true"] if boolean && plain(label) => (label.clone(), reader.clone()),
                    ["false"] if boolean && plain(label) => (
                        format!("not {label}"),
                        made(NodeKind::Not(Box::new(reader.clone())), Type::Bool, reader),
                    ),
                    _ if boolean || !plain(label) || dim.ty == Type::Str => return None,
                    [one] => (
                        format!("{label} == {one}"),
                        compared(Cmp::Eq, reader, ordinals.first()?.clone(), &dim.ty),
                    ),
                    many => (
                        format!("{label} in {{ {} }}", many.join(", ")),
                        made(
                            NodeKind::InSet {
                                value: Box::new(reader.clone()),
                                set: ordinals,
                            },
                            Type::Bool,
                            reader,
                        ),
                    ),
                }
            }
            (Constraint::Range(r), Domain::Ordered { kind, lo, hi, .. }) if plain(label) => {
                let words = super::text::interval(label, r, *kind, &dim.ty, (*lo, *hi));
                // The analysis writes `x = 3` for a single value; the language writes `==`.
                let text = match words.split_once(" = ") {
                    Some((l, v)) => format!("{l} == {v}"),
                    None => words,
                };
                (text, within(reader, r, *kind, &dim.ty, (*lo, *hi))?)
            }
            _ => return None,
        };
        parts.push(text);
        nodes.push(node);
    }
    Some(if parts.is_empty() {
        let yes = Node {
            kind: NodeKind::Const(Value::Bool(true)),
            ty: Type::Bool,
            span: crate::diag::Span::default(),
        };
        ("true".to_string(), yes)
    } else {
        let span = nodes.first().map(|n| n.span).unwrap_or_default();
        let node = match nodes.len() {
            1 => nodes.pop()?,
            _ => Node {
                kind: NodeKind::And(nodes),
                ty: Type::Bool,
                span,
            },
        };
        (parts.join(" and "), node)
    })
}

/// The nodes two rows read their inputs with, each found by the dimension it lowers to.
struct Readers<'p> {
    nodes: Vec<(&'p Node, DimKey)>,
}

impl<'p> Readers<'p> {
    /// Every place in the document (and every variant's `kind`) the conditions read.
    fn of_rows(low: &Lowerer, conditions: &[&'p Node]) -> Readers<'p> {
        let mut nodes = Vec::new();
        let mut stack: Vec<&'p Node> = conditions.to_vec();
        while let Some(n) = stack.pop() {
            let (place, facet) = match &n.kind {
                NodeKind::Kind(inner) => (low.place(inner), Facet::Kind),
                _ => (low.place(n), Facet::Value),
            };
            if let Some((root @ Root::Document, path, _)) = place {
                nodes.push((n, DimKey { root, path, facet }));
            }
            stack.extend(n.children());
        }
        Readers { nodes }
    }

    fn of(&self, key: &DimKey) -> Option<&'p Node> {
        self.nodes.iter().find(|(_, k)| k == key).map(|(n, _)| *n)
    }
}

/// A node made for the merged condition, placed where its input is read.
fn made(kind: NodeKind, ty: Type, at: &Node) -> Node {
    Node {
        kind,
        ty,
        span: at.span,
    }
}

/// `reader op constant`.
fn compared(op: Cmp, reader: &Node, constant: Value, ty: &Type) -> Node {
    let constant = made(NodeKind::Const(constant), ty.clone(), reader);
    made(
        NodeKind::Compare(op, Box::new(reader.clone()), Box::new(constant)),
        Type::Bool,
        reader,
    )
}

/// The condition `text::interval` writes for an interval, as nodes: the ends it states.
fn within(
    reader: &Node,
    r: &Interval,
    kind: OrderedKind,
    ty: &Type,
    domain: (Option<Decimal>, Option<Decimal>),
) -> Option<Node> {
    let constant = |v: Decimal| -> Option<Value> {
        Some(match kind {
            OrderedKind::Int => Value::Int(i64::try_from(v).ok()?),
            OrderedKind::Decimal => Value::Dec(v),
            OrderedKind::Date => Value::Date(NaiveDate::from_num_days_from_ce_opt(
                i32::try_from(v).ok()?,
            )?),
            OrderedKind::Time => Value::Time(u16::try_from(v).ok()?),
        })
    };
    let (lo, hi) = super::text::shown_ends(r, domain);
    let end = |b: Bound, open: Cmp, closed: Cmp| -> Option<Node> {
        let op = if b.closed { closed } else { open };
        Some(compared(op, reader, constant(b.value)?, ty))
    };
    match (lo, hi) {
        (Some(l), Some(h)) if l.value == h.value => {
            Some(compared(Cmp::Eq, reader, constant(l.value)?, ty))
        }
        (Some(l), Some(h)) => Some(made(
            NodeKind::And(vec![end(l, Cmp::Gt, Cmp::Ge)?, end(h, Cmp::Lt, Cmp::Le)?]),
            Type::Bool,
            reader,
        )),
        (Some(l), None) => end(l, Cmp::Gt, Cmp::Ge),
        (None, Some(h)) => end(h, Cmp::Lt, Cmp::Le),
        (None, None) => None,
    }
}

/// The fix that puts the merged row in row `i`'s place and removes row `j`, when the merged
/// condition, in the table's period, lowers back to exactly `whole`. It is checked on the
/// condition as the checker builds it from the fix's text (`condition`), not by compiling the
/// fixed text: the lint module carries no parser (issue 23); tests/lint.rs compiles every fix.
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
    if t.rows.iter().any(|r| r.span.file != ri.span.file) {
        return None;
    }
    let file = program.sources.get(ri.span.file)?;
    let text = &file.text;
    let output = t.output_name(&program.schema, ri.output)?;
    let cite = ri
        .cite
        .as_ref()
        .map(|c| format!(" cite {}", serde_json::to_string(c).unwrap_or_default()))
        .unwrap_or_default();
    let mut low = Lowerer::new(program);
    low.relations = false;
    let readers = Readers::of_rows(&low, &[&ri.condition, &rj.condition]);
    let (words, merged) = condition(whole, space, &readers)?;
    let merged_row = format!("when {words} => {output}{cite}");
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

    // Its condition, in the table's period, is exactly the union.
    let lowered = low.condition(&merged, true).ok()?;
    let new_period: Dnf = period_of(&mut low, t)?;
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
