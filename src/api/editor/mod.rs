//! The editor's door: what a rule author's editor asks of rule text (hover, go to definition,
//! references, rename, completion, outline, workspace symbols, formatting a range), given files
//! and a place in one of them, answered as plain data with places in bytes, UTF-16 offsets and
//! line/UTF-16-character pairs, so the language server and the page's editor only transport.

mod complete;
mod index;
mod json;
mod problems;

pub use problems::{problems, Depth, Problem, QuickFix, Witness};

use crate::diag::{FileId, SourceFile, Span};
use crate::syntax::ast::{self, Item};
use index::{item_span, Index, Input, Key, Sym};
use serde::Serialize;

pub use super::wire::Utf16Span;

/// A 0-based line and a character counted in UTF-16 code units (as LSP counts by default).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LineChar {
    pub line: u32,
    pub character: u32,
}

/// A range of one file: bytes, UTF-16 offsets, and line/character pairs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "EditorRange"))]
pub struct TextRange {
    pub file: String,
    pub start: u32,
    pub end: u32,
    pub utf16: Utf16Span,
    pub from: LineChar,
    pub to: LineChar,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "EditorHover"))]
pub struct Hover {
    pub range: TextRange,
    /// Markdown.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "EditorCompletion"))]
pub struct Completion {
    pub label: String,
    /// keyword, field, value, case, unit, name, rule, function, example, type
    pub kind: &'static str,
    pub detail: String,
    /// The text the completion replaces (the word being typed).
    pub replace: TextRange,
}

#[derive(Clone, Debug, Serialize)]
pub struct Symbol {
    pub name: String,
    /// rulebook, enum, record, variant, field, value, case, document, const, set, let, rule,
    /// conflict, routes, derive, example, test
    pub kind: &'static str,
    pub detail: String,
    pub range: TextRange,
    pub selection: TextRange,
    pub children: Vec<Symbol>,
}

/// Rule files open in an editor, indexed together (files naming one rulebook share their
/// declarations).
pub struct Workspace {
    files: Vec<SourceFile>,
    asts: Vec<Option<ast::File>>,
    index: Index,
}

/// What stops a rename.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RenameRefused {
    pub message: String,
}

impl Workspace {
    /// Index files given as (name, text). A file that does not parse is kept (its places still
    /// answer) but adds no names.
    pub fn new<N: Into<String>, T: Into<String>>(files: impl IntoIterator<Item = (N, T)>) -> Self {
        let files: Vec<SourceFile> = files
            .into_iter()
            .map(|(n, t)| SourceFile::new(n, t))
            .collect();
        let asts: Vec<Option<ast::File>> = files
            .iter()
            .enumerate()
            .map(|(i, f)| crate::syntax::parse_file(i as FileId, &f.text).ok())
            .collect();
        let inputs: Vec<Input> = files
            .iter()
            .zip(&asts)
            .map(|(f, a)| Input {
                name: &f.name,
                text: &f.text,
                ast: a.as_ref(),
            })
            .collect();
        let index = Index::build(&inputs);
        Workspace { files, asts, index }
    }

    /// Put a file's new text in (or add the file): only it is parsed again, then the names are
    /// indexed again.
    pub fn set_file(&mut self, name: &str, text: &str) {
        let id = match self.file_id(name) {
            Some(id) => id as usize,
            None => {
                self.files.push(SourceFile::new(name, ""));
                self.asts.push(None);
                self.files.len() - 1
            }
        };
        if let Some(f) = self.files.get_mut(id) {
            *f = SourceFile::new(name, text);
        }
        if let Some(a) = self.asts.get_mut(id) {
            *a = crate::syntax::parse_file(id as FileId, text).ok();
        }
        let inputs: Vec<Input> = self
            .files
            .iter()
            .zip(&self.asts)
            .map(|(f, a)| Input {
                name: &f.name,
                text: &f.text,
                ast: a.as_ref(),
            })
            .collect();
        self.index = Index::build(&inputs);
    }

