//! Type checking of expressions: names to slots and field indices, units reconciled, enum values
//! resolved by the type they meet. Emits `ir::Node`s; reports every mistake with its span.

use super::{Checker, TypeDecl};
use crate::diag::{closest, Diagnostic, Span};
use crate::ir::{Aggregate, Arith, Builtin, Cmp, Node, NodeKind, Type, Unit, Value};
use crate::syntax::ast::{
    self, AggOp, ArithOp, CmpOp, ExprKind, Ident, LiteralKind, SetElem, UnitLit,
};
use rust_decimal::Decimal;
use std::str::FromStr;

/// The built-in functions a call may name (the checker's `call`, and completion in editors).
pub const FUNCTION_NAMES: [&str; 7] = [
    "present",
    "days_between",
    "months_between",
    "if",
    "highest",
    "lowest",
    "concat",
];

/// Names visible inside one declaration.
#[derive(Clone, Default)]
pub struct Scope {
    /// (name, slot, type), innermost last.
    pub binders: Vec<(String, u32, Type)>,
    pub next_slot: u32,
    /// Whether the document root may be named (false inside a `law date`-free context never).
    pub max_slots: u32,
}

impl Scope {
    pub fn new() -> Scope {
        Scope {
            binders: Vec::new(),
            next_slot: 1,
            max_slots: 1,
        }
    }

    pub fn bind(&mut self, name: &str, ty: Type) -> u32 {
        let slot = self.next_slot;
        self.next_slot += 1;
        self.max_slots = self.max_slots.max(self.next_slot);
        self.binders.push((name.to_string(), slot, ty));
        slot
    }

    pub fn unbind(&mut self) {
        self.binders.pop();
        self.next_slot -= 1;
    }
}

/// An expression checked as far as it can be without knowing what type it must have.
pub enum Typed {
    Node(Node),
    /// A bare name that is no variable: an enum value, resolved against the type it meets.
    Symbol(Ident),
    /// A set literal or named set, resolved against the type of the value tested.
    Set(Vec<SetElem>, Span),
}

type R<T> = Result<T, ()>;

impl Checker {
    /// Check an expression that must be a bool.
    pub fn condition(&mut self, e: &ast::Expr, scope: &mut Scope) -> R<Node> {
        let n = self.value(e, scope)?;
        self.expect_type(&n, &Type::Bool, "a condition")?;
        Ok(n)
    }

    /// Check an expression that must stand on its own (no bare enum values).
    pub fn value(&mut self, e: &ast::Expr, scope: &mut Scope) -> R<Node> {
        let t = self.typed(e, scope)?;
        self.settle(t, None)
    }

    /// Refuse a value of the wrong type: "`{wanted}`, but this is {its type}", at the value.
    fn not_this_type<T>(&mut self, code: &'static str, wanted: &str, n: &Node) -> R<T> {
        let msg = format!("{wanted}, but this is {}", self.schema.type_name(&n.ty));
        self.diags.push(Diagnostic::error(code, msg).at(n.span));
        Err(())
    }

    pub fn expect_type(&mut self, n: &Node, ty: &Type, what: &str) -> R<()> {
        if &n.ty == ty {
            return Ok(());
        }
        let mut d = Diagnostic::error(
            "E0201",
            format!(
                "{what} must be {}, but this is {}",
                self.schema.type_name(ty),
                self.schema.type_name(&n.ty)
            ),
        )
        .at(n.span);
        if matches!(&n.ty, Type::Optional(inner) if **inner == *ty) {
            d = d.hint("this value may be absent: test it with `present(...)` or give a default with `?? value`");
        }
        self.diags.push(d);
        Err(())
    }

    /// Resolve symbols and sets: with an expected type, against it; without, they are errors.
    pub fn settle(&mut self, t: Typed, expected: Option<&Type>) -> R<Node> {
        match t {
            Typed::Node(n) => Ok(n),
            Typed::Symbol(id) => match expected {
                Some(ty) => self.symbol(&id, ty),
                None => {
                    self.unknown_name(&id, None);
                    Err(())
                }
            },
            Typed::Set(_, span) => {
                self.diags.push(
                    Diagnostic::error("E0202", "a set can only be used on the right of `in`")
                        .at(span),
                );
                Err(())
            }
        }
    }

    fn unknown_name(&mut self, id: &Ident, scope: Option<&Scope>) {
        let mut names: Vec<String> = self.consts.keys().cloned().collect();
        names.extend(self.sets.keys().cloned());
        names.push(self.document_name.clone());
        if let Some(s) = scope {
            names.extend(s.binders.iter().map(|b| b.0.clone()));
        }
        let mut d = Diagnostic::error("E0204", format!("unknown name `{}`", id.name)).at(id.span);
        if let Some(c) = closest(&id.name, names.iter().map(String::as_str)) {
            d = d.suggest(c);
        }
        self.diags.push(d);
    }

    /// An enum value (or variant case name) by the type it must have.
    fn symbol(&mut self, id: &Ident, ty: &Type) -> R<Node> {
        // An enum value compared with an optional enum is a value of the enum itself.
        let ty = match ty {
            Type::Optional(inner) => &**inner,
            t => t,
        };
        let (values, kind_name): (Vec<String>, String) = match ty {
            Type::Enum(e) => match self.schema.enum_def(*e) {
                Some(d) => (d.values.clone(), format!("enum {}", d.name)),
                None => return Err(()),
            },
            Type::Case(v) => match self.schema.variant(*v) {
                Some(d) => (
                    d.cases.iter().map(|c| c.name.clone()).collect(),
                    format!("variant {}", d.name),
                ),
                None => return Err(()),
            },
            other => {
                let name = self.schema.type_name(other);
                let mut d =
                    Diagnostic::error("E0204", format!("unknown name `{}`", id.name)).at(id.span);
                d = d.note(format!(
                    "it is compared with a value of type {name}, so it is not an enum value"
                ));
                self.diags.push(d);
                return Err(());
            }
        };
        match values.iter().position(|v| *v == id.name) {
            Some(i) => Ok(Node {
                kind: NodeKind::Const(Value::Enum(i as u32)),
                ty: ty.clone(),
                span: id.span,
            }),
            None => {
                let mut d = Diagnostic::error(
                    "E0205",
                    format!("`{}` is not a value of {kind_name}", id.name),
                )
                .at(id.span)
                .note(format!("its values are: {}", values.join(", ")));
                if let Some(c) = closest(&id.name, values.iter().map(String::as_str)) {
                    d = d.suggest(c);
                }
                self.diags.push(d);
                Err(())
            }
        }
    }

