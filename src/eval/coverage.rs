//! Coverage of rule tests: which declarations fired and passed, which routes rows matched, and
//! which outcomes each atomic condition took, counted while the tests run.

use super::value::{truth, Env};
use crate::diag::Span;
use crate::ir::{Node, NodeKind, Program};
use crate::report::{AtomCoverage, Coverage, DeclCoverage};
use crate::vocab::AggOp;
use std::collections::BTreeMap;

#[derive(Clone, Default)]
pub struct DeclTally {
    pub fired: usize,
    pub passed: usize,
    pub rows: Vec<usize>,
}

/// What the tests of one program have exercised so far.
pub struct Tally {
    pub rules: Vec<DeclTally>,
    pub conflicts: Vec<DeclTally>,
    pub routes: Vec<DeclTally>,
    pub derives: Vec<DeclTally>,
    /// Outcomes seen per atomic condition (true seen, false seen), keyed by its place.
    atoms: BTreeMap<(u32, u32, u32), (bool, bool)>,
}

impl Tally {
    pub fn new(p: &Program) -> Tally {
        let mut t = Tally {
            rules: vec![DeclTally::default(); p.rules.len()],
            conflicts: vec![DeclTally::default(); p.conflicts.len()],
            routes: p
                .routes
                .iter()
                .map(|r| DeclTally {
                    rows: vec![0; r.rows.len()],
                    ..Default::default()
                })
                .collect(),
            derives: vec![DeclTally::default(); p.derives.len()],
            atoms: BTreeMap::new(),
        };
        let conditions = p
            .rules
            .iter()
            .flat_map(|r| r.when.iter().chain(r.require.iter()))
            .chain(p.conflicts.iter().filter_map(|c| c.when.as_ref()))
            .chain(
                p.routes
                    .iter()
                    .flat_map(|r| r.rows.iter().map(|row| &row.condition)),
            );
        for c in conditions {
            t.declare(c);
        }
        t
    }

    /// Register every atom of a condition, so atoms never reached still count as uncovered.
    pub fn declare(&mut self, node: &Node) {
        for atom in atoms(node) {
            self.atoms.entry(key(atom.span)).or_default();
        }
    }

    /// Record the outcome of every atom of a condition under the current bindings.
    pub fn observe<'a>(&mut self, node: &'a Node, env: &mut Env<'a>) {
        for atom in atoms(node) {
            if let Ok(b) = truth(atom, env) {
                let e = self.atoms.entry(key(atom.span)).or_default();
                if b {
                    e.0 = true;
                } else {
                    e.1 = true;
                }
            }
        }
    }

    pub fn report(&self, p: &Program) -> Coverage {
        let locate = |span: Span| {
            let at = p.sources.place(span);
            (at.file_name, at.line, at.column)
        };
        let mut declarations = Vec::new();
        let metas = p
            .rules
            .iter()
            .map(|r| &r.meta)
            .zip(&self.rules)
            .chain(p.conflicts.iter().map(|c| &c.meta).zip(&self.conflicts))
            .chain(p.routes.iter().map(|r| &r.meta).zip(&self.routes))
            .chain(p.derives.iter().map(|d| &d.meta).zip(&self.derives));
        for (meta, t) in metas {
            let (file, line, _) = locate(meta.span);
            declarations.push(DeclCoverage {
                id: meta.id.clone(),
                kind: meta.kind,
                in_force: meta.in_force,
                file,
                line,
                fired: t.fired,
                passed: t.passed,
                rows_matched: t.rows.clone(),
            });
        }
        let mut atoms = Vec::new();
        for (&(file, start, end), &(seen_true, seen_false)) in &self.atoms {
            let span = Span { file, start, end };
            let (file_name, line, column) = locate(span);
            atoms.push(AtomCoverage {
                text: p.text_on_one_line(span),
                file: file_name,
                line,
                column,
                seen_true,
                seen_false,
            });
        }
        let outcomes = atoms
            .iter()
            .map(|a| usize::from(a.seen_true) + usize::from(a.seen_false))
            .sum();
        Coverage {
            outcomes_seen: outcomes,
            outcomes_total: atoms.len() * 2,
            declarations,
            atoms,
        }
    }
}

fn key(s: Span) -> (u32, u32, u32) {
    (s.file, s.start, s.end)
}

/// The atomic conditions of a boolean expression (what `and`, `or`, `not`, `implies` combine).
fn atoms(node: &Node) -> Vec<&Node> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.kind {
            NodeKind::Not(x) => stack.push(x),
            NodeKind::And(xs) | NodeKind::Or(xs) => stack.extend(xs.iter().rev()),
            NodeKind::Implies(a, b) => {
                stack.push(b);
                stack.push(a);
            }
            NodeKind::Aggregate(a) if matches!(a.op, AggOp::Any | AggOp::All) => out.push(n),
            _ => out.push(n),
        }
    }
    out
}
