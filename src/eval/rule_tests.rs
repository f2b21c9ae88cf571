//! Running the tests written beside the rules: each example document is checked and its report
//! compared with the test's expectations. A failure says exactly which expectation and why.

use crate::ir::{Expect, Program};
use crate::report::{Report, TestResult, TestRun};

pub fn run_tests(program: &Program) -> TestRun {
    let mut tally = super::coverage::Tally::new(program);
    let mut results = Vec::new();
    for t in &program.tests {
        let at = program.sources.place(t.span);
        let checked = crate::doc::read(program, &t.document)
            .map(|doc| super::check_tallied(program, &doc, &mut tally));
        let failures: Vec<String> = match checked {
            Err(errors) => errors
                .iter()
                .map(|d| {
                    let at = match &d.location {
                        crate::diag::Location::Document { path } => format!(" at {path}"),
                        _ => String::new(),
                    };
                    format!(
                        "the test document does not fit the schema{at}: {}",
                        d.message
                    )
                })
                .collect(),
            Ok(report) => t
                .expects
                .iter()
                .filter_map(|(e, _)| unmet(program, e, &report))
                .collect(),
        };
        results.push(TestResult {
            name: t.name.clone(),
            file: at.file_name,
            line: at.line,
            utf16: at.utf16,
            passed: failures.is_empty(),
            failures,
        });
    }
    let passed = results.iter().filter(|r| r.passed).count();
    TestRun {
        passed,
        failed: results.len() - passed,
        results,
        coverage: tally.report(program),
    }
}

fn found(report: &Report) -> String {
    if report.findings.is_empty() {
        "there were no findings".into()
    } else {
        let ids: Vec<String> = report
            .findings
            .iter()
            .map(|f| format!("{} at [{}]", f.rule, f.paths.join(", ")))
            .collect();
        format!("the findings were: {}", ids.join("; "))
    }
}

/// Why an expectation is not met, or `None` when it is.
fn unmet(program: &Program, e: &Expect, report: &Report) -> Option<String> {
    if !report.errors.is_empty() {
        let msgs: Vec<&str> = report.errors.iter().map(|d| d.message.as_str()).collect();
        return Some(format!("evaluation failed: {}", msgs.join("; ")));
    }
    match e {
        Expect::NoFindings => (!report.findings.is_empty())
            .then(|| format!("expected no findings, but {}", found(report))),
        Expect::NoFinding(id) => report
            .findings
            .iter()
            .find(|f| crate::report::names_decl(&f.rule, id))
            .map(|f| format!("expected no finding {id}, but it fired: {}", f.message)),
        Expect::Finding { rule, at } => {
            let hit = report.findings.iter().any(|f| {
                crate::report::names_decl(&f.rule, rule)
                    && at.as_ref().is_none_or(|p| f.paths.iter().any(|q| q == p))
            });
            (!hit).then(|| match at {
                Some(p) => format!("expected finding {rule} at {p}, but {}", found(report)),
                None => format!("expected finding {rule}, but {}", found(report)),
            })
        }
        Expect::NoRoute(table) => report
            .routes
            .iter()
            .find(|r| r.table == *table && r.output.is_some())
            .map(|r| {
                format!(
                    "expected no route from {table}, but it chose {}",
                    r.output.clone().unwrap_or_default()
                )
            }),
        Expect::Route { table, output } => {
            let got = report.routes.iter().find(|r| r.table == *table);
            // Under a list policy the expected output must be one of the answers.
            let among = got.is_some_and(|r| r.outputs.iter().any(|o| o == output));
            match got.and_then(|r| r.output.clone()) {
                Some(o) if o == *output || among => None,
                Some(o) => Some(format!("expected {table} to choose {output}, but it chose {o}")),
                None if got.is_none() => Some(format!("expected {table} to choose {output}, but the table is not in force for this document")),
                None => Some(format!("expected {table} to choose {output}, but no single row applied")),
            }
        }
        Expect::NoValue(derive) => report
            .values
            .iter()
            .find(|v| v.id == *derive)
            .map(|v| format!("expected no value for {derive}, but it is {}", v.display)),
        Expect::Value { derive, value } => {
            let d = program.derives.iter().find(|d| d.meta.id == *derive)?;
            let want = crate::eval::render::json(value, &d.value.ty, &program.schema);
            let shown = crate::eval::render::display(value, &d.value.ty, &program.schema);
            match report.values.iter().find(|v| v.id == *derive) {
                Some(v) if v.value == want => None,
                Some(v) => Some(format!(
                    "expected {derive} = {shown}, but it is {}",
                    v.display
                )),
                None => Some(format!(
                    "expected {derive} = {shown}, but it was not derived for this document"
                )),
            }
        }
    }
}
