// Analysis across declarations: a `let` whose value (an enum, a number or a truth chosen by
// `if`s, a decision table written as an expression) feeds routes tables, rules, conflicts and
// derived values. In the language one declaration reads another's result only through a `let`
// (a routes table's output is not readable elsewhere), so the `let` is the upstream table.
// Found: a condition that tests the value for an output it never gives (never holds) or holds
// for every output it gives (always holds); an output it gives that a routes table reading it
// routes nowhere (a gap across tables, with a witness re-checked through eval); and a routes
// table that decides the same enum as such a value but disagrees with it (with a witness).

use super::lower::{Lowerer, Outside, BOX_LIMIT};
use super::search::Pools;
use super::space::{and, meets, minus, Cube, Dnf, Root, Space};
use super::{describe, locate, undecided, Lint, LintFinding, LintKind};
use crate::diag::Span;
use crate::ir::{Builtin, Cmp, LetText, Node, NodeKind, Program, Routes, Type, Value};
use crate::report::Report;
use crate::vocab::HitPolicy;
use litemap::LiteMap;

/// At most this many outputs of one numeric value are followed (each is one lowering).
const OUTPUTS_LIMIT: usize = 64;

fn within(inner: Span, outer: Span) -> bool {
    inner.file == outer.file && outer.start <= inner.start && inner.end <= outer.end
}

/// Which `let` the text of `span` lies in.
fn let_of(lets: &[LetText], span: Span) -> Option<usize> {
    lets.iter().position(|l| within(span, l.value))
}

/// Where a declaration reads a `let`: the declaration, and the node of the value written out.
#[derive(Clone, Copy)]
enum Reader<'p> {
    Routes(&'p Routes),
    Other { id: &'p str },
}

/// A condition on a `let`'s value: `L == v`, `L in S`, `L >= n`, or a truth `L` itself.
struct Atom<'p> {
    /// Where the condition is written (for a truth, the text around its use).
    place: Span,
    value: &'p Node,
    test: Test,
    reader: Reader<'p>,
}

#[derive(Clone)]
enum Test {
    Compare(Cmp, Value),
    In(Vec<Value>),
    Truth,
}

/// Where in the rule text (file, start, end of a span): one undecided part per place.
type Place = (u32, u32, u32);

/// What the walk over the declarations collects.
#[derive(Default)]
struct Uses<'p> {
    /// Per `let` (index into the texts): one node of its value written out, and the slots of the
    /// declaration it was found in.
    values: LiteMap<usize, (&'p Node, u32)>,
    atoms: Vec<(usize, Atom<'p>)>,
    /// Routes tables (by index) and the `let`s their rows read, each once and in order.
    tables: LiteMap<usize, Vec<usize>>,
}

fn is_table_like(ty: &Type) -> bool {
    matches!(ty, Type::Enum(_) | Type::Int(_) | Type::Bool)
}

fn constant(node: &Node) -> Option<Value> {
    match &node.kind {
        NodeKind::Const(v @ (Value::Int(_) | Value::Enum(_) | Value::Bool(_))) => Some(v.clone()),
        _ => None,
    }
}

struct Walk<'a, 'p> {
    lets: &'a [LetText],
    uses: &'a mut Uses<'p>,
    reader: Reader<'p>,
    table: Option<usize>,
    slots: u32,
}

impl<'p> Walk<'_, 'p> {
    /// The `let` whose value `node` is, written out here (its text lies in the `let`, its
    /// parent's does not).
    fn root(&self, node: &Node, inside: Option<usize>) -> Option<usize> {
        let here = let_of(self.lets, node.span)?;
        let whole = self.lets.get(here).is_some_and(|l| l.value == node.span);
        (whole && Some(here) != inside && is_table_like(&node.ty)).then_some(here)
    }

    /// `direct`: the value is written in the declaration itself, not inside another `let`
    /// (a table reads a `let` that only another `let` it reads uses through that one).
    fn note(&mut self, l: usize, value: &'p Node, direct: bool) {
        self.uses.values.entry(l).or_insert((value, self.slots));
        if let (Some(t), true) = (self.table, direct) {
            add(self.uses.tables.entry(t).or_default(), l);
        }
    }

    fn atom(&mut self, l: usize, value: &'p Node, test: Test, place: Span, direct: bool) {
        self.note(l, value, direct);
        self.uses.atoms.push((
            l,
            Atom {
                place,
                value,
                test,
                reader: self.reader,
            },
        ));
    }

    fn node(&mut self, node: &'p Node, inside: Option<usize>, around: Span) {
        let here = let_of(self.lets, node.span).or(inside);
        match &node.kind {
            NodeKind::Compare(op, a, b) => {
                let (la, lb) = (self.root(a, here), self.root(b, here));
                if let (Some(l), Some(c)) = (la, constant(b)) {
                    self.atom(l, a, Test::Compare(*op, c), node.span, here.is_none());
                } else if let (Some(l), Some(c)) = (lb, constant(a)) {
                    self.atom(
                        l,
                        b,
                        Test::Compare(op.flipped(), c),
                        node.span,
                        here.is_none(),
                    );
                }
            }
            NodeKind::InSet { value, set } => {
                if let Some(l) = self.root(value, here) {
                    self.atom(l, value, Test::In(set.clone()), node.span, here.is_none());
                }
            }
            _ => {
                if let (Some(l), Type::Bool) = (self.root(node, inside), &node.ty) {
                    self.atom(l, node, Test::Truth, around, inside.is_none());
                } else if let Some(l) = self.root(node, inside) {
                    self.note(l, node, inside.is_none());
                }
            }
        }
        let around = if let_of(self.lets, node.span).is_some() {
            around
        } else {
            node.span
        };
        for child in node.children() {
            self.node(child, here, around);
        }
    }
}

