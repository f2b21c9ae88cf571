//! Check: parsed files -> one typed, lowered `ir::Program`. Resolves names, types and units,
//! builds the document schema, validates periods in force and rule versions, and lowers tests.
//! Every mistake becomes a Diagnostic with a span; nothing here evaluates a document.

mod expr;
pub use expr::FUNCTION_NAMES;
mod words;

use crate::diag::{closest, Diagnostic, Severity, Sources, Span};
use crate::ir::{
    self, Binder, CaseDef, Conflict, Derive, EnumDef, Field, MessagePart, Meta, Node, NodeKind,
    Period, Program, RecordDef, Routes, Row, Rule, RuleKind, RulebookInfo, Schema, Type, Unit,
    Value, VariantDef, Verification,
};
use crate::syntax::ast::{self, Clause, Ident, Item, SetElem, SeverityLit, TypeExpr};
use crate::vocab::HitPolicy;
use expr::Scope;
use std::collections::HashMap;

/// The result of compiling: a program if there were no errors, and every diagnostic (warnings too).
pub struct Compiled {
    pub program: Option<Program>,
    pub diagnostics: Vec<Diagnostic>,
    /// The program's text in its other language (Welsh), for `ir::set_language`.
    pub translation: ir::Translation,
}

/// Compile a set of rule files into one program.
pub fn compile(sources: Sources) -> Compiled {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for (i, f) in sources.files.iter().enumerate() {
        match crate::syntax::parse_file(i as u32, &f.text) {
            Ok(ast) => files.push(ast),
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        let diagnostics = diags.into_iter().map(|d| sources.locate(d)).collect();
        return Compiled {
            program: None,
            diagnostics,
            translation: ir::Translation::default(),
        };
    }
    let mut c = Checker::default();
    let program = c.program(&sources, &files);
    let has_errors = c.diags.iter().any(Diagnostic::is_error);
    let diagnostics = c.diags.into_iter().map(|d| sources.locate(d)).collect();
    Compiled {
        program: if has_errors { None } else { program },
        diagnostics,
        translation: c.translation,
    }
}

/// The clauses that hold one expression and may appear once in a declaration.
#[derive(Clone, Copy)]
enum ExprClause {
    When,
    Require,
    Value,
    Applies,
}

impl ExprClause {
    fn pick(self, c: &Clause) -> Option<&ast::Expr> {
        match (self, c) {
            (ExprClause::When, Clause::When(e))
            | (ExprClause::Require, Clause::Require(e))
            | (ExprClause::Value, Clause::Value(e))
            | (ExprClause::Applies, Clause::Applies(e)) => Some(e),
            _ => None,
        }
    }

    fn keyword(self) -> &'static str {
        match self {
            ExprClause::When => "when",
            ExprClause::Require => "require",
            ExprClause::Value => "value",
            ExprClause::Applies => "applies when",
        }
    }
}

#[derive(Clone, Copy)]
pub(crate) enum TypeDecl {
    Enum(u32),
    Record(u32),
    Variant(u32),
}

#[derive(Default)]
pub(crate) struct Checker {
    pub(crate) diags: Vec<Diagnostic>,
    pub(crate) schema: Schema,
    pub(crate) types: HashMap<String, TypeDecl>,
    pub(crate) consts: HashMap<String, Node>,
    /// `let` names: the checked expression and the binder slots it uses (1.. up to this).
    pub(crate) lets: HashMap<String, (Node, u32)>,
    pub(crate) sets: HashMap<String, Vec<SetElem>>,
    pub(crate) document_name: String,
    pub(crate) document_type: u32,
    law_date: Option<Node>,
    /// The distinct dates that choose versions, by their path as written (`Program::dates`).
    dates: Vec<(String, Node)>,
    /// The Welsh of the rulebooks' text, as checked (`words.rs`).
    translation: ir::Translation,
}

impl Checker {
    fn err(&mut self, code: &'static str, msg: impl Into<String>, span: Span) {
        self.diags.push(Diagnostic::error(code, msg).at(span));
    }

    fn program(&mut self, sources: &Sources, files: &[ast::File]) -> Option<Program> {
        let rulebooks = self.headers(sources, files);
        self.translation.rulebook_titles = files.iter().map(words::rulebook_title_cy).collect();
        self.declare_types(files);
        self.define_types(files);
        self.list_orders(files);
        self.no_recursive_records(files);
        if !self.document(files) {
            // Without the one document, every path in every rule would be an error too.
            return None;
        }
        self.consts_and_sets(files);
        self.law_date(files);
        self.lets(files);

        let mut rules = Vec::new();
        let mut conflicts = Vec::new();
        let mut routes = Vec::new();
        let mut derives = Vec::new();
        for item in files.iter().flat_map(|f| &f.items) {
            match item {
                Item::Rule(d) => rules.extend(self.rule(d)),
                Item::Conflict(d) => conflicts.extend(self.conflict(d)),
                Item::Routes(d) => routes.extend(self.routes(d)),
                Item::Derive(d) => derives.extend(self.derive(d)),
                _ => {}
            }
        }
        let mut program = Program {
            sources: sources.clone(),
            rulebooks,
            schema: std::mem::take(&mut self.schema),
            document_name: self.document_name.clone(),
            document_type: self.document_type,
            law_date: self.law_date.take(),
            dates: std::mem::take(&mut self.dates)
                .into_iter()
                .map(|(_, n)| n)
                .collect(),
            rules,
            conflicts,
            routes,
            derives,
            examples: Vec::new(),
            tests: Vec::new(),
            lets: let_texts(files),
        };
        self.versions(&program);
        self.verification_stated(&program);
        self.words_stated(sources, files);
        self.schema = program.schema.clone();
        self.examples_and_tests(files, &mut program);
        Some(program)
    }

    fn headers(&mut self, sources: &Sources, files: &[ast::File]) -> Vec<RulebookInfo> {
        let mut out = Vec::new();
        for (i, f) in files.iter().enumerate() {
            let Some(src) = sources.get(i as u32) else {
                continue;
            };
            let headers: Vec<&ast::RulebookHeader> = f
                .items
                .iter()
                .filter_map(|it| {
                    if let Item::Rulebook(h) = it {
                        Some(h)
                    } else {
                        None
                    }
                })
                .collect();
            let sha256 = crate::compiled::sha256(&src.text);
            match headers.as_slice() {
                [h] => out.push(RulebookInfo {
                    name: h.name.name.clone(),
                    version: h
                        .version
                        .as_ref()
                        .map(|v| v.value.clone())
                        .unwrap_or_else(|| "unversioned".into()),
                    title: h
                        .title
                        .as_ref()
                        .map(|v| v.value.clone())
                        .unwrap_or_default(),
                    file: src.name.clone(),
                    sha256,
                }),
                [] => self.diags.push(
                    Diagnostic::error("E0101", format!("{} has no `rulebook` header", src.name))
                        .at(Span::new(i as u32, 0, 0))
                        .hint("start the file with `rulebook <name> version \"0.1.0\"`"),
                ),
                [_, second, ..] => {
                    self.err("E0102", "a file holds one `rulebook` header", second.span)
                }
            }
        }
        out
    }

