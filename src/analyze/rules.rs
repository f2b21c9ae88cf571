// Rules and conflicts: conditions that never hold, requirements that never or always fail, contradictory and redundant pairs of rules, and dead periods in force.

use super::lower::{Binding, Lowerer, Outside, BOX_LIMIT};
use super::space::{and, minus, try_meets, Cube, Dnf, Root, Space};
use super::{found, show, undecided, Lint, LintKind};
use crate::diag::Span;
use crate::ir::{Binder, Meta, Node, NodeKind, Program, Rule, Type, Value};
use crate::report::Report;

/// What the analysis knows of one rule version.
struct Known<'p> {
    meta: &'p Meta,
    span: Span,
    /// Items that `for each` binds, which a witness must hold.
    items: Vec<Root>,
    /// Where the rule applies: in force, items of the bound cases, and `when`.
    applies: Dnf,
    /// Where it applies and `require` holds / fails (`None` when `require` was not lowered).
    passes: Option<Dnf>,
    fails: Option<Dnf>,
    /// `require false`: a note that fires wherever the rule applies, by design.
    note: bool,
    /// Lists a quantifier over every item ranges over (only the items this rule's documents
    /// hold), and lists this rule's documents hold items of.
    every_item_lists: Vec<Vec<std::sync::Arc<str>>>,
    item_lists: Vec<Vec<std::sync::Arc<str>>>,
    /// Lists of enum values this rule reads as counts per value (never compared with a rule
    /// that holds their items one by one).
    counted_lists: Vec<Vec<std::sync::Arc<str>>>,
    /// Whether a quantifier asks for items to exist (items of its own, which no other rule's
    /// documents need hold).
    asked: bool,
    /// For a rule lowered only approximately (a date moved by months): `applies`, `passes` and
    /// `fails` above over-approximate, and these under-approximate them (every document in
    /// them really is such a case).
    under: Option<Under>,
    /// Why the rule was lowered only approximately, if it was (then it is never the rule shown
    /// to contain another's findings, and a pair finding needs a document that reproduces it).
    approximate: Option<Outside>,
}

/// The under-approximated regions of an approximate rule (see `Known::under`).
struct Under {
    applies: Dnf,
    passes: Dnf,
    fails: Dnf,
    items: Vec<Root>,
}

impl Known<'_> {
    /// Whether one rule's quantifier over every item of a list would miss the other's items of
    /// it, so that the two cannot be compared on one case space.
    fn escapes(&self, other: &Known) -> bool {
        self.every_item_lists
            .iter()
            .chain(&self.counted_lists)
            .any(|l| other.item_lists.contains(l))
    }
}

fn fires(id: &str) -> impl Fn(&Report) -> bool + '_ {
    move |r: &Report| r.findings.iter().any(|f| f.rule == id)
}

fn too_many(span: Span) -> Outside {
    Outside {
        reason: "too many cases to expand".into(),
        span,
    }
}

/// Bind every `for each` item, and the box of the cases they are narrowed to.
fn bind_items(
    low: &mut Lowerer,
    binders: &[(u32, String, &Node, Option<u32>)],
) -> Result<(Vec<Root>, Cube), Outside> {
    let mut items = Vec::new();
    let mut cases = Cube::universe();
    for (slot, name, list, case) in binders {
        let Some((Root::Document, path, list_label)) = low.place(list) else {
            return Err(Outside {
                reason: format!("`{name}` runs over a list that is not a path from the document"),
                span: list.span,
            });
        };
        let ordinal = items
            .iter()
            .filter(|r| matches!(r, Root::Item { list: l, case: c, .. } if *l == path && c == case))
            .count() as u32;
        let root = Root::Item {
            list: path,
            case: *case,
            ordinal,
        };
        let elem = match &list.ty {
            Type::List(t) => match **t {
                Type::Variant(v, _) => Type::Variant(v, *case),
                ref t => t.clone(),
            },
            t => t.clone(),
        };
        // Items are named by their list and case, not by the binder's name, so that two rules
        // binding the same item read the same in a finding.
        let case_name = match (&elem, case) {
            (Type::Variant(v, _), Some(c)) => low
                .program
                .schema
                .variant(*v)
                .and_then(|d| d.cases.get(*c as usize))
                .map_or_else(|| name.clone(), |d| d.name.clone()),
            _ => "any".to_string(),
        };
        let nth = if ordinal > 0 {
            format!(" #{}", ordinal + 1)
        } else {
            String::new()
        };
        low.bind(
            *slot,
            Binding {
                root: root.clone(),
                label: format!("{list_label}[{case_name}{nth}]"),
            },
        );
        if let (Type::Variant(_, _), Some(c)) = (&elem, case) {
            let item = Node {
                kind: NodeKind::Var(*slot),
                ty: elem.clone(),
                span: list.span,
            };
            let k = low.case_cube(&item, *c)?;
            cases = cases
                .intersect(&k, &low.space)
                .ok_or_else(|| too_many(list.span))?;
        }
        items.push(root);
    }
    Ok((items, cases))
}