    pub fn literal(&mut self, lit: &ast::Literal) -> R<Node> {
        let span = lit.span;
        let (value, ty) = match &lit.kind {
            LiteralKind::Bool(b) => (Value::Bool(*b), Type::Bool),
            LiteralKind::Str(s) => (Value::Str(s.as_str().into()), Type::Str),
            LiteralKind::Date(s) => (Value::Date(self.date(s, span)?), Type::Date),
            LiteralKind::Time(s) => {
                let (h, m) = s.split_once(':').unwrap_or(("99", "99"));
                let (h, m) = (
                    h.parse::<u16>().unwrap_or(99),
                    m.parse::<u16>().unwrap_or(99),
                );
                if h > 23 || m > 59 {
                    self.diags.push(
                        Diagnostic::error("E0208", format!("`{s}` is not a time of day"))
                            .at(span)
                            .hint("write times as HH:MM from 00:00 to 23:59"),
                    );
                    return Err(());
                }
                (Value::Time(h * 60 + m), Type::Time)
            }
            LiteralKind::Money(s) => (Value::Dec(self.decimal(s, span)?), Type::Money),
            LiteralKind::Number { text, unit } => match unit {
                Some(UnitLit::Percent) => (Value::Dec(self.decimal(text, span)?), Type::Percent),
                None if text.contains('.') => {
                    (Value::Dec(self.decimal(text, span)?), Type::Decimal)
                }
                _ => {
                    let unit = match unit {
                        Some(UnitLit::Hours) => Unit::Hours,
                        Some(UnitLit::Days) => Unit::Days,
                        Some(UnitLit::Weeks) => Unit::Weeks,
                        Some(UnitLit::Months) => Unit::Months,
                        Some(UnitLit::Years) => Unit::Years,
                        _ => Unit::Plain,
                    };
                    if text.contains('.') {
                        self.diags.push(
                            Diagnostic::error(
                                "E0209",
                                format!("`{text}` {}: durations are whole numbers", unit.name(2)),
                            )
                            .at(span)
                            .hint(format!("round to a whole number of {}", unit.name(2))),
                        );
                        return Err(());
                    }
                    match text.parse::<i64>() {
                        Ok(n) => (Value::Int(n), Type::Int(unit)),
                        Err(_) => {
                            self.diags.push(
                                Diagnostic::error("E0209", format!("`{text}` is too large"))
                                    .at(span),
                            );
                            return Err(());
                        }
                    }
                }
            },
        };
        Ok(Node {
            kind: NodeKind::Const(value),
            ty,
            span,
        })
    }

    pub fn date(&mut self, s: &str, span: Span) -> R<chrono::NaiveDate> {
        crate::dates::read_date(s).ok_or_else(|| {
            self.diags.push(
                Diagnostic::error("E0207", format!("`{s}` is not a date in the calendar"))
                    .at(span)
                    .hint("dates are YYYY-MM-DD, e.g. 2022-06-28"),
            );
        })
    }

    fn decimal(&mut self, s: &str, span: Span) -> R<Decimal> {
        Decimal::from_str(s).map_err(|_| {
            self.diags.push(
                Diagnostic::error(
                    "E0209",
                    format!("`{s}` is not a number probity can hold exactly"),
                )
                .at(span),
            );
        })
    }

    pub fn typed(&mut self, e: &ast::Expr, scope: &mut Scope) -> R<Typed> {
        let span = e.span;
        let node = |kind, ty| Ok(Typed::Node(Node { kind, ty, span }));
        match &e.kind {
            ExprKind::Literal(l) => Ok(Typed::Node(self.literal(l)?)),
            ExprKind::Set(elems) => Ok(Typed::Set(elems.clone(), span)),
            ExprKind::Path(segs) => self.path(segs, scope, span),
            ExprKind::Not(inner) => {
                let n = self.condition(inner, scope)?;
                node(NodeKind::Not(Box::new(n)), Type::Bool)
            }
            ExprKind::And(ops) | ExprKind::Or(ops) => {
                let mut nodes = Vec::new();
                let mut ok = true;
                for op in ops {
                    match self.condition(op, scope) {
                        Ok(n) => nodes.push(n),
                        Err(()) => ok = false,
                    }
                }
                if !ok {
                    return Err(());
                }
                let kind = if matches!(e.kind, ExprKind::And(_)) {
                    NodeKind::And(nodes)
                } else {
                    NodeKind::Or(nodes)
                };
                node(kind, Type::Bool)
            }
            ExprKind::Implies(a, b) => {
                let a = self.condition(a, scope);
                let b = self.condition(b, scope);
                node(NodeKind::Implies(Box::new(a?), Box::new(b?)), Type::Bool)
            }
            ExprKind::Compare(operands, ops) => self.comparison(operands, ops, scope, span),
            ExprKind::In {
                value,
                set,
                negated,
            } => self.membership(value, set, *negated, scope, span),
            ExprKind::Is {
                value,
                case,
                negated,
            } => self.case_test(value, case, *negated, scope, span),
            ExprKind::Neg(inner) => {
                let n = self.value(inner, scope)?;
                match n.ty {
                    Type::Int(_) | Type::Decimal | Type::Money | Type::Percent => {
                        let ty = n.ty.clone();
                        node(NodeKind::Neg(Box::new(n)), ty)
                    }
                    _ => {
                        self.diags.push(
                            Diagnostic::error(
                                "E0213",
                                format!("cannot negate {}", self.schema.type_name(&n.ty)),
                            )
                            .at(span),
                        );
                        Err(())
                    }
                }
            }
            ExprKind::Arith(a, op, b) => {
                let a = self.value(a, scope);
                let b = self.value(b, scope);
                Ok(Typed::Node(self.arith(*op, a?, b?, span)?))
            }
            ExprKind::Coalesce(a, b) => {
                let a = self.value(a, scope)?;
                let Type::Optional(inner) = a.ty.clone() else {
                    self.diags.push(
                        Diagnostic::error("E0214", "`??` gives a default for a value that may be absent, but this one is always present")
                            .at(a.span)
                            .hint("remove `?? ...`"),
                    );
                    return Err(());
                };
                let b = self.typed(b, scope)?;
                let b = self.settle(b, Some(&inner))?;
                if b.ty != *inner {
                    return self.mismatch(&a, &b, "`??`");
                }
                node(NodeKind::Coalesce(Box::new(a), Box::new(b)), *inner)
            }
            ExprKind::Call { name, args } => self.call(name, args, scope, span),
            ExprKind::Aggregate {
                op,
                binder,
                filter,
                body,
            } => self.aggregate(*op, binder, filter.as_deref(), body.as_deref(), scope, span),
        }
    }

