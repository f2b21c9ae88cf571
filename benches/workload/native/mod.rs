//! The benchmark subsets compiled to Rust by `probity compile` (one module each, generated:
//! tests/plan.rs checks they are up to date and that they decide as the reference evaluator).

// Generated code keeps the layout `probity compile` gives it.
#[rustfmt::skip]
pub mod community_orders;
#[rustfmt::skip]
pub mod contracts;
#[rustfmt::skip]
pub mod routing;
