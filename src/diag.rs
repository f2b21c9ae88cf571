//! Diagnostics: the one error/warning type every stage reports, and the source files that spans
//! point into. Plain data; `render` turns one into the human text the CLI prints.

use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// Index of a source file in a [`Sources`] set.
pub type FileId = u32;

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SourceSpan"))]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span covering both (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    /// The law admits two readings, and under one of them the document breaks it: neither
    /// "unlawful" nor "lawful". The finding names the reading applied and the other one.
    Unsettled,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Unsettled => "unsettled",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Where a diagnostic points: into rule text, into a JSON document, or nowhere in particular.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Location {
    Source {
        #[serde(flatten)]
        span: Span,
        file_name: String,
        line: u32,
        column: u32,
    },
    Document {
        path: String,
    },
    None,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Diagnostic {
    /// Stable code, e.g. `E0201`. Listed in docs/DIAGNOSTICS.md.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(skip)]
    pub span: Option<Span>,
    pub location: Location,
    pub notes: Vec<String>,
    pub hint: Option<String>,
    /// A replacement an editor can apply with one action (e.g. the name it probably meant).
    pub fix: Option<Fix>,
}

/// Replace the text of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SourceFix"))]
pub struct Fix {
    #[serde(flatten)]
    pub span: Span,
    pub replacement: String,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span: None,
            location: Location::None,
            notes: Vec::new(),
            hint: None,
            fix: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Points into rule text; the line and column are filled in by [`Sources::locate`].
    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    /// Points into a JSON document.
    pub fn at_path(mut self, path: impl Into<String>) -> Diagnostic {
        self.location = Location::Document { path: path.into() };
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// "Did you mean `name`?", with a fix that replaces the diagnostic's span by `name`.
    pub fn suggest(mut self, name: &str) -> Diagnostic {
        self.hint = Some(format!("did you mean `{name}`?"));
        self.fix = self.span.map(|span| Fix {
            span,
            replacement: name.to_string(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One rule file: its name (a path, or a label such as `<editor>`) and text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// The UTF-16 offset of each line start, so a place is found without rescanning the file.
    line_utf16: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut line_utf16 = Vec::with_capacity(line_starts.len());
        let mut units = 0;
        let mut prev = 0;
        for start in &line_starts {
            units += text
                .get(prev..*start)
                .map_or(0, |s| s.chars().map(char::len_utf16).sum::<usize>());
            line_utf16.push(units);
            prev = *start;
        }
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            line_utf16,
        }
    }

    /// The 0-based line holding a byte offset, and the byte where that line starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        (line, self.line_starts.get(line).copied().unwrap_or(0))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let (line, start) = self.line_of(offset);
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, column as u32 + 1)
    }

    /// The same offset counted in UTF-16 code units, as JavaScript and CodeMirror count (an offset
    /// inside a character counts from that character's start).
    pub fn utf16(&self, offset: usize) -> u32 {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, start) = self.line_of(offset);
        let before = self.line_utf16.get(line).copied().unwrap_or(0);
        let units: usize = before
            + self
                .text
                .get(start..offset)
                .map_or(0, |s| s.chars().map(char::len_utf16).sum::<usize>());
        u32::try_from(units).unwrap_or(u32::MAX)
    }

    fn line_text(&self, line: u32) -> &str {
        let i = line.saturating_sub(1) as usize;
        let start = self.line_starts.get(i).copied().unwrap_or(0);
        let end = self
            .line_starts
            .get(i + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

/// A place in a rule file: line and column (1-based, in characters) for people, the byte offset
/// for Rust, the UTF-16 offset for JavaScript editors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub file_name: String,
    pub line: u32,
    pub column: u32,
    pub byte: u32,
    pub utf16: u32,
}

/// The rule files of one compilation.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(SourceFile::new(name, text));
        (self.files.len() - 1) as FileId
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id as usize)
    }

    /// Where a byte offset of a file falls, in every unit a face counts in; `None` for an
    /// unknown file.
    pub fn position(&self, file: FileId, offset: u32) -> Option<Position> {
        let f = self.get(file)?;
        let (line, column) = f.line_col(offset as usize);
        Some(Position {
            file_name: f.name.clone(),
            line,
            column,
            byte: offset,
            utf16: f.utf16(offset as usize),
        })
    }

    /// Where a span starts; an empty name and zeros for an unknown file.
    pub fn place(&self, span: Span) -> Position {
        self.position(span.file, span.start)
            .unwrap_or_else(|| Position {
                file_name: String::new(),
                line: 0,
                column: 0,
                byte: span.start,
                utf16: 0,
            })
    }

    /// Fill in a diagnostic's line and column from its span.
    pub fn locate(&self, mut diag: Diagnostic) -> Diagnostic {
        if let (Some(span), Location::None) = (diag.span, &diag.location) {
            if let Some(file) = self.get(span.file) {
                let (line, column) = file.line_col(span.start as usize);
                diag.location = Location::Source {
                    span,
                    file_name: file.name.clone(),
                    line,
                    column,
                };
            }
        }
        diag
    }

    /// Human rendering: `error[E0201]: ...`, the location, a caret excerpt, notes and hint.
    pub fn render(&self, diag: &Diagnostic) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            diag.severity.as_str(),
            diag.code,
            diag.message
        );
        match (&diag.location, diag.span) {
            (
                Location::Source {
                    file_name,
                    line,
                    column,
                    ..
                },
                Some(span),
            ) => {
                let _ = writeln!(out, "  --> {file_name}:{line}:{column}");
                if let Some(file) = self.get(span.file) {
                    let text = file.line_text(*line);
                    let gutter = line.to_string();
                    let pad = " ".repeat(gutter.len());
                    let (end_line, end_col) = file.line_col(span.end as usize);
                    let width = if end_line == *line {
                        (end_col.saturating_sub(*column)).max(1)
                    } else {
                        (text.chars().count() as u32 + 1)
                            .saturating_sub(*column)
                            .max(1)
                    };
                    // Long lines are shown as a window around the column.
                    let chars: Vec<char> = text.chars().collect();
                    let col = column.saturating_sub(1) as usize;
                    let (from, to) = if chars.len() > 120 {
                        (col.saturating_sub(40), (col + 80).min(chars.len()))
                    } else {
                        (0, chars.len())
                    };
                    let mut shown: String = chars.get(from..to).unwrap_or(&[]).iter().collect();
                    // The caret's padding copies tabs, so it lines up under the same text.
                    let mut lead: String = chars
                        .get(from..col.min(chars.len()))
                        .unwrap_or(&[])
                        .iter()
                        .map(|c| if *c == '\t' { '\t' } else { ' ' })
                        .collect();
                    if from > 0 {
                        shown.insert(0, '…');
                        lead.insert(0, ' ');
                    }
                    if to < chars.len() {
                        shown.push('…');
                    }
                    let width = (width as usize).min(80);
                    let _ = writeln!(out, "{pad} |");
                    let _ = writeln!(out, "{gutter} | {shown}");
                    let _ = writeln!(out, "{pad} | {lead}{}", "^".repeat(width));
                }
            }
            (Location::Document { path }, _) => {
                let _ = writeln!(out, "  --> document at {path}");
            }
            _ => {}
        }
        for note in &diag.notes {
            let _ = writeln!(out, "  = note: {note}");
        }
        if let Some(hint) = &diag.hint {
            let _ = writeln!(out, "  = help: {hint}");
        }
        out
    }
}

