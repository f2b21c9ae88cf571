//! Rule text -> AST. Owns the pest parser and the translation of its parse tree and errors;
//! never looks a name up or judges a type.

use super::ast::*;
use crate::diag::{Diagnostic, FileId, Span};
use pest::iterators::Pair;
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/probity.pest"]
pub(crate) struct Grammar;

/// Rule text larger than this is refused before parsing (see docs/SECURITY.md).
pub const MAX_SOURCE_BYTES: usize = 4 * 1024 * 1024;
/// Brackets nested deeper than this are refused before parsing, so no input can exhaust the stack.
pub const MAX_NESTING: usize = 32;
/// The parse tree may be at most this deep (each bracket level costs about a dozen).
pub const MAX_TREE_DEPTH: usize = 480;
/// One expression may hold at most this many parse-tree nodes.
pub const MAX_EXPR_NODES: usize = 4000;
/// An expression tree may be at most this deep once built (checker and evaluator recurse on it).
pub const MAX_EXPR_DEPTH: usize = 64;
/// The parser's work on one text, in pest's calls (every rule, sequence, repetition and lookahead
/// entered, backtracking included): a bound on the time any text can take, whatever the grammar
/// makes the parser try again. The shipped rulebooks take 3.3 to 4.7 calls a byte, so the
/// largest text allowed (`MAX_SOURCE_BYTES`) needs about 20 million: this leaves three times
/// that. (pest keeps the bound for the whole process; nothing else here parses with pest.)
pub const MAX_PARSE_CALLS: usize = 64 << 20;

/// Parse one rule file.
pub fn parse_file(file: FileId, text: &str) -> Result<File, Diagnostic> {
    guard_limits(file, text)?;
    bound_parse_work();
    let mut pairs = Grammar::parse(Rule::file, text).map_err(|e| pest_error(file, 0, text, e))?;
    let root = pairs.next().ok_or_else(|| internal(file, "empty parse"))?;
    check_tree_depth(&root, file, 0)?;
    let cx = Cx { file, base: 0 };
    let mut items = Vec::new();
    for pair in root.into_inner() {
        if pair.as_rule() == Rule::EOI {
            continue;
        }
        items.push(cx.item(pair)?);
    }
    Ok(File { items })
}

/// Parse an expression that starts at byte `base` of `file` (message holes).
pub fn parse_expr_at(file: FileId, base: usize, text: &str) -> Result<Expr, Diagnostic> {
    guard_limits(file, text)?;
    bound_parse_work();
    let mut pairs =
        Grammar::parse(Rule::expr_only, text).map_err(|e| pest_error(file, base, text, e))?;
    let root = pairs.next().ok_or_else(|| internal(file, "empty parse"))?;
    check_tree_depth(&root, file, base)?;
    let cx = Cx { file, base };
    let expr = root
        .into_inner()
        .next()
        .ok_or_else(|| internal(file, "empty expression"))?;
    cx.top_expr(expr)
}

fn too_deep(file: FileId, start: usize, end: usize, what: &str) -> Diagnostic {
    Diagnostic::error("E0003", what.to_string())
        .at(Span::new(file, start, end))
        .hint("split the condition with named constants, `for each` clauses or separate rules")
}

/// Walks the parse tree without recursion: refuses trees deep enough to strain the stack later.
fn check_tree_depth(root: &Pair<Rule>, file: FileId, base: usize) -> Result<(), Diagnostic> {
    let mut open_ends: Vec<usize> = Vec::new();
    for pair in root.clone().into_inner().flatten() {
        let span = pair.as_span();
        while open_ends
            .last()
            .is_some_and(|&end| end <= span.start() && end != span.end())
        {
            open_ends.pop();
        }
        open_ends.push(span.end());
        if open_ends.len() > MAX_TREE_DEPTH {
            return Err(too_deep(
                file,
                base + span.start(),
                base + span.end(),
                "this expression is nested too deeply to check",
            ));
        }
    }
    Ok(())
}

/// The direct sub-expressions of an expression.
pub fn children(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Literal(_) | ExprKind::Path(_) | ExprKind::Set(_) => Vec::new(),
        ExprKind::Not(x) | ExprKind::Neg(x) | ExprKind::Is { value: x, .. } => vec![x],
        ExprKind::And(xs) | ExprKind::Or(xs) | ExprKind::Compare(xs, _) => xs.iter().collect(),
        ExprKind::Call { args, .. } => args.iter().collect(),
        ExprKind::Implies(a, b) | ExprKind::Arith(a, _, b) | ExprKind::Coalesce(a, b) => vec![a, b],
        ExprKind::In { value, set, .. } => vec![value, set],
        ExprKind::Aggregate {
            binder,
            filter,
            body,
            ..
        } => {
            let mut v = vec![&binder.list];
            v.extend(filter.as_deref());
            v.extend(body.as_deref());
            v
        }
    }
}

/// Depth of an expression tree, without recursion.
fn expr_depth(e: &Expr) -> usize {
    let mut max = 0;
    let mut stack = vec![(e, 1usize)];
    while let Some((e, d)) = stack.pop() {
        max = max.max(d);
        stack.extend(children(e).into_iter().map(|c| (c, d + 1)));
    }
    max
}

fn guard_limits(file: FileId, text: &str) -> Result<(), Diagnostic> {
    if text.len() > MAX_SOURCE_BYTES {
        return Err(Diagnostic::error(
            "E0002",
            format!(
                "rule text is {} bytes; the limit is {} bytes",
                text.len(),
                MAX_SOURCE_BYTES
            ),
        )
        .at(Span::new(file, 0, 0)));
    }
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Diagnostic::error(
                        "E0003",
                        format!("brackets are nested more than {MAX_NESTING} deep"),
                    )
                    .at(Span::new(file, i, i + 1))
                    .hint("split the expression with named constants or simpler conditions"));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Sets pest's bound on a parse's work (`MAX_PARSE_CALLS`), once for the process.
fn bound_parse_work() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| pest::set_call_limit(std::num::NonZeroUsize::new(MAX_PARSE_CALLS)));
}

fn internal(file: FileId, what: &str) -> Diagnostic {
    Diagnostic::error("E0099", format!("internal parser error: {what}")).at(Span::new(file, 0, 0))
}