/// Every condition of every declaration that reads a `let`.
fn walk<'p>(program: &'p Program, lets: &[LetText]) -> Uses<'p> {
    let mut uses = Uses::default();
    let go = |uses: &mut Uses<'p>,
              reader: Reader<'p>,
              table: Option<usize>,
              slots: u32,
              nodes: Vec<&'p Node>| {
        let mut w = Walk {
            lets,
            uses,
            reader,
            table,
            slots,
        };
        for n in nodes {
            w.node(n, None, n.span);
        }
    };
    for (i, t) in program.routes.iter().enumerate() {
        let nodes = t.rows.iter().map(|r| &r.condition).collect();
        go(&mut uses, Reader::Routes(t), Some(i), t.slots, nodes);
        go(
            &mut uses,
            Reader::Routes(t),
            None,
            t.slots,
            t.applies.iter().collect(),
        );
    }
    for r in &program.rules {
        let id = r.meta.id.as_str();
        let nodes = r.when.iter().chain(r.require.iter()).collect();
        go(&mut uses, Reader::Other { id }, None, r.slots, nodes);
    }
    for c in &program.conflicts {
        let id = c.meta.id.as_str();
        go(
            &mut uses,
            Reader::Other { id },
            None,
            c.slots,
            c.when.iter().collect(),
        );
    }
    for d in &program.derives {
        let id = d.meta.id.as_str();
        let nodes = d.when.iter().chain(std::iter::once(&d.value)).collect();
        go(&mut uses, Reader::Other { id }, None, d.slots, nodes);
    }
    uses
}

