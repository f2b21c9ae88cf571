// Witness documents: a schema-driven default document, with one point of a box written into it.

use super::space::{
    pick, Constraint, Cube, DimId, DimKey, DimMap, Domain, Facet, OrderedKind, Root, Space,
};
use crate::ir::{Program, Schema, Type};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};
use std::sync::Arc;

/// Deeper than this the default builder stops (a schema that nests itself has no finite document).
const MAX_DEPTH: usize = 32;

/// A valid value of a type that says as little as possible: false, zero, the first enum value,
/// the first case, empty lists, absent optionals.
pub fn default_json(schema: &Schema, ty: &Type, depth: usize) -> Json {
    if depth > MAX_DEPTH {
        return Json::Null;
    }
    match ty {
        Type::Bool => Json::Bool(false),
        Type::Int(_) => Json::from(0),
        Type::Decimal | Type::Money | Type::Percent => Json::String("0".into()),
        Type::Date => Json::String("2024-01-01".into()),
        Type::Time => Json::String("00:00".into()),
        Type::Str => Json::String(String::new()),
        Type::Enum(e) => schema
            .enum_def(*e)
            .and_then(|d| d.values.first())
            .map_or(Json::Null, |v| Json::String(v.clone())),
        Type::Record(r) => {
            let mut map = Map::new();
            if let Some(def) = schema.record(*r) {
                for f in &def.fields {
                    if !matches!(f.ty, Type::Optional(_)) {
                        map.insert(f.name.clone(), default_json(schema, &f.ty, depth + 1));
                    }
                }
            }
            Json::Object(map)
        }
        Type::Variant(v, case) => {
            let mut map = Map::new();
            if let Some(def) = schema.variant(*v) {
                let c = case
                    .and_then(|c| def.cases.get(c as usize))
                    .or(def.cases.first());
                if let Some(c) = c {
                    map.insert("kind".into(), Json::String(c.name.clone()));
                    for f in &c.fields {
                        if !matches!(f.ty, Type::Optional(_)) {
                            map.insert(f.name.clone(), default_json(schema, &f.ty, depth + 1));
                        }
                    }
                }
            }
            Json::Object(map)
        }
        Type::List(_) => Json::Array(Vec::new()),
        Type::Optional(_) | Type::Case(_) => Json::Null,
    }
}

/// One point of a box: a value for each of its dimensions. An optional field whose value is
/// constrained is made present.
pub fn point_of(cube: &Cube, space: &Space) -> Option<DimMap<Decimal>> {
    // Values two dimensions' difference ties together are solved for together.
    let mut point = super::relations::solve(cube, space)?;
    for (d, c) in &cube.parts {
        let v = match space.dim(*d).map(|x| x.key.facet) {
            Some(Facet::Difference(a, b)) => *point.get(&a)? - *point.get(&b)?,
            _ => match point.get(d) {
                Some(v) => *v,
                None => pick(c, space, *d)?,
            },
        };
        point.insert(*d, v);
    }
    for (d, c) in &cube.parts {
        let Some(dim) = space.dim(*d) else { continue };
        if dim.key.facet != Facet::Value || *c == space.full(*d) {
            continue;
        }
        let presence = DimKey {
            facet: Facet::Present,
            ..dim.key.clone()
        };
        if let Some(p) = space.find(&presence) {
            let allowed = cube.get(space, p);
            if let Constraint::Set(bits) = allowed {
                if bits & 2 != 0 {
                    point.insert(p, Decimal::ONE);
                }
            }
        }
    }
    Some(point)
}

/// The type of the field `name` of a value of type `ty` held as `json`.
fn field_type(schema: &Schema, ty: &Type, json: &Json, name: &str) -> Option<Type> {
    match ty {
        Type::Optional(inner) => field_type(schema, inner, json, name),
        Type::Record(r) => schema
            .record(*r)?
            .fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.ty.clone()),
        Type::Variant(v, _) => {
            let def = schema.variant(*v)?;
            let kind = json.get("kind").and_then(Json::as_str);
            let case = def
                .cases
                .iter()
                .find(|c| Some(c.name.as_str()) == kind)
                .or(def.cases.first())?;
            case.fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.ty.clone())
        }
        _ => None,
    }
}

/// Walk `path` from `(json, ty)`, creating absent optional records on the way; the parent object
/// of the last name and the last name's type.
fn walk<'j>(
    schema: &Schema,
    mut json: &'j mut Json,
    mut ty: Type,
    path: &[Arc<str>],
) -> Option<(&'j mut Map<String, Json>, Arc<str>, Type)> {
    let (last, init) = path.split_last()?;
    for name in init {
        let fty = field_type(schema, &ty, json, name)?;
        let map = json.as_object_mut()?;
        let slot = map.entry(name.to_string()).or_insert_with(|| Json::Null);
        if slot.is_null() {
            let inner = match &fty {
                Type::Optional(t) => (**t).clone(),
                t => t.clone(),
            };
            *slot = default_json(schema, &inner, 0);
        }
        json = slot;
        ty = fty;
    }
    let fty = field_type(schema, &ty, json, last)?;
    Some((json.as_object_mut()?, last.clone(), fty))
}

fn render(domain: &Domain, v: Decimal) -> Option<Json> {
    match domain {
        Domain::Finite(names) => {
            let i: usize = v.try_into().ok()?;
            if names.len() == 2 && names.first().is_some_and(|n| n == "false") {
                Some(Json::Bool(i == 1))
            } else {
                names.get(i).map(|n| Json::String(n.clone()))
            }
        }
        Domain::Ordered { kind, .. } => Some(match kind {
            OrderedKind::Int => Json::from(i64::try_from(v).ok()?),
            OrderedKind::Decimal => Json::String(v.normalize().to_string()),
            OrderedKind::Date => {
                let n: i32 = v.try_into().ok()?;
                Json::String(crate::dates::iso(NaiveDate::from_num_days_from_ce_opt(n)?))
            }
            OrderedKind::Time => {
                let m: u16 = v.try_into().ok()?;
                Json::String(crate::dates::hh_mm(m))
            }
        }),
    }
}