fn pest_error(file: FileId, base: usize, text: &str, e: pest::error::Error<Rule>) -> Diagnostic {
    let (start, end) = match e.location {
        pest::error::InputLocation::Pos(p) => (p, p + 1),
        pest::error::InputLocation::Span((s, e)) => (s, e),
    };
    let positives = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        pest::error::ErrorVariant::CustomError { message } => {
            // pest's own guards: the stack (nested too deeply) or the work (`MAX_PARSE_CALLS`),
            // not malformed text.
            let what = if message.contains("call limit") {
                format!("this text takes too much work to read ({message})")
            } else {
                format!("this text is nested too deeply to read ({message})")
            };
            return too_deep(file, base + start, base + end, &what);
        }
    };
    // Unclosed strings, comments and brackets explain a failure better than the grammar can.
    if let Some(d) = lexical_problem(file, base, text) {
        return d;
    }
    let at = |s: usize, e: usize| Span::new(file, base + s, base + e);
    let rest = text.get(start..).unwrap_or("");
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if rest.trim().is_empty() {
        // At the end of the text: point just after the last thing written.
        let last = text.get(..start).map_or(0, |t| t.trim_end().len());
        return Diagnostic::error("E0001", format!("expected {}", expected_list(&positives)))
            .at(at(last, last + 1));
    }
    if let Some((context, clauses)) = clause_context(&positives) {
        if !word.is_empty() && !clauses.contains(&word.as_str()) {
            let mut d =
                Diagnostic::error("E0001", format!("`{word}` is not a clause of {context}"))
                    .at(at(start, start + word.len()))
                    .note(format!(
                        "the clauses of {context} are {}",
                        clauses.join(", ")
                    ));
            if let Some(c) = crate::diag::closest(&word, clauses.iter().copied()) {
                d = d.suggest(c);
            }
            return d;
        }
    }
    let found = if word.is_empty() {
        rest.chars().next().map(String::from).unwrap_or_default()
    } else {
        word
    };
    let width = found.len().max(1);
    Diagnostic::error(
        "E0001",
        format!("expected {}, found `{found}`", expected_list(&positives)),
    )
    .at(at(start, start + width))
}

