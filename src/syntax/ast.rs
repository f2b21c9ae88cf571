//! The syntax tree of rule files, exactly as written, with a byte span on every node.
//! No names are resolved here and nothing is typed; that is `check`'s job.

use crate::diag::Span;
pub use crate::vocab::{AggOp, FieldRole, HitPolicy};

#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Str {
    /// The text with escapes resolved and line breaks normalised (see `parse::unquote`).
    pub value: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Rulebook(RulebookHeader),
    Enum(EnumDecl),
    Record(RecordDecl),
    Variant(VariantDecl),
    Document {
        name: Ident,
        ty: Ident,
        span: Span,
    },
    LawDate {
        path: Expr,
        span: Span,
    },
    Const {
        name: Ident,
        value: Literal,
        span: Span,
    },
    Set {
        name: Ident,
        elems: Vec<SetElem>,
        span: Span,
    },
    /// `let NAME = expr`: a named expression over the document.
    Let {
        name: Ident,
        value: Expr,
        span: Span,
    },
    Rule(RuleDecl),
    Conflict(ConflictDecl),
    Routes(RoutesDecl),
    Derive(DeriveDecl),
    Example {
        name: Ident,
        value: Json,
        span: Span,
    },
    Test(TestDecl),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RulebookHeader {
    pub name: Ident,
    pub version: Option<Str>,
    pub title: Option<Str>,
    /// `cy "..."` after the title: its Welsh.
    pub title_cy: Option<Str>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumDecl {
    pub name: Ident,
    pub values: Vec<Ident>,
    /// The words for people of each value, parallel to `values`.
    pub words: Vec<Option<SchemaWords>>,
    pub span: Span,
}

/// `label "..." cy "..." hint "..." cy "..."` after a field, enum value or case: what people
/// call it, and a hint, each with its Welsh.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaWords {
    pub label: Str,
    pub label_cy: Option<Str>,
    pub hint: Option<Str>,
    pub hint_cy: Option<Str>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecordDecl {
    pub name: Ident,
    pub fields: Vec<FieldDecl>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VariantDecl {
    pub name: Ident,
    /// Fields every case carries.
    pub shared: Vec<FieldDecl>,
    pub cases: Vec<CaseDecl>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseDecl {
    pub name: Ident,
    pub words: Option<SchemaWords>,
    pub fields: Vec<FieldDecl>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    pub name: Ident,
    pub ty: TypeExpr,
    /// `as start` / `as duration`: the field's part in the document's timeline.
    pub role: Option<(FieldRole, Span)>,
    /// `ordered by date` on a list field: the item field that orders the items in documents.
    pub ordered_by: Option<Ident>,
    /// `label "..." hint "..."`: the field's words for people.
    pub words: Option<SchemaWords>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr {
    Named(Ident),
    List(Box<TypeExpr>, Span),
    Optional(Box<TypeExpr>, Span),
}

impl TypeExpr {
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Named(i) => i.span,
            TypeExpr::List(_, s) | TypeExpr::Optional(_, s) => *s,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum SetElem {
    Literal(Literal),
    Symbol(Ident),
}

/// Clauses shared by rules, conflicts, routes and derived values. Each is kept with its span
/// so the checker can say "repeated" or "missing" precisely.
#[derive(Clone, Debug, PartialEq)]
pub enum Clause {
    Title(Str),
    Cite(Str),
    Explain(Str),
    Severity(SeverityLit, Span),
    /// `verified "<source read>"`: the law of this declaration was checked in that source.
    Verified(Str),
    /// `unverified "<why>"`: it was not, and why.
    Unverified(Str),
    InForce(InForce),
    ForEach(Binder),
    When(Expr),
    Require(Expr),
    Message(Message),
    Between(Between),
    Decides(Ident),
    /// `applies when C` on a routes table: the table decides only documents where C holds.
    Applies(Expr),
    HitPolicy(HitPolicy, Span),
    Row(RouteRow),
    Value(Expr),
    /// `cy "..."`: the Welsh of the clause before it.
    Welsh(Welsh),
}

/// A `cy` clause, by the clause it follows.
#[derive(Clone, Debug, PartialEq)]
pub enum Welsh {
    Title(Str),
    Explain(Str),
    /// A message's Welsh, with its own `{expr}` holes.
    Message(Message),
    /// After a clause that has no Welsh (`cite`, `when`, ...): the checker reports it.
    Stray(Str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeverityLit {
    Error,
    Unsettled,
    Warning,
    Info,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InForce {
    pub from: Option<DateLit>,
    pub until: Option<DateLit>,
    pub by: Option<Expr>,
    pub span: Span,
}

/// A message with `{expr}` holes.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub parts: Vec<MessagePart>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum MessagePart {
    Text(String),
    Hole(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub struct DateLit {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Binder {
    /// `curfew` in `for each curfew r in ...`: narrows the items to one variant case.
    pub kind: Option<Ident>,
    pub name: Ident,
    pub list: Expr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Between {
    pub left: ConflictSide,
    pub right: ConflictSide,
    pub list: Expr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConflictSide {
    pub kind: Ident,
    pub name: Option<Ident>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RouteRow {
    pub condition: Expr,
    pub output: Ident,
    pub cite: Option<Str>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RuleDecl {
    pub id: Ident,
    pub clauses: Vec<Clause>,
    pub span: Span,
}

pub type ConflictDecl = RuleDecl;
pub type RoutesDecl = RuleDecl;
pub type DeriveDecl = RuleDecl;

#[derive(Clone, Debug, PartialEq)]
pub struct TestDecl {
    pub name: Str,
    pub given: Given,
    pub expects: Vec<Expect>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Given {
    pub example: Option<Ident>,
    pub patch: Option<Json>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    NoFindings(Span),
    NoFinding(Ident),
    Finding { rule: Ident, at: Option<Str> },
    NoRoute(Ident),
    Route { table: Ident, output: Ident },
    Value { derive: Ident, value: SetElem },
    NoValue(Ident),
}

/// JSON written inside rule files (examples, tests), with spans for errors.
#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    pub value: serde_json::Value,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Literal {
    pub kind: LiteralKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LiteralKind {
    Bool(bool),
    /// A whole or decimal number as written, with an optional unit.
    Number {
        text: String,
        unit: Option<UnitLit>,
    },
    Money(String),
    Date(String),
    Time(String),
    Str(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitLit {
    Hours,
    Days,
    Weeks,
    Months,
    Years,
    Percent,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Literal(Literal),
    /// `a.b.c`; the first segment may be a binder, a constant, a set, the document or an enum value.
    Path(Vec<Ident>),
    Set(Vec<SetElem>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Implies(Box<Expr>, Box<Expr>),
    /// `a < b <= c`: operands and the operators between them.
    Compare(Vec<Expr>, Vec<CmpOp>),
    In {
        value: Box<Expr>,
        set: Box<Expr>,
        negated: bool,
    },
    Is {
        value: Box<Expr>,
        case: Ident,
        negated: bool,
    },
    Arith(Box<Expr>, ArithOp, Box<Expr>),
    Coalesce(Box<Expr>, Box<Expr>),
    Aggregate {
        op: AggOp,
        binder: Box<Binder>,
        filter: Option<Box<Expr>>,
        body: Option<Box<Expr>>,
    },
    Call {
        name: Ident,
        args: Vec<Expr>,
    },
}
