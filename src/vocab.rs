//! Low floor: the small vocabulary every stage shares (periods in force, rulebook identity, hit
//! policies, aggregate operators), so that `ir` and `report` need not import each other or the
//! syntax tree.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a routes table chooses among the rows that hold: the single-hit policies of the
/// decision-table standard (DMN) `unique`, `any`, `first`, `priority`, and its multiple-hit
/// policies `collect` (with `sum`, `min`, `max` or `count`), `rule order` and `output order`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum HitPolicy {
    #[serde(rename = "unique")]
    Unique,
    #[serde(rename = "any")]
    Any,
    #[serde(rename = "first")]
    First,
    #[serde(rename = "priority")]
    Priority,
    /// Every matching row's output, in table order.
    #[serde(rename = "collect")]
    Collect,
    /// The sum of the matching rows' outputs (a table that decides numbers).
    #[serde(rename = "collect sum")]
    CollectSum,
    /// The lowest output among the matching rows (for an enum, the value declared last).
    #[serde(rename = "collect min")]
    CollectMin,
    /// The highest output among the matching rows (for an enum, the value declared first).
    #[serde(rename = "collect max")]
    CollectMax,
    /// How many rows match (0 when none does).
    #[serde(rename = "collect count")]
    CollectCount,
    /// Every matching row's output, in table order.
    #[serde(rename = "rule order")]
    RuleOrder,
    /// Every matching row's output, highest first (for an enum, declaration order).
    #[serde(rename = "output order")]
    OutputOrder,
}

impl HitPolicy {
    /// Every policy, in the order the language documents them.
    pub const ALL: [HitPolicy; 11] = [
        HitPolicy::Unique,
        HitPolicy::Any,
        HitPolicy::First,
        HitPolicy::Priority,
        HitPolicy::Collect,
        HitPolicy::CollectSum,
        HitPolicy::CollectMin,
        HitPolicy::CollectMax,
        HitPolicy::CollectCount,
        HitPolicy::RuleOrder,
        HitPolicy::OutputOrder,
    ];

    /// The policy as written after `hit policy`.
    pub fn as_str(self) -> &'static str {
        match self {
            HitPolicy::Unique => "unique",
            HitPolicy::Any => "any",
            HitPolicy::First => "first",
            HitPolicy::Priority => "priority",
            HitPolicy::Collect => "collect",
            HitPolicy::CollectSum => "collect sum",
            HitPolicy::CollectMin => "collect min",
            HitPolicy::CollectMax => "collect max",
            HitPolicy::CollectCount => "collect count",
            HitPolicy::RuleOrder => "rule order",
            HitPolicy::OutputOrder => "output order",
        }
    }

    /// The policy named by its words (`"collect sum"`), as the grammar accepts them.
    pub fn from_words(words: &str) -> Option<HitPolicy> {
        let words: Vec<&str> = words.split_whitespace().collect();
        Some(match words.as_slice() {
            ["unique"] => HitPolicy::Unique,
            ["any"] => HitPolicy::Any,
            ["first"] => HitPolicy::First,
            ["priority"] => HitPolicy::Priority,
            ["collect"] => HitPolicy::Collect,
            ["collect", "sum"] => HitPolicy::CollectSum,
            ["collect", "min"] => HitPolicy::CollectMin,
            ["collect", "max"] => HitPolicy::CollectMax,
            ["collect", "count"] => HitPolicy::CollectCount,
            ["rule", "order"] => HitPolicy::RuleOrder,
            ["output", "order"] => HitPolicy::OutputOrder,
            _ => return None,
        })
    }

    /// Several rows may lawfully match: the table's answer is made from all of them, so an
    /// overlap is no finding (`collect`, `rule order`, `output order`).
    pub fn is_multiple(self) -> bool {
        matches!(
            self,
            HitPolicy::Collect
                | HitPolicy::CollectSum
                | HitPolicy::CollectMin
                | HitPolicy::CollectMax
                | HitPolicy::CollectCount
                | HitPolicy::RuleOrder
                | HitPolicy::OutputOrder
        )
    }

    /// The answer is a list of outputs rather than one (`collect`, `rule order`, `output order`).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            HitPolicy::Collect | HitPolicy::RuleOrder | HitPolicy::OutputOrder
        )
    }
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

/// The language people read a rulebook's words in. Rulebooks are written in English and may
/// give each text's Welsh (`cy "..."`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    English,
    Welsh,
}

impl Language {
    /// From a language code: `en` or `cy` (ISO 639-1).
    pub fn from_code(code: &str) -> Option<Language> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Some(Language::English),
            "cy" | "cym" | "welsh" | "cymraeg" => Some(Language::Welsh),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Welsh => "cy",
        }
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