    fn declare_types(&mut self, files: &[ast::File]) {
        const BUILTIN: [&str; 13] = [
            "bool", "int", "hours", "days", "weeks", "months", "years", "decimal", "money",
            "percent", "date", "time", "string",
        ];
        for item in files.iter().flat_map(|f| &f.items) {
            let (name, decl) = match item {
                Item::Enum(e) => {
                    self.schema.enums.push(EnumDef {
                        name: e.name.name.clone(),
                        values: Vec::new(),
                        words: Vec::new(),
                        words_other: Vec::new(),
                    });
                    (&e.name, TypeDecl::Enum(self.schema.enums.len() as u32 - 1))
                }
                Item::Record(r) => {
                    self.schema.records.push(RecordDef {
                        name: r.name.name.clone(),
                        fields: Vec::new(),
                    });
                    (
                        &r.name,
                        TypeDecl::Record(self.schema.records.len() as u32 - 1),
                    )
                }
                Item::Variant(v) => {
                    self.schema.variants.push(VariantDef {
                        name: v.name.name.clone(),
                        shared: 0,
                        cases: Vec::new(),
                    });
                    (
                        &v.name,
                        TypeDecl::Variant(self.schema.variants.len() as u32 - 1),
                    )
                }
                _ => continue,
            };
            if BUILTIN.contains(&name.name.as_str()) {
                self.err(
                    "E0103",
                    format!(
                        "`{}` is a built-in type and cannot be redeclared",
                        name.name
                    ),
                    name.span,
                );
            } else if self.types.insert(name.name.clone(), decl).is_some() {
                self.err(
                    "E0104",
                    format!("the type `{}` is declared twice", name.name),
                    name.span,
                );
            }
        }
    }

    fn resolve_type(&mut self, t: &TypeExpr) -> Option<Type> {
        match t {
            TypeExpr::List(inner, _) => Some(Type::List(Box::new(self.resolve_type(inner)?))),
            TypeExpr::Optional(inner, span) => {
                let inner = self.resolve_type(inner)?;
                if matches!(inner, Type::Optional(_)) {
                    self.err(
                        "E0105",
                        "`optional optional` is the same as `optional`",
                        *span,
                    );
                }
                Some(Type::Optional(Box::new(inner)))
            }
            TypeExpr::Named(id) => Some(match id.name.as_str() {
                "bool" => Type::Bool,
                "int" => Type::Int(Unit::Plain),
                "hours" => Type::Int(Unit::Hours),
                "days" => Type::Int(Unit::Days),
                "weeks" => Type::Int(Unit::Weeks),
                "months" => Type::Int(Unit::Months),
                "years" => Type::Int(Unit::Years),
                "decimal" => Type::Decimal,
                "money" => Type::Money,
                "percent" => Type::Percent,
                "date" => Type::Date,
                "time" => Type::Time,
                "string" => Type::Str,
                name => match self.types.get(name) {
                    Some(TypeDecl::Enum(e)) => Type::Enum(*e),
                    Some(TypeDecl::Record(r)) => Type::Record(*r),
                    Some(TypeDecl::Variant(v)) => Type::Variant(*v, None),
                    None => {
                        let mut names: Vec<&str> = self.types.keys().map(String::as_str).collect();
                        names.extend([
                            "bool", "int", "hours", "days", "weeks", "months", "years", "decimal",
                            "money", "percent", "date", "time", "string",
                        ]);
                        let mut d = Diagnostic::error("E0106", format!("unknown type `{name}`"))
                            .at(id.span);
                        if let Some(c) = closest(name, names) {
                            d = d.suggest(c);
                        }
                        self.diags.push(d);
                        return None;
                    }
                },
            }),
        }
    }

    fn fields(
        &mut self,
        decls: &[ast::FieldDecl],
        seen: &mut HashMap<String, Span>,
        in_variant: bool,
    ) -> Vec<Field> {
        let mut out = Vec::new();
        for f in decls {
            if let Some(_prev) = seen.insert(f.name.name.clone(), f.name.span) {
                self.err(
                    "E0107",
                    format!("the field `{}` is declared twice", f.name.name),
                    f.name.span,
                );
                continue;
            }
            if in_variant && f.name.name == "kind" {
                self.err(
                    "E0108",
                    "`kind` is reserved: it names the case of a variant in documents",
                    f.name.span,
                );
                continue;
            }
            if let Some(ty) = self.resolve_type(&f.ty) {
                // `optional list of T` is a list that documents may leave out: absent reads as no
                // items, so rules iterate it without unwrapping and old documents still read.
                let (ty, absent_is_empty) = match ty {
                    Type::Optional(inner) if matches!(*inner, Type::List(_)) => (*inner, true),
                    ty => (ty, false),
                };
                let type_name = self.schema.type_name(&ty);
                let role = f
                    .role
                    .and_then(|(role, span)| self.role(role, span, &ty, &out));
                let (words, words_other) = words::schema_words(f.words.as_ref());
                out.push(Field {
                    words,
                    words_other,
                    name: f.name.name.clone(),
                    ty,
                    type_name,
                    role,
                    absent_is_empty,
                    // Set by `list_orders`, once every item type has its fields.
                    ordered_by: None,
                });
            }
        }
        out
    }

    /// A field's timeline role, if its type fits it and no earlier field of the same record or
    /// case has it.
    fn role(
        &mut self,
        role: ast::FieldRole,
        span: Span,
        ty: &Type,
        earlier: &[Field],
    ) -> Option<ast::FieldRole> {
        let inner = match ty {
            Type::Optional(t) => &**t,
            t => t,
        };
        let fits = match role {
            ast::FieldRole::Start => matches!(inner, Type::Date),
            ast::FieldRole::Duration => matches!(
                inner,
                Type::Int(Unit::Days | Unit::Weeks | Unit::Months | Unit::Years)
            ),
        };
        if !fits {
            let want = match role {
                ast::FieldRole::Start => "a `date`",
                ast::FieldRole::Duration => "`days`, `weeks`, `months` or `years`",
            };
            self.err(
                "E0117",
                format!("a field `as {}` must be {want}", role.as_str()),
                span,
            );
            return None;
        }
        if earlier.iter().any(|f| f.role == Some(role)) {
            self.err(
                "E0118",
                format!(
                    "only one field of a record or case may be `as {}`",
                    role.as_str()
                ),
                span,
            );
            return None;
        }
        Some(role)
    }

    /// Resolves every `ordered by` of a list field (records and variant fields alike).
    fn list_orders(&mut self, files: &[ast::File]) {
        let (mut r_i, mut v_i) = (0usize, 0usize);
        for item in files.iter().flat_map(|f| &f.items) {
            let (decls, owner): (Vec<&ast::FieldDecl>, _) = match item {
                Item::Record(r) => {
                    r_i += 1;
                    (r.fields.iter().collect(), (true, r_i - 1))
                }
                Item::Variant(v) => {
                    v_i += 1;
                    let all = v
                        .shared
                        .iter()
                        .chain(v.cases.iter().flat_map(|c| &c.fields));
                    (all.collect(), (false, v_i - 1))
                }
                _ => continue,
            };
            for d in decls.into_iter().filter(|d| d.ordered_by.is_some()) {
                let Some(by) = &d.ordered_by else { continue };
                let ty = self.field_type(owner, &d.name.name);
                let Some(index) = ty.and_then(|ty| self.ordered_by(&ty, by)) else {
                    continue;
                };
                self.set_ordered_by(owner, &d.name.name, index);
            }
        }
    }

