//! The editor's name index: every declaration and every use of a name in a set of rule files
//! (schema types, fields, enum values, variant cases, constants, sets, lets, declaration ids,
//! examples, `for each` bindings, and the keys and enum values of the JSON in examples and
//! tests), built in one walk over the syntax tree with the checker's rules of resolution (a
//! binding first, then the document, constants, lets, enum types and sets; a bare enum value by
//! the type it meets). Hover, definition, references, rename and completion all read it.

use crate::diag::{FileId, Span};
use crate::syntax::ast::{
    self, Clause, Expect, Expr, ExprKind, FieldDecl, Ident, Item, MessagePart, SetElem, TypeExpr,
};
use std::collections::HashMap;

/// What a name stands for. Names are scoped by rulebook (files with one `rulebook` name share
/// their declarations).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Sym {
    Type(String),
    Field {
        owner: String,
        case: Option<String>,
        name: String,
    },
    EnumValue {
        owner: String,
        value: String,
    },
    Case {
        variant: String,
        case: String,
    },
    Const(String),
    Set(String),
    Let(String),
    /// A rule, conflict, routes table or derived value (its versions share the id).
    Decl(String),
    Example(String),
    Document(String),
    /// A `for each` or aggregate binding, by where it is bound.
    Local {
        file: FileId,
        at: u32,
        name: String,
    },
}

impl Sym {
    /// The name as written at each occurrence (what a rename replaces).
    pub fn name(&self) -> &str {
        match self {
            Sym::Type(n)
            | Sym::Const(n)
            | Sym::Set(n)
            | Sym::Let(n)
            | Sym::Decl(n)
            | Sym::Example(n)
            | Sym::Document(n) => n,
            Sym::Field { name, .. } | Sym::Local { name, .. } => name,
            Sym::EnumValue { value, .. } => value,
            Sym::Case { case, .. } => case,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub book: String,
    pub sym: Sym,
}

/// One occurrence of a name: where, what, and whether it is the declaration.
#[derive(Clone, Debug)]
pub struct Occurrence {
    pub span: Span,
    pub key: Key,
    pub is_def: bool,
}

/// A type as the index follows it (enough to find fields and enum values).
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Record(String),
    Variant(String, Option<String>),
    Enum(String),
    /// The case names of a variant (`r.kind`).
    Case(String),
    List(Box<Ty>),
    Optional(Box<Ty>),
    Scalar(String),
    Unknown,
}

impl Ty {
    /// Past `optional` (and, with `items`, past `list of`).
    fn bare(&self, items: bool) -> &Ty {
        match self {
            Ty::Optional(t) => t.bare(items),
            Ty::List(t) if items => t.bare(items),
            t => t,
        }
    }

    pub fn text(&self) -> String {
        match self {
            Ty::Record(n) | Ty::Enum(n) | Ty::Scalar(n) => n.clone(),
            Ty::Variant(n, None) => n.clone(),
            Ty::Variant(n, Some(c)) => format!("{n} ({c})"),
            Ty::Case(v) => format!("the kind of {v}"),
            Ty::List(t) => format!("list of {}", t.text()),
            Ty::Optional(t) => format!("optional {}", t.text()),
            Ty::Unknown => "unknown".into(),
        }
    }
}

/// A field as declared.
#[derive(Clone, Debug)]
pub struct FieldInfo {
    pub name: String,
    pub ty: TypeExpr,
}

/// A variant's shared fields, and each case with its own.
pub type VariantFields = (Vec<FieldInfo>, Vec<(String, Vec<FieldInfo>)>);

#[derive(Clone, Debug, Default)]
pub struct Schema {
    pub records: HashMap<String, Vec<FieldInfo>>,
    /// Shared fields, then the cases with their own fields.
    pub variants: HashMap<String, VariantFields>,
    pub enums: HashMap<String, Vec<String>>,
    pub consts: HashMap<String, Ty>,
    pub sets: HashMap<String, ()>,
    /// The document's name and type.
    pub document: Option<(String, String)>,
    /// Routes tables and the enum each decides.
    pub decides: HashMap<String, String>,
}

impl Schema {
    pub fn ty(&self, t: &TypeExpr) -> Ty {
        match t {
            TypeExpr::Named(i) => self.named(&i.name),
            TypeExpr::List(t, _) => Ty::List(Box::new(self.ty(t))),
            TypeExpr::Optional(t, _) => Ty::Optional(Box::new(self.ty(t))),
        }
    }

    fn named(&self, name: &str) -> Ty {
        if self.records.contains_key(name) {
            Ty::Record(name.into())
        } else if self.variants.contains_key(name) {
            Ty::Variant(name.into(), None)
        } else if self.enums.contains_key(name) {
            Ty::Enum(name.into())
        } else {
            Ty::Scalar(name.into())
        }
    }

