//! Completion: what may be typed at a place, from the words before it on its line and the name
//! index (bindings in force there, the schema, the declaration around it).

use super::index::{Index, Region, Schema, Ty};
use super::{text_range, Completion};
use crate::diag::{FileId, SourceFile};

const TOP_LEVEL: [&str; 15] = [
    "rulebook", "enum", "record", "variant", "document", "law date", "const", "set", "let", "rule",
    "conflict", "routes", "derive", "example", "test",
];
const CLAUSES: [&str; 17] = [
    "title",
    "cy",
    "cite",
    "explain",
    "verified",
    "unverified",
    "severity",
    "in force from",
    "in force until",
    "for each",
    "when",
    "require",
    "message",
    "between",
    "decides",
    "applies when",
    "hit policy",
];
const TEST_CLAUSES: [&str; 2] = ["given", "expect"];
const EXPECTS: [&str; 7] = [
    "no findings",
    "finding",
    "no finding",
    "route",
    "no route",
    "value",
    "no value",
];
const UNITS: [&str; 6] = ["hours", "days", "weeks", "months", "years", "%"];
/// Aggregates and `not`, offered beside the built-in functions (`check::expr::FUNCTION_NAMES`).
const AGGREGATES: [&str; 7] = ["any", "all", "count", "sum", "min", "max", "not"];
const OPERATORS: [&str; 5] = ["and", "or", "implies", "in", "is"];
const SEVERITIES: [&str; 4] = ["error", "unsettled", "warning", "info"];

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

struct Out<'a> {
    items: Vec<Completion>,
    file: &'a SourceFile,
    start: u32,
    end: u32,
}

impl Out<'_> {
    fn add(&mut self, label: &str, kind: &'static str, detail: impl Into<String>) {
        if self.items.iter().any(|c| c.label == label) {
            return;
        }
        self.items.push(Completion {
            label: label.to_string(),
            kind,
            detail: detail.into(),
            replace: text_range(self.file, self.start, self.end),
        });
    }
}