    fn file_id(&self, name: &str) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.name == name)
            .map(|i| i as FileId)
    }

    /// The text of a file.
    pub fn text(&self, file: &str) -> Option<&str> {
        let id = self.file_id(file)?;
        self.files.get(id as usize).map(|f| f.text.as_str())
    }

    /// The byte offset of a 0-based line and UTF-16 character (clamped into the text).
    pub fn offset_at(&self, file: &str, line: u32, character: u32) -> Option<u32> {
        let text = self.text(file)?;
        Some(offset_at_line_char(text, line, character))
    }

    /// The byte offset of a UTF-16 offset (clamped into the text).
    pub fn offset_at_utf16(&self, file: &str, utf16: u32) -> Option<u32> {
        Some(offset_at_utf16(self.text(file)?, utf16))
    }

    /// A byte span of a file as an editor range.
    fn range(&self, span: Span) -> Option<TextRange> {
        let f = self.files.get(span.file as usize)?;
        Some(text_range(f, span.start, span.end))
    }

    fn key_at(&self, file: &str, offset: u32) -> Option<(&Key, Span)> {
        let id = self.file_id(file)?;
        let o = self.index.at(id, offset)?;
        Some((&o.key, o.span))
    }

    /// What the name under the cursor is: a field's type and unit, a declaration's title,
    /// citation, period in force and explanation, a constant's value.
    pub fn hover(&self, file: &str, offset: u32) -> Option<Hover> {
        let (key, span) = self.key_at(file, offset)?;
        let docs = self.index.docs.get(key)?;
        Some(Hover {
            range: self.range(span)?,
            text: docs.join("\n\n---\n\n"),
        })
    }

    /// Where the name under the cursor is declared (every version of a declaration id).
    pub fn definition(&self, file: &str, offset: u32) -> Vec<TextRange> {
        let Some((key, _)) = self.key_at(file, offset) else {
            return Vec::new();
        };
        self.index
            .of(key)
            .filter(|o| o.is_def)
            .filter_map(|o| self.range(o.span))
            .collect()
    }

    /// Every use of the name under the cursor, with its declarations when `with_declaration`.
    pub fn references(&self, file: &str, offset: u32, with_declaration: bool) -> Vec<TextRange> {
        let Some((key, _)) = self.key_at(file, offset) else {
            return Vec::new();
        };
        self.index
            .of(key)
            .filter(|o| with_declaration || !o.is_def)
            .filter_map(|o| self.range(o.span))
            .collect()
    }

    /// The place a rename would change (the name under the cursor), if it can be renamed.
    pub fn prepare_rename(&self, file: &str, offset: u32) -> Option<TextRange> {
        let (key, span) = self.key_at(file, offset)?;
        renamable(&key.sym).then_some(())?;
        self.range(span)
    }

    /// Rename the field, enum value, case, constant, set, let, declaration id, example or
    /// binding under the cursor everywhere it is named: the rule files and the tests and
    /// examples (JSON keys and enum values included).
    pub fn rename(
        &self,
        file: &str,
        offset: u32,
        new_name: &str,
    ) -> Result<Vec<TextEdit>, RenameRefused> {
        let refuse = |m: &str| RenameRefused { message: m.into() };
        let (key, _) = self
            .key_at(file, offset)
            .ok_or_else(|| refuse("there is no name here to rename"))?;
        if !renamable(&key.sym) {
            return Err(refuse("this name cannot be renamed here"));
        }
        let allows_dash = matches!(key.sym, Sym::Decl(_));
        if !is_identifier(new_name, allows_dash) {
            return Err(refuse(&format!(
                "`{new_name}` is not a name: use letters, digits and `_`{}, starting with a letter",
                if allows_dash { " or `-`" } else { "" }
            )));
        }
        if self.index.occurrences.iter().any(|o| {
            o.is_def
                && o.key.book == key.book
                && o.key.sym.name() == new_name
                && same_namespace(&o.key.sym, &key.sym)
        }) {
            return Err(refuse(&format!("`{new_name}` is already declared")));
        }
        let mut edits: Vec<TextEdit> = self
            .index
            .of(key)
            .filter_map(|o| {
                Some(TextEdit {
                    range: self.range(o.span)?,
                    new_text: new_name.to_string(),
                })
            })
            .collect();
        edits.sort_by(|a, b| (&a.range.file, a.range.start).cmp(&(&b.range.file, b.range.start)));
        edits.dedup_by(|a, b| a.range == b.range);
        Ok(edits)
    }

    /// What may be typed at the cursor: keywords in place, the fields of the record in scope
    /// (through `for each` bindings), enum values where an enum is expected, units after a
    /// number, names in scope.
    pub fn completion(&self, file: &str, offset: u32) -> Vec<Completion> {
        let Some(id) = self.file_id(file) else {
            return Vec::new();
        };
        let Some(source) = self.files.get(id as usize) else {
            return Vec::new();
        };
        // Text being typed rarely parses: index it again with the cursor's line blanked (same
        // offsets), so the declarations and bindings around the cursor are known.
        if self.asts.get(id as usize).is_some_and(Option::is_none) {
            let blanked = blank_line(&source.text, offset as usize);
            let files = self.files.iter().enumerate().map(|(i, f)| {
                let text = if i == id as usize {
                    blanked.clone()
                } else {
                    f.text.clone()
                };
                (f.name.clone(), text)
            });
            let again = Workspace::new(files);
            return complete::complete(&again.index, source, id, offset);
        }
        complete::complete(&self.index, source, id, offset)
    }

    /// A file's outline: schema, declarations, routes tables, examples and tests.
    pub fn document_symbols(&self, file: &str) -> Vec<Symbol> {
        let Some(id) = self.file_id(file) else {
            return Vec::new();
        };
        let (Some(source), Some(Some(ast))) =
            (self.files.get(id as usize), self.asts.get(id as usize))
        else {
            return Vec::new();
        };
        ast.items
            .iter()
            .filter_map(|item| item_symbol(source, item))
            .collect()
    }

    /// The declarations of every file whose name contains `query` (case-insensitive), flat.
    pub fn workspace_symbols(&self, query: &str) -> Vec<Symbol> {
        let query = query.to_lowercase();
        let mut out = Vec::new();
        for (i, f) in self.files.iter().enumerate() {
            let Some(Some(ast)) = self.asts.get(i) else {
                continue;
            };
            let mut stack: Vec<Symbol> = ast
                .items
                .iter()
                .filter_map(|item| item_symbol(f, item))
                .collect();
            while let Some(mut s) = stack.pop() {
                stack.append(&mut s.children);
                if s.name.to_lowercase().contains(&query) {
                    out.push(s);
                }
            }
        }
        out.sort_by(|a, b| (&a.range.file, a.range.start).cmp(&(&b.range.file, b.range.start)));
        out
    }
}

