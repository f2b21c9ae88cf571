//! generated Rust vs plan: the committed generated modules (benches/workload/native, tests/plan)
//! decide random documents exactly as the plan does.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probity_fuzz::targets::native(data));