/// Names longer than this get no "did you mean" (the edit distance costs length squared).
const MAX_SUGGEST_LEN: usize = 256;

/// Edit distance for "did you mean" hints.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if name.len() > MAX_SUGGEST_LEN {
        return None;
    }
    let chars = name.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for cand in candidates {
        if cand.len() > MAX_SUGGEST_LEN {
            continue;
        }
        // The distance is at least the difference in length: skip hopeless candidates cheaply.
        let limit = (name.len().max(cand.len()) / 3).max(1);
        if chars.abs_diff(cand.chars().count()) > limit {
            continue;
        }
        let d = levenshtein(name, cand);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// Edit distance counting a swap of two neighbouring letters as one edit (optimal string
/// alignment), so `hihg` is one edit from `high`.
// Audited (docs/SECURITY.md): every index is within the (a+1) x (b+1) table by the loop bounds.
#[allow(clippy::indexing_slicing)]
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    let at = |i: usize, j: usize| i * w + j;
    for i in 0..=a.len() {
        d[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        d[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[at(i - 1, j)] + 1)
                .min(d[at(i, j - 1)] + 1)
                .min(d[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[at(i - 2, j - 2)] + 1);
            }
            d[at(i, j)] = v;
        }
    }
    d[at(a.len(), b.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_in_characters() {
        let f = SourceFile::new("x", "ab\n£cd\nef");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(5), (2, 2)); // after the two-byte £
        assert_eq!(f.line_col(8), (3, 1));
    }

    #[test]
    fn closest_name_suggests_near_misses_only() {
        let names = ["hours_per_day", "length", "em"];
        assert_eq!(closest("hours_per_dya", names), Some("hours_per_day"));
        assert_eq!(closest("zzzzzz", names), None);
        assert_eq!(closest("hihg", ["low", "high"]), Some("high"));
    }
}