/// The numbers a value can take when it is built from constants by `if`, `highest`, `lowest`,
/// `+`, `-` and `*`: a superset of what it gives (each is then decided by lowering).
fn numbers(node: &Node) -> Option<Vec<i64>> {
    let pairs = |a: &Node, b: &Node, f: &dyn Fn(i64, i64) -> Option<i64>| {
        let (xs, ys) = (numbers(a)?, numbers(b)?);
        let mut out = Vec::new();
        for x in &xs {
            for y in &ys {
                add(&mut out, f(*x, *y)?);
                if out.len() > OUTPUTS_LIMIT {
                    return None;
                }
            }
        }
        Some(out)
    };
    match &node.kind {
        NodeKind::Const(Value::Int(n)) => each(&[*n], Some),
        NodeKind::Call(Builtin::If, items) => match items.as_slice() {
            [_, a, b] => {
                let mut out = numbers(a)?;
                for y in numbers(b)? {
                    add(&mut out, y);
                }
                (out.len() <= OUTPUTS_LIMIT).then_some(out)
            }
            _ => None,
        },
        NodeKind::Call(op @ (Builtin::Highest | Builtin::Lowest), items) => {
            let mut acc: Option<Vec<i64>> = None;
            for item in items {
                let next = numbers(item)?;
                acc = Some(match acc {
                    None => next,
                    Some(prev) => {
                        let mut out = Vec::new();
                        for x in &prev {
                            for y in &next {
                                add(
                                    &mut out,
                                    if *op == Builtin::Highest {
                                        *x.max(y)
                                    } else {
                                        *x.min(y)
                                    },
                                );
                            }
                        }
                        out
                    }
                });
            }
            acc
        }
        NodeKind::Arith(crate::ir::Arith::AddInt, a, b) => pairs(a, b, &|x, y| x.checked_add(y)),
        NodeKind::Arith(crate::ir::Arith::SubInt, a, b) => pairs(a, b, &|x, y| x.checked_sub(y)),
        NodeKind::Arith(crate::ir::Arith::MulInt, a, b) => pairs(a, b, &|x, y| x.checked_mul(y)),
        NodeKind::Scale(a, k) => each(&numbers(a)?, |x| x.checked_mul(*k)),
        NodeKind::Neg(a) => each(&numbers(a)?, i64::checked_neg),
        _ => None,
    }
}

/// Each number through `f`, or `None` if one overflows, in order and each once.
fn each<'a>(
    xs: impl IntoIterator<Item = &'a i64>,
    f: impl Fn(i64) -> Option<i64>,
) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    for x in xs {
        add(&mut out, f(*x)?);
    }
    Some(out)
}

/// Add `x` to a set kept as a sorted list of a few items (no B-tree: its code, made once per
/// item type, cost the lint module kilobytes for sets of a few numbers).
fn add<T: Ord>(set: &mut Vec<T>, x: T) {
    if let Err(at) = set.binary_search(&x) {
        set.insert(at, x);
    }
}

/// The values a `let` might give, before lowering decides which it does.
fn candidates(program: &Program, value: &Node) -> Result<Vec<Value>, Outside> {
    match &value.ty {
        Type::Bool => Ok(vec![Value::Bool(true), Value::Bool(false)]),
        Type::Enum(e) => Ok((0..program.schema.enum_def(*e).map_or(0, |d| d.values.len()))
            .map(|i| Value::Enum(i as u32))
            .collect()),
        _ => numbers(value)
            .map(|ns| ns.into_iter().map(Value::Int).collect())
            .ok_or(Outside {
                reason: format!(
                    "its value is not built from at most {OUTPUTS_LIMIT} whole numbers by if, highest, lowest, + and -"
                ),
                span: value.span,
            }),
    }
}

/// The condition `value == v` (for a truth, the value itself or its negation).
fn equals(value: &Node, v: &Value) -> Node {
    let kind = match v {
        Value::Bool(true) => return value.clone(),
        Value::Bool(false) => NodeKind::Not(Box::new(value.clone())),
        _ => NodeKind::Compare(
            Cmp::Eq,
            Box::new(value.clone()),
            Box::new(Node {
                kind: NodeKind::Const(v.clone()),
                ty: value.ty.clone(),
                span: value.span,
            }),
        ),
    };
    Node {
        kind,
        ty: Type::Bool,
        span: value.span,
    }
}

fn words(program: &Program, ty: &Type, v: &Value) -> String {
    crate::eval::render::display(v, ty, &program.schema)
}

/// What one `let` gives: for each value it might take, the cases where it does (empty: never).
struct Outputs {
    given: Vec<(Value, Dnf)>,
}

fn outputs(program: &Program, pools: &Pools, value: &Node, slots: u32) -> Result<Outputs, Outside> {
    let mut low = Lowerer::new(program);
    low.begin(&[]);
    let mut given = Vec::new();
    for v in candidates(program, value)? {
        let cases = match low.condition(&equals(value, &v), true) {
            Ok(cases) => cases,
            // A truth not lowered gives both values where a document shows each (run through
            // `eval`); the cases are then found again where they are needed.
            Err(why) => {
                let shown = value.ty == Type::Bool
                    && super::search::both_ways(program, pools, value, slots).is_some();
                if !shown {
                    return Err(why);
                }
                vec![Cube::universe()]
            }
        };
        given.push((v, cases));
    }
    Ok(Outputs { given })
}

