//! The timeline of a document: the period it runs for and how long each item of its list lasts,
//! read from the fields the rulebook marks `as start` and `as duration` (nothing about community
//! orders is known here), with the library's calendar doing the arithmetic.

use super::{CheckOutcome, Session};
use crate::diag::Diagnostic;
use crate::explore::Explorer;
use crate::ir::{Field, FieldRole, Type, Unit, Value};

use crate::report::Report;
use chrono::NaiveDate;
use serde::Serialize;

/// How long something lasts, as the document gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Length {
    pub amount: i64,
    /// `days`, `weeks`, `months` or `years`.
    pub unit: Unit,
    /// For people: `12 months`, `1 day`.
    pub display: String,
}

/// One item of the document's list on the timeline.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TimelineItem {
    /// Where it is in the document (`requirements[2]`).
    pub path: String,
    /// Its case (`curfew`).
    pub case: String,
    /// How long it lasts, when its case has a field `as duration` and the document fills it;
    /// otherwise it lasts as long as the whole period.
    pub lasts: Option<Length>,
    /// The day it ends (start plus its length), when the start is known.
    pub until: Option<NaiveDate>,
    /// Days from the start to `until`, for drawing to scale.
    pub days: Option<i64>,
    /// Whether a finding points at this item or inside it.
    pub flagged: bool,
}

/// A dated event of the document (an item of a list `ordered by` a date), in document order.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TimelineEvent {
    /// Where it is in the document (`events[0]`).
    pub path: String,
    /// Its case (`breach`), or the list's record type for a list of records.
    pub case: String,
    pub date: NaiveDate,
    /// Whether a finding points at this event or inside it.
    pub flagged: bool,
}

/// A check and its document's timeline (`None` when the document was refused).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CheckedWithTimeline {
    pub outcome: CheckOutcome,
    pub timeline: Option<Timeline>,
}

/// A document's period and its items, for drawing.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Timeline {
    /// The field the period starts on (`sentence_date`), if the rulebook marks one.
    pub start_field: Option<String>,
    pub start: Option<NaiveDate>,
    /// The field that says how long the period lasts (`length`), if the rulebook marks one.
    pub length_field: Option<String>,
    pub length: Option<Length>,
    /// Start plus length, by the library's calendar (a month on from 31 January is the last
    /// day of February).
    pub end: Option<NaiveDate>,
    /// Days from start to end, for drawing to scale.
    pub days: Option<i64>,
    pub items: Vec<TimelineItem>,
    /// The dated events of every list the rulebook orders by a date, in date order.
    pub events: Vec<TimelineEvent>,
}

impl Session {
    /// The timeline of a document given as JSON text, with the items its check flags.
    pub fn timeline(&self, text: &str) -> Result<Timeline, Vec<Diagnostic>> {
        let checked = self.check_with_timeline(text);
        match checked.timeline {
            Some(t) => Ok(t),
            None => Err(checked.outcome.diagnostics),
        }
    }

    /// A check and the timeline of the same document, read and checked once (the order
    /// checker draws both on every change).
    pub fn check_with_timeline(&self, text: &str) -> CheckedWithTimeline {
        let (mut checked, keys) = self.check_with_timeline_keyed(text);
        checked.outcome.caveats = keys.into_iter().filter_map(|k| self.caveat(k)).collect();
        checked
    }

    /// `check_with_timeline` with the caveats by key (see `check_text_keyed`).
    pub fn check_with_timeline_keyed(&self, text: &str) -> (CheckedWithTimeline, Vec<usize>) {
        match crate::doc::read_str(self.program(), text) {
            Ok(doc) => {
                let (outcome, keys) = self.check_read_keyed(&doc);
                let timeline = outcome.report.as_ref().map(|r| self.timeline_of(&doc, r));
                (CheckedWithTimeline { outcome, timeline }, keys)
            }
            Err(diagnostics) => (
                CheckedWithTimeline {
                    outcome: CheckOutcome::from(Err(diagnostics)),
                    timeline: None,
                },
                Vec::new(),
            ),
        }
    }

