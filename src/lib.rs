//! probity: a policy-rules engine for probation law in England and Wales.
//! The pipeline runs one way: syntax -> check -> ir -> eval; see ARCHITECTURE.md.

pub mod diag;
pub mod syntax;
pub mod check;
pub mod ir;
pub mod doc;
pub mod report;
pub mod eval;
