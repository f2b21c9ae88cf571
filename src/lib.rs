//! probity: a policy-rules engine for probation law in England and Wales.
//! The pipeline runs one way: syntax -> check -> ir -> eval; see ARCHITECTURE.md.

// A Diagnostic is returned only on the cold error path, and keeping it plain data (not boxed)
// keeps every stage's signature simple.
#![allow(clippy::result_large_err)]

pub mod analyze;
pub mod check;
pub mod diag;
pub mod doc;
pub mod eval;
pub mod ir;
pub mod report;
pub mod syntax;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
