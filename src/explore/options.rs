//! Options: which cases could be added to a document lawfully, with lawful default parameters, and the exact lawful range of each number, date or amount given the rest of the document.

use super::scan::{doc_ints, doc_other, field_facts, int_candidates, FieldRef};
use super::{default_value, error_rules, lawful, Explorer};
use crate::ir::{Type, Value};
use crate::phrases;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::BTreeSet;

/// What could be added to a document.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Options {
    /// The list explored (`requirements`).
    pub list: String,
    /// Whether the document is lawful as it stands.
    pub lawful_now: bool,
    /// The rules with error findings as it stands.
    pub errors_now: Vec<String>,
    pub cases: Vec<CaseOption>,
}

/// One case of the variant: can an item of it be added, with what, and how far each number goes.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CaseOption {
    pub case: String,
    /// An item of this case can be added without any new error finding.
    pub addable: bool,
    /// Adding `item` leaves the whole document lawful.
    pub lawful_after: bool,
    /// The item suggested (the lawful parameters found; the closest to lawful when not addable).
    pub item: Json,
    /// The rules that still give a new error finding with the best parameters found.
    pub blocked_by: Vec<String>,
    /// The lawful range of each int, decimal, money, percent or date parameter (addable only).
    pub params: Vec<ParamRange>,
}

/// The values of one parameter that keep the document free of new error findings, the other
/// parameters staying as in `item`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ParamRange {
    pub field: String,
    pub type_name: String,
    /// Disjoint spans, in order; empty when no value is lawful.
    pub lawful: Vec<Span>,
    /// For an optional parameter: whether leaving it empty is lawful.
    pub absent_lawful: Option<bool>,
    /// True when every rule that mentions the field compares it with constants or with values
    /// fixed by the rest of the document: the spans are then exact.
    pub exact: bool,
    /// Rules that use the field in some other way (a sum over items, say); the spans were
    /// tested at the candidate values but may miss a boundary these rules draw.
    pub outside_fragment: Vec<String>,
    /// How many values were tried.
    pub tested: usize,
}

/// A run of lawful values; `None` means no bound on that side from the rules.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Span {
    pub min: Option<Json>,
    pub max: Option<Json>,
    /// For people: `2 to 16 hours`, `at most 24 months`.
    pub display: String,
}

/// How a numeric parameter maps to integers: ints as they are, dates as days, amounts as
/// hundredths.
#[derive(Clone, Copy, Debug)]
enum Scale {
    Int,
    Date,
    Cents,
}

impl Scale {
    fn of(ty: &Type) -> Option<Scale> {
        match ty {
            Type::Int(_) => Some(Scale::Int),
            Type::Date => Some(Scale::Date),
            Type::Decimal | Type::Money | Type::Percent => Some(Scale::Cents),
            Type::Optional(t) => Scale::of(t),
            _ => None,
        }
    }

    fn value(self, k: i64) -> Option<Value> {
        match self {
            Scale::Int => Some(Value::Int(k)),
            Scale::Date => {
                NaiveDate::from_num_days_from_ce_opt(i32::try_from(k).ok()?).map(Value::Date)
            }
            Scale::Cents => Some(Value::Dec(Decimal::new(k, 2))),
        }
    }

    fn key_of_date(d: NaiveDate) -> i64 {
        i64::from(chrono::Datelike::num_days_from_ce(&d))
    }

    fn key_of_dec(d: Decimal) -> Option<i64> {
        use rust_decimal::prelude::ToPrimitive;
        d.checked_mul(Decimal::ONE_HUNDRED)?.round().to_i64()
    }
}

/// The key of an int, date or amount, as ranges count them (ints as they are, dates as days,
/// amounts as hundredths).
pub(super) fn key_of(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Date(d) => Some(Scale::key_of_date(*d)),
        Value::Dec(d) => Scale::key_of_dec(*d),
        _ => None,
    }
}

