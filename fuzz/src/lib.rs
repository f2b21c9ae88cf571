//! The fuzz targets' shared code. Everything lives in `targets.rs` (and `docgen.rs`), which the
//! stable test `tests/regressions/main.rs` includes too, so a saved crash replays without
//! nightly or libFuzzer.

pub mod targets;
pub use targets::docgen;
