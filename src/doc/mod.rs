//! Documents: JSON -> typed `ir::Value`, checked against the program's schema. Every error
//! carries the JSON path it concerns; a document with any error never reaches the evaluator.
//!
//! From text, `read_str` first tries `fast` (text straight to a value, no `serde_json::Value`);
//! whatever the fast path does not accept it reads again the two-step way (`read_str_slow`:
//! parse, then `read`), which alone reports errors, so the diagnostics are the same either way.

pub mod fast;

use crate::diag::{closest, Diagnostic};
use crate::ir::{Field, Program, Schema, Type, Unit, Value};
use rust_decimal::Decimal;
use serde_json::Value as Json;
use std::fmt::Write as _;
use std::str::FromStr;

/// Lists longer than this are refused (see docs/SECURITY.md).
pub const MAX_LIST_LEN: usize = 10_000;
/// Strings longer than this are refused.
pub const MAX_STRING_LEN: usize = 100_000;
/// Documents nested deeper than this are refused.
pub const MAX_DEPTH: usize = 64;
/// How many errors one document reports before stopping.
const MAX_ERRORS: usize = 100;

/// Read JSON text as the program's document. Syntax errors point at line and column of the JSON.
/// Valid documents take the fast path; anything it declines is read by `read_str_slow`, so the
/// result is always exactly `read_str_slow`'s.
pub fn read_str(program: &Program, text: &str) -> Result<Value, Vec<Diagnostic>> {
    match fast::try_read_str(program, text) {
        Some(value) => Ok(value),
        None => read_str_slow(program, text),
    }
}

/// The two-step path: parse JSON text to a `serde_json::Value`, then `read` it. The reference for
/// `read_str`'s results and the source of all its diagnostics.
pub fn read_str_slow(program: &Program, text: &str) -> Result<Value, Vec<Diagnostic>> {
    let json: Json = serde_json::from_str(text).map_err(|e| {
        // serde's message ends with its own "at line L column C"; the location says that.
        let text = e.to_string();
        let message = text.split(" at line ").next().unwrap_or(&text).to_string();
        let language = program.schema.language;
        vec![
            Diagnostic::error("D0001", crate::phrases::NOT_JSON.say(language, &[&message]))
                .at_path(format!("line {}, column {}", e.line(), e.column().max(1))),
        ]
    })?;
    read(program, &json)
}

/// Read a JSON document as the program's document type.
pub fn read(program: &Program, json: &Json) -> Result<Value, Vec<Diagnostic>> {
    let mut r = Reader {
        schema: &program.schema,
        errors: Vec::new(),
        too_deep: false,
        label: None,
    };
    let v = r.value(
        json,
        &Type::Record(program.document_type),
        &mut String::new(),
        0,
    );
    if r.errors.is_empty() {
        Ok(v)
    } else {
        Err(r.errors)
    }
}

struct Reader<'a> {
    schema: &'a Schema,
    errors: Vec<Diagnostic>,
    /// The depth limit is reported once, not once per value past it.
    too_deep: bool,
    /// The field being read (a record or list is named by its label, else its name made
    /// readable, in messages). Kept as the field, not its words: they are built only when an
    /// error needs them, never on the way through a valid document.
    label: Option<&'a Field>,
}

/// What holds the fields being read, as the messages name it. Rendered only on an error.
#[derive(Clone, Copy)]
enum Owner<'a> {
    /// A record: the field that holds it, or the document itself.
    Record(Option<&'a Field>),
    /// An item of a variant, by its case.
    Case(&'a crate::ir::CaseDef),
}

fn describe(json: &Json, language: crate::ir::Language) -> &'static str {
    use crate::phrases as p;
    match json {
        Json::Null => p::JSON_NULL,
        Json::Bool(_) => p::JSON_BOOL,
        Json::Number(_) => p::JSON_NUMBER,
        Json::String(_) => p::JSON_STRING,
        Json::Array(_) => p::JSON_LIST,
        Json::Object(_) => p::JSON_OBJECT,
    }
    .text(language)
}

fn shown(path: &str, language: crate::ir::Language) -> String {
    if path.is_empty() {
        crate::phrases::WHOLE_DOCUMENT.text(language).into()
    } else {
        path.to_string()
    }
}