/// Scores candidate items appended to a fixed document.
pub(crate) struct Tuner<'e, 'p> {
    pub ex: &'e Explorer<'p>,
    pub doc: Value,
    pub baseline: BTreeSet<String>,
    prefix: String,
    ints: BTreeSet<i64>,
    decs: BTreeSet<Decimal>,
    dates: BTreeSet<NaiveDate>,
}

impl<'e, 'p> Tuner<'e, 'p> {
    pub fn new(ex: &'e Explorer<'p>, doc: &Value) -> Tuner<'e, 'p> {
        let report = ex.check(doc);
        let at = ex.items(doc).len();
        let mut ints = BTreeSet::new();
        doc_ints(doc, &mut ints);
        let (mut decs, mut dates) = (BTreeSet::new(), BTreeSet::new());
        doc_other(doc, &mut decs, &mut dates);
        Tuner {
            ex,
            doc: doc.clone(),
            baseline: error_rules(&report),
            prefix: ex.item_path(at),
            ints,
            decs,
            dates,
        }
    }

    fn doc_with(&self, item: &Value) -> Value {
        let mut items = self.ex.items(&self.doc).to_vec();
        items.push(item.clone());
        self.ex.with_items(&self.doc, items)
    }

    /// New error findings when `item` is appended: findings about the item, or of rules that
    /// gave none before. Second: whether the whole document is then lawful; third: how many
    /// rules give error findings in all.
    pub fn score(&self, item: &Value) -> (Vec<String>, bool, usize) {
        let report = self.ex.check(&self.doc_with(item));
        let mut new: BTreeSet<String> = BTreeSet::new();
        for f in &report.findings {
            if f.severity != crate::diag::Severity::Error {
                continue;
            }
            let touches = f.paths.iter().any(|p| {
                p == &self.prefix
                    || p.starts_with(&format!("{}.", self.prefix))
                    || p.starts_with(&format!("{}[", self.prefix))
            });
            if touches || !self.baseline.contains(&f.rule) {
                new.insert(f.rule.clone());
            }
        }
        if !report.errors.is_empty() {
            new.insert(super::EVAL_ERROR.to_string());
        }
        let total = error_rules(&report).len();
        (new.into_iter().collect(), lawful(&report), total)
    }

    /// The values worth trying for one field, most preferred first.
    pub fn candidates(&self, case: u32, field: u32, ty: &Type) -> Vec<Value> {
        self.candidates_for(self.item_ref(case, field), ty)
    }

    /// The values worth trying for a field of an item or of the root record.
    pub fn candidates_for(&self, fref: FieldRef, ty: &Type) -> Vec<Value> {
        let mut out = Vec::new();
        let inner = match ty {
            Type::Optional(t) => {
                out.push(Value::Absent);
                &**t
            }
            t => t,
        };
        let facts = field_facts(self.ex.program, fref, self.ex.list.index);
        match inner {
            Type::Bool => {
                out.push(Value::Bool(false));
                out.push(Value::Bool(true));
            }
            Type::Enum(e) => {
                let n = self
                    .ex
                    .schema()
                    .enum_def(*e)
                    .map_or(0, |d| d.values.len() as u32);
                out.extend((0..n).map(Value::Enum));
            }
            Type::Int(unit) => {
                // A document may not hold a negative number of hours, days or months.
                let floor = if *unit == crate::ir::Unit::Plain {
                    i64::MIN
                } else {
                    0
                };
                let mut c: Vec<i64> = int_candidates(&facts, &self.ints)
                    .into_iter()
                    .filter(|v| *v >= floor)
                    .collect();
                // Smallest positive first, then zero, then negatives (largest first).
                c.sort_by_key(|v| (*v <= 0, v.unsigned_abs()));
                out.extend(c.into_iter().map(Value::Int));
            }
            Type::Decimal | Type::Money | Type::Percent => {
                let mut c: BTreeSet<Decimal> = BTreeSet::new();
                for d in facts.decimals.iter().chain(self.decs.iter()) {
                    let step = Decimal::new(1, 2);
                    c.insert(*d);
                    c.extend(d.checked_sub(step));
                    c.extend(d.checked_add(step));
                }
                c.extend([Decimal::ZERO, Decimal::ONE]);
                let mut c: Vec<Decimal> = c.into_iter().collect();
                c.sort_by_key(|v| (*v <= Decimal::ZERO, v.abs()));
                out.extend(c.into_iter().map(Value::Dec));
            }
            Type::Date => {
                let mut c: BTreeSet<NaiveDate> = BTreeSet::new();
                for d in facts.dates.iter().chain(self.dates.iter()) {
                    c.insert(*d);
                    c.extend(d.pred_opt());
                    c.extend(d.succ_opt());
                }
                out.extend(c.into_iter().map(Value::Date));
            }
            other => out.push(default_value(self.ex.schema(), other, 0)),
        }
        out
    }