/// "an expression", "a field (`name: type`) or `}`", ...
fn expected_list(positives: &[Rule]) -> String {
    let mut names: Vec<&str> = positives.iter().filter_map(|r| describe(*r)).collect();
    names.sort_unstable();
    names.dedup();
    // pest leaves literal tokens out of what it expected; a field list can always be closed.
    if positives
        .iter()
        .any(|r| matches!(r, Rule::field_decl | Rule::case_decl))
    {
        names.push("`}`");
    }
    match names.as_slice() {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// When the parser wanted a clause of some declaration: which declaration, and its clauses.
fn clause_context(positives: &[Rule]) -> Option<(&'static str, &'static [&'static str])> {
    let has = |r: Rule| positives.contains(&r);
    if has(Rule::require_clause) {
        Some((
            "a rule",
            &[
                "title",
                "cite",
                "explain",
                "severity",
                "in force",
                "for each",
                "when",
                "require",
                "message",
                "verified",
                "unverified",
            ],
        ))
    } else if has(Rule::between_clause) {
        Some((
            "a conflict",
            &[
                "title",
                "cite",
                "explain",
                "severity",
                "in force",
                "between",
                "when",
                "message",
                "verified",
                "unverified",
            ],
        ))
    } else if has(Rule::route_row) {
        Some((
            "a routes table",
            &[
                "title",
                "cite",
                "explain",
                "in force",
                "decides",
                "hit policy",
                "when",
                "verified",
                "unverified",
            ],
        ))
    } else if has(Rule::value_clause) {
        Some((
            "a derived value",
            &[
                "title",
                "cite",
                "explain",
                "in force",
                "when",
                "value",
                "verified",
                "unverified",
            ],
        ))
    } else {
        None
    }
}

/// Strings, comments and brackets that never close, and closing brackets that close nothing.
fn lexical_problem(file: FileId, base: usize, text: &str) -> Option<Diagnostic> {
    let at = |s: usize, e: usize| Span::new(file, base + s, base + e);
    let bytes = text.as_bytes();
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let start = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Some(
                                Diagnostic::error("E0007", "this string is never closed")
                                    .at(at(start, start + 1))
                                    .hint("close it with `\"`"),
                            )
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
                if let Some(d) = runaway_string(text, start, i).map(|line| {
                    Diagnostic::error("E0007", format!("this string runs on to line {line}; is its closing `\"` missing?"))
                        .at(at(start, start + 1))
                        .note("strings may span lines, so this one ends at the next `\"`, and what follows it is not valid")
                }) {
                    return Some(d);
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while bytes.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                match text.get(i + 2..).and_then(|t| t.find("*/")) {
                    Some(k) => i += k + 3,
                    None => {
                        return Some(
                            Diagnostic::error("E0007", "this comment is never closed")
                                .at(at(i, i + 2))
                                .hint("close it with `*/`"),
                        )
                    }
                }
            }
            b'(' | b'[' | b'{' => open.push((b, i)),
            b')' | b']' | b'}' => {
                let want = match b {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match open.pop() {
                    Some((o, _)) if o == want => {}
                    _ => {
                        let (c, w) = (b as char, want as char);
                        return Some(
                            Diagnostic::error(
                                "E0007",
                                format!("unexpected `{c}`: there is no `{w}` for it to close"),
                            )
                            .at(at(i, i + 1)),
                        );
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    open.pop().map(|(b, i)| {
        let close = match b {
            b'(' => ')',
            b'[' => ']',
            _ => '}',
        };
        Diagnostic::error("E0007", format!("this `{}` is never closed", b as char))
            .at(at(i, i + 1))
            .hint(format!("close it with `{close}`"))
    })
}

/// A string whose later lines look like the next clause most likely lost its closing quote:
/// the line number where the look-alike starts.
fn runaway_string(text: &str, start: usize, end: usize) -> Option<usize> {
    let body = text.get(start + 1..end)?;
    let mut offset = start + 1;
    let lines: Vec<&str> = body.split('\n').collect();
    for (n, line) in lines.iter().enumerate() {
        // The string's own closing quote may be the opening quote of the look-alike clause.
        let line = if n + 1 == lines.len() {
            format!("{line}\"")
        } else {
            (*line).to_string()
        };
        let trimmed = line.trim_start();
        let clause = ["title", "cite", "explain", "message"].iter().any(|k| {
            trimmed.strip_prefix(k).is_some_and(|r| {
                r.trim_start().starts_with('"') && r.starts_with(char::is_whitespace)
            })
        });
        let decl = [
            "rule ",
            "conflict ",
            "routes ",
            "derive ",
            "test ",
            "example ",
        ]
        .iter()
        .any(|k| line.starts_with(k));
        if n > 0 && (clause || decl) {
            return Some(text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1);
        }
        offset += line.len() + 1;
    }
    None
}

/// Names of grammar rules as a rule author would call them; `None` hides helper rules.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::EOI => "end of file",
        Rule::item | Rule::file => {
            "a declaration (rule, conflict, routes, derive, record, enum, variant, test, ...)"
        }
        Rule::rulebook_decl => "`rulebook`",
        Rule::enum_decl => "`enum`",
        Rule::record_decl => "`record`",
        Rule::variant_decl => "`variant`",
        Rule::document_decl => "`document`",
        Rule::law_date_decl => "`law date`",
        Rule::const_decl => "`const`",
        Rule::set_decl => "`set`",
        Rule::let_decl => "`let`",
        Rule::rule_decl => "`rule`",
        Rule::conflict_decl => "`conflict`",
        Rule::routes_decl => "`routes`",
        Rule::derive_decl => "`derive`",
        Rule::example_decl => "`example`",
        Rule::test_decl => "`test`",
        Rule::ident | Rule::path => "a name",
        Rule::rule_id => "an id (letters, digits, `-` and `_`)",
        Rule::string => "a string in double quotes",
        Rule::date_lit => "a date (YYYY-MM-DD)",
        Rule::time_lit => "a time (HH:MM)",
        Rule::number | Rule::quantity => "a number",
        Rule::unit => "a unit",
        Rule::literal => "a literal value",
        r if is_ladder(r) => "an expression",
        Rule::paren | Rule::aggregate | Rule::call | Rule::set_lit => "an expression",
        Rule::cmp_op | Rule::cmp_chain => "a comparison (== != < <= > >=)",
        Rule::add_op => "`+` or `-`",
        Rule::kw_and => "`and`",
        Rule::kw_or => "`or`",
        Rule::kw_in => "`in`",
        Rule::kw_is => "`is`",
        Rule::kw_implies => "`implies`",
        Rule::kw_where => "`where`",
        Rule::title_clause => "`title`",
        Rule::cite_clause => "`cite`",
        Rule::explain_clause => "`explain`",
        Rule::severity_clause => "`severity`",
        Rule::verified_clause => "`verified`",
        Rule::unverified_clause => "`unverified`",
        Rule::severity => "`error`, `unsettled`, `warning` or `info`",
        Rule::in_force_clause => "`in force`",
        Rule::when_clause => "`when`",
        Rule::require_clause => "`require`",
        Rule::message_clause => "`message`",
        Rule::cy_clause => "`cy` (the Welsh of the text before it)",
        Rule::schema_words | Rule::label_clause => "`label`",
        Rule::hint_clause => "`hint`",
        Rule::for_each_clause => "`for each`",
        Rule::between_clause => "`between`",
        Rule::decides_clause => "`decides`",
        Rule::applies_clause => "`applies when`",
        Rule::hit_policy_clause => "`hit policy`",
        Rule::hit_policy => {
            "`unique`, `any`, `first`, `priority`, `collect` (`sum`, `min`, `max`, `count`), `rule order` or `output order`"
        }
        Rule::route_row => "a row (`when ... => output`)",
        Rule::value_clause => "`value`",
        Rule::version_clause => "`version`",
        Rule::field_decl => "a field (`name: type`)",
        Rule::case_decl => "a case (`name { fields }`)",
        Rule::type_expr => "a type",
        Rule::given_clause => "`given`",
        Rule::expect_clause => "`expect`",
        Rule::json_value | Rule::json_object => "a JSON value",
        Rule::json_member => "a JSON member (\"name\": value)",
        Rule::binder | Rule::binder_in_agg => "a binding (`[kind] name in list`)",
        _ => return None,
    })
}

struct Cx {
    file: FileId,
    base: usize,
}

type PResult<T> = Result<T, Diagnostic>;

impl Cx {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, self.base + s.start(), self.base + s.end())
    }

    fn ident(&self, pair: Pair<Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    fn missing(&self, at: Span, what: &str) -> Diagnostic {
        Diagnostic::error("E0099", format!("internal parser error: missing {what}")).at(at)
    }

    /// The `n`th child of a pair, or an internal error (the grammar guarantees it).
    fn child<'a>(&self, pair: &Pair<'a, Rule>, n: usize, what: &str) -> PResult<Pair<'a, Rule>> {
        pair.clone()
            .into_inner()
            .nth(n)
            .ok_or_else(|| self.missing(self.span(pair), what))
    }

    /// An expression that stands on its own in a clause: size and depth are checked here so the
    /// checker and evaluator, which recurse, never meet a tree deep enough to strain the stack.
    fn top_expr(&self, pair: Pair<Rule>) -> PResult<Expr> {
        let span = self.span(&pair);
        if pair.clone().into_inner().flatten().count() > MAX_EXPR_NODES {
            return Err(too_deep(
                self.file,
                span.start as usize,
                span.end as usize,
                "this expression is too large to check",
            ));
        }
        let e = self.expr(pair)?;
        if expr_depth(&e) > MAX_EXPR_DEPTH {
            return Err(too_deep(
                self.file,
                span.start as usize,
                span.end as usize,
                &format!("this expression is nested more than {MAX_EXPR_DEPTH} levels deep"),
            ));
        }
        Ok(e)
    }

    fn item(&self, pair: Pair<Rule>) -> PResult<Item> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.clone().into_inner();
        Ok(match rule {
            Rule::rulebook_decl => {
                let name = self.ident(self.child(&pair, 0, "name")?);
                let mut version = None;
                let mut title = None;
                let mut title_cy = None;
                for p in inner.skip(1) {
                    match p.as_rule() {
                        Rule::version_clause => {
                            version = Some(self.string(self.child(&p, 0, "string")?))
                        }
                        Rule::title_clause => {
                            title = Some(self.string(self.child(&p, 0, "string")?))
                        }
                        Rule::cy_clause => {
                            title_cy = Some(self.string(self.child(&p, 0, "string")?))
                        }
                        _ => {}
                    }
                }
                Item::Rulebook(RulebookHeader {
                    name,
                    version,
                    title,
                    title_cy,
                    span,
                })
            }
            Rule::enum_decl => {
                let name = self.ident(self.child(&pair, 0, "name")?);
                let mut values = Vec::new();
                let mut words = Vec::new();
                for p in inner.skip(1) {
                    match p.as_rule() {
                        Rule::schema_words => {
                            if let Some(last) = words.last_mut() {
                                *last = Some(self.schema_words(p)?);
                            }
                        }
                        _ => {
                            values.push(self.ident(p));
                            words.push(None);
                        }
                    }
                }
                Item::Enum(EnumDecl {
                    name,
                    values,
                    words,
                    span,
                })
            }
            Rule::record_decl => {
                let name = self.ident(self.child(&pair, 0, "name")?);
                let fields = inner
                    .skip(1)
                    .map(|p| self.field(p))
                    .collect::<PResult<_>>()?;
                Item::Record(RecordDecl { name, fields, span })
            }
            Rule::variant_decl => {
                let name = self.ident(self.child(&pair, 0, "name")?);
                let mut shared = Vec::new();
                let mut cases = Vec::new();
                for p in inner.skip(1) {
                    match p.as_rule() {
                        Rule::field_decl => shared.push(self.field(p)?),
                        _ => {
                            let cspan = self.span(&p);
                            let mut ci = p.into_inner();
                            let cname = ci
                                .next()
                                .map(|p| self.ident(p))
                                .ok_or_else(|| self.missing(cspan, "case name"))?;
                            let mut words = None;
                            let mut fields = Vec::new();
                            for p in ci {
                                match p.as_rule() {
                                    Rule::schema_words => words = Some(self.schema_words(p)?),
                                    _ => fields.push(self.field(p)?),
                                }
                            }
                            cases.push(CaseDecl {
                                name: cname,
                                words,
                                fields,
                                span: cspan,
                            });
                        }
                    }
                }
                Item::Variant(VariantDecl {
                    name,
                    shared,
                    cases,
                    span,
                })
            }
            Rule::document_decl => Item::Document {
                name: self.ident(self.child(&pair, 0, "name")?),
                ty: self.ident(self.child(&pair, 1, "type")?),
                span,
            },
            Rule::law_date_decl => Item::LawDate {
                path: self.path(self.child(&pair, 0, "path")?),
                span,
            },
            Rule::const_decl => Item::Const {
                name: self.ident(self.child(&pair, 0, "name")?),
                value: self.literal(self.child(&pair, 1, "value")?)?,
                span,
            },
            Rule::set_decl => Item::Set {
                name: self.ident(self.child(&pair, 0, "name")?),
                elems: self.set_elems(self.child(&pair, 1, "set")?)?,
                span,
            },
            Rule::let_decl => Item::Let {
                name: self.ident(self.child(&pair, 0, "name")?),
                value: self.top_expr(self.child(&pair, 1, "value")?)?,
                span,
            },
            Rule::rule_decl => Item::Rule(self.decl(pair)?),
            Rule::conflict_decl => Item::Conflict(self.decl(pair)?),
            Rule::routes_decl => Item::Routes(self.decl(pair)?),
            Rule::derive_decl => Item::Derive(self.decl(pair)?),
            Rule::example_decl => Item::Example {
                name: self.ident(self.child(&pair, 0, "name")?),
                value: self.json(self.child(&pair, 1, "object")?)?,
                span,
            },
            Rule::test_decl => {
                let name = self.string(
                    inner
                        .next()
                        .ok_or_else(|| self.missing(span, "test name"))?,
                );
                let given_pair = inner.next().ok_or_else(|| self.missing(span, "given"))?;
                let gspan = self.span(&given_pair);
                let mut given = Given {
                    example: None,
                    patch: None,
                    span: gspan,
                };
                for p in given_pair.into_inner() {
                    match p.as_rule() {
                        Rule::ident => given.example = Some(self.ident(p)),
                        _ => given.patch = Some(self.json(p)?),
                    }
                }
                let expects = inner.map(|p| self.expect(p)).collect::<PResult<_>>()?;
                Item::Test(TestDecl {
                    name,
                    given,
                    expects,
                    span,
                })
            }
            _ => return Err(self.missing(span, "declaration")),
        })
    }

    fn field(&self, pair: Pair<Rule>) -> PResult<FieldDecl> {
        let ordered_by = pair
            .clone()
            .into_inner()
            .find(|p| p.as_rule() == Rule::ordered_by)
            .and_then(|p| p.into_inner().next())
            .map(|p| self.ident(p));
        let role = pair
            .clone()
            .into_inner()
            .find(|p| p.as_rule() == Rule::field_role)
            .map(|p| {
                let span = self.span(&p);
                let role = if p.into_inner().any(|r| r.as_rule() == Rule::role_start) {
                    FieldRole::Start
                } else {
                    FieldRole::Duration
                };
                (role, span)
            });
        let words = match pair
            .clone()
            .into_inner()
            .find(|p| p.as_rule() == Rule::schema_words)
        {
            Some(p) => Some(self.schema_words(p)?),
            None => None,
        };
        Ok(FieldDecl {
            name: self.ident(self.child(&pair, 0, "field name")?),
            ty: self.type_expr(self.child(&pair, 1, "field type")?)?,
            role,
            ordered_by,
            words,
        })
    }

    /// `label "..." cy "..." hint "..." cy "..."`.
    fn schema_words(&self, pair: Pair<Rule>) -> PResult<SchemaWords> {
        let span = self.span(&pair);
        let mut label = None;
        let mut words = SchemaWords {
            label: Str {
                value: String::new(),
                span,
            },
            label_cy: None,
            hint: None,
            hint_cy: None,
            span,
        };
        for clause in pair.into_inner() {
            let is_label = clause.as_rule() == Rule::label_clause;
            let mut parts = clause.into_inner();
            let text = parts.next().map(|p| self.string(p));
            let cy = match parts.next() {
                Some(c) => Some(self.string(self.child(&c, 0, "string")?)),
                None => None,
            };
            if is_label {
                label = text;
                words.label_cy = cy;
            } else {
                words.hint = text;
                words.hint_cy = cy;
            }
        }
        words.label = label.ok_or_else(|| self.missing(span, "label"))?;
        Ok(words)
    }

    fn type_expr(&self, pair: Pair<Rule>) -> PResult<TypeExpr> {
        let span = self.span(&pair);
        let inner = self.child(&pair, 0, "type")?;
        Ok(match inner.as_rule() {
            Rule::ident => TypeExpr::Named(self.ident(inner)),
            Rule::list_type => TypeExpr::List(
                Box::new(self.type_expr(self.child(&inner, 0, "type")?)?),
                span,
            ),
            Rule::optional_type => TypeExpr::Optional(
                Box::new(self.type_expr(self.child(&inner, 0, "type")?)?),
                span,
            ),
            _ => return Err(self.missing(span, "type")),
        })
    }

    fn decl(&self, pair: Pair<Rule>) -> PResult<RuleDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let id = self.ident(inner.next().ok_or_else(|| self.missing(span, "id"))?);
        let mut clauses: Vec<Clause> = Vec::new();
        for p in inner {
            let clause = match p.as_rule() {
                Rule::cy_clause => Clause::Welsh(self.welsh(clauses.last(), p)?),
                _ => self.clause(p)?,
            };
            clauses.push(clause);
        }
        Ok(RuleDecl { id, clauses, span })
    }

    /// A `cy` clause, read as the Welsh of the clause before it (a message's with its holes).
    fn welsh(&self, before: Option<&Clause>, pair: Pair<Rule>) -> PResult<Welsh> {
        let string = self.child(&pair, 0, "string")?;
        Ok(match before {
            Some(Clause::Title(_)) => Welsh::Title(self.string(string)),
            Some(Clause::Explain(_)) => Welsh::Explain(self.string(string)),
            Some(Clause::Message(_)) => Welsh::Message(self.message(string)?),
            _ => Welsh::Stray(self.string(string)),
        })
    }

    fn clause(&self, pair: Pair<Rule>) -> PResult<Clause> {
        let span = self.span(&pair);
        Ok(match pair.as_rule() {
            Rule::title_clause => Clause::Title(self.string(self.child(&pair, 0, "string")?)),
            Rule::cite_clause => Clause::Cite(self.string(self.child(&pair, 0, "string")?)),
            Rule::explain_clause => Clause::Explain(self.string(self.child(&pair, 0, "string")?)),
            Rule::verified_clause => Clause::Verified(self.string(self.child(&pair, 0, "string")?)),
            Rule::unverified_clause => {
                Clause::Unverified(self.string(self.child(&pair, 0, "string")?))
            }
            Rule::severity_clause => {
                let s = self.child(&pair, 0, "severity")?;
                let lit = match s.as_str() {
                    "unsettled" => SeverityLit::Unsettled,
                    "warning" => SeverityLit::Warning,
                    "info" => SeverityLit::Info,
                    _ => SeverityLit::Error,
                };
                Clause::Severity(lit, span)
            }
            Rule::in_force_clause => {
                let mut f = InForce {
                    from: None,
                    until: None,
                    by: None,
                    span,
                };
                // `from` and `until` are both date literals; tell them apart by the keyword text.
                for p in pair.into_inner() {
                    match p.as_rule() {
                        Rule::date_lit => {
                            let before = &span_text_before(&p);
                            let d = DateLit {
                                text: p.as_str().to_string(),
                                span: self.span(&p),
                            };
                            if before.ends_with("until") {
                                f.until = Some(d);
                            } else {
                                f.from = Some(d);
                            }
                        }
                        Rule::path => f.by = Some(self.path(p)),
                        _ => {}
                    }
                }
                Clause::InForce(f)
            }
            Rule::for_each_clause => Clause::ForEach(self.binder(self.child(&pair, 0, "binder")?)?),
            Rule::when_clause => {
                Clause::When(self.top_expr(self.child(&pair, 0, "condition")?)?)
            }
            Rule::require_clause => {
                Clause::Require(self.top_expr(self.child(&pair, 0, "condition")?)?)
            }
            Rule::message_clause => Clause::Message(self.message(self.child(&pair, 0, "string")?)?),
            Rule::between_clause => {
                let mut inner = pair.clone().into_inner();
                let left = self.side(
                    inner
                        .next()
                        .ok_or_else(|| self.missing(span, "left side"))?,
                )?;
                let _and = inner.next();
                let right = self.side(
                    inner
                        .next()
                        .ok_or_else(|| self.missing(span, "right side"))?,
                )?;
                let _in = inner.next();
                let list =
                    self.top_expr(inner.next().ok_or_else(|| self.missing(span, "list"))?)?;
                Clause::Between(Between {
                    left,
                    right,
                    list,
                    span,
                })
            }
            Rule::decides_clause => Clause::Decides(self.ident(self.child(&pair, 0, "enum")?)),
            Rule::applies_clause => {
                Clause::Applies(self.top_expr(self.child(&pair, 0, "condition")?)?)
            }
            Rule::hit_policy_clause => {
                let p = self.child(&pair, 0, "hit policy")?;
                let policy = HitPolicy::from_words(p.as_str()).unwrap_or(HitPolicy::Unique);
                Clause::HitPolicy(policy, span)
            }
            Rule::route_row => {
                let mut inner = pair.clone().into_inner();
                let condition = self.top_expr(
                    inner
                        .next()
                        .ok_or_else(|| self.missing(span, "condition"))?,
                )?;
                let output = self.ident(inner.next().ok_or_else(|| self.missing(span, "output"))?);
                let cite = match inner.next() {
                    Some(c) => Some(self.string(self.child(&c, 0, "string")?)),
                    None => None,
                };
                Clause::Row(RouteRow {
                    condition,
                    output,
                    cite,
                    span,
                })
            }
            Rule::value_clause => Clause::Value(self.top_expr(self.child(&pair, 0, "value")?)?),
            _ => return Err(self.missing(span, "clause")),
        })
    }

    fn side(&self, pair: Pair<Rule>) -> PResult<ConflictSide> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let kind = self.ident(inner.next().ok_or_else(|| self.missing(span, "case"))?);
        let name = inner.next().map(|p| self.ident(p));
        Ok(ConflictSide { kind, name })
    }

    fn binder(&self, pair: Pair<Rule>) -> PResult<Binder> {
        let span = self.span(&pair);
        let mut kind = None;
        let mut name = None;
        let mut list = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::binder_kind => kind = Some(self.ident(self.child(&p, 0, "case")?)),
                Rule::ident => name = Some(self.ident(p)),
                Rule::kw_in => {}
                _ => list = Some(self.top_expr(p)?),
            }
        }
        Ok(Binder {
            kind,
            name: name.ok_or_else(|| self.missing(span, "binder name"))?,
            list: list.ok_or_else(|| self.missing(span, "list"))?,
            span,
        })
    }

    fn expect(&self, pair: Pair<Rule>) -> PResult<Expect> {
        let e = self.child(&pair, 0, "expectation")?;
        let span = self.span(&e);
        let mut inner = e.clone().into_inner();
        let mut next = |what: &str| inner.next().ok_or_else(|| self.missing(span, what));
        Ok(match e.as_rule() {
            Rule::expect_clean => Expect::NoFindings(span),
            Rule::expect_no_finding => Expect::NoFinding(self.ident(next("rule id")?)),
            Rule::expect_finding => {
                let rule = self.ident(next("rule id")?);
                let at = next("path").ok().map(|p| self.string(p));
                Expect::Finding { rule, at }
            }
            Rule::expect_no_route => Expect::NoRoute(self.ident(next("table")?)),
            Rule::expect_no_value => Expect::NoValue(self.ident(next("derived value")?)),
            Rule::expect_route => Expect::Route {
                table: self.ident(next("table")?),
                output: self.ident(next("output")?),
            },
            Rule::expect_value => {
                let derive = self.ident(next("derived value")?);
                let v = next("value")?;
                let value = match v.as_rule() {
                    Rule::ident => SetElem::Symbol(self.ident(v)),
                    _ => SetElem::Literal(self.literal(v)?),
                };
                Expect::Value { derive, value }
            }
            _ => return Err(self.missing(span, "expectation")),
        })
    }

    fn string(&self, pair: Pair<Rule>) -> Str {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let body = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        Str {
            value: normalise(&unescape(body)),
            span,
        }
    }

    fn message(&self, pair: Pair<Rule>) -> PResult<Message> {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let body_start = pair.as_span().start() + 1;
        let body = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if chars.peek().map(|&(_, c)| c) == Some('{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek().map(|&(_, c)| c) == Some('}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let close = body[i..].find('}').map(|j| i + j).ok_or_else(|| {
                        let at = self.base + body_start + i;
                        Diagnostic::error(
                            "E0004",
                            "`{` in a message opens a value that is never closed",
                        )
                        .at(Span::new(self.file, at, at + 1))
                        .hint("close it with `}`, or write `{{` for a literal brace")
                    })?;
                    if !text.is_empty() {
                        parts.push(MessagePart::Text(normalise(&unescape(&std::mem::take(
                            &mut text,
                        )))));
                    }
                    let hole = &body[i + 1..close];
                    let expr = parse_expr_at(self.file, self.base + body_start + i + 1, hole)?;
                    parts.push(MessagePart::Hole(expr));
                    while chars.peek().is_some_and(|&(j, _)| j <= close) {
                        chars.next();
                    }
                }
                _ => text.push(c),
            }
        }
        if !text.is_empty() {
            parts.push(MessagePart::Text(normalise(&unescape(&text))));
        }
        Ok(Message { parts, span })
    }

    fn json(&self, pair: Pair<Rule>) -> PResult<Json> {
        let span = self.span(&pair);
        Ok(Json {
            value: self.json_value(pair)?,
            span,
        })
    }

    fn json_value(&self, pair: Pair<Rule>) -> PResult<serde_json::Value> {
        use serde_json::Value;
        let span = self.span(&pair);
        Ok(match pair.as_rule() {
            Rule::json_value => return self.json_value(self.child(&pair, 0, "JSON value")?),
            Rule::json_object => {
                let mut map = serde_json::Map::new();
                for member in pair.into_inner() {
                    let key = self.string(self.child(&member, 0, "key")?);
                    let value = self.json_value(self.child(&member, 1, "value")?)?;
                    if map.insert(key.value.clone(), value).is_some() {
                        return Err(Diagnostic::error(
                            "E0005",
                            format!("the JSON key \"{}\" is repeated", key.value),
                        )
                        .at(key.span));
                    }
                }
                Value::Object(map)
            }
            Rule::json_array => Value::Array(
                pair.into_inner()
                    .map(|p| self.json_value(p))
                    .collect::<PResult<_>>()?,
            ),
            Rule::string => Value::String(self.string_raw(pair)),
            Rule::json_number => serde_json::from_str(pair.as_str()).map_err(|_| {
                Diagnostic::error(
                    "E0006",
                    format!("`{}` is not a number JSON can hold", pair.as_str()),
                )
                .at(span)
            })?,
            Rule::kw_true => Value::Bool(true),
            Rule::kw_false => Value::Bool(false),
            _ => Value::Null,
        })
    }

    /// JSON strings keep their whitespace exactly.
    fn string_raw(&self, pair: Pair<Rule>) -> String {
        let raw = pair.as_str();
        unescape(raw.get(1..raw.len().saturating_sub(1)).unwrap_or(""))
    }

    fn set_elems(&self, pair: Pair<Rule>) -> PResult<Vec<SetElem>> {
        pair.into_inner()
            .map(|e| {
                let inner = self.child(&e, 0, "set element")?;
                Ok(match inner.as_rule() {
                    Rule::ident => SetElem::Symbol(self.ident(inner)),
                    _ => SetElem::Literal(self.literal(inner)?),
                })
            })
            .collect()
    }

    fn literal(&self, pair: Pair<Rule>) -> PResult<Literal> {
        let span = self.span(&pair);
        let inner = self.child(&pair, 0, "literal")?;
        let kind = match inner.as_rule() {
            Rule::date_lit => LiteralKind::Date(inner.as_str().to_string()),
            Rule::time_lit => LiteralKind::Time(inner.as_str().to_string()),
            Rule::money_lit => {
                LiteralKind::Money(inner.as_str().trim_start_matches('£').to_string())
            }
            Rule::string => LiteralKind::Str(self.string(inner).value),
            Rule::kw_true => LiteralKind::Bool(true),
            Rule::kw_false => LiteralKind::Bool(false),
            Rule::quantity => {
                let mut q = inner.into_inner();
                let text = q.next().map(|p| p.as_str().to_string()).unwrap_or_default();
                let unit = q.next().map(|u| match u.as_str() {
                    "%" => UnitLit::Percent,
                    s if s.starts_with("hour") => UnitLit::Hours,
                    s if s.starts_with("day") => UnitLit::Days,
                    s if s.starts_with("week") => UnitLit::Weeks,
                    s if s.starts_with("month") => UnitLit::Months,
                    _ => UnitLit::Years,
                });
                LiteralKind::Number { text, unit }
            }
            _ => return Err(self.missing(span, "literal")),
        };
        Ok(Literal { kind, span })
    }

    fn path(&self, pair: Pair<Rule>) -> Expr {
        let span = self.span(&pair);
        let segs = pair.into_inner().map(|p| self.ident(p)).collect();
        Expr {
            kind: ExprKind::Path(segs),
            span,
        }
    }

    /// Build an expression. Layers of the precedence ladder that hold a single operand are
    /// skipped in a loop, and each operator form is built by its own small function, so deep
    /// but legal expressions cost little stack (debug frames are large).
    fn expr(&self, pair: Pair<Rule>) -> PResult<Expr> {
        let mut pair = pair;
        loop {
            let passthrough = is_ladder(pair.as_rule());
            let mut inner = pair.clone().into_inner();
            match (passthrough, inner.next(), inner.next()) {
                (true, Some(only), None) => pair = only,
                _ => break,
            }
        }
        let span = self.span(&pair);
        match pair.as_rule() {
            // Keep the brackets in the span, so explanations quote `(a + b)` whole.
            Rule::paren => Ok(Expr {
                span,
                ..self.expr(self.child(&pair, 0, "expression")?)?
            }),
            Rule::implies_expr => self.implies(pair, span),
            Rule::or_expr | Rule::and_expr => self.logic(pair, span),
            Rule::not_expr | Rule::unary => self.prefix(pair, span),
            Rule::cmp_expr => self.comparison(pair, span),
            Rule::add_expr | Rule::mul_expr | Rule::coalesce_expr => self.fold(pair, span),
            Rule::literal => Ok(Expr {
                kind: ExprKind::Literal(self.literal(pair)?),
                span,
            }),
            Rule::path => Ok(self.path(pair)),
            Rule::set_lit => Ok(Expr {
                kind: ExprKind::Set(self.set_elems(pair)?),
                span,
            }),
            Rule::call => self.call(pair, span),
            Rule::aggregate => self.aggregate(pair, span),
            _ => Err(self.missing(span, "expression")),
        }
    }

    fn implies(&self, pair: Pair<Rule>, span: Span) -> PResult<Expr> {
        let mut it = pair
            .into_inner()
            .filter(|p| p.as_rule() != Rule::kw_implies);
        let l = self.expr(it.next().ok_or_else(|| self.missing(span, "operand"))?)?;
        let r = self.expr(it.next().ok_or_else(|| self.missing(span, "operand"))?)?;
        Ok(Expr {
            kind: ExprKind::Implies(Box::new(l), Box::new(r)),
            span,
        })
    }

    fn logic(&self, pair: Pair<Rule>, span: Span) -> PResult<Expr> {
        let is_or = pair.as_rule() == Rule::or_expr;
        let operands: Vec<Expr> = pair
            .into_inner()
            .filter(|p| !matches!(p.as_rule(), Rule::kw_or | Rule::kw_and))
            .map(|p| self.expr(p))
            .collect::<PResult<_>>()?;
        let kind = if is_or {
            ExprKind::Or(operands)
        } else {
            ExprKind::And(operands)
        };
        Ok(Expr { kind, span })
    }

    /// `not x` and `-x`.
    fn prefix(&self, pair: Pair<Rule>, span: Span) -> PResult<Expr> {
        let is_not = pair.as_rule() == Rule::not_expr;
        let operand = pair
            .into_inner()
            .last()
            .ok_or_else(|| self.missing(span, "operand"))?;
        let e = Box::new(self.expr(operand)?);
        Ok(Expr {
            kind: if is_not {
                ExprKind::Not(e)
            } else {
                ExprKind::Neg(e)
            },
            span,
        })
    }

    fn comparison(&self, pair: Pair<Rule>, span: Span) -> PResult<Expr> {
        let mut it = pair.into_inner();
        let first = self.expr(it.next().ok_or_else(|| self.missing(span, "operand"))?)?;
        let tail = it.next().ok_or_else(|| self.missing(span, "comparison"))?;
        let kind = match tail.as_rule() {
            Rule::cmp_chain => {
                let mut operands = vec![first];
                let mut ops = Vec::new();
                for p in tail.into_inner() {
                    if p.as_rule() == Rule::cmp_op {
                        ops.push(match p.as_str() {
                            "==" => CmpOp::Eq,
                            "!=" => CmpOp::Ne,
                            "<=" => CmpOp::Le,
                            ">=" => CmpOp::Ge,
                            "<" => CmpOp::Lt,
                            _ => CmpOp::Gt,
                        });
                    } else {
                        operands.push(self.expr(p)?);
                    }
                }
                ExprKind::Compare(operands, ops)
            }
            Rule::in_tail | Rule::not_in_tail => {
                let negated = tail.as_rule() == Rule::not_in_tail;
                let set = tail
                    .into_inner()
                    .last()
                    .ok_or_else(|| self.missing(span, "set"))?;
                ExprKind::In {
                    value: Box::new(first),
                    set: Box::new(self.expr(set)?),
                    negated,
                }
            }
            _ => {
                let parts: Vec<Pair<Rule>> = tail.into_inner().collect();
                let negated = parts.iter().any(|p| p.as_rule() == Rule::kw_not);
                let case = parts
                    .into_iter()
                    .find(|p| p.as_rule() == Rule::ident)
                    .map(|p| self.ident(p))
                    .ok_or_else(|| self.missing(span, "case"))?;
                ExprKind::Is {
                    value: Box::new(first),
                    case,
                    negated,
                }
            }
        };
        Ok(Expr { kind, span })
    }

    /// Left-associative chains: `a + b - c`, `a * b`, `a ?? b ?? c`.
    fn fold(&self, pair: Pair<Rule>, span: Span) -> PResult<Expr> {
        let rule = pair.as_rule();
        let mut it = pair.into_inner();
        let mut acc = self.expr(it.next().ok_or_else(|| self.missing(span, "operand"))?)?;
        let mut op = ArithOp::Mul;
        for p in it {
            if p.as_rule() == Rule::add_op {
                op = if p.as_str() == "+" {
                    ArithOp::Add
                } else {
                    ArithOp::Sub
                };
                continue;
            }
            let rhs = self.expr(p)?;
            let s = acc.span.to(rhs.span);
            let kind = match rule {
                Rule::coalesce_expr => ExprKind::Coalesce(Box::new(acc), Box::new(rhs)),
                _ => ExprKind::Arith(Box::new(acc), op, Box::new(rhs)),
            };
            acc = Expr { kind, span: s };
        }
        Ok(acc)
    }

    fn call(&self, pair: Pair<Rule>, span: Span) -> PResult<Expr> {
        let mut it = pair.into_inner();
        let name = self.ident(
            it.next()
                .ok_or_else(|| self.missing(span, "function name"))?,
        );
        let args = it.map(|p| self.expr(p)).collect::<PResult<_>>()?;
        Ok(Expr {
            kind: ExprKind::Call { name, args },
            span,
        })
    }

    fn aggregate(&self, pair: Pair<Rule>, span: Span) -> PResult<Expr> {
        let mut it = pair.into_inner();
        let op = match it.next().map(|p| p.as_str().to_string()).as_deref() {
            Some("any") => AggOp::Any,
            Some("all") => AggOp::All,
            Some("count") => AggOp::Count,
            Some("sum") => AggOp::Sum,
            Some("min") => AggOp::Min,
            _ => AggOp::Max,
        };
        let binder = self.binder(it.next().ok_or_else(|| self.missing(span, "binding"))?)?;
        let mut filter = None;
        let mut body = None;
        let mut after_where = false;
        for p in it {
            if p.as_rule() == Rule::kw_where {
                after_where = true;
                continue;
            }
            let e = Box::new(self.expr(p)?);
            if after_where && filter.is_none() {
                filter = Some(e);
            } else {
                body = Some(e);
            }
        }
        Ok(Expr {
            kind: ExprKind::Aggregate {
                op,
                binder: Box::new(binder),
                filter,
                body,
            },
            span,
        })
    }
}