/// A finding placed at `span`, for declaration `id`.
fn finding(
    program: &Program,
    kind: LintKind,
    id: &str,
    span: Span,
    message: String,
    in_force: crate::ir::Period,
) -> LintFinding {
    let (file, line, column, utf16) = locate(program, span);
    LintFinding {
        kind,
        id: id.to_string(),
        rows: Vec::new(),
        others: Vec::new(),
        in_force,
        message,
        boxes: Vec::new(),
        witness: None,
        reproduces: None,
        file,
        line,
        column,
        utf16,
        fix: None,
        partners: Vec::new(),
    }
}

fn reader_id<'p>(reader: Reader<'p>) -> &'p str {
    match reader {
        Reader::Routes(t) => t.meta.id.as_str(),
        Reader::Other { id } => id,
    }
}

/// Analyse every `let` that some declaration reads, and the routes tables that read one.
pub fn all(program: &Program, out: &mut Lint) {
    let lets = &program.lets;
    let uses = walk(program, lets);
    let pools = super::search::pools(program);
    // Undecided parts, one per place the analysis stopped at, naming every `let` it concerns.
    // A few places: kept in a list (a map of its own would add a B-tree's code to the module).
    let mut stopped: Vec<(Place, Outside, Vec<String>)> = Vec::new();
    let mut stop = |why: Outside, name: &str| {
        let key = (why.span.file, why.span.start, why.span.end);
        match stopped.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, names)) => names.push(name.to_string()),
            None => stopped.push((key, why, vec![name.to_string()])),
        }
    };
    // What each `let` that some condition tests or some table reads gives, where decidable.
    let mut decided: LiteMap<usize, Outputs> = LiteMap::new_vec();
    let mut by_tables: Vec<usize> = Vec::new();
    for l in uses.tables.values().flatten() {
        add(&mut by_tables, *l);
    }
    let mut read = by_tables.clone();
    for (l, _) in &uses.atoms {
        add(&mut read, *l);
    }
    // Followed now: what tables read, and what a table deciding the same enum may mirror;
    // others only when a finding needs to say what they give (`atoms`).
    let mirrored = |value: &Node| {
        program.routes.iter().any(|t| {
            matches!(t.policy, HitPolicy::Unique | HitPolicy::Any)
                && t.numbers.is_empty()
                && value.ty == Type::Enum(t.output)
        })
    };
    for (l, (value, slots)) in uses.values.iter().filter(|(l, (v, _))| {
        read.binary_search(l).is_ok() && (by_tables.binary_search(l).is_ok() || mirrored(v))
    }) {
        match outputs(program, &pools, value, *slots) {
            Ok(o) => {
                decided.insert(*l, o);
            }
            // Only a table needs every output; a condition is decided on its own below.
            Err(why) if by_tables.binary_search(l).is_ok() => {
                stop(why, lets.get(*l).map_or("", |t| t.name.as_str()));
            }
            Err(_) => {}
        }
    }
    atoms(program, &pools, lets, &uses, &decided, out, &mut stop);
    for (t, read) in &uses.tables {
        let Some(table) = program.routes.get(*t) else {
            continue;
        };
        for l in read {
            let (Some(o), Some((value, slots)), Some(text)) =
                (decided.get(l), uses.values.get(l), lets.get(*l))
            else {
                continue;
            };
            unhandled(program, table, &text.name, value, *slots, o, out);
        }
    }
    mirrors(program, lets, &uses, &decided, out);
    super::order::sort_by(&mut stopped, |a, b| a.0.cmp(&b.0));
    for (_, why, mut names) in stopped {
        super::order::sort_dedup(&mut names);
        out.undecided.push(undecided(
            program,
            &names.join(", "),
            &format!(
                "what {} give{} to the declarations that read {}",
                super::text::listed(&names),
                if names.len() == 1 { "s" } else { "" },
                if names.len() == 1 { "it" } else { "them" }
            ),
            &why,
        ));
    }
}