    /// The type of a record's or variant's field by name (`owner`: is it a record, its index).
    fn field_type(&self, (record, i): (bool, usize), name: &str) -> Option<Type> {
        let fields: Vec<&Field> = if record {
            self.schema.records.get(i)?.fields.iter().collect()
        } else {
            self.schema
                .variants
                .get(i)?
                .cases
                .iter()
                .flat_map(|c| &c.fields)
                .collect()
        };
        fields
            .into_iter()
            .find(|f| f.name == name)
            .map(|f| f.ty.clone())
    }

    fn set_ordered_by(&mut self, (record, i): (bool, usize), name: &str, index: u32) {
        let fields: Vec<&mut Field> = if record {
            match self.schema.records.get_mut(i) {
                Some(d) => d.fields.iter_mut().collect(),
                None => return,
            }
        } else {
            match self.schema.variants.get_mut(i) {
                Some(d) => d
                    .cases
                    .iter_mut()
                    .flat_map(|c| c.fields.iter_mut())
                    .collect(),
                None => return,
            }
        };
        for f in fields.into_iter().filter(|f| f.name == name) {
            f.ordered_by = Some(index);
        }
    }

    /// The item field that orders a list (`ordered by date`): a required date, time or number
    /// that every item has (for a variant, a shared field).
    fn ordered_by(&mut self, list: &Type, by: &Ident) -> Option<u32> {
        let Type::List(item) = list else {
            self.err("E0109", "`ordered by` applies to a list field", by.span);
            return None;
        };
        let fields: Vec<&Field> = match **item {
            Type::Record(r) => self.schema.record(r).map(|d| d.fields.iter().collect()),
            Type::Variant(v, _) => self.schema.variant(v).map(|d| {
                let shared = d.shared;
                d.cases
                    .first()
                    .map(|c| c.fields.iter().take(shared).collect())
                    .unwrap_or_default()
            }),
            _ => None,
        }
        .unwrap_or_default();
        let found = fields.iter().position(|f| f.name == by.name);
        match found.and_then(|i| fields.get(i).map(|f| (i, &f.ty))) {
            Some((i, Type::Date | Type::Time | Type::Int(_))) => Some(i as u32),
            Some(_) => {
                self.err(
                    "E0109",
                    format!(
                        "`{}` cannot order the items: it must be a required date, time or number",
                        by.name
                    ),
                    by.span,
                );
                None
            }
            None => {
                self.err(
                    "E0109",
                    format!("the items have no field `{}` to be ordered by (for a variant, it must be a field every case shares)", by.name),
                    by.span,
                );
                None
            }
        }
    }

    fn define_types(&mut self, files: &[ast::File]) {
        let (mut e_i, mut r_i, mut v_i) = (0usize, 0usize, 0usize);
        for item in files.iter().flat_map(|f| &f.items) {
            match item {
                Item::Enum(e) => {
                    let mut values: Vec<String> = Vec::new();
                    let (mut shown, mut other) = (Vec::new(), Vec::new());
                    for (v, w) in e.values.iter().zip(&e.words) {
                        if values.contains(&v.name) {
                            self.err(
                                "E0107",
                                format!("the value `{}` is listed twice", v.name),
                                v.span,
                            );
                        } else {
                            values.push(v.name.clone());
                            let (en, cy) = words::schema_words(w.as_ref());
                            shown.push(en);
                            other.push(cy);
                        }
                    }
                    if values.is_empty() {
                        self.err(
                            "E0109",
                            format!("the enum `{}` has no values", e.name.name),
                            e.span,
                        );
                    }
                    if let Some(d) = self.schema.enums.get_mut(e_i) {
                        d.values = values;
                        d.words = shown;
                        d.words_other = other;
                    }
                    e_i += 1;
                }
                Item::Record(r) => {
                    let fields = self.fields(&r.fields, &mut HashMap::new(), false);
                    if let Some(d) = self.schema.records.get_mut(r_i) {
                        d.fields = fields;
                    }
                    r_i += 1;
                }
                Item::Variant(v) => {
                    let mut seen = HashMap::new();
                    let shared = self.fields(&v.shared, &mut seen, true);
                    let mut cases: Vec<CaseDef> = Vec::new();
                    for c in &v.cases {
                        if cases.iter().any(|x| x.name == c.name.name) {
                            self.err(
                                "E0107",
                                format!("the case `{}` is declared twice", c.name.name),
                                c.name.span,
                            );
                            continue;
                        }
                        let mut seen_case = seen.clone();
                        let mut fields = shared.clone();
                        fields.extend(self.fields(&c.fields, &mut seen_case, true));
                        let (words, words_other) = words::schema_words(c.words.as_ref());
                        cases.push(CaseDef {
                            name: c.name.name.clone(),
                            words,
                            words_other,
                            fields,
                        });
                    }
                    if cases.is_empty() {
                        self.err(
                            "E0109",
                            format!("the variant `{}` has no cases", v.name.name),
                            v.span,
                        );
                    }
                    if let Some(d) = self.schema.variants.get_mut(v_i) {
                        d.shared = shared.len();
                        d.cases = cases;
                    }
                    v_i += 1;
                }
                _ => {}
            }
        }
    }

    /// Finds the one document declaration; false when there is none or more than one.
    /// A record that requires itself (directly or through other records) can never be written
    /// down; `optional` and `list of` break the loop.
    fn no_recursive_records(&mut self, files: &[ast::File]) {
        let mut edges: HashMap<&str, Vec<(&str, Span)>> = HashMap::new();
        for item in files.iter().flat_map(|f| &f.items) {
            if let Item::Record(r) = item {
                let required = r.fields.iter().filter_map(|f| match &f.ty {
                    TypeExpr::Named(t)
                        if matches!(self.types.get(&t.name), Some(TypeDecl::Record(_))) =>
                    {
                        Some((t.name.as_str(), t.span))
                    }
                    _ => None,
                });
                edges
                    .entry(r.name.name.as_str())
                    .or_default()
                    .extend(required);
            }
        }
        let mut names: Vec<&str> = edges.keys().copied().collect();
        names.sort_unstable();
        for start in names {
            // Depth-first, with an explicit stack: is `start` reachable from itself?
            let mut seen: Vec<&str> = Vec::new();
            let mut stack: Vec<(&str, Option<Span>)> = edges
                .get(start)
                .into_iter()
                .flatten()
                .map(|(t, s)| (*t, Some(*s)))
                .collect();
            while let Some((name, first_edge)) = stack.pop() {
                if name == start {
                    if let Some(span) = first_edge {
                        self.diags.push(
                            Diagnostic::error(
                                "E0116",
                                format!("the record `{start}` contains itself through required fields, so no document can hold one"),
                            )
                            .at(span)
                            .hint(format!("make the field `optional {name}` or a `list of {name}`")),
                        );
                    }
                    break;
                }
                if seen.contains(&name) {
                    continue;
                }
                seen.push(name);
                stack.extend(
                    edges
                        .get(name)
                        .into_iter()
                        .flatten()
                        .map(|(t, _)| (*t, first_edge)),
                );
            }
        }
    }

