//! Timetable clashes: timed requirements and the offender's declared commitments laid on a repeating week, with overlaps, daily and weekly totals, and totals over given limits.
//!
//! The shipped community-orders schema records only a curfew's daily `from`/`until` and the
//! offender's usual `works_or_studies_from`/`until`: no weekdays, no unpaid work sessions, no
//! appointments. So the algorithm works on an explicit [`Timetable`]; [`from_document`] builds
//! one from whatever time pairs a document does hold (every day of the week).
//!
//! For the rulebook to drive the whole week itself it would need (names as a suggestion):
//! - `enum Weekday { mon, tue, wed, thu, fri, sat, sun }` and
//!   `record Session { day: Weekday, from: time, until: time }`;
//! - `curfew { ..., days: list of Weekday }` (or `sessions: list of Session` where the hours
//!   differ from day to day), beside the existing `from`/`until`;
//! - `sessions: list of Session` on `unpaid_work`, `programme`, `attendance_centre`,
//!   `rehabilitation_activity`, `mental_health_treatment`, `drug_rehabilitation` and
//!   `alcohol_treatment` (appointments);
//! - on `Offender`, `commitments: list of Commitment` with
//!   `record Commitment { kind: CommitmentKind, day: Weekday, from: time, until: time }` and
//!   `enum CommitmentKind { work, education, religious_observance, other_order }`
//!   (Sentencing Act 2020, s.208(5)), replacing `works_or_studies_from`/`until`.
//!
//! The limits (curfew hours in a day and in 7 days) are already constants in the rules.

use super::Explorer;
use crate::ir::{Type, Value};
use serde::{Deserialize, Serialize};

const DAY: u32 = 24 * 60;
const WEEK: u32 = 7 * DAY;
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Timetable {
    pub entries: Vec<Entry>,
    #[serde(default)]
    pub limits: Vec<Limit>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Something the order requires at a time: curfew hours, an unpaid work session, a
    /// programme or treatment appointment, attendance centre.
    Requirement,
    /// What the offender has declared: work, education, religious observance, another order.
    Commitment,
}

/// One repeating period: on each of `days`, from `from` until `until` (`HH:MM`; an `until`
/// not after `from` runs past midnight into the next day).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Entry {
    pub label: String,
    pub kind: EntryKind,
    /// `mon` .. `sun`; empty means every day.
    #[serde(default)]
    pub days: Vec<String>,
    pub from: String,
    pub until: String,
}

/// A limit on the entries with a label: hours in one period (one day's), and hours a week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Limit {
    pub label: String,
    #[serde(default)]
    pub per_day_hours: Option<u32>,
    #[serde(default)]
    pub per_week_hours: Option<u32>,
    /// The rule or statute the limit comes from, for the report.
    #[serde(default)]
    pub cite: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TimetableReport {
    pub clashes: Vec<Clash>,
    pub totals: Vec<Total>,
    pub over_limits: Vec<OverLimit>,
    /// The week as a grid: for each day, the blocks on it (split at midnight).
    pub grid: Vec<DayRow>,
}

