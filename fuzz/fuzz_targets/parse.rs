//! The parser on arbitrary text: any answer (an AST or a diagnostic), never a panic, hang or
//! stack overflow. Also parses the same text as a lone expression (message holes).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::parse(data));
