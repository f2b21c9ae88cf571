//! The evaluator on random valid documents: the fuzzer's bytes steer a schema-guided generator
//! (fuzz/src/docgen.rs) for one of the shipped rulebooks, so every document reaches `eval`.
//! Checks: the reader accepts what the generator made, evaluation never meets an internal
//! error, and it is deterministic (the same report twice).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::eval(data));
