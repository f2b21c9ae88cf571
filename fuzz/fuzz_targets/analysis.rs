//! analysis vs evaluation: every gap/overlap/shadowed/masked/subsumed witness is confirmed by
//! evaluating it, and random documents never contradict a claim of no gap or no overlap.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::analysis(data));
