//! A plan written out as Rust (`probity compile`): each compiled declaration becomes a closure
//! whose tests are inline Rust, with `for each` levels as nested loops and bound items as
//! locals, so a native build of the rulebook pays no dispatch per test. The generated code
//! decides exactly as `Plan::step` does, statement for statement; whatever it does not write out
//! (a test left to the reference evaluator, a derived value) it leaves to the plan, and a
//! declaration that gives up (`None`) is undone and decided by the plan (`native::Run::step`).

use super::{Cond, Each, EnumSet, Place, Plan, RoutesPlan, RulePlan, Step, Test};
use crate::ir::Value;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// Bumped when the meaning of generated code changes without its text changing (the `native`
/// operations it calls), so older modules are refused.
const FORMAT: u32 = 1;

/// The whole generated module for a plan; `source` names the rulebook in its header.
pub(super) fn rust(plan: &Plan, source: &str) -> String {
    let body = body(plan);
    let fingerprint = fingerprint_of(&body);
    let names: Vec<&str> = plan
        .program
        .rulebooks
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    let name = names.join("`, `");
    // A path is the user's: keep a line break in it from ending the comment.
    let source = source.escape_debug();
    format!(
        "//! Rulebook `{name}` ({source}) compiled to Rust by `probity compile`.\n\
         //! @generated: do not edit. Generate it again after changing the rulebook or probity;\n\
         //! `native::Native::new` refuses a module whose fingerprint no longer matches.\n\
         #![allow(unused, clippy::all)]\n\
         \n\
         use probity::eval::native::*;\n\
         \n\
         pub const MODULE: Module = Module {{\n    fingerprint: \"{fingerprint}\",\n    decide,\n}};\n\
         \n{body}"
    )
}

/// What `rust` writes as the module's fingerprint.
pub(super) fn fingerprint(plan: &Plan) -> String {
    fingerprint_of(&body(plan))
}

