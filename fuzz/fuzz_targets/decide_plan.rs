//! decide vs plan: a random well-typed rulebook (fuzz/src/rulegen.rs) and random documents for it;
//! the reference evaluator and the compiled plan must decide every document alike.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::decide_plan(data));