fn in_force(low: &mut Lowerer, meta: &Meta, by: Option<&Node>) -> Result<Dnf, Outside> {
    match by {
        Some(by) => low.period(by, meta.in_force.from, meta.in_force.until),
        None => Ok(vec![Cube::universe()]),
    }
}

fn rule_one<'p>(
    program: &'p Program,
    low: &mut Lowerer<'p>,
    rule: &'p Rule,
    out: &mut Lint,
) -> Option<Known<'p>> {
    let id = rule.meta.id.as_str();
    let binders: Vec<(u32, String, &Node, Option<u32>)> = rule
        .binders
        .iter()
        .map(|b: &Binder| (b.slot, b.name.clone(), &b.list, b.case))
        .collect();
    let setup = bind_items(low, &binders).and_then(|(items, cases)| {
        let period = in_force(low, &rule.meta, rule.by.as_ref())?;
        Ok((items, cases, period))
    });
    let (mut items, cases, period) = match setup {
        Ok(s) => {
            low.begin(&s.0);
            s
        }
        Err(why) => {
            out.undecided.push(undecided(program, id, "the rule", &why));
            return None;
        }
    };
    let when_span = rule.when.as_ref().map_or(rule.meta.span, |w| w.span);
    let when = match &rule.when {
        Some(w) => match low.condition(w, true) {
            Ok(d) => {
                // Items the `when` asks to exist are held by every witness, like bound ones.
                items.extend(low.end_when(d.len()));
                d
            }
            Err(why) => {
                out.undecided.push(undecided(program, id, "when", &why));
                return None;
            }
        },
        None => vec![Cube::universe()],
    };
    let space = &low.space;
    let expanded = and(&when, std::slice::from_ref(&cases), space, BOX_LIMIT)
        .and_then(|u| Some((and(&u, &period, space, BOX_LIMIT)?, u)));
    let Some((applies, unbounded)) = expanded else {
        out.undecided
            .push(undecided(program, id, "when", &too_many(when_span)));
        return None;
    };
    let mut cubes: Vec<&Cube> = applies.iter().collect();
    if applies.is_empty() {
        let message = if unbounded.is_empty() {
            "Its `when` can never hold, so the rule never applies.".to_string()
        } else {
            "Its `when` can never hold while the rule is in force, so the rule never applies."
                .to_string()
        };
        out.findings.push(found(
            program,
            LintKind::NeverApplies,
            &rule.meta,
            when_span,
            message,
            None,
        ));
        return None;
    }
    let note = matches!(
        rule.require.as_ref().map(|r| &r.kind),
        Some(NodeKind::Const(Value::Bool(false)))
    );
    let mut known = Known {
        meta: &rule.meta,
        span: rule.meta.span,
        items,
        applies: applies.clone(),
        passes: None,
        fails: None,
        note,
        every_item_lists: low.every_item_lists.clone(),
        item_lists: low.item_lists.clone(),
        counted_lists: low.counted_lists.clone(),
        asked: low.asked,
        under: None,
        approximate: low.approximate.clone(),
    };
    let Some(require) = &rule.require else {
        known.fails = Some(applies.clone());
        known.passes = Some(Vec::new());
        return Some(known);
    };
    if note {
        known.fails = Some(applies);
        known.passes = Some(Vec::new());
        return Some(known);
    }
    low.begin_part();
    let lowered = low.condition(require, true).and_then(|yes| {
        low.begin_part();
        Ok((yes, low.condition(require, false)?))
    });
    let (holds, breaks) = match lowered {
        Ok(x) => {
            // Items the failing part asks for (`not all`, `count(...) == 0` failing) are held
            // by the witnesses of the rule's findings.
            known.items.extend(low.end_part());
            x
        }
        Err(why) => {
            out.undecided.push(undecided(program, id, "require", &why));
            return Some(known);
        }
    };
    let space = &low.space;
    let passes = and(&applies, &holds, space, BOX_LIMIT);
    let fails = and(&applies, &breaks, space, BOX_LIMIT);
    let (Some(passes), Some(fails)) = (passes, fails) else {
        out.undecided
            .push(undecided(program, id, "require", &too_many(require.span)));
        return Some(known);
    };
    cubes.extend(holds.iter());
    out.largest_case_space = out.largest_case_space.max(super::case_space(&cubes, space));
    if holds.is_empty() || passes.is_empty() {
        let (kind, message) = if holds.is_empty() {
            (
                LintKind::RequireUnsatisfiable,
                "Its `require` can never hold: every document it applies to breaks it.",
            )
        } else {
            (
                LintKind::AlwaysFails,
                "Its `require` fails whenever the rule applies: every document it applies to breaks it.",
            )
        };
        let shown = match low.approximate.is_some() {
            // Shown where the rule surely applies (under-approximated), when it can.
            true => {
                low.under = true;
                let under = lower_under(low, rule, &binders);
                low.under = false;
                match under {
                    Ok((ua, _, _, ui)) if !ua.is_empty() => {
                        show(program, &low.space, &ua, &ui, &fires(id))
                    }
                    _ => show(program, &low.space, &applies, &known.items, &fires(id)),
                }
            }
            false => show(program, space, &applies, &known.items, &fires(id)),
        };
        if let (Some(why), false) = (&low.approximate, shown.reproduces == Some(true)) {
            // Proved from an over-approximation of where it holds, but no document showed it.
            out.undecided.push(undecided(program, id, "require", why));
            return None;
        }
        out.findings.push(found(
            program,
            kind,
            &rule.meta,
            require.span,
            message.to_string(),
            Some(shown),
        ));
    } else if fails.is_empty() {
        out.findings.push(found(
            program,
            LintKind::NeverFires,
            &rule.meta,
            require.span,
            "Its `require` holds whenever the rule applies, so the rule can never give a finding."
                .to_string(),
            None,
        ));
        // Approximated: that it applies at all needs a document that surely does.
        if let Some(why) = low.approximate.clone() {
            let sure = under_regions(low, rule, &binders).is_ok_and(|u| !u.applies.is_empty());
            if !sure {
                out.undecided.push(undecided(program, id, "when", &why));
            }
        }
    }
    let decided = !passes.is_empty() && !fails.is_empty();
    known.passes = Some(passes);
    known.fails = Some(fails);
    known.every_item_lists = low.every_item_lists.clone();
    known.item_lists = low.item_lists.clone();
    known.counted_lists = low.counted_lists.clone();
    known.asked = low.asked;
    known.approximate = low.approximate.clone();
    match (low.approximate.clone(), decided) {
        // Approximated: that it can pass and fail needs documents that really do.
        (Some(why), true) => match confirm_under(program, low, rule, &binders, why) {
            Ok(under) => known.under = Some(under),
            Err(why) => {
                out.undecided.push(undecided(program, id, "require", &why));
                known.passes = None;
                known.fails = None;
            }
        },
        // A finding of its own: the under-approximation still serves pairs.
        (Some(_), false) => known.under = under_regions(low, rule, &binders).ok(),
        (None, _) => {}
    }
    Some(known)
}