    pub fn item_ref(&self, case: u32, field: u32) -> FieldRef {
        let shared = self
            .ex
            .schema()
            .variant(self.ex.list.variant_id)
            .map_or(0, |v| v.shared as u32);
        FieldRef {
            variant: Some(self.ex.list.variant_id),
            case,
            field,
            shared,
        }
    }

    pub fn root_ref(field: u32) -> FieldRef {
        FieldRef {
            variant: None,
            case: 0,
            field,
            shared: 0,
        }
    }

    pub fn facts(&self, case: u32, field: u32) -> super::scan::FieldFacts {
        field_facts(
            self.ex.program,
            self.item_ref(case, field),
            self.ex.list.index,
        )
    }

    /// Choose parameters for an item of `case` that give the fewest new error findings
    /// (coordinate descent over each field's candidate values, a few passes).
    pub fn tune(&self, case: u32) -> (Value, Vec<String>, bool) {
        let Some(def) = self.ex.case_def(case) else {
            return (Value::Absent, vec!["unknown case".into()], false);
        };
        let cands: Vec<Vec<Value>> = def
            .fields
            .iter()
            .enumerate()
            .map(|(j, f)| self.candidates(case, j as u32, &f.ty))
            .collect();
        let mut fields: Vec<Value> = cands
            .iter()
            .zip(&def.fields)
            .map(|(c, f)| {
                c.first()
                    .cloned()
                    .unwrap_or_else(|| default_value(self.ex.schema(), &f.ty, 0))
            })
            .collect();
        let mut item = Value::Variant {
            case,
            fields: fields.clone(),
        };
        let mut best = self.score(&item);
        let facts: Vec<super::scan::FieldFacts> = (0..def.fields.len())
            .map(|j| self.facts(case, j as u32))
            .collect();
        for _pass in 0..3 {
            let mut changed = false;
            for (j, cs) in cands.iter().enumerate() {
                if best.0.is_empty() && best.1 {
                    break;
                }
                let solved = self.solved_candidates(case, j, &fields, &facts);
                for c in cs.iter().chain(solved.iter()) {
                    if fields.get(j) == Some(c) {
                        continue;
                    }
                    let mut trial = fields.clone();
                    if let Some(slot) = trial.get_mut(j) {
                        *slot = c.clone();
                    }
                    let cand = Value::Variant {
                        case,
                        fields: trial.clone(),
                    };
                    let s = self.score(&cand);
                    if (s.0.len(), !s.1, s.2) < (best.0.len(), !best.1, best.2) {
                        best = s;
                        fields = trial;
                        item = cand;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        (item, best.0, best.1)
    }

    /// Values of field `j` at the boundaries its comparisons with the draft's values draw, the
    /// item's other fields as in `fields` (`boundary.rs`).
    fn solved_candidates(
        &self,
        case: u32,
        j: usize,
        fields: &[Value],
        facts: &[super::scan::FieldFacts],
    ) -> Vec<Value> {
        let (Some(facts), Some(def)) = (facts.get(j), self.ex.case_def(case)) else {
            return Vec::new();
        };
        let Some(ty) = def.fields.get(j).map(|f| &f.ty) else {
            return Vec::new();
        };
        let Some(scale) = Scale::of(ty) else {
            return Vec::new();
        };
        if facts.relative.is_empty() {
            return Vec::new();
        }
        let item = Value::Variant {
            case,
            fields: fields.to_vec(),
        };
        let is_int = matches!(scale, Scale::Int);
        let unit = matches!(ty, Type::Int(u) if *u != crate::ir::Unit::Plain)
            || matches!(ty, Type::Optional(t) if matches!(**t, Type::Int(u) if u != crate::ir::Unit::Plain));
        let (keys, _) =
            super::boundary::solved_keys(facts, &self.doc_with(&item), &item, j, is_int);
        keys.into_iter()
            .filter(|k| !unit || *k >= 0)
            .filter_map(|k| scale.value(k))
            .collect()
    }

    /// The lawful values of field `j` of `item` (no new error finding), exact between the
    /// candidate values.
    pub fn range(&self, item: &Value, j: usize) -> Option<ParamRange> {
        let Value::Variant { case, fields } = item else {
            return None;
        };
        let def = self.ex.case_def(*case)?;
        let field = def.fields.get(j)?;
        let scale = Scale::of(&field.ty)?;
        let facts = self.facts(*case, j as u32);
        let keys: BTreeSet<i64> = self
            .candidates(*case, j as u32, &field.ty)
            .iter()
            .filter_map(|v| match (scale, v) {
                (Scale::Int, Value::Int(i)) => Some(*i),
                (Scale::Date, Value::Date(d)) => Some(Scale::key_of_date(*d)),
                (Scale::Cents, Value::Dec(d)) => Scale::key_of_dec(*d),
                _ => None,
            })
            .collect();
        // Hours, days and months are never negative in a document (0 is always a candidate).
        let non_negative = matches!(
            &field.ty,
            Type::Int(u) if *u != crate::ir::Unit::Plain
        ) || matches!(
            &field.ty,
            Type::Optional(t) if matches!(**t, Type::Int(u) if u != crate::ir::Unit::Plain)
        );
        // Boundaries solved from the draft's own values (`boundary.rs`).
        let is_int = matches!(scale, Scale::Int);
        let (mut solved, unsolved) =
            super::boundary::solved_keys(&facts, &self.doc_with(item), item, j, is_int);
        if facts.across {
            solved.extend(super::boundary::own_keys(item));
        }
        let mut keys = keys;
        keys.extend(solved.into_iter().filter(|k| !non_negative || *k >= 0));
        let mut outside = facts.outside.clone();
        outside.extend(unsolved);
        let keys: Vec<i64> = keys.into_iter().collect();
        let mut tested = 0usize;
        let mut ok_at = |k: i64| -> bool {
            let Some(v) = scale.value(k) else {
                return false;
            };
            let mut f = fields.clone();
            if let Some(slot) = f.get_mut(j) {
                *slot = v;
            }
            tested += 1;
            self.score(&Value::Variant {
                case: *case,
                fields: f,
            })
            .0
            .is_empty()
        };
        // Segments: (lo, hi, lawful) with None for an unbounded side.
        let mut segs: Vec<(Option<i64>, Option<i64>, bool)> = Vec::new();
        if let (Some(first), Some(last)) = (keys.first().copied(), keys.last().copied()) {
            if !non_negative {
                let below = first.saturating_sub(1);
                segs.push((None, Some(below), ok_at(below)));
            }
            for (i, k) in keys.iter().enumerate() {
                segs.push((Some(*k), Some(*k), ok_at(*k)));
                if let Some(next) = keys.get(i + 1) {
                    if next.saturating_sub(*k) > 1 {
                        let inside = k.saturating_add(1);
                        segs.push((Some(inside), Some(next.saturating_sub(1)), ok_at(inside)));
                    }
                }
            }
            let above = last.saturating_add(1);
            segs.push((Some(above), None, ok_at(above)));
        }
        let mut spans: Vec<(Option<i64>, Option<i64>)> = Vec::new();
        for (lo, hi, ok) in segs {
            if !ok {
                continue;
            }
            match spans.last_mut() {
                Some(last)
                    if last
                        .1
                        .is_some_and(|h| h.checked_add(1).is_some_and(|n| lo == Some(n))) =>
                {
                    last.1 = hi
                }
                _ => spans.push((lo, hi)),
            }
        }
        let absent_lawful = match field.ty {
            Type::Optional(_) => {
                let mut f = fields.clone();
                if let Some(slot) = f.get_mut(j) {
                    *slot = Value::Absent;
                }
                Some(
                    self.score(&Value::Variant {
                        case: *case,
                        fields: f,
                    })
                    .0
                    .is_empty(),
                )
            }
            _ => None,
        };
        let schema = self.ex.schema();
        let inner_ty = match &field.ty {
            Type::Optional(t) => (**t).clone(),
            t => t.clone(),
        };
        let show = |k: i64| {
            scale.value(k).map_or(String::new(), |v| {
                crate::eval::render::display(&v, &inner_ty, schema)
            })
        };
        let json = |k: i64| {
            scale
                .value(k)
                .map(|v| crate::eval::render::json(&v, &inner_ty, schema))
        };
        let language = schema.language;
        let lawful = spans
            .into_iter()
            .map(|(lo, hi)| Span {
                min: lo.and_then(json),
                max: hi.and_then(json),
                display: match (lo, hi) {
                    (Some(a), Some(b)) if a == b => show(a),
                    (Some(0), Some(b)) if non_negative => {
                        phrases::RANGE_AT_MOST.say(language, &[&show(b)])
                    }
                    (Some(0), None) if non_negative => phrases::RANGE_ANY.say(language, &[]),
                    (Some(a), Some(b)) => {
                        phrases::RANGE_FROM_TO.say(language, &[&show(a), &show(b)])
                    }
                    (Some(a), None) => phrases::RANGE_AT_LEAST.say(language, &[&show(a)]),
                    (None, Some(b)) => phrases::RANGE_AT_MOST.say(language, &[&show(b)]),
                    (None, None) => phrases::RANGE_ANY.say(language, &[]),
                },
            })
            .collect();
        Some(ParamRange {
            field: field.name.clone(),
            type_name: schema.type_name(&field.ty),
            lawful,
            absent_lawful,
            exact: outside.is_empty(),
            outside_fragment: outside.into_iter().collect(),
            tested,
        })
    }
}

impl Explorer<'_> {
    /// For a document, every case that could be added lawfully and the lawful range of each of
    /// its numeric parameters.
    pub fn options(&self, doc: &Value) -> Options {
        let tuner = Tuner::new(self, doc);
        let mut cases = Vec::new();
        for (c, name) in self.list.cases.iter().enumerate() {
            let case = c as u32;
            let (item, blocked, lawful_after) = tuner.tune(case);
            let addable = blocked.is_empty();
            let mut params = Vec::new();
            if addable {
                if let Some(def) = self.case_def(case) {
                    for j in 0..def.fields.len() {
                        if let Some(r) = tuner.range(&item, j) {
                            params.push(r);
                        }
                    }
                }
            }
            cases.push(CaseOption {
                case: name.clone(),
                addable,
                lawful_after,
                item: self.item_json(&item),
                blocked_by: blocked,
                params,
            });
        }
        Options {
            list: self.list.field.clone(),
            lawful_now: tuner.baseline.is_empty(),
            errors_now: tuner.baseline.iter().cloned().collect(),
            cases,
        }
    }

    /// Options for a JSON document.
    pub fn options_json(&self, json: &Json) -> Result<Options, super::Refusal> {
        Ok(self.options(&self.read(json)?))
    }

    /// Default lawful items for each case against `doc` with its list emptied: the parameters
    /// that give the fewest error findings. Returns (item, rules still failing) per case.
    pub(crate) fn defaults(&self, doc: &Value) -> (Value, Vec<(Value, Vec<String>)>) {
        let base = self.with_items(doc, Vec::new());
        let tuner = Tuner::new(self, &base);
        let items = (0..self.list.cases.len() as u32)
            .map(|c| {
                let (item, blocked, _) = tuner.tune(c);
                (item, blocked)
            })
            .collect();
        (base, items)
    }
}