/// The condition an atom tests, on the value written out.
fn tested(value: &Node, test: &Test) -> Node {
    let constant = |v: &Value| Node {
        kind: NodeKind::Const(v.clone()),
        ty: value.ty.clone(),
        span: value.span,
    };
    let kind = match test {
        Test::Truth => return value.clone(),
        Test::Compare(op, c) => {
            NodeKind::Compare(*op, Box::new(value.clone()), Box::new(constant(c)))
        }
        Test::In(set) => NodeKind::InSet {
            value: Box::new(value.clone()),
            set: set.clone(),
        },
    };
    Node {
        kind,
        ty: Type::Bool,
        span: value.span,
    }
}

/// Conditions on a `let` that never hold, or always hold, whatever the document.
fn atoms(
    program: &Program,
    pools: &Pools,
    lets: &[LetText],
    uses: &Uses,
    decided: &LiteMap<usize, Outputs>,
    out: &mut Lint,
    stop: &mut dyn FnMut(Outside, &str),
) {
    let mut seen: Vec<Place> = Vec::new();
    let mut low = Lowerer::new(program);
    for (l, atom) in &uses.atoms {
        let Some(text) = lets.get(*l) else { continue };
        let span = atom.place;
        let place = (span.file, span.start, span.end);
        if seen.contains(&place) {
            continue;
        }
        seen.push(place);
        let condition = tested(atom.value, &atom.test);
        // A document where it holds and one where it fails (each run through `eval`) settle
        // that it is neither never nor always true, with no lowering needed.
        let slots = uses.values.get(l).map_or(1, |(_, s)| *s);
        if super::search::both_ways(program, pools, &condition, slots).is_some() {
            continue;
        }
        low.begin(&[]);
        let holds = low.condition(&condition, true);
        low.begin(&[]);
        let fails = low.condition(&condition, false);
        let (holds, fails) = match (holds, fails) {
            (Ok(h), Ok(f)) => (h.is_empty(), f.is_empty()),
            // Not lowered, and no documents found both ways (above).
            (Err(why), _) | (_, Err(why)) => {
                stop(why, &text.name);
                continue;
            }
        };
        let never = holds && !fails;
        let always = fails && !holds;
        if !never && !always {
            // An approximated test (dates moved by months, a multiple against another value)
            // shows neither where it holds nor where it fails: documents must (none was found).
            if let Some(why) = low.approximate.clone() {
                stop(why, &text.name);
            }
            continue;
        }
        let ty = &atom.value.ty;
        // What the `let` gives, to say so (followed here when no table needed it).
        let slots = uses.values.get(l).map_or(1, |(_, s)| *s);
        let followed = match decided.get(l) {
            Some(o) => Some(o.given.clone()),
            None => outputs(program, pools, atom.value, slots)
                .ok()
                .map(|o| o.given),
        };
        let gives: Option<Vec<String>> = followed.map(|given| {
            given
                .iter()
                .filter(|(_, d)| !d.is_empty())
                .map(|(v, _)| words(program, ty, v))
                .collect()
        });
        // Where the condition is written: inside a `let` it belongs to that `let`.
        let (id, in_force) = match let_of(lets, span) {
            Some(w) => (
                lets.get(w).map_or("", |t| t.name.as_str()).to_string(),
                crate::ir::Period::default(),
            ),
            None => (
                reader_id(atom.reader).to_string(),
                period_of(program, atom.reader),
            ),
        };
        let written = program.text_on_one_line(span);
        let name = &text.name;
        let only = match (&gives, &atom.test) {
            (Some(g), Test::Compare(..) | Test::In(_)) => {
                format!("{name} gives only {}", super::text::listed(g))
            }
            (_, Test::Truth) if never => format!("{name} is false for every document"),
            (_, Test::Truth) => format!("{name} is true for every document"),
            (None, _) if never => format!("{name} never gives a value that meets it"),
            (None, _) => format!("every value {name} gives meets it"),
        };
        let message = match (never, &atom.test) {
            (true, Test::Truth) => format!("{name} never holds (read in `{written}`): {only}."),
            (false, Test::Truth) => format!("{name} always holds (read in `{written}`): {only}."),
            (true, _) => format!("`{written}` never holds: {only}."),
            (false, _) => format!("`{written}` always holds: {only}."),
        };
        let kind = if never {
            LintKind::ValueNeverGiven
        } else {
            LintKind::AlwaysHolds
        };
        out.findings
            .push(finding(program, kind, &id, span, message, in_force));
    }
}