fn fingerprint_of(body: &str) -> String {
    let mut h = Sha256::new();
    h.update(FORMAT.to_le_bytes());
    h.update(body.as_bytes());
    h.finalize()
        .iter()
        .take(16)
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn body(plan: &Plan) -> String {
    // Once to find which declarations read each field of the document (each version date and
    // the masks count as readers too), then again reading the fields that more than one reads
    // into locals first. A field read by one declaration only is read there, when it needs it.
    let mut e = Emitter::new();
    let _ = declarations(plan, &mut e);
    e.hoisted = e
        .uses
        .iter()
        .filter(|(_, readers)| readers.len() > 1)
        .flat_map(|(path, _)| {
            (1..=path.len()).filter_map(|end| path.get(..end).map(<[u32]>::to_vec))
        })
        .collect();
    let (prologue, steps) = declarations(plan, &mut e);
    // The document's fields read more than once, each read once.
    let mut fields = String::new();
    for path in &e.hoisted {
        let name = field_name(path);
        let _ = match path.split_last() {
            Some((last, [])) => writeln!(fields, "    let {name} = record(v0, {last});"),
            Some((last, parent)) => writeln!(
                fields,
                "    let {name} = {}.and_then(|x| field(x, {last}));",
                field_name(parent)
            ),
            None => Ok(()),
        };
    }
    format!(
        "/// Decides every declaration in force, in declaration order; answers how many were.\n\
         pub fn decide(run: &mut Run<'_, '_>) -> usize {{\n    let v0 = run.document();\n\
         {fields}{prologue}{steps}    in_force\n}}\n"
    )
}

/// The dates, masks and memo, then every declaration in force.
fn declarations(plan: &Plan, e: &mut Emitter) -> (String, String) {
    let masks = plan.masked.len();
    let memos = plan.memos;
    let mut prologue = String::new();
    e.step = usize::MAX;
    if plan.program.law_date.is_some() {
        let _ = writeln!(
            prologue,
            "    let law_date = {};\n    run.set_law_date(law_date);",
            e.date(plan.law_date, "run.law_date_by_plan()")
        );
    }
    for (k, place) in plan.dates.iter().enumerate() {
        // Each date read counts as a reader of its own, as a declaration does.
        e.step = usize::MAX - 1 - k;
        let _ = writeln!(
            prologue,
            "    let d{k} = {};",
            e.date(*place, &format!("run.date_by_plan({k})"))
        );
    }
    e.step = usize::MAX - 1 - plan.dates.len();
    let lists: Vec<String> = plan
        .masked
        .iter()
        .map(|list| match list.slot() {
            // The plan reads these with only the document bound.
            0 => e
                .place_opt(*list)
                .map_or("u64::MAX".into(), |p| format!("mask_of({p})")),
            _ => "u64::MAX".into(),
        })
        .collect();
    let _ = writeln!(
        prologue,
        "    let masks: [u64; {masks}] = [{}];\n    let mut memo = [0u8; {memos}];\n    let mut in_force = 0;",
        lists.join(", ")
    );
    let mut steps = String::new();
    for (k, step) in plan.steps.iter().enumerate() {
        e.bound = vec![0];
        e.step = k;
        // Rules and conflicts only add hits: undoing them needs less noted first.
        let (what, generated, runner) = match step {
            Step::Rule(r) => (format!("rule {}", r.rule.meta.id), e.rule(r), "step_hits"),
            Step::Conflict(c) => (
                format!("conflict {}", c.conflict.meta.id),
                e.conflict(c),
                "step_hits",
            ),
            Step::Routes(t) => (format!("routes {}", t.table.meta.id), e.routes(t), "step"),
            Step::RuleByReference(_, r) => (format!("rule {}", r.meta.id), None, ""),
            Step::ConflictByReference(_, c) => (format!("conflict {}", c.meta.id), None, ""),
            Step::Derive(_, d) => (format!("derive {}", d.meta.id), None, ""),
        };
        let when = match plan.in_force.get(k) {
            Some(f) => in_force(f, k),
            None => "false".into(),
        };
        let _ = writeln!(
            steps,
            "    // {what}\n    if {when} {{\n        in_force += 1;"
        );
        match generated {
            Some(code) => {
                let code: String = code.lines().map(|l| format!("        {l}\n")).collect();
                let _ = writeln!(
                    steps,
                    "        run.{runner}({k}, &masks, |run| {{\n{code}            Some(())\n        }});\n    }}"
                );
            }
            None => {
                let _ = writeln!(steps, "        run.by_plan({k}, &masks);\n    }}");
            }
        }
    }
    (prologue, steps)
}

fn field_name(path: &[u32]) -> String {
    path.iter().fold(String::from("f"), |mut s, i| {
        let _ = write!(s, "_{i}");
        s
    })
}

/// Whether step `k` is in force, as `InForce::holds` decides it.
fn in_force(f: &super::InForce, k: usize) -> String {
    match f.date {
        super::DateSource::Always => "true".into(),
        super::DateSource::Node(_) => format!("run.in_force_by_plan({k})"),
        super::DateSource::Read(d) => {
            let mut bounds = Vec::new();
            if let Some(from) = f.period.from {
                bounds.push(format!("{} <= d", date(from)));
            }
            if let Some(until) = f.period.until {
                bounds.push(format!("d <= {}", date(until)));
            }
            match bounds.is_empty() {
                true => format!("d{d}.is_some()"),
                false => format!("d{d}.is_some_and(|d| {})", bounds.join(" && ")),
            }
        }
    }
}

fn date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("const {{ date({}, {}, {}) }}", d.year(), d.month(), d.day())
}

