//! One answer format for all three engines: a sorted list of strings, one per finding and one per
//! routing decision.
//!
//! - a finding of a rule with no `for each`: `rule-id`;
//! - a finding of a `for each` rule: `rule-id@i` (`i`: the index of the item in the list);
//! - a conflict: `conflict-id@i,j` (left item, right item);
//! - a routes table that decides: `route:table=output` (`route:table=none` without a decision),
//!   plus the finding `table/no-route` or `table/overlap` when it has one.

use probity::eval::{Decision, Decl};
use probity::ir::Program;
use probity::report::Report;
use std::collections::HashSet;

/// The ids whose findings are keyed by list items (`for each` rules and conflicts).
pub fn itemised(program: &Program) -> HashSet<String> {
    program
        .rules
        .iter()
        .filter(|r| !r.binders.is_empty())
        .map(|r| r.meta.id.clone())
        .chain(program.conflicts.iter().map(|c| c.meta.id.clone()))
        .collect()
}

/// The first `[N]` of a report path (`requirements[3].hours` -> 3).
fn first_index(path: &str) -> Option<usize> {
    let open = path.find('[')?;
    let close = path[open..].find(']')? + open;
    path[open + 1..close].parse().ok()
}

pub fn probity(report: &Report, itemised: &HashSet<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in &report.findings {
        if itemised.contains(&f.rule) {
            let mut at: Vec<usize> = Vec::new();
            for i in f.paths.iter().filter_map(|p| first_index(p)) {
                if !at.contains(&i) {
                    at.push(i);
                }
            }
            let at: Vec<String> = at.iter().map(usize::to_string).collect();
            out.push(format!("{}@{}", f.rule, at.join(",")));
        } else {
            out.push(f.rule.clone());
        }
    }
    for r in &report.routes {
        out.push(format!(
            "route:{}={}",
            r.table,
            r.output.as_deref().unwrap_or("none")
        ));
    }
    for e in &report.errors {
        out.push(format!("error:{}", e.message));
    }
    out.sort();
    out
}

/// The same answer from a `Decision` alone (what probity decides before writing any words).
pub fn decision(program: &Program, d: &Decision) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for hit in &d.hits {
        let at = || {
            let mut at: Vec<String> = Vec::new();
            for i in d.items(hit) {
                if !at.contains(&i.to_string()) {
                    at.push(i.to_string());
                }
            }
            at.join(",")
        };
        out.push(match hit.decl {
            Decl::Rule(i) => {
                let rule = &program.rules[i as usize];
                if rule.binders.is_empty() {
                    rule.meta.id.clone()
                } else {
                    format!("{}@{}", rule.meta.id, at())
                }
            }
            Decl::Conflict(i) => format!("{}@{}", program.conflicts[i as usize].meta.id, at()),
            Decl::NoRoute(t) => format!("{}/no-route", program.routes[t as usize].meta.id),
            Decl::Overlap(t) => format!("{}/overlap", program.routes[t as usize].meta.id),
        });
    }
    for r in &d.routes {
        let table = &program.routes[r.table as usize];
        let output = r
            .chosen
            .map(|row| table.rows[row as usize].output)
            .and_then(|o| {
                program
                    .schema
                    .enum_def(table.output)?
                    .values
                    .get(o as usize)
                    .cloned()
            });
        out.push(format!(
            "route:{}={}",
            table.meta.id,
            output.as_deref().unwrap_or("none")
        ));
    }
    for e in &d.errors {
        out.push(format!("error:{}", e.message));
    }
    out.sort();
    out
}

/// A finding of the hand-written checks: a rule id and up to two list indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub rule: &'static str,
    pub at: [u16; 2],
    pub n: u8,
}

impl Hit {
    pub fn doc(rule: &'static str) -> Hit {
        Hit {
            rule,
            at: [0; 2],
            n: 0,
        }
    }
    pub fn item(rule: &'static str, i: usize) -> Hit {
        Hit {
            rule,
            at: [i as u16, 0],
            n: 1,
        }
    }
    pub fn pair(rule: &'static str, i: usize, j: usize) -> Hit {
        Hit {
            rule,
            at: [i as u16, j as u16],
            n: 2,
        }
    }
    /// A routing decision (`rule` is the output name, or "none").
    pub fn route(table: &'static str, output: &'static str) -> Hit {
        Hit {
            rule: table,
            at: [0; 2],
            n: 255,
        }
        .with_output(output)
    }
    fn with_output(self, output: &'static str) -> Hit {
        // Routes are rare in a result; keep Hit small by storing the output in a side table.
        let idx = ROUTE_OUTPUTS.iter().position(|o| *o == output).unwrap_or(0);
        Hit {
            at: [idx as u16, 0],
            ..self
        }
    }
}

/// Every output a routes table can give, so a route Hit stores an index.
pub const ROUTE_OUTPUTS: [&str; 7] = [
    "none",
    "national_probation_service",
    "community_rehabilitation_company",
    "probation_service",
    "dynamic_framework_provider",
    "probation_trust",
    "competed_provider",
];

pub fn handwritten(hits: &[Hit]) -> Vec<String> {
    let mut out: Vec<String> = hits
        .iter()
        .map(|h| match h.n {
            0 => h.rule.to_owned(),
            1 => format!("{}@{}", h.rule, h.at[0]),
            2 => format!("{}@{},{}", h.rule, h.at[0], h.at[1]),
            _ => format!("route:{}={}", h.rule, ROUTE_OUTPUTS[h.at[0] as usize]),
        })
        .collect();
    out.sort();
    out
}

/// Rego's answer is already a set of these strings.
pub fn rego(v: &regorus::Value) -> Vec<String> {
    let mut out: Vec<String> = match v {
        regorus::Value::Set(s) => s
            .iter()
            .map(|x| {
                x.as_string()
                    .map(|s| s.to_string())
                    .unwrap_or_else(|_| format!("{x}"))
            })
            .collect(),
        regorus::Value::Undefined => Vec::new(),
        other => vec![format!("unexpected: {other}")],
    };
    out.sort();
    out
}