    fn document(&mut self, files: &[ast::File]) -> bool {
        let docs: Vec<(&Ident, &Ident, Span)> = files
            .iter()
            .flat_map(|f| &f.items)
            .filter_map(|it| match it {
                Item::Document { name, ty, span } => Some((name, ty, *span)),
                _ => None,
            })
            .collect();
        let Some(((name, ty, _), rest)) = docs.split_first() else {
            self.diags.push(
                Diagnostic::error(
                    "E0110",
                    "no `document` declaration: the rulebook must say what it judges",
                )
                .at(Span::new(0, 0, 0))
                .hint("add e.g. `document order: Order`"),
            );
            return false;
        };
        for (_, _, span) in rest {
            self.diags.push(
                Diagnostic::error(
                    "E0111",
                    "a second `document` declaration: one program judges one kind of document",
                )
                .at(*span)
                .hint("check each rulebook on its own"),
            );
        }
        self.document_name = name.name.clone();
        match self.types.get(&ty.name) {
            Some(TypeDecl::Record(r)) => self.document_type = *r,
            _ => {
                let msg = format!(
                    "the document must be a record type, and `{}` is not one",
                    ty.name
                );
                self.err("E0112", msg, ty.span);
                return false;
            }
        }
        rest.is_empty()
    }

    fn consts_and_sets(&mut self, files: &[ast::File]) {
        for item in files.iter().flat_map(|f| &f.items) {
            match item {
                Item::Const { name, value, .. } => {
                    if let Ok(n) = self.literal(value) {
                        if self.consts.insert(name.name.clone(), n).is_some()
                            || self.sets.contains_key(&name.name)
                        {
                            self.err(
                                "E0113",
                                format!("`{}` is defined twice", name.name),
                                name.span,
                            );
                        }
                    }
                }
                Item::Set { name, elems, .. }
                    if self.sets.insert(name.name.clone(), elems.clone()).is_some()
                        || self.consts.contains_key(&name.name) =>
                {
                    self.err(
                        "E0113",
                        format!("`{}` is defined twice", name.name),
                        name.span,
                    );
                }
                _ => {}
            }
        }
    }

    /// `let` declarations in the order written: each may use the ones before it.
    fn lets(&mut self, files: &[ast::File]) {
        for item in files.iter().flat_map(|f| &f.items) {
            let Item::Let { name, value, .. } = item else {
                continue;
            };
            if self.consts.contains_key(&name.name)
                || self.sets.contains_key(&name.name)
                || self.lets.contains_key(&name.name)
                || name.name == self.document_name
            {
                self.err(
                    "E0113",
                    format!("`{}` is defined twice", name.name),
                    name.span,
                );
                continue;
            }
            let mut scope = Scope::new();
            if let Ok(node) = self.value(value, &mut scope) {
                self.lets
                    .insert(name.name.clone(), (node, scope.max_slots.saturating_sub(1)));
            }
        }
    }

    fn law_date(&mut self, files: &[ast::File]) {
        let mut seen = false;
        for item in files.iter().flat_map(|f| &f.items) {
            if let Item::LawDate { path, span } = item {
                if seen {
                    self.err("E0114", "`law date` is declared twice", *span);
                    continue;
                }
                seen = true;
                self.law_date = self.date_path(path);
            }
        }
    }

    /// A path to a date in the document (not inside a list): chooses the law in force.
    fn date_path(&mut self, path: &ast::Expr) -> Option<Node> {
        let mut scope = Scope::new();
        let n = self.value(path, &mut scope).ok()?;
        if n.ty != Type::Date {
            let t = self.schema.type_name(&n.ty);
            self.diags.push(
                Diagnostic::error(
                    "E0115",
                    format!("the law date must be a date that is always present, but this is {t}"),
                )
                .at(n.span)
                .hint("use a required date field such as `order.conviction_date`"),
            );
            return None;
        }
        Some(n)
    }

    /// The clauses every declaration shares, checked for repeats; returns the words and period.
    fn meta(
        &mut self,
        d: &ast::RuleDecl,
        kind: RuleKind,
        needs_message: bool,
    ) -> Option<(Meta, Option<Node>)> {
        let mut title = None;
        let mut cite = None;
        let mut explain = None;
        let mut severity = None;
        let mut verification: Option<Verification> = None;
        let mut in_force: Option<&ast::InForce> = None;
        let mut message = false;
        for c in &d.clauses {
            let (slot_name, span, dup) = match c {
                Clause::Title(s) => ("title", s.span, title.replace(s.value.clone()).is_some()),
                Clause::Cite(s) => ("cite", s.span, cite.replace(s.value.clone()).is_some()),
                Clause::Explain(s) => (
                    "explain",
                    s.span,
                    explain.replace(s.value.clone()).is_some(),
                ),
                Clause::Severity(l, span) => ("severity", *span, severity.replace(*l).is_some()),
                Clause::Verified(s) | Clause::Unverified(s) => {
                    let status = Verification {
                        verified: matches!(c, Clause::Verified(_)),
                        note: s.value.clone(),
                    };
                    (
                        "verified` or `unverified",
                        s.span,
                        verification.replace(status).is_some(),
                    )
                }
                Clause::InForce(f) => ("in force", f.span, in_force.replace(f).is_some()),
                Clause::Message(m) => ("message", m.span, std::mem::replace(&mut message, true)),
                _ => continue,
            };
            if dup {
                self.err(
                    "E0120",
                    format!("`{slot_name}` is given twice in `{}`", d.id.name),
                    span,
                );
            }
        }
        let what = kind.noun();
        let mut missing = |clause: &str, why: &str| {
            self.diags.push(
                Diagnostic::error(
                    "E0121",
                    format!("the {what} `{}` has no `{clause}`", d.id.name),
                )
                .at(d.id.span)
                .note(why.to_string()),
            );
        };
        if title.is_none() {
            missing("title", "every declaration has a title a clerk understands");
        }
        if cite.is_none() {
            missing(
                "cite",
                "every declaration cites its source: a statute section or a policy paper",
            );
        }
        if needs_message && !message {
            missing(
                "message",
                "a finding needs a message that says what is wrong",
            );
        }
        if explain.is_none() {
            self.diags.push(
                Diagnostic::warning(
                    "W0122",
                    format!("the {what} `{}` has no `explain`", d.id.name),
                )
                .at(d.id.span)
                .note("the public explainer shows a plain-English explanation of every rule"),
            );
        }
        let mut period = Period::default();
        let mut by = None;
        let mut item_by: Option<&ast::Expr> = None;
        if let Some(f) = in_force {
            if let Some(from) = &f.from {
                period.from = self.date(&from.text, from.span).ok();
            }
            if let Some(until) = &f.until {
                period.until = self.date(&until.text, until.span).ok();
            }
            if let (Some(a), Some(b)) = (period.from, period.until) {
                if a > b {
                    self.err(
                        "E0123",
                        format!("this period in force ends ({b}) before it starts ({a})"),
                        f.span,
                    );
                }
            }
            by = match &f.by {
                // `by e.date` with `e` bound by `for each`: chosen per item (see `rule`).
                Some(p) if item_date(d).is_some() => {
                    item_by = Some(p);
                    None
                }
                Some(p) => self.date_path(p),
                None => None,
            };
        }
        let bounded = period.from.is_some() || period.until.is_some();
        if by.is_none() && bounded && item_by.is_none() {
            by = self.law_date.clone();
            if by.is_none() {
                self.diags.push(
                    Diagnostic::error(
                        "E0124",
                        format!(
                            "`{}` has a period in force but no date to choose it by",
                            d.id.name
                        ),
                    )
                    .at(in_force.map_or(d.id.span, |f| f.span))
                    .hint("add `by order.<date field>` or declare `law date ...` for the rulebook"),
                );
            }
        }
        let meta = Meta {
            id: d.id.name.clone(),
            kind,
            title: title.unwrap_or_default(),
            cite: cite.unwrap_or_default(),
            explain: explain.unwrap_or_default(),
            severity: match severity {
                Some(SeverityLit::Unsettled) => Severity::Unsettled,
                Some(SeverityLit::Warning) => Severity::Warning,
                Some(SeverityLit::Info) => Severity::Info,
                _ => Severity::Error,
            },
            verification,
            in_force: period,
            by: String::new(),
            date: None,
            span: d.id.span,
            source: d.span,
        };
        let by_label = match (&by, item_by) {
            (Some(n), _) => self.path_label(n),
            (None, Some(e)) => path_text(e),
            (None, None) => String::new(),
        };
        let by = if bounded { by } else { None };
        // Versions chosen by the same date share one entry, read once per check.
        let date = by.as_ref().map(|n| {
            match self.dates.iter().position(|(label, _)| *label == by_label) {
                Some(i) => i as u32,
                None => {
                    self.dates.push((by_label.clone(), n.clone()));
                    (self.dates.len() - 1) as u32
                }
            }
        });
        Some((
            Meta {
                by: by_label,
                date,
                ..meta
            },
            by,
        ))
    }