fn period_of(program: &Program, reader: Reader) -> crate::ir::Period {
    match reader {
        Reader::Routes(t) => t.meta.in_force,
        Reader::Other { id } => program
            .metas()
            .find(|m| m.id == id)
            .map(|m| m.in_force)
            .unwrap_or_default(),
    }
}

/// Where a routes table decides: its period in force and its `applies when`, and its rows.
fn region(low: &mut Lowerer, t: &Routes) -> Result<(Dnf, Vec<Dnf>), Outside> {
    let too_many = |span: Span| Outside {
        reason: "too many cases to expand".into(),
        span,
    };
    let mut period: Dnf = match &t.by {
        Some(by) => low.period(by, t.meta.in_force.from, t.meta.in_force.until)?,
        None => vec![Cube::universe()],
    };
    if let Some(a) = &t.applies {
        let d = low.condition(a, true)?;
        period = and(&period, &d, &low.space, BOX_LIMIT).ok_or_else(|| too_many(a.span))?;
    }
    let mut rows = Vec::new();
    for row in &t.rows {
        rows.push(low.condition(&row.condition, true)?);
    }
    Ok((period, rows))
}

/// A witness document for the first box that yields one, and whether it reproduces.
fn witness(
    program: &Program,
    space: &Space,
    cubes: &[Cube],
    items: &[Root],
    reproduces: &dyn Fn(&Report, &Value) -> bool,
) -> (Option<serde_json::Value>, Option<bool>) {
    let doc = cubes.iter().find_map(|c| {
        super::witness::point_of(c, space)
            .and_then(|p| super::witness::document(program, space, &p, items))
    });
    let checked = doc.as_ref().map(|w| {
        crate::doc::read(program, w)
            .is_ok_and(|d| reproduces(&crate::eval::check_without_words(program, &d), &d))
    });
    (doc, checked)
}

/// Outputs of `let` `name` that table `t` reads but routes nowhere: where the value gives
/// them, the table applies, and no row matches.
fn unhandled(
    program: &Program,
    t: &Routes,
    name: &str,
    value: &Node,
    slots: u32,
    o: &Outputs,
    out: &mut Lint,
) {
    let id = t.meta.id.as_str();
    let mut low = Lowerer::new(program);
    low.relations = false;
    low.begin(&[]);
    let left_undecided = |out: &mut Lint, why: &Outside| {
        let what = format!("outputs of {name} the table routes nowhere");
        out.undecided.push(undecided(program, id, &what, why));
    };
    let (period, rows) = match region(&mut low, t) {
        Ok(r) => r,
        Err(why) => return left_undecided(out, &why),
    };
    let all_rows: Dnf = rows.iter().flatten().cloned().collect();
    let ty = &value.ty;
    let mut missing: Vec<(Value, Dnf)> = Vec::new();
    for (v, _) in o.given.iter().filter(|(_, d)| !d.is_empty()) {
        let cases = low.condition(&equals(value, v), true).and_then(|d| {
            and(&period, &d, &low.space, BOX_LIMIT).ok_or(Outside {
                reason: "too many cases to expand".into(),
                span: value.span,
            })
        });
        match cases {
            Ok(cases) if !cases.is_empty() && !meets(&cases, &all_rows, &low.space) => {
                missing.push((v.clone(), cases));
            }
            Ok(_) => {}
            Err(why) => return left_undecided(out, &why),
        }
    }
    let items = low.end_when(2);
    for (v, cases) in missing {
        let no_route = format!("{id}/no-route");
        let (witness, reproduces) = witness(program, &low.space, &cases, &items, &|r, doc| {
            r.findings.iter().any(|f| f.rule == no_route)
                && r.routes
                    .iter()
                    .any(|d| d.table == id && d.matched_rows.is_empty())
                && crate::eval::value_of(value, doc, slots).as_ref() == Some(&v)
        });
        let mut f = finding(
            program,
            LintKind::UnhandledValue,
            id,
            t.meta.span,
            format!(
                "{name} can {}, but no row of \"{}\" takes a case where it does: the table routes nothing there.",
                match v {
                    Value::Bool(b) => format!("be {b}"),
                    _ => format!("give {}", words(program, ty, &v)),
                },
                t.meta.title
            ),
            t.meta.in_force,
        );
        f.boxes = super::space::merge(cases, &low.space)
            .iter()
            .map(|c| describe(c, &low.space))
            .collect();
        f.witness = witness;
        f.reproduces = reproduces;
        out.findings.push(f);
    }
}

