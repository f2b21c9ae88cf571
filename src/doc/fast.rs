//! The fast path of `read_str`: JSON text straight to `ir::Value`, guided by the schema (a serde
//! `DeserializeSeed` over `serde_json::Deserializer`), with no intermediate `serde_json::Value`.
//!
//! It accepts only documents the two-step path (`serde_json::from_str`, then `doc::read`) reads
//! without error, and gives the same value for them. On anything else it declines (`None`) and
//! the caller runs the two-step path, whose diagnostics are the only ones probity reports. It
//! declines on: invalid JSON or trailing text; any schema error (wrong type, unknown or missing
//! field, unknown enum value or kind, negative counts, a number that is not what the type wants);
//! the depth, list and string limits; a key that occurs twice in one object; a variant case with a
//! field named `kind`; and the `Case` type (never in a document). A variant whose `kind` is not its
//! first key is still read here: the members before `kind` are buffered as `serde_json::Value` and
//! converted by the two-step path's own reader.

use super::{Reader, MAX_DEPTH, MAX_LIST_LEN, MAX_STRING_LEN};
use crate::ir::{CaseDef, Field, Program, Schema, Type, Unit, Value};
use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::str::FromStr;

/// Read `text` as the program's document, or `None` when the two-step path must decide (it may
/// still accept the document; it reports every error if not).
pub fn try_read_str(program: &Program, text: &str) -> Option<Value> {
    let ty = Type::Record(program.document_type);
    let seed = Seed {
        schema: &program.schema,
        ty: &ty,
        depth: 0,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let value = seed.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

/// Every refusal is the same: "let the two-step path decide". The message is never shown.
fn decline<T, E: de::Error>() -> Result<T, E> {
    Err(E::custom("declined"))
}

/// A value of type `ty` at nesting `depth` (as the two-step reader counts it).
#[derive(Clone, Copy)]
struct Seed<'s> {
    schema: &'s Schema,
    ty: &'s Type,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.depth > MAX_DEPTH {
            return decline();
        }
        let mut ty = self.ty;
        let mut nullable = false;
        while let Type::Optional(inner) = ty {
            ty = inner;
            nullable = true;
        }
        if matches!(ty, Type::Case(_)) {
            return decline();
        }
        d.deserialize_any(Typed {
            schema: self.schema,
            ty,
            nullable,
            depth: self.depth,
        })
    }
}

/// Visits one JSON value as `ty` (optionals already peeled: `nullable` says whether null is
/// allowed, which reads as `Value::Absent`).
struct Typed<'s> {
    schema: &'s Schema,
    ty: &'s Type,
    nullable: bool,
    depth: usize,
}

fn is_decimal(ty: &Type) -> bool {
    matches!(ty, Type::Decimal | Type::Money | Type::Percent)
}

/// A decimal from text exactly as the two-step reader parses it.
fn decimal<E: de::Error>(text: &str) -> Result<Value, E> {
    match Decimal::from_str(text) {
        Ok(d) => Ok(Value::Dec(d)),
        Err(_) => decline(),
    }
}