impl<'a> Reader<'a> {
    fn error(&mut self, code: &'static str, path: &str, msg: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors
                .push(Diagnostic::error(code, msg).at_path(shown(path, self.schema.language)));
        }
    }

    /// ` (did you mean "x"?)` when a name is close to one that exists.
    fn did_you_mean<'n>(&self, given: &str, names: impl Iterator<Item = &'n str>) -> String {
        closest(given, names)
            .map(|c| crate::phrases::DID_YOU_MEAN.say(self.schema.language, &[c]))
            .unwrap_or_default()
    }

    /// What holds the field being read, in words: its label or name, else `the document`.
    fn owner_words(&self) -> String {
        self.words_of(Owner::Record(self.label))
    }

    /// An owner in words, for a message.
    fn words_of(&self, owner: Owner<'_>) -> String {
        let language = self.schema.language;
        match owner {
            Owner::Record(Some(field)) => crate::phrases::in_sentence(&field_words(field)),
            Owner::Record(None) => crate::phrases::THE_DOCUMENT.text(language).to_string(),
            // The item by its case's label (`“Curfew”`, `cyrffyw`).
            Owner::Case(case) => match &case.words.label {
                Some(label) => crate::phrases::label_in(language, label),
                None => case.name.replace('_', " "),
            },
        }
    }

    fn wrong(&mut self, path: &str, want: &str, json: &Json) -> Value {
        self.error(
            "D0002",
            path,
            crate::phrases::EXPECTED_FOUND.say(
                self.schema.language,
                &[want, describe(json, self.schema.language)],
            ),
        );
        Value::Absent
    }

    fn value(&mut self, json: &Json, ty: &Type, path: &mut String, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            if !std::mem::replace(&mut self.too_deep, true) {
                let msg =
                    crate::phrases::TOO_DEEP.say(self.schema.language, &[&MAX_DEPTH.to_string()]);
                self.error("D0010", path, msg);
            }
            return Value::Absent;
        }
        match ty {
            Type::Optional(inner) => match json {
                Json::Null => Value::Absent,
                _ => self.value(json, inner, path, depth),
            },
            Type::Bool => match json {
                Json::Bool(b) => Value::Bool(*b),
                _ => self.wrong(
                    path,
                    crate::phrases::WANT_BOOL.text(self.schema.language),
                    json,
                ),
            },
            Type::Int(unit) => self.int(json, *unit, path),
            Type::Decimal | Type::Money | Type::Percent => self.decimal(json, ty, path),
            Type::Date => match json {
                Json::String(s) => match crate::dates::read_date(s) {
                    Some(d) => Value::Date(d),
                    None => {
                        self.error(
                            "D0004",
                            path,
                            crate::phrases::NOT_A_DATE.say(self.schema.language, &[&truncate(s)]),
                        );
                        Value::Absent
                    }
                },
                _ => self.wrong(
                    path,
                    crate::phrases::WANT_DATE.text(self.schema.language),
                    json,
                ),
            },
            Type::Time => match json {
                Json::String(s) => match crate::dates::read_time(s) {
                    Some(t) => Value::Time(t),
                    None => {
                        self.error(
                            "D0004",
                            path,
                            crate::phrases::NOT_A_TIME.say(self.schema.language, &[&truncate(s)]),
                        );
                        Value::Absent
                    }
                },
                _ => self.wrong(
                    path,
                    crate::phrases::WANT_TIME.text(self.schema.language),
                    json,
                ),
            },
            Type::Str => match json {
                Json::String(s) if s.len() > MAX_STRING_LEN => {
                    self.error(
                        "D0011",
                        path,
                        crate::phrases::TEXT_TOO_LONG.say(
                            self.schema.language,
                            &[&s.len().to_string(), &MAX_STRING_LEN.to_string()],
                        ),
                    );
                    Value::Absent
                }
                Json::String(s) => Value::Str(s.as_str().into()),
                _ => self.wrong(
                    path,
                    crate::phrases::JSON_STRING.text(self.schema.language),
                    json,
                ),
            },
            Type::Enum(e) => self.enum_value(json, *e, path),
            Type::Case(_) => Value::Absent,
            Type::List(elem) => self.list(json, elem, path, depth),
            Type::Record(r) => {
                let schema: &'a Schema = self.schema;
                let Some(def) = schema.record(*r) else {
                    return Value::Absent;
                };
                let Json::Object(map) = json else {
                    let want = crate::phrases::JSON_OBJECT.text(self.schema.language);
                    return self.wrong(path, want, json);
                };
                let owner = Owner::Record(self.label);
                Value::Record(self.members(map, &def.fields, owner, path, depth, None))
            }
            Type::Variant(v, _) => self.variant(json, *v, path, depth),
        }
    }

    fn int(&mut self, json: &Json, unit: Unit, path: &str) -> Value {
        let language = self.schema.language;
        match json.as_i64() {
            Some(n) if n < 0 && unit != Unit::Plain => {
                let value = format!("{n} {}", crate::phrases::unit_after(unit, n, language));
                let msg = crate::phrases::NEGATIVE.say(language, &[&value]);
                self.error("D0003", path, msg);
                Value::Absent
            }
            Some(n) => Value::Int(n),
            None if json.is_number() => {
                let units = crate::ir::unit_name(unit, language);
                let what = if unit == Unit::Plain {
                    crate::phrases::WHOLE_NUMBER.say(language, &[])
                } else {
                    crate::phrases::WHOLE_NUMBER_OF.say(language, &[units])
                };
                let msg = crate::phrases::EXPECTED_FOUND.say(language, &[&what, &json.to_string()]);
                self.error("D0003", path, msg);
                Value::Absent
            }
            None => {
                let units = crate::ir::unit_name(unit, language);
                let want = if unit == Unit::Plain {
                    crate::phrases::WHOLE_NUMBER.say(language, &[])
                } else {
                    crate::phrases::NUMBER_OF.say(language, &[units])
                };
                self.wrong(path, &want, json)
            }
        }
    }

    fn decimal(&mut self, json: &Json, ty: &Type, path: &str) -> Value {
        let parsed = match json {
            Json::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Some(Decimal::from(i)),
                (None, Some(u)) => Some(Decimal::from(u)),
                (None, None) => n.as_f64().and_then(decimal_of_f64),
            },
            Json::String(s) => Decimal::from_str(s.trim().trim_start_matches('£')).ok(),
            _ => None,
        };
        match parsed {
            Some(d) => Value::Dec(d),
            None => {
                let want = match ty {
                    Type::Money => crate::phrases::WANT_MONEY,
                    Type::Percent => crate::phrases::WANT_PERCENT,
                    _ => crate::phrases::WANT_DECIMAL,
                }
                .text(self.schema.language);
                self.wrong(path, want, json)
            }
        }
    }

    fn enum_value(&mut self, json: &Json, e: crate::ir::EnumId, path: &str) -> Value {
        let Some(def) = self.schema.enum_def(e) else {
            return Value::Absent;
        };
        match json {
            Json::String(s) => match def.values.iter().position(|v| v == s) {
                Some(i) => Value::Enum(i as u32),
                None => {
                    let language = self.schema.language;
                    let mut msg = crate::phrases::NOT_ONE_OF
                        .say(language, &[&truncate(s), &def.values.join(", ")]);
                    msg.push_str(&self.did_you_mean(s, def.values.iter().map(String::as_str)));
                    self.error("D0005", path, msg);
                    Value::Absent
                }
            },
            _ => {
                let want = crate::phrases::WANT_ONE_OF
                    .say(self.schema.language, &[&def.values.join(", ")]);
                self.wrong(path, &want, json)
            }
        }
    }

    fn list(&mut self, json: &Json, elem: &Type, path: &mut String, depth: usize) -> Value {
        match json {
            Json::Array(items) if items.len() > MAX_LIST_LEN => {
                self.error(
                    "D0011",
                    path,
                    crate::phrases::LIST_TOO_LONG.say(
                        self.schema.language,
                        &[&items.len().to_string(), &MAX_LIST_LEN.to_string()],
                    ),
                );
                Value::Absent
            }
            Json::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    let _ = write!(path, "[{i}]");
                    out.push(self.value(item, elem, path, depth + 1));
                    path.truncate(len);
                }
                Value::List(out)
            }
            _ => self.wrong(
                path,
                crate::phrases::JSON_LIST.text(self.schema.language),
                json,
            ),
        }
    }

    fn variant(
        &mut self,
        json: &Json,
        v: crate::ir::VariantId,
        path: &mut String,
        depth: usize,
    ) -> Value {
        let schema: &'a Schema = self.schema;
        let Some(def) = schema.variant(v) else {
            return Value::Absent;
        };
        let language = self.schema.language;
        let Json::Object(map) = json else {
            return self.wrong(path, crate::phrases::JSON_OBJECT.text(language), json);
        };
        // The case names and the path to `kind` are for messages: built only when one is due.
        let case_names = || def.cases.iter().map(|c| c.name.as_str());
        let kind_path = || join(path, "kind");
        let case = match map.get("kind") {
            Some(Json::String(k)) => match def.cases.iter().position(|c| c.name == *k) {
                Some(i) => i,
                None => {
                    let owner = self.owner_words();
                    let names = case_names().collect::<Vec<_>>().join(", ");
                    let mut msg =
                        crate::phrases::NOT_A_KIND.say(language, &[&truncate(k), &owner, &names]);
                    msg.push_str(&self.did_you_mean(k, case_names()));
                    self.error("D0006", &kind_path(), msg);
                    return Value::Absent;
                }
            },
            Some(other) => {
                let want = crate::phrases::WANT_KIND_TEXT.text(language);
                return self.wrong(&kind_path(), want, other);
            }
            None => {
                let names = case_names().collect::<Vec<_>>().join(", ");
                let msg = crate::phrases::MISSING_KIND.say(language, &[&names]);
                self.error("D0007", &kind_path(), msg);
                return Value::Absent;
            }
        };
        let Some(c) = def.cases.get(case) else {
            return Value::Absent;
        };
        let fields = self.members(map, &c.fields, Owner::Case(c), path, depth, Some("kind"));
        Value::Variant {
            case: case as u32,
            fields,
        }
    }

    fn members(
        &mut self,
        map: &serde_json::Map<String, Json>,
        fields: &'a [Field],
        owner: Owner<'a>,
        path: &mut String,
        depth: usize,
        tag: Option<&str>,
    ) -> Vec<Value> {
        for key in map.keys() {
            if Some(key.as_str()) == tag || fields.iter().any(|f| f.name == *key) {
                continue;
            }
            let owner = self.words_of(owner);
            let mut msg =
                crate::phrases::NO_FIELD.say(self.schema.language, &[&truncate(key), &owner]);
            msg.push_str(&self.did_you_mean(key, fields.iter().map(|f| f.name.as_str())));
            self.error("D0008", &join(path, key), msg);
        }
        let mut out = Vec::with_capacity(fields.len());
        for field in fields {
            let (name, ty) = (&field.name, &field.ty);
            let len = path.len();
            // Extended in place, not rebuilt: the path is only read when an error is reported.
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            match map.get(name) {
                Some(Json::Null) | None if field.absent_is_empty => {
                    out.push(Value::List(Vec::new()))
                }
                Some(v) => {
                    let outer = self.label.replace(field);
                    let value = self.value(v, ty, path, depth + 1);
                    self.label = outer;
                    if let Some(by) = field.ordered_by {
                        self.in_order(&value, by, path);
                    }
                    out.push(value)
                }
                None if matches!(ty, Type::Optional(_)) => out.push(Value::Absent),
                None => {
                    // In the rulebook's words when it gives the field a label, else by its name
                    // as the document writes it (`The field "hours_per_day" is missing`).
                    let language = self.schema.language;
                    let msg = match &field.words.label {
                        Some(label) => crate::phrases::MISSING.say(language, &[label]),
                        None => {
                            let named = crate::phrases::FIELD_NAMED.say(language, &[name]);
                            let msg = crate::phrases::MISSING.say(language, &[&named]);
                            crate::phrases::capitalised(&msg)
                        }
                    };
                    self.error("D0009", path, msg);
                    out.push(Value::Absent);
                }
            }
            path.truncate(len);
        }
        out
    }
}