/// A rule lowered approximately, lowered again under-approximating (`Lowerer::under`): its
/// regions, when some document both passes and fails it there (the failing one checked by
/// running it); else why not, for the undecided list.
fn confirm_under<'p>(
    program: &'p Program,
    low: &mut Lowerer<'p>,
    rule: &'p Rule,
    binders: &[(u32, String, &Node, Option<u32>)],
    why: Outside,
) -> Result<Under, Outside> {
    let under = under_regions(low, rule, binders)?;
    let unconfirmed = |what: &str| Outside {
        reason: format!(
            "{}; no document {what} was found within the bounds",
            why.reason
        ),
        span: why.span,
    };
    if under.passes.is_empty() {
        return Err(unconfirmed("meeting it"));
    }
    if under.fails.is_empty() {
        return Err(unconfirmed("breaking it"));
    }
    let shown = show(
        program,
        &low.space,
        &under.fails,
        &under.items,
        &fires(&rule.meta.id),
    );
    if shown.reproduces != Some(true) {
        return Err(unconfirmed("breaking it (checked)"));
    }
    Ok(under)
}

/// A rule's regions lowered under-approximating (`Lowerer::under`).
fn under_regions<'p>(
    low: &mut Lowerer<'p>,
    rule: &'p Rule,
    binders: &[(u32, String, &Node, Option<u32>)],
) -> Result<Under, Outside> {
    low.under = true;
    let lowered = lower_under(low, rule, binders);
    low.under = false;
    let (applies, passes, fails, items) = lowered?;
    Ok(Under {
        applies,
        passes,
        fails,
        items,
    })
}

