//! `fmt` round trip on arbitrary text: text that formats must parse; the formatted text differs
//! from the input in whitespace only, formats to itself (idempotent), and parses to the same
//! AST (spans aside).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::format(data));