    fn timeline_of(&self, doc: &Value, report: &Report) -> Timeline {
        let schema = &self.program().schema;
        let root: &[Field] = schema
            .record(self.program().document_type)
            .map_or(&[], |r| &r.fields);
        let Value::Record(values) = doc else {
            return Timeline::default();
        };
        let start_at = role_field(root, FieldRole::Start);
        let length_at = role_field(root, FieldRole::Duration);
        let start = start_at.and_then(|i| match values.get(i) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        });
        let length = length_at.and_then(|i| length_of(root.get(i)?, values.get(i)?));
        let end = start.zip(length.as_ref()).and_then(|(s, l)| after(s, l));
        let mut items = Vec::new();
        if let Ok(ex) = Explorer::new(self.program(), None) {
            for (i, item) in ex.items(doc).iter().enumerate() {
                items.push(timeline_item(&ex, i, item, start, report));
            }
        }
        Timeline {
            start_field: start_at.and_then(|i| root.get(i)).map(|f| f.name.clone()),
            start,
            length_field: length_at.and_then(|i| root.get(i)).map(|f| f.name.clone()),
            length,
            end,
            days: start.zip(end).map(|(s, e)| (e - s).num_days()),
            items,
            events: self.events(root, values, report),
        }
    }

    /// The items of the root's lists that are ordered by a date field, each with its date.
    fn events(&self, root: &[Field], values: &[Value], report: &Report) -> Vec<TimelineEvent> {
        let schema = &self.program().schema;
        let mut out = Vec::new();
        for (f, v) in root.iter().zip(values) {
            let (Some(at), Value::List(items)) = (f.ordered_by, v) else {
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                let (case, fields) = match item {
                    Value::Variant { case, fields } => {
                        let name = match list_item(&f.ty) {
                            Some(Type::Variant(v, _)) => schema
                                .variant(*v)
                                .and_then(|d| d.cases.get(*case as usize))
                                .map_or(String::new(), |c| c.name.clone()),
                            _ => String::new(),
                        };
                        (name, fields)
                    }
                    Value::Record(fields) => (String::new(), fields),
                    _ => continue,
                };
                let Some(Value::Date(date)) = fields.get(at as usize) else {
                    continue;
                };
                let path = format!("{}[{i}]", f.name);
                out.push(TimelineEvent {
                    flagged: flags(report, &path),
                    path,
                    case,
                    date: *date,
                });
            }
        }
        out.sort_by_key(|e| e.date);
        out
    }
}

/// The item type of a (possibly optional) list type.
fn list_item(ty: &Type) -> Option<&Type> {
    match ty {
        Type::Optional(t) => list_item(t),
        Type::List(t) => Some(t),
        _ => None,
    }
}

/// Whether a finding points at `path` or inside it.
fn flags(report: &Report, path: &str) -> bool {
    let inside = |p: &str| {
        p.strip_prefix(path)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    };
    report
        .findings
        .iter()
        .any(|f| f.paths.iter().any(|p| inside(p)))
}

fn timeline_item(
    ex: &Explorer<'_>,
    i: usize,
    item: &Value,
    start: Option<NaiveDate>,
    report: &Report,
) -> TimelineItem {
    let path = ex.item_path(i);
    let (case, lasts) = match item {
        Value::Variant { case, fields } => {
            let def = ex.case_def(*case);
            let lasts = def.and_then(|d| {
                let at = role_field(&d.fields, FieldRole::Duration)?;
                length_of(d.fields.get(at)?, fields.get(at)?)
            });
            (def.map_or(String::new(), |d| d.name.clone()), lasts)
        }
        _ => (String::new(), None),
    };
    let until = start.zip(lasts.as_ref()).and_then(|(s, l)| after(s, l));
    TimelineItem {
        flagged: flags(report, &path),
        days: start.zip(until).map(|(s, e)| (e - s).num_days()),
        until,
        lasts,
        case,
        path,
    }
}

/// The first field with this role.
fn role_field(fields: &[Field], role: FieldRole) -> Option<usize> {
    fields.iter().position(|f| f.role == Some(role))
}

/// A duration field's value with its unit (absent when the document leaves it out).
fn length_of(field: &Field, value: &Value) -> Option<Length> {
    let unit = match &field.ty {
        Type::Int(u) => *u,
        Type::Optional(t) => match **t {
            Type::Int(u) => u,
            _ => return None,
        },
        _ => return None,
    };
    let Value::Int(amount) = value else {
        return None;
    };
    Some(Length {
        amount: *amount,
        unit,
        display: crate::eval::render::display(value, &Type::Int(unit), &Default::default()),
    })
}

/// The day a length after `start` ends, by the library's calendar.
fn after(start: NaiveDate, l: &Length) -> Option<NaiveDate> {
    let days = |n: i64| start.checked_add_signed(chrono::TimeDelta::try_days(n)?);
    match l.unit {
        Unit::Days => days(l.amount),
        Unit::Weeks => days(l.amount.checked_mul(7)?),
        Unit::Months => crate::eval::add_months(start, l.amount),
        Unit::Years => crate::eval::add_months(start, l.amount.checked_mul(12)?),
        Unit::Plain | Unit::Hours => None,
    }
}