fn renamable(sym: &Sym) -> bool {
    !matches!(sym, Sym::Document(_) | Sym::Type(_))
}

/// Whether two symbols share a namespace (a rename must not make two of them one).
fn same_namespace(a: &Sym, b: &Sym) -> bool {
    match (a, b) {
        (Sym::Field { owner: o1, .. }, Sym::Field { owner: o2, .. }) => o1 == o2,
        (Sym::EnumValue { owner: o1, .. }, Sym::EnumValue { owner: o2, .. }) => o1 == o2,
        (Sym::Case { variant: v1, .. }, Sym::Case { variant: v2, .. }) => v1 == v2,
        (Sym::Decl(_), Sym::Decl(_)) | (Sym::Example(_), Sym::Example(_)) => true,
        (Sym::Local { .. }, _) | (_, Sym::Local { .. }) => false,
        (x, y) => {
            let top = |s: &Sym| matches!(s, Sym::Const(_) | Sym::Set(_) | Sym::Let(_));
            top(x) && top(y)
        }
    }
}

fn is_identifier(name: &str, allows_dash: bool) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || (allows_dash && c == '-'))
}

/// The text with the line holding `offset` replaced by spaces (offsets kept).
fn blank_line(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(offset..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| offset + i);
    let mut out = String::with_capacity(text.len());
    out.push_str(text.get(..start).unwrap_or(""));
    if let Some(line) = text.get(start..end) {
        out.extend(line.chars().map(|c| if c.is_ascii() { ' ' } else { c }));
    }
    out.push_str(text.get(end..).unwrap_or(""));
    out
}

