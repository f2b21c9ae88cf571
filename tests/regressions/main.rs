//! Replays saved fuzz inputs on stable, through the very functions the cargo-fuzz targets call
//! (`fuzz/src/targets.rs`). Every crash a fuzzer finds is copied to
//! `tests/regressions/<target>/<name>` once fixed, and stays here as a regression test:
//!
//!     cp fuzz/artifacts/eval/crash-<sha> tests/regressions/eval/<what-it-was>
//!
//! `PROBITY_REPLAY=<dir>` also replays a whole corpus (e.g. `fuzz/corpus`, with one folder per
//! target) without libFuzzer: `PROBITY_REPLAY=fuzz/corpus cargo test --release --test regressions`.

#[path = "../../fuzz/src/targets.rs"]
#[allow(dead_code)]
mod targets;

use std::path::{Path, PathBuf};

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("parse", targets::parse),
    ("compile", targets::compile),
    ("format", targets::format),
    ("document", targets::document),
    ("eval", targets::eval),
];

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Runs every input of every target under `root`; each on a 1 MiB stack (a WebAssembly stack).
fn replay(root: &Path) -> usize {
    let mut n = 0;
    for (name, run) in TARGETS {
        for path in files(&root.join(name)) {
            let data = std::fs::read(&path).expect("read a saved input");
            let run = *run;
            let result = std::thread::Builder::new()
                .stack_size(1 << 20)
                .spawn(move || run(&data))
                .expect("spawn")
                .join();
            assert!(result.is_ok(), "{name}: {} fails again", path.display());
            n += 1;
        }
    }
    n
}

#[test]
fn saved_fuzz_inputs_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let n = replay(&root);
    assert!(n > 0, "no saved inputs under {}", root.display());
}

#[test]
fn corpus_replay_when_asked() {
    if let Some(dir) = std::env::var_os("PROBITY_REPLAY") {
        let n = replay(Path::new(&dir));
        eprintln!("replayed {n} inputs from {}", Path::new(&dir).display());
    }
}