type Regions = (Dnf, Dnf, Dnf, Vec<Root>);

/// Where a rule applies, passes and fails, lowered as `rule_one` does (with the lowerer's mode).
fn lower_under<'p>(
    low: &mut Lowerer<'p>,
    rule: &'p Rule,
    binders: &[(u32, String, &Node, Option<u32>)],
) -> Result<Regions, Outside> {
    let (mut items, cases) = bind_items(low, binders)?;
    let period = in_force(low, &rule.meta, rule.by.as_ref())?;
    low.begin(&items);
    let span = rule.meta.span;
    let when = match &rule.when {
        Some(w) => {
            let d = low.condition(w, true)?;
            items.extend(low.end_when(d.len()));
            d
        }
        None => vec![Cube::universe()],
    };
    let space = &low.space;
    let applies = and(&when, std::slice::from_ref(&cases), space, BOX_LIMIT)
        .and_then(|u| and(&u, &period, space, BOX_LIMIT))
        .ok_or_else(|| too_many(span))?;
    let Some(require) = &rule.require else {
        return Err(too_many(span));
    };
    low.begin_part();
    let holds = low.condition(require, true)?;
    low.begin_part();
    let breaks = low.condition(require, false)?;
    items.extend(low.end_part());
    let space = &low.space;
    let passes = and(&applies, &holds, space, BOX_LIMIT).ok_or_else(|| too_many(span))?;
    let fails = and(&applies, &breaks, space, BOX_LIMIT).ok_or_else(|| too_many(span))?;
    Ok((applies, passes, fails, items))
}

