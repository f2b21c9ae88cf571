// Documents found by trying them: random documents of the rulebook's schema, their values drawn
// from the constants its declarations name (and their neighbours), each read and run through
// `eval`. A condition shown to hold on one document and fail on another is decided to be neither
// always nor never true, whatever the lowering could not model: no claim here rests on anything
// but a document that was evaluated. (What cannot be found this way stays undecided.)

use crate::dates;
use crate::ir::{Node, NodeKind, Program, Schema, Type, Value};
use serde_json::{Map, Value as Json};
use std::collections::HashSet;
use std::sync::Arc;

/// Documents tried for one condition before giving up.
const TRIES: usize = 4_000;
/// Longest list a tried document holds.
const LIST_MOST: u64 = 3;
const MAX_DEPTH: usize = 16;

/// A small deterministic generator (xorshift), seeded per question so answers repeat.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }
}

/// The values a tried document draws from: each constant the program names, and its
/// neighbours (a bound is met on both sides). Gathered once per program (`pools`): walking a
/// large rulebook for every question was most of a lint's time.
#[derive(Default)]
pub struct Pools {
    ints: Vec<i64>,
    decimals: Vec<String>,
    dates: Vec<String>,
    times: Vec<String>,
    strings: Vec<String>,
}

/// A constant already drawn from (a decimal by its digits and scale, so 1.5 and 1.50 each give
/// their own neighbours): one set for every kind, so the module carries one hash set's code.
#[derive(PartialEq, Eq, Hash)]
enum Drawn {
    Int(i64),
    Dec(i128, u32),
    Date(chrono::NaiveDate),
    Time(u16),
    Str(Arc<str>),
}

type Seen = HashSet<Drawn>;

fn collect(node: &Node, seen: &mut Seen, pools: &mut Pools) {
    if let NodeKind::Const(v) = &node.kind {
        match v {
            Value::Int(n) if seen.insert(Drawn::Int(*n)) => {
                for k in [n.saturating_sub(1), *n, n.saturating_add(1)] {
                    if k.unsigned_abs() <= crate::analyze::space::JS_SAFE as u64 {
                        pools.ints.push(k);
                    }
                }
            }
            Value::Dec(d) if seen.insert(Drawn::Dec(d.mantissa(), d.scale())) => {
                let step = rust_decimal::Decimal::new(1, d.scale().max(2));
                for k in [*d - step, *d, *d + step] {
                    pools.decimals.push(k.normalize().to_string());
                }
            }
            Value::Date(d) if seen.insert(Drawn::Date(*d)) => {
                for k in [d.pred_opt(), Some(*d), d.succ_opt()].into_iter().flatten() {
                    pools.dates.push(dates::iso(k));
                }
            }
            Value::Time(t) if seen.insert(Drawn::Time(*t)) => {
                for k in [t.saturating_sub(1), *t, t.saturating_add(1)] {
                    if k < 24 * 60 {
                        pools.times.push(dates::hh_mm(k));
                    }
                }
            }
            Value::Str(s) if seen.insert(Drawn::Str(s.clone())) => {
                pools.strings.push(s.to_string())
            }
            _ => {}
        }
    }
    for child in node.children() {
        collect(child, seen, pools);
    }
}

pub fn pools(program: &Program) -> Pools {
    let mut p = Pools {
        ints: vec![0, 1, 2],
        decimals: vec!["0".into(), "1".into()],
        dates: vec!["2024-01-01".into()],
        times: vec!["00:00".into()],
        strings: vec![String::new()],
    };
    let mut seen = Seen::default();
    let mut nodes: Vec<&Node> = Vec::new();
    for r in &program.rules {
        nodes.extend(r.when.iter().chain(r.require.iter()));
    }
    for t in &program.routes {
        nodes.extend(t.rows.iter().map(|r| &r.condition));
        nodes.extend(t.applies.iter());
    }
    for d in &program.derives {
        nodes.extend(d.when.iter().chain(std::iter::once(&d.value)));
    }
    for c in &program.conflicts {
        nodes.extend(c.when.iter());
    }
    for n in nodes {
        collect(n, &mut seen, &mut p);
    }
    p
}

