//! Which rules applied to a document: in force for its dates, and with a binding of their `for
//! each` at which the `when` held (a prohibition, with no `require`, applies at every binding).
//! What a verdict depends on, for the caveats the door lists with it. Deciding finds them on
//! its way (`Decision::applied`); a decision that stopped short is completed here.

use super::decide::{slots, Decider, Decision};
use super::value::{case_of, list, truth, Env};
use crate::ir::{Program, Rule, Value};

/// The indices into `program.rules` of the rule versions that applied to `doc`, as `decision`
/// (made on `doc`) found them; a decision with an evaluation error, a step budget exceeded or
/// a dropped hit may have stopped before meeting some, so they are then found by themselves.
pub fn applied(program: &Program, doc: &Value, decision: &Decision) -> Vec<usize> {
    if decision.errors.is_empty() && !decision.truncated {
        decision.applied.iter().map(|&i| i as usize).collect()
    } else {
        applied_rules(program, doc)
    }
}

/// Whether a rule without `when` or without `require` applies: whether its `for each` levels
/// have some binding (each level's list read as the reference evaluator reads it).
pub(super) fn has_binding<'p>(rule: &'p Rule, env: &mut Env<'p>) -> bool {
    applies_somewhere(rule, 0, env)
}

/// The indices into `program.rules` of the rule versions that applied to `doc`, in a pass of
/// their own.
pub fn applied_rules(program: &Program, doc: &Value) -> Vec<usize> {
    let mut decision = Decision::default();
    decision.dates.resize(program.dates.len(), None);
    let env = &mut Env::new(doc, slots(program));
    let mut run = Decider {
        program,
        out: &mut decision,
        passed_now: false,
    };
    program
        .rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| {
            run.in_force(&rule.meta, rule.by.as_ref(), env) && applies_somewhere(rule, 0, env)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether some binding of the rule's `for each` levels from `level` on meets its `when`.
fn applies_somewhere<'p>(rule: &'p Rule, level: usize, env: &mut Env<'p>) -> bool {
    if let Some(b) = rule.binders.get(level) {
        let Ok(items) = list(&b.list, env) else {
            return false;
        };
        for item in items {
            if b.case.is_some_and(|c| case_of(item) != Some(c)) {
                continue;
            }
            env.set(b.slot, item);
            if applies_somewhere(rule, level + 1, env) {
                return true;
            }
        }
        return false;
    }
    match (&rule.when, &rule.require) {
        (_, None) | (None, _) => true,
        (Some(w), Some(_)) => truth(w, env).unwrap_or(false),
    }
}
