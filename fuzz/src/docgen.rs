//! Schema-guided document generation: turns a stream of choices into a JSON document that a
//! program's schema accepts, so the evaluator is exercised with valid documents rather than
//! rejected noise. Shared by the `eval` fuzz target and `tests/properties.rs` (which includes
//! this file with `#[path]`), so it depends on nothing but probity and serde_json.

use probity::ir::{Program, Schema, Type, Unit};
use serde_json::{json, Map, Value as Json};

/// A source of choices: `below(n)` is some number in `0..n` (`n` > 0).
pub trait Choices {
    fn below(&mut self, n: u32) -> u32;
}

/// Choices read from fuzzer bytes; zeros once the bytes run out.
pub struct Bytes<'a> {
    pub data: &'a [u8],
}

impl Choices for Bytes<'_> {
    fn below(&mut self, n: u32) -> u32 {
        let (word, rest) = match self.data {
            [a, b, rest @ ..] => (u32::from(*a) | (u32::from(*b) << 8), rest),
            [a] => (u32::from(*a), &[][..]),
            [] => (0, &[][..]),
        };
        self.data = rest;
        if n == 0 {
            0
        } else {
            word % n
        }
    }
}

/// Choices from a list of numbers (proptest generates and shrinks the list); zeros after it.
pub struct Numbers<'a> {
    pub numbers: &'a [u32],
}

impl Choices for Numbers<'_> {
    fn below(&mut self, n: u32) -> u32 {
        let (first, rest) = self
            .numbers
            .split_first()
            .map_or((0, &[][..]), |(f, r)| (*f, r));
        self.numbers = rest;
        if n == 0 {
            0
        } else {
            first % n
        }
    }
}

/// Whole numbers a rule is likely to compare against (limits in the shipped rulebooks and
/// their neighbours), then extremes.
const INTS: &[i64] = &[
    0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 17, 18, 20, 21, 24, 25, 28, 30, 36, 40, 60, 90, 100,
    112, 119, 120, 121, 150, 180, 200, 240, 299, 300, 301, 365, 730, 1000,
];

/// Dates written in the program's own rule text (periods in force, constants), so generated
/// documents fall on both sides of every boundary.
fn dates_in(program: &Program) -> Vec<String> {
    let mut out = Vec::new();
    for f in &program.sources.files {
        let b = f.text.as_bytes();
        let mut i = 0;
        while i + 10 <= b.len() {
            let w = &b[i..i + 10];
            let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
            if digits(0..4) && w[4] == b'-' && digits(5..7) && w[7] == b'-' && digits(8..10) {
                if let Ok(s) = std::str::from_utf8(w) {
                    if !out.iter().any(|d| d == s) {
                        out.push(s.to_string());
                    }
                }
                i += 10;
            } else {
                i += 1;
            }
        }
    }
    out
}

pub struct Gen<'p, C: Choices> {
    schema: &'p Schema,
    dates: Vec<String>,
    pub choices: C,
    /// Values still to generate; lists stop growing when it runs out.
    budget: u32,
    /// The most items a list gets, when smaller than the generator's own (5, or 12 one time in
    /// eight): the explorer's targets check a document once per option, bound and combination,
    /// so long lists cost them much and find nothing the other targets do not.
    pub max_items: Option<u32>,
}

