//! The combination explorer through the door: each question about one document, and the week
//! laid out from the times it holds with what the schema can and cannot time.

use super::Session;
use crate::explore::{
    self, timetable, Edit, Explorer, Fixes, ListInfo, Matrix, Options, Refusal, Sweep, Timetable,
    TimetableReport,
};
use crate::ir::{Field, Schema, Type};
use serde::Serialize;
use serde_json::Value as Json;

/// The week laid out from the times a document holds, and what the schema can time at all.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExploredTimetable {
    pub entries: Vec<timetable::Entry>,
    pub report: TimetableReport,
    /// Cases of the explored list with a `from`/`until` pair of times (e.g. `curfew`).
    pub timed_cases: Vec<String>,
    /// Cases with no times at all (no sessions or appointments).
    pub untimed_cases: Vec<String>,
    /// Paths of the time pairs outside the list (e.g. `offender.works_or_studies`).
    pub timed_records: Vec<String>,
    /// The same pairs in words, from their fields' labels (`Usual start/end of work or study`).
    pub timed_record_words: Vec<String>,
    /// Whether any enum of the schema names the days of the week (none do: every day).
    pub has_weekdays: bool,
}

impl Session {
    /// The lists of variant items the documents have (the explorer explores one).
    pub fn explore_lists(&self) -> Vec<ListInfo> {
        explore::variant_lists(self.program())
    }

    /// The explorer over the first list of variant items, or the one named.
    fn explorer(&self, list: Option<&str>) -> Result<Explorer<'_>, Refusal> {
        Explorer::new(self.program(), list)
    }

    /// Every case that could still be added lawfully, and the lawful range of each number.
    pub fn explore_options(&self, doc: &Json, list: Option<&str>) -> Result<Options, Refusal> {
        self.explorer(list)?.options_json(doc)
    }

    /// The smallest sets of edits that make the document lawful, smallest first, each verified.
    pub fn explore_fixes(&self, doc: &Json, list: Option<&str>) -> Result<Fixes, Refusal> {
        self.explorer(list)?.fixes_json(doc)
    }

    /// The fixes, also proposing an added item (a requirement) when `add_items`: a court does
    /// not add one to satisfy a rule about another unless it chooses to.
    pub fn explore_fixes_with(
        &self,
        doc: &Json,
        list: Option<&str>,
        add_items: bool,
    ) -> Result<Fixes, Refusal> {
        self.explorer(list)?
            .fixes_json_with(doc, explore::FixOptions { add_items })
    }

    /// Which pairs of cases may be combined for the document's facts, and the rules that forbid.
    pub fn explore_matrix(&self, doc: &Json, list: Option<&str>) -> Result<Matrix, Refusal> {
        self.explorer(list)?.matrix_json(doc)
    }

    /// Every combination of cases for the document's facts: how many are lawful, and why not.
    /// `direct` checks every combination in full instead of by decomposition (a cross-check).
    pub fn explore_sweep(
        &self,
        doc: &Json,
        list: Option<&str>,
        direct: bool,
    ) -> Result<Sweep, Refusal> {
        let ex = self.explorer(list)?;
        let doc = ex.read(doc)?;
        if direct {
            ex.sweep_direct(&doc, None)
        } else {
            ex.sweep(&doc, None)
        }
    }

    /// The week laid out from the times the document holds: clashes, totals and the grid.
    pub fn explore_timetable(
        &self,
        doc: &Json,
        list: Option<&str>,
    ) -> Result<ExploredTimetable, Refusal> {
        let ex = self.explorer(list)?;
        let doc = ex.read(doc)?;
        let t = timetable::from_document(&ex, &doc);
        let report = t.analyse()?;
        let schema = &self.program().schema;
        let (mut timed_cases, mut untimed_cases) = (Vec::new(), Vec::new());
        if let Some(v) = schema.variant(ex.list.variant_id) {
            for c in &v.cases {
                if timetable::time_pair_names(&c.fields).is_empty() {
                    untimed_cases.push(c.name.clone());
                } else {
                    timed_cases.push(c.name.clone());
                }
            }
        }
        let mut pairs = Vec::new();
        if let Some(root) = schema.record(self.program().document_type) {
            let skip = Some(ex.list.index);
            records_with_times(schema, &root.fields, "", skip, 0, &mut pairs);
        }
        let (timed_records, timed_record_words) = pairs.into_iter().unzip();
        Ok(ExploredTimetable {
            entries: t.entries,
            report,
            timed_cases,
            untimed_cases,
            timed_records,
            timed_record_words,
            has_weekdays: names_weekdays(schema),
        })
    }
}

/// Lay an explicit timetable (entries and limits) on a week.
pub fn timetable_report(t: &Timetable) -> Result<TimetableReport, Refusal> {
    t.analyse()
}

/// Apply edits (a fix's `edits`) in order to a copy of a document; the refusal names the edit
/// that could not be applied.
pub fn apply_edits(doc: &Json, edits: &[Edit]) -> Result<Json, Refusal> {
    explore::apply_edits(doc, edits)
}

fn names_weekdays(schema: &Schema) -> bool {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    schema.enums.iter().any(|e| {
        DAYS.iter().all(|d| {
            e.values
                .iter()
                .any(|v| v.to_ascii_lowercase().starts_with(d))
        })
    })
}

/// Record paths (from the root, skipping the explored list) holding a time pair, each with the
/// pair in words.
fn records_with_times(
    schema: &Schema,
    fields: &[Field],
    path: &str,
    skip: Option<usize>,
    depth: usize,
    out: &mut Vec<(String, String)>,
) {
    if depth > 16 {
        return;
    }
    for (prefix, i, j) in timetable::time_pair_fields(fields) {
        let (Some(from), Some(until)) = (fields.get(i), fields.get(j)) else {
            continue;
        };
        let p = prefix.trim_end_matches('_');
        out.push((
            format!("{path}{p}").trim_end_matches('.').to_string(),
            timetable::pair_words(from, until, &prefix),
        ));
    }
    for (j, f) in fields.iter().enumerate() {
        if Some(j) == skip {
            continue;
        }
        let inner = match &f.ty {
            Type::Optional(t) => &**t,
            t => t,
        };
        if let Type::Record(r) = inner {
            if let Some(def) = schema.record(*r) {
                let sub = format!("{path}{}.", f.name);
                records_with_times(schema, &def.fields, &sub, None, depth + 1, out);
            }
        }
    }
}