/// A constant as a `Value` expression; `None` for compound values (the plan decides
/// comparisons with those).
fn constant(v: &Value) -> Option<String> {
    Some(match v {
        Value::Absent => "Value::Absent".into(),
        Value::Bool(b) => format!("Value::Bool({b})"),
        Value::Int(n) => format!("Value::Int({n})"),
        Value::Dec(d) => format!("Value::Dec({})", decimal(d)),
        Value::Date(d) => format!("Value::Date({})", date(*d)),
        Value::Time(t) => format!("Value::Time({t})"),
        Value::Enum(x) => format!("Value::Enum({x})"),
        // Debug writes a string as a Rust literal, escapes and all.
        Value::Str(text) => format!("Value::Str({:?}.into())", &**text),
        Value::Record(_) | Value::Variant { .. } | Value::List(_) => return None,
    })
}

fn decimal(k: &rust_decimal::Decimal) -> String {
    let m = k.mantissa();
    let abs = m.unsigned_abs();
    format!(
        "const {{ Decimal::from_parts({}, {}, {}, {}, {}) }}",
        abs as u32,
        (abs >> 32) as u32,
        (abs >> 64) as u32,
        m < 0,
        k.scale()
    )
}

/// The members of a set as a pattern (`3 | 5 | 70`); `None` for the empty set.
fn pattern(set: &EnumSet) -> Option<String> {
    let members: Vec<String> = (0..64u32)
        .filter(|x| set.low & (1 << x) != 0)
        .chain(set.high.iter().copied())
        .map(|x| x.to_string())
        .collect();
    (!members.is_empty()).then(|| members.join(" | "))
}

/// `x` in the set, for an `x: &u32`.
fn member(set: &EnumSet, x: &str) -> String {
    match pattern(set) {
        Some(p) => format!("matches!(*{x}, {p})"),
        None => "false".into(),
    }
}

/// A test of one place against constants: cheaper to decide again than to remember.
fn leaf(c: &Cond) -> bool {
    matches!(
        c,
        Cond::Const(_)
            | Cond::Bool { .. }
            | Cond::Int { .. }
            | Cond::Enum { .. }
            | Cond::Case { .. }
            | Cond::Dec { .. }
            | Cond::Date { .. }
            | Cond::InSet { .. }
            | Cond::Is { .. }
            | Cond::Present(_)
            | Cond::CaseIn { .. }
    )
}

/// What an absent value decides: a constant, or give up (`None`: the plan decides).
fn absent(answer: Option<bool>) -> String {
    match answer {
        Some(b) => b.to_string(),
        None => "return None".into(),
    }
}

/// Writes one declaration; `None` when it holds something not written out (then the plan
/// decides the whole declaration).
struct Emitter {
    /// The slots bound to locals (`v0`, `v1`, ...) where code is being written.
    bound: Vec<u32>,
    /// Which readers take each field of the document (a path of field indices): declarations
    /// by step, and from `usize::MAX` down the law date, each version date and the masks.
    uses: std::collections::BTreeMap<Vec<u32>, std::collections::BTreeSet<usize>>,
    /// The step being written.
    step: usize,
    /// The fields read into locals (`f_3_1`) before the first declaration.
    hoisted: std::collections::BTreeSet<Vec<u32>>,
}

impl Emitter {
    fn new() -> Emitter {
        Emitter {
            bound: vec![0],
            uses: Default::default(),
            step: usize::MAX,
            hoisted: Default::default(),
        }
    }

    /// A field of the document: its local when it has one, else read from the longest
    /// path that has.
    fn document_field(&mut self, path: &[u32]) -> String {
        self.uses
            .entry(path.to_vec())
            .or_default()
            .insert(self.step);
        let held = (1..=path.len())
            .rev()
            .find(|end| path.get(..*end).is_some_and(|p| self.hoisted.contains(p)));
        let (mut s, rest) = match held {
            Some(end) => (
                field_name(path.get(..end).unwrap_or_default()),
                path.get(end..).unwrap_or_default(),
            ),
            None => match path.split_first() {
                Some((first, rest)) => (format!("record(v0, {first})"), rest),
                None => ("Some(v0)".into(), path),
            },
        };
        for i in rest {
            let _ = write!(s, ".and_then(|x| field(x, {i}))");
        }
        s
    }

