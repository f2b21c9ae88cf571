//! The one door: everything a face (the CLI, the WASM module, the page) asks of the library, as
//! plain data in and out. A [`Session`] is a rulebook compiled once; documents are read through
//! one path (`doc::read_str`, the fast reader first). Faces import this module and nothing else
//! of the crate (`tests/faces.rs`); what they get back they only transport and draw.

mod caveats;
mod commissioning;
pub mod editor;
mod explore;
mod listing;
mod planned;
mod timeline;
mod typescript;
mod wire;

pub use crate::analyze::{render_text as render_lint, BoxWitness, Lint};
#[cfg(not(target_arch = "wasm32"))]
pub use crate::batch::StreamError;
pub use crate::batch::{Depth, Summary};
pub use crate::diag::{Diagnostic, Location, Position, Severity, Sources};
pub use crate::eval::{Description, Version, WorkedExample};
pub use crate::explore::{
    Edit, Fixes, ListInfo, Matrix, MissingFact, Options, Sweep, Timetable, TimetableReport,
};
pub use crate::report::{
    DeclCoverage, Fact, Finding, Period, Report, RulebookInfo, TestRun, Verdict,
};
pub use crate::vocab::{Language, Verification};
pub use commissioning::{CommissioningPlan, Skipped};
pub use explore::{apply_edits, timetable_report, ExploredTimetable};
pub use timeline::{CheckedWithTimeline, Length, Timeline, TimelineEvent, TimelineItem};
pub use wire::{
    Answer, CaseView, Caveat, CheckOutcome, DeclInfo, EditorDiagnostic, EnumView, Example,
    FieldView, LintView, RecordView, RouteRow, RoutesTable, RuleEntry, SchemaView, Shape,
    ShippedRulebook, SourceFile, Utf16Span, VariantView,
};

use crate::ir::Program;

/// The shipped rulebooks: name and file, relative to the repository (and, in the page's
/// package, to `pkg/`: `.ci/serve` copies `rules/*.rules` there).
pub const SHIPPED: [ShippedRulebook; 6] = [
    ShippedRulebook {
        name: "community_orders",
        file: "rules/community_orders.rules",
    },
    ShippedRulebook {
        name: "routing",
        file: "rules/routing.rules",
    },
    ShippedRulebook {
        name: "contracts",
        file: "rules/contracts.rules",
    },
    ShippedRulebook {
        name: "commissioning_plan",
        file: "rules/commissioning_plan.rules",
    },
    ShippedRulebook {
        name: "post_sentence_supervision",
        file: "rules/post_sentence_supervision.rules",
    },
    ShippedRulebook {
        name: "tiering",
        file: "rules/tiering.rules",
    },
];

/// Rule files compiled: every diagnostic (warnings too) and, when there were no errors, the
/// session to ask questions of.
pub struct Compiled {
    pub session: Option<Session>,
    pub diagnostics: Vec<Diagnostic>,
    sources: Sources,
}

impl Compiled {
    /// A diagnostic as the CLI prints it: location, caret excerpt, notes and hint.
    pub fn render(&self, d: &Diagnostic) -> String {
        self.sources.render(d)
    }

    /// The diagnostics with their spans also counted in UTF-16 code units, as a JavaScript
    /// editor counts.
    pub fn for_editor(&self) -> Vec<EditorDiagnostic> {
        self.diagnostics
            .iter()
            .map(|d| EditorDiagnostic::new(&self.sources, d))
            .collect()
    }

    /// The errors only, rendered, followed by a count; `None` when there are none.
    pub fn errors_text(&self) -> Option<String> {
        let errors: Vec<&Diagnostic> = self.diagnostics.iter().filter(|d| d.is_error()).collect();
        if errors.is_empty() {
            return None;
        }
        let mut out = String::new();
        for d in &errors {
            out.push_str(&self.render(d));
            out.push('\n');
        }
        let n = errors.len();
        out.push_str(&format!(
            "{n} error{} in the rule files\n",
            if n == 1 { "" } else { "s" }
        ));
        Some(out)
    }
}