    /// The fields that can be read from a value of this type: (field, the case that owns it).
    pub fn fields_of(&self, ty: &Ty) -> Vec<(&FieldInfo, Option<&str>)> {
        match ty.bare(false) {
            Ty::Record(r) => self
                .records
                .get(r)
                .map(|f| f.iter().map(|f| (f, None)).collect())
                .unwrap_or_default(),
            Ty::Variant(v, case) => {
                let Some((shared, cases)) = self.variants.get(v) else {
                    return Vec::new();
                };
                let mut out: Vec<(&FieldInfo, Option<&str>)> =
                    shared.iter().map(|f| (f, None)).collect();
                for (name, fields) in cases {
                    if case.as_deref() == Some(name.as_str()) {
                        out.extend(fields.iter().map(|f| (f, Some(name.as_str()))));
                    }
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// A field by name (on a variant not narrowed to a case, a case's field is found too, so a
    /// hover or rename still lands where the checker would say "narrow the binding").
    fn field(&self, ty: &Ty, name: &str) -> Option<(Sym, Ty)> {
        match ty.bare(false) {
            Ty::Record(r) => {
                let f = self.records.get(r)?.iter().find(|f| f.name == name)?;
                Some((
                    Sym::Field {
                        owner: r.clone(),
                        case: None,
                        name: name.into(),
                    },
                    self.ty(&f.ty),
                ))
            }
            Ty::Variant(v, case) => {
                if name == "kind" {
                    return Some((Sym::Type(v.clone()), Ty::Case(v.clone())));
                }
                let (shared, cases) = self.variants.get(v)?;
                if let Some(f) = shared.iter().find(|f| f.name == name) {
                    let sym = Sym::Field {
                        owner: v.clone(),
                        case: None,
                        name: name.into(),
                    };
                    return Some((sym, self.ty(&f.ty)));
                }
                let mut candidates = cases
                    .iter()
                    .filter(|(c, _)| case.is_none() || case.as_deref() == Some(c.as_str()));
                candidates.find_map(|(c, fields)| {
                    let f = fields.iter().find(|f| f.name == name)?;
                    Some((
                        Sym::Field {
                            owner: v.clone(),
                            case: Some(c.clone()),
                            name: name.into(),
                        },
                        self.ty(&f.ty),
                    ))
                })
            }
            _ => None,
        }
    }

    /// A field by name, where a variant not narrowed to a case has it in one case only.
    fn unambiguous_field(&self, ty: &Ty, name: &str) -> Option<(Sym, Ty)> {
        if let Ty::Variant(v, None) = ty.bare(false) {
            let (shared, cases) = self.variants.get(v)?;
            let owners = cases
                .iter()
                .filter(|(_, fs)| fs.iter().any(|f| f.name == name))
                .count();
            if owners > 1 && !shared.iter().any(|f| f.name == name) {
                return None;
            }
        }
        self.field(ty, name)
    }

    /// A bare name met where a value of `expected` is wanted: an enum value or a case name.
    fn symbol(&self, name: &str, expected: Option<&Ty>) -> Option<Sym> {
        match expected.map(|t| t.bare(true)) {
            Some(Ty::Enum(e)) => self
                .enums
                .get(e)
                .filter(|v| v.iter().any(|v| v == name))
                .map(|_| Sym::EnumValue {
                    owner: e.clone(),
                    value: name.into(),
                }),
            Some(Ty::Case(v)) | Some(Ty::Variant(v, _)) => self
                .variants
                .get(v)
                .filter(|(_, cases)| cases.iter().any(|(c, _)| c == name))
                .map(|_| Sym::Case {
                    variant: v.clone(),
                    case: name.into(),
                }),
            // No type to go by: the one enum that has this value, if only one does.
            _ => {
                let mut found = self
                    .enums
                    .iter()
                    .filter(|(_, vs)| vs.iter().any(|v| v == name));
                let first = found.next()?;
                if found.next().is_some() {
                    return None;
                }
                Some(Sym::EnumValue {
                    owner: first.0.clone(),
                    value: name.into(),
                })
            }
        }
    }
}

/// A binding in force over a stretch of text (for completion).
#[derive(Clone, Debug)]
pub struct Binding {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
    pub name: String,
    pub ty: Ty,
}

/// A declaration region: from its start to the next item (for completion: what encloses the
/// cursor).
#[derive(Clone, Debug)]
pub struct Region {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
    pub keyword: &'static str,
    /// A routes table's output enum.
    pub decides: Option<String>,
}

/// The index of a set of rule files.
#[derive(Debug, Default)]
pub struct Index {
    pub occurrences: Vec<Occurrence>,
    /// Markdown for each symbol (several paragraphs for a declaration's versions).
    pub docs: HashMap<Key, Vec<String>>,
    pub schemas: HashMap<String, Schema>,
    /// The rulebook each file belongs to.
    pub books: Vec<String>,
    pub bindings: Vec<Binding>,
    pub regions: Vec<Region>,
}

/// The files to index: (text, parsed tree or `None` when it does not parse).
pub struct Input<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub ast: Option<&'a ast::File>,
}

impl Index {
    pub fn build(files: &[Input]) -> Index {
        let mut index = Index::default();
        for f in files {
            let book = f
                .ast
                .and_then(|a| {
                    a.items.iter().find_map(|i| match i {
                        Item::Rulebook(h) => Some(h.name.name.clone()),
                        _ => None,
                    })
                })
                .unwrap_or_else(|| f.name.to_string());
            index.books.push(book);
        }
        for (f, book) in files.iter().zip(index.books.clone()) {
            if let Some(a) = f.ast {
                declare(index.schemas.entry(book).or_default(), a);
            }
        }
        for (id, (f, book)) in files.iter().zip(index.books.clone()).enumerate() {
            if let Some(a) = f.ast {
                let schema = index.schemas.remove(&book).unwrap_or_default();
                let mut w = Walker {
                    index: &mut index,
                    schema: &schema,
                    book: book.clone(),
                    file: id as FileId,
                    text: f.text,
                    scope: Vec::new(),
                    lets: HashMap::new(),
                };
                w.file(a);
                index.schemas.insert(book, schema);
            }
        }
        index
    }

    /// The occurrence under a byte offset of a file (the innermost; a name touching the offset
    /// from the left counts, as a cursor just after a word is on it).
    pub fn at(&self, file: FileId, offset: u32) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| o.span.file == file && o.span.start <= offset && offset <= o.span.end)
            .min_by_key(|o| o.span.end - o.span.start)
    }

    pub fn of<'a>(&'a self, key: &'a Key) -> impl Iterator<Item = &'a Occurrence> + 'a {
        self.occurrences.iter().filter(move |o| &o.key == key)
    }
}

/// The schema, constants, sets, lets' names and routes tables of one file.
fn declare(schema: &mut Schema, file: &ast::File) {
    let fields = |fs: &[FieldDecl]| -> Vec<FieldInfo> {
        fs.iter()
            .map(|f| FieldInfo {
                name: f.name.name.clone(),
                ty: f.ty.clone(),
            })
            .collect()
    };
    for item in &file.items {
        match item {
            Item::Enum(e) => {
                let values = e.values.iter().map(|v| v.name.clone()).collect();
                schema.enums.insert(e.name.name.clone(), values);
            }
            Item::Record(r) => {
                schema
                    .records
                    .insert(r.name.name.clone(), fields(&r.fields));
            }
            Item::Variant(v) => {
                let cases = v
                    .cases
                    .iter()
                    .map(|c| (c.name.name.clone(), fields(&c.fields)))
                    .collect();
                schema
                    .variants
                    .insert(v.name.name.clone(), (fields(&v.shared), cases));
            }
            Item::Document { name, ty, .. } => {
                schema.document = Some((name.name.clone(), ty.name.clone()));
            }
            Item::Set { name, .. } => {
                schema.sets.insert(name.name.clone(), ());
            }
            Item::Routes(d) => {
                for c in &d.clauses {
                    if let Clause::Decides(e) = c {
                        schema.decides.insert(d.id.name.clone(), e.name.clone());
                    }
                }
            }
            _ => {}
        }
    }
    // Constants' types after the enums are known.
    for item in &file.items {
        if let Item::Const { name, value, .. } = item {
            let ty = literal_ty(value);
            schema.consts.insert(name.name.clone(), ty);
        }
    }
}

fn literal_ty(l: &ast::Literal) -> Ty {
    use ast::{LiteralKind as L, UnitLit as U};
    let name = match &l.kind {
        L::Bool(_) => "bool",
        L::Number { unit, text } => match unit {
            Some(U::Hours) => "hours",
            Some(U::Days) => "days",
            Some(U::Weeks) => "weeks",
            Some(U::Months) => "months",
            Some(U::Years) => "years",
            Some(U::Percent) => "percent",
            None if text.contains('.') => "decimal",
            None => "int",
        },
        L::Money(_) => "money",
        L::Date(_) => "date",
        L::Time(_) => "time",
        L::Str(_) => "string",
    };
    Ty::Scalar(name.into())
}

pub fn type_text(t: &TypeExpr) -> String {
    match t {
        TypeExpr::Named(i) => i.name.clone(),
        TypeExpr::List(t, _) => format!("list of {}", type_text(t)),
        TypeExpr::Optional(t, _) => format!("optional {}", type_text(t)),
    }
}

/// The span of a top-level item.
pub fn item_span(item: &Item) -> Span {
    match item {
        Item::Rulebook(h) => h.span,
        Item::Enum(e) => e.span,
        Item::Record(r) => r.span,
        Item::Variant(v) => v.span,
        Item::Rule(d) | Item::Conflict(d) | Item::Routes(d) | Item::Derive(d) => d.span,
        Item::Test(t) => t.span,
        Item::Document { span, .. }
        | Item::LawDate { span, .. }
        | Item::Const { span, .. }
        | Item::Set { span, .. }
        | Item::Let { span, .. }
        | Item::Example { span, .. } => *span,
    }
}

/// The unit words a numeric type is counted in, for a hover.
fn unit_of(ty: &TypeExpr) -> Option<&'static str> {
    match ty {
        TypeExpr::Named(i) => match i.name.as_str() {
            "hours" => Some("hours"),
            "days" => Some("days"),
            "weeks" => Some("weeks"),
            "months" => Some("months"),
            "years" => Some("years"),
            "percent" => Some("per cent"),
            "money" => Some("pounds and pence"),
            _ => None,
        },
        TypeExpr::List(t, _) | TypeExpr::Optional(t, _) => unit_of(t),
    }
}