    /// A chain of comparisons (`a < b <= c`): each pair compared, bare enum values settled by
    /// their nearest neighbour.
    fn comparison(
        &mut self,
        operands: &[ast::Expr],
        ops: &[CmpOp],
        scope: &mut Scope,
        span: Span,
    ) -> R<Typed> {
        let node = |kind, ty| Ok(Typed::Node(Node { kind, ty, span }));
        let mut typed = Vec::new();
        for o in operands {
            typed.push(self.typed(o, scope)?);
        }
        // A bare enum value takes the type of its nearest neighbour in the chain.
        let types: Vec<Option<Type>> = typed
            .iter()
            .map(|t| {
                if let Typed::Node(n) = t {
                    Some(n.ty.clone())
                } else {
                    None
                }
            })
            .collect();
        let mut nodes: Vec<Node> = Vec::new();
        for (i, t) in typed.into_iter().enumerate() {
            let before = i
                .checked_sub(1)
                .and_then(|j| types.get(j))
                .cloned()
                .flatten();
            let expected = before.or_else(|| types.get(i + 1).cloned().flatten());
            nodes.push(self.settle(t, expected.as_ref())?);
        }
        let mut pairs = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            let (Some(a), Some(b)) = (nodes.get(i), nodes.get(i + 1)) else {
                return Err(());
            };
            pairs.push(self.compare(*op, a.clone(), b.clone(), span)?);
        }
        if pairs.len() == 1 {
            pairs.pop().map(Typed::Node).ok_or(())
        } else {
            node(NodeKind::And(pairs), Type::Bool)
        }
    }

    /// `v in {set}` or `v in list`, perhaps negated.
    fn membership(
        &mut self,
        value: &ast::Expr,
        set: &ast::Expr,
        negated: bool,
        scope: &mut Scope,
        span: Span,
    ) -> R<Typed> {
        let v = self.typed(value, scope)?;
        let s = self.typed(set, scope)?;
        let n = match (v, s) {
            (Typed::Node(v), Typed::Set(elems, _)) => {
                let set = self.set_values(&elems, &v.ty)?;
                NodeKind::InSet {
                    value: Box::new(v),
                    set,
                }
            }
            (v, Typed::Node(list)) => {
                let Type::List(elem) = &list.ty else {
                    return self.not_this_type("E0211", "`in` needs a set or a list", &list);
                };
                let elem = (**elem).clone();
                let v = self.settle(v, Some(&elem))?;
                if v.ty != elem {
                    return self.mismatch(&v, &list, "`in`");
                }
                NodeKind::InList {
                    value: Box::new(v),
                    list: Box::new(list),
                }
            }
            (Typed::Symbol(id), Typed::Set(_, _)) => {
                self.diags.push(
                    Diagnostic::error("E0204", format!("cannot tell what `{}` is", id.name))
                        .at(id.span)
                        .note("both sides of this `in` are bare names; one must be a value from the document"),
                );
                return Err(());
            }
            (Typed::Set(_, s), _) | (_, Typed::Symbol(Ident { span: s, .. })) => {
                self.diags.push(
                    Diagnostic::error(
                        "E0211",
                        "`in` needs a value on its left and a set or list on its right",
                    )
                    .at(s),
                );
                return Err(());
            }
        };
        Ok(Typed::Node(negatable(n, negated, span)))
    }

    /// `v is case`, perhaps negated.
    fn case_test(
        &mut self,
        value: &ast::Expr,
        case: &Ident,
        negated: bool,
        scope: &mut Scope,
        span: Span,
    ) -> R<Typed> {
        let v = self.value(value, scope)?;
        let Type::Variant(vid, _) = v.ty else {
            return self.not_this_type("E0212", "`is` tests the case of a variant", &v);
        };
        let c = self.case_index(vid, case)?;
        Ok(Typed::Node(negatable(
            NodeKind::Is(Box::new(v), c),
            negated,
            span,
        )))
    }

    fn mismatch<T>(&mut self, a: &Node, b: &Node, what: &str) -> R<T> {
        self.diags.push(
            Diagnostic::error(
                "E0201",
                format!(
                    "{what} between {} and {}",
                    self.schema.type_name(&a.ty),
                    self.schema.type_name(&b.ty)
                ),
            )
            .at(a.span.to(b.span)),
        );
        Err(())
    }

    fn set_values(&mut self, elems: &[SetElem], ty: &Type) -> R<Vec<Value>> {
        let mut out = Vec::new();
        for e in elems {
            let n = match e {
                SetElem::Symbol(id) => self.symbol(id, ty)?,
                SetElem::Literal(l) => {
                    let n = self.literal(l)?;
                    if n.ty != *ty {
                        self.diags.push(
                            Diagnostic::error(
                                "E0201",
                                format!(
                                    "this set holds {}, but it is tested with {}",
                                    self.schema.type_name(&n.ty),
                                    self.schema.type_name(ty)
                                ),
                            )
                            .at(l.span),
                        );
                        return Err(());
                    }
                    n
                }
            };
            if let NodeKind::Const(v) = n.kind {
                out.push(v);
            }
        }
        Ok(out)
    }

    pub fn case_index(&mut self, vid: u32, case: &Ident) -> R<u32> {
        let Some(def) = self.schema.variant(vid) else {
            return Err(());
        };
        if let Some(i) = def.cases.iter().position(|c| c.name == case.name) {
            return Ok(i as u32);
        }
        let names: Vec<String> = def.cases.iter().map(|c| c.name.clone()).collect();
        let mut d = Diagnostic::error(
            "E0215",
            format!("`{}` is not a case of {}", case.name, def.name),
        )
        .at(case.span)
        .note(format!("its cases are: {}", names.join(", ")));
        if let Some(c) = closest(&case.name, names.iter().map(String::as_str)) {
            d = d.suggest(c);
        }
        self.diags.push(d);
        Err(())
    }

    fn path(&mut self, segs: &[Ident], scope: &mut Scope, span: Span) -> R<Typed> {
        let Some(first) = segs.first() else {
            return Err(());
        };
        let mut node = if let Some((_, slot, ty)) =
            scope.binders.iter().rev().find(|b| b.0 == first.name)
        {
            Node {
                kind: NodeKind::Var(*slot),
                ty: ty.clone(),
                span: first.span,
            }
        } else if first.name == self.document_name {
            Node {
                kind: NodeKind::Var(0),
                ty: Type::Record(self.document_type),
                span: first.span,
            }
        } else if let Some(c) = self.consts.get(&first.name) {
            Node {
                span: first.span,
                ..c.clone()
            }
        } else if let Some((node, slots)) = self.lets.get(&first.name) {
            // Written out in place: its binders move past the ones in scope here.
            let shift = scope.next_slot.saturating_sub(1);
            scope.max_slots = scope.max_slots.max(scope.next_slot + slots);
            let mut node = node.clone();
            shift_slots(&mut node, shift);
            node
        } else if let (Some(TypeDecl::Enum(e)), [_, value]) = (self.types.get(&first.name), segs) {
            // `Tier.A`: an enum value named with its enum.
            return self.symbol(value, &Type::Enum(*e)).map(Typed::Node);
        } else if let Some(set) = self.sets.get(&first.name) {
            if segs.len() == 1 {
                return Ok(Typed::Set(set.clone(), span));
            }
            self.diags.push(
                Diagnostic::error(
                    "E0202",
                    format!("`{}` is a set; it has no fields", first.name),
                )
                .at(span),
            );
            return Err(());
        } else if segs.len() == 1 {
            return Ok(Typed::Symbol(first.clone()));
        } else {
            self.unknown_name(first, Some(scope));
            return Err(());
        };
        for seg in segs.iter().skip(1) {
            node = self.field(node, seg)?;
        }
        Ok(Typed::Node(node))
    }

    fn field(&mut self, base: Node, seg: &Ident) -> R<Node> {
        let span = base.span.to(seg.span);
        let (fields, owner): (Vec<(String, Type)>, String) = match &base.ty {
            Type::Record(r) => match self.schema.record(*r) {
                Some(d) => (
                    d.fields
                        .iter()
                        .map(|f| (f.name.clone(), f.ty.clone()))
                        .collect(),
                    d.name.clone(),
                ),
                None => return Err(()),
            },
            Type::Variant(v, case) => {
                let Some(def) = self.schema.variant(*v) else {
                    return Err(());
                };
                if seg.name == "kind" {
                    return Ok(Node {
                        kind: NodeKind::Kind(Box::new(base.clone())),
                        ty: Type::Case(*v),
                        span,
                    });
                }
                let fields: Vec<(String, Type)> = match case.and_then(|c| def.cases.get(c as usize))
                {
                    Some(c) => c
                        .fields
                        .iter()
                        .map(|f| (f.name.clone(), f.ty.clone()))
                        .collect(),
                    None => def
                        .cases
                        .first()
                        .map(|c| {
                            c.fields
                                .iter()
                                .take(def.shared)
                                .map(|f| (f.name.clone(), f.ty.clone()))
                                .collect()
                        })
                        .unwrap_or_default(),
                };
                if case.is_none() && !fields.iter().any(|f| f.0 == seg.name) {
                    if let Some(owner_case) = def
                        .cases
                        .iter()
                        .find(|c| c.fields.iter().any(|f| f.name == seg.name))
                    {
                        let d = Diagnostic::error(
                            "E0206",
                            format!("`{}` is a field of the `{}` case only, and this {} may be any case", seg.name, owner_case.name, def.name),
                        )
                        .at(seg.span)
                        .hint(format!(
                            "narrow the binding to that case: `for each {} r in ...` or `any({} r in ...: ...)`",
                            owner_case.name, owner_case.name
                        ));
                        self.diags.push(d);
                        return Err(());
                    }
                }
                let owner = match case.and_then(|c| def.cases.get(c as usize)) {
                    Some(c) => format!("{}.{}", def.name, c.name),
                    None => def.name.clone(),
                };
                (fields, owner)
            }
            Type::Optional(_) => {
                self.diags.push(
                    Diagnostic::error("E0210", format!("this value may be absent, so `.{}` cannot be read from it", seg.name))
                        .at(base.span)
                        .hint("test it first with `present(...)`, or make the field required in the schema"),
                );
                return Err(());
            }
            other => {
                let t = self.schema.type_name(other);
                self.diags.push(
                    Diagnostic::error(
                        "E0205",
                        format!("{t} has no fields, so `.{}` is unknown", seg.name),
                    )
                    .at(seg.span),
                );
                return Err(());
            }
        };
        match fields.iter().position(|f| f.0 == seg.name) {
            Some(i) => {
                let ty = fields.get(i).map(|f| f.1.clone()).ok_or(())?;
                Ok(Node {
                    kind: NodeKind::Field {
                        base: Box::new(base),
                        index: i as u32,
                        name: seg.name.as_str().into(),
                    },
                    ty,
                    span,
                })
            }
            None => {
                let mut d =
                    Diagnostic::error("E0205", format!("{owner} has no field `{}`", seg.name))
                        .at(seg.span);
                if let Some(c) = closest(&seg.name, fields.iter().map(|f| f.0.as_str())) {
                    d = d.suggest(c);
                } else {
                    let names: Vec<&str> = fields.iter().map(|f| f.0.as_str()).collect();
                    d = d.note(format!("its fields are: {}", names.join(", ")));
                }
                self.diags.push(d);
                Err(())
            }
        }
    }

    /// Bring two ints of one dimension to the smaller unit.
    fn align_units(&mut self, a: Node, b: Node, span: Span, what: &str) -> R<(Node, Node, Unit)> {
        let (Type::Int(ua), Type::Int(ub)) = (&a.ty, &b.ty) else {
            return Err(());
        };
        let (ua, ub) = (*ua, *ub);
        let ((da, fa), (db, fb)) = (ua.dimension(), ub.dimension());
        if da != db {
            let (plain, other) = if ua == Unit::Plain {
                (&a, ub)
            } else {
                (&b, ua)
            };
            let mut d = Diagnostic::error(
                "E0203",
                format!("{what} between {} and {}", unit_words(ua), unit_words(ub)),
            )
            .at(span);
            if ua == Unit::Plain || ub == Unit::Plain {
                if let NodeKind::Const(Value::Int(n)) = plain.kind {
                    d = d.hint(format!("give the number its unit: `{n} {}`", other.name(n)));
                } else {
                    d = d.note("a plain number has no unit; give literals a unit such as `hours`");
                }
            } else {
                d = d.note("hours, days and months cannot be converted into one another");
            }
            self.diags.push(d);
            return Err(());
        }
        let scale = |n: Node, f: i64, to: Unit| {
            if f == 1 {
                n
            } else {
                let span = n.span;
                Node {
                    kind: NodeKind::Scale(Box::new(n), f),
                    ty: Type::Int(to),
                    span,
                }
            }
        };
        if fa == fb {
            Ok((a, b, ua))
        } else if fa > fb {
            Ok((scale(a, fa / fb, ub), b, ub))
        } else {
            Ok((a, scale(b, fb / fa, ua), ua))
        }
    }

    fn compare(&mut self, op: CmpOp, a: Node, b: Node, span: Span) -> R<Node> {
        let cmp = match op {
            CmpOp::Eq => Cmp::Eq,
            CmpOp::Ne => Cmp::Ne,
            CmpOp::Lt => Cmp::Lt,
            CmpOp::Le => Cmp::Le,
            CmpOp::Gt => Cmp::Gt,
            CmpOp::Ge => Cmp::Ge,
        };
        let ordered = !matches!(cmp, Cmp::Eq | Cmp::Ne);
        let (a, b) = match (&a.ty, &b.ty) {
            // `x == v` and `x != v` are well defined when x may be absent: absent equals nothing.
            (Type::Optional(inner), other) | (other, Type::Optional(inner))
                if !ordered
                    && **inner == *other
                    && matches!(
                        other,
                        Type::Bool
                            | Type::Int(_)
                            | Type::Decimal
                            | Type::Money
                            | Type::Percent
                            | Type::Date
                            | Type::Time
                            | Type::Str
                            | Type::Enum(_)
                    ) =>
            {
                (a, b)
            }
            (Type::Optional(_), _) | (_, Type::Optional(_)) => {
                let opt = if matches!(a.ty, Type::Optional(_)) {
                    &a
                } else {
                    &b
                };
                self.diags.push(
                    Diagnostic::error(
                        "E0210",
                        "this value may be absent, so it cannot be compared",
                    )
                    .at(opt.span)
                    .hint("test it with `present(...)`, or give a default: `value ?? default`; `==` and `!=` may compare it with a value of the same type"),
                );
                return Err(());
            }
            (Type::Int(_), Type::Int(_)) => {
                let (a, b, _) = self.align_units(a, b, span, "comparison")?;
                (a, b)
            }
            (Type::Decimal, Type::Int(Unit::Plain)) | (Type::Int(Unit::Plain), Type::Decimal) => {
                let (a, b) = (int_const_to_decimal(a), int_const_to_decimal(b));
                if a.ty != b.ty {
                    return self.mismatch(&a, &b, "comparison");
                }
                (a, b)
            }
            (ta, tb) if ta == tb => match ta {
                Type::Int(_)
                | Type::Decimal
                | Type::Money
                | Type::Percent
                | Type::Date
                | Type::Time
                | Type::Enum(_) => (a, b),
                Type::Str | Type::Bool | Type::Case(_) if !ordered => (a, b),
                _ => {
                    let t = self.schema.type_name(ta);
                    let what = if ordered {
                        "ordered with < or >"
                    } else {
                        "compared"
                    };
                    self.diags.push(
                        Diagnostic::error("E0216", format!("values of type {t} cannot be {what}"))
                            .at(span),
                    );
                    return Err(());
                }
            },
            (ta, tb) => {
                let mut d = Diagnostic::error(
                    "E0201",
                    format!(
                        "comparison between {} and {}",
                        self.schema.type_name(ta),
                        self.schema.type_name(tb)
                    ),
                )
                .at(span);
                if let (Type::Money, Type::Decimal | Type::Int(Unit::Plain))
                | (Type::Decimal | Type::Int(Unit::Plain), Type::Money) = (ta, tb)
                {
                    d = d.hint("write amounts of money with a pound sign: `£2500`");
                }
                if let (Type::Percent, Type::Decimal | Type::Int(Unit::Plain))
                | (Type::Decimal | Type::Int(Unit::Plain), Type::Percent) = (ta, tb)
                {
                    d = d.hint("write percentages with a percent sign: `50%`");
                }
                self.diags.push(d);
                return Err(());
            }
        };
        Ok(Node {
            kind: NodeKind::Compare(cmp, Box::new(a), Box::new(b)),
            ty: Type::Bool,
            span,
        })
    }

    fn arith(&mut self, op: ArithOp, a: Node, b: Node, span: Span) -> R<Node> {
        if let Some(opt) = [&a, &b]
            .into_iter()
            .find(|n| matches!(n.ty, Type::Optional(_)))
        {
            self.diags.push(
                Diagnostic::error(
                    "E0210",
                    "this value may be absent, so it cannot be used in arithmetic",
                )
                .at(opt.span)
                .hint("test it with `present(...)`, or give a default: `value ?? default`"),
            );
            return Err(());
        }
        let mk = |kind: Arith, a: Node, b: Node, ty: Type| {
            Ok(Node {
                kind: NodeKind::Arith(kind, Box::new(a), Box::new(b)),
                ty,
                span,
            })
        };
        match (&a.ty, &b.ty, op) {
            (Type::Int(_), Type::Int(_), ArithOp::Add | ArithOp::Sub) => {
                let (a, b, u) = self.align_units(a, b, span, "arithmetic")?;
                mk(
                    if op == ArithOp::Add {
                        Arith::AddInt
                    } else {
                        Arith::SubInt
                    },
                    a,
                    b,
                    Type::Int(u),
                )
            }
            (Type::Int(ua), Type::Int(ub), ArithOp::Mul) => {
                let (ua, ub) = (*ua, *ub);
                if ua != Unit::Plain && ub != Unit::Plain {
                    self.diags.push(
                        Diagnostic::error(
                            "E0203",
                            format!("cannot multiply {} by {}", unit_words(ua), unit_words(ub)),
                        )
                        .at(span),
                    );
                    return Err(());
                }
                let u = if ua == Unit::Plain { ub } else { ua };
                mk(Arith::MulInt, a, b, Type::Int(u))
            }
            (ta, tb, ArithOp::Add | ArithOp::Sub)
                if ta == tb && matches!(ta, Type::Decimal | Type::Money | Type::Percent) =>
            {
                let ty = ta.clone();
                mk(
                    if op == ArithOp::Add {
                        Arith::AddDec
                    } else {
                        Arith::SubDec
                    },
                    a,
                    b,
                    ty,
                )
            }
            (Type::Date, Type::Int(u), ArithOp::Add | ArithOp::Sub) => {
                let (dim, f) = u.dimension();
                let add = op == ArithOp::Add;
                let scaled = |b: Node| {
                    if f == 1 {
                        b
                    } else {
                        let s = b.span;
                        Node {
                            kind: NodeKind::Scale(Box::new(b), f),
                            ty: Type::Int(Unit::Plain),
                            span: s,
                        }
                    }
                };
                match dim {
                    crate::ir::Dimension::Days => mk(
                        if add {
                            Arith::DateAddDays
                        } else {
                            Arith::DateSubDays
                        },
                        a,
                        scaled(b),
                        Type::Date,
                    ),
                    crate::ir::Dimension::Months => mk(
                        if add {
                            Arith::DateAddMonths
                        } else {
                            Arith::DateSubMonths
                        },
                        a,
                        scaled(b),
                        Type::Date,
                    ),
                    _ => {
                        self.diags.push(
                            Diagnostic::error(
                                "E0203",
                                format!(
                                    "a date moves by days, weeks, months or years, not by {}",
                                    unit_words(*u)
                                ),
                            )
                            .at(b.span),
                        );
                        Err(())
                    }
                }
            }
            (Type::Date, Type::Date, ArithOp::Sub) => {
                mk(Arith::DateDiffDays, a, b, Type::Int(Unit::Days))
            }
            _ => {
                let sym = match op {
                    ArithOp::Add => "+",
                    ArithOp::Sub => "-",
                    ArithOp::Mul => "*",
                };
                self.diags.push(
                    Diagnostic::error(
                        "E0213",
                        format!(
                            "`{sym}` cannot combine {} and {}",
                            self.schema.type_name(&a.ty),
                            self.schema.type_name(&b.ty)
                        ),
                    )
                    .at(span),
                );
                Err(())
            }
        }
    }

    fn call(
        &mut self,
        name: &Ident,
        args: &[ast::Expr],
        scope: &mut Scope,
        span: Span,
    ) -> R<Typed> {
        let builtin = match name.name.as_str() {
            "present" => Builtin::Present,
            "days_between" => Builtin::DaysBetween,
            "months_between" => Builtin::MonthsBetween,
            "if" => Builtin::If,
            "highest" => Builtin::Highest,
            "lowest" => Builtin::Lowest,
            "concat" => Builtin::Concat,
            other => {
                let mut d = Diagnostic::error("E0217", format!("unknown function `{other}`"))
                    .at(name.span)
                    .note(format!("the functions are {}", FUNCTION_NAMES.join(", ")));
                if let Some(c) = closest(other, FUNCTION_NAMES) {
                    d = d.suggest(c);
                }
                self.diags.push(d);
                return Err(());
            }
        };
        let arity_ok = match builtin {
            Builtin::Present => args.len() == 1,
            Builtin::DaysBetween | Builtin::MonthsBetween => args.len() == 2,
            Builtin::If => args.len() == 3,
            Builtin::Highest | Builtin::Lowest | Builtin::Concat => !args.is_empty(),
        };
        if !arity_ok {
            let want = match builtin {
                Builtin::Present => "1 argument",
                Builtin::DaysBetween | Builtin::MonthsBetween => "2 arguments",
                Builtin::If => "3 arguments (a condition, then, else)",
                _ => "at least 1 argument",
            };
            self.diags.push(
                Diagnostic::error(
                    "E0218",
                    format!("`{}` takes {want}, not {}", name.name, args.len()),
                )
                .at(span),
            );
            return Err(());
        }
        if matches!(builtin, Builtin::If | Builtin::Highest | Builtin::Lowest) {
            return self.choice(builtin, args, scope, span).map(Typed::Node);
        }
        let mut nodes = Vec::new();
        for a in args {
            nodes.push(self.value(a, scope)?);
        }
        let ty = match builtin {
            Builtin::Present => {
                if !nodes.iter().all(|n| matches!(n.ty, Type::Optional(_))) {
                    self.diags.push(
                        Diagnostic::error(
                            "E0214",
                            "`present` tests an optional value, but this one is always present",
                        )
                        .at(span),
                    );
                    return Err(());
                }
                Type::Bool
            }
            Builtin::DaysBetween | Builtin::MonthsBetween => {
                for n in &nodes {
                    self.expect_type(n, &Type::Date, "an argument of this function")?;
                }
                Type::Int(if builtin == Builtin::DaysBetween {
                    Unit::Days
                } else {
                    Unit::Months
                })
            }
            Builtin::Concat => {
                for n in &nodes {
                    self.expect_type(n, &Type::Str, "an argument of `concat`")?;
                }
                Type::Str
            }
            Builtin::If | Builtin::Highest | Builtin::Lowest => return Err(()),
        };
        Ok(Typed::Node(Node {
            kind: NodeKind::Call(builtin, nodes),
            ty,
            span,
        }))
    }

    /// `if`, `highest` and `lowest`: values that must all have one type. A bare enum value
    /// takes the type of the values beside it.
    fn choice(
        &mut self,
        builtin: Builtin,
        args: &[ast::Expr],
        scope: &mut Scope,
        span: Span,
    ) -> R<Node> {
        let (condition, values) = match (builtin, args) {
            (Builtin::If, [c, rest @ ..]) => (Some(self.condition(c, scope)?), rest),
            _ => (None, args),
        };
        let mut typed = Vec::new();
        for a in values {
            typed.push(self.typed(a, scope)?);
        }
        let ty = typed.iter().find_map(|t| match t {
            Typed::Node(n) => Some(n.ty.clone()),
            _ => None,
        });
        let Some(ty) = ty else {
            self.diags.push(
                Diagnostic::error("E0204", "cannot tell what type these values have")
                    .at(span)
                    .note("every value here is a bare name; name one with its enum, e.g. `Tier.A`"),
            );
            return Err(());
        };
        let mut nodes: Vec<Node> = condition.into_iter().collect();
        for t in typed {
            let n = self.settle(t, Some(&ty))?;
            self.expect_type(&n, &ty, "each value here")?;
            nodes.push(n);
        }
        if builtin != Builtin::If
            && !matches!(
                ty,
                Type::Int(_) | Type::Decimal | Type::Money | Type::Percent | Type::Enum(_)
            )
        {
            self.diags.push(
                Diagnostic::error(
                    "E0201",
                    format!(
                        "`highest` and `lowest` compare numbers or enum values, not {}",
                        self.schema.type_name(&ty)
                    ),
                )
                .at(span),
            );
            return Err(());
        }
        Ok(Node {
            kind: NodeKind::Call(builtin, nodes),
            ty,
            span,
        })
    }

    /// A new binding may not hide the document, a constant, a set or another binding: a rule
    /// that reads `order` must always mean the same thing.
    pub fn check_binder_name(&mut self, name: &Ident, scope: &Scope) -> R<()> {
        let hides = if name.name == self.document_name {
            Some("names the document")
        } else if scope.binders.iter().any(|b| b.0 == name.name) {
            Some("is already bound in this declaration")
        } else if self.consts.contains_key(&name.name) || self.sets.contains_key(&name.name) {
            Some("names a constant or set")
        } else {
            None
        };
        let Some(what) = hides else { return Ok(()) };
        self.diags.push(
            Diagnostic::error(
                "E0221",
                format!(
                    "`{}` {what}, so it cannot also name an item of a list",
                    name.name
                ),
            )
            .at(name.span)
            .hint("choose another name, such as `r` or `item`"),
        );
        Err(())
    }

    /// Check a binder's list and return its element type (narrowed by the binder's case).
    pub fn binder_type(&mut self, kind: Option<&Ident>, list: &Node) -> R<(Type, Option<u32>)> {
        let Type::List(elem) = &list.ty else {
            self.diags.push(
                Diagnostic::error(
                    "E0219",
                    format!(
                        "this must be a list to range over, but it is {}",
                        self.schema.type_name(&list.ty)
                    ),
                )
                .at(list.span),
            );
            return Err(());
        };
        match (kind, &**elem) {
            (None, t) => Ok((t.clone(), None)),
            (Some(k), Type::Variant(v, _)) => {
                let v = *v;
                let c = self.case_index(v, k)?;
                Ok((Type::Variant(v, Some(c)), Some(c)))
            }
            (Some(k), t) => {
                let t = self.schema.type_name(t);
                self.diags.push(
                    Diagnostic::error(
                        "E0212",
                        format!(
                            "`{}` narrows a list of variants, but this is a list of {t}",
                            k.name
                        ),
                    )
                    .at(k.span),
                );
                Err(())
            }
        }
    }

    fn aggregate(
        &mut self,
        op: AggOp,
        binder: &ast::Binder,
        filter: Option<&ast::Expr>,
        body: Option<&ast::Expr>,
        scope: &mut Scope,
        span: Span,
    ) -> R<Typed> {
        let list = self.value(&binder.list, scope)?;
        let (elem, case) = self.binder_type(binder.kind.as_ref(), &list)?;
        self.check_binder_name(&binder.name, scope)?;
        let slot = scope.bind(&binder.name.name, elem);
        let result = (|| {
            let filter = match filter {
                Some(f) => Some(self.condition(f, scope)?),
                None => None,
            };
            let body = match body {
                Some(b) => Some(self.value(b, scope)?),
                None => None,
            };
            let ty = match (op, &body) {
                (AggOp::Any | AggOp::All, None) if op == AggOp::Any => Type::Bool,
                (AggOp::Any | AggOp::All, Some(b)) => {
                    self.expect_type(b, &Type::Bool, "the body of any/all")?;
                    Type::Bool
                }
                (AggOp::Count, None) => Type::Int(Unit::Plain),
                (AggOp::Count, Some(b)) => {
                    self.diags.push(
                        Diagnostic::error("E0220", "count takes no body; filter with `where`")
                            .at(b.span)
                            .hint("write `count(r in list where condition)`"),
                    );
                    return Err(());
                }
                (AggOp::Sum, Some(b))
                    if matches!(
                        b.ty,
                        Type::Int(_) | Type::Decimal | Type::Money | Type::Percent
                    ) =>
                {
                    b.ty.clone()
                }
                (AggOp::Min | AggOp::Max, Some(b))
                    if matches!(
                        b.ty,
                        Type::Int(_)
                            | Type::Decimal
                            | Type::Money
                            | Type::Percent
                            | Type::Date
                            | Type::Time
                    ) =>
                {
                    Type::Optional(Box::new(b.ty.clone()))
                }
                (_, Some(b)) => {
                    let t = self.schema.type_name(&b.ty);
                    self.diags.push(
                        Diagnostic::error(
                            "E0220",
                            format!("{} cannot aggregate values of type {t}", op.as_str()),
                        )
                        .at(b.span),
                    );
                    return Err(());
                }
                (_, None) => {
                    self.diags.push(
                        Diagnostic::error(
                            "E0220",
                            format!("{} needs a body after `:`", op.as_str()),
                        )
                        .at(span)
                        .hint(format!("e.g. `{}(r in list: r.hours)`", op.as_str())),
                    );
                    return Err(());
                }
            };
            Ok((filter, body, ty))
        })();
        scope.unbind();
        let (filter, body, ty) = result?;
        let agg = Aggregate {
            op,
            slot,
            list,
            case,
            filter,
            body,
        };
        Ok(Typed::Node(Node {
            kind: NodeKind::Aggregate(Box::new(agg)),
            ty,
            span,
        }))
    }
}

