//! explorer vs evaluation: options, lawful range bounds and fixes are confirmed by checking the
//! edited document; the decomposed sweep counts what checking every combination counts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::explore(data));