fn conflict_one<'p>(
    program: &'p Program,
    low: &mut Lowerer<'p>,
    c: &'p crate::ir::Conflict,
    out: &mut Lint,
) {
    let Some(when) = &c.when else { return };
    let id = c.meta.id.as_str();
    let case_of = |name: &str| {
        let Type::List(t) = &c.list.ty else {
            return None;
        };
        let Type::Variant(v, _) = **t else {
            return None;
        };
        program
            .schema
            .variant(v)?
            .cases
            .iter()
            .position(|x| x.name == name)
            .map(|i| i as u32)
    };
    let binders = vec![
        (c.left.0, c.left.1.clone(), &c.list, case_of(&c.left.1)),
        (c.right.0, c.right.1.clone(), &c.list, case_of(&c.right.1)),
    ];
    low.approximate = None;
    let lowered = bind_items(low, &binders).and_then(|(_, cases)| {
        let period = in_force(low, &c.meta, c.by.as_ref())?;
        let w = low.condition(when, true)?;
        let space = &low.space;
        let w = and(&w, &[cases], space, BOX_LIMIT).ok_or_else(|| too_many(when.span))?;
        and(&w, &period, space, BOX_LIMIT).ok_or_else(|| too_many(when.span))
    });
    match lowered {
        Ok(d) if d.is_empty() => out.findings.push(found(
            program,
            LintKind::NeverApplies,
            &c.meta,
            when.span,
            "Its `when` can never hold for any pair, so the conflict is never found.".into(),
            None,
        )),
        Ok(_) => {
            // Only an over-approximation was shown to hold somewhere.
            if let Some(why) = low.approximate.take() {
                out.undecided.push(undecided(program, id, "when", &why));
            }
        }
        Err(why) => out.undecided.push(undecided(program, id, "when", &why)),
    }
}

/// Why two rules, at least one approximate, are not known to be met together somewhere where
/// both apply: `None` when a document in both under-approximations meets both.
fn unconfirmed_jointly<'a>(space: &Space, a: &'a Known, b: &'a Known) -> Option<&'a Outside> {
    let why = a.approximate.as_ref().or(b.approximate.as_ref())?;
    // An approximate rule without an under-approximation has no region known to meet it.
    let region = |k: &Known| match (&k.under, &k.approximate) {
        (Some(u), _) => Some(u.passes.clone()),
        (None, Some(_)) => None,
        (None, None) => k.passes.clone(),
    };
    let met = region(a)
        .zip(region(b))
        .and_then(|(x, y)| try_meets(&x, &y, space));
    match met {
        Some(true) => None,
        _ => Some(why),
    }
}

fn empty(d: Option<Dnf>) -> bool {
    d.is_some_and(|d| d.is_empty())
}

/// Where a rule surely fails: its findings, or for an approximate rule those of its
/// under-approximation (its over-approximation only shows where it does not).
fn sure_fails<'k>(x: &'k Known) -> Option<&'k Dnf> {
    match (&x.approximate, &x.under) {
        (None, _) => x.fails.as_ref(),
        (Some(_), Some(u)) => Some(&u.fails),
        (Some(_), None) => None,
    }
}

fn within(a: &Dnf, b: &Dnf, space: &Space) -> bool {
    !super::hull::surely_not_within(a, b, space) && empty(minus(a, b, space, BOX_LIMIT))
}