    /// A date that chooses versions, as `read_date` reads it; `otherwise` where it is not a
    /// place, or the place is not there.
    fn date(&mut self, place: Option<Place>, otherwise: &str) -> String {
        match place.and_then(|p| self.place_opt(p)) {
            Some(p) => format!("match date_at({p}) {{ Some(d) => d, None => {otherwise} }}"),
            None => otherwise.into(),
        }
    }

    fn local(&self, slot: u32) -> Option<String> {
        self.bound.contains(&slot).then(|| format!("v{slot}"))
    }

    /// The place as an `Option<&Value>`.
    fn place_opt(&mut self, p: Place) -> Option<String> {
        let local = self.local(p.slot())?;
        Some(match p {
            Place::Slot(_) => format!("Some({local})"),
            Place::F1(0, a) => self.document_field(&[a]),
            Place::F2(0, a, b) => self.document_field(&[a, b]),
            Place::F3(0, a, b, c) => self.document_field(&[a, b, c]),
            Place::F1(_, a) => format!("field({local}, {a})"),
            Place::F2(_, a, b) => format!("field({local}, {a}).and_then(|x| field(x, {b}))"),
            Place::F3(_, a, b, c) => format!(
                "field({local}, {a}).and_then(|x| field(x, {b})).and_then(|x| field(x, {c}))"
            ),
        })
    }

    /// The place as a `&Value`, giving up when it is not there.
    fn place(&mut self, p: Place) -> Option<String> {
        match p {
            Place::Slot(s) => self.local(s),
            _ => Some(format!("{}?", self.place_opt(p)?)),
        }
    }

    fn test(&mut self, t: &Test) -> Option<String> {
        let c = self.cond(&t.cond)?;
        Some(match t.memo.filter(|_| !leaf(&t.cond)) {
            None => c,
            Some(m) => format!(
                "(match memo[{m}] {{ 1 => false, 2 => true, _ => {{ let b = {c}; memo[{m}] = 1 + u8::from(b); b }} }})"
            ),
        })
    }