/// A routes table that decides the same enum as a `let` others read (a table that shows the
/// value, as a report's route, beside the `let` that feeds the other declarations): cases where
/// a row gives one output and the `let` another.
fn mirrors(
    program: &Program,
    lets: &[LetText],
    uses: &Uses,
    decided: &LiteMap<usize, Outputs>,
    out: &mut Lint,
) {
    for t in &program.routes {
        if !matches!(t.policy, HitPolicy::Unique | HitPolicy::Any) || !t.numbers.is_empty() {
            continue;
        }
        for (l, (value, slots)) in &uses.values {
            if value.ty != Type::Enum(t.output) || !decided.contains_key(l) {
                continue;
            }
            let Some(text) = lets.get(*l) else { continue };
            disagree(program, t, &text.name, value, *slots, out);
        }
    }
}

fn disagree(program: &Program, t: &Routes, name: &str, value: &Node, slots: u32, out: &mut Lint) {
    let id = t.meta.id.as_str();
    let mut low = Lowerer::new(program);
    low.relations = false;
    low.begin(&[]);
    let what = format!("whether the table agrees with {name}");
    let (period, rows) = match region(&mut low, t) {
        Ok(r) => r,
        Err(why) => {
            out.undecided.push(undecided(program, id, &what, &why));
            return;
        }
    };
    for (i, (row, cases)) in t.rows.iter().zip(&rows).enumerate() {
        let other = low.condition(&equals(value, &Value::Enum(row.output)), false);
        let both = other.and_then(|d| {
            and(&period, cases, &low.space, BOX_LIMIT)
                .and_then(|p| and(&p, &d, &low.space, BOX_LIMIT))
                .ok_or(Outside {
                    reason: "too many cases to expand".into(),
                    span: row.span,
                })
        });
        let both = match both {
            Ok(b) => b,
            Err(why) => {
                out.undecided.push(undecided(program, id, &what, &why));
                return;
            }
        };
        if both.is_empty() {
            continue;
        }
        // Under `unique`/`any` the row decides alone where no other row gives another output.
        let rivals: Dnf = t
            .rows
            .iter()
            .zip(&rows)
            .filter(|(r, _)| r.output != row.output)
            .flat_map(|(_, d)| d.iter().cloned())
            .collect();
        let Some(alone) = minus(&both, &rivals, &low.space, BOX_LIMIT) else {
            continue;
        };
        if alone.is_empty() {
            continue;
        }
        let output = t
            .output_name(&program.schema, row.output)
            .unwrap_or_default();
        let items = low.end_when(2);
        let (witness, reproduces) = witness(program, &low.space, &alone, &items, &|r, doc| {
            r.routes
                .iter()
                .any(|d| d.table == id && d.output.as_deref() == Some(output.as_str()))
                && crate::eval::value_of(value, doc, slots)
                    .is_some_and(|v| v != Value::Enum(row.output))
        });
        // What the `let` gives at the witness, to name it.
        let there = witness
            .as_ref()
            .and_then(|w| crate::doc::read(program, w).ok())
            .and_then(|d| crate::eval::value_of(value, &d, slots))
            .map(|v| format!(" (at the witness, {})", words(program, &value.ty, &v)))
            .unwrap_or_default();
        let mut f = finding(
            program,
            LintKind::Disagrees,
            id,
            row.span,
            format!(
                "Row {} of \"{}\" gives {output}, but {name}, which decides the same and which other declarations read, gives another value in these cases{there}.",
                i + 1,
                t.meta.title
            ),
            t.meta.in_force,
        );
        f.rows = vec![i + 1];
        f.others = vec![name.to_string()];
        f.boxes = super::space::merge(alone, &low.space)
            .iter()
            .map(|c| describe(c, &low.space))
            .collect();
        f.witness = witness;
        f.reproduces = reproduces;
        out.findings.push(f);
    }
}