fn text_range(f: &SourceFile, start: u32, end: u32) -> TextRange {
    TextRange {
        file: f.name.clone(),
        start,
        end,
        utf16: Utf16Span {
            start: f.utf16(start as usize),
            end: f.utf16(end as usize),
        },
        from: line_char(f, start),
        to: line_char(f, end),
    }
}

fn line_char(f: &SourceFile, offset: u32) -> LineChar {
    let (line, _) = f.line_col(offset as usize);
    let line = line.saturating_sub(1);
    let line_start = f
        .text
        .get(..(offset as usize).min(f.text.len()))
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    LineChar {
        line,
        character: f.utf16(offset as usize) - f.utf16(line_start),
    }
}

/// The byte offset of a 0-based line and UTF-16 character, clamped into the text (a character
/// past the line's end is its end).
pub fn offset_at_line_char(text: &str, line: u32, character: u32) -> u32 {
    let mut start = 0usize;
    for _ in 0..line {
        match text.get(start..).and_then(|t| t.find('\n')) {
            Some(i) => start += i + 1,
            None => return text.len() as u32,
        }
    }
    let mut units = 0u32;
    let mut at = start;
    for c in text.get(start..).unwrap_or("").chars() {
        if c == '\n' || units >= character {
            break;
        }
        units += c.len_utf16() as u32;
        at += c.len_utf8();
    }
    at as u32
}

/// The byte offset of a UTF-16 offset, clamped into the text.
pub fn offset_at_utf16(text: &str, utf16: u32) -> u32 {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i as u32;
        }
        units += c.len_utf16() as u32;
    }
    text.len() as u32
}

fn symbol(
    f: &SourceFile,
    name: &str,
    kind: &'static str,
    detail: String,
    span: Span,
    selection: Span,
    children: Vec<Symbol>,
) -> Symbol {
    Symbol {
        name: name.to_string(),
        kind,
        detail,
        range: text_range(f, span.start, span.end),
        selection: text_range(f, selection.start, selection.end),
        children,
    }
}

fn field_symbols(f: &SourceFile, fields: &[ast::FieldDecl]) -> Vec<Symbol> {
    fields
        .iter()
        .map(|fd| {
            let span = fd.name.span.to(fd.ty.span());
            symbol(
                f,
                &fd.name.name,
                "field",
                index::type_text(&fd.ty),
                span,
                fd.name.span,
                Vec::new(),
            )
        })
        .collect()
}

