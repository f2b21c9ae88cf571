//! The lowered program the evaluator runs: schema, typed expression trees with every name
//! resolved to an index, and the rules, conflicts, routes, derived values and tests.
//! Built only by `check`; read by `eval`, `doc` and the faces. Holds no source syntax.

use crate::diag::{Sources, Span};
pub use crate::vocab::{AggOp, FieldRole, HitPolicy, Period, RuleKind, RulebookInfo, Verification};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

mod words;
pub use words::{readable, set_language, unit_name, DeclWords, Language, Translation, Words};

pub type EnumId = u32;
pub type RecordId = u32;
pub type VariantId = u32;

pub mod serial;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Plain,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

/// Units that compare and add with each other, and the factor to the dimension's base unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dimension {
    Plain,
    Hours,
    Days,
    Months,
}

impl Unit {
    pub fn dimension(self) -> (Dimension, i64) {
        match self {
            Unit::Plain => (Dimension::Plain, 1),
            Unit::Hours => (Dimension::Hours, 1),
            Unit::Days => (Dimension::Days, 1),
            Unit::Weeks => (Dimension::Days, 7),
            Unit::Months => (Dimension::Months, 1),
            Unit::Years => (Dimension::Months, 12),
        }
    }

    pub fn name(self, n: i64) -> &'static str {
        let one = n == 1;
        match self {
            Unit::Plain => "",
            Unit::Hours if one => "hour",
            Unit::Hours => "hours",
            Unit::Days if one => "day",
            Unit::Days => "days",
            Unit::Weeks if one => "week",
            Unit::Weeks => "weeks",
            Unit::Months if one => "month",
            Unit::Months => "months",
            Unit::Years if one => "year",
            Unit::Years => "years",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Type {
    Bool,
    Int(Unit),
    Decimal,
    Money,
    Percent,
    Date,
    Time,
    Str,
    Enum(EnumId),
    Record(RecordId),
    /// A variant value; `Some(case)` once narrowed to one case.
    Variant(VariantId, Option<u32>),
    /// The `kind` of a variant value: behaves as an enum of its case names.
    Case(VariantId),
    List(Box<Type>),
    Optional(Box<Type>),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub ty: Type,
    pub type_name: String,
    /// The field's part in the document's timeline (`as start`, `as duration`), if any.
    pub role: Option<FieldRole>,
    /// Declared `optional list of T`: a list that a document may leave out, read as no items.
    pub absent_is_empty: bool,
    /// `ordered by f` on a list of records or variants: the index of `f` in each item, whose
    /// values a document must give in non-decreasing order.
    pub ordered_by: Option<u32>,
    /// The label and hint people read, in the program's language; the other language's beside it.
    pub words: Words,
    pub words_other: Words,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnumDef {
    pub name: String,
    pub values: Vec<String>,
    /// Each value's label and hint, parallel to `values`; the other language's beside them.
    pub words: Vec<Words>,
    pub words_other: Vec<Words>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordDef {
    pub name: String,
    pub fields: Vec<Field>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CaseDef {
    pub name: String,
    /// The case's label and hint; the other language's beside them.
    pub words: Words,
    pub words_other: Words,
    /// Shared fields first, then the case's own: the index of a field is its place in this list.
    pub fields: Vec<Field>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct VariantDef {
    pub name: String,
    pub shared: usize,
    pub cases: Vec<CaseDef>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Schema {
    pub enums: Vec<EnumDef>,
    pub records: Vec<RecordDef>,
    pub variants: Vec<VariantDef>,
    /// The language the schema's words are in now (`set_language`), for messages built from them.
    #[serde(skip)]
    pub language: Language,
}

impl Schema {
    pub fn enum_def(&self, id: EnumId) -> Option<&EnumDef> {
        self.enums.get(id as usize)
    }
    pub fn record(&self, id: RecordId) -> Option<&RecordDef> {
        self.records.get(id as usize)
    }
    pub fn variant(&self, id: VariantId) -> Option<&VariantDef> {
        self.variants.get(id as usize)
    }

    /// A type as a rule author writes it.
    pub fn type_name(&self, ty: &Type) -> String {
        match ty {
            Type::Bool => "bool".into(),
            Type::Int(Unit::Plain) => "int".into(),
            Type::Int(u) => u.name(2).into(),
            Type::Decimal => "decimal".into(),
            Type::Money => "money".into(),
            Type::Percent => "percent".into(),
            Type::Date => "date".into(),
            Type::Time => "time".into(),
            Type::Str => "string".into(),
            Type::Enum(e) => self.enum_def(*e).map_or("?".into(), |d| d.name.clone()),
            Type::Record(r) => self.record(*r).map_or("?".into(), |d| d.name.clone()),
            Type::Variant(v, case) => {
                let def = self.variant(*v);
                let name = def.map_or("?".to_string(), |d| d.name.clone());
                match case.and_then(|c| def.and_then(|d| d.cases.get(c as usize))) {
                    Some(c) => format!("{name}.{}", c.name),
                    None => name,
                }
            }
            Type::Case(v) => format!(
                "kind of {}",
                self.variant(*v).map_or("?".into(), |d| d.name.clone())
            ),
            Type::List(t) => format!("list of {}", self.type_name(t)),
            Type::Optional(t) => format!("optional {}", self.type_name(t)),
        }
    }
}

/// A runtime value. Money, percentages and decimals are exact; ints carry their unit in the type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Absent,
    Bool(bool),
    Int(i64),
    Dec(Decimal),
    Date(#[serde(with = "serial::day")] NaiveDate),
    /// Minutes after midnight.
    Time(u16),
    Str(Arc<str>),
    Enum(u32),
    Record(Vec<Value>),
    Variant {
        case: u32,
        fields: Vec<Value>,
    },
    List(Vec<Value>),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Node {
    pub kind: NodeKind,
    pub ty: Type,
    pub span: Span,
}

impl Node {
    /// The direct children of a node, in the order they are written.
    pub fn children(&self) -> Vec<&Node> {
        match &self.kind {
            NodeKind::Const(_) | NodeKind::Var(_) => Vec::new(),
            NodeKind::Field { base, .. } => vec![base],
            NodeKind::Kind(a) | NodeKind::Not(a) | NodeKind::Scale(a, _) | NodeKind::Neg(a) => {
                vec![a]
            }
            NodeKind::Is(a, _) => vec![a],
            NodeKind::And(items) | NodeKind::Or(items) | NodeKind::Call(_, items) => {
                items.iter().collect()
            }
            NodeKind::Implies(a, b)
            | NodeKind::Compare(_, a, b)
            | NodeKind::Arith(_, a, b)
            | NodeKind::Coalesce(a, b) => vec![a, b],
            NodeKind::InSet { value, .. } => vec![value],
            NodeKind::InList { value, list } => vec![value, list],
            NodeKind::Aggregate(agg) => {
                let mut v = vec![&agg.list];
                v.extend(agg.filter.iter());
                v.extend(agg.body.iter());
                v
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    /// Whether the comparison holds for two values that compare as `ord`.
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            Cmp::Eq => ord == Equal,
            Cmp::Ne => ord != Equal,
            Cmp::Lt => ord == Less,
            Cmp::Le => ord != Greater,
            Cmp::Gt => ord == Greater,
            Cmp::Ge => ord != Less,
        }
    }

    /// The comparison with its sides swapped: `a < b` is `b > a`.
    pub fn flipped(self) -> Cmp {
        match self {
            Cmp::Lt => Cmp::Gt,
            Cmp::Le => Cmp::Ge,
            Cmp::Gt => Cmp::Lt,
            Cmp::Ge => Cmp::Le,
            same => same,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Cmp::Eq => "==",
            Cmp::Ne => "!=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arith {
    AddInt,
    SubInt,
    MulInt,
    AddDec,
    SubDec,
    DateAddDays,
    DateSubDays,
    DateAddMonths,
    DateSubMonths,
    DateDiffDays,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Builtin {
    Present,
    DaysBetween,
    MonthsBetween,
    /// `if(condition, then, else)`: only the branch chosen is evaluated.
    If,
    /// `highest(a, b, ...)` / `lowest(...)`: numbers by size, enum values by declaration
    /// order (the value declared first is the highest, as under `hit policy priority`).
    Highest,
    Lowest,
    /// `concat(a, b, ...)`: strings joined.
    Concat,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum NodeKind {
    Const(Value),
    /// A binding slot: 0 is the document, others are `for each` and aggregate binders.
    Var(u32),
    Field {
        base: Box<Node>,
        index: u32,
        name: Arc<str>,
    },
    /// The case of a variant value, as an enum ordinal.
    Kind(Box<Node>),
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
    Implies(Box<Node>, Box<Node>),
    Compare(Cmp, Box<Node>, Box<Node>),
    /// Multiply an int by a unit factor (weeks to days, years to months).
    Scale(Box<Node>, i64),
    Neg(Box<Node>),
    /// Membership in a fixed set of values.
    InSet {
        value: Box<Node>,
        set: Vec<Value>,
    },
    /// Membership in a list held in the document.
    InList {
        value: Box<Node>,
        list: Box<Node>,
    },
    Is(Box<Node>, u32),
    Arith(Arith, Box<Node>, Box<Node>),
    Coalesce(Box<Node>, Box<Node>),
    Call(Builtin, Vec<Node>),
    Aggregate(Box<Aggregate>),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Aggregate {
    pub op: AggOp,
    pub slot: u32,
    pub list: Node,
    pub case: Option<u32>,
    pub filter: Option<Node>,
    pub body: Option<Node>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Binder {
    pub slot: u32,
    pub name: String,
    pub list: Node,
    pub case: Option<u32>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum MessagePart {
    Text(String),
    Hole(Node),
}

/// What every kind of declaration carries for people: its words and its law.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    pub kind: RuleKind,
    pub title: String,
    pub cite: String,
    pub explain: String,
    pub severity: crate::diag::Severity,
    /// How this version's law was checked (`None`: the declaration does not say).
    pub verification: Option<Verification>,
    pub in_force: Period,
    /// Path of the date that chooses this version, as written (`order.conviction_date`).
    pub by: String,
    /// That date's place in `Program::dates`, when the declaration has a `by` node.
    pub date: Option<u32>,
    pub span: Span,
    /// The whole declaration, for showing its text.
    pub source: Span,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Rule {
    pub meta: Meta,
    /// The date that chooses whether this version is in force (`None`: always in force).
    pub by: Option<Node>,
    pub binders: Vec<Binder>,
    pub when: Option<Node>,
    pub require: Option<Node>,
    pub message: Vec<MessagePart>,
    pub slots: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Conflict {
    pub meta: Meta,
    pub by: Option<Node>,
    pub list: Node,
    pub left: (u32, String),
    pub right: (u32, String),
    pub when: Option<Node>,
    pub message: Vec<MessagePart>,
    pub slots: u32,
}

impl Conflict {
    /// The case ordinals of the two sides in the list's variant type; `None` when the list is
    /// not a list of variants or a side names no case of it.
    pub fn cases(&self, schema: &Schema) -> Option<(u32, u32)> {
        let Type::List(item) = &self.list.ty else {
            return None;
        };
        let Type::Variant(v, _) = **item else {
            return None;
        };
        let variant = schema.variant(v)?;
        let ordinal = |name: &str| variant.cases.iter().position(|x| x.name == name);
        Some((
            ordinal(&self.left.1)? as u32,
            ordinal(&self.right.1)? as u32,
        ))
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Row {
    pub condition: Node,
    pub output: u32,
    pub cite: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Routes {
    pub meta: Meta,
    pub by: Option<Node>,
    /// Decides only documents where this holds (`applies when`); others it leaves alone.
    pub applies: Option<Node>,
    pub policy: HitPolicy,
    /// The enum the table decides; `NO_ENUM` for a table that decides numbers (`decides int`).
    pub output: EnumId,
    /// A table that decides numbers: its distinct outputs, highest first (so the highest has
    /// priority, as the enum value declared first does); a row's `output` indexes them. Empty
    /// for a table that decides an enum.
    pub numbers: Vec<i64>,
    pub rows: Vec<Row>,
    pub slots: u32,
}

/// The `output` of a routes table that decides numbers, not an enum.
pub const NO_ENUM: EnumId = EnumId::MAX;

impl Routes {
    /// A row output in words: the enum value's name, or the number.
    pub fn output_name(&self, schema: &Schema, output: u32) -> Option<String> {
        if self.numbers.is_empty() {
            schema
                .enum_def(self.output)
                .and_then(|d| d.values.get(output as usize))
                .cloned()
        } else {
            self.numbers.get(output as usize).map(|n| n.to_string())
        }
    }

    /// Every output the table may give, in priority order (highest first).
    pub fn output_names(&self, schema: &Schema) -> Vec<String> {
        if self.numbers.is_empty() {
            schema
                .enum_def(self.output)
                .map_or(Vec::new(), |e| e.values.clone())
        } else {
            self.numbers.iter().map(|n| n.to_string()).collect()
        }
    }

    /// What the table decides, as written after `decides`.
    pub fn decides(&self, schema: &Schema) -> String {
        if self.numbers.is_empty() {
            schema
                .enum_def(self.output)
                .map_or(String::new(), |e| e.name.clone())
        } else {
            "int".to_string()
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Derive {
    pub meta: Meta,
    pub by: Option<Node>,
    pub when: Option<Node>,
    pub value: Node,
    pub slots: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Example {
    pub name: String,
    #[serde(with = "serial::json")]
    pub value: serde_json::Value,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Expect {
    NoFindings,
    NoFinding(String),
    Finding { rule: String, at: Option<String> },
    NoRoute(String),
    Route { table: String, output: String },
    Value { derive: String, value: Value },
    NoValue(String),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Test {
    pub name: String,
    #[serde(with = "serial::json")]
    pub document: serde_json::Value,
    pub expects: Vec<(Expect, Span)>,
    pub span: Span,
}

/// A checked, lowered program: everything the evaluator needs and nothing it does not. (The
/// default, empty, program decides nothing: a placeholder while a session changes its own.)
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Program {
    /// The rule text: never in the compiled binary form (`crate::compiled`), which is tied to
    /// the text by its SHA-256 and given the text again when it is loaded.
    #[serde(skip)]
    pub sources: Sources,
    pub rulebooks: Vec<RulebookInfo>,
    pub schema: Schema,
    pub document_name: String,
    pub document_type: RecordId,
    /// The rulebook's default law date; `None` when no declaration has a period in force.
    pub law_date: Option<Node>,
    /// The distinct dates that choose versions (every declaration's `by`, deduplicated by
    /// path): evaluation reads each once per document, not once per version.
    pub dates: Vec<Node>,
    pub rules: Vec<Rule>,
    pub conflicts: Vec<Conflict>,
    pub routes: Vec<Routes>,
    pub derives: Vec<Derive>,
    pub examples: Vec<Example>,
    pub tests: Vec<Test>,
    /// Every `let` as written, in file and text order: the IR inlines a `let`'s value where it
    /// is read and keeps no other record of it, so the analysis across declarations finds a
    /// `let` by its text here (`analyze::flow`), without the parser.
    pub lets: Vec<LetText>,
}

/// A `let` as written: its name and where its value's text lies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetText {
    pub name: String,
    pub value: Span,
}

impl Program {
    /// The source text behind a span, for explanations.
    pub fn text(&self, span: Span) -> &str {
        self.sources
            .get(span.file)
            .and_then(|f| f.text.get(span.start as usize..span.end as usize))
            .unwrap_or("")
    }

    /// The source text behind a span on one line (its whitespace runs made single spaces), for
    /// quoting a condition inside a sentence.
    pub fn text_on_one_line(&self, span: Span) -> String {
        self.text(span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every declaration's words, for listings and the explainer.
    pub fn metas(&self) -> impl Iterator<Item = &Meta> {
        self.rules
            .iter()
            .map(|r| &r.meta)
            .chain(self.conflicts.iter().map(|c| &c.meta))
            .chain(self.routes.iter().map(|r| &r.meta))
            .chain(self.derives.iter().map(|d| &d.meta))
    }
}
