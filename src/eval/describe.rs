//! One declaration described for people: every version with its words, law and text, and
//! worked examples taken from the rule tests that name it, evaluated now.

use crate::ir::{Expect, Meta, Program};
use crate::report::{Finding, Period};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Description {
    pub id: String,
    pub kind: crate::ir::RuleKind,
    /// Oldest first.
    pub versions: Vec<Version>,
    pub examples: Vec<WorkedExample>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Version {
    pub title: String,
    pub cite: String,
    pub explain: String,
    pub severity: crate::diag::Severity,
    /// How this version's law was checked (`None`: the declaration does not say).
    pub verification: Option<crate::ir::Verification>,
    pub in_force: Period,
    pub by: String,
    pub file: String,
    pub line: u32,
    /// The declaration as written.
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorkedExample {
    pub test: String,
    /// Whether the test expects this declaration to fire.
    pub expects_finding: bool,
    /// The document the test checks.
    pub document: serde_json::Value,
    /// What this declaration found in it (none when it held or was not in force).
    pub findings: Vec<Finding>,
}

pub fn describe(program: &Program, id: &str) -> Option<Description> {
    let mut metas: Vec<&Meta> = program.metas().filter(|m| m.id == id).collect();
    let kind = metas.first()?.kind;
    metas.sort_by_key(|m| m.in_force.from);
    let versions = metas
        .iter()
        .map(|m| {
            let at = program.sources.place(m.span);
            let (file, line) = (at.file_name, at.line);
            Version {
                title: m.title.clone(),
                cite: m.cite.clone(),
                explain: m.explain.clone(),
                severity: m.severity,
                verification: m.verification.clone(),
                in_force: m.in_force,
                by: m.by.clone(),
                file,
                line,
                text: program.text(m.source).trim_end().to_string(),
            }
        })
        .collect();
    let names = |rule: &str| crate::report::names_decl(rule, id);
    let mut examples = Vec::new();
    for t in &program.tests {
        let expects = t.expects.iter().find_map(|(e, _)| match e {
            Expect::Finding { rule, .. } if names(rule) => Some(true),
            Expect::NoFinding(rule) if names(rule) => Some(false),
            Expect::Route { table, .. } | Expect::NoRoute(table) if table == id => Some(false),
            Expect::Value { derive, .. } | Expect::NoValue(derive) if derive == id => Some(false),
            _ => None,
        });
        let Some(expects_finding) = expects else {
            continue;
        };
        let findings = match super::check_json(program, &t.document) {
            Ok(report) => report
                .findings
                .into_iter()
                .filter(|f| names(&f.rule))
                .collect(),
            Err(_) => Vec::new(),
        };
        examples.push(WorkedExample {
            test: t.name.clone(),
            expects_finding,
            document: t.document.clone(),
            findings,
        });
    }
    Some(Description {
        id: id.to_string(),
        kind,
        versions,
        examples,
    })
}
