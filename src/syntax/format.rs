//! The canonical layout of rule files (`probity fmt`): one declaration or clause per line,
//! indentation by structure and bracket depth, one blank line at most, no trailing spaces.
//! Changes whitespace only: every token, comment and string is kept exactly.

use super::parse::{Grammar, Rule};
use crate::diag::{Diagnostic, FileId, Span};
use pest::iterators::Pair;
use pest::Parser as _;

const INDENT: usize = 2;

/// Format rule text. Text that does not parse is refused with its syntax error.
pub fn format(file: FileId, text: &str) -> Result<String, Diagnostic> {
    // Pass 1 puts every declaration and clause on a line of its own; pass 2 indents.
    let broken = break_lines(file, text)?;
    let indented = indent(file, &broken)?;
    Ok(indented)
}

/// A place where a line's indentation is decided by structure rather than by brackets.
#[derive(Clone, Copy)]
struct Anchor {
    offset: usize,
    indent: usize,
    /// Index of the enclosing anchor, for lines that close its brackets.
    parent: Option<usize>,
    /// Declarations and clauses start lines; schema members may share one.
    starts_line: bool,
}

fn parse_tree(file: FileId, text: &str) -> Result<Pair<'_, Rule>, Diagnostic> {
    super::parse::parse_file(file, text)?;
    Grammar::parse(Rule::file, text)
        .ok()
        .and_then(|mut p| p.next())
        .ok_or_else(|| {
            Diagnostic::error("E0099", "internal parser error: empty parse")
                .at(Span::new(file, 0, 0))
        })
}

fn anchors(root: Pair<'_, Rule>) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    for item in root.into_inner() {
        if item.as_rule() == Rule::EOI {
            continue;
        }
        let item_index = out.len();
        out.push(Anchor {
            offset: item.as_span().start(),
            indent: 0,
            parent: None,
            starts_line: true,
        });
        let rule = item.as_rule();
        for (i, child) in item.into_inner().enumerate() {
            let start = child.as_span().start();
            let member = |out: &mut Vec<Anchor>, indent, parent, starts_line| {
                out.push(Anchor {
                    offset: start,
                    indent,
                    parent: Some(parent),
                    starts_line,
                });
            };
            match (rule, child.as_rule()) {
                // The declaration's own name or id stays on its first line.
                (_, _) if i == 0 && rule != Rule::test_decl => {}
                (Rule::test_decl, Rule::string) => {}
                (
                    Rule::rule_decl | Rule::conflict_decl | Rule::routes_decl | Rule::derive_decl,
                    _,
                )
                | (Rule::rulebook_decl, _)
                | (Rule::test_decl, _) => member(&mut out, INDENT, item_index, true),
                (Rule::enum_decl | Rule::record_decl, _) => {
                    member(&mut out, INDENT, item_index, false)
                }
                (Rule::variant_decl, Rule::case_decl) => {
                    let case_index = out.len();
                    member(&mut out, INDENT, item_index, false);
                    for field in child.into_inner().skip(1) {
                        out.push(Anchor {
                            offset: field.as_span().start(),
                            indent: 2 * INDENT,
                            parent: Some(case_index),
                            starts_line: false,
                        });
                    }
                }
                (Rule::variant_decl, _) => member(&mut out, INDENT, item_index, false),
                _ => {}
            }
        }
    }
    out.sort_by_key(|a| a.offset);
    out
}

fn break_lines(file: FileId, text: &str) -> Result<String, Diagnostic> {
    let root = parse_tree(file, text)?;
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for a in anchors(root).iter().filter(|a| a.starts_line) {
        let line_start = text
            .get(..a.offset)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
        let before = text.get(line_start..a.offset).unwrap_or("");
        if !before.trim().is_empty() {
            out.push_str(
                text.get(last..a.offset)
                    .unwrap_or("")
                    .trim_end_matches([' ', '\t']),
            );
            out.push('\n');
            last = a.offset;
        }
    }
    out.push_str(text.get(last..).unwrap_or(""));
    Ok(out)
}

/// Bracket depth before every byte, and whether the byte is inside a string or comment.
struct Scan {
    depth: Vec<u32>,
    literal: Vec<bool>,
}

fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut depth = Vec::with_capacity(bytes.len() + 1);
    let mut literal = Vec::with_capacity(bytes.len() + 1);
    let mut d: u32 = 0;
    let mut i = 0;
    #[derive(PartialEq)]
    enum In {
        Code,
        Str,
        Line,
        Block,
    }
    let mut state = In::Code;
    while i < bytes.len() {
        depth.push(d);
        literal.push(state != In::Code);
        let b = bytes.get(i).copied().unwrap_or(0);
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        match state {
            In::Code => match b {
                b'"' => state = In::Str,
                b'/' if next == b'/' => state = In::Line,
                b'/' if next == b'*' => state = In::Block,
                b'(' | b'[' | b'{' => d += 1,
                b')' | b']' | b'}' => d = d.saturating_sub(1),
                _ => {}
            },
            In::Str => match b {
                b'\\' => {
                    i += 1;
                    depth.push(d);
                    literal.push(true);
                }
                b'"' => state = In::Code,
                _ => {}
            },
            In::Line if b == b'\n' => state = In::Code,
            In::Block if b == b'*' && next == b'/' => {
                i += 1;
                depth.push(d);
                literal.push(true);
                state = In::Code;
            }
            _ => {}
        }
        i += 1;
    }
    depth.push(d);
    literal.push(false);
    Scan { depth, literal }
}