impl Reader<'_> {
    /// A list declared `ordered by f`: each item's `f` must not be earlier than the one before.
    fn in_order(&mut self, list: &Value, by: u32, path: &str) {
        let Value::List(items) = list else { return };
        let key = |v: &Value| match v {
            Value::Record(fields) | Value::Variant { fields, .. } => {
                fields.get(by as usize).cloned()
            }
            _ => None,
        };
        for (i, pair) in items.windows(2).enumerate() {
            let [first, second] = pair else { continue };
            let (Some(before), Some(after)) = (key(first), key(second)) else {
                continue;
            };
            if order_of(&after, &before) == Some(std::cmp::Ordering::Less) {
                self.error(
                    "D0012",
                    &format!("{path}[{}]", i + 1),
                    crate::phrases::OUT_OF_ORDER.say(self.schema.language, &[&(i + 1).to_string()]),
                );
            }
        }
    }
}

/// A JSON number that is not whole, as the decimal that was written: its `f64` to 15 significant
/// digits (every decimal of up to 15 digits reads back from its `f64` that way, whatever the
/// JSON parser's last-bit rounding), without trailing zeros; below the decimal's finest unit
/// (1e-28), rounded to it. `None` beyond the decimal range. The float is never printed (that
/// would bring core's float printing into the module), and no 128-bit division is needed: the
/// `f64` scaled by powers of ten is within 0.25 of the whole number of its 15 digits.
pub(crate) fn decimal_of_f64(f: f64) -> Option<Decimal> {
    let a = f.abs();
    if !a.is_finite() || a >= 1e29 {
        return None; // not a number, or past Decimal::MAX
    }
    if a < 1e-29 {
        return Some(Decimal::ZERO);
    }
    // a = digits × 10^-shift to 15 digits; shift is -14 to 44 (a from 1e-29 to 1e29). As a
    // whole number and a scale:
    let (digits, shift) = fifteen_digits(a)?;
    let (whole, scale) = match u32::try_from(shift) {
        // Finer than the decimal can hold: rounded, half to even, to 28 places.
        Ok(shift) if shift > 28 => {
            let unit = 10i64.pow(shift - 28);
            let (kept, rest) = (digits / unit, digits % unit);
            let up = rest > unit / 2 || (rest == unit / 2 && kept % 2 == 1);
            (i128::from(kept + i64::from(up)), 28)
        }
        Ok(shift) => (i128::from(digits), shift),
        Err(_) => (i128::from(digits) * 10i128.pow(shift.unsigned_abs()), 0),
    };
    let signed = if f < 0.0 { -whole } else { whole };
    // Past Decimal::MAX (about 7.92e28): none. normalize drops trailing zeros and makes -0 zero.
    Decimal::try_from_i128_with_scale(signed, scale)
        .ok()
        .map(|d| d.normalize())
}