/// Move every binder slot of a `let` expression up by `by`, so that it cannot overwrite a
/// binder of the declaration it is written into.
fn shift_slots(node: &mut Node, by: u32) {
    if by == 0 {
        return;
    }
    match &mut node.kind {
        NodeKind::Const(_) => {}
        NodeKind::Var(s) => {
            if *s > 0 {
                *s += by;
            }
        }
        NodeKind::Field { base: a, .. }
        | NodeKind::Kind(a)
        | NodeKind::Not(a)
        | NodeKind::Scale(a, _)
        | NodeKind::Neg(a)
        | NodeKind::Is(a, _)
        | NodeKind::InSet { value: a, .. } => shift_slots(a, by),
        NodeKind::And(items) | NodeKind::Or(items) | NodeKind::Call(_, items) => {
            items.iter_mut().for_each(|n| shift_slots(n, by))
        }
        NodeKind::Implies(a, b)
        | NodeKind::Compare(_, a, b)
        | NodeKind::Arith(_, a, b)
        | NodeKind::Coalesce(a, b)
        | NodeKind::InList { value: a, list: b } => {
            shift_slots(a, by);
            shift_slots(b, by);
        }
        NodeKind::Aggregate(agg) => {
            agg.slot += by;
            shift_slots(&mut agg.list, by);
            if let Some(f) = &mut agg.filter {
                shift_slots(f, by);
            }
            if let Some(b) = &mut agg.body {
                shift_slots(b, by);
            }
        }
    }
}

fn unit_words(u: Unit) -> &'static str {
    match u {
        Unit::Plain => "a plain number",
        _ => u.name(2),
    }
}

fn int_const_to_decimal(n: Node) -> Node {
    match n.kind {
        NodeKind::Const(Value::Int(i)) if n.ty == Type::Int(Unit::Plain) => Node {
            kind: NodeKind::Const(Value::Dec(Decimal::from(i))),
            ty: Type::Decimal,
            span: n.span,
        },
        _ => n,
    }
}

/// A yes/no test (`in`, `is`), wrapped in `not` when written negated (`not in`, `is not`).
fn negatable(kind: NodeKind, negated: bool, span: Span) -> Node {
    let test = Node {
        kind,
        ty: Type::Bool,
        span,
    };
    if negated {
        Node {
            kind: NodeKind::Not(Box::new(test)),
            ty: Type::Bool,
            span,
        }
    } else {
        test
    }
}