    /// The tests `from <= e.date <= until` for a version chosen by a bound item's own date
    /// (`in force from A until B by e.date`): none when the period is unbounded.
    fn item_period(
        &mut self,
        e: &ast::Expr,
        clause: Span,
        period: &Period,
        scope: &mut Scope,
    ) -> Option<Vec<Node>> {
        let date = self.value(e, scope).ok()?;
        if date.ty != Type::Date {
            let t = self.schema.type_name(&date.ty);
            self.diags.push(
                Diagnostic::error(
                    "E0115",
                    format!("the date that chooses the law must be a date that is always present, but this is {t}"),
                )
                .at(date.span)
                .hint("use a required date field of the item, such as `e.date`"),
            );
            return None;
        }
        let bound = |cmp: crate::ir::Cmp, day: chrono::NaiveDate| Node {
            kind: NodeKind::Compare(
                cmp,
                Box::new(date.clone()),
                Box::new(Node {
                    kind: NodeKind::Const(Value::Date(day)),
                    ty: Type::Date,
                    span: date.span,
                }),
            ),
            ty: Type::Bool,
            // The whole `in force ... by e.date` clause, so an explanation quotes the law's period.
            span: clause,
        };
        let mut tests = Vec::new();
        tests.extend(period.from.map(|day| bound(crate::ir::Cmp::Ge, day)));
        tests.extend(period.until.map(|day| bound(crate::ir::Cmp::Le, day)));
        Some(tests)
    }

    fn path_label(&self, n: &Node) -> String {
        match &n.kind {
            NodeKind::Var(0) => self.document_name.clone(),
            NodeKind::Field { base, name, .. } => format!("{}.{}", self.path_label(base), name),
            _ => String::new(),
        }
    }

    fn message(&mut self, d: &ast::RuleDecl, scope: &mut Scope) -> Vec<MessagePart> {
        let mut out = Vec::new();
        for c in &d.clauses {
            if let Clause::Message(m) = c {
                for p in &m.parts {
                    match p {
                        ast::MessagePart::Text(t) => out.push(MessagePart::Text(t.clone())),
                        ast::MessagePart::Hole(e) => {
                            if let Ok(n) = self.value(e, scope) {
                                out.push(MessagePart::Hole(n));
                            }
                        }
                    }
                }
                break;
            }
        }
        out
    }