/// `a` (1e-29 to 1e29) as a whole number of 15 digits `m` (1e14 <= m < 1e15) and the power of
/// ten `k` with `a` = `m` × 10^-`k` to 15 significant digits.
fn fifteen_digits(a: f64) -> Option<(i64, i32)> {
    // floor(binary exponent × log10 2): the decimal exponent or one less.
    let binary = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let mut k = 14 - ((binary * 78_913) >> 18);
    for _ in 0..3 {
        let m = scaled(a, k)?.round_ties_even();
        if m >= 1e15 {
            k -= 1;
        } else if m < 1e14 {
            k += 1;
        } else {
            return Some((m as i64, k));
        }
    }
    None
}

/// `a` × 10^`k` with at most two roundings: by powers of ten an `f64` holds exactly.
fn scaled(a: f64, k: i32) -> Option<f64> {
    const EXACT: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let power = |n: i32| usize::try_from(n).ok().and_then(|n| EXACT.get(n).copied());
    match k {
        0.. => match power(k) {
            Some(p) => Some(a * p),
            None => Some(a * 1e22 * power(k - 22)?),
        },
        _ => Some(a / power(-k)?),
    }
}

/// The order of two values of one orderable scalar type (dates, times, numbers).
pub(crate) fn order_of(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Time(x), Value::Time(y)) => Some(x.cmp(y)),
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// A field in words: its label, else its name made readable.
fn field_words(field: &Field) -> String {
    match &field.words.label {
        Some(label) => label.clone(),
        None => field.name.replace('_', " "),
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Sources;
    use proptest::prelude::*;
    use serde_json::json;

    proptest! {
        /// Every decimal written with up to 15 significant digits, from 1e-28 to 1e28, is read
        /// from the `f64` the JSON parser makes of it as exactly that decimal (checked against
        /// rust_decimal reading the text itself), and so are whole numbers up to `u64::MAX`.
        #[test]
        fn numbers_read_as_written(
            digits in 1u32..=15,
            mantissa in any::<u64>(),
            at in -28i32..28,
            negative in any::<bool>(),
        ) {
            let mantissa = mantissa % 10u64.pow(digits);
            let exponent = at - (digits as i32 - 1);
            let text = format!("{}{mantissa}e{exponent}", if negative { "-" } else { "" });
            let exact = Decimal::from_scientific(&text).ok().filter(|d| d.scale() < 28);
            let Some(exact) = exact else { return Ok(()) };
            let Json::Number(n) = serde_json::from_str::<Json>(&text).unwrap_or(Json::Null) else {
                return Err(TestCaseError::fail(format!("{text} is not a number")));
            };
            let read = n.as_f64().and_then(decimal_of_f64);
            prop_assert_eq!(format!("{read:?}"), format!("{:?}", Some(exact.normalize())));
        }
    }

    /// The edges: zero of either sign, the largest whole numbers, past the decimal range, and a
    /// 17-digit number (read to the 15 digits an `f64` holds for certain).
    #[test]
    fn numbers_at_the_edges() {
        let read = |text: &str| match serde_json::from_str::<Json>(text) {
            Ok(Json::Number(n)) => n.as_f64().and_then(decimal_of_f64).map(|d| d.to_string()),
            _ => None,
        };
        assert_eq!(read("-0.0").as_deref(), Some("0"));
        assert_eq!(read("0.0").as_deref(), Some("0"));
        assert_eq!(read("12.10").as_deref(), Some("12.1"));
        assert_eq!(read("1e-400").as_deref(), Some("0"));
        assert_eq!(read("0.30000000000000004").as_deref(), Some("0.3"));
        assert_eq!(
            read("18446744073709551616").as_deref(),
            Some("18446744073709600000")
        );
        assert_eq!(
            read("1.5e-28").as_deref(),
            Some("0.0000000000000000000000000002")
        );
        assert_eq!(
            read("2.5e-28").as_deref(),
            Some("0.0000000000000000000000000002")
        );
        assert_eq!(read("-3e-29").as_deref(), Some("0"));
        assert_eq!(
            read("7.9e28").as_deref(),
            Some("79000000000000000000000000000")
        );
        assert_eq!(read("7.93e28"), None);
        assert_eq!(read("1e300"), None);
        assert_eq!(read("123456789012345678901234567890"), None);
    }

    /// Every kind of owner a message names: the document, a record under a labelled and an
    /// unlabelled field, a case with and without a label, a list of variants under a labelled
    /// and an unlabelled field. The words were taken from the reader before it built them
    /// lazily, so this pins that they did not change.
    #[test]
    fn owners_are_named_as_before() {
        let text = "rulebook owners\n  version \"0.1.0\"\n  title \"Owner words\"\n\
            record Person { age: years }\n\
            variant Step {\n  first_step { hours: hours }\n  \
              second_step label \"Second step\" { days: days }\n}\n\
            record Case {\n  supervised_person: Person label \"Person on probation\"\n  \
              other_person: optional Person\n  steps: list of Step label \"Steps taken\"\n  \
              more_steps: list of Step\n}\n\
            document case: Case\n";
        let mut sources = Sources::default();
        sources.add("owners.rules", text);
        let compiled = crate::check::compile(sources);
        let Some(program) = compiled.program else {
            panic!("does not compile: {:?}", compiled.diagnostics);
        };
        let doc = json!({
            "supervised_person": {"age": 30, "agee": 1},
            "other_person": {"age": 3, "ag": 2},
            "steps": [
                {"kind": "first_stp", "hours": 1},
                {"kind": "second_step", "days": 2, "hour": 1},
                {"kind": "first_step", "hours": 1, "day": 3}
            ],
            "more_steps": [{"kind": "nope"}, {"hours": 2}, {"kind": 3}],
            "extra": 1
        });
        let Err(errors) = read(&program, &doc) else {
            panic!("read without error");
        };
        let said: Vec<String> = errors.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            said,
            [
                "the document has no field \"extra\"",
                "person on probation has no field \"agee\" (did you mean \"age\"?)",
                "other person has no field \"ag\" (did you mean \"age\"?)",
                "\"first_stp\" is not a kind of steps taken; the kinds are: first_step, \
                 second_step (did you mean \"first_step\"?)",
                "“Second step” has no field \"hour\"",
                "first step has no field \"day\"",
                "\"nope\" is not a kind of more steps; the kinds are: first_step, second_step",
                "the kind of this item is missing: say which it is (first_step, second_step)",
                "expected the kind as text, found a number",
            ]
        );
    }
}
