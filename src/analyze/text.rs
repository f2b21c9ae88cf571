// Words for lint results: intervals as conditions, and the whole Lint as text for a terminal.

use super::space::{Bound, Interval, OrderedKind};
use super::{Lint, LintFinding};
use crate::ir::{Type, Unit};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write as _;

fn value(v: Decimal, kind: OrderedKind, ty: &Type) -> String {
    match kind {
        OrderedKind::Int => {
            let n = i64::try_from(v).unwrap_or_default();
            match ty {
                Type::Int(Unit::Plain) | Type::Optional(_) => format!("{n}"),
                Type::Int(u) => format!("{n} {}", u.name(n)),
                _ => format!("{n}"),
            }
        }
        OrderedKind::Decimal => match ty {
            Type::Money => format!("£{}", v.normalize()),
            Type::Percent => format!("{}%", v.normalize()),
            _ => v.normalize().to_string(),
        },
        OrderedKind::Date => i32::try_from(v)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .map_or_else(|| v.to_string(), crate::dates::iso),
        OrderedKind::Time => {
            let m = u16::try_from(v).unwrap_or_default();
            crate::dates::hh_mm(m)
        }
    }
}

/// Words joined as "a, b and c" ("nothing" for none).
pub(super) fn listed(items: &[String]) -> String {
    match items {
        [] => "nothing".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// An interval of a dimension as a condition, leaving out ends that are the domain's own.
pub fn interval(
    label: &str,
    r: &Interval,
    kind: OrderedKind,
    ty: &Type,
    domain: (Option<Decimal>, Option<Decimal>),
) -> String {
    let (lo, hi) = shown_ends(r, domain);
    let show = |v| value(v, kind, ty);
    match (lo, hi) {
        (Some(l), Some(h)) if l.value == h.value => format!("{label} = {}", show(l.value)),
        (Some(l), Some(h)) => format!(
            "{} {} {label} {} {}",
            show(l.value),
            if l.closed { "<=" } else { "<" },
            if h.closed { "<=" } else { "<" },
            show(h.value)
        ),
        (Some(l), None) => format!(
            "{label} {} {}",
            if l.closed { ">=" } else { ">" },
            show(l.value)
        ),
        (None, Some(h)) => format!(
            "{label} {} {}",
            if h.closed { "<=" } else { "<" },
            show(h.value)
        ),
        (None, None) => format!("{label} (any)"),
    }
}

/// The ends of an interval a condition states: those that are not the domain's own.
pub(super) fn shown_ends(
    r: &Interval,
    domain: (Option<Decimal>, Option<Decimal>),
) -> (Option<Bound>, Option<Bound>) {
    (
        r.lo.filter(|b| Some(b.value) != domain.0 || !b.closed),
        r.hi.filter(|b| Some(b.value) != domain.1 || !b.closed),
    )
}

/// Most boxes the text lists for one finding; the JSON carries them all.
const BOXES_SHOWN: usize = 24;

fn finding(out: &mut String, f: &LintFinding) {
    let join = |rows: &[usize]| {
        rows.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows = match (f.kind, f.rows.as_slice()) {
        (_, []) => String::new(),
        (_, [one]) => format!(" row {one}"),
        (super::LintKind::Overlap, many) => format!(" rows {}", join(many)),
        (_, [first, rest @ ..]) => format!(" row {first} (against rows {})", join(rest)),
    };
    let kind = serde_json::to_value(f.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}:{}:{}: {kind}: {}{rows}",
        f.file, f.line, f.column, f.id
    );
    let _ = writeln!(out, "    {}", f.message);
    for b in f.boxes.iter().take(BOXES_SHOWN) {
        if b.is_empty() {
            let _ = writeln!(out, "    case: any");
        } else {
            let _ = writeln!(out, "    case: {}", b.join(" and "));
        }
    }
    if f.boxes.len() > BOXES_SHOWN {
        let _ = writeln!(
            out,
            "    ... and {} more boxes (every box: --format json)",
            f.boxes.len() - BOXES_SHOWN
        );
    }
    if let Some(fix) = &f.fix {
        // The merged row; the fix also removes the second row (`--format json` has the edit).
        let row = fix.replacement.lines().next().unwrap_or_default();
        let _ = writeln!(out, "    fix ({}): {row}", fix.title);
    }
    if let Some(w) = &f.witness {
        let _ = writeln!(out, "    witness: {w}");
        match f.reproduces {
            Some(true) => {
                let _ = writeln!(out, "    (checked: the witness reproduces this)");
            }
            Some(false) => {
                let _ = writeln!(
                    out,
                    "    (warning: checking the witness did NOT reproduce this)"
                );
            }
            None => {}
        }
    }
    // An overlap's further rows, each with the cases it shares (the text summarises).
    let lines: Vec<String> = f
        .partners
        .iter()
        .flat_map(|p| {
            p.boxes.iter().map(move |b| {
                let case = if b.is_empty() {
                    "any".to_string()
                } else {
                    b.join(" and ")
                };
                format!("    with row {}: case: {case}", p.row)
            })
        })
        .collect();
    for line in lines.iter().take(BOXES_SHOWN) {
        let _ = writeln!(out, "{line}");
    }
    if lines.len() > BOXES_SHOWN {
        let _ = writeln!(
            out,
            "    ... and {} more boxes shared with other rows (every box: --format json)",
            lines.len() - BOXES_SHOWN
        );
    }
}

/// The lint results as text: findings, then what was not decided, then a summary line.
pub fn render_text(lint: &Lint) -> String {
    let mut out = String::new();
    for f in &lint.findings {
        finding(&mut out, f);
        out.push('\n');
    }
    if !lint.undecided.is_empty() {
        let _ = writeln!(out, "outside the decidable fragment (not analysed):");
        for u in &lint.undecided {
            let _ = writeln!(
                out,
                "    {}:{}:{}: {} ({}): {}",
                u.file, u.line, u.column, u.id, u.what, u.reason
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} finding{}, {} undecided, {} declarations analysed; largest case space decided: {} classes",
        lint.findings.len(),
        if lint.findings.len() == 1 { "" } else { "s" },
        lint.undecided.len(),
        lint.declarations,
        lint.largest_case_space
    );
    if lint.first_only {
        let _ = writeln!(
            out,
            "These are the first findings only (each routes table's first of each kind): the whole analysis may find more, and rules are not yet analysed."
        );
    }
    out
}
