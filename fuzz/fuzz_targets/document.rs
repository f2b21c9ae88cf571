//! The JSON document reader on arbitrary text, against every shipped rulebook's schema. A
//! document it accepts goes on to the evaluator, which must not meet an internal error;
//! `check_json` refuses exactly what `doc::read` refuses.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::document(data));