pub fn complete(index: &Index, file: &SourceFile, id: FileId, offset: u32) -> Vec<Completion> {
    let text = file.text.as_str();
    let offset = (offset as usize).min(text.len());
    let Some(upto) = text.get(..offset) else {
        return Vec::new();
    };
    let line_start = upto.rfind('\n').map_or(0, |i| i + 1);
    let line = upto.get(line_start..).unwrap_or("");
    // The word being typed (a leading `-` is an operator, not part of it).
    let word_len = line
        .chars()
        .rev()
        .take_while(|c| is_word(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    let mut word_start = offset - word_len;
    while text.as_bytes().get(word_start) == Some(&b'-') {
        word_start += 1;
    }
    let before = text.get(line_start..word_start).unwrap_or("");
    let mut out = Out {
        items: Vec::new(),
        file,
        start: word_start as u32,
        end: offset as u32,
    };
    let book = index.books.get(id as usize).cloned().unwrap_or_default();
    let empty = Schema::default();
    let schema = index.schemas.get(&book).unwrap_or(&empty);
    let region = index
        .regions
        .iter()
        .filter(|r| r.file == id && r.start as usize <= offset)
        .max_by_key(|r| r.start);
    let cx = Context {
        index,
        schema,
        id,
        offset: offset as u32,
    };
    let trimmed = before.trim_end();

    // `a.b.` : the fields of what the path names.
    if let Some(path) = before.strip_suffix('.') {
        let chain: String = {
            let n = path
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                .map(char::len_utf8)
                .sum::<usize>();
            path.get(path.len() - n..).unwrap_or("").to_string()
        };
        if schema.enums.contains_key(&chain) {
            cx.enum_values(&Ty::Enum(chain), &mut out);
        } else if let Some(ty) = cx.path_type(&chain) {
            cx.fields(&ty, &mut out);
        }
        return out.items;
    }
    // A number and a space: its unit.
    let last = trimmed
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if before.ends_with(' ')
        && !last.is_empty()
        && last.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        for u in UNITS {
            out.add(u, "unit", "unit");
        }
        return out.items;
    }
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    match words.as_slice() {
        [] if before.is_empty() => {
            for k in TOP_LEVEL {
                out.add(k, "keyword", "declaration");
            }
            return out.items;
        }
        [] => {
            match region.map(|r| r.keyword) {
                Some("test") => {
                    for k in TEST_CLAUSES {
                        out.add(k, "keyword", "test clause");
                    }
                }
                Some("rule" | "conflict" | "routes" | "derive") => {
                    for k in CLAUSES {
                        out.add(k, "keyword", "clause");
                    }
                    if region.is_some_and(|r| r.keyword == "derive") {
                        out.add("value", "keyword", "clause");
                    }
                }
                _ => {}
            }
            cx.names(&mut out);
            return out.items;
        }
        ["expect"] => {
            for k in EXPECTS {
                out.add(k, "keyword", "expectation");
            }
            return out.items;
        }
        ["expect", rest @ ..]
            if matches!(
                rest,
                ["finding"]
                    | ["no", "finding"]
                    | ["route"]
                    | ["no", "route"]
                    | ["value"]
                    | ["no", "value"]
            ) =>
        {
            let wanted = match rest.last() {
                Some(&"finding") => ["rule", "conflict"],
                Some(&"route") => ["routes", "routes"],
                _ => ["derive", "derive"],
            };
            cx.declarations(&wanted, &mut out);
            return out.items;
        }
        ["expect", "route", table] => {
            if let Some(e) = schema.decides.get(*table) {
                cx.enum_values(&Ty::Enum(e.clone()), &mut out);
            }
            return out.items;
        }
        ["given"] => {
            cx.examples(&mut out);
            return out.items;
        }
        ["severity"] => {
            for s in SEVERITIES {
                out.add(s, "keyword", "severity");
            }
            return out.items;
        }
        ["hit", "policy"] => {
            for p in crate::vocab::HitPolicy::ALL {
                out.add(p.as_str(), "keyword", "hit policy");
            }
            return out.items;
        }
        ["decides"] => {
            for e in schema.enums.keys() {
                out.add(e, "type", "enum");
            }
            return out.items;
        }
        _ => {}
    }
    // A routes row's output.
    if trimmed.ends_with("=>") {
        if let Some(Region {
            decides: Some(e), ..
        }) = region
        {
            cx.enum_values(&Ty::Enum(e.clone()), &mut out);
        }
        return out.items;
    }
    // After `x ==`, `x !=`, `x in {`, `x is`: the values of x's type.
    if let Some(ty) = cx.expected_here(trimmed) {
        cx.enum_values(&ty, &mut out);
        if !out.items.is_empty() {
            return out.items;
        }
    }
    for k in OPERATORS {
        out.add(k, "keyword", "operator");
    }
    cx.names(&mut out);
    out.items
}

struct Context<'a> {
    index: &'a Index,
    schema: &'a Schema,
    id: FileId,
    offset: u32,
}

