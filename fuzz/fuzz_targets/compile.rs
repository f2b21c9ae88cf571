//! The checker on arbitrary rule text: compile (one file, or several split at NUL bytes), render
//! every diagnostic with its caret, and when it compiles, run its own rule tests and describe
//! every declaration. Never a panic, hang or stack overflow.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::compile(data));
