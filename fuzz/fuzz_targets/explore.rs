//! explorer vs evaluation: options (through the JSON face), lawful range bounds and fixes are
//! confirmed by checking the edited document; the decomposed sweep counts what checking every
//! combination counts; the compatibility matrix's JSON face answers.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::explore(data));