fn draw(schema: &Schema, ty: &Type, pools: &Pools, rng: &mut Rng, depth: usize) -> Json {
    if depth > MAX_DEPTH {
        return crate::analyze::witness::default_json(schema, ty, 0);
    }
    let from = |rng: &mut Rng, items: &[String]| {
        rng.pick(items)
            .map_or(Json::Null, |s| Json::String(s.clone()))
    };
    match ty {
        Type::Bool => Json::Bool(rng.below(2) == 1),
        Type::Int(_) => rng
            .pick(&pools.ints)
            .map_or(Json::from(0), |n| Json::from(*n)),
        Type::Decimal | Type::Money | Type::Percent => from(rng, &pools.decimals),
        Type::Date => from(rng, &pools.dates),
        Type::Time => from(rng, &pools.times),
        Type::Str => from(rng, &pools.strings),
        Type::Enum(e) => schema
            .enum_def(*e)
            .and_then(|d| rng.pick(&d.values))
            .map_or(Json::Null, |v| Json::String(v.clone())),
        Type::Record(r) => {
            let mut map = Map::new();
            for f in schema
                .record(*r)
                .map(|d| d.fields.as_slice())
                .unwrap_or(&[])
            {
                if let Some(v) = field(schema, &f.ty, pools, rng, depth) {
                    map.insert(f.name.clone(), v);
                }
            }
            Json::Object(map)
        }
        Type::Variant(v, case) => {
            let mut map = Map::new();
            if let Some(def) = schema.variant(*v) {
                let c = match case {
                    Some(c) => def.cases.get(*c as usize),
                    None => rng.pick(&def.cases),
                };
                if let Some(c) = c {
                    map.insert("kind".into(), Json::String(c.name.clone()));
                    for f in &c.fields {
                        if let Some(v) = field(schema, &f.ty, pools, rng, depth) {
                            map.insert(f.name.clone(), v);
                        }
                    }
                }
            }
            Json::Object(map)
        }
        Type::List(elem) => {
            let n = rng.below(LIST_MOST + 1);
            Json::Array(
                (0..n)
                    .map(|_| draw(schema, elem, pools, rng, depth + 1))
                    .collect(),
            )
        }
        Type::Optional(inner) => draw(schema, inner, pools, rng, depth),
        Type::Case(_) => Json::Null,
    }
}

/// A field's value, or `None` for an optional field left out.
fn field(schema: &Schema, ty: &Type, pools: &Pools, rng: &mut Rng, depth: usize) -> Option<Json> {
    if matches!(ty, Type::Optional(_)) && rng.below(3) == 0 {
        return None;
    }
    Some(draw(schema, ty, pools, rng, depth + 1))
}

/// Two documents, one where `condition` (read with `slots` binders, of the document only) holds
/// and one where it fails, each read and evaluated; `None` when either was not found. `pools`
/// are the program's (`pools`).
pub fn both_ways(
    program: &Program,
    pools: &Pools,
    condition: &Node,
    slots: u32,
) -> Option<(Json, Json)> {
    let doc_ty = Type::Record(program.document_type);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ u64::from(condition.span.start));
    let (mut holds, mut fails) = (None, None);
    for _ in 0..TRIES {
        let json = draw(&program.schema, &doc_ty, pools, &mut rng, 0);
        let Ok(doc) = crate::doc::read(program, &json) else {
            continue;
        };
        match crate::eval::value_of(condition, &doc, slots) {
            Some(Value::Bool(true)) if holds.is_none() => holds = Some(json),
            Some(Value::Bool(false)) if fails.is_none() => fails = Some(json),
            _ => {}
        }
        if holds.is_some() && fails.is_some() {
            break;
        }
    }
    holds.zip(fails)
}
