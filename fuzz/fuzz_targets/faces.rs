//! The formatter on random rulebooks: idempotent, and the formatted text decides every document
//! as the original does (the lint's and the explorer's faces are fuzzed by `analysis` and
//! `explore`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::faces(data));
