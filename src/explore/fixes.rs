//! Minimal fixes: the smallest sets of edits (move a number to the nearest value that helps, flip a flag, set an empty optional, drop an item, and, only when asked, add an item) that leave a document free of error findings, each verified by applying its edits to the JSON and checking again, ranked as a court would choose them and said in words.

use super::edit::{apply_edits, Edit, EditOp};
use super::options::Tuner;
use super::{error_keys, error_rules, lawful, pointer_escape, value_json, Explorer};
use crate::ir::{Type, Value};
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::BTreeSet;

/// The fixes found for a document.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Fixes {
    pub lawful_now: bool,
    pub errors_now: Vec<String>,
    /// Minimal fixes (no proper subset is a fix), smallest first; each verified.
    pub fixes: Vec<Fix>,
    /// How many single edits were considered.
    pub candidates: usize,
    /// Fixes of up to this many edits were searched.
    pub searched_up_to: usize,
    /// False when the search stopped at its limit before trying every set of that size.
    pub complete: bool,
    /// Empty facts taken as given: the rules waiting on them are in no answer above.
    pub missing: Vec<super::MissingFact>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Fix {
    pub size: usize,
    /// Apply in order (`apply_edits`): sets first, then removals from the highest index, then
    /// additions at the end of the list.
    pub edits: Vec<Edit>,
    /// The rules whose error findings the fix removes (all of them).
    pub resolves: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
enum Target {
    Root(usize),
    Item(usize, usize),
}

#[derive(Clone, Debug, PartialEq)]
enum Atom {
    Set(Target, Value),
    Drop(usize),
    Add(Value),
}

/// An error finding as its rule and the paths it concerns (`super::error_keys`).
type FindingKey = (String, Vec<String>);

struct Prune {
    removes: Vec<u128>,
    need: u128,
}

/// What the fix search may propose beyond changing and removing what the document holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FixOptions {
    /// Also propose adding an item (a requirement) to the list. Off by default: a court does not
    /// add a requirement to satisfy a rule about another one unless it chooses to.
    pub add_items: bool,
}

/// At most this many sets of edits are checked in one search.
const MAX_CHECKS: usize = 40_000;
/// At most this many fixes are returned.
const MAX_FIXES: usize = 12;
/// Sets of up to this many edits are searched.
const MAX_SIZE: usize = 4;
/// At most this many values of one number are tried on each side of its current value.
const MAX_PER_SIDE: usize = 3;

