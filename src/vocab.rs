//! Low floor: the small vocabulary every stage shares (periods in force, rulebook identity, hit
//! policies, aggregate operators), so that `ir` and `report` need not import each other or the
//! syntax tree.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a routes table chooses among the rows that hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum HitPolicy {
    Unique,
    Any,
    First,
    Priority,
}

/// The kinds of declaration a rulebook holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    Rule,
    Conflict,
    Routes,
    Derive,
}

/// A field's part in the timeline of a document (see `ir::Field`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldRole {
    /// The date the document's period starts (a `date` field of the document's own record).
    Start,
    /// How long the document's period, or a list item, lasts (a days, weeks, months or years
    /// field).
    Duration,
}

impl FieldRole {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldRole::Start => "start",
            FieldRole::Duration => "duration",
        }
    }
}

impl RuleKind {
    /// The kind in words, as diagnostics name it ("routes table").
    pub fn noun(self) -> &'static str {
        match self {
            RuleKind::Rule => "rule",
            RuleKind::Conflict => "conflict",
            RuleKind::Routes => "routes table",
            RuleKind::Derive => "derived value",
        }
    }
}

/// How the law of one declaration version was checked: `verified` with the source read (address
/// and version date), or `unverified` with why it could not be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Verification {
    pub verified: bool,
    /// The source read, or the reason it was not read.
    pub note: String,
}

impl Verification {
    /// "verified" or "unverified", as written in the rule.
    pub fn word(&self) -> &'static str {
        if self.verified {
            "verified"
        } else {
            "unverified"
        }
    }
}

/// An operator over the items of a list (`any`, `count`, `sum`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AggOp {
    Any,
    All,
    Count,
    Sum,
    Min,
    Max,
}

impl AggOp {
    pub fn as_str(self) -> &'static str {
        match self {
            AggOp::Any => "any",
            AggOp::All => "all",
            AggOp::Count => "count",
            AggOp::Sum => "sum",
            AggOp::Min => "min",
            AggOp::Max => "max",
        }
    }
}

/// Inclusive dates between which a rule is law; `None` is open-ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Period {
    #[cfg_attr(
        not(test),
        serde(deserialize_with = "crate::ir::serial::optional_iso_date")
    )]
    pub from: Option<NaiveDate>,
    #[cfg_attr(
        not(test),
        serde(deserialize_with = "crate::ir::serial::optional_iso_date")
    )]
    pub until: Option<NaiveDate>,
}

impl Period {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.until.is_none_or(|u| d <= u)
    }

    pub fn overlaps(&self, other: &Period) -> bool {
        let starts_before_other_ends = match (self.from, other.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        };
        let other_starts_before_self_ends = match (other.from, self.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_self_ends
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RulebookInfo {
    pub name: String,
    pub version: String,
    pub title: String,
    pub file: String,
    /// SHA-256 of the file's text, so a report can be tied to the exact rules that made it.
    pub sha256: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn periods_are_inclusive_at_both_ends() {
        let p = Period {
            from: d("2012-12-03"),
            until: d("2022-06-27"),
        };
        assert!(p.contains(d("2012-12-03").unwrap_or_default()));
        assert!(p.contains(d("2022-06-27").unwrap_or_default()));
        assert!(!p.contains(d("2022-06-28").unwrap_or_default()));
        let next = Period {
            from: d("2022-06-28"),
            until: None,
        };
        assert!(!p.overlaps(&next));
        assert!(Period::default().overlaps(&next));
    }
}