impl<'p, C: Choices> Gen<'p, C> {
    pub fn new(program: &'p Program, choices: C) -> Self {
        Gen {
            schema: &program.schema,
            dates: dates_in(program),
            choices,
            budget: 400,
            max_items: None,
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let n = u32::try_from(items.len()).ok()?;
        if n == 0 {
            return None;
        }
        items.get(self.choices.below(n) as usize)
    }

    /// A whole document of the program's document type.
    pub fn document(&mut self, program: &Program) -> Json {
        self.value(&Type::Record(program.document_type), 0)
    }

    fn int(&mut self, unit: Unit) -> Json {
        match self.choices.below(20) {
            0 => json!(self.choices.below(100_000)),
            1 if unit == Unit::Plain => json!(-i64::from(self.choices.below(1000))),
            2 => json!(
                [i64::MAX, i64::MAX / 7, 1_i64 << 40, 9_999_999][self.choices.below(4) as usize]
            ),
            _ => json!(self.pick(INTS).copied().unwrap_or(0)),
        }
    }

    fn decimal(&mut self) -> Json {
        match self.choices.below(12) {
            0 => json!("79228162514264337593543950335"),
            1 => json!("-79228162514264337593543950335"),
            2 => json!("0.0000000001"),
            3 => json!(format!(
                "{}.{:02}",
                self.choices.below(100_000),
                self.choices.below(100)
            )),
            4 => json!(f64::from(self.choices.below(10_000)) / 8.0),
            5 => json!(-i64::from(self.choices.below(1000))),
            _ => json!(self.pick(INTS).copied().unwrap_or(0) * 25),
        }
    }

    fn date(&mut self) -> Json {
        match self.choices.below(10) {
            0 => json!(
                ["0001-01-01", "9999-12-31", "2000-02-29", "1970-01-01"]
                    [self.choices.below(4) as usize]
            ),
            1..=3 => {
                let (y, m, d) = (
                    1990 + self.choices.below(50),
                    1 + self.choices.below(12),
                    1 + self.choices.below(28),
                );
                json!(format!("{y:04}-{m:02}-{d:02}"))
            }
            _ => {
                let dates = std::mem::take(&mut self.dates);
                let d = self.pick(&dates).cloned();
                self.dates = dates;
                match d {
                    Some(d) => json!(shift_day(&d, self.choices.below(3) as i64 - 1)),
                    None => json!("2023-03-02"),
                }
            }
        }
    }

    pub fn value(&mut self, ty: &Type, depth: u32) -> Json {
        self.budget = self.budget.saturating_sub(1);
        match ty {
            Type::Optional(inner) => {
                if self.choices.below(4) == 0 || depth > 12 {
                    Json::Null
                } else {
                    self.value(inner, depth)
                }
            }
            Type::Bool => json!(self.choices.below(2) == 1),
            Type::Int(u) => self.int(*u),
            Type::Decimal | Type::Money | Type::Percent => self.decimal(),
            Type::Date => self.date(),
            Type::Time => json!(format!(
                "{:02}:{:02}",
                self.choices.below(24),
                [0, 15, 30, 59][self.choices.below(4) as usize]
            )),
            Type::Str => json!(
                [
                    "",
                    "x",
                    "Ms A. Example",
                    "£ <script>alert(1)</script> \u{202e}"
                ][self.choices.below(4) as usize]
            ),
            Type::Enum(e) => {
                let values = self.schema.enum_def(*e).map(|d| d.values.clone());
                let v = values.as_deref().and_then(|v| self.pick(v)).cloned();
                json!(v.unwrap_or_default())
            }
            Type::Case(_) => Json::Null,
            Type::List(elem) => {
                let max = if self.choices.below(8) == 0 { 12 } else { 5 };
                let max = self.max_items.map_or(max, |m| max.min(m));
                let n = if self.budget == 0 || depth > 12 {
                    0
                } else {
                    self.choices.below(max + 1)
                };
                Json::Array((0..n).map(|_| self.value(elem, depth + 1)).collect())
            }
            Type::Record(r) => {
                let fields = self
                    .schema
                    .record(*r)
                    .map(|d| d.fields.clone())
                    .unwrap_or_default();
                let mut map = Map::new();
                for f in &fields {
                    let mut v = self.value(&f.ty, depth + 1);
                    // A list `ordered by` an item field is written in that order (else it is
                    // not a valid document).
                    if let (Some(by), Type::List(elem)) = (f.ordered_by, &f.ty) {
                        if let Some(name) = self.item_field_name(elem, by) {
                            sort_by_member(&mut v, &name);
                        }
                    }
                    // An optional field may be absent as well as null.
                    if !(v.is_null() && self.choices.below(2) == 0) {
                        map.insert(f.name.clone(), v);
                    }
                }
                Json::Object(map)
            }
            Type::Variant(v, _) => {
                let cases = self
                    .schema
                    .variant(*v)
                    .map(|d| d.cases.clone())
                    .unwrap_or_default();
                let Some(case) = self.pick(&cases).cloned() else {
                    return Json::Null;
                };
                let mut map = Map::new();
                map.insert("kind".into(), json!(case.name));
                for f in &case.fields {
                    let v = self.value(&f.ty, depth + 1);
                    if !(v.is_null() && self.choices.below(2) == 0) {
                        map.insert(f.name.clone(), v);
                    }
                }
                Json::Object(map)
            }
        }
    }
}

impl<C: Choices> Gen<'_, C> {
    /// The name of field `index` of a list's items (a record, or a variant's shared field).
    fn item_field_name(&self, item: &Type, index: u32) -> Option<String> {
        let fields = match item {
            Type::Record(r) => &self.schema.record(*r)?.fields,
            Type::Variant(v, _) => &self.schema.variant(*v)?.cases.first()?.fields,
            _ => return None,
        };
        fields.get(index as usize).map(|f| f.name.clone())
    }
}

