//! Boundaries solved from the draft: where a rule compares a field with a value the draft holds
//! (`r.hours_per_week <= r.hours_per_day * 7`, `r.end <= order.start + 12 months`,
//! `v.w <= doc.m + 14`), the other side is evaluated on the draft and the comparison solved for
//! the field, so a lawful range tries the value where the rule's answer changes.

use super::options::key_of;
use super::scan::FieldFacts;
use crate::ir::Value;
use std::collections::BTreeSet;

/// The keys (ints as they are, dates as days, amounts as hundredths) on either side of every
/// boundary `facts.relative` draws on field `j` of `item`, appended to the draft as `doc`; and
/// the declarations whose boundary could not be solved (the range is then not exact).
pub(crate) fn solved_keys(
    facts: &FieldFacts,
    doc: &Value,
    item: &Value,
    j: usize,
    is_int: bool,
) -> (BTreeSet<i64>, BTreeSet<String>) {
    let mut keys = BTreeSet::new();
    let mut unsolved = BTreeSet::new();
    let Value::Variant { case, fields } = item else {
        return (keys, unsolved);
    };
    // The item with the field at 1: the field side then gives its multiplier.
    let mut unit_fields = fields.clone();
    if let Some(slot) = unit_fields.get_mut(j) {
        if is_int {
            *slot = Value::Int(1);
        }
    }
    let unit_item = Value::Variant {
        case: *case,
        fields: unit_fields,
    };
    for r in &facts.relative {
        let other = crate::eval::value_with(&r.other, doc, &[(r.slot, item)]);
        let boundary = match other {
            // No value to compare with (an empty optional field): the comparison's answer does
            // not move with the field.
            Some(Value::Absent) => continue,
            Some(v) => v,
            None => {
                unsolved.insert(r.decl.clone());
                continue;
            }
        };
        let Some(at) = key_of(&boundary) else {
            unsolved.insert(r.decl.clone());
            continue;
        };
        // field * k against at: the last value on one side is at / k rounded down or up
        // (`<=` and `>` change between floor and floor + 1, `<` and `>=` between ceil - 1 and
        // ceil); trying floor and floor + 1, each with its neighbours, covers every operator
        // and either sign of k.
        let k = if is_int {
            match crate::eval::value_with(&r.field_side, doc, &[(r.slot, &unit_item)]) {
                Some(Value::Int(k)) => k,
                // The field is defaulted away (`x ?? field` with x present): no boundary.
                Some(_) => continue,
                None => {
                    unsolved.insert(r.decl.clone());
                    continue;
                }
            }
        } else {
            1
        };
        if k == 0 {
            continue;
        }
        let floor = at.div_euclid(k);
        for q in [floor, floor.saturating_add(1)] {
            for d in [-1i64, 0, 1] {
                keys.extend(q.checked_add(d));
            }
        }
    }
    (keys, unsolved)
}

/// Keys of every number, amount and date the item itself holds (a rule comparing the field with
/// a field of any item meets the new item's own values too).
pub(crate) fn own_keys(item: &Value) -> BTreeSet<i64> {
    let mut out = BTreeSet::new();
    if let Value::Variant { fields, .. } = item {
        for f in fields {
            out.extend(key_of(f));
        }
    }
    out
}