    /// The one expression of a clause that may appear once (`when`, `require`, `value`, ...).
    fn single_expr<'a>(
        &mut self,
        d: &'a ast::RuleDecl,
        which: ExprClause,
    ) -> Option<&'a ast::Expr> {
        let mut found: Option<&ast::Expr> = None;
        for e in d.clauses.iter().filter_map(|c| which.pick(c)) {
            if found.is_some() {
                let msg = format!("`{}` is given twice in `{}`", which.keyword(), d.id.name);
                self.diags.push(
                    Diagnostic::error("E0120", msg)
                        .at(e.span)
                        .hint("join the conditions with `and`"),
                );
            } else {
                found = Some(e);
            }
        }
        found
    }

    /// An optional condition clause, checked: `Err` when it is there but does not check.
    fn optional_condition(
        &mut self,
        d: &ast::RuleDecl,
        which: ExprClause,
        scope: &mut Scope,
    ) -> Result<Option<Node>, ()> {
        match self.single_expr(d, which) {
            Some(e) => self.condition(e, scope).map(Some),
            None => Ok(None),
        }
    }

    fn rule(&mut self, d: &ast::RuleDecl) -> Option<Rule> {
        let (meta, by) = self.meta(d, RuleKind::Rule, true)?;
        let mut scope = Scope::new();
        let mut binders = Vec::new();
        let mut ok = true;
        for c in &d.clauses {
            if let Clause::ForEach(b) = c {
                match self.value(&b.list, &mut scope).and_then(|list| {
                    let (ty, case) = self.binder_type(b.kind.as_ref(), &list)?;
                    Ok((list, ty, case))
                }) {
                    Ok((list, ty, case)) if self.check_binder_name(&b.name, &scope).is_ok() => {
                        let slot = scope.bind(&b.name.name, ty);
                        binders.push(Binder {
                            slot,
                            name: b.name.name.clone(),
                            list,
                            case,
                        });
                    }
                    _ => ok = false,
                }
            }
        }
        if !ok {
            // The bindings did not check: everything that uses them would only repeat the error.
            return None;
        }
        let item_period = match item_date(d) {
            Some((e, clause)) => Some(self.item_period(e, clause, &meta.in_force, &mut scope)?),
            None => None,
        };
        let when = self.single_expr(d, ExprClause::When);
        let require = self.single_expr(d, ExprClause::Require);
        if when.is_none() && require.is_none() {
            self.diags.push(
                Diagnostic::error("E0125", format!("the rule `{}` has neither `require` nor `when`", d.id.name))
                    .at(d.id.span)
                    .note("`require C` finds documents where C is false; `when C` alone finds documents where C is true"),
            );
            return None;
        }
        let when = when.and_then(|e| self.condition(e, &mut scope).map_err(|()| ok = false).ok());
        let require =
            require.and_then(|e| self.condition(e, &mut scope).map_err(|()| ok = false).ok());
        let message = self.message(d, &mut scope);
        self.decl_welsh(d, meta.span, Some(&mut scope));
        // A version chosen by an item's own date applies to the items whose date lies in its
        // period: the period becomes the first test of `when`, so every evaluator (decide, plan,
        // generated code), the analysis and the explorer read it as an ordinary condition.
        let when = match (item_period, when) {
            (Some(mut period), Some(w)) if !period.is_empty() => {
                let span = w.span;
                period.push(w);
                Some(Node {
                    kind: NodeKind::And(period),
                    ty: Type::Bool,
                    span,
                })
            }
            (Some(period), None) if !period.is_empty() => {
                let span = period.first().map_or(meta.span, |n| n.span);
                Some(if period.len() == 1 {
                    period.into_iter().next()?
                } else {
                    Node {
                        kind: NodeKind::And(period),
                        ty: Type::Bool,
                        span,
                    }
                })
            }
            (_, when) => when,
        };
        ok.then_some(Rule {
            meta,
            by,
            binders,
            when,
            require,
            message,
            slots: scope.max_slots,
        })
    }

    fn conflict(&mut self, d: &ast::RuleDecl) -> Option<Conflict> {
        let (meta, by) = self.meta(d, RuleKind::Conflict, true)?;
        let Some(between) = d.clauses.iter().find_map(|c| {
            if let Clause::Between(b) = c {
                Some(b)
            } else {
                None
            }
        }) else {
            self.err(
                "E0126",
                format!(
                    "the conflict `{}` has no `between A and B in list`",
                    d.id.name
                ),
                d.id.span,
            );
            return None;
        };
        let mut scope = Scope::new();
        let list = self.value(&between.list, &mut scope).ok()?;
        let (_, left_case) = self.binder_type(Some(&between.left.kind), &list).ok()?;
        let (_, right_case) = self.binder_type(Some(&between.right.kind), &list).ok()?;
        let Type::List(elem) = &list.ty else {
            return None;
        };
        let Type::Variant(vid, _) = **elem else {
            return None;
        };
        let name_of = |s: &ast::ConflictSide, default: &str| {
            s.name
                .as_ref()
                .map_or(default.to_string(), |n| n.name.clone())
        };
        let (ln, rn) = (name_of(&between.left, "a"), name_of(&between.right, "b"));
        if ln == rn {
            self.err(
                "E0127",
                "the two sides of a conflict need different names",
                between.span,
            );
            return None;
        }
        for side in [&between.left, &between.right] {
            if let Some(name) = &side.name {
                self.check_binder_name(name, &scope).ok()?;
            }
        }
        let ls = scope.bind(&ln, Type::Variant(vid, left_case));
        let rs = scope.bind(&rn, Type::Variant(vid, right_case));
        let when = self
            .optional_condition(d, ExprClause::When, &mut scope)
            .ok()?;
        let message = self.message(d, &mut scope);
        self.decl_welsh(d, meta.span, Some(&mut scope));
        Some(Conflict {
            meta,
            by,
            list,
            left: (
                ls,
                left_case.map_or(String::new(), |c| self.case_name(vid, c)),
            ),
            right: (
                rs,
                right_case.map_or(String::new(), |c| self.case_name(vid, c)),
            ),
            when,
            message,
            slots: scope.max_slots,
        })
    }

    fn case_name(&self, vid: u32, case: u32) -> String {
        self.schema
            .variant(vid)
            .and_then(|v| v.cases.get(case as usize))
            .map_or(String::new(), |c| c.name.clone())
    }

    fn routes(&mut self, d: &ast::RuleDecl) -> Option<Routes> {
        let (meta, by) = self.meta(d, RuleKind::Routes, false)?;
        let decides = d.clauses.iter().find_map(|c| {
            if let Clause::Decides(i) = c {
                Some(i)
            } else {
                None
            }
        });
        let policy = d.clauses.iter().find_map(|c| {
            if let Clause::HitPolicy(p, _) = c {
                Some(*p)
            } else {
                None
            }
        });
        let Some(decides) = decides else {
            self.diags.push(
                Diagnostic::error(
                    "E0128",
                    format!(
                        "the routes table `{}` does not say what it `decides`",
                        d.id.name
                    ),
                )
                .at(d.id.span)
                .hint("add `decides <EnumName>`"),
            );
            return None;
        };
        // `decides int`: rows give whole numbers (for `collect sum`, `collect max`, ...).
        let numeric = decides.name == "int";
        let output = match self.types.get(&decides.name).copied() {
            Some(TypeDecl::Enum(e)) => e,
            _ if numeric => crate::ir::NO_ENUM,
            _ => {
                self.err(
                    "E0128",
                    format!(
                        "a routes table decides an enum or `int`, and `{}` is neither",
                        decides.name
                    ),
                    decides.span,
                );
                return None;
            }
        };
        let Some(policy) = policy else {
            self.diags.push(
                Diagnostic::error(
                    "E0129",
                    format!("the routes table `{}` has no `hit policy`", d.id.name),
                )
                .at(d.id.span)
                .note("say what happens when several rows match: unique, any, first, priority, collect, rule order or output order")
                .hint("add `hit policy unique`"),
            );
            return None;
        };
        if policy == HitPolicy::CollectSum && !numeric {
            // Outputs are enum values: there is nothing to add up.
            let span = d.clauses.iter().find_map(|c| match c {
                Clause::HitPolicy(_, s) => Some(*s),
                _ => None,
            });
            self.diags.push(
                Diagnostic::error(
                    "E0157",
                    format!(
                        "`collect sum` adds the outputs of the rows that match, and `{}` decides `{}`, an enum",
                        d.id.name, decides.name
                    ),
                )
                .at(span.unwrap_or(d.id.span))
                .hint("decide `int` with a number on each row, or use `collect count`, `collect min`, `collect max`, `collect`, `rule order` or `output order`"),
            );
            return None;
        }
        let mut rows = Vec::new();
        let mut ok = true;
        // Rows may bind (aggregates, `let`s that hold them): the table needs the most any uses.
        let mut slots = 1;
        for c in &d.clauses {
            if let Clause::Row(r) = c {
                let mut scope = Scope::new();
                let cond = self.condition(&r.condition, &mut scope);
                slots = slots.max(scope.max_slots);
                let out = if numeric {
                    self.row_number(&r.output)
                } else {
                    self.symbol_in(&r.output, output)
                };
                match (cond, out) {
                    (Ok(condition), Some(output)) => rows.push(Row {
                        condition,
                        output,
                        cite: r.cite.as_ref().map(|s| s.value.clone()),
                        span: r.span,
                    }),
                    _ => ok = false,
                }
            }
        }
        if rows.is_empty() && ok {
            self.err(
                "E0130",
                format!("the routes table `{}` has no rows", d.id.name),
                d.id.span,
            );
            return None;
        }
        let mut applies_scope = Scope::new();
        let applies = self
            .optional_condition(d, ExprClause::Applies, &mut applies_scope)
            .ok()?;
        self.decl_welsh(d, meta.span, None);
        // A numeric table's outputs, highest first; each row's number becomes its index.
        let mut numbers: Vec<i64> = Vec::new();
        if numeric {
            numbers = rows.iter().map(|r| i64::from(r.output)).collect();
            numbers.sort_unstable_by(|a, b| b.cmp(a));
            numbers.dedup();
            for r in &mut rows {
                let n = i64::from(r.output);
                r.output = numbers.iter().position(|m| *m == n).unwrap_or(0) as u32;
            }
        }
        ok.then_some(Routes {
            meta,
            by,
            applies,
            policy,
            output,
            numbers,
            rows,
            slots: slots.max(applies_scope.max_slots),
        })
    }

    /// A whole number written as a row's output in a table that `decides int` (0 to 4294967295;
    /// the row keeps it until the table's outputs are numbered).
    fn row_number(&mut self, written: &Ident) -> Option<u32> {
        let n = written.name.parse::<u32>().ok();
        if n.is_none() {
            self.err(
                "E0128",
                format!(
                    "this table decides `int`: each row gives a whole number (0 to {}), not `{}`",
                    u32::MAX,
                    written.name
                ),
                written.span,
            );
        }
        n
    }

    /// An enum value named in a declaration (route output, expected route).
    fn symbol_in(&mut self, id: &Ident, e: u32) -> Option<u32> {
        let def = self.schema.enum_def(e)?;
        if let Some(i) = def.values.iter().position(|v| *v == id.name) {
            return Some(i as u32);
        }
        let mut d = Diagnostic::error(
            "E0205",
            format!("`{}` is not a value of enum {}", id.name, def.name),
        )
        .at(id.span)
        .note(format!("its values are: {}", def.values.join(", ")));
        if let Some(c) = closest(&id.name, def.values.iter().map(String::as_str)) {
            d = d.suggest(c);
        }
        self.diags.push(d);
        None
    }

    fn derive(&mut self, d: &ast::RuleDecl) -> Option<Derive> {
        let (meta, by) = self.meta(d, RuleKind::Derive, false)?;
        let mut scope = Scope::new();
        let value = self.single_expr(d, ExprClause::Value);
        let Some(value) = value else {
            self.err(
                "E0131",
                format!("the derived value `{}` has no `value`", d.id.name),
                d.id.span,
            );
            return None;
        };
        let when = self
            .optional_condition(d, ExprClause::When, &mut scope)
            .ok()?;
        let value = self.value(value, &mut scope).ok()?;
        self.decl_welsh(d, meta.span, None);
        Some(Derive {
            meta,
            by,
            when,
            value,
            slots: scope.max_slots,
        })
    }

    /// Once a program records how any declaration's law was checked (`verified` / `unverified`),
    /// every declaration version must: one left silent would read as checked when it was not.
    fn verification_stated(&mut self, p: &Program) {
        if !p.metas().any(|m| m.verification.is_some()) {
            return;
        }
        for m in p.metas().filter(|m| m.verification.is_none()) {
            let what = m.kind.noun();
            self.diags.push(
                Diagnostic::warning(
                    "W0125",
                    format!("the {what} `{}` does not say how its law was checked", m.id),
                )
                .at(m.span)
                .note("other declarations of this program do")
                .hint("add `verified \"<source read, address and version date>\"` or `unverified \"<why>\"`"),
            );
        }
    }

    /// One id may have several versions of one kind, with periods that do not overlap.
    fn versions(&mut self, p: &Program) {
        let mut by_id: HashMap<&str, Vec<&Meta>> = HashMap::new();
        for m in p.metas() {
            by_id.entry(m.id.as_str()).or_default().push(m);
        }
        let mut ids: Vec<_> = by_id.into_iter().collect();
        ids.sort_by_key(|(_, ms)| ms.first().map(|m| (m.span.file, m.span.start)));
        for (id, metas) in ids {
            for (i, m) in metas.iter().enumerate() {
                for earlier in metas.iter().take(i) {
                    if earlier.kind != m.kind {
                        self.diags.push(
                            Diagnostic::error(
                                "E0140",
                                format!("the id `{id}` is used by two different declarations"),
                            )
                            .at(m.span)
                            .note("rule, conflict, routes and derive ids share one namespace"),
                        );
                    } else if earlier.by != m.by {
                        // Periods chosen by different dates cannot be compared: two versions could
                        // both be in force for one document.
                        let msg = format!(
                            "versions of `{id}` are chosen by different dates (`{}` and `{}`)",
                            earlier.by, m.by
                        );
                        self.diags.push(
                            Diagnostic::error("E0142", msg)
                                .at(m.span)
                                .hint("give every version of one rule the same `by` date"),
                        );
                    } else if earlier.in_force.overlaps(&m.in_force) {
                        let first_at = p
                            .sources
                            .position(earlier.span.file, earlier.span.start)
                            .map_or(String::new(), |at| {
                                format!("{}:{}:{}", at.file_name, at.line, at.column)
                            });
                        self.diags.push(
                            Diagnostic::error("E0141", format!("`{id}` is declared twice for periods in force that overlap"))
                                .at(m.span)
                                .note(format!("the other version is at {first_at}"))
                                .hint("versions of one rule need `in force from .. until ..` periods that do not overlap"),
                        );
                    }
                }
            }
        }
    }

    fn examples_and_tests(&mut self, files: &[ast::File], program: &mut Program) {
        let mut examples: HashMap<String, serde_json::Value> = HashMap::new();
        for item in files.iter().flat_map(|f| &f.items) {
            if let Item::Example { name, value, .. } = item {
                if examples
                    .insert(name.name.clone(), value.value.clone())
                    .is_some()
                {
                    self.err(
                        "E0150",
                        format!("the example `{}` is defined twice", name.name),
                        name.span,
                    );
                }
                program.examples.push(ir::Example {
                    name: name.name.clone(),
                    value: value.value.clone(),
                });
            }
        }
        let declared: Vec<(String, RuleKind)> = files
            .iter()
            .flat_map(|f| &f.items)
            .filter_map(|it| match it {
                Item::Rule(d) => Some((d.id.name.clone(), RuleKind::Rule)),
                Item::Conflict(d) => Some((d.id.name.clone(), RuleKind::Conflict)),
                Item::Routes(d) => Some((d.id.name.clone(), RuleKind::Routes)),
                Item::Derive(d) => Some((d.id.name.clone(), RuleKind::Derive)),
                _ => None,
            })
            .collect();
        let mut names: HashMap<String, Span> = HashMap::new();
        for item in files.iter().flat_map(|f| &f.items) {
            let Item::Test(t) = item else { continue };
            if names.insert(t.name.value.clone(), t.name.span).is_some() {
                self.err(
                    "E0151",
                    format!("two tests are named \"{}\"", t.name.value),
                    t.name.span,
                );
            }
            let mut document = match &t.given.example {
                Some(ex) => match examples.get(&ex.name) {
                    Some(v) => v.clone(),
                    None => {
                        let mut d =
                            Diagnostic::error("E0152", format!("unknown example `{}`", ex.name))
                                .at(ex.span);
                        if let Some(c) = closest(&ex.name, examples.keys().map(String::as_str)) {
                            d = d.suggest(c);
                        }
                        self.diags.push(d);
                        continue;
                    }
                },
                None => serde_json::Value::Null,
            };
            if let Some(patch) = &t.given.patch {
                merge_patch(&mut document, &patch.value);
            }
            let mut expects = Vec::new();
            for e in &t.expects {
                if let Some(x) = self.expectation(e, program, &declared) {
                    expects.push(x);
                }
            }
            if t.expects.is_empty() {
                self.err(
                    "E0153",
                    format!("the test \"{}\" expects nothing", t.name.value),
                    t.name.span,
                );
            }
            program.tests.push(ir::Test {
                name: t.name.value.clone(),
                document,
                expects,
                span: t.span,
            });
        }
    }

    fn expectation(
        &mut self,
        e: &ast::Expect,
        p: &Program,
        declared: &[(String, RuleKind)],
    ) -> Option<(ir::Expect, Span)> {
        // Ids come from the declarations as written, so a rule with a type error elsewhere
        // does not make every test that names it fail too.
        let known = |id: &str, kind: Option<RuleKind>| {
            declared
                .iter()
                .any(|(d, k)| d == id && kind.is_none_or(|want| *k == want))
        };
        let unknown = |c: &mut Checker, id: &Ident, what: &str, kind: Option<RuleKind>| {
            let ids: Vec<&str> = declared
                .iter()
                .filter(|(_, k)| kind.is_none_or(|want| *k == want))
                .map(|(d, _)| d.as_str())
                .collect();
            let mut d = Diagnostic::error("E0154", format!("no {what} has the id `{}`", id.name))
                .at(id.span);
            if let Some(cand) = closest(&id.name, ids) {
                d = d.suggest(cand);
            }
            c.diags.push(d);
        };
        Some(match e {
            ast::Expect::NoFindings(span) => (ir::Expect::NoFindings, *span),
            ast::Expect::NoFinding(id) | ast::Expect::Finding { rule: id, .. } => {
                let base = id.name.split('/').next().unwrap_or("");
                if !declared
                    .iter()
                    .any(|(d, k)| d == base && *k != RuleKind::Derive)
                {
                    unknown(self, id, "rule or conflict", None);
                    return None;
                }
                match e {
                    ast::Expect::Finding { at, .. } => (
                        ir::Expect::Finding {
                            rule: id.name.clone(),
                            at: at.as_ref().map(|s| s.value.clone()),
                        },
                        id.span,
                    ),
                    _ => (ir::Expect::NoFinding(id.name.clone()), id.span),
                }
            }
            ast::Expect::NoValue(id) => {
                if !known(&id.name, Some(RuleKind::Derive)) {
                    unknown(self, id, "derived value", Some(RuleKind::Derive));
                    return None;
                }
                (ir::Expect::NoValue(id.name.clone()), id.span)
            }
            ast::Expect::NoRoute(id) => {
                if !known(&id.name, Some(RuleKind::Routes)) {
                    unknown(self, id, "routes table", Some(RuleKind::Routes));
                    return None;
                }
                (ir::Expect::NoRoute(id.name.clone()), id.span)
            }
            ast::Expect::Route { table, output } => {
                if !known(&table.name, Some(RuleKind::Routes)) {
                    unknown(self, table, "routes table", Some(RuleKind::Routes));
                    return None;
                }
                let r = p.routes.iter().find(|r| r.meta.id == table.name)?;
                if r.policy == HitPolicy::CollectCount || !r.numbers.is_empty() {
                    // The answer is a number of rows.
                    if output.name.parse::<u32>().is_err() {
                        self.err(
                            "E0154",
                            format!(
                                "`{}` answers with a number: expect a whole number, not `{}`",
                                table.name, output.name
                            ),
                            output.span,
                        );
                        return None;
                    }
                } else {
                    self.symbol_in(output, r.output)?;
                }
                (
                    ir::Expect::Route {
                        table: table.name.clone(),
                        output: output.name.clone(),
                    },
                    table.span,
                )
            }
            ast::Expect::Value { derive, value } => {
                if !known(&derive.name, Some(RuleKind::Derive)) {
                    unknown(self, derive, "derived value", Some(RuleKind::Derive));
                    return None;
                }
                let d = p.derives.iter().find(|d| d.meta.id == derive.name)?;
                let want = match &d.value.ty {
                    Type::Optional(t) => (**t).clone(),
                    t => t.clone(),
                };
                let node = match value {
                    SetElem::Literal(l) => self.literal(l).ok()?,
                    SetElem::Symbol(s) => match want {
                        Type::Enum(e) => {
                            let i = self.symbol_in(s, e)?;
                            Node {
                                kind: NodeKind::Const(Value::Enum(i)),
                                ty: want.clone(),
                                span: s.span,
                            }
                        }
                        _ => {
                            self.err(
                                "E0155",
                                format!(
                                    "`{}` is not a value of type {}",
                                    s.name,
                                    self.schema.type_name(&want)
                                ),
                                s.span,
                            );
                            return None;
                        }
                    },
                };
                let node = match (&node.ty, &want) {
                    (Type::Int(a), Type::Int(b))
                        if a != b && a.dimension().0 == b.dimension().0 =>
                    {
                        let (NodeKind::Const(Value::Int(n)), (_, fa), (_, fb)) =
                            (&node.kind, a.dimension(), b.dimension())
                        else {
                            return None;
                        };
                        if (n * fa) % fb != 0 {
                            self.err(
                                "E0155",
                                format!(
                                    "the value is in {}, not a whole number of {}",
                                    a.name(2),
                                    b.name(2)
                                ),
                                node.span,
                            );
                            return None;
                        }
                        Node {
                            kind: NodeKind::Const(Value::Int(n * fa / fb)),
                            ty: want.clone(),
                            span: node.span,
                        }
                    }
                    _ => node,
                };
                if node.ty != want {
                    self.err(
                        "E0155",
                        format!(
                            "`{}` is {}, but this value is {}",
                            derive.name,
                            self.schema.type_name(&want),
                            self.schema.type_name(&node.ty)
                        ),
                        node.span,
                    );
                    return None;
                }
                let NodeKind::Const(v) = node.kind else {
                    return None;
                };
                (
                    ir::Expect::Value {
                        derive: derive.name.clone(),
                        value: v,
                    },
                    derive.span,
                )
            }
        })
    }
}