fn indent(file: FileId, text: &str) -> Result<String, Diagnostic> {
    let root = parse_tree(file, text)?;
    let anchors = anchors(root);
    let scan = scan(text);
    let depth_at = |o: usize| scan.depth.get(o).copied().unwrap_or(0) as usize;

    // Each line: (offset of its first non-blank byte, its trimmed text) or None when blank.
    let mut lines: Vec<Option<(usize, &str)>> = Vec::new();
    let mut raws: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for raw in text.split('\n') {
        raws.push((offset, raw));
        let trimmed = raw.trim_start_matches([' ', '\t']);
        let first = offset + (raw.len() - trimmed.len());
        let content = trimmed.trim_end_matches([' ', '\t', '\r']);
        let inside_literal = scan.literal.get(offset).copied().unwrap_or(false) && offset > 0;
        lines.push(if inside_literal {
            // A line that continues a string or a block comment is kept exactly.
            Some((usize::MAX, raw.trim_end_matches('\r')))
        } else if content.is_empty() {
            None
        } else {
            Some((first, content))
        });
        offset += raw.len() + 1;
    }

    let mut indents: Vec<Option<usize>> = vec![None; lines.len()];
    let mut current: Option<usize> = None; // index into anchors
    let mut next_anchor = 0;
    for (n, line) in lines.iter().enumerate() {
        let Some((first, content)) = *line else {
            continue;
        };
        if first == usize::MAX || content.starts_with("//") || content.starts_with("/*") {
            continue;
        }
        while anchors.get(next_anchor).is_some_and(|a| a.offset <= first) {
            current = Some(next_anchor);
            next_anchor += 1;
        }
        let closers = content
            .bytes()
            .take_while(|b| matches!(b, b'}' | b']' | b')'))
            .count();
        let here = depth_at(first).saturating_sub(closers);
        let mut a = current;
        while let Some(i) = a {
            let anchor = anchors.get(i).copied();
            match anchor {
                Some(an) if depth_at(an.offset) > here => a = an.parent,
                _ => break,
            }
        }
        let indent = match a.and_then(|i| anchors.get(i)) {
            None => 0,
            Some(an) if an.offset == first => an.indent,
            Some(an) => {
                let extra = here - depth_at(an.offset).min(here);
                // A continuation at the anchor's own depth hangs one step further in.
                let hang = if extra == 0 && closers == 0 {
                    2 * INDENT
                } else {
                    0
                };
                an.indent + INDENT * extra + hang
            }
        };
        if let Some(slot) = indents.get_mut(n) {
            *slot = Some(indent);
        }
    }
    // Comment lines take the indentation of the code that follows them.
    let mut following = 0;
    for n in (0..lines.len()).rev() {
        match (
            lines.get(n).copied().flatten(),
            indents.get(n).copied().flatten(),
        ) {
            (Some((first, _)), Some(i)) if first != usize::MAX => following = i,
            (Some((first, _)), None) if first != usize::MAX => {
                if let Some(slot) = indents.get_mut(n) {
                    *slot = Some(following);
                }
            }
            _ => {}
        }
    }

    // A comment lined up under the trailing comment of the line above continues it: it keeps
    // that alignment, moved by as much as the line above moved.
    // (old column, new column) of the comment column that a run of such lines follows.
    let mut run: Option<(usize, usize)> = None;
    for n in 1..lines.len() {
        let (Some(Some((first, content))), Some(Some(_))) = (lines.get(n), lines.get(n - 1)) else {
            run = None;
            continue;
        };
        let (Some(&(prev_start, prev_raw)), Some(&(start, _))) = (raws.get(n - 1), raws.get(n))
        else {
            continue;
        };
        if *first == usize::MAX || !content.starts_with("//") {
            run = None;
            continue;
        }
        let col_here = first - start;
        if let Some((old_col, new_col)) = run.filter(|(old_col, _)| *old_col == col_here) {
            if let Some(slot) = indents.get_mut(n) {
                *slot = Some(new_col);
            }
            run = Some((old_col, new_col));
            continue;
        }
        run = None;
        let trailing = prev_raw.match_indices("//").map(|(i, _)| i).find(|&i| {
            !scan.literal.get(prev_start + i).copied().unwrap_or(true)
                && prev_raw
                    .get(..i)
                    .is_some_and(|code| !code.trim().is_empty())
        });
        let Some(col) = trailing.filter(|col| *col == col_here) else {
            continue;
        };
        let old_indent = prev_raw.len() - prev_raw.trim_start_matches([' ', '\t']).len();
        let new_indent = indents.get(n - 1).copied().flatten().unwrap_or(old_indent);
        let new_col = (col + new_indent).saturating_sub(old_indent);
        if let Some(slot) = indents.get_mut(n) {
            *slot = Some(new_col);
        }
        run = Some((col, new_col));
    }

    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for (n, line) in lines.iter().enumerate() {
        match line {
            None => blank_run += 1,
            Some((first, content)) => {
                if blank_run > 0 && !out.is_empty() {
                    out.push('\n');
                }
                blank_run = 0;
                if *first != usize::MAX {
                    out.push_str(&" ".repeat(indents.get(n).copied().flatten().unwrap_or(0)));
                }
                out.push_str(content);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> String {
        format(0, s).unwrap_or_else(|d| panic!("{d:?}"))
    }

    #[test]
    fn clauses_go_on_their_own_lines_and_brackets_indent() {
        let messy = "rulebook x version \"1\"\n\n\n   document d: D\nrecord D {\n      a: hours,  // note\nb: bool }\n\
                     rule r title \"t\" cite \"c\"\n   require d.a <= 3 hours\n        message \"m\"\n\
                     example e = {\n\"a\": 1,\n   \"b\": [\n1]\n}\n";
        let want = "rulebook x\n  version \"1\"\n\ndocument d: D\nrecord D {\n  a: hours,  // note\n  b: bool }\nrule r\n  title \"t\"\n  cite \"c\"\n  require d.a <= 3 hours\n  message \"m\"\nexample e = {\n  \"a\": 1,\n  \"b\": [\n    1]\n}\n";
        assert_eq!(fmt(messy), want);
        assert_eq!(fmt(want), want);
    }

    #[test]
    fn comments_lined_up_under_a_trailing_comment_stay_lined_up() {
        let src = "rulebook x\ndocument d: D\nrecord D {\n      a: bool   // first line\n                // second\n                // third\n    // own line\n  b: bool\n}\n";
        let want = "rulebook x\ndocument d: D\nrecord D {\n  a: bool   // first line\n            // second\n            // third\n  // own line\n  b: bool\n}\n";
        assert_eq!(fmt(src), want);
        assert_eq!(fmt(want), want);
    }

    #[test]
    fn string_continuations_and_comments_are_kept() {
        let src = "rulebook x\ndocument d: D\nrecord D { a: bool }\n  // about r\nrule r\n  title \"a\n      long title\"\n  cite \"c\" message \"m\"\n  require d.a\n";
        let out = fmt(src);
        assert!(out.contains("// about r\nrule r\n"));
        assert!(out.contains("  title \"a\n      long title\"\n"));
        assert!(out.contains("  cite \"c\"\n  message \"m\"\n"));
        assert_eq!(fmt(&out), out);
    }
}