fn decl_title(d: &ast::RuleDecl) -> String {
    d.clauses
        .iter()
        .find_map(|c| match c {
            ast::Clause::Title(s) => Some(s.value.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn item_symbol(f: &SourceFile, item: &Item) -> Option<Symbol> {
    let span = item_span(item);
    let s = match item {
        Item::Rulebook(h) => symbol(
            f,
            &h.name.name,
            "rulebook",
            h.title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
            span,
            h.name.span,
            Vec::new(),
        ),
        Item::Enum(e) => {
            let values = e
                .values
                .iter()
                .map(|v| {
                    symbol(
                        f,
                        &v.name,
                        "value",
                        String::new(),
                        v.span,
                        v.span,
                        Vec::new(),
                    )
                })
                .collect();
            symbol(
                f,
                &e.name.name,
                "enum",
                String::new(),
                span,
                e.name.span,
                values,
            )
        }
        Item::Record(r) => symbol(
            f,
            &r.name.name,
            "record",
            String::new(),
            span,
            r.name.span,
            field_symbols(f, &r.fields),
        ),
        Item::Variant(v) => {
            let mut children = field_symbols(f, &v.shared);
            children.extend(v.cases.iter().map(|c| {
                symbol(
                    f,
                    &c.name.name,
                    "case",
                    String::new(),
                    c.span,
                    c.name.span,
                    field_symbols(f, &c.fields),
                )
            }));
            symbol(
                f,
                &v.name.name,
                "variant",
                String::new(),
                span,
                v.name.span,
                children,
            )
        }
        Item::Document { name, ty, .. } => symbol(
            f,
            &name.name,
            "document",
            ty.name.clone(),
            span,
            name.span,
            Vec::new(),
        ),
        Item::LawDate { .. } => return None,
        Item::Const { name, .. } => symbol(
            f,
            &name.name,
            "const",
            String::new(),
            span,
            name.span,
            Vec::new(),
        ),
        Item::Set { name, .. } => symbol(
            f,
            &name.name,
            "set",
            String::new(),
            span,
            name.span,
            Vec::new(),
        ),
        Item::Let { name, .. } => symbol(
            f,
            &name.name,
            "let",
            String::new(),
            span,
            name.span,
            Vec::new(),
        ),
        Item::Rule(d) => symbol(
            f,
            &d.id.name,
            "rule",
            decl_title(d),
            span,
            d.id.span,
            Vec::new(),
        ),
        Item::Conflict(d) => symbol(
            f,
            &d.id.name,
            "conflict",
            decl_title(d),
            span,
            d.id.span,
            Vec::new(),
        ),
        Item::Routes(d) => symbol(
            f,
            &d.id.name,
            "routes",
            decl_title(d),
            span,
            d.id.span,
            Vec::new(),
        ),
        Item::Derive(d) => symbol(
            f,
            &d.id.name,
            "derive",
            decl_title(d),
            span,
            d.id.span,
            Vec::new(),
        ),
        Item::Example { name, .. } => symbol(
            f,
            &name.name,
            "example",
            String::new(),
            span,
            name.span,
            Vec::new(),
        ),
        Item::Test(t) => symbol(
            f,
            &t.name.value,
            "test",
            String::new(),
            span,
            t.name.span,
            Vec::new(),
        ),
    };
    Some(s)
}

/// Lay out the lines of `start..end` (bytes) canonically, as `probity fmt` would lay them out
/// in the whole file: one edit, or none when they are laid out already. Formatting changes
/// whitespace only, so a place in the file and in its formatted text are matched by counting
/// the characters that are not whitespace before them.
pub fn format_range(
    name: &str,
    text: &str,
    start: u32,
    end: u32,
) -> Result<Option<TextEdit>, String> {
    let formatted = super::format_rules(name, text)?;
    let f = SourceFile::new(name, text);
    let start = (start as usize).min(text.len());
    let end = (end as usize).clamp(start, text.len());
    // Whole lines: from the start of the first to the end of the last.
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(end..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| end + i);
    let solid = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let before = solid(text.get(..line_start).unwrap_or(""));
    let through = solid(text.get(..line_end).unwrap_or(""));
    // The formatted text's place after the `n`th solid character (0: its start).
    let place_after = |n: usize| -> usize {
        if n == 0 {
            return 0;
        }
        let mut seen = 0;
        for (i, c) in formatted.char_indices() {
            if !c.is_whitespace() {
                seen += 1;
                if seen == n {
                    return i + c.len_utf8();
                }
            }
        }
        formatted.len()
    };
    // The replaced stretch runs from the end of the solid text before the range to the end of
    // the last solid character in it, so the whitespace around the range's own lines is laid
    // out too.
    let from_text = text.get(..line_start).map_or(0, |t| t.trim_end().len());
    let to_text = line_start
        + text
            .get(line_start..line_end)
            .map_or(0, |t| t.trim_end().len());
    let from_fmt = place_after(before);
    let to_fmt = place_after(through).max(from_fmt);
    let replacement = formatted.get(from_fmt..to_fmt).unwrap_or("");
    let current = text.get(from_text..to_text).unwrap_or("");
    if replacement == current {
        return Ok(None);
    }
    Ok(Some(TextEdit {
        range: text_range(&f, from_text as u32, to_text as u32),
        new_text: replacement.to_string(),
    }))
}

/// Lay out a whole file: one edit replacing it, or none when it is laid out already.
pub fn format_whole(name: &str, text: &str) -> Result<Option<TextEdit>, String> {
    let formatted = super::format_rules(name, text)?;
    if formatted == text {
        return Ok(None);
    }
    let f = SourceFile::new(name, text);
    Ok(Some(TextEdit {
        range: text_range(&f, 0, text.len() as u32),
        new_text: formatted,
    }))
}

#[cfg(test)]
mod tests;
