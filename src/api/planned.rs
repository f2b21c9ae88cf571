//! A session's program and the compiled plan that decides documents against it (`eval::Plan`,
//! which borrows the program), owned together. The plan is built on the first check, so a
//! session that never checks (the lint, the explorer) never pays for it, and a module that never
//! checks does not carry its code. `self_cell` makes the pair without unsafe code of ours: a
//! well-kept, small crate made for exactly this (its `lazy_ast` example is this pattern).

use crate::eval::Plan;
use crate::ir::Program;
use std::sync::OnceLock;

/// What is built from the program, lazily.
pub(super) struct Built<'p> {
    plan: OnceLock<Plan<'p>>,
}

self_cell::self_cell!(
    /// A program and its plan (built when first asked for).
    pub(super) struct Planned {
        owner: Program,
        #[not_covariant]
        dependent: Built,
    }
);

impl Planned {
    pub(super) fn of(program: Program) -> Planned {
        Planned::new(program, |_| Built {
            plan: OnceLock::new(),
        })
    }

    pub(super) fn program(&self) -> &Program {
        self.borrow_owner()
    }

    /// Runs `f` with the program's plan (built on first use).
    pub(super) fn with_plan<R>(&self, f: impl for<'p> FnOnce(&'p Program, &Plan<'p>) -> R) -> R {
        self.with_dependent(|program, built| {
            f(program, built.plan.get_or_init(|| Plan::new(program)))
        })
    }

    /// The program back, for changing it (the plan is dropped with the pair).
    pub(super) fn into_program(self) -> Program {
        self.into_owner()
    }
}

impl Clone for Planned {
    fn clone(&self) -> Planned {
        Planned::of(self.program().clone())
    }
}
