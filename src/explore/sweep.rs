//! The exhaustive sweep: every combination of cases (one item each, default lawful parameters) for the facts of a document, how many are lawful, and which rules rule out the rest.
//!
//! The 2^N combinations are decided exactly without checking each one in full. Each error
//! declaration (and each derived value, whose evaluation may fail) is sorted by how it reads
//! the list:
//! - *constant*: it does not read the list, so one check of the facts decides it everywhere;
//! - *local*: it reads items only through one or two `for each` binders (or it is a conflict):
//!   it fires in a combination iff it fires with one of its items alone or one of its pairs;
//! - *footprint*: it aggregates only over items of a few named cases: a table over the subsets
//!   of those cases decides it;
//! - *global*: it aggregates over every item (`count(r in ...)`, `any(r in ...: r.punitive)`):
//!   the items of cases it never names matter only through the per-item values of its
//!   aggregates' filters and bodies, so cases with the same values are interchangeable and the
//!   declaration is checked once per (named cases present, count of each class) key.
//!
//! Every decision is made by `eval::check` on a typed document (with a program holding only the
//! declarations concerned). An error more than one group meets (an evaluation error) is counted
//! over the union of the combinations where each meets it. `sweep_direct` checks every combination in full instead; the tests
//! compare the two.

use super::scan::{contains, is_list, walk};
use super::{error_rules, Explorer};
use crate::ir::{Binder, Meta, Node, NodeKind, Program, Rule, Type, Value};
use crate::vocab::AggOp;
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Sweep {
    pub list: String,
    /// The cases swept, in schema order.
    pub cases: Vec<String>,
    /// The item used for each case: the parameters that suit the facts best on their own.
    pub defaults: Vec<Json>,
    /// 2^N.
    pub combinations: u64,
    pub lawful: u64,
    pub unlawful: u64,
    /// For each rule with an error finding in some combination: in how many (a combination
    /// may have several), most first.
    pub reasons: Vec<Reason>,
    /// Cases that no lawful combination holds: an item of that case gives an error on its own.
    pub unavailable: Vec<CaseStatus>,
    /// Pairs of available cases that may not be combined, with the rules that forbid them.
    pub forbidden_pairs: Vec<ForbiddenPair>,
    /// `decomposed` (the default) or `direct` (every combination checked in full).
    pub method: String,
    /// How many documents were checked.
    pub checks: u64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Reason {
    pub rule: String,
    pub title: String,
    pub combinations: u64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CaseStatus {
    pub case: String,
    pub rules: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ForbiddenPair {
    pub a: String,
    pub b: String,
    pub rules: Vec<String>,
}

/// How a declaration reads the explored list.
#[derive(Clone, Debug, PartialEq)]
enum Shape {
    Constant,
    Local,
    /// Positions (in the swept universe) of the cases it aggregates over.
    Footprint(u64),
    Global,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Decl {
    Rule(usize),
    Conflict(usize),
    Routes(usize),
    /// A derived value: it gives no finding, but an evaluation error in it (an overflow) is
    /// an error of the combination, as checking in full finds it (issue 22 fuzzing).
    Derive(usize),
}

/// The most cases the sweep takes (combinations are counted in a u64).
pub const MAX_CASES: usize = 40;
/// A footprint with more cases than this is treated as global.
const MAX_FOOTPRINT: u32 = 12;

/// A program holding only some declarations of another (no tests or examples).
fn sub_program(p: &Program, decls: &[Decl]) -> Program {
    let has = |d: Decl| decls.contains(&d);
    Program {
        sources: p.sources.clone(),
        rulebooks: Vec::new(),
        schema: p.schema.clone(),
        document_name: p.document_name.clone(),
        document_type: p.document_type,
        law_date: p.law_date.clone(),
        dates: p.dates.clone(),
        lets: p.lets.clone(),
        rules: (0..p.rules.len())
            .filter(|i| has(Decl::Rule(*i)))
            .filter_map(|i| p.rules.get(i).cloned())
            .collect(),
        conflicts: (0..p.conflicts.len())
            .filter(|i| has(Decl::Conflict(*i)))
            .filter_map(|i| p.conflicts.get(i).cloned())
            .collect(),
        routes: (0..p.routes.len())
            .filter(|i| has(Decl::Routes(*i)))
            .filter_map(|i| p.routes.get(i).cloned())
            .collect(),
        derives: (0..p.derives.len())
            .filter(|i| has(Decl::Derive(*i)))
            .filter_map(|i| p.derives.get(i).cloned())
            .collect(),
        examples: Vec::new(),
        tests: Vec::new(),
    }
}

struct Ctx<'e, 'p> {
    ex: &'e Explorer<'p>,
    base: Value,
    /// Case id at each position of the universe.
    cases: Vec<u32>,
    items: Vec<Value>,
    checks: u64,
    /// The title of each rule met, from its findings (the version in force).
    titles: BTreeMap<String, String>,
}

impl Ctx<'_, '_> {
    fn n(&self) -> usize {
        self.cases.len()
    }

    fn doc(&self, mask: u64) -> Value {
        let items = self
            .items
            .iter()
            .enumerate()
            .filter(|(k, _)| mask >> k & 1 == 1)
            .map(|(_, v)| v.clone())
            .collect();
        self.ex.with_items(&self.base, items)
    }

    fn errors(&mut self, program: &Program, mask: u64) -> BTreeSet<String> {
        self.checks += 1;
        let report = crate::eval::check_places(program, &self.doc(mask));
        for f in &report.findings {
            if !self.titles.contains_key(&f.rule) {
                self.titles.insert(f.rule.clone(), f.title.clone());
            }
        }
        error_rules(&report)
    }
}

/// The cases a list aggregate or binder is narrowed to; `None` inside means "every case".
fn list_reads(nodes: &[&Node], list_index: usize) -> (Vec<Option<u32>>, bool) {
    let mut reads = Vec::new();
    let mut opaque = false;
    for n in nodes {
        walk(n, &mut |x| match &x.kind {
            NodeKind::Aggregate(agg) if is_list(&agg.list, list_index) => reads.push(agg.case),
            NodeKind::InList { list, .. } if is_list(list, list_index) => opaque = true,
            _ => {}
        });
    }
    (reads, opaque)
}

impl Explorer<'_> {
    fn shape(
        &self,
        decl: Decl,
        positions: &dyn Fn(Option<&BTreeSet<u32>>) -> Option<u64>,
    ) -> Shape {
        let p = self.program;
        let li = self.list.index;
        let (binder_cases, nodes): (Vec<Option<u32>>, Vec<&Node>) = match decl {
            Decl::Rule(i) => {
                let Some(r) = p.rules.get(i) else {
                    return Shape::Global;
                };
                (
                    r.binders
                        .iter()
                        .filter(|b| is_list(&b.list, li))
                        .map(|b| b.case)
                        .collect(),
                    r.when
                        .iter()
                        .chain(r.require.iter())
                        .chain(
                            r.binders
                                .iter()
                                .map(|b| &b.list)
                                .filter(|l| !is_list(l, li)),
                        )
                        .collect(),
                )
            }
            Decl::Conflict(i) => {
                let Some(c) = p.conflicts.get(i) else {
                    return Shape::Global;
                };
                if !is_list(&c.list, li) {
                    (Vec::new(), c.when.iter().chain([&c.list]).collect())
                } else {
                    let case_of = |name: &str| self.case_index(name);
                    (
                        vec![case_of(&c.left.1), case_of(&c.right.1)],
                        c.when.iter().collect(),
                    )
                }
            }
            Decl::Routes(i) => {
                let Some(t) = p.routes.get(i) else {
                    return Shape::Global;
                };
                // `applies when` reads the document as much as the rows do (issue 22 fuzzing).
                let reads = t.rows.iter().map(|r| &r.condition).chain(t.applies.iter());
                (Vec::new(), reads.collect())
            }
            Decl::Derive(i) => {
                let Some(d) = p.derives.get(i) else {
                    return Shape::Global;
                };
                (Vec::new(), d.when.iter().chain([&d.value]).collect())
            }
        };
        let reads_list = nodes.iter().any(|n| contains(n, &|x| is_list(x, li)));
        if !reads_list {
            return match binder_cases.len() {
                0 => Shape::Constant,
                1 | 2 => Shape::Local,
                _ => footprint(&binder_cases, &[], positions),
            };
        }
        let (aggs, opaque) = list_reads(&nodes, li);
        if opaque {
            return Shape::Global;
        }
        footprint(&binder_cases, &aggs, positions)
    }

    fn decls(&self) -> Vec<Decl> {
        let p = self.program;
        (0..p.rules.len())
            .map(Decl::Rule)
            .chain((0..p.conflicts.len()).map(Decl::Conflict))
            .chain((0..p.routes.len()).map(Decl::Routes))
            .chain((0..p.derives.len()).map(Decl::Derive))
            .collect()
    }

    fn title_of(&self, id: &str) -> String {
        self.program
            .metas()
            .find(|m| m.id == id)
            .map_or_else(String::new, |m| m.title.clone())
    }

    fn universe(&self, cases: Option<&[String]>) -> Result<Vec<u32>, super::Refusal> {
        let out: Vec<u32> = match cases {
            None => (0..self.list.cases.len() as u32).collect(),
            Some(names) => {
                let mut v = Vec::new();
                for n in names {
                    let c = self.case_index(n).ok_or_else(|| {
                        super::refuse(
                            "X0003",
                            format!("`{n}` is not a case of {}", self.list.variant),
                        )
                    })?;
                    if !v.contains(&c) {
                        v.push(c);
                    }
                }
                v.sort_unstable();
                v
            }
        };
        if out.len() > MAX_CASES {
            return Err(super::refuse(
                "X0004",
                format!(
                    "{} cases is more than the sweep takes ({MAX_CASES})",
                    out.len()
                ),
            ));
        }
        Ok(out)
    }

    fn ctx(&self, doc: &Value, cases: Option<&[String]>) -> Result<Ctx<'_, '_>, super::Refusal> {
        let universe = self.universe(cases)?;
        let (base, defaults) = self.defaults(doc);
        let items = universe
            .iter()
            .filter_map(|c| defaults.get(*c as usize).map(|(v, _)| v.clone()))
            .collect();
        Ok(Ctx {
            ex: self,
            base,
            cases: universe,
            items,
            checks: 0,
            titles: BTreeMap::new(),
        })
    }

    /// Check every combination in full with the whole program (the reference the decomposed
    /// sweep is tested against; 2^N checks).
    pub fn sweep_direct(
        &self,
        doc: &Value,
        cases: Option<&[String]>,
    ) -> Result<Sweep, super::Refusal> {
        let mut ctx = self.ctx(doc, cases)?;
        let n = ctx.n();
        let mut lawful = 0u64;
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for mask in 0..(1u64 << n) {
            let e = ctx.errors(self.program, mask);
            if e.is_empty() {
                lawful += 1;
            }
            for r in e {
                *counts.entry(r).or_default() += 1;
            }
        }
        let local = self.classify(&ctx).1;
        let tables = self.local_tables(&mut ctx, &local);
        let (unavailable, forbidden_pairs) = self.summary(&ctx, &tables);
        Ok(self.finish(&ctx, lawful, counts, unavailable, forbidden_pairs, "direct"))
    }

    fn finish(
        &self,
        ctx: &Ctx<'_, '_>,
        lawful: u64,
        counts: BTreeMap<String, u64>,
        unavailable: Vec<CaseStatus>,
        forbidden_pairs: Vec<ForbiddenPair>,
        method: &str,
    ) -> Sweep {
        let total = 1u64 << ctx.n();
        let mut reasons: Vec<Reason> = counts
            .into_iter()
            .filter(|(_, c)| *c > 0)
            .map(|(rule, combinations)| Reason {
                title: ctx
                    .titles
                    .get(&rule)
                    .cloned()
                    .unwrap_or_else(|| self.title_of(&rule)),
                rule,
                combinations,
            })
            .collect();
        reasons.sort_by(|a, b| {
            b.combinations
                .cmp(&a.combinations)
                .then(a.rule.cmp(&b.rule))
        });
        Sweep {
            list: self.list.field.clone(),
            cases: ctx.cases.iter().map(|c| self.case_name(*c)).collect(),
            defaults: ctx.items.iter().map(|i| self.item_json(i)).collect(),
            combinations: total,
            lawful,
            unlawful: total - lawful,
            reasons,
            unavailable,
            forbidden_pairs,
            method: method.into(),
            checks: ctx.checks,
        }
    }

    /// Sort the declarations by how they read the list.
    #[allow(clippy::type_complexity)]
    fn classify(
        &self,
        ctx: &Ctx<'_, '_>,
    ) -> (Vec<Decl>, Vec<Decl>, Vec<(u64, Vec<Decl>)>, Vec<Decl>) {
        let n = ctx.n();
        let full = (1u64 << n) - 1;
        let pos = |set: Option<&BTreeSet<u32>>| ctx_positions(&ctx.cases, set);
        let mut constant = Vec::new();
        let mut local = Vec::new();
        let mut footprints: Vec<(u64, Vec<Decl>)> = Vec::new();
        let mut global = Vec::new();
        for d in self.decls() {
            match self.shape(d, &pos) {
                Shape::Constant => constant.push(d),
                Shape::Local => local.push(d),
                Shape::Footprint(f) if (f & full).count_ones() <= MAX_FOOTPRINT => {
                    match footprints.iter_mut().find(|(g, _)| *g == f & full) {
                        Some((_, v)) => v.push(d),
                        None => footprints.push((f & full, vec![d])),
                    }
                }
                Shape::Footprint(_) | Shape::Global => global.push(d),
            }
        }
        (constant, local, footprints, global)
    }

    /// The local declarations' error rules with no item, each item alone and each pair.
    fn local_tables(&self, ctx: &mut Ctx<'_, '_>, local: &[Decl]) -> LocalTables {
        let n = ctx.n();
        let p_local = sub_program(self.program, local);
        let base = ctx.errors(&p_local, 0);
        let mut single: Vec<BTreeSet<String>> = Vec::new();
        for k in 0..n {
            single.push(ctx.errors(&p_local, 1 << k));
        }
        let mut pair: BTreeMap<(usize, usize), BTreeSet<String>> = BTreeMap::new();
        for a in 0..n {
            for b in a + 1..n {
                pair.insert((a, b), ctx.errors(&p_local, 1 << a | 1 << b));
            }
        }
        LocalTables { base, single, pair }
    }

    /// Cases unlawful on their own and pairs of the others that may not be combined.
    fn summary(&self, ctx: &Ctx<'_, '_>, t: &LocalTables) -> (Vec<CaseStatus>, Vec<ForbiddenPair>) {
        let name = |k: usize| self.case_name(ctx.cases.get(k).copied().unwrap_or(0));
        let mut unavailable = Vec::new();
        for (k, s) in t.single.iter().enumerate() {
            if !s.is_empty() {
                unavailable.push(CaseStatus {
                    case: name(k),
                    rules: s.iter().cloned().collect(),
                });
            }
        }
        let mut forbidden = Vec::new();
        for ((a, b), e) in &t.pair {
            let alone = |k: usize| t.single.get(k).is_some_and(|s| !s.is_empty());
            if alone(*a) || alone(*b) || e.is_empty() {
                continue;
            }
            forbidden.push(ForbiddenPair {
                a: name(*a),
                b: name(*b),
                rules: e.iter().cloned().collect(),
            });
        }
        (unavailable, forbidden)
    }

    /// The exhaustive sweep for the facts of `doc` (its list is ignored) over every case, or
    /// over the cases named.
    pub fn sweep(&self, doc: &Value, cases: Option<&[String]>) -> Result<Sweep, super::Refusal> {
        let mut ctx = self.ctx(doc, cases)?;
        let n = ctx.n();
        let (constant, local, footprints, global) = self.classify(&ctx);
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        // How many groups of declarations each error came from: an error more than one group
        // gives (an evaluation error, which any declaration may meet) is counted over their
        // union at the end, not as the sum of their counts.
        let mut groups_of: BTreeMap<String, u32> = BTreeMap::new();
        let total = 1u64 << n;

        // Constant declarations: one check.
        let p_const = sub_program(self.program, &constant);
        let const_errors = ctx.errors(&p_const, 0);
        for r in &const_errors {
            add(&mut counts, r, total);
        }
        note_group(&mut groups_of, const_errors.iter());

        // Local declarations: singles and pairs.
        let lt = self.local_tables(&mut ctx, &local);
        let mut local_ids: BTreeSet<String> = lt.base.clone();
        for s in lt.single.iter().chain(lt.pair.values()) {
            local_ids.extend(s.iter().cloned());
        }
        note_group(&mut groups_of, local_ids.iter());
        for id in &local_ids {
            if lt.base.contains(id) {
                // Fires with no item at all: in every combination.
                add(&mut counts, id, total);
                continue;
            }
            let s: u64 = (0..n)
                .filter(|k| lt.single.get(*k).is_some_and(|x| x.contains(id)))
                .fold(0, |m, k| m | 1 << k);
            let edges: Vec<(usize, usize)> = lt
                .pair
                .iter()
                .filter(|((a, b), e)| e.contains(id) && s >> a & 1 == 0 && s >> b & 1 == 0)
                .map(|(k, _)| *k)
                .collect();
            let verts: u64 = edges.iter().fold(0, |m, (a, b)| m | 1 << a | 1 << b);
            let free = n as u32 - (s | verts).count_ones();
            let avoid = independent_sets(verts, &edges) << free;
            add(&mut counts, id, total - avoid);
        }

        // Footprint declarations: a table over subsets of the cases they read.
        let mut tables: Vec<(Vec<usize>, Vec<BTreeSet<String>>)> = Vec::new();
        for (f, decls) in &footprints {
            let p = sub_program(self.program, decls);
            let bits: Vec<usize> = (0..n).filter(|k| f >> k & 1 == 1).collect();
            let mut table = Vec::new();
            let mut ids = BTreeSet::new();
            for sub in 0..(1u64 << bits.len()) {
                let e = ctx.errors(&p, expand(sub, &bits));
                for r in &e {
                    add(&mut counts, r, total >> bits.len());
                }
                ids.extend(e.iter().cloned());
                table.push(e);
            }
            note_group(&mut groups_of, ids.iter());
            tables.push((bits, table));
        }

        // Global declarations: classes of interchangeable cases.
        let (classes, memo) = self.global_keys(&mut ctx, &global, &mut counts);
        if let Some(memo) = &memo {
            let ids: BTreeSet<&String> = memo.values().flatten().collect();
            note_group(&mut groups_of, ids.into_iter());
        }

        let groups = Groups {
            constant: const_errors,
            local: lt,
            tables,
            classes,
            global: memo,
        };
        let lawful = groups.free_of(n, &|e| !e.is_empty());
        for (id, g) in &groups_of {
            if *g > 1 {
                counts.insert(id.clone(), total - groups.free_of(n, &|e| e.contains(id)));
            }
        }
        let (unavailable, forbidden) = self.summary(&ctx, &groups.local);
        Ok(self.finish(&ctx, lawful, counts, unavailable, forbidden, "decomposed"))
    }

    /// The global declarations' errors for every key (named cases present, count of each
    /// class), each added to `counts` for the combinations that share the key; `None` when
    /// there are no global declarations.
    #[allow(clippy::type_complexity)]
    fn global_keys(
        &self,
        ctx: &mut Ctx<'_, '_>,
        global: &[Decl],
        counts: &mut BTreeMap<String, u64>,
    ) -> (Classes, Option<HashMap<(u64, u64), BTreeSet<String>>>) {
        if global.is_empty() {
            let none = Classes {
                named: 0,
                members: Vec::new(),
            };
            return (none, None);
        }
        let n = ctx.n();
        let p_global = sub_program(self.program, global);
        let classes = self.classes(ctx, global);
        let mut memo: HashMap<(u64, u64), BTreeSet<String>> = HashMap::new();
        let named_bits: Vec<usize> = (0..n).filter(|k| classes.named >> k & 1 == 1).collect();
        let sizes: Vec<u32> = classes.members.iter().map(|m| m.count_ones()).collect();
        for sub in 0..(1u64 << named_bits.len()) {
            let named = expand(sub, &named_bits);
            let mut counts_vec = vec![0u32; sizes.len()];
            loop {
                let mult: u64 = sizes
                    .iter()
                    .zip(&counts_vec)
                    .map(|(s, c)| binomial(*s, *c))
                    .product();
                let mask = named | classes.representative(&counts_vec);
                let e = ctx.errors(&p_global, mask);
                for r in &e {
                    add(counts, r, mult);
                }
                memo.insert((named, pack(&counts_vec)), e);
                if !next_vector(&mut counts_vec, &sizes) {
                    break;
                }
            }
        }
        (classes, Some(memo))
    }

    /// Sweep for a JSON document.
    pub fn sweep_json(
        &self,
        json: &Json,
        cases: Option<&[String]>,
    ) -> Result<Sweep, super::Refusal> {
        self.sweep(&self.read(json)?, cases)
    }

    /// Split the cases into those the global declarations name and classes of interchangeable
    /// others (same value of every filter and body of their every-item aggregates).
    fn classes(&self, ctx: &mut Ctx<'_, '_>, global: &[Decl]) -> Classes {
        let n = ctx.n();
        let all = if n == 0 { 0 } else { u64::MAX >> (64 - n) };
        let li = self.list.index;
        let vid = self.list.variant_id;
        let mut named_cases: BTreeSet<u32> = BTreeSet::new();
        let mut everything_named = false;
        let mut probes: Vec<Rule> = Vec::new();
        for d in global {
            let (meta, slots, binders, nodes): (&Meta, u32, Vec<&Binder>, Vec<&Node>) = match d {
                Decl::Rule(i) => match self.program.rules.get(*i) {
                    Some(r) => (
                        &r.meta,
                        r.slots,
                        r.binders.iter().collect(),
                        r.when.iter().chain(r.require.iter()).collect(),
                    ),
                    None => continue,
                },
                Decl::Conflict(i) => match self.program.conflicts.get(*i) {
                    Some(c) => {
                        for side in [&c.left.1, &c.right.1] {
                            named_cases.extend(self.case_index(side));
                        }
                        (&c.meta, c.slots, Vec::new(), c.when.iter().collect())
                    }
                    None => continue,
                },
                Decl::Routes(i) => match self.program.routes.get(*i) {
                    Some(t) => (
                        &t.meta,
                        t.slots,
                        Vec::new(),
                        // `applies when` as well as the rows (issue 22 fuzzing).
                        t.rows
                            .iter()
                            .map(|r| &r.condition)
                            .chain(t.applies.iter())
                            .collect(),
                    ),
                    None => continue,
                },
                Decl::Derive(i) => match self.program.derives.get(*i) {
                    Some(d) => (
                        &d.meta,
                        d.slots,
                        Vec::new(),
                        d.when.iter().chain([&d.value]).collect(),
                    ),
                    None => continue,
                },
            };
            for b in binders.iter().filter(|b| is_list(&b.list, li)) {
                match b.case {
                    Some(c) => {
                        named_cases.insert(c);
                    }
                    None => everything_named = true,
                }
            }
            for n in &nodes {
                walk(n, &mut |x| match &x.kind {
                    NodeKind::Is(_, c) => {
                        named_cases.insert(*c);
                    }
                    NodeKind::InSet { value, set } if value.ty == Type::Case(vid) => {
                        for v in set {
                            if let Value::Enum(c) = v {
                                named_cases.insert(*c);
                            }
                        }
                    }
                    NodeKind::Compare(_, a, b)
                        if a.ty == Type::Case(vid) || b.ty == Type::Case(vid) =>
                    {
                        for side in [a, b] {
                            match &side.kind {
                                NodeKind::Const(Value::Enum(c)) => {
                                    named_cases.insert(*c);
                                }
                                NodeKind::Kind(_) => {}
                                _ => everything_named = true,
                            }
                        }
                    }
                    NodeKind::Aggregate(agg) if is_list(&agg.list, li) => match agg.case {
                        Some(c) => {
                            named_cases.insert(c);
                        }
                        None => {
                            let mut parts: Vec<&Node> = agg.filter.iter().collect();
                            match (&agg.body, agg.op) {
                                (Some(b), _) if b.ty == Type::Bool => parts.push(b),
                                (None, _) => {}
                                (Some(_), AggOp::Count) => {}
                                (Some(_), _) => everything_named = true,
                            }
                            for part in parts {
                                let own_slots = only_slots(part, agg.slot);
                                let nested = contains(part, &|y| is_list(y, li));
                                if !own_slots || nested {
                                    everything_named = true;
                                    continue;
                                }
                                probes.push(Rule {
                                    meta: Meta {
                                        id: format!("probe-{}", probes.len()),
                                        ..meta.clone()
                                    },
                                    by: None,
                                    binders: vec![Binder {
                                        slot: agg.slot,
                                        name: "x".into(),
                                        list: agg.list.clone(),
                                        case: None,
                                    }],
                                    when: None,
                                    require: Some(part.clone()),
                                    message: Vec::new(),
                                    slots,
                                });
                            }
                        }
                    },
                    _ => {}
                });
            }
        }
        if everything_named {
            return Classes {
                named: all,
                members: Vec::new(),
            };
        }
        let named = ctx_positions(&ctx.cases, Some(&named_cases)).unwrap_or(all) & all;
        // Each case's answers to the probes.
        let mut probe_program = sub_program(self.program, &[]);
        probe_program.rules = probes;
        let mut members: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
        for k in 0..n {
            if named >> k & 1 == 1 {
                continue;
            }
            ctx.checks += 1;
            let report = crate::eval::check_places(&probe_program, &ctx.doc(1 << k));
            let failed: BTreeSet<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
            let sig: Vec<u8> = probe_program
                .rules
                .iter()
                .map(|r| {
                    if !report.errors.is_empty() {
                        2
                    } else {
                        u8::from(!failed.contains(r.meta.id.as_str()))
                    }
                })
                .collect();
            *members.entry(sig).or_default() |= 1 << k;
        }
        Classes {
            named,
            members: members.into_values().collect(),
        }
    }
}

fn ctx_positions(cases: &[u32], set: Option<&BTreeSet<u32>>) -> Option<u64> {
    let set = set?;
    let mut m = 0u64;
    for (k, c) in cases.iter().enumerate() {
        if set.contains(c) {
            m |= 1 << k;
        }
    }
    Some(m)
}

fn footprint(
    binders: &[Option<u32>],
    aggs: &[Option<u32>],
    positions: &dyn Fn(Option<&BTreeSet<u32>>) -> Option<u64>,
) -> Shape {
    let mut set = BTreeSet::new();
    for c in binders.iter().chain(aggs) {
        match c {
            Some(c) => {
                set.insert(*c);
            }
            None => return Shape::Global,
        }
    }
    match positions(Some(&set)) {
        Some(m) => Shape::Footprint(m),
        None => Shape::Global,
    }
}

/// Whether a node reads only the document (slot 0) and `slot`.
fn only_slots(node: &Node, slot: u32) -> bool {
    !contains(
        node,
        &|x| matches!(x.kind, NodeKind::Var(s) if s != 0 && s != slot),
    )
}

struct LocalTables {
    base: BTreeSet<String>,
    single: Vec<BTreeSet<String>>,
    pair: BTreeMap<(usize, usize), BTreeSet<String>>,
}

/// Count one more group for each of the errors it gave.
fn note_group<'a>(groups_of: &mut BTreeMap<String, u32>, ids: impl Iterator<Item = &'a String>) {
    for id in ids {
        *groups_of.entry(id.clone()).or_default() += 1;
    }
}

/// What the decomposed sweep learnt of each group of declarations.
struct Groups {
    /// The constant declarations' errors (in every combination).
    constant: BTreeSet<String>,
    local: LocalTables,
    /// Each footprint's cases and its errors for every subset of them.
    tables: Vec<(Vec<usize>, Vec<BTreeSet<String>>)>,
    classes: Classes,
    /// The global declarations' errors for each key; `None` when there are none.
    global: Option<HashMap<(u64, u64), BTreeSet<String>>>,
}

impl Groups {
    /// How many of the 2^n combinations no group gives errors that are `bad` in: depth first
    /// over the cases, pruning on the local declarations' errors (which only grow as items
    /// are added), then the tables and the global keys at each leaf.
    fn free_of(&self, n: usize, bad: &dyn Fn(&BTreeSet<String>) -> bool) -> u64 {
        let lt = &self.local;
        if bad(&self.constant) || bad(&lt.base) {
            return 0;
        }
        let allowed: Vec<usize> = (0..n)
            .filter(|k| lt.single.get(*k).is_some_and(|s| !bad(s)))
            .collect();
        let mut forbid = vec![0u64; n];
        for ((a, b), e) in &lt.pair {
            if bad(e) {
                if let Some(x) = forbid.get_mut(*a) {
                    *x |= 1 << b;
                }
                if let Some(x) = forbid.get_mut(*b) {
                    *x |= 1 << a;
                }
            }
        }
        let leaf = |mask: u64| -> bool {
            for (bits, table) in &self.tables {
                if table.get(compact(mask, bits) as usize).is_none_or(bad) {
                    return false;
                }
            }
            let classes = &self.classes;
            self.global.as_ref().is_none_or(|memo| {
                memo.get(&(mask & classes.named, pack(&classes.counts(mask))))
                    .is_some_and(|e| !bad(e))
            })
        };
        let mut free = 0u64;
        let mut stack: Vec<(usize, u64)> = vec![(0, 0)];
        while let Some((i, mask)) = stack.pop() {
            match allowed.get(i) {
                None => free += u64::from(leaf(mask)),
                Some(&k) => {
                    stack.push((i + 1, mask));
                    if mask & forbid.get(k).copied().unwrap_or(0) == 0 {
                        stack.push((i + 1, mask | 1 << k));
                    }
                }
            }
        }
        free
    }
}

fn add(counts: &mut BTreeMap<String, u64>, id: &str, c: u64) {
    *counts.entry(id.to_string()).or_default() += c;
}

struct Classes {
    /// Positions the global declarations name (each its own class).
    named: u64,
    /// The other positions, by class.
    members: Vec<u64>,
}

impl Classes {
    fn counts(&self, mask: u64) -> Vec<u32> {
        self.members
            .iter()
            .map(|m| (mask & m).count_ones())
            .collect()
    }

    /// The first `count` positions of each class.
    fn representative(&self, counts: &[u32]) -> u64 {
        let mut out = 0u64;
        for (m, c) in self.members.iter().zip(counts) {
            let mut left = *c;
            let mut rest = *m;
            while left > 0 && rest != 0 {
                let low = rest & rest.wrapping_neg();
                out |= low;
                rest &= !low;
                left -= 1;
            }
        }
        out
    }
}

/// Counts packed 6 bits each (a class has at most 40 members).
fn pack(counts: &[u32]) -> u64 {
    counts
        .iter()
        .fold(0u64, |acc, c| acc.wrapping_shl(6) | u64::from(*c))
}

/// The next vector of counts (odometer, each at most its size).
fn next_vector(v: &mut [u32], sizes: &[u32]) -> bool {
    for (x, s) in v.iter_mut().zip(sizes) {
        if *x < *s {
            *x += 1;
            return true;
        }
        *x = 0;
    }
    false
}

fn binomial(n: u32, k: u32) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    (0..k).fold(1u64, |acc, i| acc * u64::from(n - i) / u64::from(i + 1))
}

/// Spread the low bits of `sub` over the positions `bits`.
fn expand(sub: u64, bits: &[usize]) -> u64 {
    bits.iter()
        .enumerate()
        .filter(|(i, _)| sub >> i & 1 == 1)
        .fold(0, |m, (_, b)| m | 1 << b)
}

/// Gather the bits of `mask` at positions `bits` into the low bits.
fn compact(mask: u64, bits: &[usize]) -> u64 {
    bits.iter()
        .enumerate()
        .filter(|(_, b)| mask >> **b & 1 == 1)
        .fold(0, |m, (i, _)| m | 1 << i)
}

/// How many subsets of `verts` hold no edge.
fn independent_sets(verts: u64, edges: &[(usize, usize)]) -> u64 {
    let order: Vec<usize> = (0..64).filter(|k| verts >> k & 1 == 1).collect();
    let mut adj = [0u64; 64];
    for (a, b) in edges {
        if let Some(x) = adj.get_mut(*a) {
            *x |= 1 << b;
        }
        if let Some(x) = adj.get_mut(*b) {
            *x |= 1 << a;
        }
    }
    let mut count = 0u64;
    let mut stack: Vec<(usize, u64)> = vec![(0, 0)];
    while let Some((i, mask)) = stack.pop() {
        match order.get(i) {
            None => count += 1,
            Some(&k) => {
                stack.push((i + 1, mask));
                if mask & adj.get(k).copied().unwrap_or(0) == 0 {
                    stack.push((i + 1, mask | 1 << k));
                }
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_helpers() {
        assert_eq!(binomial(5, 2), 10);
        assert_eq!(binomial(20, 0), 1);
        assert_eq!(expand(0b101, &[1, 3, 4]), 0b10010);
        assert_eq!(compact(0b10010, &[1, 3, 4]), 0b101);
        // A path a-b-c has 5 independent sets: {}, a, b, c, ac.
        assert_eq!(independent_sets(0b111, &[(0, 1), (1, 2)]), 5);
        let c = Classes {
            named: 0,
            members: vec![0b1010, 0b0101],
        };
        assert_eq!(c.representative(&[1, 2]), 0b0111);
        assert_eq!(c.counts(0b1100), vec![1, 1]);
    }
}