/// Sort a JSON array of objects by one member (dates and times as text, numbers as numbers).
fn sort_by_member(list: &mut Json, name: &str) {
    let Json::Array(items) = list else { return };
    items.sort_by(|a, b| match (a.get(name), b.get(name)) {
        (Some(Json::String(x)), Some(Json::String(y))) => x.cmp(y),
        (Some(Json::Number(x)), Some(Json::Number(y))) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(std::cmp::Ordering::Equal),
        _ => std::cmp::Ordering::Equal,
    });
}

/// `YYYY-MM-DD` moved by -1, 0 or +1 day (text arithmetic; an impossible result stays as it was).
fn shift_day(date: &str, by: i64) -> String {
    let Some((ymd, day)) = date.rsplit_once('-') else {
        return date.to_string();
    };
    let Ok(d) = day.parse::<i64>() else {
        return date.to_string();
    };
    let nd = d + by;
    if (1..=28).contains(&nd) {
        format!("{ymd}-{nd:02}")
    } else {
        date.to_string()
    }
}

/// Every list in a JSON document, as (path in report syntax, length), outermost first.
pub fn lists(json: &Json) -> Vec<(Vec<PathStep>, usize)> {
    let mut out = Vec::new();
    walk(json, &mut Vec::new(), &mut out);
    out
}

#[derive(Clone, Debug, PartialEq)]
pub enum PathStep {
    Key(String),
    Index(usize),
}

fn walk(json: &Json, at: &mut Vec<PathStep>, out: &mut Vec<(Vec<PathStep>, usize)>) {
    match json {
        Json::Array(items) => {
            out.push((at.clone(), items.len()));
            for (i, item) in items.iter().enumerate() {
                at.push(PathStep::Index(i));
                walk(item, at, out);
                at.pop();
            }
        }
        Json::Object(map) => {
            for (k, v) in map {
                at.push(PathStep::Key(k.clone()));
                walk(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// A path as the Report writes it: `requirements[2].hours`.
pub fn report_path(steps: &[PathStep]) -> String {
    let mut s = String::new();
    for step in steps {
        match step {
            PathStep::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            PathStep::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// The value at a path, mutably.
pub fn at_mut<'a>(json: &'a mut Json, steps: &[PathStep]) -> Option<&'a mut Json> {
    let mut cur = json;
    for step in steps {
        cur = match (step, cur) {
            (PathStep::Key(k), Json::Object(m)) => m.get_mut(k)?,
            (PathStep::Index(i), Json::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}