/// RFC 7386 JSON merge patch: objects merge member by member, `null` removes, anything else replaces.
pub fn merge_patch(target: &mut serde_json::Value, patch: &serde_json::Value) {
    use serde_json::Value;
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(t) = target {
        for (k, v) in p {
            if v.is_null() {
                t.remove(k);
            } else {
                merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}

/// Every `let` of the files as written, in order, for the program's record of them
/// (`Program::lets`).
fn let_texts(files: &[ast::File]) -> Vec<ir::LetText> {
    files
        .iter()
        .flat_map(|f| &f.items)
        .filter_map(|item| match item {
            Item::Let { name, value, .. } => Some(ir::LetText {
                name: name.name.clone(),
                value: value.span,
            }),
            _ => None,
        })
        .collect()
}

/// The `by` path of a rule's `in force` clause when it starts at a name its `for each` binds
/// (`by e.date`): the law is then chosen per item, not once per document.
fn item_date(d: &ast::RuleDecl) -> Option<(&ast::Expr, Span)> {
    let (by, clause) = d.clauses.iter().find_map(|c| match c {
        Clause::InForce(f) => f.by.as_ref().map(|by| (by, f.span)),
        _ => None,
    })?;
    let ast::ExprKind::Path(segments) = &by.kind else {
        return None;
    };
    let root = segments.first()?;
    d.clauses
        .iter()
        .any(|c| matches!(c, Clause::ForEach(b) if b.name.name == root.name))
        .then_some((by, clause))
}

/// A path as written: `e.date`.
fn path_text(e: &ast::Expr) -> String {
    match &e.kind {
        ast::ExprKind::Path(segments) => segments
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join("."),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_misspelt_field_comes_with_a_fix() {
        let text = "rulebook x\ndocument d: D\nrecord D { hours_per_day: hours }\n\
                    rule r title \"t\" cite \"c\" explain \"e\" require d.hours_per_dya <= 2 hours message \"m\"\n";
        let mut sources = Sources::default();
        sources.add("x.rules", text);
        let compiled = compile(sources);
        assert!(compiled.program.is_none());
        let d = compiled
            .diagnostics
            .iter()
            .find(|d| d.code == "E0205")
            .expect("unknown field");
        let fix = d.fix.as_ref().expect("a fix");
        assert_eq!(fix.replacement, "hours_per_day");
        assert_eq!(
            &text[fix.span.start as usize..fix.span.end as usize],
            "hours_per_dya"
        );
    }

    #[test]
    fn merge_patch_follows_rfc_7386() {
        let mut doc = json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]});
        merge_patch(
            &mut doc,
            &json!({"a": null, "b": {"c": 9}, "l": [5], "n": true}),
        );
        assert_eq!(doc, json!({"b": {"c": 9, "d": 3}, "l": [5], "n": true}));
    }
}
