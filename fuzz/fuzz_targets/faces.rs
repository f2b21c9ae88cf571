//! lint and explore on random rulebooks, and the formatter (idempotent, and the formatted text
//! decides every document as the original does).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::faces(data));
