//! The command-line face: reads files, calls the library, renders Reports and diagnostics.
//! Holds no rule logic. Exit codes: 0 clean, 1 findings or failed tests, 2 bad input.

use clap::{Parser, Subcommand, ValueEnum};
use probity::diag::{Diagnostic, Location, Sources};
use probity::report::{Fact, Report, TestRun, Verdict};
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "probity",
    version,
    about = "Check community orders, routing and contract specs against cited rules"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
    /// A Markdown table (for `probity rules`; the other commands treat it as text).
    Markdown,
}

#[derive(Subcommand)]
enum Command {
    /// Check a JSON document against one or more rule files.
    Check {
        /// Rule files, then the document (the last argument).
        #[arg(required = true, num_args = 2..)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Run the tests written beside the rules.
    Test {
        #[arg(required = true)]
        rules: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// How a rule reads, where it comes from, its versions over time, and worked examples.
    Explain {
        /// A rule, conflict, routes table or derived value id.
        id: String,
        /// The rule files to look in (default: every rules/*.rules that declares the id).
        rules: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Lay rule files out canonically, in place (whitespace only; comments kept).
    Fmt {
        #[arg(required = true)]
        rules: Vec<String>,
        /// Change nothing; exit 1 and name the files that are not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Analyse rule files: gaps and overlaps in routes tables, rules that never apply or always
    /// fail, contradictions; each finding with a witness document.
    Lint {
        #[arg(required = true)]
        rules: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List every rule, conflict, routes table and derived value with its citation and period.
    Rules {
        #[arg(required = true)]
        rules: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// Write to stdout, ignoring a closed pipe (`probity rules ... | head` must not panic).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprint!("{message}");
            ExitCode::from(2)
        }
    }
}

/// Errors are rendered text for stderr; every one of them means exit code 2.
fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check { mut files, format } => {
            let doc_path = files.pop().unwrap_or_default();
            let program = compile(&files)?;
            let text = std::fs::read_to_string(&doc_path)
                .map_err(|e| format!("error: cannot read {doc_path}: {e}\n"))?;
            let report = match probity::doc::read_str(&program, &text) {
                Ok(doc) => probity::eval::check(&program, &doc),
                Err(diags) => return Err(render_doc_errors(&doc_path, &diags)),
            };
            match format {
                Format::Json => outln!("{}", to_json(&report)?),
                Format::Text | Format::Markdown => out!("{}", render_report(&report, &doc_path)),
            }
            Ok(if report.verdict == Verdict::Clean {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Test { rules, format } => {
            let program = compile(&rules)?;
            let run = probity::eval::run_tests(&program);
            match format {
                Format::Json => outln!("{}", to_json(&run)?),
                Format::Text | Format::Markdown => out!("{}", render_tests(&run)),
            }
            let untested = run.coverage.declarations.iter().any(|d| d.untested());
            Ok(if run.failed == 0 && !untested {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Explain { id, rules, format } => {
            let candidates = if rules.is_empty() {
                shipped_rulebooks()?
            } else {
                rules
            };
            for path in &candidates {
                let program = compile(std::slice::from_ref(path))?;
                if let Some(d) = probity::eval::describe(&program, &id) {
                    match format {
                        Format::Json => outln!("{}", to_json(&d)?),
                        Format::Text | Format::Markdown => out!("{}", render_description(&d)),
                    }
                    return Ok(ExitCode::SUCCESS);
                }
            }
            Err(format!(
                "error: no rule, conflict, routes table or derived value is called `{id}` in {}\n",
                candidates.join(", ")
            ))
        }
        Command::Fmt { rules, check } => {
            let mut unformatted = 0;
            for path in &rules {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("error: cannot read {path}: {e}\n"))?;
                let mut sources = Sources::default();
                let id = sources.add(path.clone(), text.clone());
                let formatted = probity::syntax::format(id, &text)
                    .map_err(|d| sources.render(&sources.locate(d)))?;
                if formatted == text {
                    continue;
                }
                unformatted += 1;
                if check {
                    outln!("{path} is not formatted (run `probity fmt {path}`)");
                } else {
                    std::fs::write(path, formatted)
                        .map_err(|e| format!("error: cannot write {path}: {e}\n"))?;
                    outln!("formatted {path}");
                }
            }
            Ok(if check && unformatted > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Lint { rules, format } => {
            let program = compile(&rules)?;
            let lint = probity::analyze::lint(&program);
            match format {
                Format::Json => outln!("{}", to_json(&lint)?),
                Format::Text | Format::Markdown => {
                    out!("{}", probity::analyze::render_text(&lint))
                }
            }
            Ok(if lint.findings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Rules { rules, format } => {
            let program = compile(&rules)?;
            let metas: Vec<&probity::ir::Meta> = program.metas().collect();
            match format {
                Format::Json => outln!("{}", to_json(&metas)?),
                Format::Markdown => out!("{}", rules_markdown(&program, &metas)),
                Format::Text => {
                    for m in metas {
                        outln!(
                            "{:<40} {:<9} {:<24} {}",
                            m.id,
                            format!("{:?}", m.kind).to_lowercase(),
                            period(&m.in_force),
                            m.cite
                        );
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, String> {
    serde_json::to_string_pretty(v).map_err(|e| format!("error: cannot write JSON: {e}\n"))
}

/// Read and compile rule files; warnings go to stderr, errors become the Err text.
fn compile(paths: &[String]) -> Result<probity::ir::Program, String> {
    let mut sources = Sources::default();
    for p in paths {
        let text =
            std::fs::read_to_string(p).map_err(|e| format!("error: cannot read {p}: {e}\n"))?;
        sources.add(p.clone(), text);
    }
    let shown = sources.clone();
    let compiled = probity::check::compile(sources);
    let mut errors = String::new();
    for d in &compiled.diagnostics {
        let text = shown.render(d);
        if d.is_error() {
            errors.push_str(&text);
            errors.push('\n');
        } else {
            eprintln!("{text}");
        }
    }
    match compiled.program {
        Some(p) => Ok(p),
        None => {
            let n = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
            let _ = writeln!(
                errors,
                "{n} error{} in the rule files",
                if n == 1 { "" } else { "s" }
            );
            Err(errors)
        }
    }
}

fn render_doc_errors(doc_path: &str, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let at = match &d.location {
            Location::Document { path } => path.clone(),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "error[{}]: {}\n  --> {doc_path}: {at}\n",
            d.code, d.message
        );
    }
    let _ = writeln!(
        out,
        "{} problem{} in the document; nothing was checked",
        diags.len(),
        if diags.len() == 1 { "" } else { "s" }
    );
    out
}

fn period(p: &probity::report::Period) -> String {
    match (p.from, p.until) {
        (None, None) => "always".into(),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u}"),
        (Some(f), Some(u)) => format!("{f} to {u}"),
    }
}

fn fact_line(f: &Fact) -> String {
    let vals: Vec<String> = f
        .values
        .iter()
        .map(|v| match &v.path {
            Some(p) if *p != v.text => format!("{} = {} (at {p})", v.text, v.value),
            _ => format!("{} = {}", v.text, v.value),
        })
        .collect();
    let holds = if f.holds { "holds" } else { "does not hold" };
    if vals.is_empty() {
        format!("{}: {holds}", f.text)
    } else {
        format!("{}: {holds}, since {}", f.text, vals.join(", "))
    }
}

fn render_report(r: &Report, doc_path: &str) -> String {
    let mut out = String::new();
    let books: Vec<String> = r
        .rulebooks
        .iter()
        .map(|b| {
            format!(
                "{} {} (sha256 {})",
                b.name,
                b.version,
                b.sha256.get(..12).unwrap_or("")
            )
        })
        .collect();
    let _ = writeln!(out, "{doc_path}: checked with {}", books.join(", "));
    if let Some(d) = r.law_date {
        let _ = writeln!(
            out,
            "law in force on {}: {} declarations apply, {} do not",
            d.format("%-d %B %Y"),
            r.in_force,
            r.not_in_force
        );
    }
    let errors = r
        .findings
        .iter()
        .filter(|f| f.severity == probity::diag::Severity::Error)
        .count();
    let others = r.findings.len() - errors;
    let _ = writeln!(
        out,
        "{}\n",
        match r.verdict {
            Verdict::Clean => "lawful: no findings".to_string(),
            Verdict::Warnings => format!("no errors; {others} warning(s) or note(s)"),
            Verdict::Errors =>
                format!("UNLAWFUL: {errors} error(s), {others} warning(s) or note(s)"),
        }
    );
    for f in &r.findings {
        let _ = writeln!(out, "{} {}: {}", f.severity.as_str(), f.rule, f.title);
        let _ = writeln!(out, "    {}", f.message);
        if !f.paths.is_empty() {
            let _ = writeln!(out, "    at {}", f.paths.join(", "));
        }
        let _ = writeln!(out, "    law: {} ({})", f.cite, period(&f.in_force));
        for fact in &f.trace {
            let _ = writeln!(out, "    because {}", fact_line(fact));
        }
        out.push('\n');
    }
    for route in &r.routes {
        match &route.output {
            Some(o) => {
                let rows: Vec<String> = route.matched_rows.iter().map(usize::to_string).collect();
                let _ = writeln!(
                    out,
                    "route {}: {} (row {}; {})",
                    route.table,
                    o.replace('_', " "),
                    rows.join(", "),
                    route.cite
                );
            }
            None => {
                let _ = writeln!(out, "route {}: no decision", route.table);
            }
        }
    }
    for v in &r.values {
        let _ = writeln!(
            out,
            "value {}: {} ({}; {})",
            v.id, v.display, v.title, v.cite
        );
    }
    for e in &r.errors {
        let _ = writeln!(out, "evaluation error: {}", e.message);
    }
    out
}

fn render_tests(run: &TestRun) -> String {
    let mut out = String::new();
    for r in run.results.iter().filter(|r| !r.passed) {
        let _ = writeln!(out, "FAILED {}:{}: {}", r.file, r.line, r.name);
        for f in &r.failures {
            let _ = writeln!(out, "    {f}");
        }
    }
    let cov = &run.coverage;
    let gaps: Vec<(&probity::report::DeclCoverage, Vec<String>)> = cov
        .declarations
        .iter()
        .map(|d| (d, d.gaps()))
        .filter(|(_, g)| !g.is_empty())
        .collect();
    let _ = writeln!(
        out,
        "coverage: {} of {} declarations tested both ways; {} of {} condition outcomes seen",
        cov.declarations.len() - gaps.len(),
        cov.declarations.len(),
        cov.outcomes_seen,
        cov.outcomes_total
    );
    for (d, g) in &gaps {
        let label = if d.untested() {
            "UNTESTED"
        } else {
            "partly tested"
        };
        let _ = writeln!(
            out,
            "{label} {}:{}: {} ({}): {}",
            d.file,
            d.line,
            d.id,
            period(&d.in_force),
            g.join("; ")
        );
    }
    let _ = writeln!(out, "{} passed, {} failed", run.passed, run.failed);
    out
}

/// Every declaration of a rulebook as a Markdown table: docs/RULES.md is made of these.
fn rules_markdown(program: &probity::ir::Program, metas: &[&probity::ir::Meta]) -> String {
    let mut out = String::new();
    for book in &program.rulebooks {
        let _ = writeln!(out, "## {} ({} {})\n", book.title, book.name, book.version);
        let _ = writeln!(
            out,
            "Source: `{}`. Periods are chosen by the date in brackets.\n",
            book.file
        );
    }
    let _ = writeln!(
        out,
        "| id | kind | title | severity | in force | citation |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    for m in metas {
        let by = if m.by.is_empty() {
            String::new()
        } else {
            format!(" (by {})", m.by)
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {}{} | {} |",
            m.id,
            format!("{:?}", m.kind).to_lowercase(),
            cell(&m.title),
            m.severity.as_str(),
            period(&m.in_force),
            by,
            cell(&m.cite)
        );
    }
    out.push('\n');
    out
}

fn shipped_rulebooks() -> Result<Vec<String>, String> {
    let mut out: Vec<String> = std::fs::read_dir("rules")
        .map_err(|e| format!("error: cannot list rules/: {e} (name the rule files)\n"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rules"))
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    Ok(out)
}

fn render_description(d: &probity::eval::Description) -> String {
    let mut out = String::new();
    let newest = d.versions.last();
    if let Some(v) = newest {
        let _ = writeln!(out, "{} — {}\n", d.id, v.title);
        let _ = writeln!(out, "{}\n", v.explain);
    }
    let _ = writeln!(out, "Versions ({}):", d.versions.len());
    for v in &d.versions {
        let by = if v.by.is_empty() {
            String::new()
        } else {
            format!(", by {}", v.by)
        };
        let _ = writeln!(
            out,
            "\n  {} ({}{by}) — {}:{}",
            period(&v.in_force),
            v.severity.as_str(),
            v.file,
            v.line
        );
        let _ = writeln!(out, "  law: {}", v.cite);
        for line in v.text.lines() {
            let _ = writeln!(out, "    | {line}");
        }
    }
    if !d.examples.is_empty() {
        let _ = writeln!(out, "\nWorked examples (from the rule tests):");
    }
    for e in &d.examples {
        let _ = writeln!(out, "\n  \"{}\"", e.test);
        if e.findings.is_empty() {
            let _ = writeln!(out, "    holds: no finding");
        }
        for f in &e.findings {
            let _ = writeln!(out, "    finding: {}", f.message);
            for fact in &f.trace {
                let _ = writeln!(out, "      because {}", fact_line(fact));
            }
        }
    }
    out
}