impl<'de> Visitor<'de> for Typed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value of the document's schema")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        if self.nullable {
            Ok(Value::Absent)
        } else {
            decline()
        }
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        match self.ty {
            Type::Bool => Ok(Value::Bool(b)),
            _ => decline(),
        }
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value, E> {
        match self.ty {
            Type::Int(unit) if n < 0 && *unit != Unit::Plain => decline(),
            Type::Int(_) => Ok(Value::Int(n)),
            ty if is_decimal(ty) => Ok(Value::Dec(Decimal::from(n))),
            _ => decline(),
        }
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
        match i64::try_from(n) {
            Ok(n) => self.visit_i64(n),
            // Above i64: not a whole number to the two-step reader, but an exact decimal.
            Err(_) if is_decimal(self.ty) => Ok(Value::Dec(Decimal::from(n))),
            Err(_) => decline(),
        }
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Value, E> {
        // The same decimal as the two-step reader's (a non-finite number has none).
        match is_decimal(self.ty).then(|| super::decimal_of_f64(f)) {
            Some(Some(d)) => Ok(Value::Dec(d)),
            _ => decline(),
        }
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        match self.ty {
            Type::Str if s.len() > MAX_STRING_LEN => decline(),
            Type::Str => Ok(Value::Str(s.into())),
            Type::Date => match crate::dates::read_date(s) {
                Some(d) => Ok(Value::Date(d)),
                None => decline(),
            },
            Type::Time => match crate::dates::read_time(s) {
                Some(t) => Ok(Value::Time(t)),
                None => decline(),
            },
            Type::Enum(e) => {
                let Some(def) = self.schema.enum_def(*e) else {
                    return decline();
                };
                match def.values.iter().position(|v| v == s) {
                    Some(i) => Ok(Value::Enum(i as u32)),
                    None => decline(),
                }
            }
            ty if is_decimal(ty) => decimal(s.trim().trim_start_matches('£')),
            _ => decline(),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let Type::List(elem) = self.ty else {
            return decline();
        };
        let seed = Seed {
            schema: self.schema,
            ty: elem,
            depth: self.depth + 1,
        };
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(seed)? {
            if out.len() >= MAX_LIST_LEN {
                return decline();
            }
            out.push(v);
        }
        Ok(Value::List(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        match self.ty {
            Type::Record(r) => {
                let Some(def) = self.schema.record(*r) else {
                    return decline();
                };
                let mut members = Members::new(self.schema, &def.fields, self.depth);
                while let Some(i) = map.next_key_seed(FieldKey(&def.fields))? {
                    let seed = members.seed(i)?;
                    let v = map.next_value_seed(seed)?;
                    members.put(i, v)?;
                }
                Ok(Value::Record(members.finish(false)?))
            }
            Type::Variant(v, _) => {
                let Some(def) = self.schema.variant(*v) else {
                    return decline();
                };
                // Members before `kind` wait, as JSON, until the case is known.
                let mut early: Vec<(String, serde_json::Value)> = Vec::new();
                let case = loop {
                    match map.next_key_seed(VariantKey)? {
                        None => return decline(),
                        Some(None) => break map.next_value_seed(CaseName(&def.cases))?,
                        Some(Some(key)) => {
                            let json: serde_json::Value = map.next_value()?;
                            early.push((key, json));
                        }
                    }
                };
                let Some(c) = def.cases.get(case) else {
                    return decline();
                };
                let mut members = Members::new(self.schema, &c.fields, self.depth);
                for (key, json) in &early {
                    let Some(i) = c.fields.iter().position(|f| f.name == *key) else {
                        return decline();
                    };
                    let v = members.slow(i, json)?;
                    members.put(i, v)?;
                }
                while let Some(i) = map.next_key_seed(FieldKey(&c.fields))? {
                    let seed = members.seed(i)?;
                    let v = map.next_value_seed(seed)?;
                    members.put(i, v)?;
                }
                Ok(Value::Variant {
                    case: case as u32,
                    fields: members.finish(true)?,
                })
            }
            _ => decline(),
        }
    }
}

/// The members of one record or variant case as they arrive, by field index.
struct Members<'s> {
    schema: &'s Schema,
    fields: &'s [Field],
    depth: usize,
    out: Vec<Value>,
    seen: Seen,
}

/// Which fields have arrived: a bit mask for up to 64 fields, else a flag per field.
enum Seen {
    Mask(u64),
    Flags(Vec<bool>),
}

impl<'s> Members<'s> {
    fn new(schema: &'s Schema, fields: &'s [Field], depth: usize) -> Self {
        let n = fields.len();
        Members {
            schema,
            fields,
            depth,
            out: (0..n).map(|_| Value::Absent).collect(),
            seen: if n <= 64 {
                Seen::Mask(0)
            } else {
                Seen::Flags(vec![false; n])
            },
        }
    }

    fn field<E: de::Error>(&self, i: usize) -> Result<&'s Field, E> {
        match self.fields.get(i) {
            Some(f) => Ok(f),
            None => decline(),
        }
    }

    fn seed<E: de::Error>(&self, i: usize) -> Result<Seed<'s>, E> {
        Ok(Seed {
            schema: self.schema,
            ty: &self.field(i)?.ty,
            depth: self.depth + 1,
        })
    }

    /// A member buffered as JSON, read by the two-step reader; any error declines.
    fn slow<E: de::Error>(&self, i: usize, json: &serde_json::Value) -> Result<Value, E> {
        let ty = &self.field(i)?.ty;
        let mut reader = Reader {
            schema: self.schema,
            errors: Vec::new(),
            too_deep: false,
            label: None,
        };
        let v = reader.value(json, ty, &mut String::new(), self.depth + 1);
        if reader.errors.is_empty() {
            Ok(v)
        } else {
            decline()
        }
    }

    /// Store field `i`; a second value for the same field (a duplicate key) declines.
    fn put<E: de::Error>(&mut self, i: usize, v: Value) -> Result<(), E> {
        let again = match &mut self.seen {
            Seen::Mask(m) => {
                let bit = 1u64.checked_shl(i as u32).unwrap_or(0);
                let again = *m & bit != 0;
                *m |= bit;
                again
            }
            Seen::Flags(flags) => match flags.get_mut(i) {
                Some(flag) => std::mem::replace(flag, true),
                None => return decline(),
            },
        };
        match self.out.get_mut(i) {
            Some(slot) if !again => {
                *slot = v;
                Ok(())
            }
            _ => decline(),
        }
    }

    /// The values in field order. A missing field is `Absent` if optional, else declines; in a
    /// variant case a field named `kind` declines (the two-step reader would fill it from the tag).
    fn finish<E: de::Error>(mut self, variant: bool) -> Result<Vec<Value>, E> {
        for (i, f) in self.fields.iter().enumerate() {
            let seen = match &self.seen {
                Seen::Mask(m) => m & 1u64.checked_shl(i as u32).unwrap_or(0) != 0,
                Seen::Flags(flags) => flags.get(i).copied().unwrap_or(false),
            };
            if !seen && f.absent_is_empty {
                // `optional list of T` left out: no items, as the two-step reader reads it.
                if let Some(slot) = self.out.get_mut(i) {
                    *slot = Value::List(Vec::new());
                }
                continue;
            }
            if (!seen && !matches!(f.ty, Type::Optional(_))) || (variant && f.name == "kind") {
                return decline();
            }
            // A list `ordered by` a field, out of order: the two-step reader says where.
            if let (Some(by), Some(Value::List(items))) = (f.ordered_by, self.out.get(i)) {
                let key = |v: &Value| match v {
                    Value::Record(fields) | Value::Variant { fields, .. } => {
                        fields.get(by as usize).cloned()
                    }
                    _ => None,
                };
                let out_of_order = items.windows(2).any(|w| match w {
                    [first, second] => matches!((key(first), key(second)), (Some(a), Some(b))
                        if super::order_of(&b, &a) == Some(std::cmp::Ordering::Less)),
                    _ => false,
                });
                if out_of_order {
                    return decline();
                }
            }
        }
        Ok(self.out)
    }
}

/// A member name, as the index of the field it names; an unknown name (including `kind`, which a
/// record does not have and a variant has already read) declines.
struct FieldKey<'s>(&'s [Field]);

impl<'de> DeserializeSeed<'de> for FieldKey<'_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldKey<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<usize, E> {
        match self.0.iter().position(|f| f.name == s) {
            Some(i) => Ok(i),
            None => decline(),
        }
    }
}

/// A variant's member name before its case is known: `None` for `kind`, else the name.
struct VariantKey;

impl<'de> DeserializeSeed<'de> for VariantKey {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for VariantKey {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(if s == "kind" {
            None
        } else {
            Some(s.to_owned())
        })
    }
}

/// The value of `kind`: the index of the case it names.
struct CaseName<'s>(&'s [CaseDef]);

impl<'de> DeserializeSeed<'de> for CaseName<'_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CaseName<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a kind")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<usize, E> {
        match self.0.iter().position(|c| c.name == s) {
            Some(i) => Ok(i),
            None => decline(),
        }
    }
}
