//! How the few IR fields whose natural serde form suits JSON but not the compiled binary form
//! (`crate::compiled`, postcard: not self-describing) are written there: a date as its day
//! number, a JSON document as its text. Used through `#[serde(with = ...)]` on those fields only.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date as its day number from 1 January of year 1 (chrono's `num_days_from_ce`).
pub mod day {
    use super::*;

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        d.num_days_from_ce().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let n = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(n)
            .ok_or_else(|| serde::de::Error::custom(format!("day {n} is not in the calendar")))
    }
}

/// A JSON value as its text (postcard cannot read a self-describing value).
pub mod json {
    use super::*;

    pub fn serialize<S: Serializer>(v: &serde_json::Value, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<serde_json::Value, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

/// An optional date written `YYYY-MM-DD` (how `Period` serialises, for JSON too), read by the
/// crate's own date reader rather than chrono's `FromStr`, which would bring chrono's parser.
pub fn optional_iso_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<std::borrow::Cow<'de, str>>::deserialize(d)? {
        None => Ok(None),
        Some(text) => crate::dates::read_date(&text)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a date"))),
    }
}