/// A full document for a point: defaults everywhere, one item per bound list item, and the
/// point's values written at their paths. `None` when the schema cannot hold the point.
pub fn document(
    program: &Program,
    space: &Space,
    point: &DimMap<Decimal>,
    bound: &[Root],
) -> Option<Json> {
    let schema = &program.schema;
    let doc_ty = Type::Record(program.document_type);
    let mut doc = default_json(schema, &doc_ty, 0);
    // Items first: each bound item becomes one element of its list.
    let mut items: Vec<Root> = point
        .keys()
        .filter_map(|d| space.dim(*d))
        .map(|d| d.key.root.clone())
        .chain(bound.iter().cloned())
        .filter(|r| *r != Root::Document)
        .collect();
    super::order::sort_dedup(&mut items);
    // Each root once (`items` has no repeats); a few, so a list rather than a map of their own.
    let mut placed: Vec<(Root, Vec<Arc<str>>, usize, Type)> = Vec::new();
    for root in &items {
        let Root::Item { list, case, .. } = root else {
            continue;
        };
        let (parent, last, lty) = walk(schema, &mut doc, doc_ty.clone(), list)?;
        let Type::List(elem) = lty else { return None };
        let elem = match *elem {
            Type::Variant(v, _) => Type::Variant(v, *case),
            t => t,
        };
        let arr = parent
            .entry(last.to_string())
            .or_insert_with(|| Json::Array(Vec::new()));
        let arr = arr.as_array_mut()?;
        arr.push(default_json(schema, &elem, 0));
        placed.push((root.clone(), list.clone(), arr.len() - 1, elem));
    }
    // Then values, shorter paths first and a case before the fields under it.
    let mut order: Vec<(&DimKey, DimId, Decimal)> = point
        .iter()
        .filter_map(|(d, v)| space.dim(*d).map(|dim| (&dim.key, *d, *v)))
        .collect();
    super::order::sort_by(&mut order, |a, b| {
        (&a.0.root, a.0.path.len(), a.0.facet).cmp(&(&b.0.root, b.0.path.len(), b.0.facet))
    });
    for (key, id, v) in order {
        let dim = space.dim(id)?;
        if key.facet == Facet::Value {
            let presence = DimKey {
                facet: Facet::Present,
                ..key.clone()
            };
            if let Some(p) = space.find(&presence) {
                if point.get(&p).is_none_or(|x| x.is_zero()) {
                    continue;
                }
            }
        }
        let (target, ty): (&mut Json, Type) = match &key.root {
            Root::Document => (&mut doc, doc_ty.clone()),
            root => {
                let (_, list, index, elem) = placed.iter().find(|p| p.0 == *root)?;
                let (parent, last, _) = walk(schema, &mut doc, doc_ty.clone(), list)?;
                let item = parent
                    .get_mut(last.as_ref())?
                    .as_array_mut()?
                    .get_mut(*index)?;
                (item, elem.clone())
            }
        };
        if key.path.is_empty() {
            // The item itself: only its case can be set here.
            if key.facet == Facet::Kind {
                let i: u32 = v.try_into().ok()?;
                let vt = match ty {
                    Type::Variant(vid, _) => Type::Variant(vid, Some(i)),
                    t => t,
                };
                *target = default_json(schema, &vt, 0);
            }
            continue;
        }
        let (parent, last, fty) = walk(schema, target, ty, &key.path)?;
        let inner = match &fty {
            Type::Optional(t) => (**t).clone(),
            t => t.clone(),
        };
        match key.facet {
            Facet::Kind => {
                let i: u32 = v.try_into().ok()?;
                let vt = match inner {
                    Type::Variant(vid, _) => Type::Variant(vid, Some(i)),
                    t => t,
                };
                parent.insert(last.to_string(), default_json(schema, &vt, 0));
            }
            Facet::Present => {
                if v.is_zero() {
                    parent.remove(last.as_ref());
                } else if parent.get(last.as_ref()).is_none_or(Json::is_null) {
                    parent.insert(last.to_string(), default_json(schema, &inner, 0));
                }
            }
            Facet::Value => {
                parent.insert(last.to_string(), render(&dim.domain, v)?);
            }
            // As many items holding the value as counted.
            Facet::Count(i) => {
                let Type::List(elem) = inner else { return None };
                let Type::Enum(e) = *elem else { return None };
                let name = schema.enum_def(e)?.values.get(i as usize)?.clone();
                let n: usize = v.try_into().ok()?;
                let list = parent
                    .entry(last.to_string())
                    .or_insert_with(|| Json::Array(Vec::new()));
                list.as_array_mut()?
                    .extend(std::iter::repeat_n(Json::String(name), n));
            }
            // The list as the document found for that truth holds it.
            Facet::Opaque(i) => {
                let found = space.opaque.get(i as usize)?;
                let source = found.1.get(usize::try_from(v).ok()?)?;
                let mut at = Some(source);
                for name in &key.path {
                    at = at.and_then(|j| j.get(name.as_ref()));
                }
                match at {
                    Some(list) => {
                        parent.insert(last.to_string(), list.clone());
                    }
                    None => {
                        parent.remove(last.as_ref());
                    }
                }
            }
            // A difference is written through the two values it relates; a moved date
            // through the date it moves.
            Facet::Difference(..) | Facet::Moved { .. } => {}
        }
    }
    Some(doc)
}