/// The text of the source between the start of the enclosing clause and this pair: used to tell
/// `from` dates from `until` dates without extra grammar rules.
fn span_text_before(pair: &Pair<Rule>) -> String {
    let input = pair.as_span().get_input();
    let start = pair.as_span().start();
    input
        .get(..start)
        .unwrap_or("")
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_string()
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Strings in rule files wrap freely: runs of whitespace become one space, and a blank line
/// becomes a paragraph break.
fn normalise(s: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut current = Vec::new();
    for line in s.split('\n') {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.extend(words);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    let joined = paragraphs.join("\n\n");
    // Keep a single leading/trailing space that separates message text from a hole.
    let lead = if s.starts_with(char::is_whitespace) && !joined.is_empty() {
        " "
    } else {
        ""
    };
    let trail = if s.ends_with(char::is_whitespace) && !joined.is_empty() {
        " "
    } else {
        ""
    };
    format!("{lead}{joined}{trail}")
}

/// The layers of the expression precedence ladder (each may hold a single operand).
fn is_ladder(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::expr
            | Rule::implies_expr
            | Rule::or_expr
            | Rule::and_expr
            | Rule::not_expr
            | Rule::cmp_expr
            | Rule::add_expr
            | Rule::mul_expr
            | Rule::coalesce_expr
            | Rule::unary
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> File {
        match parse_file(0, text) {
            Ok(f) => f,
            Err(d) => panic!("parse failed: {d:?}"),
        }
    }

    #[test]
    fn parses_a_rule_with_every_clause() {
        let f = parse(
            r#"rule curfew-daily-max
                 title "Curfew hours"
                 cite "SA 2020 Sch 9 para 9"
                 explain "Long
                    text"
                 severity warning
                 in force from 2022-06-28 until 2030-01-01 by order.conviction_date
                 for each curfew r in order.requirements
                 when r.em
                 require 2 hours <= r.hours_per_day <= 20 hours
                 message "Lasts {r.hours_per_day} a day {{sic}}""#,
        );
        let Item::Rule(rule) = &f.items[0] else {
            panic!("not a rule")
        };
        assert_eq!(rule.id.name, "curfew-daily-max");
        assert_eq!(rule.clauses.len(), 9);
        let Clause::InForce(inf) = &rule.clauses[4] else {
            panic!()
        };
        assert_eq!(
            inf.from.as_ref().map(|d| d.text.as_str()),
            Some("2022-06-28")
        );
        assert_eq!(
            inf.until.as_ref().map(|d| d.text.as_str()),
            Some("2030-01-01")
        );
        let Clause::Explain(s) = &rule.clauses[2] else {
            panic!()
        };
        assert_eq!(s.value, "Long text");
        let Clause::Require(e) = &rule.clauses[7] else {
            panic!()
        };
        assert!(matches!(&e.kind, ExprKind::Compare(ops, _) if ops.len() == 3));
        let Clause::Message(m) = &rule.clauses[8] else {
            panic!()
        };
        assert_eq!(m.parts.len(), 3);
        assert_eq!(m.parts[2], MessagePart::Text(" a day {sic}".into()));
    }

    #[test]
    fn message_hole_spans_point_into_the_file() {
        let text = "rule r message \"x {a.b} y\"";
        let f = parse(text);
        let Item::Rule(rule) = &f.items[0] else {
            panic!()
        };
        let Clause::Message(m) = &rule.clauses[0] else {
            panic!()
        };
        let MessagePart::Hole(e) = &m.parts[1] else {
            panic!()
        };
        assert_eq!(&text[e.span.start as usize..e.span.end as usize], "a.b");
    }

    #[test]
    fn precedence_and_binds_tighter_than_or() {
        let e = parse_expr_at(0, 0, "a or b and not c").unwrap_or_else(|d| panic!("{d:?}"));
        let ExprKind::Or(ops) = e.kind else { panic!() };
        assert!(matches!(ops[1].kind, ExprKind::And(_)));
    }

    #[test]
    fn syntax_error_names_what_was_expected() {
        let err = parse_file(0, "rule x require").err().map(|d| d.message);
        assert_eq!(err.as_deref(), Some("expected an expression"));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = format!("const X = {}1{}", "(".repeat(10_000), ")".repeat(10_000));
        let err = parse_file(0, &text).err().map(|d| d.code);
        assert_eq!(err, Some("E0003"));
    }
}
