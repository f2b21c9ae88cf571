//! Caveats that reach the verdict: a check through the door also lists the rules the document's
//! verdict depends on (they applied to it) whose law is not verified, so "No problems found"
//! says what it rests on.

use super::wire::{Caveat, CheckOutcome};
use super::Session;
use crate::ir::{Program, Value};

/// Check a read document, with the caveats of the rules that applied to it.
pub(crate) fn check_with_caveats(program: &Program, doc: &Value) -> CheckOutcome {
    let (report, applied) = crate::eval::check_with_applied(program, doc);
    let mut outcome = CheckOutcome::from(Ok(report));
    outcome.caveats = caveats(program, &applied);
    outcome
}

/// The unverified rules among those that applied, once each, in rulebook order.
fn caveats(program: &Program, applied: &[usize]) -> Vec<Caveat> {
    let mut out: Vec<Caveat> = Vec::new();
    for rule in applied.iter().filter_map(|i| program.rules.get(*i)) {
        let m = &rule.meta;
        let note = match &m.verification {
            Some(v) if v.verified => continue,
            Some(v) => v.note.clone(),
            None => "the rule does not say how its law was checked".to_string(),
        };
        if out.iter().any(|c| c.rule == m.id) {
            continue;
        }
        out.push(Caveat {
            rule: m.id.clone(),
            title: m.title.clone(),
            sentence: format!(
                "\"{}\" applied to this document, but its law is not verified: {}",
                m.title,
                note.trim_end_matches('.')
            ),
            note,
        });
    }
    out
}

impl Session {
    /// Check a document given as JSON text, with caveats (see `check_text`).
    pub(crate) fn check_read(&self, doc: &Value) -> CheckOutcome {
        check_with_caveats(&self.program, doc)
    }
}
