//! The command-line face: reads files, calls the library, renders Reports and diagnostics.
//! Holds no rule logic. Exit codes: 0 clean, 1 findings or failed tests, 2 bad input.

use clap::{Parser, Subcommand, ValueEnum};
use probity::api::{self, Diagnostic, Fact, Location, Report, Session, TestRun, Verdict};
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
        /// The document is JSON Lines (`-` for stdin): one document a line in, one JSON report a
        /// line out, in input order, streaming on every core.
        #[arg(long)]
        batch: bool,
        /// Exit 1 on warnings, notes and unsettled readings too, not only on errors.
        #[arg(long)]
        deny_warnings: bool,
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
    /// Serve the language server protocol on stdin/stdout, for rule authors' editors
    /// (diagnostics as you type, fixes, formatting, hover, definition, references, completion,
    /// outline, workspace symbols, rename).
    Lsp,
    /// Analyse rule files: gaps and overlaps in routes tables, rules that never apply or always
    /// fail, contradictions; each finding with a witness document.
    Lint {
        #[arg(required = true)]
        rules: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Instead of the whole analysis, every box of this routes table's gaps, each with a
        /// witness document of its own (the gap finding carries one, for its first box).
        #[arg(long, value_name = "TABLE")]
        gap_witnesses: Option<String>,
        /// Only the first findings, there in milliseconds however large the tables: each
        /// routes table's first finding of each kind (a small table's all), before the long
        /// part. The whole analysis may find more.
        #[arg(long, conflicts_with = "gap_witnesses")]
        first: bool,
    },
    /// Explore combinations for a document: what can be added (`--options`, the default), the
    /// smallest fixes (`--fixes`), which pairs combine (`--matrix`), timetable clashes
    /// (`--timetable`, `--timetable-file`) and every combination of cases (`--all`).
    Explore {
        /// Rule files, then the document (the last argument).
        #[arg(required = true, num_args = 2..)]
        files: Vec<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        options: bool,
        #[arg(long)]
        fixes: bool,
        /// With --fixes: also propose adding an item (a requirement) to the list.
        #[arg(long)]
        add_items: bool,
        #[arg(long)]
        matrix: bool,
        /// Lay the times the document holds on a week.
        #[arg(long)]
        timetable: bool,
        /// Lay an explicit timetable (JSON: entries and limits) on a week instead.
        #[arg(long)]
        timetable_file: Option<String>,
        /// With --all: check every combination in full instead of by decomposition.
        #[arg(long)]
        direct: bool,
        /// The list of variant items to explore (default: the first in the document).
        #[arg(long)]
        list: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Compile rule files to Rust source for a native build (a module for
    /// `probity::eval::native::Native`; see docs/PERFORMANCE.md), or with `--binary` to the
    /// compact form the page loads without parsing (tied to the rule text by its SHA-256).
    Compile {
        #[arg(required = true)]
        rules: Vec<String>,
        /// Write the module here instead of to stdout.
        #[arg(long, short)]
        output: Option<String>,
        /// Write the compiled binary form (`.rules.bin`, see src/compiled.rs) to `--output`.
        #[arg(long, requires = "output")]
        binary: bool,
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
        Command::Check {
            mut files,
            format,
            batch,
            deny_warnings,
        } => {
            let doc_path = files.pop().unwrap_or_default();
            let fail_on = if deny_warnings {
                FailOn::AnyFinding
            } else {
                FailOn::Errors
            };
            check(&compile(&files)?, &doc_path, format, batch, fail_on)
        }
        Command::Test { rules, format } => {
            let run = compile(&rules)?.run_tests();
            match format {
                Format::Json => outln!("{}", to_json(&run)?),
                Format::Text | Format::Markdown => out!("{}", render_tests(&run)),
            }
            let untested = run.coverage.declarations.iter().any(|d| d.untested());
            Ok(exit(run.failed == 0 && !untested))
        }
        Command::Explain { id, rules, format } => explain(&id, rules, format),
        Command::Fmt { rules, check } => fmt(&rules, check),
        Command::Lsp => Ok(ExitCode::from(probity::lsp::run_stdio() as u8)),
        Command::Lint {
            rules,
            format,
            gap_witnesses: Some(table),
            ..
        } => {
            let Some(boxes) = compile(&rules)?.gap_witnesses(&table) else {
                return Err(format!("no routes table is called {table}\n"));
            };
            match format {
                Format::Json => outln!("{}", to_json(&boxes)?),
                Format::Text | Format::Markdown => out!("{}", render_gap_witnesses(&table, &boxes)),
            }
            Ok(exit(boxes.is_empty()))
        }
        Command::Lint {
            rules,
            format,
            first,
            ..
        } => {
            let session = compile(&rules)?;
            let lint = if first {
                session.lint_first()
            } else {
                session.lint()
            };
            match format {
                Format::Json => outln!("{}", to_json(&lint)?),
                Format::Text | Format::Markdown => out!("{}", api::render_lint(&lint)),
            }
            Ok(exit(lint.findings.is_empty()))
        }
        Command::Explore {
            mut files,
            all,
            options: _,
            fixes,
            add_items,
            matrix,
            timetable,
            timetable_file,
            direct,
            list,
            format,
        } => {
            let doc_path = files.pop().unwrap_or_default();
            let session = compile(&files)?;
            let question = if all {
                Question::Sweep { direct }
            } else if fixes {
                Question::Fixes { add_items }
            } else if matrix {
                Question::Matrix
            } else if let Some(file) = timetable_file {
                Question::TimetableFile(file)
            } else if timetable {
                Question::Timetable
            } else {
                Question::Options
            };
            explore(&session, &doc_path, list.as_deref(), question, format)
        }
        Command::Compile {
            rules,
            output: Some(path),
            binary: true,
        } => {
            let bytes = compile(&rules)?
                .to_binary()
                .map_err(|e| format!("error: cannot write the compiled form: {e}\n"))?;
            std::fs::write(&path, bytes)
                .map_err(|e| format!("error: cannot write {path}: {e}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Compile { rules, output, .. } => {
            let rust = compile(&rules)?.rust(&rules.join(", "));
            match output {
                Some(path) => std::fs::write(&path, rust)
                    .map_err(|e| format!("error: cannot write {path}: {e}\n"))?,
                None => out!("{rust}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { rules, format } => {
            let session = compile(&rules)?;
            let decls = session.declarations();
            match format {
                Format::Json => outln!("{}", to_json(&decls)?),
                Format::Markdown => out!("{}", rules_markdown(session.info(), &decls)),
                Format::Text => {
                    for d in decls {
                        outln!(
                            "{:<40} {:<9} {:<24} {:<10} {}",
                            d.id,
                            format!("{:?}", d.kind).to_lowercase(),
                            period(&d.in_force),
                            d.verification.as_ref().map_or("unstated", |v| v.word()),
                            d.cite
                        );
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Exit 0 when all is well, 1 when there are findings or failures.
fn exit(clean: bool) -> ExitCode {
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("error: cannot read {path}: {e}\n"))
}

/// Which findings make `probity check` exit 1: errors only (as linters do), or any finding.
#[derive(Clone, Copy, PartialEq)]
enum FailOn {
    Errors,
    AnyFinding,
}

fn check(
    session: &Session,
    doc_path: &str,
    format: Format,
    batch: bool,
    fail_on: FailOn,
) -> Result<ExitCode, String> {
    if batch {
        let counts = if doc_path == "-" {
            session.check_stream(std::io::stdin().lock(), std::io::stdout())
        } else {
            let f = std::fs::File::open(doc_path)
                .map_err(|e| format!("error: cannot read {doc_path}: {e}\n"))?;
            let input = std::io::BufReader::with_capacity(1 << 16, f);
            session.check_stream(input, std::io::stdout())
        };
        let counts = match counts {
            Ok(counts) => counts,
            // The reader has gone (`... | head`): stop quietly, as Unix tools do.
            Err(api::StreamError::OutputClosed) => return Ok(ExitCode::SUCCESS),
            Err(e) => return Err(format!("error: {e}\n")),
        };
        let failed = counts.errors + counts.rejected > 0
            || (fail_on == FailOn::AnyFinding && counts.warnings > 0);
        return Ok(exit(!failed));
    }
    let report = session
        .check_text(&read(doc_path)?)
        .into_result()
        .map_err(|diags| render_doc_errors(doc_path, &diags))?;
    match format {
        Format::Json => outln!("{}", to_json(&report)?),
        Format::Text | Format::Markdown => out!("{}", render_report(&report, doc_path)),
    }
    let failed = match report.verdict {
        Verdict::Clean => false,
        Verdict::Warnings => fail_on == FailOn::AnyFinding,
        Verdict::Errors => true,
    };
    Ok(exit(!failed))
}

fn explain(id: &str, rules: Vec<String>, format: Format) -> Result<ExitCode, String> {
    let candidates = if rules.is_empty() {
        api::SHIPPED.iter().map(|b| b.file.to_string()).collect()
    } else {
        rules
    };
    for path in &candidates {
        if let Some(d) = compile(std::slice::from_ref(path))?.describe(id) {
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

fn fmt(rules: &[String], check: bool) -> Result<ExitCode, String> {
    let mut unformatted = 0;
    for path in rules {
        let text = read(path)?;
        let formatted = api::format_rules(path, &text)?;
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
    Ok(exit(!(check && unformatted > 0)))
}

/// What `probity explore` is asked.
enum Question {
    Options,
    Fixes { add_items: bool },
    Matrix,
    Timetable,
    TimetableFile(String),
    Sweep { direct: bool },
}

fn explore(
    session: &Session,
    doc_path: &str,
    list: Option<&str>,
    question: Question,
    format: Format,
) -> Result<ExitCode, String> {
    let json: serde_json::Value = serde_json::from_str(&read(doc_path)?)
        .map_err(|e| format!("error: {doc_path} is not JSON: {e}\n"))?;
    let refused = |diags: Vec<Diagnostic>| render_doc_errors(doc_path, &diags);
    let json_out = format == Format::Json;
    // JSON when asked, else the answer in words.
    fn shown<T: serde::Serialize>(
        json_out: bool,
        v: &T,
        words: impl FnOnce(&T) -> String,
    ) -> Result<String, String> {
        if json_out {
            to_json(v)
        } else {
            Ok(words(v))
        }
    }
    let text = match question {
        Question::Sweep { direct } => {
            let start = std::time::Instant::now();
            let sweep = session
                .explore_sweep(&json, list, direct)
                .map_err(refused)?;
            let took = start.elapsed();
            shown(json_out, &sweep, |s| render_sweep(s, took))?
        }
        Question::Fixes { add_items } => shown(
            json_out,
            &session
                .explore_fixes_with(&json, list, add_items)
                .map_err(refused)?,
            render_fixes,
        )?,
        Question::Matrix => shown(
            json_out,
            &session.explore_matrix(&json, list).map_err(refused)?,
            render_matrix,
        )?,
        Question::Timetable => shown(
            json_out,
            &session
                .explore_timetable(&json, list)
                .map_err(refused)?
                .report,
            render_timetable,
        )?,
        Question::TimetableFile(file) => {
            let t: api::Timetable = serde_json::from_str(&read(&file)?)
                .map_err(|e| format!("error: {file} is not a timetable: {e}\n"))?;
            let r = api::timetable_report(&t).map_err(|d| render_doc_errors(&file, &d))?;
            shown(json_out, &r, render_timetable)?
        }
        Question::Options => shown(
            json_out,
            &session.explore_options(&json, list).map_err(refused)?,
            render_options,
        )?,
    };
    if json_out {
        outln!("{text}");
    } else {
        out!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, String> {
    serde_json::to_string_pretty(v).map_err(|e| format!("error: cannot write JSON: {e}\n"))
}

/// Read and compile rule files; warnings go to stderr, errors become the Err text.
fn compile(paths: &[String]) -> Result<Session, String> {
    let mut files = Vec::new();
    for p in paths {
        files.push((p.clone(), read(p)?));
    }
    let compiled = Session::compile(files);
    for d in compiled.diagnostics.iter().filter(|d| !d.is_error()) {
        eprintln!("{}", compiled.render(d));
    }
    if let Some(errors) = compiled.errors_text() {
        return Err(errors);
    }
    compiled
        .session
        .ok_or_else(|| "error: the rule files did not compile\n".to_string())
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

fn period(p: &api::Period) -> String {
    match (p.from, p.until) {
        (None, None) => "always".into(),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u}"),
        (Some(f), Some(u)) => format!("{f} to {u}"),
    }
}

/// A fact in words: `“Curfew hours a day” is at most 20 hours: no, since “Curfew hours a day” is
/// 21 hours`.
fn fact_line(f: &Fact) -> String {
    let vals: Vec<String> = f
        .values
        .iter()
        .map(|v| match &v.path {
            Some(p) => format!("{} is {} (at {p})", v.words, v.value),
            None => format!("{} is {}", v.words, v.value),
        })
        .collect();
    let holds = if f.holds { "yes" } else { "no" };
    if vals.is_empty() {
        format!("{}: {holds}", f.words)
    } else {
        format!("{}: {holds}, since {}", f.words, vals.join(", "))
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
            api::long_date(d),
            r.in_force,
            r.not_in_force
        );
    }
    let errors = r
        .findings
        .iter()
        .filter(|f| f.severity == api::Severity::Error)
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
        if !f.explain.is_empty() {
            let _ = writeln!(
                out,
                "    why: {}",
                f.explain.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
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

/// `lint --gap-witnesses`: each box of a table's gaps with its document.
fn render_gap_witnesses(table: &str, boxes: &[api::BoxWitness]) -> String {
    let mut out = String::new();
    if boxes.is_empty() {
        let _ = writeln!(
            out,
            "No case falls through routes table {table}: it has no gap."
        );
        return out;
    }
    for (n, b) in boxes.iter().enumerate() {
        let cases = if b.cases.is_empty() {
            "every case".to_string()
        } else {
            b.cases.join(" and ")
        };
        let _ = writeln!(
            out,
            "{}:{}: gap {} of {}: {cases}",
            b.file,
            b.line,
            n + 1,
            boxes.len()
        );
        match (&b.witness, b.reproduces) {
            (Some(w), Some(true)) => {
                let _ = writeln!(out, "  document (checked: no row takes it): {w}");
            }
            (Some(w), _) => {
                let _ = writeln!(
                    out,
                    "  document (did not reproduce the gap when checked): {w}"
                );
            }
            (None, _) => {
                let _ = writeln!(out, "  no document could be built for this box");
            }
        }
    }
    let n = boxes.len();
    let _ = writeln!(
        out,
        "{n} gap box{} in routes table {table}, each with its own document",
        if n == 1 { "" } else { "es" }
    );
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
    let gaps: Vec<(&api::DeclCoverage, Vec<String>)> = cov
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
fn rules_markdown(books: &[api::RulebookInfo], metas: &[api::DeclInfo]) -> String {
    let mut out = String::new();
    for book in books {
        let _ = writeln!(out, "## {} ({} {})\n", book.title, book.name, book.version);
        let _ = writeln!(
            out,
            "Source: `{}`. Periods are chosen by the date in brackets.\n",
            book.file
        );
    }
    let _ = writeln!(
        out,
        "| id | kind | title | severity | in force | citation | how the law was checked |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    for m in metas {
        let by = if m.by.is_empty() {
            String::new()
        } else {
            format!(" (by {})", m.by)
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {}{} | {} | {} |",
            m.id,
            format!("{:?}", m.kind).to_lowercase(),
            cell(&m.title),
            m.severity.as_str(),
            period(&m.in_force),
            by,
            cell(&m.cite),
            cell(&verification_text(m.verification.as_ref()))
        );
    }
    out.push('\n');
    out
}

/// How a declaration's law was checked, in words: "verified: <source>" or "unverified: <why>".
fn verification_text(v: Option<&api::Verification>) -> String {
    match v {
        Some(v) => format!("{}: {}", v.word(), v.note),
        None => "not stated".to_string(),
    }
}

fn render_description(d: &api::Description) -> String {
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
        let _ = writeln!(
            out,
            "  checked: {}",
            verification_text(v.verification.as_ref())
        );
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

fn render_sweep(s: &api::Sweep, took: std::time::Duration) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} of {} combinations of {} {} cases are lawful ({} checks, {:.1} ms, {}).",
        s.lawful,
        s.combinations,
        s.cases.len(),
        s.list,
        s.checks,
        took.as_secs_f64() * 1000.0,
        s.method
    );
    if !s.unavailable.is_empty() {
        let _ = writeln!(o, "\nUnlawful on their own:");
        for c in &s.unavailable {
            let _ = writeln!(o, "  {:<36} {}", c.case, c.rules.join(", "));
        }
    }
    if !s.forbidden_pairs.is_empty() {
        let _ = writeln!(o, "\nPairs that may not be combined:");
        for p in &s.forbidden_pairs {
            let _ = writeln!(o, "  {} + {}: {}", p.a, p.b, p.rules.join(", "));
        }
    }
    if !s.reasons.is_empty() {
        let _ = writeln!(o, "\nRules with an error finding, by combinations:");
        for r in &s.reasons {
            let _ = writeln!(o, "  {:>9}  {:<44} {}", r.combinations, r.rule, r.title);
        }
    }
    o
}

fn render_options(opts: &api::Options) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "As it stands: {}",
        if opts.lawful_now {
            "lawful".to_string()
        } else {
            format!("unlawful ({})", opts.errors_now.join(", "))
        }
    );
    for c in &opts.cases {
        if !c.addable {
            let _ = writeln!(o, "  cannot add {:<34} {}", c.case, c.blocked_by.join(", "));
            continue;
        }
        let _ = writeln!(
            o,
            "  can add {:<38}{}",
            c.case,
            if c.lawful_after { " (then lawful)" } else { "" }
        );
        for p in &c.params {
            let spans: Vec<&str> = p.lawful.iter().map(|s| s.display.as_str()).collect();
            let _ = writeln!(
                o,
                "      {:<28} {}{}",
                p.field,
                if spans.is_empty() {
                    "no lawful value".to_string()
                } else {
                    spans.join(" or ")
                },
                if p.exact {
                    String::new()
                } else {
                    format!("  (also limited by {})", p.outside_fragment.join(", "))
                }
            );
        }
    }
    o
}

/// The empty facts an answer took as given, and the rules waiting on them.
fn render_missing(o: &mut String, missing: &[api::MissingFact]) {
    for m in missing {
        let _ = writeln!(o, "{} ({}).", m.sentence, m.rules.join(", "));
    }
}

fn render_fixes(f: &api::Fixes) -> String {
    let mut o = String::new();
    render_missing(&mut o, &f.missing);
    if f.lawful_now {
        let _ = writeln!(o, "The document is lawful; nothing to fix.");
        return o;
    }
    let _ = writeln!(o, "Unlawful: {}", f.errors_now.join(", "));
    if f.fixes.is_empty() {
        let _ = writeln!(o, "No fix of up to {} edits found.", f.searched_up_to);
    }
    for (i, fix) in f.fixes.iter().enumerate() {
        let _ = writeln!(
            o,
            "Fix {} ({} edit{}):",
            i + 1,
            fix.size,
            if fix.size == 1 { "" } else { "s" }
        );
        for e in &fix.edits {
            let _ = writeln!(o, "    {} ({})", e.sentence, e.describe);
        }
    }
    o
}

fn render_matrix(m: &api::Matrix) -> String {
    let mut o = String::new();
    render_missing(&mut o, &m.missing);
    for c in &m.alone {
        if !c.lawful {
            let _ = writeln!(o, "{:<36} unlawful alone: {}", c.case, c.rules.join(", "));
        }
    }
    for p in &m.pairs {
        if !p.lawful && !p.pair_rules.is_empty() {
            let _ = writeln!(o, "{} + {}: {}", p.a, p.b, p.pair_rules.join(", "));
        }
    }
    let ok = m.pairs.iter().filter(|p| p.lawful).count();
    let _ = writeln!(o, "{ok} of {} pairs may be combined.", m.pairs.len());
    o
}

fn render_timetable(r: &api::TimetableReport) -> String {
    let mut o = String::new();
    for c in &r.clashes {
        let _ = writeln!(
            o,
            "clash: {} and {} on {} {}-{} ({} min)",
            c.a, c.b, c.day, c.from, c.until, c.minutes
        );
    }
    for t in &r.totals {
        let _ = writeln!(
            o,
            "{}: longest {} min, {} min a week",
            t.label, t.longest_minutes, t.week_minutes
        );
    }
    for l in &r.over_limits {
        let _ = writeln!(
            o,
            "over limit: {} {} {} h ({} min) {}",
            l.label, l.limit, l.limit_hours, l.actual_minutes, l.cite
        );
    }
    if r.clashes.is_empty() && r.over_limits.is_empty() {
        let _ = writeln!(o, "No clashes.");
    }
    o
}