    /// A condition as a `bool` expression (in parentheses) that returns `None` from the
    /// declaration's function where the plan's `test` gives `None`.
    fn cond(&mut self, c: &Cond) -> Option<String> {
        Some(match c {
            Cond::Const(b) => b.to_string(),
            Cond::Bool { place, absent: a } => format!(
                "(match {} {{ Value::Bool(b) => *b, Value::Absent => {}, _ => return None }})",
                self.place(*place)?,
                absent(*a)
            ),
            Cond::Not(inner) => format!("(!{})", self.cond(inner)?),
            Cond::And(items) => self.chain(items, "&&", "true")?,
            Cond::Or(items) => self.chain(items, "||", "false")?,
            Cond::Implies(a, b) => format!("(!{} || {})", self.cond(a)?, self.cond(b)?),
            Cond::Int {
                place,
                scale,
                op: o,
                k,
                absent: a,
            } => {
                let x = if *scale == 1 {
                    "*x".to_string()
                } else {
                    format!("x.checked_mul({scale})?")
                };
                format!(
                    "(match {} {{ Value::Int(x) => {x} {} {k}, Value::Absent => {}, _ => return None }})",
                    self.place(*place)?,
                    o.as_str(),
                    absent(*a)
                )
            }
            Cond::Enum {
                place,
                op: o,
                k,
                absent: a,
            } => format!(
                "(match {} {{ Value::Enum(x) => *x {} {k}, Value::Absent => {a}, _ => return None }})",
                self.place(*place)?,
                o.as_str()
            ),
            Cond::Case { place, op: o, k } => format!(
                "(match {} {{ Value::Variant {{ case, .. }} => *case {} {k}, _ => return None }})",
                self.place(*place)?,
                o.as_str()
            ),
            Cond::Dec {
                place,
                op: o,
                k,
                absent: a,
            } => {
                // Against zero (the usual `> 0%`) the sign decides, without a full comparison.
                let (x, constant) = if k.is_zero() {
                    ("sign(x)", "0".to_string())
                } else {
                    ("*x", decimal(k))
                };
                format!(
                    "(match {} {{ Value::Dec(x) => {x} {} {constant}, Value::Absent => {a}, _ => return None }})",
                    self.place(*place)?,
                    o.as_str()
                )
            }
            Cond::Date {
                place,
                op: o,
                k,
                absent: a,
            } => format!(
                "(match {} {{ Value::Date(x) => *x {} {}, Value::Absent => {a}, _ => return None }})",
                self.place(*place)?,
                o.as_str(),
                date(*k)
            ),
            Cond::InSet {
                place,
                set,
                absent: a,
            } => format!(
                "(match {} {{ Value::Enum(x) => {}, Value::Absent => {a}, _ => return None }})",
                self.place(*place)?,
                member(set, "x")
            ),
            Cond::Is { place, case } => format!(
                "({}.and_then(case_of) == Some({case}))",
                self.place_opt(*place)?
            ),
            Cond::Present(place) => {
                format!("(!matches!({}, Value::Absent))", self.place(*place)?)
            }
            Cond::CaseIn { place, set } => format!(
                "(match {} {{ Value::Variant {{ case, .. }} => {}, _ => return None }})",
                self.place(*place)?,
                member(set, "case")
            ),
            Cond::Any(each, body) | Cond::All(each, body) => {
                let all = matches!(c, Cond::All(..));
                let mut visit = String::from("let holds = ");
                match body {
                    Some(b) => visit += &self.within(each, |e| e.cond(b))?,
                    None => visit += "true",
                }
                let _ = write!(visit, "; if holds != {all} {{ answer = holds; break; }}");
                format!(
                    "{{ let mut answer = {all}; {} answer }}",
                    self.each(each, &visit)?
                )
            }
            Cond::Count { each, op: o, k } => {
                if each.case.is_none() && each.filter.is_none() {
                    format!(
                        "(match {} {{ Value::List(items) => i64::try_from(items.len()).ok()? {} {k}, _ => return None }})",
                        self.place(each.list)?,
                        o.as_str()
                    )
                } else {
                    format!(
                        "({{ let mut n = 0i64; {} n }} {} {k})",
                        self.each(each, "n += 1;")?,
                        o.as_str()
                    )
                }
            }
            Cond::Sum {
                each,
                body,
                op: o,
                k,
            } => {
                let x = self.within(each, |e| e.place(*body))?;
                format!(
                    "({{ let mut total = 0i64; {} total }} {} {k})",
                    self.each(
                        each,
                        &format!("let Value::Int(x) = {x} else {{ return None; }}; total = total.checked_add(*x)?;")
                    )?,
                    o.as_str()
                )
            }
            Cond::Sides { a, op: o, b } => {
                let (x, y) = (self.side(a)?, self.side(b)?);
                format!(
                    // Debug writes the variant's name.
                    "({{ let x = {x}; let y = {y}; compare(&x, Cmp::{o:?}, &y)? }})"
                )
            }
            Cond::Interp(_) => return None,
        })
    }

    /// One side of a comparison as a `Cow<Value>`, read as `Side::read` reads it.
    fn side(&mut self, side: &super::Side) -> Option<String> {
        use super::{Or, Side};
        let (place, scale, or) = match side {
            Side::Const(v) => return Some(format!("Cow::<Value>::Owned({})", constant(v)?)),
            Side::Read { place, scale, or } => (*place, *scale, or),
        };
        let v = self.place(place)?;
        let v = match or {
            Or::Nothing => v,
            Or::Const(d) => format!(
                "{{ let d = {}; let v = {v}; if matches!(v, Value::Absent) {{ Cow::Owned(d) }} else {{ Cow::Borrowed(v) }} }}",
                constant(d)?
            ),
            Or::Place(p) => format!(
                "{{ let v = {v}; if matches!(v, Value::Absent) {{ {} }} else {{ v }} }}",
                self.place(*p)?
            ),
        };
        Some(match (or, scale) {
            (Or::Const(_), 1) => v,
            (Or::Const(_), _) => {
                format!("Cow::<Value>::Owned(scaled(&{v}, {scale})?.into_owned())")
            }
            (_, 1) => format!("Cow::Borrowed({v})"),
            _ => format!("scaled({v}, {scale})?"),
        })
    }