impl Context<'_> {
    /// The bindings in force here, innermost last.
    fn bindings(&self) -> Vec<(&str, &Ty)> {
        let mut b: Vec<_> = self
            .index
            .bindings
            .iter()
            .filter(|b| b.file == self.id && b.start <= self.offset && self.offset <= b.end)
            .collect();
        b.sort_by_key(|b| b.start);
        b.iter().map(|b| (b.name.as_str(), &b.ty)).collect()
    }

    /// The type a dotted path names here.
    fn path_type(&self, chain: &str) -> Option<Ty> {
        let mut segs = chain.split('.');
        let first = segs.next()?;
        let mut ty = if let Some((_, t)) = self.bindings().into_iter().rev().find(|b| b.0 == first)
        {
            t.clone()
        } else if let Some((_, t)) = self.schema.document.as_ref().filter(|d| d.0 == first) {
            self.schema.ty(&crate::syntax::ast::TypeExpr::Named(
                crate::syntax::ast::Ident {
                    name: t.clone(),
                    span: Default::default(),
                },
            ))
        } else {
            return None;
        };
        for seg in segs {
            let (f, _) = self
                .schema
                .fields_of(&ty)
                .into_iter()
                .find(|(f, _)| f.name == seg)?;
            ty = self.schema.ty(&f.ty);
        }
        Some(ty)
    }

    fn fields(&self, ty: &Ty, out: &mut Out) {
        for (f, case) in self.schema.fields_of(ty) {
            let detail = match case {
                Some(c) => format!("{} ({c})", super::index::type_text(&f.ty)),
                None => super::index::type_text(&f.ty),
            };
            out.add(&f.name, "field", detail);
        }
        if let Ty::Variant(v, _) = ty {
            out.add("kind", "field", format!("the kind of {v}"));
        }
    }

    fn enum_values(&self, ty: &Ty, out: &mut Out) {
        let mut ty = ty;
        while let Ty::Optional(t) | Ty::List(t) = ty {
            ty = t;
        }
        match ty {
            Ty::Enum(e) => {
                for v in self.schema.enums.get(e).into_iter().flatten() {
                    out.add(v, "value", e.as_str());
                }
            }
            Ty::Case(v) | Ty::Variant(v, _) => {
                for (c, _) in self
                    .schema
                    .variants
                    .get(v)
                    .map(|x| &x.1)
                    .into_iter()
                    .flatten()
                {
                    out.add(c, "case", v.as_str());
                }
            }
            _ => {}
        }
    }

    /// The type of the value an enum value would meet here: `x == `, `x != `, `x in {a, `,
    /// `x is `.
    fn expected_here(&self, trimmed: &str) -> Option<Ty> {
        let left_of = |s: &str| -> Option<Ty> {
            let s = s.trim_end();
            let n = s
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                .map(char::len_utf8)
                .sum::<usize>();
            self.path_type(s.get(s.len() - n..)?)
        };
        for op in ["==", "!="] {
            if let Some(l) = trimmed.strip_suffix(op) {
                return left_of(l);
            }
        }
        if let Some(l) = trimmed
            .strip_suffix(" is")
            .or(trimmed.strip_suffix(" is not"))
        {
            return left_of(l).map(|t| match t {
                Ty::Variant(v, _) => Ty::Case(v),
                t => t,
            });
        }
        // Inside an open `{` of `x in {`.
        let open = trimmed.rfind('{')?;
        if trimmed.get(open..)?.contains('}') {
            return None;
        }
        let head = trimmed.get(..open)?.trim_end();
        let head = head.strip_suffix(" not in").or(head.strip_suffix(" in"))?;
        left_of(head)
    }

    fn names(&self, out: &mut Out) {
        for (name, ty) in self.bindings().into_iter().rev() {
            out.add(name, "name", ty.text());
        }
        if let Some((d, t)) = &self.schema.document {
            out.add(d, "name", format!("the document: {t}"));
        }
        let mut consts: Vec<_> = self.schema.consts.iter().collect();
        consts.sort_by(|a, b| a.0.cmp(b.0));
        for (c, ty) in consts {
            out.add(c, "name", format!("const: {}", ty.text()));
        }
        let mut sets: Vec<_> = self.schema.sets.keys().collect();
        sets.sort();
        for s in sets {
            out.add(s, "name", "set");
        }
        for f in AGGREGATES.iter().chain(&crate::check::FUNCTION_NAMES) {
            out.add(f, "function", "built-in");
        }
    }

    fn declarations(&self, kinds: &[&str], out: &mut Out) {
        let book = self.index.books.get(self.id as usize);
        for r in &self.index.regions {
            if !kinds.contains(&r.keyword) {
                continue;
            }
            if self.index.books.get(r.file as usize) != book {
                continue;
            }
            // The id is the declaration's name occurrence at its start.
            if let Some(o) = self.index.occurrences.iter().find(|o| {
                o.is_def
                    && o.span.file == r.file
                    && o.span.start >= r.start
                    && o.span.start < r.end
                    && matches!(o.key.sym, super::index::Sym::Decl(_))
            }) {
                out.add(o.key.sym.name(), "rule", r.keyword);
            }
        }
    }

    fn examples(&self, out: &mut Out) {
        let book = self.index.books.get(self.id as usize);
        for o in &self.index.occurrences {
            if o.is_def
                && Some(&o.key.book) == book
                && matches!(o.key.sym, super::index::Sym::Example(_))
            {
                out.add(o.key.sym.name(), "example", "example");
            }
        }
    }
}