/// Contradiction: where both rules apply, each can be met alone but not both together.
fn contradiction(program: &Program, space: &Space, a: &Known, b: &Known, out: &mut Lint) {
    let (false, false, Some(pa), Some(pb)) = (a.note, b.note, &a.passes, &b.passes) else {
        return;
    };
    let what = format!("contradiction with `{}`", a.meta.id);
    let mut too_many_cases = || {
        let why = too_many(b.span);
        out.undecided
            .push(super::undecided(program, &b.meta.id, &what, &why));
    };
    // Each rule's `passes` lies where it applies, so both are met together wherever the two
    // `passes` meet: asked first, as it needs only one meeting pair of boxes, not the products.
    match try_meets(pa, pb, space) {
        Some(false) => {}
        Some(true) => {
            // Both met somewhere in the over-approximation: an approximate rule needs a
            // document that really meets both.
            if let Some(why) = unconfirmed_jointly(space, a, b) {
                out.undecided
                    .push(super::undecided(program, &b.meta.id, &what, why));
            }
            return;
        }
        None => return too_many_cases(),
    }
    // Never met together: a contradiction if somewhere they both apply, each can be met.
    match (
        try_meets(pa, &b.applies, space),
        try_meets(pb, &a.applies, space),
    ) {
        (Some(true), Some(true)) => {}
        (Some(false), _) | (_, Some(false)) => return,
        _ => return too_many_cases(),
    }
    let Some(both) = and(&a.applies, &b.applies, space, BOX_LIMIT) else {
        return too_many_cases();
    };
    let (ida, idb) = (a.meta.id.clone(), b.meta.id.clone());
    // An approximate rule's cases shown where it surely applies.
    let sure = |k: &Known| match &k.under {
        Some(u) => (u.applies.clone(), u.items.clone()),
        None => (k.applies.clone(), k.items.clone()),
    };
    let ((sa, ia), (sb, ib)) = (sure(a), sure(b));
    let sure_both = and(&sa, &sb, space, BOX_LIMIT)
        .filter(|d| !d.is_empty() && (a.under.is_some() || b.under.is_some()));
    let (shown_cases, mut shown_items) = match sure_both {
        Some(d) => (d, [ia, ib].concat()),
        None => (both, [a.items.clone(), b.items.clone()].concat()),
    };
    super::order::sort_dedup(&mut shown_items);
    let shown = show(program, space, &shown_cases, &shown_items, &|r: &Report| {
        r.findings.iter().any(|f| f.rule == ida || f.rule == idb)
    });
    let approximate = a.approximate.as_ref().or(b.approximate.as_ref());
    if let (Some(why), false) = (approximate, shown.reproduces == Some(true)) {
        out.undecided
            .push(super::undecided(program, &b.meta.id, &what, why));
        return;
    }
    let mut f = found(
        program,
        LintKind::Contradiction,
        b.meta,
        b.span,
        format!(
            "`{}` and `{}` cannot both be met: in these cases every document breaks one of them.",
            a.meta.id, b.meta.id
        ),
        Some(shown),
    );
    f.others = vec![a.meta.id.clone()];
    out.findings.push(f);
}

/// Contradictions and redundancy between two rules (never two versions of one rule).
fn pairs(program: &Program, space: &Space, known: &[Known], out: &mut Lint) {
    for (j, b) in known.iter().enumerate() {
        for a in known.iter().take(j) {
            if a.meta.id == b.meta.id || a.escapes(b) || b.escapes(a) {
                continue;
            }
            contradiction(program, space, a, b, out);
            // Redundancy: every finding of one is also a finding of the other.
            if a.meta.severity != b.meta.severity {
                continue;
            }
            let (Some(fa), Some(fb)) = (&a.fails, &b.fails) else {
                continue;
            };
            if fa.is_empty() || fb.is_empty() {
                continue;
            }
            let holds_items = |x: &Known, y: &Known| y.items.iter().all(|r| x.items.contains(r));
            // The boxes of a rule with a quantifier stand for documents holding just the items
            // named: a document with more may escape a quantifier over every item, and one
            // with fewer may lack an item a quantifier asks for. So such a rule is never the
            // one whose findings are shown to contain another's.
            let plain = |x: &Known| x.every_item_lists.is_empty() && !x.asked;
            // An approximate rule contains another's findings where its under-approximation
            // does (its over-approximation only shows where it does not).
            let contains = |x: &Known, fx: &Dnf, y: &Known| {
                holds_items(x, y)
                    && plain(y)
                    && sure_fails(y).is_some_and(|fy| within(fx, fy, space))
            };
            let a_in_b = contains(a, fa, b);
            let b_in_a = contains(b, fb, a);
            for (x, y, contained) in [(a, b, a_in_b), (b, a, b_in_a)] {
                // With an approximate rule, not shown contained: a document breaking `x` and
                // not `y` must really exist (`x` surely failing, `y` not even over-approximately).
                let why = x.approximate.as_ref().or(y.approximate.as_ref());
                let (Some(why), false, true, Some(fy)) =
                    (why, contained, plain(y) && holds_items(x, y), &y.fails)
                else {
                    continue;
                };
                let escapes = sure_fails(x).is_some_and(|fx| !within(fx, fy, space));
                if !escapes {
                    out.undecided.push(super::undecided(
                        program,
                        &x.meta.id,
                        &format!("redundancy with `{}`", y.meta.id),
                        why,
                    ));
                }
            }
            let (redundant, by, cases) = match (a_in_b, b_in_a) {
                (_, true) => (b, a, fb),
                (true, false) => (a, b, fa),
                _ => continue,
            };
            let (rid, bid) = (redundant.meta.id.clone(), by.meta.id.clone());
            // An approximate rule's findings shown where it surely fails.
            let (cases, shown_items) = match &redundant.under {
                Some(u) if !u.fails.is_empty() => (&u.fails, &u.items),
                _ => (cases, &redundant.items),
            };
            let shown = show(program, space, cases, shown_items, &|r: &Report| {
                r.findings.iter().any(|f| f.rule == rid) && r.findings.iter().any(|f| f.rule == bid)
            });
            if let (Some(why), false) = (&redundant.approximate, shown.reproduces == Some(true)) {
                out.undecided.push(super::undecided(
                    program,
                    &redundant.meta.id,
                    &format!("redundancy with `{}`", by.meta.id),
                    why,
                ));
                continue;
            }
            let mut f = found(
                program,
                LintKind::Redundant,
                redundant.meta,
                redundant.span,
                format!(
                    "Every document that breaks `{}` also breaks `{}` (same severity), so `{}` adds nothing.",
                    redundant.meta.id, by.meta.id, redundant.meta.id
                ),
                Some(shown),
            );
            f.others = vec![by.meta.id.clone()];
            out.findings.push(f);
        }
    }
}