    fn chain(&mut self, items: &[Cond], joiner: &str, empty: &str) -> Option<String> {
        if items.is_empty() {
            return Some(empty.into());
        }
        let parts: Option<Vec<String>> = items.iter().map(|c| self.cond(c)).collect();
        Some(format!("({})", parts?.join(&format!(" {joiner} "))))
    }

    /// Writes with the item of `each` bound.
    fn within<T>(&mut self, each: &Each, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.bound.push(each.slot);
        let r = f(self);
        self.bound.pop();
        r
    }

    /// The statements of `Each::visit`: `visit` runs for each item found, and may `break`.
    fn each(&mut self, each: &Each, visit: &str) -> Option<String> {
        let list = self.place(each.list)?;
        let slot = each.slot;
        let mut s = format!(
            "let Value::List(items) = {list} else {{ return None; }}; for item in items.iter() {{ "
        );
        if let Some(c) = each.case {
            let _ = write!(s, "if case_of(item) != Some({c}) {{ continue; }} ");
        }
        let _ = write!(s, "let v{slot} = item; ");
        if let Some(f) = &each.filter {
            let f = self.within(each, |e| e.cond(f))?;
            let _ = write!(s, "if !{f} {{ continue; }} ");
        }
        let _ = write!(s, "{visit} }}");
        Some(match each.skip {
            Some((m, bits)) => format!("if masks[{m}] & {bits:#x} != 0 {{ {s} }}"),
            None => s,
        })
    }

    /// `walk`, unrolled: one block per level, one loop per `for each`.
    fn rule(&mut self, r: &RulePlan) -> Option<String> {
        let mut s = format!("    let broken = {};\n", r.rule.require.is_none());
        // As `Plan::step`: a first `for each` that finds nothing decides nothing.
        if let Some((m, bits)) = r.binders.first().and_then(|b| b.skip) {
            let _ = writeln!(
                s,
                "    if masks[{m}] & {bits:#x} == 0 {{ return Some(()); }}"
            );
        }
        self.level(r, 0, &mut s)?;
        Some(s)
    }

    fn level(&mut self, r: &RulePlan, l: usize, s: &mut String) -> Option<()> {
        let pad = "    ".repeat(l + 1);
        // Where `walk` returns: from the function at the top, to the next item below it.
        let exit = if l == 0 {
            "return Some(());"
        } else {
            "continue;"
        };
        let here = r.levels.get(l)?;
        for t in &here.when {
            let _ = writeln!(s, "{pad}if !{} {{ {exit} }}", self.test(t)?);
        }
        if !here.require.is_empty() {
            let tests: Option<Vec<String>> = here.require.iter().map(|t| self.test(t)).collect();
            let _ = writeln!(s, "{pad}let broken = broken || !({});", tests?.join(" && "));
        }
        if !here.require_below {
            let _ = writeln!(s, "{pad}if !broken {{ {exit} }}");
        }
        let Some(each) = r.binders.get(l) else {
            let items: Vec<String> = (0..l).map(|i| format!("i{i} as u32")).collect();
            let _ = writeln!(
                s,
                "{pad}run.hit_rule({}, Severity::{:?}, &[{}]);",
                r.index,
                r.rule.meta.severity,
                items.join(", ")
            );
            return Some(());
        };
        if each.filter.is_some() {
            return None;
        }
        if let Some((m, bits)) = each.skip.filter(|_| l > 0) {
            let _ = writeln!(s, "{pad}if masks[{m}] & {bits:#x} == 0 {{ {exit} }}");
        }
        let _ = writeln!(
            s,
            "{pad}let Value::List(items{l}) = {} else {{ return None; }};",
            self.place(each.list)?
        );
        let _ = writeln!(s, "{pad}for (i{l}, item) in items{l}.iter().enumerate() {{");
        let _ = writeln!(s, "{pad}    if run.truncated() {{ break; }}");
        if let Some(c) = each.case {
            let _ = writeln!(s, "{pad}    if case_of(item) != Some({c}) {{ continue; }}");
        }
        let _ = writeln!(s, "{pad}    let v{} = item;", each.slot);
        self.bound.push(each.slot);
        let inner = self.level(r, l + 1, s);
        self.bound.pop();
        inner?;
        let _ = writeln!(s, "{pad}}}");
        Some(())
    }