struct Walker<'a> {
    index: &'a mut Index,
    schema: &'a Schema,
    book: String,
    file: FileId,
    text: &'a str,
    scope: Vec<(String, Ty, Sym)>,
    /// The lets met so far and their types.
    lets: HashMap<String, Ty>,
}

impl Walker<'_> {
    fn key(&self, sym: Sym) -> Key {
        Key {
            book: self.book.clone(),
            sym,
        }
    }

    fn occ(&mut self, span: Span, sym: Sym, is_def: bool) {
        let key = self.key(sym);
        self.index
            .occurrences
            .push(Occurrence { span, key, is_def });
    }

    fn doc(&mut self, sym: Sym, text: String) {
        let key = self.key(sym);
        self.index.docs.entry(key).or_default().push(text);
    }

    fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    /// The `// comment` after a span on its own line, if any.
    fn trailing_comment(&self, span: Span) -> Option<String> {
        let rest = self.text.get(span.end as usize..)?;
        let line = rest.split('\n').next()?;
        let c = line.split_once("//")?.1.trim();
        (!c.is_empty()).then(|| c.to_string())
    }

    fn file(&mut self, file: &ast::File) {
        let len = self.text.len() as u32;
        for (i, item) in file.items.iter().enumerate() {
            let span = item_span(item);
            let end = file
                .items
                .get(i + 1)
                .map_or(len, |next| item_span(next).start);
            self.item(item, span.start, end);
        }
    }

    fn item(&mut self, item: &Item, start: u32, end: u32) {
        let region = |kw: &'static str, decides: Option<String>| Region {
            file: self.file,
            start,
            end,
            keyword: kw,
            decides,
        };
        match item {
            Item::Rulebook(h) => {
                let r = region("rulebook", None);
                self.index.regions.push(r);
                let _ = h;
            }
            Item::Enum(e) => {
                let r = region("enum", None);
                self.index.regions.push(r);
                let ty = Sym::Type(e.name.name.clone());
                self.occ(e.name.span, ty.clone(), true);
                let values: Vec<&str> = e.values.iter().map(|v| v.name.as_str()).collect();
                self.doc(
                    ty,
                    format!("enum `{}` {{ {} }}", e.name.name, values.join(", ")),
                );
                for v in &e.values {
                    let sym = Sym::EnumValue {
                        owner: e.name.name.clone(),
                        value: v.name.clone(),
                    };
                    self.occ(v.span, sym.clone(), true);
                    let mut d = format!("`{}`: a value of enum `{}`", v.name, e.name.name);
                    if let Some(c) = self.trailing_comment(v.span) {
                        d.push_str(&format!("\n\n{c}"));
                    }
                    self.doc(sym, d);
                }
            }
            Item::Record(r) => {
                let reg = region("record", None);
                self.index.regions.push(reg);
                let ty = Sym::Type(r.name.name.clone());
                self.occ(r.name.span, ty.clone(), true);
                self.doc(
                    ty,
                    format!("record `{}` ({} fields)", r.name.name, r.fields.len()),
                );
                self.fields(&r.name.name, None, &r.fields);
            }
            Item::Variant(v) => {
                let reg = region("variant", None);
                self.index.regions.push(reg);
                let ty = Sym::Type(v.name.name.clone());
                self.occ(v.name.span, ty.clone(), true);
                let cases: Vec<&str> = v.cases.iter().map(|c| c.name.name.as_str()).collect();
                self.doc(
                    ty,
                    format!("variant `{}`: {}", v.name.name, cases.join(", ")),
                );
                self.fields(&v.name.name, None, &v.shared);
                for c in &v.cases {
                    let sym = Sym::Case {
                        variant: v.name.name.clone(),
                        case: c.name.name.clone(),
                    };
                    self.occ(c.name.span, sym.clone(), true);
                    self.doc(
                        sym,
                        format!(
                            "`{}`: a case of variant `{}` ({} fields of its own)",
                            c.name.name,
                            v.name.name,
                            c.fields.len()
                        ),
                    );
                    self.fields(&v.name.name, Some(&c.name.name), &c.fields);
                }
            }
            Item::Document { name, ty, .. } => {
                let sym = Sym::Document(name.name.clone());
                self.occ(name.span, sym.clone(), true);
                self.doc(sym, format!("document `{}`: `{}`", name.name, ty.name));
                self.type_ref(ty);
            }
            Item::LawDate { path, .. } => {
                self.expr(path, None);
            }
            Item::Const { name, value, .. } => {
                let sym = Sym::Const(name.name.clone());
                self.occ(name.span, sym.clone(), true);
                let text = self.slice(value.span).to_string();
                self.doc(sym, format!("const `{}` = `{text}`", name.name));
            }
            Item::Set { name, elems, span } => {
                let sym = Sym::Set(name.name.clone());
                self.occ(name.span, sym.clone(), true);
                let text = self.slice(*span).to_string();
                self.doc(sym, format!("```probity\n{text}\n```"));
                for e in elems {
                    if let SetElem::Symbol(i) = e {
                        self.bare(i, None);
                    }
                }
            }
            Item::Let { name, value, span } => {
                let sym = Sym::Let(name.name.clone());
                self.occ(name.span, sym.clone(), true);
                let text = self.slice(*span).to_string();
                self.doc(sym, format!("```probity\n{text}\n```"));
                let ty = self.expr(value, None);
                self.lets.insert(name.name.clone(), ty);
            }
            Item::Rule(d) => self.decl("rule", d, region("rule", None)),
            Item::Conflict(d) => self.decl("conflict", d, region("conflict", None)),
            Item::Derive(d) => self.decl("derive", d, region("derive", None)),
            Item::Routes(d) => {
                let decides = self.schema.decides.get(&d.id.name).cloned();
                self.decl("routes", d, region("routes", decides))
            }
            Item::Example { name, value, .. } => {
                let reg = region("example", None);
                self.index.regions.push(reg);
                let sym = Sym::Example(name.name.clone());
                self.occ(name.span, sym.clone(), true);
                self.doc(sym, format!("example `{}`", name.name));
                self.json(value);
            }
            Item::Test(t) => {
                let reg = region("test", None);
                self.index.regions.push(reg);
                self.test(t);
            }
        }
    }

    fn type_ref(&mut self, ty: &Ident) {
        let known = self.schema.records.contains_key(&ty.name)
            || self.schema.variants.contains_key(&ty.name)
            || self.schema.enums.contains_key(&ty.name);
        if known {
            self.occ(ty.span, Sym::Type(ty.name.clone()), false);
        }
    }

    fn type_expr_refs(&mut self, t: &TypeExpr) {
        match t {
            TypeExpr::Named(i) => self.type_ref(i),
            TypeExpr::List(t, _) | TypeExpr::Optional(t, _) => self.type_expr_refs(t),
        }
    }

    fn fields(&mut self, owner: &str, case: Option<&str>, fields: &[FieldDecl]) {
        for f in fields {
            let sym = Sym::Field {
                owner: owner.into(),
                case: case.map(str::to_string),
                name: f.name.name.clone(),
            };
            self.occ(f.name.span, sym.clone(), true);
            let of = match case {
                Some(c) => format!("{owner}.{c}"),
                None => owner.to_string(),
            };
            let mut d = format!("field `{}` of `{of}`: `{}`", f.name.name, type_text(&f.ty));
            if let Some(w) = &f.words {
                d.push_str(&format!("\n\nlabel: {}", w.label.value));
                if let Some(hint) = &w.hint {
                    d.push_str(&format!(" ({})", hint.value));
                }
            }
            if let Some(unit) = unit_of(&f.ty) {
                d.push_str(&format!("\n\nunit: {unit}"));
            }
            if let Some((role, _)) = &f.role {
                d.push_str(&format!("\n\nrole: {role:?}"));
            }
            if let Some(c) = self.trailing_comment(f.ty.span()) {
                d.push_str(&format!("\n\n{c}"));
            }
            self.doc(sym, d);
            self.type_expr_refs(&f.ty);
            if let Some(by) = &f.ordered_by {
                let item = self.schema.ty(&f.ty);
                if let Some((sym, _)) = self.schema.field(item.bare(true), &by.name) {
                    self.occ(by.span, sym, false);
                }
            }
        }
    }

    fn decl(&mut self, kind: &'static str, d: &ast::RuleDecl, region: Region) {
        self.index.regions.push(region);
        let sym = Sym::Decl(d.id.name.clone());
        self.occ(d.id.span, sym.clone(), true);
        self.doc(sym, self.decl_doc(kind, d));
        let depth = self.scope.len();
        let decides = self.schema.decides.get(&d.id.name).cloned();
        let end = self.index.regions.last().map_or(d.span.end, |r| r.end);
        for c in &d.clauses {
            match c {
                Clause::ForEach(b) => {
                    let ty = self.binder(b, end);
                    let _ = ty;
                }
                Clause::Between(b) => {
                    let list = self.expr(&b.list, None);
                    for side in [&b.left, &b.right] {
                        let ty = self.case_binding(&side.kind, &list);
                        if let Some(name) = &side.name {
                            self.bind(name, ty, end);
                        }
                    }
                }
                Clause::When(e) | Clause::Require(e) | Clause::Applies(e) | Clause::Value(e) => {
                    self.expr(e, None);
                }
                Clause::Message(m) | Clause::Welsh(ast::Welsh::Message(m)) => {
                    for p in &m.parts {
                        if let MessagePart::Hole(e) = p {
                            self.expr(e, None);
                        }
                    }
                }
                Clause::InForce(f) => {
                    if let Some(by) = &f.by {
                        self.expr(by, None);
                    }
                }
                Clause::Decides(e) => self.type_ref(e),
                Clause::Row(row) => {
                    self.expr(&row.condition, None);
                    if let Some(e) = &decides {
                        let sym = self
                            .schema
                            .symbol(&row.output.name, Some(&Ty::Enum(e.clone())));
                        if let Some(sym) = sym {
                            self.occ(row.output.span, sym, false);
                        }
                    }
                }
                _ => {}
            }
        }
        self.scope.truncate(depth);
    }

    fn decl_doc(&self, kind: &str, d: &ast::RuleDecl) -> String {
        let mut title = None;
        let mut cite = None;
        let mut explain = None;
        let mut period = None;
        for c in &d.clauses {
            match c {
                Clause::Title(s) => title = Some(s.value.clone()),
                Clause::Cite(s) => cite = Some(s.value.clone()),
                Clause::Explain(s) => explain = Some(s.value.clone()),
                Clause::InForce(f) => {
                    let mut p = String::new();
                    if let Some(from) = &f.from {
                        p.push_str(&format!("from {}", from.text));
                    }
                    if let Some(until) = &f.until {
                        if !p.is_empty() {
                            p.push(' ');
                        }
                        p.push_str(&format!("until {}", until.text));
                    }
                    if let Some(by) = &f.by {
                        p.push_str(&format!(" by `{}`", self.slice(by.span)));
                    }
                    period = Some(p);
                }
                _ => {}
            }
        }
        let mut out = format!("**{kind} `{}`**", d.id.name);
        if let Some(t) = title {
            out.push_str(&format!(": {t}"));
        }
        out.push_str(&format!(
            "\n\nin force: {}",
            period.unwrap_or_else(|| "always".into())
        ));
        if let Some(c) = cite {
            out.push_str(&format!("\n\ncite: {c}"));
        }
        if let Some(e) = explain {
            out.push_str(&format!("\n\n{e}"));
        }
        out
    }

    fn bind(&mut self, name: &Ident, ty: Ty, end: u32) {
        let sym = Sym::Local {
            file: self.file,
            at: name.span.start,
            name: name.name.clone(),
        };
        self.occ(name.span, sym.clone(), true);
        self.doc(sym.clone(), format!("`{}`: {}", name.name, ty.text()));
        self.index.bindings.push(Binding {
            file: self.file,
            start: name.span.start,
            end,
            name: name.name.clone(),
            ty: ty.clone(),
        });
        self.scope.push((name.name.clone(), ty, sym));
    }

    /// `for each [case] r in list`: binds `r` until `end`.
    fn binder(&mut self, b: &ast::Binder, end: u32) -> Ty {
        let list = self.expr(&b.list, None);
        let ty = match &b.kind {
            Some(k) => self.case_binding(k, &list),
            None => list.bare(false).clone().bare(true).clone(),
        };
        let ty = match (&b.kind, list.bare(false)) {
            (None, Ty::List(inner)) => (**inner).clone(),
            _ => ty,
        };
        self.bind(&b.name, ty.clone(), end);
        ty
    }

    /// `curfew` in `for each curfew r in order.requirements`: a case of the list's variant.
    fn case_binding(&mut self, kind: &Ident, list: &Ty) -> Ty {
        match list.bare(true) {
            Ty::Variant(v, _) => {
                let v = v.clone();
                if let Some(sym) = self.schema.symbol(&kind.name, Some(&Ty::Case(v.clone()))) {
                    self.occ(kind.span, sym, false);
                }
                Ty::Variant(v, Some(kind.name.clone()))
            }
            t => t.clone(),
        }
    }

    /// A bare name where a value of `expected` is wanted.
    fn bare(&mut self, id: &Ident, expected: Option<&Ty>) -> Ty {
        match self.schema.symbol(&id.name, expected) {
            Some(sym) => {
                let ty = match &sym {
                    Sym::EnumValue { owner, .. } => Ty::Enum(owner.clone()),
                    Sym::Case { variant, .. } => Ty::Case(variant.clone()),
                    _ => Ty::Unknown,
                };
                self.occ(id.span, sym, false);
                ty
            }
            None => Ty::Unknown,
        }
    }

    fn is_bare_symbol(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Path(segs) if segs.len() == 1 => {
                let Some(n) = segs.first().map(|s| &s.name) else {
                    return false;
                };
                !(self.scope.iter().any(|s| &s.0 == n)
                    || self.schema.document.as_ref().is_some_and(|d| &d.0 == n)
                    || self.schema.consts.contains_key(n)
                    || self.lets.contains_key(n)
                    || self.schema.sets.contains_key(n))
            }
            _ => false,
        }
    }

    fn expr(&mut self, e: &Expr, expected: Option<&Ty>) -> Ty {
        match &e.kind {
            ExprKind::Literal(l) => literal_ty(l),
            ExprKind::Path(segs) => self.path(segs, expected),
            ExprKind::Set(elems) => {
                for el in elems {
                    if let SetElem::Symbol(i) = el {
                        self.bare(i, expected);
                    }
                }
                Ty::Unknown
            }
            ExprKind::Not(x) | ExprKind::Neg(x) => self.expr(x, None),
            ExprKind::And(xs) | ExprKind::Or(xs) => {
                for x in xs {
                    self.expr(x, None);
                }
                Ty::Scalar("bool".into())
            }
            ExprKind::Implies(a, b) => {
                self.expr(a, None);
                self.expr(b, None)
            }
            ExprKind::Compare(xs, _) => {
                self.operands(xs);
                Ty::Scalar("bool".into())
            }
            ExprKind::In { value, set, .. } => {
                if self.is_bare_symbol(value) {
                    let set_ty = self.expr(set, None);
                    self.expr(value, Some(&set_ty));
                } else {
                    let ty = self.expr(value, None);
                    self.expr(set, Some(&ty));
                }
                Ty::Scalar("bool".into())
            }
            ExprKind::Is { value, case, .. } => {
                let ty = self.expr(value, None);
                if let Ty::Variant(v, _) = ty.bare(false) {
                    let v = v.clone();
                    if let Some(sym) = self.schema.symbol(&case.name, Some(&Ty::Case(v))) {
                        self.occ(case.span, sym, false);
                    }
                }
                Ty::Scalar("bool".into())
            }
            ExprKind::Arith(a, _, b) => {
                let ty = self.expr(a, None);
                self.expr(b, None);
                ty
            }
            ExprKind::Coalesce(a, b) => {
                let ty = self.expr(a, expected);
                let inner = ty.bare(false).clone();
                self.expr(b, Some(&inner));
                inner
            }
            ExprKind::Aggregate {
                binder,
                filter,
                body,
                ..
            } => {
                let depth = self.scope.len();
                self.binder(binder, e.span.end);
                if let Some(b) = binder_binding_mut(&mut self.index.bindings) {
                    b.start = e.span.start;
                }
                if let Some(f) = filter {
                    self.expr(f, None);
                }
                let ty = body.as_ref().map_or(Ty::Unknown, |b| self.expr(b, None));
                self.scope.truncate(depth);
                ty
            }
            ExprKind::Call { args, .. } => {
                // Arguments of one type (highest, lowest, ...): a bare enum value takes the
                // type of another argument.
                self.operands(args)
            }
        }
    }

    /// Operands that meet each other (comparisons, call arguments): the named ones first, then
    /// bare enum values by their type. Returns the first known type.
    fn operands(&mut self, xs: &[Expr]) -> Ty {
        let mut known = None;
        for x in xs {
            if !self.is_bare_symbol(x) {
                let ty = self.expr(x, None);
                if known.is_none() && ty != Ty::Unknown {
                    known = Some(ty);
                }
            }
        }
        for x in xs {
            if self.is_bare_symbol(x) {
                let ty = self.expr(x, known.as_ref());
                if known.is_none() && ty != Ty::Unknown {
                    known = Some(ty);
                }
            }
        }
        known.unwrap_or(Ty::Unknown)
    }

    fn path(&mut self, segs: &[Ident], expected: Option<&Ty>) -> Ty {
        let Some(first) = segs.first() else {
            return Ty::Unknown;
        };
        let mut ty = if let Some((_, ty, sym)) =
            self.scope.iter().rev().find(|s| s.0 == first.name).cloned()
        {
            self.occ(first.span, sym, false);
            ty
        } else if let Some((doc, ty)) = self
            .schema
            .document
            .as_ref()
            .filter(|d| d.0 == first.name)
            .cloned()
        {
            self.occ(first.span, Sym::Document(doc), false);
            self.schema.named(&ty)
        } else if let Some(ty) = self.schema.consts.get(&first.name).cloned() {
            self.occ(first.span, Sym::Const(first.name.clone()), false);
            ty
        } else if let Some(ty) = self.lets.get(&first.name).cloned() {
            self.occ(first.span, Sym::Let(first.name.clone()), false);
            ty
        } else if let (true, [_, value]) = (self.schema.enums.contains_key(&first.name), segs) {
            self.occ(first.span, Sym::Type(first.name.clone()), false);
            return self.bare(value, Some(&Ty::Enum(first.name.clone())));
        } else if self.schema.sets.contains_key(&first.name) {
            self.occ(first.span, Sym::Set(first.name.clone()), false);
            return Ty::Unknown;
        } else if segs.len() == 1 {
            return self.bare(first, expected);
        } else {
            return Ty::Unknown;
        };
        for seg in segs.iter().skip(1) {
            match self.schema.field(&ty, &seg.name) {
                Some((sym, next)) => {
                    if !matches!(sym, Sym::Type(_)) {
                        self.occ(seg.span, sym, false);
                    }
                    ty = next;
                }
                None => return Ty::Unknown,
            }
        }
        ty
    }

    fn test(&mut self, t: &ast::TestDecl) {
        if let Some(ex) = &t.given.example {
            self.occ(ex.span, Sym::Example(ex.name.clone()), false);
        }
        if let Some(patch) = &t.given.patch {
            self.json(patch);
        }
        for e in &t.expects {
            match e {
                Expect::NoFindings(_) => {}
                Expect::NoFinding(id) | Expect::NoRoute(id) | Expect::NoValue(id) => {
                    self.occ(id.span, Sym::Decl(id.name.clone()), false);
                }
                Expect::Finding { rule, at } => {
                    self.occ(rule.span, Sym::Decl(rule.name.clone()), false);
                    if let Some(at) = at {
                        self.json_path(at);
                    }
                }
                Expect::Route { table, output } => {
                    self.occ(table.span, Sym::Decl(table.name.clone()), false);
                    let decides = self.schema.decides.get(&table.name).cloned();
                    if let Some(e) = decides {
                        if let Some(sym) = self.schema.symbol(&output.name, Some(&Ty::Enum(e))) {
                            self.occ(output.span, sym, false);
                        }
                    }
                }
                Expect::Value { derive, value } => {
                    self.occ(derive.span, Sym::Decl(derive.name.clone()), false);
                    if let SetElem::Symbol(i) = value {
                        self.bare(i, None);
                    }
                }
            }
        }
    }

    /// The fields named in a finding's JSON path (`at "requirements[0].hours_per_day"`). A field
    /// that several cases of a variant have is left out: the path does not say which case.
    fn json_path(&mut self, at: &ast::Str) {
        let Some((_, doc_ty)) = self.schema.document.clone() else {
            return;
        };
        let raw = self.slice(at.span);
        // Only a path written without escapes maps one to one onto its text.
        if raw.get(1..raw.len().saturating_sub(1)) != Some(at.value.as_str()) {
            return;
        }
        let mut ty = self.schema.named(&doc_ty);
        let mut pos = at.span.start + 1;
        for seg in at.value.split('.') {
            let name = seg.split('[').next().unwrap_or("");
            let Some((sym, next)) = self.schema.unambiguous_field(&ty, name) else {
                return;
            };
            let span = Span {
                file: self.file,
                start: pos,
                end: pos + name.len() as u32,
            };
            self.occ(span, sym, false);
            ty = next;
            for _ in seg.matches('[') {
                ty = match ty.bare(false) {
                    Ty::List(inner) => (**inner).clone(),
                    _ => return,
                };
            }
            pos += seg.len() as u32 + 1;
        }
    }

    /// The keys and enum values of a document written in JSON (an example, a test's patch).
    fn json(&mut self, json: &ast::Json) {
        let Some((_, doc_ty)) = self.schema.document.clone() else {
            return;
        };
        let Some(text) = self
            .text
            .get(json.span.start as usize..json.span.end as usize)
        else {
            return;
        };
        let mut scanner = super::json::Scanner::new(text);
        if let Some(tree) = scanner.value() {
            let ty = self.schema.named(&doc_ty);
            self.json_node(&tree, &ty, json.span.start);
        }
    }

    fn json_node(&mut self, node: &super::json::Node, ty: &Ty, base: u32) {
        use super::json::Node as J;
        let file = self.file;
        let span = move |(s, e): (u32, u32)| Span {
            file,
            start: base + s,
            end: base + e,
        };
        match (node, ty.bare(false)) {
            (J::Object(members), t @ (Ty::Record(_) | Ty::Variant(..))) => {
                let mut t = t.clone();
                if let Ty::Variant(v, _) = &t {
                    let v = v.clone();
                    let kind = members.iter().find_map(|(k, _, value)| match value {
                        J::Str(s, at) if k == "kind" => Some((s.clone(), *at)),
                        _ => None,
                    });
                    if let Some((case, at)) = kind {
                        let sym = self.schema.symbol(&case, Some(&Ty::Case(v.clone())));
                        if let Some(sym) = sym {
                            self.occ(span(at), sym, false);
                            t = Ty::Variant(v, Some(case));
                        }
                    }
                }
                for (k, at, value) in members {
                    if let Some((sym, next)) = self.schema.field(&t, k) {
                        if !matches!(sym, Sym::Type(_)) {
                            self.occ(span(*at), sym, false);
                        }
                        self.json_node(value, &next, base);
                    }
                }
            }
            (J::Array(items), Ty::List(inner)) => {
                let inner = (**inner).clone();
                for i in items {
                    self.json_node(i, &inner, base);
                }
            }
            (J::Str(s, at), Ty::Enum(e)) => {
                let sym = self.schema.symbol(s, Some(&Ty::Enum(e.clone())));
                if let Some(sym) = sym {
                    self.occ(span(*at), sym, false);
                }
            }
            _ => {}
        }
    }
}

/// The binding just pushed (an aggregate's binding is in force over the whole aggregate).
fn binder_binding_mut(bindings: &mut [Binding]) -> Option<&mut Binding> {
    bindings.last_mut()
}