impl Explorer<'_> {
    /// The smallest sets of edits that make a JSON document free of error findings.
    /// Items are never added (see `fixes_json_with`).
    pub fn fixes_json(&self, json: &Json) -> Result<Fixes, super::Refusal> {
        self.fixes_json_with(json, FixOptions::default())
    }

    /// The smallest sets of edits that make a JSON document free of error findings, with the
    /// kinds of edit `options` allows.
    pub fn fixes_json_with(
        &self,
        json: &Json,
        options: FixOptions,
    ) -> Result<Fixes, super::Refusal> {
        let as_is = self.read_as_is(json)?;
        let mut fixes = self.fixes(&self.given(&as_is), json, options);
        fixes.missing = self.missing(&as_is);
        Ok(fixes)
    }

    fn fixes(&self, doc: &Value, json: &Json, options: FixOptions) -> Fixes {
        let report = self.check(doc);
        let errors_now: Vec<String> = error_rules(&report).into_iter().collect();
        if lawful(&report) {
            return Fixes {
                lawful_now: true,
                errors_now,
                fixes: Vec::new(),
                candidates: 0,
                searched_up_to: 0,
                complete: true,
                missing: Vec::new(),
            };
        }
        let before = error_keys(&report);
        let mentioned: BTreeSet<String> = report
            .findings
            .iter()
            .filter(|f| f.severity == crate::diag::Severity::Error)
            .flat_map(|f| f.paths.iter().cloned())
            .collect();
        let atoms = self.atoms(doc, &before, &mentioned, options);
        // What each edit removes on its own, as bits over the findings (pruning only: a set
        // is checked when together its edits remove every finding one at a time).
        let keys: Vec<&(String, Vec<String>)> = before.iter().collect();
        let removes: Vec<u128> = if keys.len() <= 128 {
            atoms
                .iter()
                .map(|a| {
                    let after = error_keys(&self.check(&self.apply(doc, &[a])));
                    keys.iter()
                        .enumerate()
                        .filter(|(_, k)| !after.contains(**k))
                        .fold(0u128, |m, (i, _)| m | 1 << i)
                })
                .collect()
        } else {
            vec![u128::MAX; atoms.len()]
        };
        let need: u128 = if keys.len() >= 128 {
            u128::MAX
        } else {
            (1u128 << keys.len()) - 1
        };
        let prune = Prune { removes, need };
        let mut found: Vec<Vec<usize>> = Vec::new();
        let mut checks = 0usize;
        let mut complete = true;
        let mut searched = 0;
        for size in 1..=MAX_SIZE.min(atoms.len()) {
            searched = size;
            let mut chosen = Vec::new();
            let stop = self.search(
                doc,
                &atoms,
                &prune,
                size,
                0,
                &mut chosen,
                &mut found,
                &mut checks,
            );
            if stop {
                complete = false;
                break;
            }
            if found.len() >= MAX_FIXES {
                break;
            }
        }
        let mut fixes: Vec<Fix> = Vec::new();
        for set in &found {
            let picked: Vec<&Atom> = set.iter().filter_map(|i| atoms.get(*i)).collect();
            let edits = self.edits(json, doc, &picked);
            // Verify through the JSON a user would send: apply, read, check.
            let ok = apply_edits(json, &edits)
                .ok()
                .and_then(|j| self.read(&j).ok())
                .is_some_and(|d| lawful(&self.check(&d)));
            if ok {
                fixes.push(Fix {
                    size: edits.len(),
                    edits,
                    resolves: errors_now.clone(),
                });
            }
        }
        // As a court would choose: change what the order holds before removing a requirement,
        // and remove before adding one; fewer changes first within each.
        fixes.sort_by_key(|f| {
            let count = |op: EditOp, appends: bool| {
                f.edits
                    .iter()
                    .filter(|e| e.op == op && e.path.ends_with("/-") == appends)
                    .count()
            };
            (
                count(EditOp::Add, true),
                count(EditOp::Remove, false),
                f.size,
                f.edits.first().map(|e| e.describe.clone()),
            )
        });
        fixes.truncate(MAX_FIXES);
        Fixes {
            lawful_now: false,
            errors_now,
            fixes,
            candidates: atoms.len(),
            searched_up_to: searched,
            complete,
            missing: Vec::new(),
        }
    }

    /// Depth-first over sets of `size` atoms in index order. Returns true when the check
    /// budget ran out.
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        doc: &Value,
        atoms: &[Atom],
        prune: &Prune,
        size: usize,
        start: usize,
        chosen: &mut Vec<usize>,
        found: &mut Vec<Vec<usize>>,
        checks: &mut usize,
    ) -> bool {
        if chosen.len() == size {
            if found.iter().any(|f| f.iter().all(|i| chosen.contains(i))) {
                return false;
            }
            let covered = chosen
                .iter()
                .filter_map(|i| prune.removes.get(*i))
                .fold(0u128, |m, r| m | r);
            if covered & prune.need != prune.need {
                return false;
            }
            *checks += 1;
            if *checks > MAX_CHECKS {
                return true;
            }
            let picked: Vec<&Atom> = chosen.iter().filter_map(|i| atoms.get(*i)).collect();
            if lawful(&self.check(&self.apply(doc, &picked))) {
                found.push(chosen.clone());
            }
            return false;
        }
        for i in start..atoms.len() {
            let Some(a) = atoms.get(i) else { continue };
            let clash = chosen
                .iter()
                .filter_map(|j| atoms.get(*j))
                .any(|b| clashes(a, b));
            // A set that already holds a fix is not minimal.
            if clash {
                continue;
            }
            chosen.push(i);
            if found.iter().any(|f| f.iter().all(|x| chosen.contains(x))) {
                chosen.pop();
                continue;
            }
            let stop = self.search(doc, atoms, prune, size, i + 1, chosen, found, checks);
            chosen.pop();
            if stop {
                return true;
            }
        }
        false
    }

    /// Apply atoms to a typed document: sets, then drops (highest index first), then adds.
    fn apply(&self, doc: &Value, atoms: &[&Atom]) -> Value {
        let mut d = doc.clone();
        for a in atoms {
            if let Atom::Set(t, v) = a {
                let slot = match (t, &mut d) {
                    (Target::Root(j), Value::Record(fields)) => fields.get_mut(*j),
                    (Target::Item(i, j), _) => {
                        match self.items_mut(&mut d).and_then(|x| x.get_mut(*i)) {
                            Some(Value::Variant { fields, .. }) => fields.get_mut(*j),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                if let Some(s) = slot {
                    *s = v.clone();
                }
            }
        }
        let drops = dropped_last_first(atoms);
        if let Some(items) = self.items_mut(&mut d) {
            for i in drops {
                if i < items.len() {
                    items.remove(i);
                }
            }
            for a in atoms {
                if let Atom::Add(item) = a {
                    items.push(item.clone());
                }
            }
        }
        d
    }

    /// The edits that do what `atoms` do, against the JSON the user sent.
    fn edits(&self, json: &Json, doc: &Value, atoms: &[&Atom]) -> Vec<Edit> {
        let schema = self.schema();
        let list = pointer_escape(&self.list.field);
        let root_fields = schema
            .record(self.program.document_type)
            .map(|r| r.fields.as_slice())
            .unwrap_or(&[]);
        let mut out = Vec::new();
        for a in atoms {
            let Atom::Set(t, v) = a else { continue };
            let (pointer, shown, ty, sentence) = match t {
                Target::Root(j) => {
                    let Some(f) = root_fields.get(*j) else {
                        continue;
                    };
                    (
                        format!("/{}", pointer_escape(&f.name)),
                        f.name.clone(),
                        f.ty.clone(),
                        self.set_sentence(None, f, self.current(doc, t).as_ref(), v),
                    )
                }
                Target::Item(i, j) => {
                    let Some(Value::Variant { case, .. }) = self.items(doc).get(*i) else {
                        continue;
                    };
                    let Some(f) = self.case_def(*case).and_then(|c| c.fields.get(*j)) else {
                        continue;
                    };
                    (
                        format!("/{list}/{i}/{}", pointer_escape(&f.name)),
                        format!("{}.{}", self.item_path(*i), f.name),
                        f.ty.clone(),
                        self.set_sentence(Some(*case), f, self.current(doc, t).as_ref(), v),
                    )
                }
            };
            let present = json.pointer(&pointer).is_some_and(|x| !x.is_null());
            out.push(Edit {
                op: if present {
                    EditOp::Replace
                } else {
                    EditOp::Add
                },
                path: pointer,
                value: Some(value_json(schema, v, &ty)),
                describe: format!(
                    "set {shown} to {}",
                    crate::eval::render::display(v, &ty, schema)
                ),
                sentence,
            });
        }
        let drops = dropped_last_first(atoms);
        for i in drops {
            let case = match self.items(doc).get(i) {
                Some(Value::Variant { case, .. }) => Some(*case),
                _ => None,
            };
            let kind = case.map_or_else(|| "item".into(), |c| self.case_name(c).replace('_', " "));
            out.push(Edit {
                op: EditOp::Remove,
                path: format!("/{list}/{i}"),
                value: None,
                describe: format!("remove {} (the {kind} item)", self.item_path(i)),
                sentence: self.remove_sentence(case),
            });
        }
        for a in atoms {
            if let Atom::Add(item) = a {
                let kind = match item {
                    Value::Variant { case, .. } => self.case_name(*case).replace('_', " "),
                    _ => "item".into(),
                };
                out.push(Edit {
                    op: EditOp::Add,
                    path: format!("/{list}/-"),
                    value: Some(self.item_json(item)),
                    describe: format!(
                        "add {} {kind} item to {}",
                        if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                            "an"
                        } else {
                            "a"
                        },
                        self.list.field
                    ),
                    sentence: self.add_sentence(item),
                });
            }
        }
        out
    }

    /// The single edits worth combining: each removes at least one error finding.
    fn atoms(
        &self,
        doc: &Value,
        before: &BTreeSet<(String, Vec<String>)>,
        mentioned: &BTreeSet<String>,
        options: FixOptions,
    ) -> Vec<Atom> {
        // The findings an edit removes, and whether it brings a new one.
        let effect = |atom: &Atom| -> (BTreeSet<FindingKey>, bool) {
            let after = error_keys(&self.check(&self.apply(doc, &[atom])));
            let removed = before
                .iter()
                .filter(|k| !after.contains(k))
                .cloned()
                .collect();
            (removed, after.iter().any(|k| !before.contains(k)))
        };
        let helps = |atom: &Atom| !effect(atom).0.is_empty();
        let tuner = Tuner::new(self, doc);
        let mut out: Vec<Atom> = Vec::new();
        let schema = self.schema();
        // Fields of items.
        for (i, item) in self.items(doc).iter().enumerate() {
            let Value::Variant { case, fields } = item else {
                continue;
            };
            let Some(def) = self.case_def(*case) else {
                continue;
            };
            for (j, (f, cur)) in def.fields.iter().zip(fields).enumerate() {
                let cands = tuner.candidates(*case, j as u32, &f.ty);
                for v in self.values_to_try(&f.ty, cur, cands, schema) {
                    let atom = Atom::Set(Target::Item(i, j), v);
                    if self.numeric(&f.ty) {
                        // Numbers: the nearest helping value on each side, chosen below.
                        out.push(atom);
                    } else if helps(&atom) {
                        // One helping value per flag or choice is enough.
                        out.push(atom);
                        break;
                    }
                }
            }
        }
        // Numbers: keep only the nearest helping value below and above the current one.
        let mut kept: Vec<Atom> = Vec::new();
        let mut by_target: Vec<(Target, Vec<Value>)> = Vec::new();
        for a in out {
            match a {
                Atom::Set(t, v) if self.target_numeric(doc, &t) => {
                    match by_target.iter_mut().find(|(x, _)| *x == t) {
                        Some((_, vs)) => vs.push(v),
                        None => by_target.push((t, vec![v])),
                    }
                }
                other => kept.push(other),
            }
        }
        // Root fields: numbers and empty optionals that the findings mention.
        let root = schema.record(self.program.document_type);
        for (j, f) in root
            .map(|r| r.fields.as_slice())
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            if j == self.list.index || !mentioned.contains(&f.name) {
                continue;
            }
            let Value::Record(fields) = doc else { break };
            let Some(cur) = fields.get(j) else { continue };
            let inner = match &f.ty {
                Type::Optional(t) => &**t,
                t => t,
            };
            let numeric = self.numeric(&f.ty);
            let settable_optional = matches!(f.ty, Type::Optional(_))
                && matches!(cur, Value::Absent)
                && matches!(inner, Type::Bool | Type::Enum(_));
            if !numeric && !settable_optional {
                continue;
            }
            let cands = tuner.candidates_for(Tuner::root_ref(j as u32), &f.ty);
            let vals = self.values_to_try(&f.ty, cur, cands, schema);
            if numeric {
                by_target.push((Target::Root(j), vals));
            } else {
                for v in vals {
                    let atom = Atom::Set(Target::Root(j), v);
                    if helps(&atom) {
                        kept.push(atom);
                    }
                }
            }
        }
        for (t, vals) in by_target {
            let cur = self.current(doc, &t);
            let key = |v: &Value| number(v);
            let c = cur.as_ref().and_then(key);
            let mut below: Vec<&Value> = vals
                .iter()
                .filter(|v| c.is_none_or(|c| key(v).is_some_and(|k| k < c)))
                .collect();
            let mut above: Vec<&Value> = vals
                .iter()
                .filter(|v| c.is_some_and(|c| key(v).is_some_and(|k| k > c)))
                .collect();
            if c.is_none() {
                // An empty optional: smallest magnitude first.
                below.sort_by_key(|v| key(v).map(|k| (k <= 0.into(), k.abs())));
            } else {
                below.sort_by_key(|v| std::cmp::Reverse(key(v)));
                above.sort_by_key(|v| key(v));
            }
            // On each side the nearest value that helps, then a further one only where it
            // removes a finding the nearer ones do not (21 hours a day: 20 clears the daily
            // limit, 16 the weekly one too); at most a few per side. Values that bring no new
            // finding come first (a weekly total of 1 hour clears the weekly limit but cannot be
            // true of a 20-hour day); the others only when no such value helps.
            for side in [below, above] {
                let effects: Vec<(Atom, BTreeSet<FindingKey>, bool)> = side
                    .into_iter()
                    .map(|v| {
                        let atom = Atom::Set(t.clone(), v.clone());
                        let (r, new) = effect(&atom);
                        (atom, r, new)
                    })
                    .collect();
                for allow_new in [false, true] {
                    let mut cleared: BTreeSet<FindingKey> = BTreeSet::new();
                    let mut taken = 0;
                    for (atom, r, new) in &effects {
                        if taken >= MAX_PER_SIDE {
                            break;
                        }
                        if *new && !allow_new {
                            continue;
                        }
                        if r.iter().any(|k| !cleared.contains(k)) {
                            cleared.extend(r.iter().cloned());
                            kept.push(atom.clone());
                            taken += 1;
                        }
                    }
                    if taken > 0 {
                        break;
                    }
                }
            }
        }
        // Dropping an item.
        for i in 0..self.items(doc).len() {
            let atom = Atom::Drop(i);
            if helps(&atom) {
                kept.push(atom);
            }
        }
        // Adding an item of some case, with the parameters that suit this document best: only
        // when asked for.
        let cases = if options.add_items {
            self.list.cases.len() as u32
        } else {
            0
        };
        for c in 0..cases {
            let (item, new_errors, _) = tuner.tune(c);
            if !new_errors.is_empty() {
                continue;
            }
            // Kept even when it removes nothing alone: an added item may stand in for one
            // that another edit drops.
            kept.push(Atom::Add(item));
        }
        kept
    }

    fn numeric(&self, ty: &Type) -> bool {
        matches!(
            ty,
            Type::Int(_) | Type::Decimal | Type::Money | Type::Percent | Type::Date
        ) || matches!(ty, Type::Optional(t) if self.numeric(t))
    }

    fn target_numeric(&self, doc: &Value, t: &Target) -> bool {
        match t {
            Target::Root(j) => self
                .schema()
                .record(self.program.document_type)
                .and_then(|r| r.fields.get(*j))
                .is_some_and(|f| self.numeric(&f.ty)),
            Target::Item(i, j) => match self.items(doc).get(*i) {
                Some(Value::Variant { case, .. }) => self
                    .case_def(*case)
                    .and_then(|c| c.fields.get(*j))
                    .is_some_and(|f| self.numeric(&f.ty)),
                _ => false,
            },
        }
    }

    fn current(&self, doc: &Value, t: &Target) -> Option<Value> {
        match (t, doc) {
            (Target::Root(j), Value::Record(fields)) => fields.get(*j).cloned(),
            (Target::Item(i, j), _) => match self.items(doc).get(*i) {
                Some(Value::Variant { fields, .. }) => fields.get(*j).cloned(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The other values of a field worth trying: flags flipped (an empty optional flag set
    /// either way), other enum values, and the candidate numbers. Never "clear a recorded
    /// value": emptying a recorded fact is not a fix.
    fn values_to_try(
        &self,
        ty: &Type,
        cur: &Value,
        cands: Vec<Value>,
        schema: &crate::ir::Schema,
    ) -> Vec<Value> {
        let inner = match ty {
            Type::Optional(t) => &**t,
            t => t,
        };
        let _ = schema;
        match (inner, cur) {
            (Type::Bool, Value::Bool(b)) => vec![Value::Bool(!b)],
            (Type::Bool, _) => vec![Value::Bool(true), Value::Bool(false)],
            (Type::Time | Type::Str, _) => Vec::new(),
            _ => cands
                .into_iter()
                .filter(|v| v != cur && !matches!(v, Value::Absent))
                .collect(),
        }
    }
}

/// A number's size for ordering (ints, amounts, dates as days).
pub(super) fn number(v: &Value) -> Option<rust_decimal::Decimal> {
    match v {
        Value::Int(i) => Some((*i).into()),
        Value::Dec(d) => Some(*d),
        Value::Date(d) => Some(i64::from(chrono::Datelike::num_days_from_ce(d)).into()),
        _ => None,
    }
}

/// Two atoms that cannot be in one fix: the same field twice, or a change to an item that is
/// dropped.
fn clashes(a: &Atom, b: &Atom) -> bool {
    match (a, b) {
        (Atom::Set(x, _), Atom::Set(y, _)) => x == y,
        (Atom::Set(Target::Item(i, _), _), Atom::Drop(j))
        | (Atom::Drop(j), Atom::Set(Target::Item(i, _), _)) => i == j,
        (Atom::Add(x), Atom::Add(y)) => x == y,
        _ => false,
    }
}

/// The items a set of edits drops, last first, so removing them one by one keeps indices valid.
fn dropped_last_first(atoms: &[&Atom]) -> Vec<usize> {
    let mut drops: Vec<usize> = atoms
        .iter()
        .filter_map(|a| match a {
            Atom::Drop(i) => Some(*i),
            _ => None,
        })
        .collect();
    drops.sort_unstable_by(|a, b| b.cmp(a));
    drops
}