    /// `conflict`, unrolled.
    fn conflict(&mut self, c: &super::ConflictPlan) -> Option<String> {
        let mut s = String::new();
        if let Some(m) = c.mask {
            let _ = writeln!(
                s,
                "    if masks[{m}] & {:#x} == 0 || masks[{m}] & {:#x} == 0 {{ return Some(()); }}",
                super::bit(c.left),
                super::bit(c.right)
            );
        }
        let (left, right) = (c.conflict.left.0, c.conflict.right.0);
        let _ = writeln!(
            s,
            "    let Value::List(items) = {} else {{ return None; }};",
            self.place(c.list)?
        );
        let _ = writeln!(s, "    for (i, a) in items.iter().enumerate() {{");
        let _ = writeln!(
            s,
            "        if case_of(a) != Some({}) || run.truncated() {{ continue; }}",
            c.left
        );
        let _ = writeln!(s, "        for (j, b) in items.iter().enumerate() {{");
        let same = if c.left == c.right { " || j < i" } else { "" };
        let _ = writeln!(
            s,
            "            if i == j || case_of(b) != Some({}){same} {{ continue; }}",
            c.right
        );
        let _ = writeln!(
            s,
            "            let v{left} = a;\n            let v{right} = b;"
        );
        if let Some(w) = &c.when {
            self.bound.extend([left, right]);
            let w = self.cond(w)?;
            let _ = writeln!(s, "            if !{w} {{ continue; }}");
        }
        let _ = writeln!(
            s,
            "            run.hit_conflict({}, Severity::{:?}, &[i as u32, j as u32]);\n        }}\n    }}",
            c.index, c.conflict.meta.severity
        );
        Some(s)
    }

    /// A routes table: `applies`, then each row (skipped when its key rules it out), then the
    /// outcome.
    fn routes(&mut self, t: &RoutesPlan) -> Option<String> {
        let mut s = String::new();
        if let Some(a) = &t.applies {
            let _ = writeln!(s, "    if !{} {{ return Some(()); }}", self.cond(a)?);
        }
        s.push_str("    let start = run.rows_start();\n");
        if let Some(key) = &t.key {
            let _ = writeln!(s, "    let key = {};", self.place_opt(key.place)?);
        }
        for (i, row) in t.rows.iter().enumerate() {
            let test = self.cond(row)?;
            let admits = t.key.as_ref().and_then(|k| k.rows.get(i)?.as_ref());
            match admits {
                Some(k) => {
                    let _ = writeln!(
                        s,
                        "    if (match key {{ Some(Value::Enum(x)) => {}, Some(Value::Absent) => {}, _ => true }}) && {test} {{ run.row_matched({i}); }}",
                        member(&k.set, "x"),
                        k.absent
                    );
                }
                None => {
                    let _ = writeln!(s, "    if {test} {{ run.row_matched({i}); }}");
                }
            }
        }
        let _ = writeln!(s, "    run.settle({}, start);", t.index);
        Some(s)
    }
}
