//! decide vs the explanation: a finding's trace names every document field it rests on
//! (changing a field no fact mentions keeps the finding); the explanation cut to its places
//! (`check_places`) keeps the full one's findings, paths and errors.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::explain(data));