/// A compiled rulebook (one or more rule files), ready for documents.
#[derive(Clone)]
pub struct Session {
    /// The program, with the plan that decides documents against it.
    planned: planned::Planned,
    /// The rulebook's text in the language not shown (see `set_language`).
    translation: crate::ir::Translation,
}

impl Session {
    /// Compile rule files, each given as (name, text).
    pub fn compile<N: Into<String>, T: Into<String>>(
        files: impl IntoIterator<Item = (N, T)>,
    ) -> Compiled {
        let mut sources = Sources::default();
        for (name, text) in files {
            sources.add(name, text);
        }
        let shown = sources.clone();
        let c = crate::check::compile(sources);
        let translation = c.translation;
        Compiled {
            session: c.program.map(|program| Session {
                planned: planned::Planned::of(program),
                translation,
            }),
            diagnostics: c.diagnostics,
            sources: shown,
        }
    }

    /// Load a rulebook compiled at build time (`probity build`, `crate::compiled`) with the rule
    /// text it was built from, as `(name, text)` per file: no parsing, no checking. A binary that
    /// does not match the text (a stale build) or this engine is refused with an error saying so.
    pub fn load_compiled(binary: &[u8], texts: &[(String, String)]) -> Result<Session, String> {
        crate::compiled::read(binary, texts).map(|(program, translation)| Session {
            planned: planned::Planned::of(program),
            translation,
        })
    }

    /// As `load_compiled`, with each text's SHA-256 (lower-case hex) computed by the caller
    /// (`crate::compiled::read_with_sha256`: the page's `crypto.subtle.digest`).
    pub fn load_compiled_with_sha256(
        binary: &[u8],
        texts: &[(String, String)],
        sha256s: &[String],
    ) -> Result<Session, String> {
        crate::compiled::read_with_sha256(binary, texts, sha256s).map(|(program, translation)| {
            Session {
                planned: planned::Planned::of(program),
                translation,
            }
        })
    }

    /// This rulebook's compiled binary form, which `load_compiled` reads back.
    pub fn to_binary(&self) -> Result<Vec<u8>, String> {
        crate::compiled::write(self.program(), &self.translation)
    }

    /// The compiled program, for what is beside the faces (benchmarks, generated code).
    pub fn program(&self) -> &Program {
        self.planned.program()
    }

    /// Give every answer from now on in `language`: reports' messages, rule titles and
    /// explanations, rulebook titles, schema labels and hints, where the rulebook gives them in
    /// that language (text it does not translate stays in English).
    pub fn set_language(&mut self, language: Language) {
        if self.translation.shown == language {
            return;
        }
        // The words live in the program the plan borrows: take it back, change it, pair it
        // with a new (not yet built) plan.
        let planned =
            std::mem::replace(&mut self.planned, planned::Planned::of(Program::default()));
        let mut program = planned.into_program();
        crate::ir::set_language(&mut program, &mut self.translation, language);
        self.planned = planned::Planned::of(program);
    }

    /// The language answers are given in.
    pub fn language(&self) -> Language {
        self.translation.shown
    }

    /// The rulebook files behind this session: name, version, title, SHA-256.
    pub fn info(&self) -> &[RulebookInfo] {
        &self.program().rulebooks
    }

    // ------------------------------------------------------------ checking

    /// Check a document given as JSON text: the fast reader first, every diagnostic (with its
    /// JSON path, or its line and column for bad JSON) when it is refused.
    pub fn check_text(&self, text: &str) -> CheckOutcome {
        match crate::doc::read_str(self.program(), text) {
            Ok(doc) => self.check_read(&doc),
            Err(d) => CheckOutcome::from(Err(d)),
        }
    }

    /// How many findings the reference evaluator gives a document given as JSON text (`None`
    /// when it is refused), whatever evaluator `check_text` decides with: for measuring how much
    /// of a check is the evaluator (the page's bench module, tests/page/measure.mjs).
    pub fn findings_by_reference(&self, text: &str) -> Option<usize> {
        let program = self.program();
        let doc = crate::doc::read_str(program, text).ok()?;
        Some(
            crate::eval::check_with_applied(program, &doc)
                .0
                .findings
                .len(),
        )
    }

