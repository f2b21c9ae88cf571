//! What is wrong with a rule file, for an editor: the checker's diagnostics (with their one
//! fix), and, when asked, the analysis's findings (with the witness document that shows each)
//! and the failing tests beside the rules, all with editor ranges.

use super::{offset_at_utf16, text_range, TextEdit, TextRange};
use crate::api::Session;
use crate::diag::{Location, Severity, SourceFile};
use serde::Serialize;

/// How much to find: the check alone (as you type) or also lint and the rule tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    Check,
    Full,
}

/// A fix offered as one action.
#[derive(Clone, Debug, Serialize)]
pub struct QuickFix {
    pub title: String,
    pub edit: TextEdit,
}

/// A lint finding's witness: a document that shows it, and a file name for it beside the rules.
#[derive(Clone, Debug, Serialize)]
pub struct Witness {
    pub file_name: String,
    pub json: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Problem {
    pub range: TextRange,
    /// error, warning, info
    pub severity: &'static str,
    pub code: String,
    /// The message with its notes and hint.
    pub message: String,
    /// check, lint or test
    pub source: &'static str,
    pub fix: Option<QuickFix>,
    pub witness: Option<Witness>,
}

/// The problems of one rule file.
pub fn problems(name: &str, text: &str, depth: Depth) -> Vec<Problem> {
    let file = SourceFile::new(name, text);
    let compiled = Session::compile([(name, text)]);
    let mut out: Vec<Problem> = compiled
        .diagnostics
        .iter()
        .map(|d| {
            let (start, end) = match &d.location {
                Location::Source { span, .. } => (span.start, span.end),
                _ => (0, 0),
            };
            let mut message = d.message.clone();
            for n in &d.notes {
                message.push_str(&format!("\nnote: {n}"));
            }
            if let Some(h) = &d.hint {
                message.push_str(&format!("\nhint: {h}"));
            }
            let fix = d.fix.as_ref().map(|f| {
                let title = if f.replacement.trim().is_empty() {
                    "Remove this".to_string()
                } else if f.span.start == f.span.end {
                    format!("Insert `{}`", f.replacement.trim())
                } else {
                    format!("Change to `{}`", f.replacement.trim())
                };
                QuickFix {
                    title,
                    edit: TextEdit {
                        range: text_range(&file, f.span.start, f.span.end),
                        new_text: f.replacement.clone(),
                    },
                }
            });
            Problem {
                range: text_range(&file, start, end),
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    _ => "info",
                },
                code: d.code.to_string(),
                message,
                source: "check",
                fix,
                witness: None,
            }
        })
        .collect();
    let Some(session) = compiled.session else {
        return out;
    };
    if depth == Depth::Check {
        return out;
    }
    let stem = std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("rules")
        .to_string();
    let lint = session.lint();
    for (i, f) in lint.findings.iter().enumerate() {
        let kind = serde_json::to_value(f.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "finding".into());
        let witness = f.witness.as_ref().and_then(|w| {
            Some(Witness {
                file_name: format!("{stem}.{}.{kind}-{}.witness.json", f.id, i + 1),
                json: serde_json::to_string_pretty(w).ok()? + "\n",
            })
        });
        out.push(Problem {
            range: word_at_utf16(&file, f.utf16),
            severity: "warning",
            code: format!("lint: {kind}"),
            message: f.message.clone(),
            source: "lint",
            fix: None,
            witness,
        });
    }
    for t in session.run_tests().results.iter().filter(|t| !t.passed) {
        let start = offset_at_utf16(text, t.utf16);
        let end = text
            .get(start as usize..)
            .and_then(|s| s.find('\n'))
            .map_or(text.len(), |i| start as usize + i);
        out.push(Problem {
            range: text_range(&file, start, end as u32),
            severity: "error",
            code: "test".into(),
            message: format!("test failed: {}", t.failures.join("; ")),
            source: "test",
            fix: None,
            witness: None,
        });
    }
    out
}

/// The name at a UTF-16 place (a declaration's id where a finding points).
fn word_at_utf16(file: &SourceFile, utf16: u32) -> TextRange {
    let start = offset_at_utf16(&file.text, utf16) as usize;
    let rest = file.text.get(start..).unwrap_or("");
    // Past the keyword (`rule`, `routes`, ...) to the id after it.
    let word = |s: &str| {
        s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(s.len())
    };
    let first = word(rest);
    let after = rest.get(first..).unwrap_or("");
    let gap = after.len() - after.trim_start_matches(' ').len();
    let (s, e) = match after.get(gap..) {
        Some(id) if gap > 0 && word(id) > 0 => {
            (start + first + gap, start + first + gap + word(id))
        }
        _ => (start, start + first),
    };
    text_range(file, s as u32, e as u32)
}