/// Versions whose period in force is empty, or lies wholly inside another version's with the
/// same chooser date. (The checker refuses both today; this guards programs built otherwise.)
fn dead_periods(program: &Program, out: &mut Lint) {
    let decls: Vec<(&Meta, Option<&Node>)> = program
        .rules
        .iter()
        .map(|r| (&r.meta, r.by.as_ref()))
        .chain(program.conflicts.iter().map(|c| (&c.meta, c.by.as_ref())))
        .chain(program.routes.iter().map(|t| (&t.meta, t.by.as_ref())))
        .chain(program.derives.iter().map(|d| (&d.meta, d.by.as_ref())))
        .collect();
    for (i, (m, by)) in decls.iter().enumerate() {
        let p = m.in_force;
        if let (Some(f), Some(u)) = (p.from, p.until) {
            if f > u {
                out.findings.push(found(
                    program,
                    LintKind::DeadPeriod,
                    m,
                    m.span,
                    format!("Its period in force ends ({u}) before it starts ({f}), so it is never in force."),
                    None,
                ));
                continue;
            }
        }
        let by_text = by.map(|n| program.text(n.span));
        for (k, (other, other_by)) in decls.iter().enumerate() {
            if k == i || other.id != m.id || other_by.map(|n| program.text(n.span)) != by_text {
                continue;
            }
            let q = other.in_force;
            let starts = match (q.from, p.from) {
                (None, _) => true,
                (Some(a), Some(b)) => a <= b,
                (Some(_), None) => false,
            };
            let ends = match (q.until, p.until) {
                (None, _) => true,
                (Some(a), Some(b)) => a >= b,
                (Some(_), None) => false,
            };
            if starts && ends && (q != p || k < i) {
                let (file, line, _, _) = super::locate(program, other.span);
                out.findings.push(found(
                    program,
                    LintKind::DeadPeriod,
                    m,
                    m.span,
                    format!(
                        "Its period in force lies wholly within that of the version at {file}:{line}."
                    ),
                    None,
                ));
                break;
            }
        }
    }
}

pub fn all(program: &Program, out: &mut Lint) {
    let mut low = Lowerer::new(program);
    let mut known = Vec::new();
    for rule in &program.rules {
        out.declarations += 1;
        if let Some(k) = rule_one(program, &mut low, rule, out) {
            known.push(k);
        }
    }
    for c in &program.conflicts {
        out.declarations += 1;
        conflict_one(program, &mut low, c, out);
    }
    pairs(program, &low.space, &known, out);
    dead_periods(program, out);
}