/// Two entries at the same time on one day.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Clash {
    pub a: String,
    pub b: String,
    pub day: String,
    pub from: String,
    pub until: String,
    pub minutes: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Total {
    pub label: String,
    /// Longest single period, in minutes.
    pub longest_minutes: u32,
    /// Minutes in the week (overlapping periods of one label counted once).
    pub week_minutes: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OverLimit {
    pub label: String,
    /// `per_day` or `per_week`.
    pub limit: String,
    pub limit_hours: u32,
    pub actual_minutes: u32,
    pub cite: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DayRow {
    pub day: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Block {
    pub label: String,
    pub kind: EntryKind,
    pub from: String,
    /// `24:00` for a block that runs to midnight.
    pub until: String,
}

fn parse_time(s: &str) -> Result<u32, String> {
    crate::dates::read_time(s)
        .map(u32::from)
        .ok_or_else(|| format!("`{s}` is not a time of day (HH:MM)"))
}

fn show(minute_of_week: u32) -> String {
    crate::dates::hh_mm(u16::try_from(minute_of_week % DAY).unwrap_or_default())
}

fn day_name(minute_of_week: u32) -> String {
    DAYS.get(((minute_of_week / DAY) % 7) as usize)
        .copied()
        .unwrap_or("mon")
        .to_string()
}

/// Half-open minute-of-week intervals of an entry (split at the week's end).
fn segments(e: &Entry) -> Result<Vec<(u32, u32)>, String> {
    let from = parse_time(&e.from)?;
    let until = parse_time(&e.until)?;
    let length = if until > from {
        until - from
    } else {
        until + DAY - from
    };
    let days: Vec<u32> = if e.days.is_empty() {
        (0..7).collect()
    } else {
        let mut v = Vec::new();
        for d in &e.days {
            let i = DAYS
                .iter()
                .position(|x| x.eq_ignore_ascii_case(d))
                .ok_or_else(|| format!("`{d}` is not a day (mon .. sun)"))?;
            v.push(i as u32);
        }
        v
    };
    let mut out = Vec::new();
    for d in days {
        let start = d * DAY + from;
        let end = start + length;
        if end <= WEEK {
            out.push((start, end));
        } else {
            out.push((start, WEEK));
            out.push((0, end - WEEK));
        }
    }
    Ok(out)
}

/// The minutes covered by a set of intervals (overlaps counted once).
fn union_minutes(mut v: Vec<(u32, u32)>) -> u32 {
    v.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(u32, u32)> = None;
    for (a, b) in v {
        cur = match cur {
            Some((x, y)) if a <= y => Some((x, y.max(b))),
            Some((x, y)) => {
                total += y - x;
                Some((a, b))
            }
            None => Some((a, b)),
        };
    }
    total + cur.map_or(0, |(x, y)| y - x)
}

impl Timetable {
    /// Lay the entries on the week: clashes (a requirement overlapping another requirement or a
    /// commitment), totals, and totals over the limits.
    pub fn analyse(&self) -> Result<TimetableReport, super::Refusal> {
        let mut segs = Vec::new();
        for e in &self.entries {
            segs.push(
                segments(e).map_err(|m| super::refuse("X0006", format!("{}: {m}", e.label)))?,
            );
        }
        let mut clashes = Vec::new();
        for (i, a) in self.entries.iter().enumerate() {
            for (j, b) in self.entries.iter().enumerate().skip(i + 1) {
                if a.kind == EntryKind::Commitment && b.kind == EntryKind::Commitment {
                    continue;
                }
                let (Some(sa), Some(sb)) = (segs.get(i), segs.get(j)) else {
                    continue;
                };
                let mut overlaps: Vec<(u32, u32)> = Vec::new();
                for &(x1, y1) in sa {
                    for &(x2, y2) in sb {
                        let (lo, hi) = (x1.max(x2), y1.min(y2));
                        if lo < hi {
                            overlaps.push((lo, hi));
                        }
                    }
                }
                overlaps.sort_unstable();
                for (lo, hi) in overlaps {
                    clashes.push(Clash {
                        a: a.label.clone(),
                        b: b.label.clone(),
                        day: day_name(lo),
                        from: show(lo),
                        until: if hi % DAY == 0 {
                            "24:00".into()
                        } else {
                            show(hi)
                        },
                        minutes: hi - lo,
                    });
                }
            }
        }
        let mut labels: Vec<&str> = Vec::new();
        for e in &self.entries {
            if !labels.contains(&e.label.as_str()) {
                labels.push(&e.label);
            }
        }
        let mut totals = Vec::new();
        for l in &labels {
            let mine: Vec<(u32, u32)> = self
                .entries
                .iter()
                .zip(&segs)
                .filter(|(e, _)| e.label == *l)
                .flat_map(|(_, s)| s.iter().copied())
                .collect();
            let longest = self
                .entries
                .iter()
                .filter(|e| e.label == *l)
                .filter_map(|e| {
                    let (f, u) = (parse_time(&e.from).ok()?, parse_time(&e.until).ok()?);
                    Some(if u > f { u - f } else { u + DAY - f })
                })
                .max()
                .unwrap_or(0);
            totals.push(Total {
                label: l.to_string(),
                longest_minutes: longest,
                week_minutes: union_minutes(mine),
            });
        }
        let mut over = Vec::new();
        for lim in &self.limits {
            let Some(t) = totals.iter().find(|t| t.label == lim.label) else {
                continue;
            };
            if let Some(h) = lim
                .per_day_hours
                .filter(|h| t.longest_minutes > h.saturating_mul(60))
            {
                over.push(OverLimit {
                    label: lim.label.clone(),
                    limit: "per_day".into(),
                    limit_hours: h,
                    actual_minutes: t.longest_minutes,
                    cite: lim.cite.clone(),
                });
            }
            if let Some(h) = lim
                .per_week_hours
                .filter(|h| t.week_minutes > h.saturating_mul(60))
            {
                over.push(OverLimit {
                    label: lim.label.clone(),
                    limit: "per_week".into(),
                    limit_hours: h,
                    actual_minutes: t.week_minutes,
                    cite: lim.cite.clone(),
                });
            }
        }
        let mut grid: Vec<DayRow> = DAYS
            .iter()
            .map(|d| DayRow {
                day: d.to_string(),
                blocks: Vec::new(),
            })
            .collect();
        for (e, s) in self.entries.iter().zip(&segs) {
            for &(a, b) in s {
                let mut x = a;
                while x < b {
                    let day_end = (x / DAY + 1) * DAY;
                    let y = b.min(day_end);
                    if let Some(row) = grid.get_mut((x / DAY) as usize) {
                        row.blocks.push(Block {
                            label: e.label.clone(),
                            kind: e.kind,
                            from: show(x),
                            until: if y == day_end {
                                "24:00".into()
                            } else {
                                show(y)
                            },
                        });
                    }
                    x = y;
                }
            }
        }
        for row in &mut grid {
            row.blocks
                .sort_by(|a, b| a.from.cmp(&b.from).then(a.label.cmp(&b.label)));
        }
        Ok(TimetableReport {
            clashes,
            totals,
            over_limits: over,
            grid,
        })
    }
}

/// The time pairs a typed document holds, as a timetable that repeats every day: each item of
/// the explored list with a `from`/`until` (or `<x>_from`/`<x>_until`) pair of times is a
/// requirement named by its case's label (`Curfew`; `Curfew (item 3)` when the list holds more
/// than one of that case); each such pair in a record outside the list
/// (`offender.works_or_studies_from`) is a commitment named by its two fields' labels
/// (`Usual start/end of work or study`). Labels are in the program's language.
pub fn from_document(ex: &Explorer<'_>, doc: &Value) -> Timetable {
    let mut t = Timetable::default();
    let schema = ex.schema();
    let language = schema.language;
    let items = ex.items(doc);
    let case_of = |item: &Value| match item {
        Value::Variant { case, .. } => Some(*case),
        _ => None,
    };
    for (i, item) in items.iter().enumerate() {
        let Value::Variant { case, fields } = item else {
            continue;
        };
        let Some(def) = ex.case_def(*case) else {
            continue;
        };
        let name = def
            .words
            .label
            .clone()
            .unwrap_or_else(|| def.name.replace('_', " "));
        let several = items.iter().filter(|x| case_of(x) == Some(*case)).count() > 1;
        let name = if several {
            crate::phrases::TIMED_ITEM.say(language, &[&name, &(i + 1).to_string()])
        } else {
            name
        };
        for (pair, from, until) in time_pairs(fields, &def.fields) {
            let label = if pair.prefix.is_empty() {
                name.clone()
            } else {
                crate::phrases::ON_ITEM.say(language, &[&name, &pair.words])
            };
            t.entries.push(Entry {
                label,
                kind: EntryKind::Requirement,
                days: Vec::new(),
                from,
                until,
            });
        }
    }
    if let Some(root) = schema.record(ex.program.document_type) {
        records(schema, doc, &root.fields, true, ex.list.index, &mut t);
    }
    t
}

fn records(
    schema: &crate::ir::Schema,
    v: &Value,
    fields: &[crate::ir::Field],
    root: bool,
    skip: usize,
    t: &mut Timetable,
) {
    let Value::Record(values) = v else { return };
    for (pair, from, until) in time_pairs(values, fields) {
        t.entries.push(Entry {
            label: pair.words,
            kind: EntryKind::Commitment,
            days: Vec::new(),
            from,
            until,
        });
    }
    for (j, (f, val)) in fields.iter().zip(values).enumerate() {
        if root && j == skip {
            continue;
        }
        if let Type::Record(r) = &f.ty {
            if let Some(def) = schema.record(*r) {
                records(schema, val, &def.fields, false, usize::MAX, t);
            }
        }
    }
}

/// A pair of set times in words: the labels of its two fields run together where they share
/// words (`Usual start of work or study` and `Usual end of work or study` -> `Usual start/end of
/// work or study`), else its name made readable.
pub(crate) fn pair_words(
    from: &crate::ir::Field,
    until: &crate::ir::Field,
    prefix: &str,
) -> String {
    let (Some(a), Some(b)) = (from.words.label.as_deref(), until.words.label.as_deref()) else {
        return prefix.trim_end_matches('_').replace('_', " ");
    };
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let head = wa.iter().zip(&wb).take_while(|(x, y)| x == y).count();
    let rest = |w: &[&str]| -> Vec<String> { w.iter().skip(head).map(|s| s.to_string()).collect() };
    let (ra, rb) = (rest(&wa), rest(&wb));
    let tail = ra
        .iter()
        .rev()
        .zip(rb.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mid = |r: &[String]| r.iter().take(r.len() - tail).cloned().collect::<Vec<_>>();
    let (mid_a, mid_b) = (mid(&ra), mid(&rb));
    if mid_a.is_empty() || mid_b.is_empty() || (head == 0 && tail == 0) {
        return format!("{a} – {b}");
    }
    let mut out: Vec<String> = wa.iter().take(head).map(|w| w.to_string()).collect();
    out.push(format!("{}/{}", mid_a.join(" "), mid_b.join(" ")));
    out.extend(ra.iter().skip(ra.len() - tail).cloned());
    out.join(" ")
}

/// The fields that pair as set times, `from`/`until` or `<x>_from`/`<x>_until` (both `time` or
/// `optional time`): (`""` or `<x>_`, index of from, index of until). The one home of what the
/// timetable reads as a pair of times.
pub(crate) fn time_pair_fields(fields: &[crate::ir::Field]) -> Vec<(String, usize, usize)> {
    let is_time = |f: &crate::ir::Field| {
        matches!(&f.ty, Type::Time) || f.ty == Type::Optional(Box::new(Type::Time))
    };
    let mut out = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let Some(prefix) = f.name.strip_suffix("from") else {
            continue;
        };
        let until = format!("{prefix}until");
        let Some(j) = fields.iter().position(|g| g.name == until) else {
            continue;
        };
        if fields.get(j).is_some_and(is_time) && is_time(f) {
            out.push((prefix.to_string(), i, j));
        }
    }
    out
}

/// The names of the time pairs among `fields` (`""` for `from`/`until`, `x` for
/// `x_from`/`x_until`; see `time_pair_fields`).
pub(crate) fn time_pair_names(fields: &[crate::ir::Field]) -> Vec<String> {
    time_pair_fields(fields)
        .into_iter()
        .map(|(p, _, _)| p.trim_end_matches('_').to_string())
        .collect()
}

/// One pair of set times among a record's or case's fields.
struct Pair {
    /// `""` or `<x>_`.
    prefix: String,
    /// The pair in words (`pair_words`).
    words: String,
}

/// Pairs of set times with both values present: (the pair, from, until).
fn time_pairs(values: &[Value], fields: &[crate::ir::Field]) -> Vec<(Pair, String, String)> {
    let mut out = Vec::new();
    for (prefix, i, j) in time_pair_fields(fields) {
        if let (Some(Value::Time(a)), Some(Value::Time(b))) = (values.get(i), values.get(j)) {
            let words = match (fields.get(i), fields.get(j)) {
                (Some(f), Some(u)) => pair_words(f, u, &prefix),
                _ => prefix.clone(),
            };
            out.push((
                Pair { prefix, words },
                crate::dates::hh_mm(*a),
                crate::dates::hh_mm(*b),
            ));
        }
    }
    out
}