    /// Check a document already parsed as JSON.
    pub fn check_json(&self, json: &serde_json::Value) -> CheckOutcome {
        match crate::doc::read(self.program(), json) {
            Ok(doc) => self.check_read(&doc),
            Err(d) => CheckOutcome::from(Err(d)),
        }
    }

    /// Check every non-blank line of JSON Lines and count verdicts (see `batch::check_lines`).
    pub fn check_lines(&self, jsonl: &[u8], depth: Depth) -> Summary {
        crate::batch::check_lines(self.program(), jsonl, depth)
    }

    /// Check JSON Lines from `input`, one report (or refusal) a line to `output`, in input order,
    /// on every core; the counts by verdict (see `batch::stream`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn check_stream(
        &self,
        input: impl std::io::BufRead,
        output: impl std::io::Write + Send,
    ) -> Result<Summary, crate::batch::StreamError> {
        crate::batch::stream(self.program(), input, output)
    }

    /// The rulebook's plan written out as Rust (`probity compile`); `source` names the rule files
    /// in the module's header.
    pub fn rust(&self, source: &str) -> String {
        self.planned.with_plan(|_, plan| plan.rust(source))
    }

    // ------------------------------------------------------------ rules and tests

    /// Run the tests written beside the rules, with coverage.
    pub fn run_tests(&self) -> TestRun {
        crate::eval::run_tests(self.program())
    }

    /// Static analysis: gaps, overlaps, contradictions and the rest, each with a witness.
    pub fn lint(&self) -> Lint {
        crate::analyze::lint(self.program())
    }

    /// `lint`, handing `on_first` the first findings as soon as they exist (each routes table's
    /// early searches, before the long part), then returning the whole answer, which makes each
    /// of them again and replaces them.
    pub fn lint_staged(&self, on_first: &mut dyn FnMut(&Lint)) -> Lint {
        crate::analyze::lint_staged(self.program(), on_first)
    }

    /// Only the first findings `lint_staged` hands over (the whole analysis may find more).
    pub fn lint_first(&self) -> Lint {
        crate::analyze::lint_first(self.program())
    }

    /// Every box of routes table `table`'s gaps (every version), each with a witness document of
    /// its own, re-checked: the boxes `lint`'s gap finding lists, in its order (that finding
    /// carries one witness, for its first box). Empty when the table has no gap; `None` when no
    /// routes table has this id.
    pub fn gap_witnesses(&self, table: &str) -> Option<Vec<BoxWitness>> {
        let program = self.program();
        program
            .routes
            .iter()
            .any(|t| t.meta.id == table)
            .then(|| crate::analyze::gap_witnesses(program, table))
    }

    /// One declaration's versions and worked examples; `None` when no declaration has this id.
    pub fn describe(&self, id: &str) -> Option<Description> {
        crate::eval::describe(self.program(), id)
    }

    /// Every declaration's words, law and period, in rulebook order.
    pub fn declarations(&self) -> Vec<DeclInfo> {
        self.program().metas().map(DeclInfo::from).collect()
    }
}

/// Lay rule text out canonically (`probity fmt`): whitespace only, comments kept. An error is
/// rendered with its location.
pub fn format_rules(name: &str, text: &str) -> Result<String, String> {
    let mut sources = Sources::default();
    let id = sources.add(name, text);
    crate::syntax::format(id, text).map_err(|d| sources.render(&sources.locate(d)))
}

/// `date` (YYYY-MM-DD) plus a number of months, by the library's calendar rule (the end of a
/// short month clamps); `None` when the date does not read or the result is out of range.
pub fn add_months(date: &str, months: i32) -> Option<String> {
    let d = crate::dates::read_date(date)?;
    crate::eval::add_months(d, i64::from(months)).map(crate::dates::iso)
}

/// A date as people read it: `28 June 2022`.
pub fn long_date(date: chrono::NaiveDate) -> String {
    crate::dates::long(date)
}
