//! The TypeScript definitions of everything the door hands a JavaScript face, generated from the
//! Rust types themselves (ts-rs reads their serde attributes) into `src/api/probity.d.ts`, which
//! the WASM face appends to its generated `.d.ts`. A unit test keeps the file equal to what the
//! types say now; `BLESS=1 cargo test --lib typescript` writes it again.

#[cfg(test)]
mod tests {
    use crate::{analyze, api, batch, diag, eval, explore, ir, report, vocab};
    use ts_rs::{Config, TS};

    /// One declaration, exported, with its documentation comment.
    fn export<T: TS + ?Sized>(cfg: &Config) -> String {
        let docs = T::docs().unwrap_or_default();
        format!("{docs}export {}\n", T::decl(cfg))
    }

    /// Every type a face receives or sends, dependencies included, in a stable order.
    fn definitions() -> String {
        let cfg = Config::default();
        let decls = [
            // The door's own types.
            export::<api::CheckOutcome>(&cfg),
            export::<api::Caveat>(&cfg),
            export::<api::Answer<()>>(&cfg),
            export::<api::ShippedRulebook>(&cfg),
            export::<api::SourceFile>(&cfg),
            export::<api::Utf16Span>(&cfg),
            export::<api::EditorDiagnostic>(&cfg),
            export::<api::DeclInfo>(&cfg),
            export::<api::Example>(&cfg),
            export::<api::RuleEntry>(&cfg),
            export::<api::RouteRow>(&cfg),
            export::<api::RoutesTable>(&cfg),
            export::<api::Shape>(&cfg),
            export::<api::FieldView>(&cfg),
            export::<api::EnumView>(&cfg),
            export::<api::RecordView>(&cfg),
            export::<api::CaseView>(&cfg),
            export::<api::VariantView>(&cfg),
            export::<api::SchemaView>(&cfg),
            export::<api::LintView>(&cfg),
            export::<api::Timeline>(&cfg),
            export::<api::CheckedWithTimeline>(&cfg),
            export::<api::TimelineItem>(&cfg),
            export::<api::TimelineEvent>(&cfg),
            export::<api::Length>(&cfg),
            export::<ir::Unit>(&cfg),
            export::<api::CommissioningPlan>(&cfg),
            export::<api::Skipped>(&cfg),
            export::<api::ExploredTimetable>(&cfg),
            // The rule editor's smarts (hoverAt, completeAt, definitionAt).
            export::<api::editor::Hover>(&cfg),
            export::<api::editor::Completion>(&cfg),
            export::<api::editor::TextRange>(&cfg),
            export::<api::editor::LineChar>(&cfg),
            // Reports and diagnostics.
            export::<report::Report>(&cfg),
            export::<report::Verdict>(&cfg),
            export::<report::Finding>(&cfg),
            export::<report::FindingKind>(&cfg),
            export::<report::Fact>(&cfg),
            export::<report::FactValue>(&cfg),
            export::<report::RouteDecision>(&cfg),
            export::<report::DerivedValue>(&cfg),
            export::<report::TestRun>(&cfg),
            export::<report::TestResult>(&cfg),
            export::<report::Coverage>(&cfg),
            export::<report::DeclCoverage>(&cfg),
            export::<report::AtomCoverage>(&cfg),
            export::<vocab::Period>(&cfg),
            export::<vocab::RulebookInfo>(&cfg),
            export::<vocab::HitPolicy>(&cfg),
            export::<vocab::RuleKind>(&cfg),
            export::<vocab::Verification>(&cfg),
            export::<diag::Diagnostic>(&cfg),
            export::<diag::Severity>(&cfg),
            export::<diag::Location>(&cfg),
            export::<diag::Span>(&cfg),
            export::<diag::Fix>(&cfg),
            // Tools: batch counts, static analysis, descriptions, the explorer.
            export::<batch::Summary>(&cfg),
            export::<analyze::LintFinding>(&cfg),
            export::<analyze::LintKind>(&cfg),
            export::<analyze::LintFix>(&cfg),
            export::<analyze::Partner>(&cfg),
            export::<analyze::BoxWitness>(&cfg),
            export::<analyze::Undecided>(&cfg),
            export::<eval::Description>(&cfg),
            export::<eval::Version>(&cfg),
            export::<eval::WorkedExample>(&cfg),
            export::<explore::ListInfo>(&cfg),
            export::<explore::Options>(&cfg),
            export::<explore::CaseOption>(&cfg),
            export::<explore::ParamRange>(&cfg),
            export::<explore::Span>(&cfg),
            export::<explore::Fixes>(&cfg),
            export::<explore::Fix>(&cfg),
            export::<explore::Edit>(&cfg),
            export::<explore::EditOp>(&cfg),
            export::<explore::Matrix>(&cfg),
            export::<explore::MissingFact>(&cfg),
            export::<explore::SingleCell>(&cfg),
            export::<explore::PairCell>(&cfg),
            export::<explore::Sweep>(&cfg),
            export::<explore::Reason>(&cfg),
            export::<explore::CaseStatus>(&cfg),
            export::<explore::ForbiddenPair>(&cfg),
            export::<explore::Entry>(&cfg),
            export::<explore::EntryKind>(&cfg),
            export::<explore::TimetableReport>(&cfg),
            export::<explore::Clash>(&cfg),
            export::<explore::timetable::Total>(&cfg),
            export::<explore::timetable::OverLimit>(&cfg),
            export::<explore::timetable::DayRow>(&cfg),
            export::<explore::timetable::Block>(&cfg),
            export::<serde_json::Value>(&cfg),
        ];
        let mut out = String::from(
            "// Generated from the library's wire types by src/api/typescript.rs (ts-rs); do not edit.\n\
             // `BLESS=1 cargo test --lib typescript` writes it again.\n\n",
        );
        out.push_str(&decls.join("\n"));
        out
    }

    #[test]
    fn typescript_definitions_are_generated_from_the_wire_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api/probity.d.ts");
        let now = definitions();
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, &now).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == now,
            "src/api/probity.d.ts is not what the wire types say now: run `BLESS=1 cargo test --lib typescript`"
        );
    }

    #[test]
    fn every_named_type_the_definitions_use_is_defined_once() {
        let defs = definitions();
        let names: Vec<&str> = defs
            .lines()
            .filter_map(|l| l.strip_prefix("export type "))
            .filter_map(|l| l.split(|c: char| !c.is_alphanumeric() && c != '_').next())
            .collect();
        let defined: std::collections::BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(
            defined.len(),
            names.len(),
            "a name is defined twice: {names:?}"
        );
        let mut missing = std::collections::BTreeSet::new();
        let code: String = defs
            .lines()
            .filter(|l| !l.starts_with(" *") && !l.starts_with("/**") && !l.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for word in code
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        {
            if !defined.contains(word) && !["Array", "Record", "T"].contains(&word) {
                missing.insert(word.to_string());
            }
        }
        assert!(missing.is_empty(), "used but not defined: {missing:?}");
    }
}
