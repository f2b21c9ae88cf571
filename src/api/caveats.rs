//! Caveats that reach the verdict: a check through the door also lists the rules the document's
//! verdict depends on (they applied to it) whose law is not verified, so "No problems found"
//! says what it rests on. A session checks with its compiled plan (`eval::Plan`; the page's
//! WASM modules with the reference evaluator, for size); either finds the rules that applied
//! while deciding.

use super::wire::{Caveat, CheckOutcome};
use super::Session;
use crate::ir::{Program, Value};

/// The unverified rules among those that applied, once each (by id), in rulebook order: each
/// as the index of its first version among them, which `caveat` turns into words.
fn unverified(program: &Program, applied: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &i in applied {
        let Some(rule) = program.rules.get(i) else {
            continue;
        };
        let m = &rule.meta;
        if m.verification.as_ref().is_some_and(|v| v.verified) {
            continue;
        }
        if out
            .iter()
            .any(|k| program.rules.get(*k).is_some_and(|r| r.meta.id == m.id))
        {
            continue;
        }
        out.push(i);
    }
    out
}

/// The caveat of rule version `i` (an unverified rule), in words.
fn caveat(program: &Program, i: usize) -> Option<Caveat> {
    let m = &program.rules.get(i)?.meta;
    let note = match &m.verification {
        Some(v) if v.verified => return None,
        Some(v) => v.note.clone(),
        None => "the rule does not say how its law was checked".to_string(),
    };
    Some(Caveat {
        rule: m.id.clone(),
        title: m.title.clone(),
        sentence: format!(
            "\"{}\" applied to this document, but its law is not verified: {}",
            m.title,
            note.trim_end_matches('.')
        ),
        note,
    })
}

impl Session {
    /// Check a read document, with the caveats of the rules that applied to it.
    pub(crate) fn check_read(&self, doc: &Value) -> CheckOutcome {
        let (mut outcome, keys) = self.check_read_keyed(doc);
        outcome.caveats = keys.into_iter().filter_map(|k| self.caveat(k)).collect();
        outcome
    }

    /// `check_read` with the caveats left out and given by key instead (`caveat(key)` gives
    /// each): a face that keeps each rule's caveat once need not have it written on every check.
    pub(crate) fn check_read_keyed(&self, doc: &Value) -> (CheckOutcome, Vec<usize>) {
        let program = self.program();
        let (report, applied) = self.check_with_applied(doc);
        (
            CheckOutcome::from(Ok(report)),
            unverified(program, &applied),
        )
    }

    /// Decide with the plan (natively, and in the WASM modules built with the `plan` feature).
    #[cfg(any(feature = "plan", not(target_arch = "wasm32")))]
    fn check_with_applied(&self, doc: &Value) -> (crate::report::Report, Vec<usize>) {
        self.planned
            .with_plan(|_, plan| plan.check_with_applied(doc))
    }

    /// Decide with the reference evaluator: the page's modules, which the plan's code would take
    /// over their size budgets (Cargo.toml, docs/PERFORMANCE.md).
    #[cfg(not(any(feature = "plan", not(target_arch = "wasm32"))))]
    fn check_with_applied(&self, doc: &Value) -> (crate::report::Report, Vec<usize>) {
        crate::eval::check_with_applied(self.program(), doc)
    }

    /// The caveat a check gave by `key` (see `check_text_keyed`), in the language shown now;
    /// `None` for a key no check gives.
    pub fn caveat(&self, key: usize) -> Option<Caveat> {
        caveat(self.program(), key)
    }

    /// `check_text` with the caveats by key, not in words (`caveat(key)` gives each, the same
    /// for every document): for a face that converts each caveat once, not on every check.
    pub fn check_text_keyed(&self, text: &str) -> (CheckOutcome, Vec<usize>) {
        match crate::doc::read_str(self.program(), text) {
            Ok(doc) => self.check_read_keyed(&doc),
            Err(d) => (CheckOutcome::from(Err(d)), Vec::new()),
        }
    }
}
